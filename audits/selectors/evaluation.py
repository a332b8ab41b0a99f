"""Reads of the audit's own evaluation (issue 21 §6): the hours per auditor and unit, the lessons
for the next cycle, the three-year coverage per unit and the audit team's home organisations,
with the access checks the views rely on. Each answers in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Min, Q, Sum
from django.http import Http404

from audits.constants import HoursKind, LessonTheme
from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    AuditHours,
    Exclusion,
    Lesson,
    LessonProcessing,
    ManagementPrinciple,
)
from audits.rules import PrincipleInScope, UnitCoverage, coverage_years, unit_three_year_coverage
from uwvkms.constants import HomeOrganisation, Role
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role
from uwvkms.selectors import history_for

ZERO = Decimal("0.00")


# --- Hours: the auditor's own --------------------------------------------------------------


def hours_cycle_get_for_auditor(*, user: User, year: int) -> AuditCycle:
    """The cycle in which `user` records hours: a Toetser assigned in it (403 for anyone
    else, 404 without the cycle)."""
    if not has_any_role(user, Role.TOETSER):
        raise PermissionDenied
    try:
        cycle = AuditCycle.objects.get(year=year)
    except AuditCycle.DoesNotExist as exc:
        raise Http404 from exc
    if not Assignment.objects.filter(cycle=cycle, auditor=user).exists():
        raise PermissionDenied
    return cycle


@dataclass
class OwnHours:
    """One of the auditor's units in a cycle with their current entries and total."""

    unit: BusinessUnit
    on_team: bool
    entries: list[AuditHours] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((e.hours for e in self.entries), ZERO)

    @property
    def kind(self) -> str | None:
        return self.entries[0].kind if self.entries else None


def own_hours(*, user: User, cycle: AuditCycle) -> list[OwnHours]:
    """`user`'s units in `cycle` (their assignments, and units they recorded hours for before
    leaving a team) with their current entries, by unit name. Two queries."""
    rows: dict[int, OwnHours] = {}
    for assignment in Assignment.objects.filter(cycle=cycle, auditor=user).select_related("unit"):
        rows[assignment.unit_id] = OwnHours(unit=assignment.unit, on_team=True)
    for entry in (
        AuditHours.objects.filter(cycle=cycle, auditor=user)
        .select_related("unit")
        .order_by("week", "id")
    ):
        row = rows.setdefault(entry.unit_id, OwnHours(unit=entry.unit, on_team=False))
        row.entries.append(entry)
    return sorted(rows.values(), key=lambda r: r.unit.name)


def own_hours_of_unit(*, user: User, cycle: AuditCycle, unit_id: int) -> OwnHours:
    """`user`'s hours at one unit, with the withdrawn entries too (struck through on the page);
    404 unless they are on its team or recorded hours there. Three queries."""
    unit = BusinessUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    on_team = Assignment.objects.filter(cycle=cycle, unit=unit, auditor=user).exists()
    entries = list(
        AuditHours.with_withdrawn.filter(cycle=cycle, unit=unit, auditor=user)
        .select_related("unit", "withdrawn_by", "updated_by")
        .order_by("withdrawn_at", "week", "id")
    )
    if not on_team and not entries:
        raise Http404
    return OwnHours(unit=unit, on_team=on_team, entries=entries)


def own_hours_entry_get(*, user: User, cycle: AuditCycle, pk: int) -> AuditHours:
    """One current entry of `user`'s own in `cycle` (404 for anyone else's)."""
    entry = (
        AuditHours.objects.filter(cycle=cycle, auditor=user, pk=pk)
        .select_related("unit", "cycle", "updated_by")
        .first()
    )
    if entry is None:
        raise Http404
    return entry


_HOURS_CHANGES = ChangeFormat(model=AuditHours, values={"kind": HoursKind})


def hours_history(entries: list[AuditHours]) -> list[HistoryEntry]:
    """The recorded changes of these entries (recorded, corrected old → new, withdrawn), newest
    first. One query."""
    return history_for(*entries, fmt=_HOURS_CHANGES)


# --- Hours: the coordination team's totals --------------------------------------------------


@dataclass(frozen=True)
class HoursCell:
    """One auditor's hours at one unit: the total, how they were recorded, whether on the team."""

    auditor: User
    unit: BusinessUnit
    total: Decimal | None  # None: nothing recorded (missing, not zero)
    weeks: int
    kind: str | None
    on_team: bool


@dataclass(frozen=True)
class UnitHours:
    unit: BusinessUnit
    cells: list[HoursCell]
    total: Decimal
    missing: int  # team members without hours


