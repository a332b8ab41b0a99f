"""Retry the e-mails of notifications that did not go out (run by the watchdog timer)."""

from django.core.management.base import BaseCommand

from uwvkms.mail import notification_emails_retry


class Command(BaseCommand):
    help = "Probeert de e-mails van meldingen die niet verstuurd zijn opnieuw."

    def handle(self, *args, **options):
        self.stdout.write(f"{notification_emails_retry()} e-mails opnieuw verstuurd.")
