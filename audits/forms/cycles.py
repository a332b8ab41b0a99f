from django import forms
from django.utils.translation import gettext_lazy as _

from audits.models import AuditCycle, ManagementPrinciple
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit
from uwvkms.selectors import users_with_role


class CycleOpenForm(forms.Form):
    year = forms.IntegerField(label=_("Jaar"), min_value=2000, max_value=2100)
    principles = forms.ModelMultipleChoiceField(
        label=_("Managementprincipes in scope"),
        queryset=ManagementPrinciple.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("In drie jaar komen alle principes aan bod."),
        error_messages={"required": _("Kies ten minste één managementprincipe.")},
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if AuditCycle.objects.filter(year=year).exists():
            raise forms.ValidationError(
                _("Er bestaat al een toetscyclus voor %(year)s."), params={"year": year}
            )
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
