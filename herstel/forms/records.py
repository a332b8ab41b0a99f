"""Forms of the working group, step 2's records, the communication track and the contact
persons."""

from django import forms
from django.utils.translation import gettext_lazy as _

from herstel.constants import (
    CommunicationFunction,
    Directorate,
    InformChannel,
    InterestGroupKind,
)
from herstel.forms.actions import DATE_WIDGET
from herstel.forms.documents import document_choice_field
from uwvkms.forms import WithdrawForm


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        unit = f" ({obj.business_unit.abbreviation})" if obj.business_unit_id else ""
        return f"{obj}{unit}"


class WorkingGroupMemberForm(forms.Form):
    user = PersonChoiceField(
        label=_("Gebruiker in uwvkms"),
        queryset=None,
        required=False,
        empty_label=_("– geen: alleen een naam –"),
        help_text=_("Een lid dat gebruiker is, kan de herstelactie lezen."),
    )
    name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    directorate = forms.ChoiceField(
        label=_("Divisie of directie"),
        choices=[("", "–"), *Directorate.choices],
        required=False,
    )
    role = forms.CharField(label=_("Rol in de werkgroep"), max_length=200)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, prefix="lid", **kwargs)
        self.fields["user"].queryset = users


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort belangengroep"), choices=InterestGroupKind.choices)
    name = forms.CharField(label=_("Organisatie"), max_length=200)
    consulted_on = forms.DateField(label=_("Geraadpleegd op"), widget=DATE_WIDGET)
    outcome = forms.CharField(label=_("Uitkomst"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="raadpleging", **kwargs)


class DecisionForm(forms.Form):
    """A decision of one forum; the outcomes offered are those of the action's mandate path."""

    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=(), widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Datum van het besluit"), widget=DATE_WIDGET)
    body = forms.CharField(label=_("Besluit"), widget=forms.Textarea(attrs={"rows": 3}))
    document = forms.CharField(
        label=_("Document"),
        max_length=300,
        required=False,
        help_text=_("Titel of kenmerk van het stuk in het documentsysteem."),
    )
    document_file = document_choice_field()

    def __init__(self, *args, outcomes, prefix: str, documents, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)
        self.fields["outcome"].choices = [(o.value, o.label) for o in outcomes]
        self.fields["document_file"].queryset = documents


class CorrectionForm(DecisionForm):
    reason = forms.CharField(
        label=_("Reden van de correctie"), widget=forms.Textarea(attrs={"rows": 2})
    )


class InformalRoundForm(forms.Form):
    held_on = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    participants = forms.CharField(label=_("Met wie"), max_length=300)
    summary = forms.CharField(label=_("Uitkomst"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="informeel", **kwargs)


class NotificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=(), widget=forms.RadioSelect)
    informed_on = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    channel = forms.ChoiceField(
        label=_("Hoe"),
        choices=[("", _("– niet opgegeven –")), *InformChannel.choices],
        required=False,
        help_text=_("Hoe is geïnformeerd: per e-mail, in een overleg, per brief of telefonisch."),
    )
    summary = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 2}))
    document = forms.CharField(
        label=_("Document"),
        max_length=300,
        required=False,
        help_text=_("Titel of kenmerk van het stuk in het documentsysteem."),
    )
    document_file = document_choice_field()

    def __init__(self, *args, kinds, documents, **kwargs):
        super().__init__(*args, prefix="kennisgeving", **kwargs)
        self.fields["kind"].choices = [(k.value, k.label) for k in kinds]
        self.fields["document_file"].queryset = documents


class IssueForm(forms.Form):
    is_issue = forms.BooleanField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="issue", **kwargs)


class CommunicationMemberForm(forms.Form):
    function = forms.ChoiceField(label=_("Discipline"), choices=CommunicationFunction.choices)
    user = PersonChoiceField(
        label=_("Gebruiker in uwvkms"),
        queryset=None,
        required=False,
        empty_label=_("– geen: alleen een naam –"),
    )
    name = forms.CharField(label=_("Naam"), max_length=200, required=False)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, prefix="communicatie", **kwargs)
        self.fields["user"].queryset = users


class KapstokForm(forms.Form):
    narrative = forms.CharField(
        label=_("Strategisch narratief"), widget=forms.Textarea(attrs={"rows": 5})
    )
    key_messages = forms.CharField(
        label=_("Kernboodschappen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén kernboodschap per regel."),
    )
    joint_approach = forms.CharField(
        label=_("Gezamenlijke aanpak"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Hoe woordvoering, public affairs, interne communicatie, C&A en de betrokken "
            "divisies samen optrekken; elk werkt vanuit het kapstokverhaal een eigen deel uit."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class QuestionAnswerForm(forms.Form):
    question = forms.CharField(label=_("Vraag"), max_length=500, required=False)
    answer = forms.CharField(
        label=_("Antwoord"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


QuestionAnswerFormSet = forms.formset_factory(
    QuestionAnswerForm, extra=2, max_num=50, validate_max=True
)


class KapstokMoveForm(forms.Form):
    move = forms.CharField(widget=forms.HiddenInput)
    status = forms.CharField(widget=forms.HiddenInput)


class ContactPointForm(forms.Form):
    directorate = forms.ChoiceField(label=_("Divisie of directie"), choices=Directorate.choices)
    user = PersonChoiceField(
        label=_("Gebruiker in uwvkms"),
        queryset=None,
        required=False,
        empty_label=_("– geen –"),
        help_text=_("Gekoppeld aan een gebruiker leest de contactpersoon de herstelacties mee."),
    )
    name = forms.CharField(label=_("Naam"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mailadres"), required=False)

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class DecisionWithdrawForm(WithdrawForm):
    """Withdraw a decision recorded in error: the reason is required and stays with it."""

    reason_help = _(
        "Waarom is dit besluit ten onrechte vastgelegd (bijvoorbeeld bij de verkeerde "
        "herstelactie, of nooit genomen)? De reden blijft zichtbaar."
    )
    required_message = _("Geef de reden waarom u dit besluit intrekt.")
