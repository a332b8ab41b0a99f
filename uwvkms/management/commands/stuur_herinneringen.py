"""The daily job of notifications: reminders, escalations, digests and mails to retry."""

from django.core.management.base import BaseCommand

from uwvkms.mail import notification_emails_retry
from uwvkms.reminders import digests_send, reminders_send


class Command(BaseCommand):
    help = (
        "Stuurt de herinneringen en escalaties van vandaag, de dagelijkse overzichten per e-mail "
        "en probeert mislukte e-mails opnieuw. Veilig om twee keer (of op twee servers) te draaien."
    )

    def handle(self, *args, **options):
        # Reminders first: a recipient who chose the digest finds today's reminders in it.
        reminded = reminders_send()
        digests = digests_send()
        retried = notification_emails_retry()
        self.stdout.write(
            f"{reminded} herinneringen, {digests} dagelijkse overzichten, "
            f"{retried} e-mails opnieuw verstuurd."
        )
