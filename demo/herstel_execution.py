"""The herstel demo's steps 3 and 4 (DOMAIN.md §6): one action in execution with a plan of
approach, a go and a few hundred imported fictional dossiers with weekly snapshots, one in
evaluation and one closed. Built through the herstel services, on the moves of
demo/herstel_decisions.py. Every name, number, reference and text here is made up."""

import csv
import io
import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from demo.herstel_decisions import (
    DT_PATH,
    action_exists,
    action_start,
    advice_fill,
    decision_add,
    notification_add,
    step_move,
)
from herstel.constants import (
    ControlMeasureProgress,
    DossierColumn,
    Effectiveness,
    Forum,
    GoBody,
    GoOutcome,
    NotificationKind,
    Outcome,
    SnapshotTrigger,
    StepMove,
)
from herstel.models import Evaluation, Herstelactie
from herstel.rules import MeasureJudgement
from herstel.services.actions import control_measure_add, control_measure_update
from herstel.services.dossiers import dossier_snapshot_take, dossiers_import
from herstel.services.evaluation import evaluation_complete, evaluation_plan, evaluation_save
from herstel.services.execution import estimate_set, execution_plan_save, go_decision_record
from uwvkms.models import User


def _to_execution(action: Herstelactie, people, decided_on: date) -> None:
    """The DT path from an action in step 1 to step 3: advice, DT decision, RvB informed and
    noting it."""
    adviser, dt, rvb = people["herstel"], people["directie.uitkeren"], people["rvb"]
    advice_fill(action, adviser, DT_PATH)
    step_move(action, adviser, StepMove.SUBMIT_ADVICE)
    decision_add(
        action,
        dt,
        Forum.DT,
        Outcome.BESLUIT,
        "Herstel zonder aanvraag; de divisie voert uit.",
        decided_on,
        f"DT-besluit UIT-{decided_on:%Y}-{action.pk:03d}",
    )
    notification_add(
        action, adviser, NotificationKind.RVB_INFORMED, "RvB per memo geïnformeerd.", decided_on
    )
    step_move(action, dt, StepMove.TO_RVB)
    decision_add(
        action,
        rvb,
        Forum.RVB,
        Outcome.KENNISNAME,
        "De RvB neemt het besluit ter kennisgeving aan.",
        decided_on + timedelta(days=7),
    )
    step_move(action, adviser, StepMove.TO_EXECUTION)


def _plan_and_go(action: Herstelactie, people, *, lead: str, team: list[str], go_on: date):
    adviser, dt = people["herstel"], people["directie.uitkeren"]
    action.refresh_from_db()
    execution_plan_save(
        actor=adviser,
        herstelactie=action,
        expected_version=action.version,
        project_lead=lead,
        team="\n".join(team),
        structure="Stuurgroep met de directeur Uitkeren (tweewekelijks); het projectteam "
        "rapporteert wekelijks de voortgang aan de werkgroep.",
        plan_document=f"Plan van aanpak herstel {action.pk:03d}, versie 1.0",
        plan_summary="Dossiers worden in batches beoordeeld; nabetalingen gaan wekelijks mee in "
        "de betaalrun; cliënten krijgen een persoonlijke brief.",
        planned_start=go_on,
        planned_end=go_on + timedelta(days=120),
    )
    go_decision_record(
        actor=dt,
        herstelactie=action,
        body=GoBody.DT,
        outcome=GoOutcome.GO,
        decided_on=go_on,
        rationale="Capaciteit en plan van aanpak zijn rond.",
        document="DT-verslag, go/no-go uitvoering",
    )


def _dossier_file(prefix: str, count: int, *, seed: int, assessed: float, handled: float) -> bytes:
    """A fictional import file: `count` dossiers with pseudonymous references, the first share
    (`assessed`) assessed and the first share (`handled`) of those handled, with made-up
    amounts. Each reference keeps its outcome and amount across files of the same seed, so
    successive files of an action only move dossiers forward."""
    rnd = random.Random(seed)  # fixed: the demo is the same every time
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(DossierColumn.values)
    for number in range(1, count + 1):
        reference = f"{prefix}-{number:04d}"
        progress, kind = rnd.random(), rnd.random()
        euros_ = f"{rnd.randint(40, 2400)},{rnd.randint(0, 99):02d}"
        recovered = f"{rnd.randint(20, 900)},{rnd.randint(0, 99):02d}"
        if progress >= assessed:
            writer.writerow([reference, "te beoordelen", "", "", "", "", ""])
            continue
        status = "afgehandeld" if progress < handled else "beoordeeld"
        if kind < 0.55:
            paid, to_pay = (euros_, "0") if status == "afgehandeld" else ("0", euros_)
            writer.writerow([reference, status, "nabetalen", paid, to_pay, "0", "0"])
        elif kind < 0.75:
            writer.writerow([reference, status, "terugvorderen", "0", "0", recovered, "0"])
        elif kind < 0.85:
            writer.writerow([reference, status, "afboeken", "0", "0", "0", euros_])
        else:
            writer.writerow([reference, status, "geen wijziging", "0", "0", "0", "0"])
    return out.getvalue().encode("utf-8")


