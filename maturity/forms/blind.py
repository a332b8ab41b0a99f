"""The forms of blind scoring (issue 21 part 2)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maturity.constants import MaturityLevel


class IndividualScoreForm(forms.Form):
    """The auditor's own level and short justification, recorded blind."""

    level = forms.TypedChoiceField(
        label=_("Uw eigen volwassenheidsniveau"),
        choices=MaturityLevel.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={"invalid_choice": _("Kies een volwassenheidsniveau van 1 tot en met 5.")},
    )
    justification = forms.CharField(
        label=_("Korte onderbouwing"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Waarom dit niveau? Uw teamgenoten zien dit pas als de blinde fase gesloten is."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean(self):
        data = super().clean()
        if data.get("level") is None and "level" not in self.errors:
            self.add_error("level", _("Kies uw eigen volwassenheidsniveau."))
        if not (data.get("justification") or "").strip() and "justification" not in self.errors:
            self.add_error("justification", _("Onderbouw uw eigen score kort."))
        return data


class BlindCloseForm(forms.Form):
    """The lead auditor closes the blind phase; a reason when not everyone has scored."""

    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als nog niet alle toetsers van het team hebben gescoord."),
    )


class BlindSettingForm(forms.Form):
    """The coordination team turns blind scoring of a cycle on or off."""

    enabled = forms.TypedChoiceField(
        label=_("Blind scoren in deze toetscyclus"),
        choices=[
            ("1", _("Aan: elke toetser scoort eerst zelf, daarna bepaalt het team de teamscore")),
            ("0", _("Uit: het team legt meteen één score vast")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
