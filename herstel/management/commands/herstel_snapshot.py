from django.core.management.base import BaseCommand

from herstel.services.dossiers import snapshots_take_all


class Command(BaseCommand):
    help = (
        "Neem een momentopname van de dossiercijfers van elke herstelactie in uitvoering of "
        "evaluatie (voor de trend per week; draai wekelijks, bijvoorbeeld via cron). Met --actie "
        "alleen die acties."
    )

    def add_arguments(self, parser):
        parser.add_argument("--actie", type=int, action="append", dest="actions", default=None)

    def handle(self, *args, actions=None, **options):
        snapshots = snapshots_take_all(action_ids=actions)
        self.stdout.write(self.style.SUCCESS(f"{len(snapshots)} momentopname(s) genomen."))
