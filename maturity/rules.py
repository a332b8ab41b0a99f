"""The maturity roll-up (DOMAIN.md §3): pure functions, no ORM. `None` means "no score"."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction


def round_half_up(value: Fraction) -> int:
    """Round the way people round: halves go up (2.5 → 3, 3.5 → 4), unlike Python's round()
    which rounds halves to even (round(2.5) == 2). Levels are positive, so "up" is unambiguous."""
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


@dataclass(frozen=True)
class MeanLevel:
    """A principle's mean over the scored units: exact, shown to two decimals, and rounded."""

    count: int
    total: int

    @property
    def exact(self) -> Fraction:
        return Fraction(self.total, self.count)

    @property
    def unrounded(self) -> Decimal:
        """The mean to two decimals (half up), for display beside the rounded figure."""
        return (Decimal(self.total) / Decimal(self.count)).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @property
    def rounded(self) -> int:
        return round_half_up(self.exact)


def mean_level(*, total: int | None, count: int) -> MeanLevel | None:
    """The mean level from a database SUM and COUNT of integer levels; `None` without scores.

    Working from the integer sum (not a database AVG, a float on SQLite) keeps the mean exact, so
    2.5 is really 2.5 and rounds to 3.
    """
    if count <= 0 or total is None:
        return None
    return MeanLevel(count=count, total=int(total))
