"""Reads of the audit fieldwork, with the access checks every view relies on."""

from dataclasses import dataclass, replace
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy

from audits.constants import CoverageStatus, CycleStatus
from audits.events import (
    CYCLE_ADVANCED,
    CYCLE_OPENED,
    CYCLE_PERIOD_CHANGED,
    CYCLE_PRINCIPLES_CHANGED,
    CYCLE_REINSTATED,
    CYCLE_STEPPED_BACK,
    CYCLE_WITHDRAWN,
    EXCLUSION_CREATED,
    EXCLUSION_UNDONE,
    SCOPE_CHANGED,
)
from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    Exclusion,
    Interview,
    ManagementPrinciple,
)
from audits.rules import (
    CoverageWindow,
    coverage_before_opening,
    shifted_one_year,
    three_year_coverage,
)
from uwvkms.constants import Role
from uwvkms.dates import fieldwork_period_problems
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role
from uwvkms.selectors import history_for, users_with_role


def management_principles() -> QuerySet[ManagementPrinciple]:
    """UWV's eight management principles, without Basic Kwaliteitsmanagement."""
    return ManagementPrinciple.objects.filter(is_basic=False)


def cycles_for_user(user: User) -> QuerySet[AuditCycle]:
    """The cycles a user may see: all for coordinators, board and admins; for an auditor the
    cycles with an assignment of theirs; for a unit board the cycles that assess its unit."""
    cycles = AuditCycle.objects.annotate(principle_count=Count("principles", distinct=True))
    if has_any_role(user, Role.COORDINATIETEAM, Role.RVB, Role.BEHEERDER):
        return cycles
    if has_any_role(user, Role.TOETSER):
        return cycles.filter(assignments__auditor=user).distinct()
    return cycles.none()


def cycle_get(*, year: int) -> AuditCycle:
    try:
        return AuditCycle.objects.select_related("based_on").get(year=year)
    except AuditCycle.DoesNotExist as exc:
        raise Http404 from exc


def cycle_get_for_coordinator(*, user: User, year: int) -> AuditCycle:
    """The cycle of `year`, for the coordination team only (403 for anyone else)."""
    if not has_any_role(user, Role.COORDINATIETEAM):
        raise PermissionDenied
    return cycle_get(year=year)


def units_with_scope_and_team(cycle: AuditCycle) -> QuerySet[BusinessUnit]:
    """Every business unit with, prefetched, its assessed principles and its audit team in
    `cycle`. Two extra queries, whatever the number of units."""
    return BusinessUnit.objects.prefetch_related(
        Prefetch(
            "audit_assignments",
            queryset=Assignment.objects.filter(cycle=cycle).select_related(
                "auditor", "auditor__business_unit"
            ),
            to_attr="team",
        ),
    )


def assessed_principle_ids_by_unit(cycle: AuditCycle) -> dict[int, set[int]]:
    """unit id → ids of the principles assessed there in `cycle`."""
    scope: dict[int, set[int]] = {}
    for unit_id, principle_id in AssessedPrinciple.objects.filter(cycle=cycle).values_list(
        "unit_id", "principle_id"
    ):
        scope.setdefault(unit_id, set()).add(principle_id)
    return scope


def is_assessed(*, cycle: AuditCycle, unit: BusinessUnit, principle: ManagementPrinciple) -> bool:
    return AssessedPrinciple.objects.filter(cycle=cycle, unit=unit, principle=principle).exists()


def assignments_of_auditor(*, auditor: User, cycle: AuditCycle) -> QuerySet[Assignment]:
    return Assignment.objects.filter(auditor=auditor, cycle=cycle).select_related("unit")


def unit_get(*, unit_id: int) -> BusinessUnit:
    try:
        return BusinessUnit.objects.get(pk=unit_id)
    except BusinessUnit.DoesNotExist as exc:
        raise Http404 from exc


def principle_get(*, code: str) -> ManagementPrinciple:
    try:
        return ManagementPrinciple.objects.get(code=code)
    except ManagementPrinciple.DoesNotExist as exc:
        raise Http404 from exc


def assessed_principles_of(
    *, cycle: AuditCycle, unit: BusinessUnit
) -> QuerySet[ManagementPrinciple]:
    """The principles assessed at `unit` in `cycle`."""
    return ManagementPrinciple.objects.filter(
        id__in=AssessedPrinciple.objects.filter(cycle=cycle, unit=unit).values("principle_id")
    )


