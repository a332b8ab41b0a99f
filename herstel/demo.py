"""Fictional demo herstelacties: seven actions, one per mandate path and stage, with working
groups, advice, decisions and a kapstokverhaal; one in execution with a few hundred imported
dossiers and weekly snapshots, one in evaluation and one closed. Built through the herstel
services so the timeline looks like real use. Idempotent: an action that exists (by title) is
left alone (its execution is added once when it has no go/no-go yet), and so are existing users
and contact persons. Every name, number, reference and text here is made up."""

import csv
import io
import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from herstel.constants import (
    AdviceSection,
    CommunicationFunction,
    Criterion,
    Directorate,
    DossierColumn,
    Effectiveness,
    Forum,
    GoBody,
    GoOutcome,
    InterestGroupKind,
    KapstokMove,
    NotificationKind,
    Outcome,
    SnapshotTrigger,
    StepMove,
)
from herstel.models import ContactPoint, Evaluation, Herstelactie
from herstel.rules import CriterionJudged, MeasureJudgement
from herstel.services.actions import advice_save, control_measure_add, herstelactie_start
from herstel.services.communication import (
    communication_member_add,
    issue_set,
    kapstok_move,
    kapstok_save,
)
from herstel.services.decisions import (
    decision_correct,
    decision_record,
    informal_round_record,
    notification_record,
)
from herstel.services.dossiers import dossier_snapshot_take, dossiers_import
from herstel.services.evaluation import evaluation_complete, evaluation_plan, evaluation_save
from herstel.services.execution import estimate_set, execution_plan_save, go_decision_record
from herstel.services.steps import herstelactie_move
from herstel.services.working_group import consultation_record, working_group_member_add
from uwvkms.constants import Role
from uwvkms.demo import DEMO_PASSWORD
from uwvkms.models import BusinessUnit, User

# (name, abbreviation, has execution processes): the units the herstel demo needs, as in the
# audit demo (findings/demo.py), so either loader may run first.
UNITS = [
    ("Uitkeren", "UIT", True),
    ("Werkbedrijf", "WB", True),
    ("SBK", "SBK", False),
    ("FEZ", "FEZ", False),
    ("Bestuurszaken", "BZ", False),
]

# (username, first name, last name, unit, role or None, what they do in the demo)
USERS = [
    ("herstel", "Hester", "Hersteladviseur", "Uitkeren", Role.HERSTEL_ADVISEUR,
     "adviseur van Uitkeren: leidt zes herstelacties"),
    ("herstel.wb", "Wouter", "Werkbedrijf", "Werkbedrijf", Role.HERSTEL_ADVISEUR,
     "adviseur van Werkbedrijf: leidt één actie in stap 1"),
    ("herstel.sbk", "Sara", "Bestuurskabinet", "SBK", Role.HERSTEL_ADVISEUR,
     "SBK: SZW, de nota aan de minister, contactpersonen"),
    ("directie.uitkeren", "Directie", "Uitkeren", "Uitkeren", Role.DIRECTIE,
     "DT van Uitkeren: legt stap 2A vast"),
    ("rvb", "Robert", "Bestuurder", "Bestuurszaken", Role.RVB, "RvB: legt stap 2B vast"),
    ("fez.werkgroep", "Fenna", "Financiën", "FEZ", None,
     "vaste contactpersoon FEZ: leest elke actie mee"),
    ("herstel.fez", "Frank", "Controller", "FEZ", Role.HERSTEL_ADVISEUR,
     "FEZ: financiële cijfers van alle acties, totaaloverzicht en export"),
]  # fmt: skip

CONTACT_POINTS = [
    (Directorate.UITKEREN, "Ingrid Veldman", None),
    (Directorate.DHH, "Kees Molenaar", None),
    (Directorate.SMZ, "Nadia El Amrani", None),
    (Directorate.WB, "Pim Schouten", None),
    (Directorate.JKC, "mr. Lieke Verbeek", None),
    (Directorate.FEZ, "Fenna Financiën", "fez.werkgroep"),
    (Directorate.SBK, "Sara Bestuurskabinet", "herstel.sbk"),
    (Directorate.KS, "Joost Hoogland", None),
    (Directorate.COMMUNICATIE, "Romy Tersteeg", None),
]

DT_PATH = (True, False, False, False, False)
RVB_PATH = (True, True, True, False, False)
MINISTER_PATH = (True, True, True, True, True)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    unit: str
    note: str = ""


