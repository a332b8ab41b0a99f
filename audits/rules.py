"""Business rules of the audit fieldwork: pure functions, no ORM."""

import datetime
import math
import random
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from audits.constants import (
    COVERAGE_WINDOW_YEARS,
    AuditCapacity,
    CoverageStatus,
    CycleStatus,
    LocationKind,
    TeamRole,
)
from uwvkms.constants import Role


@dataclass(frozen=True)
class PrincipleInScope:
    """A principle in a cycle's scope, as far as the scope rule needs to know."""

    id: int
    execution_units_only: bool


def default_assessed_principles(
    principles: Iterable[PrincipleInScope], *, unit_has_execution_processes: bool
) -> set[int]:
    """The principles assessed at a unit by default (DOMAIN.md §2, "Scope per unit").

    Every principle in the cycle's scope is assessed, except that a principle meant for execution
    processes (Operationele Kwaliteit) is assessed only at units that have them. Elsewhere it is
    absent, which is not a zero.
    """
    return {p.id for p in principles if unit_has_execution_processes or not p.execution_units_only}


def is_cross_audit(*, auditor_unit_id: int | None, unit_id: int) -> bool:
    """Whether an auditor may audit a unit (DOMAIN.md §2, "Cross-auditing"): never their own.

    An auditor without a unit cannot be shown independent, so is refused too.
    """
    return auditor_unit_id is not None and auditor_unit_id != unit_id


@dataclass(frozen=True)
class CoverageWindow:
    """One three-year period of the audit and how far it covers the management principles."""

    first_year: int
    last_year: int
    planned: tuple[tuple[int, frozenset[int]], ...]  # (year, principle ids) of its cycles
    covered: frozenset[int]
    remaining: frozenset[int]
    years_left: int  # years of the window after the latest cycle, still free for a cycle
    even_share: int  # principles per year when spread evenly over the window
    status: CoverageStatus

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def shortfall(self) -> int:
        """How many of the remaining principles do not fit in the years left at the even share:
        all of them once no year is left."""
        return max(0, len(self.remaining) - self.years_left * self.even_share)

    @property
    def warns(self) -> bool:
        return self.status in (CoverageStatus.BEHIND, CoverageStatus.LEFT_OUT)


def three_year_coverage(
    cycles: Mapping[int, Collection[int]],
    *,
    principles: Collection[int],
    window_years: int = COVERAGE_WINDOW_YEARS,
) -> list[CoverageWindow]:
    """Which principles each three-year period covered and which remain (DOMAIN.md §2,
    "Three-year cycle": after three years every principle has been covered).

    `cycles` maps a cycle's year to the ids of the principles in its scope; `principles` are
    all principles that must be covered. The periods are anchored at the first cycle's year y0:
    y0..y0+2, y0+3..y0+5, and so on up to the period of the latest cycle. Per period:

    - covered: the principles in scope of at least one of its cycles; remaining: the others;
    - years left: the years of the period after the latest cycle overall (a period that a later
      cycle has passed has none left);
    - status: COMPLETE when nothing remains; LEFT_OUT when something remains and no year is
      left (the period's last year is planned, or the period is past): those principles are not
      covered in this period; BEHIND when more remain than the years left can take at the even
      share, ceil(number of principles / 3) per year; otherwise ON_TRACK.

    No cycles gives no periods.
    """
    if not cycles:
        return []
    all_ids = frozenset(principles)
    first, latest = min(cycles), max(cycles)
    even_share = math.ceil(len(all_ids) / window_years)
    windows = []
    for start in range(first, latest + 1, window_years):
        end = start + window_years - 1
        planned = tuple(
            (year, frozenset(cycles[year]) & all_ids)
            for year in range(start, end + 1)
            if year in cycles
        )
        covered = frozenset().union(*(ids for _year, ids in planned))
        remaining = all_ids - covered
        years_left = max(0, end - latest)
        if not remaining:
            status = CoverageStatus.COMPLETE
        elif years_left == 0:
            status = CoverageStatus.LEFT_OUT
        elif len(remaining) > years_left * even_share:
            status = CoverageStatus.BEHIND
        else:
            status = CoverageStatus.ON_TRACK
        windows.append(
            CoverageWindow(
                first_year=start,
                last_year=end,
                planned=planned,
                covered=covered,
                remaining=remaining,
                years_left=years_left,
                even_share=even_share,
                status=status,
            )
        )
    return windows


def coverage_before_opening(
    cycles: Mapping[int, Collection[int]], *, principles: Collection[int], year: int
) -> CoverageWindow:
    """The three-year period that a new cycle for `year` falls in, as it stands before that cycle
    chooses its principles: `remaining` is what is still to cover, `years_left` the years after
    `year`, and `shortfall` how many of the remaining this cycle must take to stay on schedule
    (all of them in a period's last year, status LEFT_OUT)."""
    windows = three_year_coverage({**cycles, year: frozenset()}, principles=principles)
    return next(w for w in windows if w.first_year <= year <= w.last_year)