@dataclass(frozen=True)
class HoursTotals:
    units: list[UnitHours]
    total: Decimal
    missing: int

    @property
    def cells(self) -> list[HoursCell]:
        return [cell for unit in self.units for cell in unit.cells]


def hours_totals(cycle: AuditCycle) -> HoursTotals:
    """The hours of `cycle` per auditor × unit and per unit, for the coordination team: every
    team member (missing hours shown as missing, never as 0) and anyone who recorded hours
    before leaving a team. Withdrawn entries do not count. Three queries."""
    sums = {
        (row["unit_id"], row["auditor_id"]): row
        for row in AuditHours.objects.filter(cycle=cycle)
        .values("unit_id", "auditor_id")
        .annotate(
            total=Sum("hours"),
            weeks=Count("id", filter=Q(kind=HoursKind.WEEK)),
            totals=Count("id", filter=Q(kind=HoursKind.TOTAL)),
        )
        .order_by()
    }
    people: dict[tuple[int, int], tuple[BusinessUnit, User, bool]] = {}
    for a in Assignment.objects.filter(cycle=cycle).select_related("unit", "auditor"):
        people[(a.unit_id, a.auditor_id)] = (a.unit, a.auditor, True)
    leavers = [key for key in sums if key not in people]
    if leavers:
        units = BusinessUnit.objects.in_bulk({u for u, _a in leavers})
        users = User.objects.in_bulk({a for _u, a in leavers})
        for unit_id, auditor_id in leavers:
            people[(unit_id, auditor_id)] = (units[unit_id], users[auditor_id], False)
    by_unit: dict[int, list[HoursCell]] = defaultdict(list)
    for key, (unit, auditor, on_team) in people.items():
        row = sums.get(key)
        by_unit[unit.pk].append(
            HoursCell(
                auditor=auditor,
                unit=unit,
                total=row["total"] if row else None,
                weeks=row["weeks"] if row else 0,
                kind=(None if not row else HoursKind.TOTAL if row["totals"] else HoursKind.WEEK),
                on_team=on_team,
            )
        )
    units = []
    for cells in by_unit.values():
        cells.sort(key=lambda c: (c.auditor.last_name, c.auditor.first_name, c.auditor.pk))
        units.append(
            UnitHours(
                unit=cells[0].unit,
                cells=cells,
                total=sum((c.total or ZERO for c in cells), ZERO),
                missing=sum(1 for c in cells if c.total is None and c.on_team),
            )
        )
    units.sort(key=lambda u: u.unit.name)
    return HoursTotals(
        units=units,
        total=sum((u.total for u in units), ZERO),
        missing=sum(u.missing for u in units),
    )


# --- Lessons for the next cycle ---------------------------------------------------------------


def previous_cycle(cycle: AuditCycle) -> AuditCycle | None:
    """The cycle before `cycle`, whose lessons it takes up: the one it was opened "op basis
    van", else the latest earlier cycle (withdrawn cycles left out). One query at most."""
    if cycle.based_on_id is not None:
        previous = AuditCycle.objects.filter(pk=cycle.based_on_id).first()
        if previous is not None:
            return previous
    return AuditCycle.objects.filter(year__lt=cycle.year).order_by("-year").first()


def lessons_of(cycle: AuditCycle) -> list[Lesson]:
    """`cycle`'s lessons for the next cycle, the withdrawn ones too (struck through), oldest
    first. One query."""
    return list(
        Lesson.with_withdrawn.filter(cycle=cycle)
        .select_related("created_by", "updated_by", "withdrawn_by")
        .order_by("created_at", "id")
    )


def lesson_get(*, cycle: AuditCycle, pk: int) -> Lesson:
    """A current lesson of `cycle` (404 otherwise)."""
    lesson = Lesson.objects.filter(cycle=cycle, pk=pk).select_related("updated_by").first()
    if lesson is None:
        raise Http404
    return lesson


@dataclass(frozen=True)
class LessonToProcess:
    lesson: Lesson
    processing: LessonProcessing | None


def lessons_to_process(cycle: AuditCycle) -> tuple[AuditCycle | None, list[LessonToProcess]]:
    """The previous cycle and its current lessons, each with how `cycle` processed it (None:
    not yet). Three queries."""
    previous = previous_cycle(cycle)
    if previous is None:
        return None, []
    lessons = list(
        Lesson.objects.filter(cycle=previous)
        .select_related("created_by")
        .order_by("created_at", "id")
    )
    processed = {
        p.lesson_id: p
        for p in LessonProcessing.objects.filter(
            cycle=cycle, lesson__in=[lesson.pk for lesson in lessons]
        ).select_related("processed_by", "updated_by")
    }
    return previous, [LessonToProcess(lesson, processed.get(lesson.pk)) for lesson in lessons]


