"""Showing a dossier's recorded values and changes: statuses and outcomes by their label,
amounts (stored in cents) as euros."""

from django import template
from django.utils.translation import gettext_lazy as _

from herstel.constants import DossierOutcome, DossierStatus
from herstel.money import euros
from herstel.templatetags.herstel_money import euro

register = template.Library()

FIELD_LABELS = {
    "status": _("status"),
    "outcome": _("uitkomst"),
    "paid": _("nabetaald"),
    "to_pay": _("nog te betalen"),
    "recovered": _("teruggevorderd"),
    "written_off": _("afgeboekt"),
}
_CHOICES = {"status": DossierStatus, "outcome": DossierOutcome}


def shown(name: str, value) -> str:
    """One recorded value as a person reads it."""
    if name in _CHOICES:
        if not value:
            return "–"
        try:
            return str(_CHOICES[name](value).label)
        except ValueError:
            return str(value)
    if name in FIELD_LABELS and isinstance(value, int):
        return euro(euros(value))
    return "–" if value in (None, "") else str(value)


@register.filter
def dossier_changes(changes: dict) -> list[tuple[str, str, str]]:
    """`{field: [old, new]}` → [(label, old, new)] in the order of the dossier's fields."""
    return [
        (str(FIELD_LABELS[name]), shown(name, changes[name][0]), shown(name, changes[name][1]))
        for name in FIELD_LABELS
        if name in changes
    ]


@register.filter
def dossier_values(values: dict) -> list[tuple[str, str]]:
    """`{field: value}` → [(label, value)] in the order of the dossier's fields."""
    return [(str(FIELD_LABELS[name]), shown(name, values.get(name))) for name in FIELD_LABELS]
