"""Strict JSON fields for the herstel API: money only as a decimal string ("1234.50"), numbers
and booleans only as JSON numbers and booleans, and no field the resource does not know.
DRF's own fields accept "12" for 12 and 12.5 for "12.50"; an integration should get a clear
400 instead of a guess."""

import re
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from uwvkms.api.serializers import shown

# Euros with at most two decimals, a point as the decimal mark, no sign, no thousands
# separators: what every amount of the API looks like, in requests and in answers.
MONEY_PATTERN = r"^\d{1,12}(\.\d{1,2})?$"
MONEY = re.compile(MONEY_PATTERN)
_SIGNED = re.compile(r"^-\d+(\.\d+)?$")

MONEY_HELP = _(
    'Bedrag in euro als tekst met een punt en hoogstens twee decimalen, bijvoorbeeld "1234.50"; '
    "nooit een getal (float)."
)


def money_problem(value: object) -> str | None:
    """Why `value` is not an amount the API accepts (None: it is)."""
    if not isinstance(value, str):
        return str(_('Een bedrag is tekst, bijvoorbeeld "1234.50", geen getal of ander type.'))
    if _SIGNED.match(value.strip()):
        return str(_("Een bedrag is nul of meer."))
    if not MONEY.match(value):
        return str(
            _(
                '"%s" is geen bedrag: schrijf bijvoorbeeld "1234.50" (een punt, hoogstens twee '
                "decimalen, geen duizendtaltekens)."
            )
            % shown(value)
        )
    return None


@extend_schema_field({"type": "string", "pattern": MONEY_PATTERN, "example": "1234.50"})
class MoneyField(serializers.DecimalField):
    """An amount in euros as a decimal string; a float, a negative amount or a third decimal
    is refused."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", MONEY_HELP)
        super().__init__(max_digits=14, decimal_places=2, min_value=Decimal(0), **kwargs)

    def to_internal_value(self, data):
        problem = money_problem(data)
        if problem:
            raise serializers.ValidationError(problem, code="invalid")
        return Decimal(data)


class StrictIntegerField(serializers.IntegerField):
    """A whole number as a JSON number (not "12", not 12.5, not true)."""

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            raise serializers.ValidationError(_("Geef een geheel getal."), code="invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    """true or false as JSON booleans (not "ja", not 1)."""

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            raise serializers.ValidationError(_("Geef true of false."), code="invalid")
        return data


class StrictCharField(serializers.CharField):
    """Text as a JSON string (not a number DRF would turn into text)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(_("Geef tekst."), code="invalid")
        if shown(data, len(data)) != data:
            raise serializers.ValidationError(_("De tekst bevat ongeldige tekens."), code="invalid")
        return super().to_internal_value(data)
