"""Writes of step 1 (DOMAIN.md §6): starting a herstelactie (which informs the fixed contact
persons and forms the working group), its facts and lead division, the advice with the mandate
criteria, and the control measures. Each is atomic and records its event on the action."""

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herstel.constants import DIRECTORATE_ORDER, AdviceSection, Criterion, Operation
from herstel.events import (
    ACTION_LEAD_UNIT_CHANGED,
    ACTION_STARTED,
    ACTION_UPDATED,
    ADVICE_UPDATED,
    MEASURE_ADDED,
    MEASURE_REMOVED,
    WORKING_GROUP_FORMED,
)
from herstel.models import (
    Advice,
    ContactPoint,
    ControlMeasure,
    CriterionJudgement,
    Herstelactie,
    WorkingGroupMember,
)
from herstel.notifications import inform_contacts
from herstel.permissions import may_start
from herstel.rules import CriterionJudged
from herstel.services.guards import (
    locked,
    require_operation,
    require_version,
)
from uwvkms.changes import changes_between, plain
from uwvkms.dates import not_in_future
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record

DETAIL_FIELDS = (
    "title",
    "what_went_wrong",
    "wrong_since",
    "estimated_clients",
    "estimated_dossiers",
    "estimated_amount",
)


def _details(herstelactie: Herstelactie) -> dict:
    return {name: plain(getattr(herstelactie, name)) for name in DETAIL_FIELDS}


def _clean_text(value: str) -> str:
    return (value or "").strip()


@transaction.atomic
def herstelactie_start(
    *,
    actor: User,
    title: str,
    what_went_wrong: str,
    wrong_since: date,
    lead_unit: BusinessUnit,
    estimated_clients: int | None = None,
    estimated_dossiers: int | None = None,
    estimated_amount: Decimal | None = None,
) -> Herstelactie:
    """Start a herstelactie in step 1 (any Herstel-adviseur; the lead division is where the
    weight of the action lies). Every active fixed contact person is recorded as informed today
    and joins the working group, and so does the adviser who started it. The contact persons who
    are users get a notification asking them to take note (issue 20); the others are informed
    outside the app. The advice starts empty,
    with the five mandate criteria still to judge."""
    if not may_start(actor):
        raise PermissionDenied
    herstelactie = Herstelactie(
        title=_clean_text(title),
        what_went_wrong=_clean_text(what_went_wrong),
        wrong_since=wrong_since,
        lead_unit=lead_unit,
        estimated_clients=estimated_clients,
        estimated_dossiers=estimated_dossiers,
        estimated_amount=estimated_amount,
        started_by=actor,
        updated_by=actor,
    )
    if problem := not_in_future(wrong_since, today=timezone.localdate()):
        raise ValidationError({"wrong_since": problem})
    herstelactie.full_clean()
    herstelactie.save()
    advice = Advice.objects.create(herstelactie=herstelactie)
    CriterionJudgement.objects.bulk_create(
        CriterionJudgement(advice=advice, criterion=criterion) for criterion in Criterion
    )
    audit_event_record(
        event=ACTION_STARTED,
        actor=actor,
        target=herstelactie,
        changes={
            **{key: [None, value] for key, value in _details(herstelactie).items()},
            "lead_unit": [None, str(lead_unit)],
        },
    )

    today = timezone.localdate()
    informed = []
    points = sorted(
        ContactPoint.objects.filter(is_active=True).select_related("user"),
        key=lambda point: (DIRECTORATE_ORDER.get(point.directorate, 99), point.name),
    )
    for point in points:
        WorkingGroupMember.objects.create(
            herstelactie=herstelactie,
            contact_point=point,
            user=point.user,
            name=point.name,
            directorate=point.directorate,
            role=_("Vaste contactpersoon %(directorate)s")
            % {"directorate": point.get_directorate_display()},
            informed_on=today,
        )
        informed.append(str(point))
    if not WorkingGroupMember.objects.filter(herstelactie=herstelactie, user=actor).exists():
        WorkingGroupMember.objects.create(
            herstelactie=herstelactie,
            user=actor,
            name=str(actor),
            role=_("Adviseur, startte de herstelactie"),
        )
    audit_event_record(
        event=WORKING_GROUP_FORMED,
        actor=actor,
        target=herstelactie,
        changes={"informed": [None, informed], "informed_on": [None, today.isoformat()]},
    )
    inform_contacts(herstelactie, [point.user for point in points], actor=actor)
    return herstelactie


