"""Forms of the roll-up: the board's filter, the thread threshold, themes, grouping and the
hoofdbevinding. Querysets come from the view (through the selectors), never from here."""

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.services.rollup import MAX_THRESHOLD, MIN_THRESHOLD


class BoardFilterForm(forms.Form):
    """Filter the board by principle and unit (GET). An unknown value is a 400, not an empty
    board."""

    principle = forms.ModelChoiceField(
        label=_("Managementprincipe"),
        queryset=None,
        required=False,
        to_field_name="code",
        empty_label=_("Alle principes"),
        error_messages={"invalid_choice": _("Kies een principe van deze toetscyclus.")},
    )
    unit = forms.ModelChoiceField(
        label=_("Bedrijfsonderdeel"),
        queryset=None,
        required=False,
        empty_label=_("Alle onderdelen"),
        error_messages={"invalid_choice": _("Kies een bestaand bedrijfsonderdeel.")},
    )

    def __init__(self, *args, principles, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principle"].queryset = principles
        self.fields["unit"].queryset = units

    def query(self) -> dict[str, str]:
        """The valid filter as GET parameters (to return to the same view after a change)."""
        if not self.is_valid():
            return {}
        query = {}
        if self.cleaned_data.get("principle"):
            query["principle"] = self.cleaned_data["principle"].code
        if self.cleaned_data.get("unit"):
            query["unit"] = str(self.cleaned_data["unit"].pk)
        return query


class ThresholdForm(forms.Form):
    thread_threshold = forms.IntegerField(
        label=_("Drempel rode draad (aantal onderdelen)"),
        min_value=MIN_THRESHOLD,
        max_value=MAX_THRESHOLD,
        help_text=_(
            "Een thema is een rode draad als het bij ten minste dit aantal meetellende "
            "onderdelen voorkomt."
        ),
        error_messages={
            "required": _("Vul de drempel in: een aantal onderdelen van 2 of meer."),
            "invalid": _("Vul een geheel aantal onderdelen in."),
            "min_value": _("De drempel is ten minste %(limit_value)s onderdelen."),
            "max_value": _("De drempel is ten hoogste %(limit_value)s onderdelen."),
        },
    )


class ThemeForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Geef het thema een titel.")},
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat de aanbevelingen in dit thema gemeen hebben."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class GroupAction:
    ADD = "toevoegen"
    REMOVE = "verwijderen"


class GroupingForm(forms.Form):
    """Put recommendations into a theme, or take them out."""

    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=None,
        error_messages={
            "required": _("Kies een thema."),
            "invalid_choice": _("Kies een thema van deze toetscyclus."),
        },
    )
    recommendations = forms.ModelMultipleChoiceField(
        label=_("Aanbevelingen"),
        queryset=None,
        error_messages={
            "required": _("Kies ten minste één aanbeveling."),
            "invalid_choice": _("Kies alleen aanbevelingen van deze toetscyclus."),
            "invalid_pk_value": _("Kies alleen aanbevelingen van deze toetscyclus."),
        },
    )
    action = forms.ChoiceField(
        choices=[(GroupAction.ADD, _("Toevoegen")), (GroupAction.REMOVE, _("Uit thema halen"))],
        error_messages={"required": _("Kies toevoegen of uit het thema halen.")},
    )
    return_to = forms.ChoiceField(choices=[("board", "board"), ("theme", "theme")], required=False)

    def __init__(self, *args, themes, recommendations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes
        self.fields["recommendations"].queryset = recommendations


class MainFindingForm(forms.Form):
    title = forms.CharField(
        label=_("Titel van de hoofdbevinding"),
        max_length=200,
        error_messages={"required": _("Geef de hoofdbevinding een titel.")},
    )
    advice = forms.CharField(
        label=_("UWV-breed advies"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Geef het UWV-brede advies bij deze hoofdbevinding.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class MainFindingRemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van intrekken"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef de reden waarom de hoofdbevinding vervalt.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
