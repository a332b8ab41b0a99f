"""Mark report versions failed that a dead worker left queued or rendering (run daily by the
uwvkms-daily timer, and at will): see `report_versions_fail_stalled`."""

from django.core.management.base import BaseCommand

from findings.services.publishing import report_versions_fail_stalled


class Command(BaseCommand):
    help = "Markeer rapportversies zonder voortgang als mislukt, zodat ze opnieuw kunnen."

    def handle(self, *args, **options):
        marked = report_versions_fail_stalled()
        self.stdout.write(f"{marked} vastgelopen rapportversie(s) als mislukt gemarkeerd.")
