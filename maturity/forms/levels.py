"""The form of one maturity level's name and meaning (the coordination team)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class LevelMeaningForm(forms.Form):
    """What a level is called and what it means in general."""

    name = forms.CharField(label=_("Naam"), max_length=50)
    meaning = forms.CharField(
        label=_("Betekenis"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Staat in Bijlage 1 van het UWV-brede rapport, bij de kalibratie en in een "
            "toetskader waar de beschrijving van dit niveau leeg is."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