@transaction.atomic
def herstelactie_update(
    *,
    actor: User,
    herstelactie: Herstelactie,
    expected_version: int,
    title: str,
    what_went_wrong: str,
    wrong_since: date,
    estimated_clients: int | None,
    estimated_dossiers: int | None,
    estimated_amount: Decimal | None,
) -> Herstelactie:
    """Change the facts of an action (advisers of the lead division, steps 1–2). A save on a
    stale version is refused with EditConflict."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_DETAILS)
    require_version(herstelactie, expected_version)
    if problem := not_in_future(wrong_since, today=timezone.localdate()):
        raise ValidationError({"wrong_since": problem})
    old = _details(herstelactie)
    herstelactie.title = _clean_text(title)
    herstelactie.what_went_wrong = _clean_text(what_went_wrong)
    herstelactie.wrong_since = wrong_since
    herstelactie.estimated_clients = estimated_clients
    herstelactie.estimated_dossiers = estimated_dossiers
    herstelactie.estimated_amount = estimated_amount
    herstelactie.full_clean()
    changes = changes_between(old, _details(herstelactie))
    if not changes:
        return herstelactie
    herstelactie.save(update_fields=[*DETAIL_FIELDS, *herstelactie.touch(actor)])
    audit_event_record(event=ACTION_UPDATED, actor=actor, target=herstelactie, changes=changes)
    return herstelactie


@transaction.atomic
def herstelactie_lead_change(
    *,
    actor: User,
    herstelactie: Herstelactie,
    expected_version: int,
    lead_unit: BusinessUnit,
    reason: str,
) -> Herstelactie:
    """Hand the lead to another division, with a reason (advisers of the lead division, steps
    1–2). The adviser who hands it over stays in the working group and keeps reading."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.CHANGE_LEAD)
    require_version(herstelactie, expected_version)
    reason = _clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Geef een reden voor het wijzigen van de lead.")})
    if lead_unit.pk == herstelactie.lead_unit_id:
        raise ValidationError({"lead_unit": _("Deze divisie heeft de lead al.")})
    old_unit = herstelactie.lead_unit
    herstelactie.lead_unit = lead_unit
    herstelactie.save(update_fields=["lead_unit", *herstelactie.touch(actor)])
    if not WorkingGroupMember.objects.filter(herstelactie=herstelactie, user=actor).exists():
        WorkingGroupMember.objects.create(
            herstelactie=herstelactie,
            user=actor,
            name=str(actor),
            role=_("Adviseur, droeg de lead over"),
        )
    audit_event_record(
        event=ACTION_LEAD_UNIT_CHANGED,
        actor=actor,
        target=herstelactie,
        changes={"lead_unit": [str(old_unit), str(lead_unit)]},
        reason=reason,
    )
    return herstelactie


def _advice_snapshot(advice: Advice, judgements: list[CriterionJudgement]) -> dict:
    snapshot = {section: getattr(advice, section) for section in AdviceSection.values}
    for judgement in judgements:
        code = judgement.criterion
        snapshot[f"criteria.{code}.value"] = judgement.value
        snapshot[f"criteria.{code}.rationale"] = judgement.rationale
        snapshot[f"criteria.{code}.judged_by"] = judgement.judged_by
    return snapshot


@transaction.atomic
def advice_save(
    *,
    actor: User,
    herstelactie: Herstelactie,
    expected_version: int,
    sections: Mapping[str, str],
    criteria: Mapping[str, CriterionJudged],
) -> Herstelactie:
    """Save the advice of step 1: its sections and the five mandate criteria, each with a
    judgement, a rationale and who judged. An incomplete advice may be saved; it cannot be
    submitted (see rules.advice_gaps). Advisers of the lead division, step 1 only."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_ADVICE)
    require_version(herstelactie, expected_version)
    advice = Advice.objects.get(herstelactie=herstelactie)
    judgements = list(advice.criteria.all())
    old = _advice_snapshot(advice, judgements)
    for section in AdviceSection.values:
        setattr(advice, section, _clean_text(sections.get(section, "")))
    for judgement in judgements:
        judged = criteria.get(judgement.criterion)
        if judged is None:
            continue
        judgement.value = judged.value
        judgement.rationale = _clean_text(judged.rationale)
        judgement.judged_by = _clean_text(judged.judged_by)
    changes = changes_between(old, _advice_snapshot(advice, judgements))
    if not changes:
        return herstelactie
    advice.full_clean(exclude=["herstelactie"])
    advice.save()
    CriterionJudgement.objects.bulk_update(judgements, ["value", "rationale", "judged_by"])
    herstelactie.save(update_fields=herstelactie.touch(actor))
    audit_event_record(event=ADVICE_UPDATED, actor=actor, target=herstelactie, changes=changes)
    return herstelactie


@transaction.atomic
def control_measure_add(
    *, actor: User, herstelactie: Herstelactie, description: str, owner: str, due_on: date
) -> ControlMeasure:
    """Add a beheersmaatregel: what is done to prevent recurrence, who owns it, by when."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_MEASURES)
    measure = ControlMeasure(
        herstelactie=herstelactie,
        description=_clean_text(description),
        owner=_clean_text(owner),
        due_on=due_on,
        created_by=actor,
    )
    measure.full_clean()
    measure.save()
    audit_event_record(
        event=MEASURE_ADDED,
        actor=actor,
        target=herstelactie,
        changes={
            "measure": [None, measure.description],
            "owner": [None, measure.owner],
            "due_on": [None, due_on.isoformat()],
        },
    )
    return measure


@transaction.atomic
def control_measure_remove(*, actor: User, measure: ControlMeasure) -> None:
    """Remove a beheersmaatregel; the event log keeps what it was."""
    herstelactie = locked(measure.herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_MEASURES)
    audit_event_record(
        event=MEASURE_REMOVED,
        actor=actor,
        target=herstelactie,
        changes={
            "measure": [measure.description, None],
            "owner": [measure.owner, None],
            "due_on": [measure.due_on.isoformat(), None],
        },
    )
    measure.delete()