@dataclass(frozen=True)
class UnitCoverage:
    """Which principles one unit had assessed in a run of years, and which remain."""

    years: tuple[int, ...]
    assessed: Mapping[int, frozenset[int]]  # principle id → the years it was assessed here
    applicable: frozenset[int]
    covered: frozenset[int]
    remaining: frozenset[int]

    def years_of(self, principle_id: int) -> tuple[int, ...]:
        return tuple(sorted(self.assessed.get(principle_id, ())))


def unit_three_year_coverage(
    assessed_by_year: Mapping[int, Collection[int]],
    *,
    years: Sequence[int],
    principles: Collection[PrincipleInScope],
    unit_has_execution_processes: bool,
) -> UnitCoverage:
    """Which principles one unit had assessed in `years` (the last three cycles up to and
    including the one in question) and which remain to be assessed there (DOMAIN.md §2,
    "Three-year cycle" per unit; the per-principle view is `three_year_coverage`).

    `assessed_by_year` maps a year to the ids of the principles assessed at the unit in that
    year's cycle (its scope); years outside `years` are ignored. A principle is *applicable* at
    the unit unless it is meant for execution processes only and the unit has none (see
    `default_assessed_principles`); remaining are the applicable principles not assessed in any
    of `years`. A principle assessed although not applicable still counts as covered."""
    window = tuple(sorted(set(years)))
    applicable = frozenset(
        p.id for p in principles if unit_has_execution_processes or not p.execution_units_only
    )
    all_ids = frozenset(p.id for p in principles)
    assessed: dict[int, set[int]] = {}
    for year in window:
        for principle_id in assessed_by_year.get(year, ()):
            if principle_id in all_ids:
                assessed.setdefault(principle_id, set()).add(year)
    covered = frozenset(assessed)
    return UnitCoverage(
        years=window,
        assessed={pid: frozenset(ys) for pid, ys in assessed.items()},
        applicable=applicable,
        covered=covered,
        remaining=applicable - covered,
    )


def coverage_years(year: int, *, window_years: int = COVERAGE_WINDOW_YEARS) -> tuple[int, ...]:
    """The years of the three-year run that ends with `year`: `year` and the two before it."""
    return tuple(range(year - window_years + 1, year + 1))


def draw_districts(
    candidates: list[tuple[str, str]], *, seed: int, count: int
) -> list[tuple[str, str]]:
    """Draw `count` of the `candidates` ([name, kind] pairs) to visit for interviews, at random
    but reproducibly (DOMAIN.md §2, "Evidence": two or more randomly chosen districts, regions or
    departments, covering central and decentral parts).

    Method, so anyone can redo a draw from its stored seed and candidate list (in that order):

    1. ``rng = random.Random(seed)``.
    2. When the list holds both central and decentral candidates and `count` ≥ 2:
       ``rng.choice`` one of the central candidates, then ``rng.choice`` one of the decentral
       candidates (each in the order of the list), then ``rng.sample`` the other ``count - 2``
       from the candidates not yet drawn (in the order of the list).
    3. Otherwise ``rng.sample(candidates, count)``.

    The result is in draw order. The same seed and list always give the same result. Raises
    ValueError when `count` is below 1 or above the number of candidates, or when a name occurs
    twice (names compare case-insensitively).
    """
    candidates = [(name, kind) for name, kind in candidates]
    if not 1 <= count <= len(candidates):
        raise ValueError(f"cannot draw {count} of {len(candidates)} candidates")
    if len({name.casefold() for name, _kind in candidates}) != len(candidates):
        raise ValueError("a candidate occurs twice")
    rng = random.Random(seed)
    central = [c for c in candidates if c[1] == LocationKind.CENTRAAL]
    decentral = [c for c in candidates if c[1] == LocationKind.DECENTRAAL]
    if central and decentral and count >= 2:
        drawn = [rng.choice(central), rng.choice(decentral)]
        rest = [c for c in candidates if c not in drawn]
        return drawn + rng.sample(rest, count - 2)
    return rng.sample(candidates, count)


