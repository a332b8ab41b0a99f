"""Forms of steps 3 and 4: the project structure and plan of approach, the go/no-go, the
dossier import and one dossier, the estimate, and the evaluations."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from herstel.constants import (
    AMOUNT_HELP,
    Amount,
    DossierOutcome,
    DossierStatus,
    Effectiveness,
    GoBody,
    GoOutcome,
)
from herstel.forms.actions import DATE_WIDGET
from herstel.forms.documents import document_choice_field

AMOUNT_HINT = _("In euro's, zonder duizendtaltekens, bijvoorbeeld 1250,00.")


def amount_field(label, *, required=True, help_text=AMOUNT_HINT) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        required=required,
        localize=True,
        help_text=help_text,
    )


class ExecutionPlanForm(forms.Form):
    project_lead = forms.CharField(label=_("Projectleider"), max_length=200, required=False)
    team = forms.CharField(
        label=_("Projectteam"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Eén lid per regel, met rol."),
    )
    structure = forms.CharField(
        label=_("Projectstructuur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Stuurgroep, overleggen, rapportagelijnen."),
    )
    plan_document = forms.CharField(
        label=_("Plan van aanpak (document)"),
        max_length=300,
        required=False,
        help_text=_("Titel of kenmerk van het plan van aanpak in het documentsysteem."),
    )
    plan_summary = forms.CharField(
        label=_("Aanpak in het kort"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    planned_start = forms.DateField(label=_("Geplande start"), required=False, widget=DATE_WIDGET)
    planned_end = forms.DateField(label=_("Gepland einde"), required=False, widget=DATE_WIDGET)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="plan", **kwargs)


class GoDecisionForm(forms.Form):
    body = forms.ChoiceField(
        label=_("Gremium"), choices=GoBody.choices, widget=forms.RadioSelect, initial=GoBody.DT
    )
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=GoOutcome.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label=_("Datum van het besluit"), widget=DATE_WIDGET)
    rationale = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij een no-go."),
    )
    document = forms.CharField(
        label=_("Document"),
        max_length=300,
        required=False,
        help_text=_("Titel of kenmerk van het stuk in het documentsysteem."),
    )
    document_file = document_choice_field()

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, prefix="go", **kwargs)
        self.fields["document_file"].queryset = documents


class DossierImportForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_("Volgens het sjabloon; hoogstens %(mb)s MB en %(rows)s regels.")
        % {
            "mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024),
            "rows": f"{settings.IMPORT_MAX_ROWS:,}".replace(",", "."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)s MB.")
                % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
            )
        return upload


class DossierFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("alle"))] + DossierStatus.choices, required=False
    )
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), choices=[("", _("alle"))] + DossierOutcome.choices, required=False
    )
    referentie = forms.CharField(label=_("Referentie bevat"), max_length=64, required=False)


class DossierForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DossierStatus.choices)
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[("", _("– nog geen (te beoordelen) –"))] + DossierOutcome.choices,
        required=False,
    )
    paid = amount_field(Amount.PAID.label, help_text=AMOUNT_HELP[Amount.PAID])
    to_pay = amount_field(Amount.TO_PAY.label, help_text=AMOUNT_HELP[Amount.TO_PAY])
    recovered = amount_field(Amount.RECOVERED.label, help_text=AMOUNT_HELP[Amount.RECOVERED])
    written_off = amount_field(Amount.WRITTEN_OFF.label, help_text=AMOUNT_HELP[Amount.WRITTEN_OFF])
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class EstimateForm(forms.Form):
    average = amount_field(_("Geschat gemiddeld bedrag per dossier (€)"), required=False)
    basis = forms.CharField(
        label=_("Onderbouwing"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Waarop de schatting rust. Laat het bedrag leeg om de schatting af te leiden "
            "uit de beoordeelde dossiers."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="schatting", **kwargs)


class EvaluationForm(forms.Form):
    client_experience = forms.CharField(
        label=_("Hoe cliënten de herstelactie en de communicatie ervoeren"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En welke lessen dat oplevert voor de dienstverlening."),
    )
    survey_invited = forms.IntegerField(
        label=_("Enquête: uitgenodigd"), min_value=0, required=False
    )
    survey_responses = forms.IntegerField(
        label=_("Enquête: respondenten"), min_value=0, required=False
    )
    survey_satisfied = forms.IntegerField(
        label=_("Enquête: (zeer) tevreden"), min_value=0, required=False
    )
    survey_score = forms.DecimalField(
        label=_("Enquête: gemiddeld rapportcijfer"),
        min_value=1,
        max_value=10,
        max_digits=3,
        decimal_places=1,
        required=False,
        localize=True,
    )
    internal_process = forms.CharField(
        label=_("Hoe het interne proces is gegaan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    lessons = forms.CharField(
        label=_("Lessen en vervolg"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="evaluatie", **kwargs)


IMPLEMENTED_CHOICES = [("", _("nog niet beoordeeld")), ("ja", _("Ja")), ("nee", _("Nee"))]


class MeasureJudgementForm(forms.Form):
    """One control measure in an evaluation."""

    implemented = forms.TypedChoiceField(
        label=_("Geïmplementeerd"),
        choices=IMPLEMENTED_CHOICES,
        coerce=lambda v: {"ja": True, "nee": False}.get(v),
        empty_value=None,
        required=False,
    )
    effective = forms.ChoiceField(
        label=_("Werkt de maatregel?"),
        choices=[("", _("– (alleen als geïmplementeerd) –"))] + Effectiveness.choices,
        required=False,
    )
    evidence = forms.CharField(
        label=_("Bewijs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Waaruit blijkt dat de maatregel is ingevoerd en werkt."),
    )

    def __init__(self, *args, measure, **kwargs):
        self.measure = measure
        super().__init__(*args, prefix=f"maatregel-{measure.pk}", **kwargs)


def implemented_initial(value: bool | None) -> str:
    return {True: "ja", False: "nee"}.get(value, "")


class EvaluationCompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("Afgerond op"), widget=DATE_WIDGET)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="afronden", **kwargs)


class EvaluationPlanForm(forms.Form):
    planned_on = forms.DateField(label=_("Gepland op"), widget=DATE_WIDGET)
    reason = forms.CharField(
        label=_("Waarom een volgende evaluatie"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: welke maatregelen nog niet waren ingevoerd."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="plannen", **kwargs)


class EvaluationCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="afzeggen", **kwargs)
