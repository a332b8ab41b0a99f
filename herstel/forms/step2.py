"""Forms of step 2 beside the decisions: the views of the involved divisions' DTs, the DT's
enrichment of the advice, the RvB raising the mandate and its contacts with the minister."""

from django import forms
from django.utils.translation import gettext_lazy as _

from herstel.constants import ContactForm, ViewPosition
from herstel.forms.actions import DATE_WIDGET
from herstel.forms.documents import document_choice_field
from uwvkms.forms import WithdrawForm


class DtViewForm(forms.Form):
    position = forms.ChoiceField(
        label=_("Standpunt"), choices=ViewPosition.choices, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label=_("Zienswijze"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat uw divisie van de situatie en het advies vindt, en waarom."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="zienswijze", **kwargs)


class DtViewCorrectionForm(DtViewForm):
    reason = forms.CharField(
        label=_("Reden van de correctie"), widget=forms.Textarea(attrs={"rows": 2})
    )


class DtViewWithdrawForm(WithdrawForm):
    reason_help = _("Bijvoorbeeld: bij de verkeerde herstelactie vastgelegd.")


class MinisterContactWithdrawForm(WithdrawForm):
    reason_help = _("Bijvoorbeeld: bij de verkeerde herstelactie vastgelegd, of nooit gehouden.")


class EnrichmentForm(forms.Form):
    body = forms.CharField(
        label=_("Aanvulling op het advies"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Wat de DT aan het advies toevoegt voordat het naar de RvB gaat. Elke opslag is "
            "een nieuwe versie; de eerdere blijven te lezen."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="aanvulling", **kwargs)


class MandateRaiseForm(forms.Form):
    new_mandate = forms.ChoiceField(
        label=_("Nieuw besluitvormingsmandaat"), choices=(), widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom het scenario dat de RvB kiest, een zwaarder mandaat vraagt."),
    )
    intended_body = forms.CharField(
        label=_("Voorgenomen besluit van de RvB"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Alleen bij RvB en minister: het scenario dat de minister moet goedkeuren. De actie "
            "gaat daarmee naar de minister; SBK schrijft met SZW de nota."
        ),
    )
    decided_on = forms.DateField(
        label=_("Datum van het voorgenomen besluit"), widget=DATE_WIDGET, required=False
    )
    document = forms.CharField(
        label=_("Document"),
        max_length=300,
        required=False,
        help_text=_("Titel of kenmerk van het stuk in het documentsysteem."),
    )
    document_file = document_choice_field()
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, mandates, documents, **kwargs):
        super().__init__(*args, prefix="mandaat", **kwargs)
        self.fields["new_mandate"].choices = [(m.value, m.label) for m in mandates]
        self.fields["document_file"].queryset = documents


class MinisterContactForm(forms.Form):
    contact_on = forms.DateField(label=_("Datum"), widget=DATE_WIDGET)
    form = forms.ChoiceField(label=_("Vorm"), choices=ContactForm.choices)
    summary = forms.CharField(
        label=_("Waarover en uitkomst"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="minister", **kwargs)
