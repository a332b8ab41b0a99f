"""Fictional fieldwork for the demo cycle: districts and their draw, the document study and
interviews in every status. Idempotent: what exists is left alone. Everything goes through the
audits services, so the demo's event log looks like real use."""

import random
from datetime import date, timedelta

from audits.constants import (
    CycleStatus,
    DocumentStatus,
    InterviewAction,
    InterviewStatus,
    LocationKind,
)
from audits.models import (
    Assignment,
    AuditCycle,
    District,
    DistrictDraw,
    DocumentCheck,
    DocumentType,
    Exclusion,
    Interview,
    InterviewQuestion,
    ManagementPrinciple,
)
from audits.selectors import assessed_principle_ids_by_unit
from audits.services import cycle_advance, cycle_open
from audits.services.confirmations import interviewee_confirmation_record
from audits.services.cycles import unit_exclude
from audits.services.districts import district_add, districts_draw
from audits.services.documents import document_check_save, document_file_add
from audits.services.interviews import (
    IntervieweeData,
    NoteData,
    interview_create,
    interview_transition,
    interview_withdraw,
)
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User

# Per unit two central and two decentral candidates; the names are fictional.
CENTRAL = ["Staf {abbr}", "Afdeling Kwaliteit {abbr}"]
DECENTRAL = ["Regio Noord", "Regio Oost", "Regio Zuid", "Regio West", "District Midden"]

PEOPLE = [
    ("Femke Hoekstra", "teamleider"),
    ("Ruben Kuipers", "senior medewerker"),
    ("Lotte van Wijk", "procesmanager"),
    ("Sem Verhoeven", "kwaliteitsadviseur"),
    ("Noor Jonker", "medewerker"),
    ("Milan Schouten", "afdelingsmanager"),
]

NOTES = [
    "Het team bespreekt wekelijks de werkvoorraad en stuurt bij op doorlooptijden.",
    "Trots op de klantgesprekken; verbeterpunten worden genoteerd maar niet altijd opgevolgd.",
    "Fouten worden gemeld in het teamoverleg; of een maatregel werkt wordt nog niet gemeten.",
    "De KPI-set is bekend, maar teams kiezen zelf welke cijfers ze gebruiken.",
    "Samenwerking met de keten verloopt via vaste contactpersonen; dat helpt bij knelpunten.",
]

DOCUMENT_NOTES = (
    "Beschrijft doelen en verantwoordelijkheden.",
    "In de teams is het document bekend en wordt het gebruikt.",
    "Evaluatie van het effect ontbreekt nog.",
)

# An interview entered twice by mistake and withdrawn with a reason (issue 17).
WITHDRAWN = "withdrawn"
WITHDRAWAL_REASON = "Dubbel vastgelegd: dit gesprek staat al als eerder interview in de lijst."

# Per unit index: how many interviews, and the status each ends in.
INTERVIEW_PLANS = [
    [
        InterviewStatus.BEVESTIGD,
        InterviewStatus.BEVESTIGD,
        InterviewStatus.TER_BEVESTIGING,
        WITHDRAWN,
    ],
    [InterviewStatus.BEVESTIGD, InterviewStatus.BEVESTIGD],
    [
        InterviewStatus.BEVESTIGD,
        InterviewStatus.CORRECTIE_GEVRAAGD,
        InterviewStatus.BEVESTIGD,
        InterviewStatus.CONCEPT,
    ],
]

EXCLUDED = {
    "C-ICT": "Te weinig gesprekken mogelijk door een lopende reorganisatie; het beeld is niet "
    "representatief voor het onderdeel.",
}


def cycle_in_fieldwork(
    *,
    year: int,
    codes: list[str],
    coordinator: User,
    period_start: date,
    period_end: date,
    include_basic: bool = True,
) -> AuditCycle:
    """The cycle of `year`: found when it exists, else opened by the coordination team with the
    principles of `codes` (and Basic Kwaliteitsmanagement unless told otherwise). It stays in
    voorbereiding until its teams are formed: `to_fieldwork` then moves it on, as the guarded move
    asks (`audits.rules.phase_readiness`)."""
    cycle = AuditCycle.objects.filter(year=year).first()
    if cycle is None:
        cycle = cycle_open(
            actor=coordinator,
            year=year,
            principles=ManagementPrinciple.objects.filter(code__in=codes),
            period_start=period_start,
            period_end=period_end,
            include_basic=include_basic,
        )
    return cycle