_PERIOD_CHANGES = ChangeFormat(
    fields={"period_start": gettext_lazy("begin"), "period_end": gettext_lazy("einde")},
    only=frozenset({"period_start", "period_end"}),
)


def period_history(cycle: AuditCycle) -> list[HistoryEntry]:
    """The recorded changes of the fieldwork period of `cycle` (set when it was opened or
    changed since), newest first. One query."""
    return [
        entry
        for entry in history_for(
            cycle,
            events=[CYCLE_PERIOD_CHANGED, CYCLE_OPENED],
            fmt=_PERIOD_CHANGES,
        )
        if entry.changes
    ]


_SCOPE_CHANGES = ChangeFormat(
    fields={"principles": gettext_lazy("principes")}, only=frozenset({"principles"})
)


def scope_history(*, cycle: AuditCycle, unit: BusinessUnit) -> list[HistoryEntry]:
    """The recorded scope changes of `unit` in `cycle`, newest first: the assessed principles
    old → new. One query."""
    return [
        entry
        for entry in history_for(cycle, events=[SCOPE_CHANGED], fmt=_SCOPE_CHANGES)
        if entry.stored.get("unit", [None, None])[1] == unit.name
    ]


_EXCLUSION_CHANGES = ChangeFormat(
    fields={"exclusion_reason": gettext_lazy("reden van uitsluiten")},
    # The unit is in the entry's label; whether it counts is the event itself.
    hidden=frozenset({"unit", "excluded"}),
)


def exclusion_history(cycle: AuditCycle) -> list[HistoryEntry]:
    """Which unit was excluded from the UWV-wide figures of `cycle`, or counted again, by whom,
    when and why, newest first. One query."""
    return [
        replace(entry, label=f"{entry.label}: {entry.stored.get('unit', [None, '–'])[1]}")
        for entry in history_for(
            cycle,
            events=[EXCLUSION_CREATED, EXCLUSION_UNDONE],
            fmt=_EXCLUSION_CHANGES,
        )
    ]


# --- exclusions -----------------------------------------------------------------------------


def exclusions_of(cycle: AuditCycle) -> QuerySet[Exclusion]:
    """The units excluded from the UWV-wide figures of `cycle`, with who and why. One query."""
    return (
        Exclusion.objects.filter(cycle=cycle)
        .select_related("unit", "excluded_by")
        .order_by("unit__name")
    )


def exclusion_get(*, cycle: AuditCycle, pk: int) -> Exclusion:
    try:
        return Exclusion.objects.select_related("unit", "cycle").get(cycle=cycle, pk=pk)
    except Exclusion.DoesNotExist as exc:
        raise Http404 from exc


# --- audit teams ----------------------------------------------------------------------------


def lead_of(*, cycle: AuditCycle, unit: BusinessUnit) -> User | None:
    """The lead auditor of `unit` in `cycle`, if it has one."""
    lead = (
        Assignment.objects.filter(cycle=cycle, unit=unit, is_lead=True)
        .select_related("auditor")
        .first()
    )
    return lead.auditor if lead else None


def assignment_get(*, cycle: AuditCycle, pk: int) -> Assignment:
    try:
        return Assignment.objects.select_related("auditor", "unit", "cycle").get(cycle=cycle, pk=pk)
    except Assignment.DoesNotExist as exc:
        raise Http404 from exc


@dataclass(frozen=True)
class AuditorLoad:
    """One auditor's share of the fieldwork in a cycle."""

    auditor: User
    assignments: list[Assignment]
    interview_count: int

    @property
    def unit_count(self) -> int:
        return len(self.assignments)

    @property
    def lead_count(self) -> int:
        return sum(a.is_lead for a in self.assignments)


def auditor_workload(cycle: AuditCycle) -> list[AuditorLoad]:
    """Every auditor (also those without work yet, and anyone still assigned) with the units
    they audit in `cycle`, how often they lead, and at how many interviews they were present.
    Three queries, whatever the number of auditors."""
    assignments = list(
        Assignment.objects.filter(cycle=cycle)
        .select_related("unit", "auditor", "auditor__business_unit")
        .order_by("unit__name")
    )
    interviews = dict(
        Interview.objects.filter(cycle=cycle, auditors__isnull=False)
        .values_list("auditors")
        .annotate(n=Count("id"))
        .order_by()
    )
    auditors = {user.id: user for user in users_with_role(Role.TOETSER)}
    for assignment in assignments:
        auditors.setdefault(assignment.auditor_id, assignment.auditor)
    by_auditor: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        by_auditor.setdefault(assignment.auditor_id, []).append(assignment)
    loads = [
        AuditorLoad(
            auditor=user,
            assignments=by_auditor.get(user.id, []),
            interview_count=interviews.get(user.id, 0),
        )
        for user in auditors.values()
    ]
    return sorted(
        loads, key=lambda load: (load.auditor.last_name, load.auditor.first_name, load.auditor.pk)
    )


