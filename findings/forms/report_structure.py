"""The forms of the UWV-wide report's structure and sections (issue 18)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.report.uwv.blocks import block_choices
from uwvkms.forms import VersionedWithdrawForm

MARKUP_HELP = _(
    "Een lege regel begint een nieuwe alinea. ‘### Kop’ is een kop binnen de paragraaf; regels "
    "met ‘- ’ of ‘1. ’ vormen een lijst; ‘> ’ een citaat; *cursief* en **vet**; "
    "[^tekst] is een voetnoot; [tekst](#linkadres) verwijst naar een hoofdstuk of paragraaf "
    "van dit rapport."
)


class SectionForm(forms.Form):
    """A chapter's or section's title, the team's text and the generated blocks it shows."""

    title = forms.CharField(
        label=_("Titel"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    text = forms.CharField(
        label=_("Tekst"),
        required=False,
        max_length=40000,
        widget=forms.Textarea(attrs={"rows": 16, "class": "form-control font-monospace"}),
        help_text=MARKUP_HELP,
    )
    blocks = forms.MultipleChoiceField(
        label=_("Gegenereerde onderdelen na de tekst"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    not_applicable = forms.MultipleChoiceField(
        label=_("Niet van toepassing (mag leeg blijven in een definitief rapport)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, principle_chapter: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = block_choices(principle_chapter=principle_chapter)
        self.fields["blocks"].choices = choices
        self.fields["not_applicable"].choices = choices


class SectionAddForm(forms.Form):
    title = forms.CharField(
        label=_("Titel van de nieuwe paragraaf"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control"}),
        error_messages={"required": _("Geef de paragraaf een titel.")},
    )


class SectionWithdrawForm(VersionedWithdrawForm):
    reason_help = _(
        "Bijvoorbeeld: ‘dit jaar niet van toepassing’ of ‘samengevoegd met 7.2’. De tekst blijft "
        "bewaard in de historie."
    )
    required_message = _("Geef de reden waarom deze paragraaf uit het rapport gaat.")