def _advice(**texts: str) -> dict[str, str]:
    base = {
        AdviceSection.TARGET_GROUP: "Cliënten bij wie de fout in de genoemde periode optrad.",
        AdviceSection.LEGAL_FRAMEWORK: "De wet biedt ruimte om ambtshalve te herzien.",
        AdviceSection.FINANCIAL_CLIENTS: "Nabetaling per cliënt, met wettelijke rente.",
        AdviceSection.FINANCIAL_EMPLOYERS: "Niet van toepassing.",
        AdviceSection.FINANCIAL_MONEY_FLOW: "Komt ten laste van het uitvoeringsbudget.",
        AdviceSection.FINANCIAL_OTHERS: "Geen andere belanghebbenden.",
        AdviceSection.CAPACITY: "Eén team beoordeelt de dossiers binnen drie maanden.",
        AdviceSection.COMMUNICATION: "Iedere cliënt krijgt een persoonlijke brief.",
        AdviceSection.OTHER: "Geen.",
    }
    return {section.value: text for section, text in base.items()} | texts


def _criteria(values, judged_by="Jurist JKC en controller FEZ") -> dict[str, CriterionJudged]:
    reasons = {
        Criterion.WITHIN_LAW: ("De wet staat herziening toe.", "De wet biedt geen grondslag."),
        Criterion.ORGANISATIONAL_IMPACT: (
            "Meerdere divisies en een hoog bedrag per cliënt.",
            "Eén team, binnen de normale capaciteit.",
        ),
        Criterion.POLITICAL_SENSITIVITY: (
            "Een grote, kwetsbare groep en een lange historie.",
            "Een kleine groep met beperkte gevolgen.",
        ),
        Criterion.CLIENT_IMPACT: ("Cliënten moeten geld terugbetalen.", "Cliënten krijgen geld."),
        Criterion.MONEY_FLOW: ("Het totaal loopt in de miljoenen.", "Een beperkt totaalbedrag."),
    }
    return {
        criterion.value: CriterionJudged(
            value=value,
            rationale=reasons[criterion][0 if value else 1],
            judged_by=judged_by,
        )
        for criterion, value in zip(Criterion, values, strict=True)
    }


@transaction.atomic
def load_herstel_demo() -> list[DemoLogin]:
    """Create (or find) the demo herstelacties and their people; return the logins to print."""
    units = {
        name: BusinessUnit.objects.get_or_create(
            name=name, defaults={"abbreviation": abbr, "has_execution_processes": execution}
        )[0]
        for name, abbr, execution in UNITS
    }
    password_hash = make_password(DEMO_PASSWORD)  # one hash for every demo user
    people: dict[str, User] = {}
    logins = []
    for username, first, last, unit, role, note in USERS:
        person, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.invalid",
                "business_unit": units[unit],
                "password": password_hash,
            },
        )
        if created and role is not None:
            person.groups.add(Group.objects.get(name=role.value))
        people[username] = person
        logins.append(DemoLogin(username, role.label if role else "werkgroeplid", unit, note))

    if not ContactPoint.objects.exists():
        for directorate, name, username in CONTACT_POINTS:
            ContactPoint.objects.create(
                directorate=directorate,
                name=name,
                email=f"{name.split()[-1].lower()}@demo.invalid",
                user=people.get(username) if username else None,
            )

    for scenario in (
        _dt_done,
        _dt_done_execution,
        _dt_waiting,
        _rvb_waiting,
        _minister_waiting,
        _step_1,
        _evaluating,
        _closed,
    ):
        scenario(people)
    return logins


def _exists(title: str) -> bool:
    return Herstelactie.objects.filter(title=title).exists()


def _start(adviser: User, title: str, **fields) -> Herstelactie:
    return herstelactie_start(actor=adviser, title=title, lead_unit=adviser.business_unit, **fields)


def _fill(action: Herstelactie, adviser: User, values, **texts) -> Herstelactie:
    action.refresh_from_db()
    return advice_save(
        actor=adviser,
        herstelactie=action,
        expected_version=action.version,
        sections=_advice(**texts),
        criteria=_criteria(values),
    )


def _move(action: Herstelactie, actor: User, move: StepMove, reason: str = "") -> Herstelactie:
    action.refresh_from_db()
    return herstelactie_move(
        actor=actor, herstelactie=action, move=move, expected_version=action.version, reason=reason
    )


