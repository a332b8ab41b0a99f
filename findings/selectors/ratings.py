"""Reads of the audit's own evaluation (DOMAIN.md §4: "The participants rate the audit itself",
2023: 7.1 out of 10). Participants are the boards of the units assessed in the cycle (getoetste)
and the auditors assigned in it (toetser); the coordination team and the RvB read the result.

The database sums and counts; Python divides with Decimal (SQLite's AVG is a float)."""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count

from audits.models import AssessedPrinciple, Assignment, AuditCycle
from audits.selectors import assessed_principle_ids_by_unit, assignments_of_auditor, cycle_get
from findings.constants import RaterRole
from findings.models import AuditRating
from uwvkms.constants import Role
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role
from uwvkms.selectors import history_for

RATINGS = range(1, 11)
ONE_DECIMAL = Decimal("0.1")


def average_rating(total: int | None, count: int) -> Decimal | None:
    """The mean of `count` ratings summing to `total`, to one decimal, rounded half up the way
    people round (7.05 → 7.1). None without ratings: no rating is not a zero."""
    if not count:
        return None
    return (Decimal(total or 0) / Decimal(count)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class RaterPosition:
    """In which capacity a participant rates the audit of a cycle."""

    role: str  # RaterRole
    unit: BusinessUnit | None  # the unit a board member rates as getoetste


def rater_position(user: User, cycle: AuditCycle) -> RaterPosition | None:
    """How `user` takes part in `cycle`: as an auditor assigned in it (toetser), or as board
    member of a unit assessed in it (getoetste); None for anyone else. One or two queries."""
    if (
        has_any_role(user, Role.TOETSER)
        and assignments_of_auditor(auditor=user, cycle=cycle).exists()
    ):
        return RaterPosition(role=RaterRole.TOETSER, unit=None)
    if (
        has_any_role(user, Role.DIRECTIE)
        and user.business_unit_id is not None
        and user.business_unit_id in assessed_principle_ids_by_unit(cycle)
    ):
        return RaterPosition(role=RaterRole.GETOETSTE, unit=user.business_unit)
    return None


def cycles_rateable_by(user: User) -> set[int]:
    """Ids of the cycles in which `user` takes part (see `rater_position`). Two queries at most,
    whatever the number of cycles."""
    cycle_ids: set[int] = set()
    if has_any_role(user, Role.TOETSER):
        cycle_ids |= set(Assignment.objects.filter(auditor=user).values_list("cycle_id", flat=True))
    if has_any_role(user, Role.DIRECTIE) and user.business_unit_id is not None:
        cycle_ids |= set(
            AssessedPrinciple.objects.filter(unit_id=user.business_unit_id).values_list(
                "cycle_id", flat=True
            )
        )
    return cycle_ids


def rating_cycle_get_for_rater(*, user: User, year: int) -> tuple[AuditCycle, RaterPosition]:
    """The cycle `user` rates, with their position in it; 403 for anyone who did not take part,
    404 without a cycle."""
    if not has_any_role(user, Role.TOETSER, Role.DIRECTIE):
        raise PermissionDenied
    cycle = cycle_get(year=year)
    position = rater_position(user, cycle)
    if position is None:
        raise PermissionDenied
    return cycle, position


def rating_cycle_get_for_reader(*, user: User, year: int) -> AuditCycle:
    """The cycle whose evaluation `user` reads: the coordination team and the RvB (403)."""
    if not has_any_role(user, Role.COORDINATIETEAM, Role.RVB):
        raise PermissionDenied
    return cycle_get(year=year)


def own_rating(*, cycle: AuditCycle, user: User) -> AuditRating | None:
    return AuditRating.objects.filter(cycle=cycle, rater=user).first()


@dataclass(frozen=True)
class RatingBar:
    rating: int
    count: int


@dataclass(frozen=True)
class RoleFigures:
    role: str
    label: str
    count: int
    average: Decimal | None


@dataclass(frozen=True)
class RatingSummary:
    """The evaluation of a cycle: how many rated it, the average (Decimal, one decimal), the
    distribution over 1–10, the same per role, and the comments."""

    count: int
    average: Decimal | None
    distribution: list[RatingBar]
    by_role: list[RoleFigures]
    comments: list[AuditRating]

    @property
    def max_count(self) -> int:
        return max((bar.count for bar in self.distribution), default=0)


def rating_summary(
    cycle: AuditCycle, *, with_comments: bool = True, excluded_units: Collection[int] = ()
) -> RatingSummary:
    """The evaluation of `cycle`. Two queries: the number of ratings per role and rating (one
    grouped count; sums, averages and the distribution follow in Python, exactly) and the
    comments, which the UWV-wide report leaves out (`with_comments=False`), as it leaves out
    the ratings given at an excluded unit (`excluded_units`)."""
    counts = (
        AuditRating.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded_units)
        .values_list("rater_role", "rating")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_rating: dict[int, int] = defaultdict(int)
    role_count: dict[str, int] = defaultdict(int)
    role_total: dict[str, int] = defaultdict(int)
    for role, rating, n in counts:
        per_rating[rating] += n
        role_count[role] += n
        role_total[role] += rating * n
    count = sum(role_count.values())
    comments = (
        list(
            AuditRating.objects.filter(cycle=cycle)
            .exclude(comment="")
            .select_related("unit")
            .order_by("rater_role", "unit__name", "-rating", "id")
        )
        if with_comments
        else []
    )
    return RatingSummary(
        count=count,
        average=average_rating(sum(role_total.values()), count),
        distribution=[RatingBar(rating=r, count=per_rating[r]) for r in RATINGS],
        by_role=[
            RoleFigures(
                role=role.value,
                label=str(role.label),
                count=role_count[role.value],
                average=average_rating(role_total[role.value], role_count[role.value]),
            )
            for role in RaterRole
        ],
        comments=comments,
    )


def rating_history(rating: AuditRating | None) -> list[HistoryEntry]:
    """The recorded changes of one person's rating, newest first."""
    return history_for(rating, fmt=ChangeFormat(model=AuditRating))
