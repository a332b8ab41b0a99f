"""Fictional 2022 and 2024 cycles beside the 2023 demo cycle, so the multi-year view has three
years: 2022 is published (its report definitief, version 2.0) with a score for every assessed
unit × principle; 2024 is in veldwerk with a lead per unit and a few scores. Together the three years
cover all eight management principles (the three-year plan). 2025 is in Voorbereiding, opened
"op basis van 2024" with teams proposed by the rotation rule, to review in the team matrix.
Idempotent."""

import logging
import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from audits.constants import CycleStatus
from audits.models import AssessedPrinciple, Assignment, AuditCycle
from audits.selectors import assessed_principle_ids_by_unit
from audits.services import assignment_create, cycle_advance
from audits.services.cycle_setup import cycle_open_based_on
from demo.fieldwork import cycle_in_fieldwork, to_fieldwork
from demo.findings import front_matter_set
from demo.maturity import score_submit
from demo.report import write_demo_report
from demo.report_texts import REPORT_2022
from findings.constants import FindingKind, UnitReportStatus
from findings.models import ReportStatus, ReportVersion, UnitReport
from findings.services import unit_report_move
from findings.services.findings import finding_create
from findings.services.publishing import (
    report_version_publish,
    report_version_render,
    report_versions_fail_stalled,
)
from maturity.models import Score
from maturity.services import (
    calibration_close,
    calibration_session_close,
    calibration_session_open,
)
from uwvkms.models import BusinessUnit, User

EARLIER_YEAR = 2022
EARLIER_PRINCIPLES = ["leiderschap", "vakmanschap", "procesbenadering"]
LATER_YEAR = 2024
NEXT_YEAR = 2025
LATER_PRINCIPLES = ["continu-leren", "besturing"]
# 2024: the units that have scored so far come from these (every unit has a lead auditor).
LATER_UNITS = ["Uitkeren", "Handhaving", "Werkbedrijf", "HRM", "Klant & Service", "FEZ"]
LATER_SCORED_UNITS = 3
EARLIER_OBSERVATION = (
    "De werkwijze is beschreven en wordt in de teams herkend; het effect van verbeteringen wordt "
    "nog niet overal gemeten."
)


def load_other_years(
    *, units: list[BusinessUnit], auditors: list[User], coordinator: User, reviewer: User
) -> AuditCycle:
    """Create (or find) the 2022 and 2024 cycles; returns the 2022 cycle. `reviewer` (another
    coordination-team member) gives the akkoord on 2022's report texts before it is published."""
    rng = random.Random(EARLIER_YEAR)
    earlier = _cycle(EARLIER_YEAR, EARLIER_PRINCIPLES, coordinator=coordinator)
    # Through every phase as the guarded moves ask (audits.rules.phase_readiness): teams, then
    # every score, calibration closed, the Definitief report published.
    if earlier.status in (CycleStatus.VOORBEREIDING, CycleStatus.VELDWERK):
        _team(earlier, units, auditors, coordinator=coordinator, offset=5)
        earlier = to_fieldwork(earlier, coordinator=coordinator)
        _score(earlier, units, rng=rng, per_unit_bias={"Uitkeren": 0, "HRM": -1})
        _agree_unit_reports(earlier, coordinator=coordinator)
        earlier = _advance(earlier, coordinator)
    if earlier.status == CycleStatus.KALIBRATIE:
        _close_calibration(earlier, coordinator=coordinator)
        earlier = _advance(earlier, coordinator)
    if earlier.status == CycleStatus.OPROLLEN:
        front_matter_set(
            cycle=earlier, coordinator=coordinator, report_date=date(EARLIER_YEAR + 1, 1, 30)
        )
        # Written and approved (four eyes) first: a Definitief version needs every part akkoord.
        write_demo_report(cycle=earlier, writer=coordinator, reviewer=reviewer, texts=REPORT_2022)
        publish_demo_version(cycle=earlier, coordinator=coordinator)
        earlier = _advance(earlier, coordinator)

    later = _cycle(LATER_YEAR, LATER_PRINCIPLES, coordinator=coordinator)
    # A lead for every unit, so 2024 is in veldwerk; a few units have scored so far.
    _team(later, units, auditors, coordinator=coordinator, offset=11)
    later = to_fieldwork(later, coordinator=coordinator)
    later_units = [u for u in units if u.name in LATER_UNITS]
    _score(later, later_units[:LATER_SCORED_UNITS], rng=rng, per_unit_bias={"Uitkeren": 1})
    return earlier


def load_next_year(*, coordinator: User) -> AuditCycle:
    """2025 in Voorbereiding, opened on the basis of 2024 (issue 17, "a new cycle in
    minutes"): its principles, scope, period and toetskader copied, teams proposed by the
    rotation rule. Found when it is there (withdrawn included: its year stays with it)."""
    existing = AuditCycle.with_withdrawn.filter(year=NEXT_YEAR).first()
    if existing is not None:
        return existing
    later = AuditCycle.objects.get(year=LATER_YEAR)
    return cycle_open_based_on(actor=coordinator, previous=later)


def _advance(cycle: AuditCycle, coordinator: User) -> AuditCycle:
    return cycle_advance(actor=coordinator, cycle=cycle, expected_status=cycle.status)


