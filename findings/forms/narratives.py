"""The form of one narrative section of the UWV-wide report."""

from django import forms
from django.utils.translation import gettext_lazy as _


class NarrativeForm(forms.Form):
    """Plain text; a blank line starts a new paragraph. Empty means: use the generated text."""

    text = forms.CharField(
        label=_("Tekst"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "class": "form-control"}),
        help_text=_(
            "Platte tekst; een lege regel begint een nieuwe alinea. Leeg laten zet de "
            "gegenereerde standaardtekst terug."
        ),
        max_length=20000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
