from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.herstel import load_herstel_demo
from demo.people import login_lines


class Command(BaseCommand):
    help = (
        "Laad fictieve demo-herstelacties (zeven acties: elk mandaatpad, uitvoering met dossiers, "
        "evaluatie en een gesloten actie). Idempotent."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "loaddemo_herstel draait alleen met DEBUG=1: de demowachtwoorden horen niet in "
                "productie."
            )
        logins = load_herstel_demo()
        self.stdout.write(self.style.SUCCESS("Demo-herstelacties geladen. Inloggen met:"))
        for line in login_lines(logins):
            self.stdout.write(line)