def _decide(action, actor, forum, outcome, body, on, document=""):
    action.refresh_from_db()
    return decision_record(
        actor=actor,
        herstelactie=action,
        forum=forum,
        outcome=outcome,
        body=body,
        decided_on=on,
        document=document,
    )


def _notify(action, actor, kind, summary, on, document=""):
    action.refresh_from_db()
    return notification_record(
        actor=actor,
        herstelactie=action,
        kind=kind,
        informed_on=on,
        summary=summary,
        document=document,
    )


def _dt_done(people) -> None:
    """DT mandate, decided and on to execution (step 3)."""
    title = "Nabetaling reiskosten bij re-integratietrajecten"
    if _exists(title):
        return
    adviser, dt, rvb = people["herstel"], people["directie.uitkeren"], people["rvb"]
    action = _start(
        adviser,
        title,
        what_went_wrong="Reiskosten naar een re-integratiebedrijf werden met een verouderd "
        "kilometertarief vergoed.",
        wrong_since=date(2024, 9, 1),
        estimated_clients=180,
        estimated_dossiers=180,
        estimated_amount=Decimal("21600.00"),
    )
    control_measure_add(
        actor=adviser,
        herstelactie=action,
        description="Het kilometertarief staat voortaan als parameter in het systeem.",
        owner="Proceseigenaar re-integratie",
        due_on=date(2026, 3, 1),
    )
    _fill(action, adviser, DT_PATH, target_group="Ongeveer 180 cliënten met reiskosten.")
    _move(action, adviser, StepMove.SUBMIT_ADVICE)
    _decide(
        action,
        dt,
        Forum.DT,
        Outcome.BESLUIT,
        "Het verschil wordt ambtshalve nabetaald met wettelijke rente.",
        date(2025, 10, 7),
        "DT-besluit UIT-2025-041",
    )
    _notify(
        action,
        adviser,
        NotificationKind.RVB_INFORMED,
        "RvB per memo geïnformeerd, in afstemming met SBK.",
        date(2025, 10, 9),
        "Memo RvB 2025-112",
    )
    _move(action, dt, StepMove.TO_RVB)
    _decide(
        action,
        rvb,
        Forum.RVB,
        Outcome.KENNISNAME,
        "De RvB neemt het besluit van de DT ter kennisgeving aan.",
        date(2025, 10, 21),
    )
    _move(action, adviser, StepMove.TO_EXECUTION)


def _dt_waiting(people) -> None:
    """DT mandate, advice submitted: the DT of Uitkeren is to decide (step 2A)."""
    title = "Vakantiegeld WW dubbel verrekend"
    if _exists(title):
        return
    adviser = people["herstel"]
    action = _start(
        adviser,
        title,
        what_went_wrong="Bij een wijziging van het uitbetalingsritme werd vakantiegeld twee keer "
        "verrekend met inkomsten.",
        wrong_since=date(2025, 5, 1),
        estimated_clients=420,
        estimated_dossiers=430,
        estimated_amount=Decimal("58000.00"),
    )
    _fill(action, adviser, DT_PATH)
    informal_round_record(
        actor=adviser,
        herstelactie=action,
        held_on=date(2025, 11, 3),
        participants="Directeur Uitkeren en de proceseigenaar WW",
        summary="Voorkeur voor herstel zonder aanvraag van de cliënt.",
    )
    _move(action, adviser, StepMove.SUBMIT_ADVICE)