def capacities_held(
    *,
    roles: Collection[str],
    user_unit_id: int | None,
    unit_id: int | None,
    assignment_lead: bool | None,
    quality_contact: bool = False,
) -> frozenset[AuditCapacity]:
    """The capacities of someone with `roles` (Role values) from business unit `user_unit_id`
    at the unit `unit_id` (None: cycle-wide, no unit in question). `assignment_lead` is None when
    they are not on the unit's audit team, else whether they lead it (DOMAIN.md §1; the table
    is in audits.selectors.capacities). `quality_contact` is whether the unit's board designated
    them quality contact of their own unit (issue 21 §1): only at their own unit does it count.
    Cross-auditing is enforced when assigning, so it is not repeated here."""
    held = set()
    if unit_id is not None and assignment_lead is not None and Role.TOETSER in roles:
        held.add(AuditCapacity.AUDITOR)
        if assignment_lead:
            held.add(AuditCapacity.LEAD_AUDITOR)
    if Role.COORDINATIETEAM in roles:
        held.add(AuditCapacity.COORDINATOR)
    if unit_id is not None and Role.DIRECTIE in roles and user_unit_id == unit_id:
        held.add(AuditCapacity.BOARD)
    if unit_id is not None and quality_contact and user_unit_id == unit_id:
        held.add(AuditCapacity.QUALITY_CONTACT)
    if Role.RVB in roles:
        held.add(AuditCapacity.RVB)
    return frozenset(held)


# --- Readiness of a cycle's next phase (issue 17, "guarded moves") ----------------------------


@dataclass(frozen=True)
class PhaseFacts:
    """What the readiness rules look at, gathered from every app of the audit chain
    (`audits.selectors.readiness.cycle_phase_facts`). Unit names, in the cycle's order; only
    counted units (assessed, not excluded) are listed: an excluded unit never holds a cycle up."""

    period_set: bool = False
    units_in_scope: tuple[str, ...] = ()
    units_without_lead: tuple[str, ...] = ()
    units_with_scores_missing: tuple[str, ...] = ()
    calibration_closed: bool = False
    definitief_published: bool = False


@dataclass(frozen=True)
class ReadinessRule:
    """One condition of the move to the next phase: what must hold, whether it does, and the
    units that keep it from holding."""

    text: str
    holds: bool
    units: tuple[str, ...] = ()


def phase_readiness(status: str, facts: PhaseFacts) -> list[ReadinessRule]:
    """The conditions for moving a cycle from `status` to its next phase, each with whether it
    holds (DOMAIN.md §2–§4). Every one must hold before the move is made:

    - to Veldwerk: the fieldwork period is set; units have principles in scope; every unit in
      scope has an audit team with a lead (teams, scope and districts are then fixed);
    - to Kalibratie: every counted unit has a submitted score for every principle in scope
      (calibration compares submitted scores; a missing one cannot be calibrated);
    - to Oprollen: calibration is closed, so the scores the roll-up uses are fixed;
    - to Gepubliceerd: a Definitief version of the UWV-wide report is published.

    After publication there is no next phase: no rules."""
    match status:
        case CycleStatus.VOORBEREIDING:
            return [
                ReadinessRule(
                    _("De periode van het veldwerk is vastgelegd."), holds=facts.period_set
                ),
                ReadinessRule(
                    _("Er zijn onderdelen met principes in scope."),
                    holds=bool(facts.units_in_scope),
                ),
                ReadinessRule(
                    _("Elk onderdeel in scope heeft een toetsteam met een lead."),
                    holds=bool(facts.units_in_scope) and not facts.units_without_lead,
                    units=facts.units_without_lead,
                ),
            ]
        case CycleStatus.VELDWERK:
            return [
                ReadinessRule(
                    _(
                        "Elk getoetst onderdeel heeft voor elk principe in scope een ingediende score."
                    ),
                    holds=not facts.units_with_scores_missing,
                    units=facts.units_with_scores_missing,
                )
            ]
        case CycleStatus.KALIBRATIE:
            return [
                ReadinessRule(
                    _("De kalibratie is afgesloten: de scores liggen vast."),
                    holds=facts.calibration_closed,
                )
            ]
        case CycleStatus.OPROLLEN:
            return [
                ReadinessRule(
                    _("Er is een Definitief rapport gepubliceerd."),
                    holds=facts.definitief_published,
                )
            ]
    return []


# --- Audit teams: the rotation rule and the team matrix (issue 17, "a new cycle in minutes") ---


