from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from herstel.demo import load_herstel_demo
from uwvkms.demo import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Laad fictieve demo-herstelacties (vijf acties, één per mandaatpad en stap). Idempotent."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "loaddemo_herstel draait alleen met DEBUG=1: de demowachtwoorden horen niet in "
                "productie."
            )
        logins = load_herstel_demo()
        self.stdout.write(self.style.SUCCESS("Demo-herstelacties geladen. Inloggen met:"))
        self.stdout.write(f"  wachtwoord: {DEMO_PASSWORD}")
        for login in logins:
            note = f"  ({login.note})" if login.note else ""
            self.stdout.write(f"  {login.username:<22} {login.role:<28} {login.unit}{note}")
