"""The form of the UWV-wide report's front matter: its date and to whom it goes."""

from django import forms
from django.utils.translation import gettext_lazy as _


class FrontMatterForm(forms.Form):
    """Empty fields mean the default: the publication date, the RvB and the Groepsraad."""

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
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
