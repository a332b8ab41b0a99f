"""The forms of the UWV-wide report's structure and sections (issue 18)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.constants import MaterialKind
from findings.models import Finding, Recommendation, Theme
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

    def clean(self):
        cleaned = super().clean()
        stray = set(cleaned.get("not_applicable", [])) - set(cleaned.get("blocks", []))
        if stray:
            self.add_error(
                "not_applicable",
                _("Alleen een gekozen onderdeel kan niet van toepassing zijn; kies het ook."),
            )
        return cleaned


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


def _short(text: str, length: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


class ExampleForm(forms.Form):
    """A good example: a counted unit's good practice and why the team shows it."""

    finding = forms.ModelChoiceField(
        label=_("Goede praktijk"),
        queryset=None,
        empty_label=_("Kies een goede praktijk"),
        error_messages={"required": _("Kies een goede praktijk van een onderdeel.")},
    )
    text = forms.CharField(
        label=_("Waarom dit een goed voorbeeld is"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        error_messages={"required": _("Leg uit waarom dit een goed voorbeeld is.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["finding"]
        field.queryset = Finding.objects.filter(pk__in=[f.pk for f in candidates.good_practices])
        labels = {
            f.pk: f"{f.unit.name} · {f.principle.name}: {_short(f.text)}"
            for f in candidates.good_practices
        }
        field.label_from_instance = lambda f: labels.get(f.pk, str(f))


class QuoteForm(forms.Form):
    """A quote: one source and the passage taken from it word for word."""

    source = forms.ChoiceField(
        label=_("Bron"),
        error_messages={"required": _("Kies een bron.")},
    )
    text = forms.CharField(
        label=_("Citaat (letterlijk uit de bron; een deel weglaten mag)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Neem de tekst van het citaat over uit de bron.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = {}
        groups = [
            (_("Bevestigde interviews"), "quote", candidates.quotes, lambda q: q.unit.name),
            (
                _("Rapporten van de onderdelen"),
                "finding",
                candidates.findings,
                lambda f: f.unit.name,
            ),
            (
                _("Managementreacties"),
                "response",
                candidates.responses,
                lambda r: r.unit_report.unit.name,
            ),
        ]
        choices = [("", _("Kies een bron"))]
        for label, kind, items, unit_of in groups:
            options = []
            for item in items:
                key = f"{kind}:{item.pk}"
                self.sources[key] = (kind, item)
                text = item.overall if kind == "response" else item.text
                options.append((key, f"{unit_of(item)}: {_short(text)}"))
            if options:
                choices.append((label, options))
        self.fields["source"].choices = choices

    def picked(self) -> dict:
        """The picked source as the service's keyword (quote, finding or response)."""
        kind, item = self.sources[self.cleaned_data["source"]]
        return {kind: item}


class UwvTextForm(forms.Form):
    """A UWV-level observation or recommendation and what it rests on (for the team)."""

    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=[
            (MaterialKind.OBSERVATIE.value, MaterialKind.OBSERVATIE.label),
            (MaterialKind.AANBEVELING.value, MaterialKind.AANBEVELING.label),
        ],
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Geef een titel.")}
    )
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=8000,
        error_messages={"required": _("Schrijf de tekst.")},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Rust op de rode draden (niet in het rapport)"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Rust op de aanbevelingen aan onderdelen (niet in het rapport)"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(
            pk__in=[t.pk for t in candidates.themes]
        )
        recommendations = self.fields["recommendations"]
        recommendations.queryset = Recommendation.objects.filter(
            pk__in=[r.pk for r in candidates.recommendations]
        )
        labels = {r.pk: f"{r.unit.name}: {r.title}" for r in candidates.recommendations}
        recommendations.label_from_instance = lambda r: labels.get(r.pk, str(r))


class MaterialEditForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, required=False)
    text = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=8000,
        error_messages={"required": _("Schrijf de tekst.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MaterialWithdrawForm(VersionedWithdrawForm):
    reason_help = _("Bijvoorbeeld: ‘past beter in 7.2’ of ‘vervangen door een sterker citaat’.")