def to_fieldwork(cycle: AuditCycle, *, coordinator: User) -> AuditCycle:
    """Move a cycle still in voorbereiding on to veldwerk (its period and teams are set)."""
    if cycle.status == CycleStatus.VOORBEREIDING:
        cycle = cycle_advance(actor=coordinator, cycle=cycle, expected_status=cycle.status)
    return cycle


def load_fieldwork(
    *,
    cycle: AuditCycle,
    units: list[BusinessUnit],
    coordinator: User,
    rng: random.Random,
) -> None:
    """Give every unit candidates and a draw, a filled document checklist (with a few files; at
    every fourth unit one item still open) and two to four interviews in mixed statuses."""
    scope = assessed_principle_ids_by_unit(cycle)
    principles = {p.id: p for p in cycle.principles.all()}
    questions: dict[int, list[int]] = {}
    for question in InterviewQuestion.objects.filter(is_active=True, principle__in=principles):
        questions.setdefault(question.principle_id, []).append(question.id)
    teams: dict[int, list[User]] = {}
    for assignment in Assignment.objects.filter(cycle=cycle).select_related("auditor"):
        teams.setdefault(assignment.unit_id, []).append(assignment.auditor)
    document_types = list(DocumentType.objects.filter(is_active=True))

    for index, unit in enumerate(units):
        team = teams.get(unit.id, [])
        if not team:
            continue
        lead = team[0]
        assessed = [principles[pid] for pid in sorted(scope.get(unit.id, set()))]
        _districts(cycle=cycle, unit=unit, actor=lead, rng=rng)
        # Every fourth unit leaves the last item of the list for its auditor; the rest judged all.
        _documents(
            cycle=cycle,
            unit=unit,
            actor=lead,
            assessed=assessed,
            types=document_types if index % 4 else document_types[:-1],
            rng=rng,
        )
        _interviews(
            cycle=cycle,
            unit=unit,
            team=team,
            assessed=assessed,
            questions=questions,
            plan=INTERVIEW_PLANS[index % len(INTERVIEW_PLANS)],
            index=index,
        )

    for unit in units:
        if unit.name in EXCLUDED and not Exclusion.objects.filter(cycle=cycle, unit=unit).exists():
            unit_exclude(actor=coordinator, cycle=cycle, unit=unit, reason=EXCLUDED[unit.name])


def _districts(*, cycle, unit, actor, rng) -> None:
    if not District.objects.filter(cycle=cycle, unit=unit).exists():
        for name in CENTRAL:
            district_add(
                actor=actor,
                cycle=cycle,
                unit=unit,
                name=name.format(abbr=unit.abbreviation),
                kind=LocationKind.CENTRAAL,
            )
        for name in rng.sample(DECENTRAL, 2):
            district_add(
                actor=actor, cycle=cycle, unit=unit, name=name, kind=LocationKind.DECENTRAAL
            )
    if not DistrictDraw.objects.filter(cycle=cycle, unit=unit).exists():
        districts_draw(actor=actor, cycle=cycle, unit=unit, count=2)


def _documents(*, cycle, unit, actor, assessed, types, rng) -> None:
    if DocumentCheck.objects.filter(cycle=cycle, unit=unit).exists():
        return
    for position, document_type in enumerate(types):
        status = rng.choice(
            [DocumentStatus.GELEVERD] * 6 + [DocumentStatus.NIET_GELEVERD, DocumentStatus.NVT]
        )
        delivered = status == DocumentStatus.GELEVERD
        document_check_save(
            actor=actor,
            cycle=cycle,
            unit=unit,
            document_type=document_type,
            status=status,
            principles=rng.sample(assessed, k=min(len(assessed), 2)) if delivered else [],
            design_note=DOCUMENT_NOTES[0] if delivered else "",
            existence_note=DOCUMENT_NOTES[1] if delivered else "",
            operation_note=DOCUMENT_NOTES[2] if delivered and position % 2 else "",
            expected_version=0,
        )
        if delivered and position < 2:
            text = f"{document_type.name} {unit.name} {cycle.year} (fictief demodocument)\n"
            document_file_add(
                actor=actor,
                cycle=cycle,
                unit=unit,
                document_type=document_type,
                name=f"{document_type.name.lower()}-{unit.abbreviation.lower()}.txt",
                data=text.encode(),
            )