def lesson_history(lesson: Lesson) -> list[HistoryEntry]:
    return history_for(lesson, fmt=ChangeFormat(model=Lesson, values={"theme": LessonTheme}))


# --- Three-year coverage per unit --------------------------------------------------------------


@dataclass(frozen=True)
class CoverageCell:
    principle: ManagementPrinciple
    years: tuple[int, ...]  # the years it was assessed at the unit
    applicable: bool
    remaining: bool


@dataclass(frozen=True)
class UnitCoverageRow:
    unit: BusinessUnit
    coverage: UnitCoverage
    cells: list[CoverageCell]
    excluded_years: tuple[int, ...]

    @property
    def remaining_principles(self) -> list[ManagementPrinciple]:
        return [c.principle for c in self.cells if c.remaining]


@dataclass(frozen=True)
class UnitCoverageTable:
    year: int
    years: tuple[int, ...]
    cycle_years: tuple[int, ...]  # the years of `years` that have a cycle
    principles: list[ManagementPrinciple]
    rows: list[UnitCoverageRow]
    # The neighbouring years the page offers (None: not offered): from the first cycle's year
    # to the year after the last, so the page never links to an empty or refused year.
    previous_year: int | None = None
    next_year: int | None = None


def unit_coverage_table(year: int) -> UnitCoverageTable:
    """Per business unit which management principles it had assessed in the three years up
    to and including `year`, and which remain (`audits.rules.unit_three_year_coverage`). A unit
    that was not representative in a year (`Exclusion`) counts as not assessed that year. `year`
    may be one without a cycle yet (a cycle being set up). Six queries."""
    years = coverage_years(year)
    principles = list(ManagementPrinciple.objects.filter(is_basic=False))
    in_scope = [PrincipleInScope(p.id, p.execution_units_only) for p in principles]
    cycle_years = tuple(
        AuditCycle.objects.filter(year__in=years).order_by("year").values_list("year", flat=True)
    )
    excluded = set(
        Exclusion.objects.filter(
            cycle__year__in=years, cycle__withdrawn_at__isnull=True
        ).values_list("unit_id", "cycle__year")
    )
    scope: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for unit_id, cycle_year, principle_id in AssessedPrinciple.objects.filter(
        cycle__year__in=years, cycle__withdrawn_at__isnull=True
    ).values_list("unit_id", "cycle__year", "principle_id"):
        if (unit_id, cycle_year) not in excluded:
            scope[unit_id][cycle_year].add(principle_id)
    rows = []
    for unit in BusinessUnit.objects.order_by("name"):
        coverage = unit_three_year_coverage(
            scope.get(unit.pk, {}),
            years=years,
            principles=in_scope,
            unit_has_execution_processes=unit.has_execution_processes,
        )
        rows.append(
            UnitCoverageRow(
                unit=unit,
                coverage=coverage,
                cells=[
                    CoverageCell(
                        principle=p,
                        years=coverage.years_of(p.id),
                        applicable=p.id in coverage.applicable,
                        remaining=p.id in coverage.remaining,
                    )
                    for p in principles
                ],
                excluded_years=tuple(sorted(y for u, y in excluded if u == unit.pk)),
            )
        )
    bounds = AuditCycle.objects.aggregate(first=Min("year"), last=Max("year"))
    first = max(bounds["first"] or year, 2000)
    last = min((bounds["last"] or year) + 1, 2100)
    return UnitCoverageTable(
        year=year,
        years=years,
        cycle_years=cycle_years,
        principles=principles,
        rows=rows,
        previous_year=year - 1 if year - 1 >= first else None,
        next_year=year + 1 if year + 1 <= last else None,
    )


# --- The audit team by home organisation -----------------------------------------------------


@dataclass(frozen=True)
class TeamComposition:
    """How many distinct auditors of a cycle come from BC&K, from FEZ, or are not recorded."""

    bck: int
    fez: int
    unknown: int

    @property
    def total(self) -> int:
        return self.bck + self.fez + self.unknown


def team_composition(cycle: AuditCycle, *, excluded: set[int] = frozenset()) -> TeamComposition:
    """The audit team of `cycle` counted by home organisation: every auditor assigned to a
    unit (the units in `excluded` left out), each once. One query."""
    counts = dict(
        Assignment.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .values_list("auditor__home_organisation")
        .annotate(n=Count("auditor", distinct=True))
        .order_by()
    )
    return TeamComposition(
        bck=counts.get(HomeOrganisation.BCK, 0),
        fez=counts.get(HomeOrganisation.FEZ, 0),
        unknown=counts.get(HomeOrganisation.NONE, 0),
    )
