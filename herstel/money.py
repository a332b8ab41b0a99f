"""Money in herstelacties: stored as whole cents (BigIntegerField) and shown as `Decimal` euros.

Why cents: the database adds the dossiers up. SQLite's SUM over a DecimalField is floating point
(a 100,000-row sum came back as …313.5397 instead of …313.54), while a SUM over integers is exact
on SQLite and PostgreSQL alike. Every conversion here is exact; nothing goes through float.
"""

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
# The largest amount a dossier may carry, in cents (just under a trillion euros): far above any
# real amount, far below what a 64-bit sum of millions of dossiers could overflow.
MAX_CENTS = 100_000_000_000_000 - 1


def euros(cents: int | None) -> Decimal | None:
    """Whole cents as euros with two decimals: 123456 → Decimal("1234.56")."""
    if cents is None:
        return None
    return (Decimal(int(cents)) / 100).quantize(CENT)


def cents_of(amount: Decimal | int | None) -> int | None:
    """Euros as whole cents. A `Decimal` with more than two decimals is refused (ValueError):
    money is never rounded silently."""
    if amount is None:
        return None
    value = Decimal(amount)
    if value != value.quantize(CENT):
        raise ValueError(f"{amount} has more than two decimals")
    return int(value * 100)


def divide_half_up(numerator: int, denominator: int) -> int:
    """`numerator / denominator` rounded half up (away from zero) to a whole number, exactly:
    the average amount per dossier in cents (1 cent / 2 dossiers → 1 cent)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    return int((Decimal(numerator) / Decimal(denominator)).quantize(1, rounding=ROUND_HALF_UP))
