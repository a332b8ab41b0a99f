"""The readiness of a cycle's next phase (issue 17, "guarded moves"): the facts the rules look
at, gathered from every app of the audit chain, and the rules (`audits.rules.phase_readiness`).

Audits knows the period, the scope and the teams; the apps above it know the scores, the
calibration and the report. Each of them registers a fact provider in its `AppConfig.ready()`
(`provider(cycle, counted_unit_ids) -> dict` of `PhaseFacts` fields), so audits never imports
them and the move is refused by the same rules whichever app asks."""

from collections.abc import Callable

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from audits.constants import PREVIOUS_STATUS, CycleStatus
from audits.models import AssessedPrinciple, Assignment, AuditCycle, Exclusion
from audits.rules import PhaseFacts, ReadinessRule, phase_readiness
from uwvkms.models import BusinessUnit

FactProvider = Callable[[AuditCycle, dict[int, str]], dict]

_providers: list[FactProvider] = []


def register_phase_facts(provider: FactProvider) -> None:
    """Add an app's facts (called from `AppConfig.ready()`; registering twice adds it once)."""
    if provider not in _providers:
        _providers.append(provider)


def counted_units(cycle: AuditCycle) -> dict[int, str]:
    """The units with a principle in scope and not excluded, id → name, by name. One query."""
    return dict(
        BusinessUnit.objects.filter(
            Exists(AssessedPrinciple.objects.filter(cycle=cycle, unit=OuterRef("pk")))
        )
        .exclude(Exists(Exclusion.objects.filter(cycle=cycle, unit=OuterRef("pk"))))
        .order_by("name")
        .values_list("pk", "name")
    )


def _audit_facts(cycle: AuditCycle, counted: dict[int, str]) -> dict:
    """The period, the units in scope and those without a lead auditor (one query)."""
    with_lead = set(
        Assignment.objects.filter(cycle=cycle, is_lead=True).values_list("unit_id", flat=True)
    )
    return {
        "period_set": cycle.period_start is not None and cycle.period_end is not None,
        "units_in_scope": tuple(counted.values()),
        "units_without_lead": tuple(
            name for unit_id, name in counted.items() if unit_id not in with_lead
        ),
    }


def cycle_phase_facts(cycle: AuditCycle) -> PhaseFacts:
    """Every registered app's facts about `cycle`, for the readiness rules. A fixed number of
    queries, whatever the number of units."""
    counted = counted_units(cycle)
    facts = _audit_facts(cycle, counted)
    for provider in _providers:
        facts.update(provider(cycle, counted))
    return PhaseFacts(**facts)


def cycle_readiness(cycle: AuditCycle) -> list[ReadinessRule]:
    """The conditions of the move from the cycle's phase to the next, each with whether it holds
    (empty after publication)."""
    return phase_readiness(cycle.status, cycle_phase_facts(cycle))


def step_back_refusal(cycle: AuditCycle) -> str | None:
    """Why `cycle` cannot go one phase back now (None: it can): a published cycle stays
    published, the first phase has none before it, and once a Definitief report is published
    the roll-up does not go back to calibration, where scores could change under the report
    the RvB already has."""
    if cycle.status == CycleStatus.GEPUBLICEERD:
        return _("Een gepubliceerde cyclus blijft gepubliceerd.")
    if cycle.status not in PREVIOUS_STATUS:
        return _("De cyclus staat in de eerste fase; er is geen fase terug.")
    if cycle.status == CycleStatus.OPROLLEN and cycle_phase_facts(cycle).definitief_published:
        return _(
            "Er is al een Definitief rapport gepubliceerd; de cyclus gaat niet meer terug naar "
            "de kalibratie."
        )
    return None
