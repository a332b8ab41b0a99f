"""The form an assigned auditor scores a unit × principle with."""

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from maturity.constants import MaturityLevel


class ScoreAction:
    """The two buttons of the score form (the submit button's name is "action")."""

    SAVE = "opslaan"
    SUBMIT = "indienen"


class ScoreForm(forms.Form):
    """Observations, level, justification and the evidence cited. A concept may lack a level
    and a justification; submitting needs both (the service holds the rule, the form says it
    early). `interviews` and `documents` offer only what may be cited."""

    design_note = forms.CharField(
        label=_("Opzet"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Is er een systeem: is het ingericht en vastgelegd?"),
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
        help_text=_("Maakt het fouten en verspilling zichtbaar en leidt het tot verbetering?"),
    )
    level = forms.TypedChoiceField(
        label=_("Volwassenheidsniveau"),
        choices=MaturityLevel.choices,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "invalid_choice": _("Kies een volwassenheidsniveau van 1 tot en met 5."),
        },
    )
    justification = forms.CharField(
        label=_("Onderbouwing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Verwijs naar het bewijs: bestudeerde documenten en bevestigde interviews."),
    )
    interviews = forms.ModelMultipleChoiceField(
        label=_("Aangehaalde interviews"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={
            "invalid_choice": _(
                "Alleen bevestigde interviews van dit onderdeel tellen als bewijs."
            ),
        },
    )
    documents = forms.ModelMultipleChoiceField(
        label=_("Aangehaalde documenten"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        error_messages={
            "invalid_choice": _("Alleen geleverde documenten van dit onderdeel tellen als bewijs."),
        },
    )
    reason = forms.CharField(
        label=_("Reden van wijziging"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht als u het niveau van een eerder ingediende score wijzigt."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self, *args, interviews, documents, principle_id: int, submit: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.submit = submit
        self.fields["interviews"].queryset = interviews
        self.fields["documents"].queryset = documents
        self.fields["interviews"].label_from_instance = lambda i: _interview_label(i, principle_id)
        self.fields["documents"].label_from_instance = lambda d: _document_label(d, principle_id)

    def clean_justification(self) -> str:
        return self.cleaned_data["justification"].strip()

    def clean(self):
        cleaned = super().clean()
        if self.submit:
            if cleaned.get("level") is None and "level" not in self.errors:
                self.add_error(
                    "level", _("Kies een volwassenheidsniveau om de score in te dienen.")
                )
            if "justification" in cleaned and not cleaned["justification"]:
                self.add_error(
                    "justification", _("Onderbouw de score met het bewijs om hem in te dienen.")
                )
        return cleaned


def _interview_label(interview, principle_id: int) -> str:
    label = f"{date_format(interview.held_on, 'SHORT_DATE_FORMAT')} · {interview.location.name}"
    if any(note.principle_id == principle_id for note in interview.notes.all()):
        label += " · " + str(_("met aantekeningen over dit principe"))
    return label


def _document_label(check, principle_id: int) -> str:
    label = check.document_type.name
    if any(p.id == principle_id for p in check.principles.all()):
        label += " · " + str(_("bewijs voor dit principe"))
    return label
