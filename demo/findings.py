"""Fictional findings for the demo cycle: per unit observations, good practices, a quote and two
to six recommendations; unit reports agreed and answered by most boards; a roll-up with three
rode draden of which two are hoofdbevindingen; follow-up actions in every state; ratings of the
audit. Idempotent: a unit that has findings is left alone, and so is a cycle with themes."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from audits.models import Assignment, AuditCycle, Interview
from audits.selectors import assessed_principle_ids_by_unit
from findings.constants import (
    ActionStatus,
    EffectConclusion,
    FindingKind,
    Priority,
    Recognition,
    UnitReportStatus,
)
from findings.models import AuditRating, Finding, FollowUpAction, Recommendation, Theme
from findings.rules import theme_verdict
from findings.selectors.narratives import front_matter_of
from findings.selectors.unit_reports import agreement_gaps_of
from findings.services.findings import finding_create, quote_create, recommendation_create
from findings.services.follow_up import (
    effect_measurement_record,
    follow_up_action_create,
    follow_up_action_withdraw,
)
from findings.services.narratives import report_front_matter_save
from findings.services.ratings import audit_rating_save
from findings.services.responses import AnswerData, management_response_save
from findings.services.rollup import main_finding_confirm, theme_create, theme_recommendations_add
from findings.services.unit_reports import unit_report_move
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User

# Recommendation templates per principle code: (theme key, title, text).
RECOMMENDATIONS = {
    "klantgerichtheid": [
        (
            "effect",
            "Meet wat verbeteringen voor de klant opleveren",
            "Leg bij elke verbeteractie vast welk effect voor de klant wordt verwacht en meet het.",
        ),
        (
            "keten",
            "Maak klantafspraken met de ketenpartners",
            "Spreek met de ketenpartners af wie de klant informeert als een aanvraag bij een ander ligt.",
        ),
        (
            "signalen",
            "Benut klantsignalen structureel",
            "Verzamel klachten en signalen centraal en bespreek ze elk tertaal in het MT.",
        ),
    ],
    "sturen-verantwoorden": [
        (
            "effect",
            "Koppel de KPI's aan het effect van acties",
            "Rapporteer naast de voortgang van acties ook wat ze hebben opgeleverd.",
        ),
        (
            "keten",
            "Stuur samen met de keten op doorlooptijden",
            "Maak de doorlooptijd over de hele keten zichtbaar en bespreek die met de partners.",
        ),
        (
            "teamplannen",
            "Actualiseer de teamplannen halfjaarlijks",
            "Laat teamplannen aansluiten op het jaarplan en herzie ze twee keer per jaar.",
        ),
    ],
    "operationele-kwaliteit": [
        (
            "effect",
            "Toets of procesverbeteringen fouten verminderen",
            "Meet voor en na een procesverbetering het aantal fouten en herstelacties.",
        ),
        (
            "keten",
            "Deel foutanalyses met de ketenpartners",
            "Bespreek de oorzaken van fouten die in de keten ontstaan met de betrokken partners.",
        ),
    ],
}
THEMES = {
    "effect": ("Effect vaststellen", "Acties worden gevolgd op uitvoering, niet op effect."),
    "keten": ("Samenwerken in de keten", "Afspraken en sturing stoppen bij de eigen grens."),
    "signalen": ("Klantsignalen benutten", "Klantsignalen worden niet structureel gebruikt."),
    "teamplannen": ("Teamplannen actueel houden", "Teamplannen lopen achter op het jaarplan."),
}
MAIN_FINDINGS = {
    "effect": (
        "Van uitvoering naar effect",
        "Geef elke verbeteractie een meetbaar doel en leg na afloop vast wat ze heeft opgeleverd.",
    ),
    "keten": (
        "Samenwerken in de keten",
        "Maak per keten één eigenaar verantwoordelijk voor afspraken, doorlooptijd en klantcontact.",
    ),
}
OBSERVATION = "De werkwijze is beschreven en in de teams bekend; de toepassing verschilt per team."
GOOD_PRACTICES = [
    "Teams bespreken elke week één klantcasus en leggen de verbetering vast.",
    "Het MT bespreekt elk tertaal de KPI's samen met de teamleiders.",
    "Nieuwe medewerkers krijgen een buddy uit een ander team.",
]
QUOTE = "We zien sneller waar het misgaat sinds we de cijfers samen bespreken."

# Units whose report stays a concept, and units whose answered report is not yet definitief.
CONCEPT_REPORTS = {"Werkbedrijf", "SBK"}
AGREED_ONLY = {"Facilitair Bedrijf", "HRM"}
SHOWCASE_UNIT = "Uitkeren"


def load_findings(
    *, cycle: AuditCycle, units: list[BusinessUnit], coordinator: User, rng: random.Random
) -> None:
    scope = assessed_principle_ids_by_unit(cycle)
    principles = {p.id: p for p in cycle.principles.filter(is_basic=False)}
    basic = cycle.principles.filter(is_basic=True).first()
    leads = {
        a.unit_id: a.auditor
        for a in Assignment.objects.filter(cycle=cycle, is_lead=True).select_related("auditor")
    }
    boards = {
        u.business_unit_id: u
        for u in User.objects.filter(
            groups__name=Role.DIRECTIE.value, username__startswith="directie."
        )
    }
    today = date.today()
    for index, unit in enumerate(units):
        if Finding.objects.filter(cycle=cycle, unit=unit).exists():
            continue
        assessed = [
            principles[pid] for pid in sorted(scope.get(unit.id, set())) if pid in principles
        ]
        _write_findings(
            cycle=cycle,
            unit=unit,
            auditor=leads[unit.id],
            assessed=assessed,
            observed=[basic, *assessed]
            if basic and basic.id in scope.get(unit.id, set())
            else assessed,
            index=index,
        )
        # A report is agreed only when complete: a unit with a score sent back in calibration
        # (toetser24's) keeps its concept until the score is submitted again.
        if unit.name in CONCEPT_REPORTS or agreement_gaps_of(cycle=cycle, unit=unit):
            continue
        _agree_and_answer(
            cycle=cycle, unit=unit, coordinator=coordinator, board=boards[unit.id], rng=rng
        )
        _follow_up(cycle=cycle, unit=unit, board=boards[unit.id], index=index, today=today)

    if not Theme.objects.filter(cycle=cycle).exists():
        _roll_up(cycle=cycle, coordinator=coordinator, principles=list(principles.values()))
    if not AuditRating.objects.filter(cycle=cycle).exists():
        _rate(cycle=cycle, rng=rng)
    front_matter_set(cycle=cycle, coordinator=coordinator, report_date=date(cycle.year + 1, 1, 29))


def front_matter_set(*, cycle: AuditCycle, coordinator: User, report_date: date) -> None:
    """The report's front matter as the team sets it (issue 18): dated in the new year, to the
    RvB and the Groepsraad (chapter 10's title is the title of its chapter, `demo.report`).
    Skipped when the team set it."""
    if front_matter_of(cycle) is not None:
        return
    report_front_matter_save(
        actor=coordinator,
        cycle=cycle,
        report_date=report_date,
        addressees="de Raad van Bestuur en de Groepsraad",
        expected_version=0,
    )


def _write_findings(*, cycle, unit, auditor, assessed, observed, index) -> None:
    recommendations = [
        (principle, template)
        for principle in assessed
        for template in RECOMMENDATIONS.get(principle.code, [])
    ]
    # Two to six recommendations, chosen so the themes recur across units.
    count = 2 + index % 5
    chosen = (
        recommendations[index % len(recommendations) :]
        + recommendations[: index % len(recommendations)]
    )
    for principle in observed:
        finding_create(
            actor=auditor,
            cycle=cycle,
            unit=unit,
            principle=principle,
            kind=FindingKind.OBSERVATIE,
            text=OBSERVATION,
        )
    for number in range(1 + index % 3):
        finding_create(
            actor=auditor,
            cycle=cycle,
            unit=unit,
            principle=assessed[number % len(assessed)],
            kind=FindingKind.GOEDE_PRAKTIJK,
            text=GOOD_PRACTICES[number],
        )
    for number, (principle, (_key, title, text)) in enumerate(chosen[:count]):
        recommendation_create(
            actor=auditor,
            cycle=cycle,
            unit=unit,
            principle=principle,
            title=title,
            text=text,
            priority=[Priority.HOOG, Priority.MIDDEN, Priority.LAAG][number % 3],
        )
    interview = Interview.objects.filter(cycle=cycle, unit=unit, status="bevestigd").first()
    if interview is not None:
        quote_create(
            actor=auditor,
            cycle=cycle,
            unit=unit,
            principle=assessed[0],
            interview=interview,
            text=QUOTE,
        )


def _agree_and_answer(*, cycle, unit, coordinator, board, rng) -> None:
    agreed_on = (cycle.period_end or date(cycle.year, 11, 30)) + timedelta(days=3)
    report = unit_report_move(
        actor=coordinator,
        cycle=cycle,
        unit=unit,
        to=UnitReportStatus.AFGESTEMD,
        expected_version=1,
        agreed_on=agreed_on,
        agreed_with=f"Directie {unit.name}",
    )
    answers = {}
    for number, recommendation in enumerate(Recommendation.objects.filter(cycle=cycle, unit=unit)):
        recognition = [
            Recognition.HERKEND,
            Recognition.HERKEND,
            Recognition.DEELS_HERKEND,
            Recognition.HERKEND,
            Recognition.NIET_HERKEND,
        ][(number + unit.id) % 5]
        answers[recommendation.pk] = AnswerData(
            recognition=recognition,
            explanation=""
            if recognition == Recognition.HERKEND
            else "Een deel hiervan is al belegd in het programma van de divisie.",
            intended_actions="Opnemen in het jaarplan en elk tertaal bespreken.",
        )
    management_response_save(
        actor=board,
        cycle=cycle,
        unit=unit,
        expected_version=0,
        overall=f"De directie van {unit.name} herkent het beeld en pakt de aanbevelingen op.",
        answers=answers,
        submit=True,
    )
    if unit.name not in AGREED_ONLY:
        report.refresh_from_db()
        unit_report_move(
            actor=coordinator,
            cycle=cycle,
            unit=unit,
            to=UnitReportStatus.DEFINITIEF,
            expected_version=report.version,
        )


def _follow_up(*, cycle, unit, board, index, today) -> None:
    recognised = Recommendation.objects.filter(
        cycle=cycle,
        unit=unit,
        answer__recognition__in=[Recognition.HERKEND, Recognition.DEELS_HERKEND],
    )
    plans = [
        (ActionStatus.GEPLAND, 60, None),
        (ActionStatus.IN_UITVOERING, -20, None),  # overdue
        (ActionStatus.GEREED, -40, EffectConclusion.BEREIKT),
        (ActionStatus.GEREED, -10, None),  # done, effect not measured: a gap
        (ActionStatus.VERVALLEN, 30, None),
        (ActionStatus.GEREED, -70, EffectConclusion.DEELS),
    ]
    # Uitkeren also leads the demo's herstelacties: its list of improvement actions (audit and
    # herstel together) starts with a measured effect and a gap.
    offset = 2 if unit.name == SHOWCASE_UNIT else index
    for number, recommendation in enumerate(recognised[:3]):
        status, days, conclusion = plans[(offset + number) % len(plans)]
        action = _planned_earlier(
            board=board,
            recommendation=recommendation,
            title=recommendation.title,
            owner=f"Afdelingsmanager {unit.abbreviation}",
            due_on=today + timedelta(days=days),
            status=status,
            today=today,
        )
        if conclusion:
            effect_measurement_record(
                actor=board,
                action=action,
                expected_version=action.version,
                measured_value=Decimal("65.5")
                if conclusion == EffectConclusion.DEELS
                else Decimal("82"),
                measured_on=today + timedelta(days=days + 5),
                conclusion=conclusion,
                next_steps="Borgen in het kwaliteitsplan en volgend jaar opnieuw meten.",
            )
    if unit.name == SHOWCASE_UNIT and recognised:
        _due_and_overdue(recommendation=recognised[0], unit=unit, board=board, today=today)


def _planned_earlier(*, board, recommendation, title, owner, due_on, status, today):
    """A follow-up action as its board planned it some time ago: made through the service with
    a date still ahead (a new action is never due in the past), then its date put where the
    demo's story has it, as if the weeks since had passed."""
    action = follow_up_action_create(
        actor=board,
        recommendation=recommendation,
        title=title,
        owner=owner,
        goal=recommendation.text,
        indicator="Percentage teams dat het effect rapporteert",
        baseline=Decimal("20"),
        target=Decimal("80"),
        due_on=max(due_on, today),
        status=status,
    )
    # Planned a quarter before its date (or before today): its effect is measured after that.
    created_at = timezone.now() - timedelta(days=90 + max(0, (today - due_on).days))
    FollowUpAction.objects.filter(pk=action.pk).update(due_on=due_on, created_at=created_at)
    action.due_on, action.created_at = due_on, created_at
    return action


def _due_and_overdue(*, recommendation, unit, board, today) -> None:
    """Three more actions of the showcase unit for its board's work queue (issue 16 §1): one due
    within two weeks, one past its date, one done without an effect measurement (whatever the
    plans above gave this unit)."""
    for title, days, status in (
        ("Bespreek de klantsignalen maandelijks in het MT", 10, ActionStatus.IN_UITVOERING),
        ("Leg de werkafspraken met de ketenpartners vast", -5, ActionStatus.GEPLAND),
        # Done, but nobody measured what it brought: the gap of the audit's first main finding.
        ("Herschrijf de brief bij een hersteld besluit", -3, ActionStatus.GEREED),
    ):
        _planned_earlier(
            board=board,
            recommendation=recommendation,
            title=title,
            owner=f"Afdelingsmanager {unit.abbreviation}",
            due_on=today + timedelta(days=days),
            status=status,
            today=today,
        )
    # Entered twice by mistake and withdrawn (issue 17): struck through on the unit's page, in
    # no figure.
    twice = _planned_earlier(
        board=board,
        recommendation=recommendation,
        title="Bespreek de klantsignalen maandelijks in het MT (dubbel)",
        owner=f"Afdelingsmanager {unit.abbreviation}",
        due_on=today + timedelta(days=10),
        status=ActionStatus.GEPLAND,
        today=today,
    )
    follow_up_action_withdraw(
        actor=board,
        action=twice,
        expected_version=twice.version,
        reason="Per ongeluk twee keer ingevoerd; de actie staat al bij deze aanbeveling.",
    )


def _roll_up(*, cycle, coordinator, principles) -> None:
    by_title = {}
    for recommendation in Recommendation.objects.filter(cycle=cycle):
        by_title.setdefault(recommendation.title, []).append(recommendation)
    for key, (title, description) in THEMES.items():
        theme = theme_create(actor=coordinator, cycle=cycle, title=title, description=description)
        titles = [t for templates in RECOMMENDATIONS.values() for k, t, _ in templates if k == key]
        members = [r for t in titles for r in by_title.get(t, [])]
        if key == "teamplannen":
            members = members[:2]  # seen at two units: a theme, not a rode draad
        theme_recommendations_add(actor=coordinator, theme=theme, recommendations=members)
        if key in MAIN_FINDINGS:
            verdict = theme_verdict(
                [(r.unit_id, r.principle_id) for r in members],
                threshold=3,
                excluded_units=cycle.exclusions.values_list("unit_id", flat=True),
                assessed_principles=[p.id for p in principles],
            )
            if verdict.propose_main_finding:
                main_title, advice = MAIN_FINDINGS[key]
                main_finding_confirm(
                    actor=coordinator, theme=theme, title=main_title, advice=advice
                )


def _rate(*, cycle, rng) -> None:
    participants = list(
        User.objects.filter(audit_assignments__cycle=cycle).distinct().order_by("username")
    ) + list(User.objects.filter(username__startswith="directie.").order_by("username"))
    comments = [
        "Prettige gesprekken.",
        "Het waarderend onderzoek gaf ruimte.",
        "",
        "Veel voorbereiding.",
    ]
    for person in participants[:40]:
        audit_rating_save(
            actor=person,
            cycle=cycle,
            rating=rng.choice([6, 7, 7, 7, 8, 8, 9]),
            comment=rng.choice(comments),
        )