def _close_calibration(cycle: AuditCycle, *, coordinator: User) -> None:
    """One calibration round in which nothing changed, then calibration closed."""
    session = calibration_session_open(
        actor=coordinator,
        cycle=cycle,
        held_on=date(cycle.year, 11, 28),
        participants=[coordinator],
    )
    calibration_session_close(actor=coordinator, session=session)
    calibration_close(actor=coordinator, cycle=cycle)


def _agree_unit_reports(cycle: AuditCycle, *, coordinator: User) -> None:
    """Every unit report of the cycle agreed and made definitief, so its UWV report can be
    published as Definitief."""
    unit_ids = AssessedPrinciple.objects.filter(cycle=cycle).values("unit_id")
    leads = {
        a.unit_id: a.auditor
        for a in Assignment.objects.filter(cycle=cycle, is_lead=True).select_related("auditor")
    }
    for unit in BusinessUnit.objects.filter(pk__in=unit_ids).order_by("name"):
        # A report is agreed only once every principle in scope has a finding (and a score).
        for assessed in AssessedPrinciple.objects.filter(cycle=cycle, unit=unit).select_related(
            "principle"
        ):
            finding_create(
                actor=leads[unit.id],
                cycle=cycle,
                unit=unit,
                principle=assessed.principle,
                kind=FindingKind.OBSERVATIE,
                text=EARLIER_OBSERVATION,
            )
        report = unit_report_move(
            actor=coordinator,
            cycle=cycle,
            unit=unit,
            to=UnitReportStatus.AFGESTEMD,
            expected_version=UnitReport.objects.get(cycle=cycle, unit=unit).version,
            agreed_on=date(cycle.year, 12, 5),
            agreed_with=f"Directie {unit.name}",
        )
        unit_report_move(
            actor=coordinator,
            cycle=cycle,
            unit=unit,
            to=UnitReportStatus.DEFINITIEF,
            expected_version=report.version,
        )


def _cycle(year: int, codes: list[str], *, coordinator: User) -> AuditCycle:
    return cycle_in_fieldwork(
        year=year,
        codes=codes,
        coordinator=coordinator,
        period_start=date(year, 7, 1),
        period_end=date(year, 11, 22),
        include_basic=False,
    )


def _team(cycle, units, auditors, *, coordinator, offset: int) -> None:
    """One lead auditor per unit, never from the unit itself."""
    teamed = set(Assignment.objects.filter(cycle=cycle).values_list("unit_id", flat=True))
    for index, unit in enumerate(units):
        if unit.id in teamed:
            continue
        candidates = auditors[(index + offset) % len(auditors) :] + auditors
        lead = next(a for a in candidates if a.business_unit_id != unit.id)
        assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=lead, is_lead=True)


def _score(cycle, units, *, rng: random.Random, per_unit_bias: dict[str, int]) -> None:
    scope = assessed_principle_ids_by_unit(cycle)
    leads = {
        a.unit_id: a.auditor
        for a in Assignment.objects.filter(cycle=cycle, is_lead=True).select_related("auditor")
    }
    scored = set(Score.objects.filter(cycle=cycle).values_list("unit_id", "principle_id"))
    for principle in cycle.principles.all():
        for unit in units:
            key = (unit.id, principle.id)
            if principle.id not in scope.get(unit.id, set()) or key in scored:
                continue
            level = rng.choice([1, 2, 2, 3, 3, 3, 4]) + per_unit_bias.get(unit.name, 0)
            level = min(5, max(1, level))
            score_submit(
                auditor=leads[unit.id], cycle=cycle, unit=unit, principle=principle, level=level
            )


def publish_demo_version(*, cycle: AuditCycle, coordinator: User, label: str = "2.0") -> None:
    """Publish the 2022 report once (Definitief), rendered here rather than by the worker so the
    RvB has a published version to open straight after `loaddemo`. Skipped when it exists."""
    if ReportVersion.objects.filter(cycle=cycle).exists():
        return
    version = report_version_publish(
        actor=coordinator, cycle=cycle, label=label, report_status=ReportStatus.DEFINITIEF
    )
    report_version_render(version_id=version.pk)


def fail_demo_version(*, cycle: AuditCycle, coordinator: User, label: str = "0.9") -> None:
    """A Concept version of the current cycle whose render never finished (its worker stopped),
    so the coordination team sees Mislukt with its explanation and "Opnieuw proberen" on the
    version page and the cycle page. Made the way it happens: asked for, then given up on by the
    watchdog after the stall time. Skipped when the cycle has versions."""
    if ReportVersion.objects.filter(cycle=cycle).exists():
        return
    publishing_log = logging.getLogger("findings.services.publishing")
    publishing_log.disabled = True  # the demo's "dead worker" is not an operator's problem
    try:
        # Given up on before the transaction commits, so the render task queued on commit finds
        # the version failed and renders nothing (a task for a version that is not queued ends
        # at once).
        with transaction.atomic():
            version = report_version_publish(
                actor=coordinator, cycle=cycle, label=label, report_status=ReportStatus.CONCEPT
            )
            # Asked for an hour ago (demo dates, like the rest of the demo's history), so the
            # page's "no progress for 10 minutes" matches the time it shows.
            asked = timezone.now() - timedelta(hours=1)
            ReportVersion.objects.filter(pk=version.pk).update(
                requested_at=asked, progress_at=asked
            )
            report_versions_fail_stalled(cycle=cycle)
    finally:
        publishing_log.disabled = False
