"""Serializers of the herstel API (issue 9): the herstelactie with its computed mandate, the
mandate criteria, the dossiers and their bulk import, and the central overview for FEZ and
SBK. They only shape data: who may do what is decided in herstel/permissions.py, the writes
are herstel's services and the figures are herstel's selectors, the same the web pages use."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from herstel.api.fields import (
    MONEY_HELP,
    MONEY_PATTERN,
    MoneyField,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
)
from herstel.constants import (
    CRITERION_ANSWERS,
    Criterion,
    DossierOutcome,
    DossierStatus,
    EstimateSource,
    Mandate,
    Obligation,
    Step,
)
from herstel.dossier_rules import REFERENCE
from herstel.money import euros
from herstel.rules import MandateRouting, criteria_from, mandate_for, progress_percent
from uwvkms.api.serializers import StrictSerializer


def money(cents: int | None) -> str | None:
    """Whole cents as the API's decimal string: 123450 → "1234.50" (exact, never a float)."""
    value = euros(cents)
    return None if value is None else f"{value:.2f}"


MONEY_SCHEMA = {"type": "string", "pattern": MONEY_PATTERN, "example": "1234.50"}
NULLABLE_MONEY_SCHEMA = {**MONEY_SCHEMA, "nullable": True}


@extend_schema_field(MONEY_SCHEMA)
class MoneyStringField(serializers.Field):
    """A read-only amount: the value is whole cents, the answer a decimal string."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", MONEY_HELP)
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return money(value)


@extend_schema_field(NULLABLE_MONEY_SCHEMA)
class NullableMoneyStringField(MoneyStringField):
    """A read-only amount that may be absent (null)."""


@extend_schema_field(NULLABLE_MONEY_SCHEMA)
class MoneyRequestField(serializers.CharField):
    """An amount in a bulk row (documentation only; herstel/api/dossier_rows.py checks it)."""


class UnitSerializer(serializers.Serializer):
    """A business unit as the herstel answers name it."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    abbreviation = serializers.CharField(read_only=True)


# --- The mandate ---------------------------------------------------------------------------------


class MandateRoutingSerializer(serializers.Serializer):
    """The mandate the judged criteria lead to (rules.mandate_for), with the rule of the
    process guide that decided it, the criteria that triggered it and the less demanding
    mandates that applied too but were outweighed."""

    mandate = serializers.ChoiceField(choices=Mandate.choices, read_only=True)
    mandate_label = serializers.SerializerMethodField()
    rule = serializers.CharField(read_only=True, help_text="De regel die het mandaat bepaalde.")
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    outweighed = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Minder zware mandaten (codes zoals bij `mandate`) die ook golden.",
    )

    def get_mandate_label(self, routing: MandateRouting) -> str:
        return str(Mandate(routing.mandate).label)

    def to_representation(self, routing: MandateRouting):
        return {
            "mandate": Mandate(routing.mandate).value,
            "mandate_label": self.get_mandate_label(routing),
            "rule": str(routing.rule),
            "reasons": [str(reason) for reason in routing.reasons],
            "outweighed": [Mandate(m).value for m in routing.outweighed],
        }


def routing_of(judgements) -> MandateRouting | None:
    """The computed mandate of an advice's criterion judgements (None while one is open)."""
    judged = criteria_from({j.criterion: j.value for j in judgements})
    return mandate_for(judged) if judged is not None else None


# --- The herstelactie ------------------------------------------------------------------------------