def propose_teams(
    units: Sequence[int],
    auditors: Sequence[int],
    *,
    own_unit_of: Mapping[int, int | None],
    previous_teams: Mapping[int, Collection[int]],
    team_sizes: Mapping[int, int],
) -> dict[int, list[tuple[int, bool]]]:
    """Proposed audit teams for a new cycle (issue 17: the rotation rule), unit id →
    [(auditor id, is lead)], the lead first.

    - never an auditor on their own unit, nor one without a unit (cross-auditing cannot be
      shown, DOMAIN.md §2; see `is_cross_audit`);
    - never an auditor on a unit whose team they were on in the previous cycle
      (`previous_teams`: unit id → auditor ids), so no one audits the same unit two cycles
      running;
    - each unit gets `team_sizes[unit]` members (none when missing) as far as eligible auditors
      allow, fewer otherwise (the coordination team fills the gap in the matrix);
    - the load spreads evenly: the seats are filled round by round (every unit's first seat,
      then every unit's second seat, …), each by the eligible auditor with the fewest seats so
      far; the first seat of each unit is its lead, given to the eligible auditor with the
      fewest leads so far (then fewest seats);
    - deterministic: ties go to the auditor earliest in `auditors`; units are served in the
      order of `units`.
    """
    order = {auditor: index for index, auditor in enumerate(auditors)}
    seats = dict.fromkeys(auditors, 0)
    leads = dict.fromkeys(auditors, 0)
    teams: dict[int, list[tuple[int, bool]]] = {unit: [] for unit in units}
    rounds = max((team_sizes.get(unit, 0) for unit in units), default=0)
    for seat in range(rounds):
        for unit in units:
            if seat >= team_sizes.get(unit, 0):
                continue
            taken = {auditor for auditor, _lead in teams[unit]}
            eligible = [
                auditor
                for auditor in auditors
                if auditor not in taken
                and auditor not in previous_teams.get(unit, ())
                and is_cross_audit(auditor_unit_id=own_unit_of.get(auditor), unit_id=unit)
            ]
            if not eligible:
                continue
            is_lead = seat == 0
            if is_lead:
                chosen = min(eligible, key=lambda a: (leads[a], seats[a], order[a]))
                leads[chosen] += 1
            else:
                chosen = min(eligible, key=lambda a: (seats[a], order[a]))
            seats[chosen] += 1
            teams[unit].append((chosen, is_lead))
    return teams


@dataclass(frozen=True)
class TeamViolation:
    """One breach of the team rules in the team matrix: what (`kind`), at which unit, and the
    auditors concerned (none for a team without a lead)."""

    kind: str  # "own_unit", "no_unit", "two_leads", "no_lead"
    unit_id: int
    auditor_ids: tuple[int, ...] = ()


def team_violations(
    roles: Mapping[tuple[int, int], str], *, own_unit_of: Mapping[int, int | None]
) -> list[TeamViolation]:
    """Every breach of the team rules in a whole team matrix (issue 17), so the page can name
    them all at once. `roles` maps (unit id, auditor id) to a `TeamRole` value ("" is no role).

    - independence (DOMAIN.md §2, cross-auditing): no auditor on their own unit ("own_unit"),
      nor an auditor without a unit, whose independence cannot be shown ("no_unit");
    - one lead: a unit with a team has exactly one lead: not two or more ("two_leads", naming
      them), not none ("no_lead").

    In the order of the units as they first occur in `roles`, the auditors in theirs."""
    teams: dict[int, list[tuple[int, str]]] = {}
    for (unit, auditor), role in roles.items():
        teams.setdefault(unit, [])
        if role:
            teams[unit].append((auditor, role))
    violations = []
    for unit, team in teams.items():
        for auditor, _role in team:
            own = own_unit_of.get(auditor)
            if own is None:
                violations.append(TeamViolation("no_unit", unit, (auditor,)))
            elif own == unit:
                violations.append(TeamViolation("own_unit", unit, (auditor,)))
        team_leads = tuple(auditor for auditor, role in team if role == TeamRole.LEAD)
        if len(team_leads) > 1:
            violations.append(TeamViolation("two_leads", unit, team_leads))
        elif team and not team_leads:
            violations.append(TeamViolation("no_lead", unit))
    return violations


def shifted_one_year(day: datetime.date | None) -> datetime.date | None:
    """`day` a year later, for a cycle based on the previous one; 29 February becomes 28
    February."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def cycle_withdrawal_refusal(*, status: str, recorded_work: Sequence[str]) -> str | None:
    """Why a cycle cannot be withdrawn (None: it can). Withdrawing is for a cycle opened in
    error (issue 17): only in Voorbereiding, and only while nothing is recorded in it (a cycle
    stepped back from fieldwork with scores in it was not opened in error; its work would
    linger, unseen, in every figure that reads it)."""
    if status != CycleStatus.VOORBEREIDING:
        return _(
            "Een toetscyclus kan alleen worden ingetrokken in de fase Voorbereiding; deze staat "
            "op %(status)s."
        ) % {"status": CycleStatus(status).label}
    if recorded_work:
        return _(
            "Er is al werk vastgelegd in deze cyclus (%(work)s); intrekken is voor een cyclus die "
            "per vergissing is geopend en nog leeg is."
        ) % {"work": ", ".join(recorded_work)}
    return None


def principle_removal_refusal(*, principle: str, recorded_work: Sequence[str]) -> str | None:
    """Why a principle cannot leave the cycle's scope (None: it can): not while work is
    recorded on it, which would otherwise stay behind outside the scope."""
    if recorded_work:
        return _("%(principle)s kan niet uit de scope: er is al werk op vastgelegd (%(work)s).") % {
            "principle": principle,
            "work": ", ".join(recorded_work),
        }
    return None
