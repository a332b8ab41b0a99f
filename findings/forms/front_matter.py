"""The form of the UWV-wide report's front matter: date, addressees, chapter 10's title."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FrontMatterForm(forms.Form):
    """Empty fields mean the default: the publication date, the RvB and the Groepsraad, the
    standard title of chapter 10."""

    report_date = forms.DateField(
        label=_("Rapportdatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        help_text=_(
            "Leeg laten: de datum waarop een versie wordt gepubliceerd (het concept toont de "
            "datum van vandaag)."
        ),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    addressees = forms.CharField(
        label=_("Gericht aan"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        help_text=_("Zoals het rapport het zegt: ‘rapportage aan …’. Leeg: de standaard."),
    )
    chapter_10_title = forms.CharField(
        label=_("Titel van hoofdstuk 10"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        help_text=_("Leeg: de standaardtitel."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
