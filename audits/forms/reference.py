"""Forms of the reference texts of Bijlage 2 (the coordination team)."""

from django import forms
from django.utils.translation import gettext_lazy as _


def _text(label, help_text="", rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class PrincipleTextsForm(forms.Form):
    """What Bijlage 2 says of one principle. A blank line starts a new paragraph."""

    definition = _text(
        _("Definitie"),
        help_text=_("De algemene omschrijving van het principe, afgeleid van ISO 9000."),
    )
    uwv_specific = _text(
        _("UWV specifiek"),
        help_text=_("Wat het principe binnen UWV in het bijzonder vraagt. Mag leeg blijven."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class ReferenceTextForm(forms.Form):
    """One reference text. A blank line starts a new paragraph."""

    text = _text(_("Tekst"), rows=10, help_text=_("Een lege regel begint een nieuwe alinea."))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
