"""The forms an assigned auditor writes a unit's findings with: an observation or good practice,
a recommendation, a quote; and the confirmation of a deletion. The services hold the rules; the
forms offer only what may be chosen (the principles assessed at the unit, its confirmed
interviews)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.constants import FindingKind, Priority
from findings.models import Quote
from findings.selectors.findings import interview_label


class _ItemForm(forms.Form):
    """Shared: the principle (only those assessed at the unit) and the version seen."""

    principle = forms.ModelChoiceField(
        label=_("Managementprincipe"),
        queryset=None,
        empty_label=None,
        error_messages={
            "invalid_choice": _("Kies een principe dat bij dit onderdeel is getoetst.")
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, principles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principle"].queryset = principles


class FindingForm(_ItemForm):
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=FindingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of dit een observatie of een goede praktijk is.")},
    )
    text = forms.CharField(
        label=_("Tekst"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf de observatie of goede praktijk op.")},
        help_text=_(
            "Een goede praktijk is iets waar andere onderdelen van kunnen leren; het UWV-brede "
            "rapport noemt daarbij het onderdeel."
        ),
    )

    field_order = ["principle", "kind", "text", "version"]


class RecommendationForm(_ItemForm):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Geef de aanbeveling een korte titel.")},
    )
    text = forms.CharField(
        label=_("Toelichting"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Licht toe waar verbetering nodig is.")},
    )
    priority = forms.ChoiceField(
        label=_("Prioriteit"), choices=Priority.choices, widget=forms.RadioSelect
    )

    field_order = ["principle", "title", "text", "priority", "version"]


class QuoteForm(_ItemForm):
    interview = forms.ModelChoiceField(
        label=_("Uit interview"),
        queryset=None,
        empty_label=_("Kies een bevestigd interview"),
        help_text=_(
            "Alleen bevestigde interviews. In het rapport staat het citaat als "
            "“Uit het rapport van” het onderdeel, nooit met de naam van wie het zei."
        ),
        error_messages={
            "required": _("Kies het bevestigde interview waar het citaat uit komt."),
            "invalid_choice": _("Een citaat komt uit een bevestigd interview bij dit onderdeel."),
        },
    )
    text = forms.CharField(
        label=_("Citaat"),
        max_length=Quote._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en letterlijk; hooguit 400 tekens."),
        error_messages={"required": _("Schrijf het citaat op.")},
    )

    field_order = ["principle", "interview", "text", "version"]

    def __init__(self, *args, interviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interview"].queryset = interviews
        self.fields["interview"].label_from_instance = interview_label


class DeleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
