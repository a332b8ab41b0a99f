from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from findings.demo import load_demo
from uwvkms.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Laad fictieve demodata (toetscyclus 2023, gebruikers per rol, scores, herstelacties). "
        "Idempotent."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "loaddemo draait alleen met DEBUG=1: de demowachtwoorden horen niet in productie."
            )
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demodata geladen. Inloggen met wachtwoord:"))
        self.stdout.write(f"  wachtwoord: {DEMO_PASSWORD}")
        for login in logins:
            note = f"  ({login.note})" if login.note else ""
            self.stdout.write(f"  {login.username:<22} {login.role:<28} {login.unit}{note}")
        # The herstel demo, by name: findings never imports herstel.
        call_command("loaddemo_herstel", stdout=self.stdout)