def _interviews(*, cycle, unit, team, assessed, questions, plan, index) -> None:
    if Interview.objects.filter(cycle=cycle, unit=unit).exists():
        return
    drawn = DistrictDraw.objects.get(cycle=cycle, unit=unit, is_current=True).drawn
    places = {d.name: d for d in District.objects.filter(cycle=cycle, unit=unit)}
    locations = [places[name] for name, _kind in drawn if name in places]
    start = cycle.period_start or date(cycle.year, 9, 1)
    # The unit's board member took part in the interviews still waiting for confirmation and is
    # linked to them, so the demo shows "Ter bevestiging" when they log in (self-service).
    board = (
        User.objects.filter(business_unit=unit, groups__name=Role.DIRECTIE.value, is_active=True)
        .order_by("username")
        .first()
    )
    for number, final_status in enumerate(plan):
        people = [PEOPLE[(index + number + k) % len(PEOPLE)] for k in range(2)]
        notes = {
            principle.id: NoteData(
                notes=NOTES[(index + number + principle.order) % len(NOTES)],
                question_ids=frozenset(questions.get(principle.id, [])[:2]),
            )
            for principle in assessed
        }
        interview = interview_create(
            actor=team[0],
            cycle=cycle,
            unit=unit,
            held_on=start + timedelta(days=7 * number + index),
            location=locations[number % len(locations)],
            auditors=team,
            interviewees=[
                IntervieweeData(name=name, function=function) for name, function in people
            ]
            + (
                [IntervieweeData(name=str(board), function="directielid", user_id=board.pk)]
                if board is not None and final_status == InterviewStatus.TER_BEVESTIGING
                else []
            ),
            notes=notes,
        )
        _move_to(interview, final_status, actor=team[0])


def _move_to(interview: Interview, final_status: str, *, actor: User) -> None:
    if final_status == WITHDRAWN:
        interview_withdraw(actor=actor, interview=interview, reason=WITHDRAWAL_REASON)
        return
    steps = {
        InterviewStatus.CONCEPT: [],
        InterviewStatus.TER_BEVESTIGING: [InterviewAction.SEND],
        InterviewStatus.BEVESTIGD: [InterviewAction.SEND],
        InterviewStatus.CORRECTIE_GEVRAAGD: [
            InterviewAction.SEND,
            InterviewAction.REQUEST_CORRECTION,
        ],
    }[final_status]
    for action in steps:
        interview = interview_transition(
            actor=actor,
            interview=interview,
            action=action,
            expected_status=interview.status,
            remarks=(
                "Graag de passage over de werkvoorraad aanvullen met de nieuwe werkwijze."
                if action == InterviewAction.REQUEST_CORRECTION
                else ""
            ),
        )
    if final_status in (InterviewStatus.BEVESTIGD, InterviewStatus.TER_BEVESTIGING):
        # Each interviewee without an account confirmed by mail or in person, a few days after
        # the interview; a record still waiting has one of them confirmed and waits for the
        # rest (the board member linked to it confirms in the app).
        unlinked = [p for p in interview.interviewees.all() if p.user_id is None]
        if final_status == InterviewStatus.TER_BEVESTIGING:
            unlinked = unlinked[:1]
        for number, person in enumerate(unlinked):
            interview = interviewee_confirmation_record(
                actor=actor,
                interview=interview,
                interviewee=person,
                confirmed_on=interview.held_on + timedelta(days=3 + number),
                confirmed_via="email" if number % 2 == 0 else "persoonlijk",
            )
