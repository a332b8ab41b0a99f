"""The daily job of retention: pseudonymise or delete what passed its term (uwvkms.retention)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from uwvkms.retention import retention_apply


class Command(BaseCommand):
    help = (
        "Pseudonimiseert of verwijdert de persoonsgegevens waarvan de bewaartermijn verstreken is "
        "(gepubliceerde rapporten blijven). Met --proef verandert er niets: alleen een lijst. "
        "Veilig om twee keer te draaien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--proef", action="store_true", help="Alleen tonen wat zou worden verwerkt."
        )
        parser.add_argument(
            "--datum",
            help="Rekenen alsof het vandaag deze dag is (JJJJ-MM-DD); standaard vandaag.",
        )

    def handle(self, *args, proef: bool = False, datum: str | None = None, **options):
        today = timezone.localdate()
        if datum:
            try:
                today = datetime.date.fromisoformat(datum)
            except ValueError as error:
                raise CommandError(f"Geen geldige datum: {datum!r} (JJJJ-MM-DD).") from error
        if today > timezone.localdate() and not proef:
            # Applying with a day in the future would remove data before its term: irreversible.
            raise CommandError("Een datum in de toekomst kan alleen met --proef.")
        result = retention_apply(actor=None, today=today, dry_run=proef)
        verb = "zou verwerken" if proef else "verwerkt"
        for due in result:
            self.stdout.write(
                f"{due.kind.label} (termijn {due.kind.years} jaar): {due.count} {verb}."
            )
            for line in due.listed:
                self.stdout.write(f"  - {line}")
