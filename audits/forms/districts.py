from django import forms
from django.utils.translation import gettext_lazy as _

from audits.constants import MIN_DRAW, LocationKind


class DistrictForm(forms.Form):
    """A candidate place to visit: a district, region (rayon) or department."""

    name = forms.CharField(
        label=_("Naam district, regio of afdeling"),
        max_length=120,
        error_messages={"required": _("Vul de naam in.")},
    )
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=LocationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies centraal of decentraal.")},
    )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Vul de naam in."))
        return name


class DrawForm(forms.Form):
    """Draw the places to visit; a redraw needs a reason."""

    count = forms.IntegerField(
        label=_("Aantal te trekken"),
        min_value=MIN_DRAW,
        max_value=50,
        initial=MIN_DRAW,
        error_messages={
            "required": _("Vul het aantal in."),
            "min_value": _("Trek ten minste %(limit_value)s districten of afdelingen."),
        },
    )
    reason = forms.CharField(
        label=_("Reden voor een nieuwe loting"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        help_text=_("Verplicht bij opnieuw loten; de vorige loting blijft zichtbaar."),
    )
    current = forms.IntegerField(widget=forms.HiddenInput, required=False)
