from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.audit import load_demo
from demo.herstel import load_herstel_demo
from demo.people import login_lines
from uwvkms.reminders import reminders_send


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
        for line in login_lines(logins):
            self.stdout.write(line)
        # Then the herstel demo, printed as `loaddemo_herstel` prints it.
        logins = load_herstel_demo()
        self.stdout.write(self.style.SUCCESS("Demo-herstelacties geladen. Inloggen met:"))
        for line in login_lines(logins):
            self.stdout.write(line)
        # Today's reminders, as the daily job (`stuur_herinneringen`) would send them: the
        # follow-up actions due, overdue or without an effect measurement, the evaluations.
        # Idempotent: a second load reminds of nothing again.
        sent = reminders_send()
        self.stdout.write(
            self.style.SUCCESS(
                f"Herinneringen van vandaag: {sent} meldingen (de e-mails verschijnen op de console)."
            )
        )
