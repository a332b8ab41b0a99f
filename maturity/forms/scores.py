from django import forms
from django.utils.translation import gettext_lazy as _

from maturity.constants import MaturityLevel


class ScoreForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Volwassenheidsniveau"),
        choices=MaturityLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een volwassenheidsniveau van 1 tot en met 5."),
            "invalid_choice": _("Kies een volwassenheidsniveau van 1 tot en met 5."),
        },
    )
    justification = forms.CharField(
        label=_("Onderbouwing"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Verwijs naar het bewijs: bestudeerde documenten en bevestigde interviews."),
        error_messages={"required": _("Onderbouw de score met het bewijs.")},
    )
    reason = forms.CharField(
        label=_("Reden van wijziging"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als u het niveau van een bestaande score wijzigt."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_justification(self) -> str:
        text = self.cleaned_data["justification"].strip()
        if not text:
            raise forms.ValidationError(_("Onderbouw de score met het bewijs."))
        return text
