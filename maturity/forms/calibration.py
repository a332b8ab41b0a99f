"""Forms of calibration: only input checks; the rules live in `maturity.services.calibration`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maturity.constants import MaturityLevel
from uwvkms.constants import Role
from uwvkms.models import User


class DateInput(forms.DateInput):
    """The browser's date picker; it sends and expects ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class ParticipantField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        unit = obj.business_unit.abbreviation if obj.business_unit else "–"
        names = {group.name for group in obj.groups.all()}  # prefetched
        roles = ", ".join(
            str(role.label) for role in (Role.COORDINATIETEAM, Role.TOETSER) if role.value in names
        )
        return f"{obj} ({unit}; {roles})"


def participant_choices():
    """Active auditors and coordinators, with their unit and roles: two queries."""
    return (
        User.objects.filter(
            is_active=True,
            groups__name__in=[Role.TOETSER.value, Role.COORDINATIETEAM.value],
        )
        .select_related("business_unit")
        .prefetch_related("groups")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class SessionOpenForm(forms.Form):
    held_on = forms.DateField(
        label=_("Datum van de sessie"),
        widget=DateInput,
        error_messages={"required": _("Vul de datum van de sessie in.")},
    )
    participants = ParticipantField(
        label=_("Deelnemers"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Toetsers en leden van het coördinatieteam die de scores bespreken."),
        error_messages={"required": _("Kies ten minste één deelnemer.")},
    )
    notes = forms.CharField(
        label=_("Aantekeningen"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = participant_choices()


class SessionCloseForm(forms.Form):
    notes = forms.CharField(
        label=_("Aantekeningen bij de sessie"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat is besproken en afgesproken; blijft bij de ronde bewaard."),
    )


class ScoreAdjustForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Nieuw niveau"),
        choices=MaturityLevel.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies een volwassenheidsniveau van 1 tot en met 5."),
            "invalid_choice": _("Kies een volwassenheidsniveau van 1 tot en met 5."),
        },
    )
    reason = forms.CharField(
        label=_("Reden van de bijstelling"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat de kalibratiesessie heeft overtuigd; dit blijft in de historie."),
        error_messages={"required": _("Geef de reden van de bijstelling.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Geef de reden van de bijstelling."))
        return reason


class ScoreReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Wat moet de toetser herzien?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("De score gaat terug naar concept; de toetser ziet deze reden."),
        error_messages={"required": _("Geef aan waarom de toetser de score moet herzien.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Geef aan waarom de toetser de score moet herzien."))
        return reason


class CalibrationReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van heropenen"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef de reden van het heropenen.")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Geef de reden van het heropenen."))
        return reason
