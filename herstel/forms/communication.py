"""Forms of the communication track's roles (issue 20): the issuemanager, the tasks per
discipline and the comments on the kapstokverhaal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from herstel.constants import Discipline, TaskStatus
from herstel.forms.actions import DATE_WIDGET, UnitChoiceField
from herstel.forms.records import PersonChoiceField
from uwvkms.forms import WithdrawForm


class IssuemanagerForm(forms.Form):
    user = PersonChoiceField(
        label=_("Issuemanager"),
        queryset=None,
        empty_label=_("– kies iemand van Communicatie –"),
        help_text=_("Iemand met de rol Communicatie (herstel)."),
    )
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij het wisselen van issuemanager."),
    )

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, prefix="issuemanager", **kwargs)
        self.fields["user"].queryset = users


class CommunicationTaskForm(forms.Form):
    discipline = forms.ChoiceField(label=_("Discipline"), choices=Discipline.choices)
    business_unit = UnitChoiceField(
        label=_("Divisie"),
        queryset=None,
        required=False,
        empty_label="–",
        help_text=_("Alleen bij de discipline Divisie."),
    )
    description = forms.CharField(
        label=_("Opdracht"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Wat deze discipline vanuit het kapstokverhaal uitwerkt."),
    )
    owner_user = PersonChoiceField(
        label=_("Eigenaar (gebruiker in uwvkms)"),
        queryset=None,
        required=False,
        empty_label=_("– geen: alleen een naam –"),
        help_text=_("Een eigenaar die gebruiker is, leest de herstelactie en werkt de taak bij."),
    )
    owner_name = forms.CharField(label=_("Eigenaar (naam)"), max_length=200, required=False)
    due_on = forms.DateField(label=_("Gereed op"), widget=DATE_WIDGET)

    def __init__(self, *args, users, units, **kwargs):
        super().__init__(*args, prefix="taak", **kwargs)
        self.fields["owner_user"].queryset = users
        self.fields["business_unit"].queryset = units


class CommunicationTaskUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=TaskStatus.choices)
    done = forms.CharField(
        label=_("Wat is gedaan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Verplicht zodra de taak gereed is."),
    )
    due_on = forms.DateField(label=_("Gereed op"), widget=DATE_WIDGET)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CommunicationTaskWithdrawForm(WithdrawForm):
    reason_help = _(
        "Waarom is deze taak ten onrechte uitgezet? De taak blijft doorgestreept zichtbaar."
    )
