"""The form a participant rates the audit with."""

from django import forms
from django.utils.translation import gettext_lazy as _

RATING_MESSAGE = _("Geef een cijfer: een geheel getal van 1 tot en met 10.")


class AuditRatingForm(forms.Form):
    rating = forms.IntegerField(
        label=_("Cijfer (1–10)"),
        min_value=1,
        max_value=10,
        help_text=_("Hoe beoordeelt u de toets als geheel? 1 is zeer slecht, 10 uitstekend."),
        error_messages={
            "required": RATING_MESSAGE,
            "invalid": RATING_MESSAGE,
            "min_value": RATING_MESSAGE,
            "max_value": RATING_MESSAGE,
        },
    )
    comment = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat ging goed, wat kan beter aan de toets?"),
    )
