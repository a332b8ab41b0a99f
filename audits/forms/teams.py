"""The team matrix: units × auditors, one role per cell, one form for the whole page."""

from django import forms
from django.utils.translation import gettext as _

from audits.constants import TeamRole


def cell_name(unit_id: int, auditor_id: int) -> str:
    return f"role_{unit_id}_{auditor_id}"


class TeamMatrixForm(forms.Form):
    """One select per unit × auditor (none, Toetser or Lead), each labelled "Rol van <auditor>
    bij <unit>". Whether the teams keep the rules is the service's check, for the whole page."""

    seen = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, units, auditors, **kwargs):
        super().__init__(*args, **kwargs)
        self.cells: dict[str, tuple[int, int]] = {}
        for unit in units:
            for auditor in auditors:
                name = cell_name(unit.pk, auditor.pk)
                self.cells[name] = (unit.pk, auditor.pk)
                self.fields[name] = forms.ChoiceField(
                    label=_("Rol van %(auditor)s bij %(unit)s")
                    % {"auditor": auditor, "unit": unit.name},
                    choices=TeamRole.choices,
                    required=False,
                    widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
                )

    def roles(self) -> dict[tuple[int, int], str]:
        """(unit id, auditor id) → role, for every cell of the page."""
        return {cell: self.cleaned_data.get(name) or "" for name, cell in self.cells.items()}