class HerstelactieSerializer(serializers.Serializer):
    """A herstelactie as the API answers it. `mandate` is the mandate fixed when the advice was
    submitted (null in step 1); `mandate_assessment` is what the criteria as judged now lead to
    (null while a criterion is open), computed by the same rule as the advice page."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    what_went_wrong = serializers.CharField(read_only=True)
    wrong_since = serializers.DateField(read_only=True)
    lead_unit = UnitSerializer(read_only=True)
    estimated_clients = serializers.IntegerField(read_only=True, allow_null=True)
    estimated_dossiers = serializers.IntegerField(read_only=True, allow_null=True)
    estimated_amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True, help_text=MONEY_HELP
    )
    step = serializers.ChoiceField(choices=Step.choices, read_only=True)
    step_label = serializers.CharField(source="get_step_display", read_only=True)
    mandate = serializers.SerializerMethodField()
    mandate_rule = serializers.SerializerMethodField()
    mandate_assessment = serializers.SerializerMethodField()
    is_issue = serializers.BooleanField(read_only=True)
    execution_ended_on = serializers.DateField(read_only=True, allow_null=True)
    closed_on = serializers.DateField(read_only=True, allow_null=True)
    version = serializers.IntegerField(
        read_only=True, help_text="Stuur deze versie mee bij een wijziging (optimistic locking)."
    )
    started_by = serializers.CharField(read_only=True)
    started_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(
        serializers.ChoiceField(choices=Mandate.choices, allow_null=True, read_only=True)
    )
    def get_mandate(self, action) -> str | None:
        return action.mandate or None

    @extend_schema_field(serializers.CharField(allow_null=True, read_only=True))
    def get_mandate_rule(self, action) -> str | None:
        return action.mandate_rule or None

    @extend_schema_field(MandateRoutingSerializer(allow_null=True))
    def get_mandate_assessment(self, action):
        state = self.context.get("advice_state")
        routing = state.routing if state is not None else routing_of(action.advice.criteria.all())
        return MandateRoutingSerializer(routing).data if routing is not None else None


class HerstelactieDetailSerializer(HerstelactieSerializer):
    """One herstelactie, with what its advice still lacks before it can be submitted."""

    advice_gaps = serializers.SerializerMethodField()

    def get_advice_gaps(self, action) -> list[str]:
        state = self.context.get("advice_state")
        return [str(gap) for gap in state.gaps] if state is not None else []


class HerstelactieWriteSerializer(StrictSerializer):
    """The facts of a herstelactie, as the start and edit forms take them."""

    title = StrictCharField(max_length=200)
    what_went_wrong = StrictCharField()
    wrong_since = serializers.DateField()
    estimated_clients = StrictIntegerField(
        min_value=0, max_value=2_147_483_647, allow_null=True, required=False
    )
    estimated_dossiers = StrictIntegerField(
        min_value=0, max_value=2_147_483_647, allow_null=True, required=False
    )
    estimated_amount = MoneyField(allow_null=True, required=False)


class HerstelactieCreateSerializer(HerstelactieWriteSerializer):
    lead_unit = StrictIntegerField(
        min_value=1, help_text="Id van de leidende divisie (bedrijfsonderdeel)."
    )


class HerstelactieUpdateSerializer(HerstelactieWriteSerializer):
    """A change of the facts. `version` is the version the client read; a stale one is refused
    with 409. With PATCH the fields not sent keep their value."""

    version = StrictIntegerField(min_value=1)


# --- The mandate criteria ------------------------------------------------------------------------


class CriterionJudgementSerializer(serializers.Serializer):
    criterion = serializers.ChoiceField(choices=Criterion.choices, read_only=True)
    label = serializers.SerializerMethodField()
    value = serializers.BooleanField(
        read_only=True,
        allow_null=True,
        help_text="Het oordeel; null zolang het criterium niet is beoordeeld.",
    )
    answer = serializers.SerializerMethodField()
    rationale = serializers.CharField(read_only=True)
    judged_by = serializers.CharField(read_only=True)

    def get_label(self, judgement) -> str:
        return str(Criterion(judgement.criterion).label)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_answer(self, judgement) -> str | None:
        """What the judgement means for this criterion (e.g. "Groot" / "Gering")."""
        if judgement.value is None:
            return None
        answers = CRITERION_ANSWERS[Criterion(judgement.criterion)]
        return str(answers.yes if judgement.value else answers.no)


class MandateCriteriaSerializer(serializers.Serializer):
    """The five criteria of the mandate assessment as judged, the mandate they lead to and the
    rule that decided it, and the mandate fixed on the action once the advice was submitted."""

    herstelactie = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    criteria = CriterionJudgementSerializer(many=True, read_only=True)
    open_criteria = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="De criteria (codes zoals bij `criterion`) die nog niet zijn beoordeeld.",
    )
    mandate_assessment = MandateRoutingSerializer(read_only=True, allow_null=True)
    mandate = serializers.ChoiceField(choices=Mandate.choices, read_only=True, allow_null=True)
    mandate_rule = serializers.CharField(read_only=True, allow_null=True)
    advice_gaps = serializers.ListField(child=serializers.CharField(), read_only=True)


class CriterionWriteSerializer(StrictSerializer):
    criterion = serializers.ChoiceField(choices=Criterion.choices)
    value = StrictBooleanField(allow_null=True)
    rationale = StrictCharField(allow_blank=True, required=False, trim_whitespace=True)
    judged_by = StrictCharField(
        allow_blank=True, required=False, max_length=200, trim_whitespace=True
    )


class MandateCriteriaWriteSerializer(StrictSerializer):
    """Judge one or more criteria: the criteria not listed keep their judgement."""

    version = StrictIntegerField(min_value=1)
    criteria = CriterionWriteSerializer(many=True, allow_empty=False, max_length=len(Criterion))

    def validate_criteria(self, value):
        seen = set()
        for item in value:
            if item["criterion"] in seen:
                raise serializers.ValidationError(
                    _("Criterium “%s” staat er twee keer in.") % item["criterion"]
                )
            seen.add(item["criterion"])
        return value


# --- Dossiers -----------------------------------------------------------------------------------


class DossierSerializer(serializers.Serializer):
    """One dossier: a pseudonymous reference (never a BSN), its status and outcome, and the
    four amounts as decimal strings."""

    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(choices=DossierStatus.choices, read_only=True)
    outcome = serializers.SerializerMethodField()
    paid = MoneyStringField(source="paid_cents")
    to_pay = MoneyStringField(source="to_pay_cents")
    recovered = MoneyStringField(source="recovered_cents")
    written_off = MoneyStringField(source="written_off_cents")
    version = serializers.IntegerField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(
        serializers.ChoiceField(choices=DossierOutcome.choices, allow_null=True, read_only=True)
    )
    def get_outcome(self, dossier) -> str | None:
        return dossier.outcome or None


def _money_request_field():
    return MoneyRequestField(
        required=False,
        allow_null=True,
        help_text=MONEY_HELP + " " + str(_("Leeg of weggelaten is 0.")),
    )


class DossierRowSerializer(serializers.Serializer):
    """One row of a bulk import as JSON: the columns of the import template. Documents the
    request; the rows are checked by herstel/api/dossier_rows.py (fast enough for 100,000 rows)
    and then by the import service itself."""

    reference = serializers.RegexField(
        REFERENCE.pattern, max_length=64, help_text="Pseudonieme referentie; nooit een BSN."
    )
    status = serializers.ChoiceField(choices=DossierStatus.choices)
    outcome = serializers.ChoiceField(
        choices=DossierOutcome.choices,
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="Leeg of null zolang het dossier nog te beoordelen is.",
    )
    paid = _money_request_field()
    to_pay = _money_request_field()
    recovered = _money_request_field()
    written_off = _money_request_field()


class DossierImportResultSerializer(serializers.Serializer):
    """What a bulk import did: the rows read, and how many dossiers were new, changed and
    unchanged (re-importing a reference updates that dossier, with its history)."""

    id = serializers.IntegerField(read_only=True, help_text="Id van de import.")
    source = serializers.ChoiceField(choices=[("json", "JSON"), ("csv", "CSV")], read_only=True)
    rows = serializers.IntegerField(read_only=True)
    created = serializers.IntegerField(read_only=True)
    updated = serializers.IntegerField(read_only=True)
    unchanged = serializers.IntegerField(read_only=True)
    imported_by = serializers.CharField(read_only=True)
    imported_at = serializers.DateTimeField(read_only=True)


# --- The central overview (FEZ) and SBK's list ---------------------------------------------------


class DossierCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField(read_only=True)
    te_beoordelen = serializers.IntegerField(read_only=True)
    beoordeeld = serializers.IntegerField(read_only=True)
    afgehandeld = serializers.IntegerField(read_only=True)
    assessed = serializers.IntegerField(read_only=True, help_text="Beoordeeld + afgehandeld.")
    progress_percent = serializers.IntegerField(read_only=True)
    nabetalen = serializers.IntegerField(read_only=True)
    terugvorderen = serializers.IntegerField(read_only=True)
    afboeken = serializers.IntegerField(read_only=True)
    geen_wijziging = serializers.IntegerField(read_only=True)


class AmountsSerializer(serializers.Serializer):
    """The four money totals, added up by the database over whole cents: exact to the cent."""

    paid = MoneyStringField()
    to_pay = MoneyStringField()
    recovered = MoneyStringField()
    written_off = MoneyStringField()


class EstimateSerializer(serializers.Serializer):
    """The dossiers still to assess times an estimated average amount (entered by the lead
    division, or derived from the assessed dossiers)."""

    average_amount = NullableMoneyStringField()
    source = serializers.ChoiceField(choices=EstimateSource.choices, read_only=True)
    remaining_dossiers = serializers.IntegerField(read_only=True)
    remaining_amount = NullableMoneyStringField()


def counts_of(totals) -> dict:
    return {
        "total": totals.total,
        "te_beoordelen": totals.te_beoordelen,
        "beoordeeld": totals.beoordeeld,
        "afgehandeld": totals.afgehandeld,
        "assessed": totals.assessed,
        "progress_percent": progress_percent(totals.assessed, totals.total),
        "nabetalen": totals.nabetalen,
        "terugvorderen": totals.terugvorderen,
        "afboeken": totals.afboeken,
        "geen_wijziging": totals.geen_wijziging,
    }


def amounts_of(totals) -> dict:
    return {
        "paid": money(totals.paid_cents),
        "to_pay": money(totals.to_pay_cents),
        "recovered": money(totals.recovered_cents),
        "written_off": money(totals.written_off_cents),
    }


class OverviewRowSerializer(serializers.Serializer):
    """One action in FEZ's central overview: lead division, step, mandate, the dossier progress,
    the four money totals and the estimate for what is still to assess."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    lead_unit = UnitSerializer(read_only=True)
    step = serializers.ChoiceField(choices=Step.choices, read_only=True)
    step_label = serializers.CharField(read_only=True)
    mandate = serializers.ChoiceField(choices=Mandate.choices, read_only=True, allow_null=True)
    is_issue = serializers.BooleanField(read_only=True)
    started_at = serializers.DateTimeField(read_only=True)
    dossiers = DossierCountsSerializer(read_only=True)
    amounts = AmountsSerializer(read_only=True)
    estimate = EstimateSerializer(read_only=True)

    def to_representation(self, row):
        action = row.action
        estimate = row.estimate
        return {
            "id": action.pk,
            "title": action.title,
            "lead_unit": UnitSerializer(action.lead_unit).data,
            "step": action.step,
            "step_label": str(action.get_step_display()),
            "mandate": action.mandate or None,
            "is_issue": action.is_issue,
            "started_at": serializers.DateTimeField().to_representation(action.started_at),
            "dossiers": counts_of(row.totals),
            "amounts": amounts_of(row.totals),
            "estimate": {
                "average_amount": money(estimate.average_cents),
                "source": EstimateSource(estimate.source).value,
                "remaining_dossiers": estimate.remaining,
                "remaining_amount": money(estimate.remaining_cents),
            },
        }


