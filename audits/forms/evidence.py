"""Forms of the evidence pages: input only; the rules live in the services."""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from audits.constants import RECORDED_CHANNELS, DocumentStatus, InterviewAction
from uwvkms.models import User
from uwvkms.uploads import ALLOWED_EXTENSIONS


class DocumentTypeForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DocumentCheckForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=DocumentStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een status.")},
    )
    principles = forms.ModelMultipleChoiceField(
        label=_("Bewijs voor"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "De principes die bij dit onderdeel worden getoetst en die dit document staaft."
        ),
    )
    design_note = forms.CharField(
        label=_("Opzet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Is er een systeem?"),
    )
    existence_note = forms.CharField(
        label=_("Bestaan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wordt het in de praktijk toegepast?"),
    )
    operation_note = forms.CharField(
        label=_("Werking"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Maakt het fouten en verspilling zichtbaar en stuurt het op verbeteren?"),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, principles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principles"].queryset = principles


class DocumentFileForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand toevoegen"),
        allow_empty_file=True,  # the upload check says why an empty file is refused
        max_length=1000,
        help_text=_("PDF, DOCX, XLSX, PPTX, ODT, TXT, PNG of JPEG."),
        error_messages={"required": _("Kies een bestand.")},
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{ext}" for ext in ALLOWED_EXTENSIONS)}
        ),
    )


class InterviewQuestionForm(forms.Form):
    text = forms.CharField(label=_("Vraag"), max_length=300)


class AccountChoiceField(forms.ModelChoiceField):
    """An account of the unit. Every row of the formset gets the same queryset, read once (its
    result cache) and offered and checked from memory (`use_accounts`), so the page's queries
    do not grow with its rows."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name() or obj.get_username()} ({obj.get_username()})"

    def use_accounts(self, users: QuerySet[User]) -> None:
        self.queryset = users
        accounts = list(users)  # the shared queryset: one query for the whole formset
        self._accounts = {str(user.pk): user for user in accounts}
        self.choices = [("", self.empty_label)] + [
            (user.pk, self.label_from_instance(user)) for user in accounts
        ]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return self._accounts[str(getattr(value, "pk", value))]
        except (AttributeError, KeyError):
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class IntervieweeForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    function = forms.CharField(label=_("Functie"), max_length=120)
    user = AccountChoiceField(
        label=_("Account (bevestigt zelf)"),
        queryset=None,
        required=False,
        empty_label=_("– geen: bevestiging buiten de app –"),
        error_messages={
            "invalid_choice": _("Kies een account van een medewerker van dit onderdeel.")
        },
    )

    def __init__(self, *args, users: QuerySet[User] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].use_accounts(users if users is not None else User.objects.none())


class BaseIntervieweeFormSet(forms.BaseFormSet):
    default_error_messages = {
        **forms.BaseFormSet.default_error_messages,
        "too_few_forms": _("Leg ten minste één geïnterviewde vast, met naam en functie."),
    }

    def people(self) -> list[dict]:
        """The interviewees entered, without the empty and the deleted rows."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


IntervieweeFormSet = forms.formset_factory(
    IntervieweeForm,
    formset=BaseIntervieweeFormSet,
    extra=2,
    min_num=1,
    validate_min=True,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


class AuditorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class InterviewForm(forms.Form):
    """The interview record; per assessed principle a group of 'questions asked' checkboxes and
    a notes field is added (see `principle_groups`)."""

    held_on = forms.DateField(
        label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    outside_period_reason = forms.CharField(
        label=_("Reden als het interview buiten de veldwerkperiode is gehouden"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    location = forms.ModelChoiceField(
        label=_("Plaats (getrokken district of afdeling)"),
        queryset=None,
        empty_label=_("– kies een getrokken district of afdeling –"),
        error_messages={
            "invalid_choice": _(
                "Kies een district of afdeling die voor dit onderdeel is getrokken."
            )
        },
    )
    auditors = AuditorChoiceField(
        label=_("Aanwezige toetsers"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één aanwezige toetser.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def __init__(self, *args, districts, team, principles, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = districts
        self.fields["auditors"].queryset = team
        self.principles = list(principles)
        for principle in self.principles:
            self.fields[f"questions_{principle.id}"] = forms.TypedMultipleChoiceField(
                label=_("Gestelde vragen"),
                choices=[(q.id, q.text) for q in questions.get(principle.id, [])],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
            self.fields[f"notes_{principle.id}"] = forms.CharField(
                label=_("Aantekeningen"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )

    def principle_groups(self) -> list[tuple]:
        """(principle, questions field, notes field) per assessed principle, for the template."""
        return [(p, self[f"questions_{p.id}"], self[f"notes_{p.id}"]) for p in self.principles]

    def notes_data(self) -> dict[int, tuple[str, frozenset[int]]]:
        return {
            p.id: (
                self.cleaned_data.get(f"notes_{p.id}", ""),
                frozenset(self.cleaned_data.get(f"questions_{p.id}", [])),
            )
            for p in self.principles
        }


class InterviewTransitionForm(forms.Form):
    action = forms.ChoiceField(choices=InterviewAction.choices, widget=forms.HiddenInput)
    status = forms.CharField(widget=forms.HiddenInput)
    remarks = forms.CharField(
        label=_("Opmerkingen van de geïnterviewden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class IntervieweeConfirmationForm(forms.Form):
    """The audit team records the confirmation of an interviewee without an account."""

    interviewee = forms.TypedChoiceField(
        label=_("Geïnterviewde"),
        coerce=int,
        choices=[],
        error_messages={"required": _("Kies wie het verslag bevestigde.")},
    )
    confirmed_on = forms.DateField(
        label=_("Bevestigd op"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vul de datum van de bevestiging in.")},
    )
    confirmed_via = forms.ChoiceField(
        label=_("Hoe kwam de bevestiging binnen?"),
        choices=[("", _("– kies –"))] + [(c.value, c.label) for c in RECORDED_CHANNELS],
        error_messages={"required": _("Kies hoe de bevestiging binnenkwam.")},
    )

    def __init__(self, *args, interviewees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["interviewee"].choices = [("", _("– kies wie bevestigde –"))] + [
            (p.pk, str(p)) for p in interviewees
        ]