def _import(action: Herstelactie, adviser: User, name: str, data: bytes, weeks_ago: int):
    """Import a file; keep a snapshot dated `weeks_ago` so the trend shows earlier weeks."""
    action.refresh_from_db()
    dossiers_import(actor=adviser, herstelactie=action, file_name=name, data=data)
    if weeks_ago:
        dossier_snapshot_take(
            herstelactie=action,
            trigger=SnapshotTrigger.SCHEDULE,
            taken_at=timezone.now() - timedelta(weeks=weeks_ago),
        )


def dt_done_execution(people) -> None:
    """The DT-path action in step 3: project structure, a go, and 180 dossiers imported three
    times over six weeks (all still to assess, then half, then most), with an entered
    estimate."""
    action = Herstelactie.objects.filter(
        title="Nabetaling reiskosten bij re-integratietrajecten"
    ).first()
    if action is None or action.go_decisions.exists():
        return
    adviser = people["herstel"]
    _plan_and_go(
        action,
        people,
        lead="Petra Projectleider",
        team=["Ahmed Beoordelaar (beoordelaar)", "Kim Betaal (financiële administratie)"],
        go_on=date(2025, 11, 3),
    )
    for assessed, handled, weeks_ago in [(0.0, 0.0, 6), (0.45, 0.2, 3), (0.8, 0.55, 0)]:
        _import(
            action,
            adviser,
            f"reiskosten-week-{6 - weeks_ago}.csv",
            _dossier_file("RK", 180, seed=7, assessed=assessed, handled=handled),
            weeks_ago,
        )
    action.refresh_from_db()
    estimate_set(
        actor=adviser,
        herstelactie=action,
        expected_version=action.version,
        average=Decimal("120.00"),
        basis="Het verschil in kilometertarief maal het gemiddeld aantal ritten per traject.",
    )


MEASURES = [
    ("De vakantiebijslag wordt automatisch berekend bij elke wijziging van de uitkering.",
     "Proceseigenaar WIA", date(2025, 6, 1)),
    ("Een maandelijkse steekproef controleert de berekende vakantiebijslag.",
     "Teamleider kwaliteit", date(2025, 9, 1)),
]  # fmt: skip


def evaluating(people) -> None:
    """Step 4: executed with 240 dossiers, evaluation 1 completed with one measure not yet in
    place, so evaluation 2 is planned."""
    title = "Niet uitbetaalde vakantiebijslag WIA"
    if action_exists(title):
        return
    adviser = people["herstel"]
    action = action_start(
        adviser,
        title,
        what_went_wrong="Na een systeemwijziging werd de vakantiebijslag van een groep "
        "WIA-gerechtigden niet uitbetaald.",
        wrong_since=date(2024, 5, 1),
        estimated_clients=240,
        estimated_dossiers=240,
        estimated_amount=Decimal("96000.00"),
    )
    for description, owner, due_on in MEASURES:
        control_measure_add(
            actor=adviser, herstelactie=action, description=description, owner=owner, due_on=due_on
        )
    _to_execution(action, people, date(2025, 2, 4))
    _plan_and_go(
        action,
        people,
        lead="Sanne Uitvoering",
        team=["Team WIA Zwolle", "Team WIA Utrecht"],
        go_on=date(2025, 3, 3),
    )
    _import(
        action,
        adviser,
        "vakantiebijslag-eerste-levering.csv",
        _dossier_file("VB", 240, seed=21, assessed=0.6, handled=0.4),
        10,
    )
    _import(
        action,
        adviser,
        "vakantiebijslag-eindstand.csv",
        _dossier_file("VB", 240, seed=21, assessed=1.0, handled=1.0),
        2,
    )
    step_move(action, adviser, StepMove.TO_EVALUATION)
    first = Evaluation.objects.get(herstelactie=action, number=1)
    measures = list(action.measures.order_by("due_on", "id"))
    evaluation_save(
        actor=adviser,
        evaluation=first,
        expected_version=first.version,
        client_experience="Cliënten waardeerden de brief zonder aanvraag; een deel belde met "
        "vragen over de rente.",
        survey_invited=240,
        survey_responses=84,
        survey_satisfied=61,
        survey_score=Decimal("7.4"),
        internal_process="De batches liepen goed; de betaalrun moest twee keer worden aangepast.",
        lessons="Neem de rente voortaan op in de eerste brief.",
        measures={
            measures[0].pk: MeasureJudgement(
                True, Effectiveness.YES, "Release 2025.3; controle op tien dossiers."
            ),
            measures[1].pk: MeasureJudgement(False, "", ""),
        },
    )
    first.refresh_from_db()
    evaluation_complete(
        actor=adviser,
        evaluation=first,
        expected_version=first.version,
        completed_on=timezone.localdate(),
    )
    action.refresh_from_db()
    evaluation_plan(
        actor=adviser,
        herstelactie=action,
        planned_on=timezone.localdate() + timedelta(days=90),
        reason="De maandelijkse steekproef is nog niet ingevoerd.",
    )