class OverviewTotalsSerializer(serializers.Serializer):
    """The figures over every action the filters select (not only this page)."""

    actions = serializers.IntegerField(read_only=True)
    dossiers = DossierCountsSerializer(read_only=True)
    amounts = AmountsSerializer(read_only=True)
    remaining_amount = MoneyStringField()


class OverviewPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(read_only=True)
    next = serializers.URLField(read_only=True, allow_null=True)
    previous = serializers.URLField(read_only=True, allow_null=True)
    results = OverviewRowSerializer(many=True, read_only=True)
    totals = OverviewTotalsSerializer(read_only=True)


class SbkTaskSerializer(serializers.Serializer):
    obligation = serializers.ChoiceField(choices=Obligation.choices, read_only=True)
    label = serializers.CharField(read_only=True)
    ready = serializers.BooleanField(
        read_only=True,
        help_text="Kan nu; anders wacht de taak op een eerder besluit.",
    )


class SbkRowSerializer(serializers.Serializer):
    """An action in step 2 for which SBK still has to inform SZW, write the note to the
    minister or record the minister's answer."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    lead_unit = UnitSerializer(read_only=True)
    step = serializers.ChoiceField(choices=Step.choices, read_only=True)
    step_label = serializers.CharField(read_only=True)
    mandate = serializers.ChoiceField(choices=Mandate.choices, read_only=True)
    tasks = SbkTaskSerializer(many=True, read_only=True)

    def to_representation(self, row):
        action = row.action
        return {
            "id": action.pk,
            "title": action.title,
            "lead_unit": UnitSerializer(action.lead_unit).data,
            "step": action.step,
            "step_label": str(action.get_step_display()),
            "mandate": action.mandate,
            "tasks": [
                {
                    "obligation": Obligation(task.obligation).value,
                    "label": str(Obligation(task.obligation).label),
                    "ready": task.ready,
                }
                for task in row.tasks
            ],
        }
