"""Forms of evidence requests to the unit (issue 21 §1): input only; the rules live in the
services (`audits.services.requests`) and `audits.request_rules`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from audits.constants import RequestItemAction
from uwvkms.uploads import ALLOWED_EXTENSIONS

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ACCEPT = ",".join(sorted(f".{ext}" for ext in ALLOWED_EXTENSIONS))


class RequestSendForm(forms.Form):
    document_types = forms.ModelMultipleChoiceField(
        label=_("Documenten van de documentenlijst"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alle documenten staan aangevinkt; vink uit wat u niet vraagt."),
    )
    extra_items = forms.CharField(
        label=_("Andere stukken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Eén stuk per regel; een toelichting mag na een dubbele punt, bijvoorbeeld "
            "“Verbeterplan klantcontact: de versie die in het MT is besproken”."
        ),
    )
    due_on = forms.DateField(
        label=_("Uiterlijk aanleveren op"),
        widget=DATE_WIDGET,
        error_messages={"required": _("Geef de datum waarop het onderdeel uiterlijk aanlevert.")},
    )
    note = forms.CharField(
        label=_("Toelichting voor het onderdeel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, document_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_types"].queryset = document_types

    def extra(self) -> list[tuple[str, str]]:
        """The extra items typed, as (title, explanation)."""
        lines = (self.cleaned_data.get("extra_items") or "").splitlines()
        pairs = []
        for line in lines:
            title, _sep, explanation = line.partition(":")
            if title.strip():
                pairs.append((title.strip()[:200], explanation.strip()))
        return pairs


class RequestUpdateForm(forms.Form):
    due_on = forms.DateField(label=_("Uiterlijk aanleveren op"), widget=DATE_WIDGET)
    note = forms.CharField(
        label=_("Toelichting voor het onderdeel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ItemAddForm(forms.Form):
    document_type = forms.ModelChoiceField(
        label=_("Document van de lijst"),
        queryset=None,
        required=False,
        empty_label=_("— een ander stuk (titel hieronder) —"),
    )
    title = forms.CharField(label=_("Ander stuk: titel"), required=False, max_length=200)
    explanation = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, document_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_type"].queryset = document_types

    def clean(self):
        data = super().clean()
        if not data.get("document_type") and not (data.get("title") or "").strip():
            raise forms.ValidationError(_("Kies een document of geef de titel van een ander stuk."))
        return data


class DeliverForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": _("Kies een bestand.")},
    )
    message = forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AnswerForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Antwoord"),
        choices=[
            (RequestItemAction.NOT_EXISTING, _("Bestaat niet")),
            (RequestItemAction.NOT_APPLICABLE, _("Niet van toepassing")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies bestaat niet of niet van toepassing.")},
    )
    answer = forms.CharField(
        label=_("Toelichting bij uw antwoord"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Licht toe waarom; de toetsers beoordelen dat.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class AskMoreForm(forms.Form):
    text = forms.CharField(
        label=_("Wat vraagt u aanvullend?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Schrijf wat u aanvullend vraagt.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Bericht"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Een bericht heeft tekst.")},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef de reden.")},
    )


class DesignateForm(forms.Form):
    user = forms.ModelChoiceField(
        label=_("Medewerker"),
        queryset=None,
        error_messages={"required": _("Kies een medewerker.")},
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