def _rvb_waiting(people) -> None:
    """RvB mandate: the DT took note (and corrected its record); the RvB is to decide (2B)."""
    title = "Ten onrechte beëindigde uitkeringen na herbeoordeling"
    if _exists(title):
        return
    adviser, dt, sbk = people["herstel"], people["directie.uitkeren"], people["herstel.sbk"]
    action = _start(
        adviser,
        title,
        what_went_wrong="Na een herbeoordeling werden uitkeringen beëindigd terwijl de "
        "beoordeling nog niet was afgerond.",
        wrong_since=date(2024, 3, 1),
        estimated_clients=2100,
        estimated_dossiers=2300,
        estimated_amount=Decimal("3400000.00"),
    )
    consultation_record(
        actor=adviser,
        herstelactie=action,
        kind=InterestGroupKind.CLIENTENRAAD,
        name="Landelijke Cliëntenraad",
        consulted_on=date(2025, 9, 15),
        outcome="Steunt herstel; vraagt om een vast aanspreekpunt voor cliënten.",
    )
    working_group_member_add(
        actor=adviser,
        herstelactie=action,
        name="Marloes de Ruiter",
        directorate=Directorate.SMZ,
        role="Verzekeringsarts, medisch advies",
    )
    _fill(
        action, adviser, RVB_PATH, target_group="Ruim 2.000 cliënten van wie de uitkering stopte."
    )
    _move(action, adviser, StepMove.SUBMIT_ADVICE)
    noted = _decide(
        action,
        dt,
        Forum.DT,
        Outcome.KENNISNAME,
        "De DT neemt kennis van het advies.",
        date(2025, 10, 14),
    )
    decision_correct(
        actor=dt,
        decision=noted,
        outcome=Outcome.KENNISNAME,
        body="De DT neemt kennis van het advies en vult de capaciteitsparagraaf aan.",
        decided_on=date(2025, 10, 14),
        reason="De aanvulling op het advies ontbrak in het verslag.",
    )
    _notify(
        action,
        sbk,
        NotificationKind.RVB_INFORMED,
        "Geagendeerd voor de RvB-vergadering.",
        date(2025, 10, 20),
    )
    _move(action, dt, StepMove.TO_RVB)


def _minister_waiting(people) -> None:
    """RvB + minister mandate, an issue: the note is with the minister (answer to record)."""
    title = "Terugvordering na samenloop van uitkeringen"
    if _exists(title):
        return
    adviser, dt, rvb, sbk = (
        people["herstel"],
        people["directie.uitkeren"],
        people["rvb"],
        people["herstel.sbk"],
    )
    action = _start(
        adviser,
        title,
        what_went_wrong="Bij samenloop van twee uitkeringen is jarenlang te veel uitbetaald; "
        "terugvorderen raakt een kwetsbare groep.",
        wrong_since=date(2021, 1, 1),
        estimated_clients=9500,
        estimated_dossiers=11000,
        estimated_amount=Decimal("27500000.00"),
    )
    issue_set(
        actor=sbk, herstelactie=action, is_issue=True, reason="Kamervragen zijn aangekondigd."
    )
    for function, name in [
        (CommunicationFunction.ISSUEMANAGEMENT, "Romy Tersteeg"),
        (CommunicationFunction.WOORDVOERING, "Daan Pers"),
        (CommunicationFunction.PUBLIC_AFFAIRS, "Lotte Haag"),
        (CommunicationFunction.INTERNE_COMMUNICATIE, "Bas Intranet"),
        (CommunicationFunction.ISSUE_EIGENAAR_SBK, "Sara Bestuurskabinet"),
    ]:
        communication_member_add(actor=sbk, herstelactie=action, function=function, name=name)
    first = kapstok_save(
        actor=sbk,
        herstelactie=action,
        expected_version=0,
        narrative="UWV heeft te veel uitbetaald en neemt zijn verantwoordelijkheid. We kiezen "
        "een aanpak die cliënten niet in de problemen brengt.",
        key_messages="UWV heeft een fout gemaakt.\nNiemand komt door de terugvordering in "
        "financiële problemen.\nCliënten krijgen persoonlijk bericht.",
        questions_answers=[
            ("Moet ik nu iets doen?", "Nee. U krijgt eerst een brief met uitleg."),
            ("Kan ik een regeling treffen?", "Ja, we stemmen het bedrag af op uw situatie."),
        ],
    )
    kapstok_move(actor=sbk, kapstok=first, move=KapstokMove.SUBMIT, expected_status="concept")
    kapstok_move(actor=sbk, kapstok=first, move=KapstokMove.ADOPT, expected_status="ter_afstemming")
    kapstok_save(
        actor=adviser,
        herstelactie=action,
        expected_version=1,
        narrative=first.narrative + " De minister beslist over het voorstel.",
        key_messages=first.key_messages,
        questions_answers=[(qa.question, qa.answer) for qa in first.qas.all()],
    )
    _fill(action, adviser, MINISTER_PATH, financial_money_flow="Een terugvordering van ruim "
          "27 miljoen euro uit de grote geldstroom.")  # fmt: skip
    _move(action, adviser, StepMove.SUBMIT_ADVICE)
    _decide(
        action, dt, Forum.DT, Outcome.KENNISNAME, "Kennisgenomen en verrijkt.", date(2025, 9, 2)
    )
    _move(action, dt, StepMove.TO_RVB)
    _decide(
        action,
        rvb,
        Forum.RVB,
        Outcome.VOORGENOMEN_BESLUIT,
        "De RvB wil afzien van terugvordering onder een drempelbedrag en legt dit voor aan de "
        "minister.",
        date(2025, 9, 16),
        "RvB-besluitenlijst 2025-33",
    )
    _move(action, sbk, StepMove.TO_MINISTER)
    _notify(
        action,
        sbk,
        NotificationKind.MINISTER_NOTE,
        "Nota aan de minister met verzoek tot besluit, opgesteld met de directie van SZW.",
        date(2025, 9, 30),
        "Nota SZW 2025-0917",
    )


