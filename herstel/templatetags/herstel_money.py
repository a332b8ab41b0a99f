"""Money in herstel pages: euros with two decimals and Dutch grouping (€ 1.234,56)."""

from decimal import Decimal

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def euro(value: Decimal | None) -> str:
    """`Decimal("1234.5")` → "€ 1.234,50" (a no-break space after the sign); None → "–"."""
    if value is None or value == "":
        return "–"
    return "€\u00a0" + formats.number_format(
        Decimal(value), decimal_pos=2, use_l10n=True, force_grouping=True
    )