# --- the three-year plan --------------------------------------------------------------------


@dataclass(frozen=True)
class PlanYear:
    year: int
    cycle: AuditCycle | None
    principles: list[ManagementPrinciple]


@dataclass(frozen=True)
class PlanRow:
    """One principle in a three-year period: in which of its years it is covered."""

    principle: ManagementPrinciple
    covered_in: list[bool]  # per year of the period
    covered: bool


@dataclass(frozen=True)
class PlanWindow:
    """A three-year period of `audits.rules.three_year_coverage`, with the principles named."""

    coverage: CoverageWindow
    years: list[PlanYear]
    rows: list[PlanRow]
    covered_principles: list[ManagementPrinciple]
    remaining_principles: list[ManagementPrinciple]

    @property
    def first_year(self) -> int:
        return self.coverage.first_year

    @property
    def last_year(self) -> int:
        return self.coverage.last_year

    @property
    def status(self) -> CoverageStatus:
        return self.coverage.status

    @property
    def years_left(self) -> int:
        return self.coverage.years_left

    @property
    def shortfall(self) -> int:
        return self.coverage.shortfall

    @property
    def warns(self) -> bool:
        return self.coverage.warns


def _principles_by_year() -> tuple[dict[int, set[int]], dict[int, AuditCycle]]:
    cycles = {cycle.year: cycle for cycle in AuditCycle.objects.order_by("year")}
    by_year: dict[int, set[int]] = {year: set() for year in cycles}
    for year, principle_id in AuditCycle.principles.through.objects.filter(
        managementprinciple__is_basic=False, auditcycle__withdrawn_at__isnull=True
    ).values_list("auditcycle__year", "managementprinciple_id"):
        by_year[year].add(principle_id)
    return by_year, cycles


def _plan_window(
    coverage: CoverageWindow,
    *,
    by_year: dict[int, set[int]],
    cycles: dict[int, AuditCycle],
    principles: list[ManagementPrinciple],
) -> PlanWindow:
    years = [
        PlanYear(
            year=year,
            cycle=cycles.get(year),
            principles=[p for p in principles if p.id in by_year.get(year, set())],
        )
        for year in coverage.years
    ]
    return PlanWindow(
        coverage=coverage,
        years=years,
        rows=[
            PlanRow(
                principle=p,
                covered_in=[p.id in by_year.get(year, set()) for year in coverage.years],
                covered=p.id in coverage.covered,
            )
            for p in principles
        ],
        covered_principles=[p for p in principles if p.id in coverage.covered],
        remaining_principles=[p for p in principles if p.id in coverage.remaining],
    )


def three_year_plan() -> list[PlanWindow]:
    """Every three-year period since the first cycle, with what each year covered and what
    remains (see `audits.rules.three_year_coverage`). Three queries."""
    principles = list(management_principles())
    by_year, cycles = _principles_by_year()
    windows = three_year_coverage(by_year, principles=[p.id for p in principles])
    return [_plan_window(w, by_year=by_year, cycles=cycles, principles=principles) for w in windows]


def coverage_for_new_cycle(*, year: int) -> PlanWindow:
    """The three-year period a new cycle for `year` falls in, before it chooses its principles
    (see `audits.rules.coverage_before_opening`)."""
    principles = list(management_principles())
    by_year, cycles = _principles_by_year()
    by_year.pop(year, None)
    coverage = coverage_before_opening(by_year, principles=[p.id for p in principles], year=year)
    return _plan_window(coverage, by_year=by_year, cycles=cycles, principles=principles)


def coverage_of_cycle(cycle: AuditCycle) -> PlanWindow:
    """The three-year period `cycle` belongs to, as it stands now."""
    return next(w for w in three_year_plan() if w.first_year <= cycle.year <= w.last_year)