def _step_1(people) -> None:
    """Step 1, led by Werkbedrijf: the advice is half done; Hester reads along."""
    title = "Te laat verwerkte inkomstenopgaven"
    if _exists(title):
        return
    adviser = people["herstel.wb"]
    action = _start(
        adviser,
        title,
        what_went_wrong="Inkomstenopgaven bleven weken liggen, waardoor voorschotten te hoog "
        "uitvielen.",
        wrong_since=date(2025, 6, 1),
        estimated_clients=760,
    )
    working_group_member_add(
        actor=adviser,
        herstelactie=action,
        user=people["herstel"],
        directorate=Directorate.UITKEREN,
        role="Adviseur Uitkeren, meelezer",
    )
    action.refresh_from_db()
    advice_save(
        actor=adviser,
        herstelactie=action,
        expected_version=action.version,
        sections={
            AdviceSection.TARGET_GROUP: "Cliënten met wisselende inkomsten en een voorschot.",
            AdviceSection.LEGAL_FRAMEWORK: "Herziening van het voorschot is mogelijk.",
        },
        criteria={
            Criterion.WITHIN_LAW: CriterionJudged(True, "De wet staat herziening toe.", "JKC"),
            Criterion.CLIENT_IMPACT: CriterionJudged(
                True, "Terugbetalen raakt deze cliënten hard.", "Adviseur Werkbedrijf"
            ),
        },
    )


# --- Steps 3 and 4 ------------------------------------------------------------------------------


def _to_execution(action: Herstelactie, people, decided_on: date) -> None:
    """The DT path from an action in step 1 to step 3: advice, DT decision, RvB informed and
    noting it."""
    adviser, dt, rvb = people["herstel"], people["directie.uitkeren"], people["rvb"]
    _fill(action, adviser, DT_PATH)
    _move(action, adviser, StepMove.SUBMIT_ADVICE)
    _decide(
        action,
        dt,
        Forum.DT,
        Outcome.BESLUIT,
        "Herstel zonder aanvraag; de divisie voert uit.",
        decided_on,
        f"DT-besluit UIT-{decided_on:%Y}-{action.pk:03d}",
    )
    _notify(
        action, adviser, NotificationKind.RVB_INFORMED, "RvB per memo geïnformeerd.", decided_on
    )
    _move(action, dt, StepMove.TO_RVB)
    _decide(
        action,
        rvb,
        Forum.RVB,
        Outcome.KENNISNAME,
        "De RvB neemt het besluit ter kennisgeving aan.",
        decided_on + timedelta(days=7),
    )
    _move(action, adviser, StepMove.TO_EXECUTION)


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


def _dt_done_execution(people) -> None:
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


def _evaluating(people) -> None:
    """Step 4: executed with 240 dossiers, evaluation 1 completed with one measure not yet in
    place, so evaluation 2 is planned."""
    title = "Niet uitbetaalde vakantiebijslag WIA"
    if _exists(title):
        return
    adviser = people["herstel"]
    action = _start(
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
    _move(action, adviser, StepMove.TO_EVALUATION)
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


def _closed(people) -> None:
    """Closed: executed with 90 dossiers, evaluated with every measure in place and working."""
    title = "Nabetaling na te laat verwerkte adreswijzigingen"
    if _exists(title):
        return
    adviser = people["herstel"]
    action = _start(
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
    _move(action, adviser, StepMove.TO_EVALUATION)
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
    _move(action, adviser, StepMove.CLOSE)
