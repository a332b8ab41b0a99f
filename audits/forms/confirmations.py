"""Forms of self-service confirmation: a linked interviewee confirms a record or asks for a
correction. Input only; the rules live in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _


class InterviewConfirmForm(forms.Form):
    """Bevestigen: only the version the interviewee read (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class InterviewCorrectionForm(forms.Form):
    """Correctie vragen: what must change in the record, and the version read."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    remarks = forms.CharField(
        label=_("Wat moet er gecorrigeerd worden?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Beschrijf wat er in het verslag gecorrigeerd moet worden.")},
    )