def year_taken_message(year: int) -> str | None:
    """Why no new cycle can be opened for `year` (None: it can): there is one, or there was one
    that was withdrawn; the year stays with the withdrawn cycle, which can be reinstated. One
    query."""
    taken = AuditCycle.with_withdrawn.filter(year=year).select_related("withdrawn_by").first()
    if taken is None:
        return None
    if taken.is_withdrawn:
        return gettext(
            "Toetscyclus %(year)s is ingetrokken (%(summary)s). Het jaar blijft bij die cyclus: "
            "zet hem terug vanuit de lijst van toetscycli om %(year)s alsnog te toetsen."
        ) % {"year": year, "summary": taken.withdrawal_summary()}
    return gettext("Er bestaat al een toetscyclus voor %(year)s.") % {"year": year}


def withdrawn_cycles() -> QuerySet[AuditCycle]:
    """The cycles withdrawn while in preparation, with who withdrew them: for the coordination
    team's list, struck through with the reason. One query."""
    return (
        AuditCycle.with_withdrawn.filter(withdrawn_at__isnull=False)
        .select_related("withdrawn_by")
        .order_by("-year")
    )


def withdrawn_cycle_get_for_coordinator(*, user: User, year: int) -> AuditCycle:
    """The withdrawn cycle of `year`, for the coordination team only (403 for anyone else, 404
    when `year` has no withdrawn cycle)."""
    if not has_any_role(user, Role.COORDINATIETEAM):
        raise PermissionDenied
    try:
        return AuditCycle.with_withdrawn.select_related("withdrawn_by").get(
            year=year, withdrawn_at__isnull=False
        )
    except AuditCycle.DoesNotExist as exc:
        raise Http404 from exc


def latest_cycle() -> AuditCycle | None:
    """The newest cycle (withdrawn ones left out): the one a new cycle is based on."""
    return AuditCycle.objects.order_by("-year").first()


@dataclass(frozen=True)
class BasedOnPreview:
    """What "Nieuwe cyclus op basis van <jaar>" will open, before it is opened."""

    previous: AuditCycle
    year: int
    principles: list[ManagementPrinciple]
    period_start: date | None  # the previous period a year on; None when not plausible
    period_end: date | None
    district_count: int
    team_unit_count: int
    refusal: str | None  # why it cannot be opened (the year is taken), None when it can


def based_on_preview(previous: AuditCycle) -> BasedOnPreview:
    """The cycle that would be opened on the basis of `previous`. Four queries."""
    year = previous.year + 1
    start, end = shifted_one_year(previous.period_start), shifted_one_year(previous.period_end)
    if fieldwork_period_problems(start, end, year=year):
        start = end = None
    return BasedOnPreview(
        previous=previous,
        year=year,
        principles=list(previous.principles.all()),
        period_start=start,
        period_end=end,
        district_count=previous.districts.count(),
        team_unit_count=(
            AssessedPrinciple.objects.filter(cycle=previous).values("unit_id").distinct().count()
        ),
        refusal=year_taken_message(year),
    )


_CYCLE_CHANGES = ChangeFormat(
    fields={
        "based_on": gettext_lazy("op basis van"),
        "principles": gettext_lazy("principes"),
        "added": gettext_lazy("toegevoegd"),
        "removed": gettext_lazy("weggehaald"),
        "include_basic": gettext_lazy("Basic Kwaliteitsmanagement"),
        "period_start": gettext_lazy("begin veldwerk"),
        "period_end": gettext_lazy("einde veldwerk"),
        "districts": gettext_lazy("kandidaat-districten overgenomen"),
        "frameworks": gettext_lazy("toetskaders overgenomen"),
        "assignments": gettext_lazy("toetsers voorgesteld"),
        "status": gettext_lazy("fase"),
        "withdrawn": gettext_lazy("ingetrokken"),
        "withdrawal_reason": gettext_lazy("reden van intrekken"),
    },
    values={"status": CycleStatus},
)


def cycle_history(cycle: AuditCycle) -> list[HistoryEntry]:
    """How `cycle` was opened (on the basis of which cycle), its principles changed, its phases
    moved, withdrawn or reinstated: by whom, when and why, newest first. One query."""
    return history_for(
        cycle,
        events=[
            CYCLE_OPENED,
            CYCLE_PRINCIPLES_CHANGED,
            CYCLE_ADVANCED,
            CYCLE_STEPPED_BACK,
            CYCLE_WITHDRAWN,
            CYCLE_REINSTATED,
        ],
        fmt=_CYCLE_CHANGES,
    )


def next_cycle_year(*, today_year: int) -> int:
    """The year a new cycle most likely is for: the year after the latest cycle (a withdrawn
    one included: its year stays taken), or this year."""
    latest = AuditCycle.with_withdrawn.order_by("-year").values_list("year", flat=True).first()
    return latest + 1 if latest else today_year
