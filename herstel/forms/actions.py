"""Forms of step 1: starting an action, its facts and lead division, the advice with the mandate
criteria, the control measures, and the step moves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from herstel.constants import (
    CRITERION_ANSWERS,
    CRITERION_HELP,
    AdviceSection,
    ControlMeasureProgress,
    Criterion,
)
from uwvkms.forms import WithdrawForm

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class HerstelactieDetailsForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    what_went_wrong = forms.CharField(
        label=_("Wat ging er mis"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Welke groep cliënten is verkeerd behandeld, en hoe?"),
    )
    wrong_since = forms.DateField(label=_("Sinds wanneer"), widget=DATE_WIDGET)
    estimated_clients = forms.IntegerField(
        label=_("Geschat aantal cliënten"), min_value=0, required=False
    )
    estimated_dossiers = forms.IntegerField(
        label=_("Geschat aantal dossiers"), min_value=0, required=False
    )
    estimated_amount = forms.DecimalField(
        label=_("Geschat bedrag (€)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=False,
        localize=True,
        help_text=_(
            "Totaal dat naar schatting wordt nabetaald, teruggevorderd of afgeboekt; zonder "
            "punten, bijvoorbeeld 125000,50."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)


class HerstelactieStartForm(HerstelactieDetailsForm):
    lead_unit = UnitChoiceField(
        label=_("Leidende divisie"),
        queryset=None,
        empty_label=None,
        help_text=_("De divisie waar het zwaartepunt van de actie ligt."),
    )

    field_order = [
        "title",
        "what_went_wrong",
        "wrong_since",
        "lead_unit",
        "estimated_clients",
        "estimated_dossiers",
        "estimated_amount",
    ]

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units
        del self.fields["version"]


class LeadChangeForm(forms.Form):
    lead_unit = UnitChoiceField(label=_("Nieuwe leidende divisie"), queryset=None)
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = units


class AdviceForm(forms.Form):
    """The advice sections (each may still be empty when saving; submitting needs them all)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in AdviceSection:
            self.fields[section.value] = forms.CharField(
                label=section.label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def sections(self) -> dict[str, str]:
        return {section: self.cleaned_data.get(section, "") for section in AdviceSection.values}


def _to_bool(value: str) -> bool | None:
    return {"ja": True, "nee": False}.get(value)


class CriterionForm(forms.Form):
    """One mandate criterion: the judgement, why, and who judged (prefixed with its code)."""

    value = forms.TypedChoiceField(
        label=_("Oordeel"),
        choices=(),
        coerce=_to_bool,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    rationale = forms.CharField(
        label=_("Onderbouwing"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    judged_by = forms.CharField(
        label=_("Beoordeeld door"),
        required=False,
        max_length=200,
        help_text=_("Naam en functie van wie dit criterium beoordeelde."),
    )

    def __init__(self, *args, criterion: Criterion, **kwargs):
        super().__init__(*args, prefix=criterion.value, **kwargs)
        self.criterion = criterion
        answers = CRITERION_ANSWERS[criterion]
        self.fields["value"].choices = [("ja", answers.yes), ("nee", answers.no)]
        self.fields["value"].help_text = CRITERION_HELP[criterion]


def criterion_initial(value: bool | None) -> str | None:
    return None if value is None else ("ja" if value else "nee")


class ControlMeasureForm(forms.Form):
    description = forms.CharField(
        label=_("Maatregel"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wat doen we om van de fout te leren en herhaling te voorkomen?"),
    )
    owner = forms.CharField(label=_("Eigenaar"), max_length=200)
    due_on = forms.DateField(label=_("Gereed op"), widget=DATE_WIDGET)
    progress = forms.ChoiceField(
        label=_("Status"),
        choices=ControlMeasureProgress.choices,
        initial=ControlMeasureProgress.OPEN,
        required=False,
    )

    def clean_progress(self) -> str:
        return self.cleaned_data.get("progress") or ControlMeasureProgress.OPEN


class ControlMeasureUpdateForm(ControlMeasureForm):
    """A control measure changed: the same fields, with the version the user saw."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class MeasureWithdrawForm(WithdrawForm):
    reason_help = _(
        "Waarom is deze maatregel ten onrechte vastgelegd? De maatregel blijft doorgestreept "
        "zichtbaar met de reden."
    )
    required_message = _("Geef de reden waarom u deze maatregel intrekt.")


class AdviceSectionAssignForm(forms.Form):
    """Ask SBK to write one section of the advice."""

    section = forms.ChoiceField(label=_("Onderdeel"), choices=())
    note = forms.CharField(
        label=_("Toelichting voor SBK"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            ("", "---------"),
            *[(s.value, s.label) for s in sections],
        ]


class AdviceSectionWriteForm(forms.Form):
    """SBK writes one section of the advice it was asked to write."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, section=None, **kwargs):
        super().__init__(*args, **kwargs)
        if section is not None:
            self.fields["text"].label = section.label


class StepMoveForm(forms.Form):
    move = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    reason = forms.CharField(
        label=_("Reden"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
