"""Forms of the follow-up: an action with its SMART goal, an effect measurement, and the choice of
tertaal for the overview. The forms say the rules early; the services hold them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from findings.constants import ActionStatus, EffectConclusion
from uwvkms.forms import VersionedWithdrawForm

TARGET_WITHOUT_INDICATOR = _(
    "Een streefwaarde zonder indicator is niet meetbaar: vul de indicator in waarop de "
    "streefwaarde wordt gemeten, of laat de streefwaarde leeg."
)
BASELINE_WITHOUT_INDICATOR = _(
    "Een nulmeting zonder indicator is niet meetbaar: vul de indicator in, of laat de nulmeting "
    "leeg."
)


class DateInput(forms.DateInput):
    """The browser's date picker; it sends and expects ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _amount(label, help_text="", *, required=False, required_message=""):
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        localize=True,
        help_text=help_text,
        error_messages={
            "required": required_message,
            "invalid": _("Vul een getal in, bijvoorbeeld 85 of 12,5."),
            "max_digits": _("Vul een getal in van ten hoogste 10 cijfers vóór de komma."),
            "max_decimal_places": _("Vul ten hoogste 2 cijfers achter de komma in."),
            "max_whole_digits": _("Vul een getal in van ten hoogste 10 cijfers vóór de komma."),
        },
    )


class FollowUpActionForm(forms.Form):
    """An action: what, who, the SMART goal (specific text, a measurable indicator with baseline
    and target, a due date) and its status."""

    title = forms.CharField(
        label=_("Actie"),
        max_length=200,
        error_messages={"required": _("Geef de actie een titel.")},
    )
    owner = forms.CharField(
        label=_("Eigenaar"),
        max_length=120,
        help_text=_("Wie zorgt dat de actie wordt uitgevoerd (naam of functie)."),
        error_messages={"required": _("Wie is eigenaar van deze actie?")},
    )
    goal = forms.CharField(
        label=_("Doel (specifiek)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat moet de actie opleveren, voor wie?"),
        error_messages={"required": _("Beschrijf het doel: wat moet deze actie opleveren?")},
    )
    indicator = forms.CharField(
        label=_("Indicator (meetbaar)"),
        max_length=200,
        required=False,
        help_text=_("Waaraan u meet of het doel is bereikt, bijvoorbeeld een percentage."),
    )
    baseline = _amount(_("Nulmeting"), _("De waarde van de indicator bij de start."))
    target = _amount(_("Streefwaarde"), _("De waarde die de indicator moet bereiken."))
    due_on = forms.DateField(
        label=_("Uiterlijk gereed"),
        widget=DateInput,
        error_messages={
            "required": _("Vul de datum in waarop de actie uiterlijk gereed is."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ActionStatus.choices,
        initial=ActionStatus.GEPLAND,
        error_messages={
            "required": _("Kies een status."),
            "invalid_choice": _("Kies een status: gepland, in uitvoering, gereed of vervallen."),
        },
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def clean_indicator(self) -> str:
        return self.cleaned_data["indicator"].strip()

    def clean(self):
        cleaned = super().clean()
        if "indicator" in cleaned and not cleaned["indicator"]:
            if cleaned.get("target") is not None:
                self.add_error("target", TARGET_WITHOUT_INDICATOR)
            if cleaned.get("baseline") is not None:
                self.add_error("baseline", BASELINE_WITHOUT_INDICATOR)
        return cleaned


class EffectMeasurementForm(forms.Form):
    """What an action delivered: a measured value on a date, a conclusion and what comes next."""

    measured_value = _amount(
        _("Gemeten waarde"),
        _("De waarde van de indicator bij deze meting."),
        required=True,
        required_message=_("Vul de gemeten waarde in."),
    )
    measured_on = forms.DateField(
        label=_("Meetdatum"),
        widget=DateInput,
        error_messages={
            "required": _("Vul de datum van de meting in."),
            "invalid": _("Vul een geldige datum in."),
        },
    )
    conclusion = forms.ChoiceField(
        label=_("Conclusie"),
        choices=EffectConclusion.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de conclusie: effect bereikt, deels bereikt of niet bereikt."),
            "invalid_choice": _(
                "Kies de conclusie: effect bereikt, deels bereikt of niet bereikt."
            ),
        },
    )
    next_steps = forms.CharField(
        label=_("Wat volgt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat gebeurt er nu: borgen, bijsturen, opnieuw meten?"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class TertaalForm(forms.Form):
    """Choose the tertaal of the overview (GET)."""

    tertaal = forms.ChoiceField(
        label=_("Tertaal"),
        error_messages={"invalid_choice": _("Kies een tertaal uit de lijst.")},
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tertaal"].choices = choices


class WithdrawForm(VersionedWithdrawForm):
    """Withdraw a record entered in error (a follow-up action, a theme)."""

    reason_help = _("Waarom is dit ten onrechte vastgelegd? De reden blijft zichtbaar.")
