from django import forms
from django.utils.translation import gettext_lazy as _

from audits.models import AuditCycle, ManagementPrinciple
from audits.selectors.cycles import year_taken_message
from uwvkms.constants import Role
from uwvkms.forms import WithdrawForm
from uwvkms.models import BusinessUnit
from uwvkms.selectors import users_with_role


class DateInput(forms.DateInput):
    """The browser's date picker; it sends and expects ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class CyclePeriodForm(forms.Form):
    """The fieldwork period of a cycle: both dates required, the end not before the start."""

    period_start = forms.DateField(
        label=_("Begin veldwerk"),
        widget=DateInput,
        error_messages={"required": _("Vul de begindatum van het veldwerk in.")},
    )
    period_end = forms.DateField(
        label=_("Einde veldwerk"),
        widget=DateInput,
        error_messages={"required": _("Vul de einddatum van het veldwerk in.")},
    )
    # Whether the period fits the cycle's year is the service's rule
    # (`uwvkms.dates.fieldwork_period_problems`): one place, the API asks it too.


class CycleOpenForm(CyclePeriodForm):
    field_order = ["year", "principles", "include_basic", "period_start", "period_end"]

    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    principles = forms.ModelMultipleChoiceField(
        label=_("Managementprincipes in scope"),
        queryset=ManagementPrinciple.objects.filter(is_basic=False),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In drie jaar komen alle principes aan bod."),
        error_messages={"required": _("Kies ten minste één managementprincipe.")},
    )
    include_basic = forms.BooleanField(
        label=_("Basic Kwaliteitsmanagement toetsen"),
        required=False,
        initial=True,
        help_text=_(
            "Geen managementprincipe: de toets of elk onderdeel de standaard "
            "kwaliteitsmanagementprocessen en -documenten toepast. Wordt bij elk onderdeel gescoord."
        ),
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        message = year_taken_message(year)
        if message:
            raise forms.ValidationError(message)
        return year


class AuditorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        unit = obj.business_unit.abbreviation if obj.business_unit else _("geen onderdeel")
        return f"{obj} ({unit})"


class AssignmentForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Bedrijfsonderdeel"),
        queryset=BusinessUnit.objects.all(),
        empty_label=_("– kies een bedrijfsonderdeel –"),
    )
    auditor = AuditorChoiceField(
        label=_("Toetser"), queryset=None, empty_label=_("– kies een toetser –")
    )
    is_lead = forms.BooleanField(label=_("Leadtoetser"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["auditor"].queryset = users_with_role(Role.TOETSER).order_by(
            "last_name", "first_name"
        )


class ScopeForm(forms.Form):
    """Which of the cycle's principles are assessed at one unit."""

    principles = forms.ModelMultipleChoiceField(
        label=_("Getoetste principes"),
        queryset=ManagementPrinciple.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "Een principe dat hier niet is aangevinkt wordt bij dit onderdeel niet getoetst: het "
            "telt dan niet mee in de cijfers (geen nul)."
        ),
    )

    def __init__(self, *args, cycle: AuditCycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principles"].queryset = cycle.principles.all()


class ExclusionForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=_("Bedrijfsonderdeel"),
        queryset=BusinessUnit.objects.none(),
        empty_label=_("– kies een bedrijfsonderdeel –"),
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Waarom kon de toets bij dit onderdeel niet representatief worden gedaan?"),
        error_messages={
            "required": _("Geef de reden waarom dit onderdeel niet representatief is getoetst.")
        },
    )

    def __init__(self, *args, cycle: AuditCycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = BusinessUnit.objects.exclude(
            id__in=cycle.exclusions.values("unit_id")
        )


class ExclusionUndoForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden om weer mee te tellen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": _("Geef de reden waarom dit onderdeel weer meetelt.")},
    )


class CycleStepBackForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden om een fase terug te gaan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Geef aan waarom de cyclus een fase terug gaat.")},
    )


class CyclePrinciplesForm(forms.Form):
    """The principles a cycle covers, changed while it is in Voorbereiding."""

    principles = CycleOpenForm.base_fields["principles"]
    include_basic = CycleOpenForm.base_fields["include_basic"]


class CycleWithdrawForm(WithdrawForm):
    reason_help = _("Bijvoorbeeld: per ongeluk geopend, of voor het verkeerde jaar.")


class CycleReinstateForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden om terug te zetten"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Geef de reden waarom u de cyclus terugzet.")},
    )