def closed(people) -> None:
    """Closed: executed with 90 dossiers, evaluated with every measure in place and working."""
    title = "Nabetaling na te laat verwerkte adreswijzigingen"
    if action_exists(title):
        return
    adviser = people["herstel"]
    action = action_start(
        adviser,
        title,
        what_went_wrong="Adreswijzigingen bleven liggen, waardoor toeslagen op de uitkering te "
        "laat werden aangepast.",
        wrong_since=date(2023, 9, 1),
        estimated_clients=90,
        estimated_dossiers=90,
        estimated_amount=Decimal("18000.00"),
    )
    control_measure_add(
        actor=adviser,
        herstelactie=action,
        description="Adreswijzigingen komen in een eigen werkvoorraad met een termijn van vijf "
        "dagen.",
        owner="Teamleider klantcontact",
        due_on=date(2024, 6, 1),
    )
    _to_execution(action, people, date(2024, 3, 5))
    _plan_and_go(
        action, people, lead="Olaf Oplevering", team=["Team Uitkeren Noord"], go_on=date(2024, 4, 2)
    )
    _import(
        action,
        adviser,
        "adreswijzigingen.csv",
        _dossier_file("AW", 90, seed=31, assessed=1.0, handled=1.0),
        30,
    )
    step_move(action, adviser, StepMove.TO_EVALUATION)
    evaluation = Evaluation.objects.get(herstelactie=action, number=1)
    measure = action.measures.get()
    evaluation_save(
        actor=adviser,
        evaluation=evaluation,
        expected_version=evaluation.version,
        client_experience="Weinig reacties; de cliënten die belden, waren tevreden over de "
        "snelle nabetaling.",
        internal_process="Klein team, korte lijnen; binnen de planning afgerond.",
        measures={
            measure.pk: MeasureJudgement(
                True, Effectiveness.YES, "De werkvoorraad staat op nul; rapportage per week."
            )
        },
    )
    evaluation.refresh_from_db()
    evaluation_complete(
        actor=adviser,
        evaluation=evaluation,
        expected_version=evaluation.version,
        completed_on=timezone.localdate(),
    )
    step_move(action, adviser, StepMove.CLOSE)
    # Learning and prevention go on after closing (issue 20): the measure is reported gereed,
    # and a new one is added to the closed action; both stand on Uitkeren's improvement list.
    measure.refresh_from_db()
    control_measure_update(
        actor=adviser,
        measure=measure,
        expected_version=measure.version,
        description=measure.description,
        owner=measure.owner,
        due_on=measure.due_on,
        progress=ControlMeasureProgress.GEREED,
    )
    action.refresh_from_db()
    control_measure_add(
        actor=adviser,
        herstelactie=action,
        description="Een kwartaalrapportage signaleert adreswijzigingen die langer dan vijf dagen "
        "liggen.",
        owner="Teamleider klantcontact",
        due_on=timezone.localdate() + timedelta(days=90),
        progress=ControlMeasureProgress.IN_UITVOERING,
    )
