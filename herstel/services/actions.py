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

from herstel.constants import (
    DIRECTORATE_ORDER,
    AdviceSection,
    ControlMeasureProgress,
    Criterion,
    Operation,
)
from herstel.events import (
    ACTION_LEAD_UNIT_CHANGED,
    ACTION_STARTED,
    ACTION_UPDATED,
    ADVICE_SECTION_ASSIGNED,
    ADVICE_SECTION_ASSIGNMENT_WITHDRAWN,
    ADVICE_SECTION_WRITTEN,
    ADVICE_UPDATED,
    MEASURE_ADDED,
    MEASURE_UPDATED,
    MEASURE_WITHDRAWN,
    WORKING_GROUP_FORMED,
)
from herstel.models import (
    Advice,
    AdviceSectionAssignment,
    AdviceSectionAuthor,
    ContactPoint,
    ControlMeasure,
    CriterionJudgement,
    Evaluation,
    Herstelactie,
    MeasureEvaluation,
    WorkingGroupMember,
)
from herstel.notifications import inform_contacts, notify_section_asked
from herstel.permissions import may_start
from herstel.rules import CriterionJudged, advice_section_editable, measure_due_problem
from herstel.services.guards import (
    capacities_of,
    locked,
    require_operation,
    require_version,
)
from uwvkms.changes import changes_between, plain
from uwvkms.dates import not_in_future
from uwvkms.models import BusinessUnit, User
from uwvkms.services import audit_event_record
from uwvkms.versioning import version_check
from uwvkms.withdrawal import withdraw

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
    _record_authors(advice, [s for s in AdviceSection.values if s in changes], actor, as_sbk=False)
    herstelactie.save(update_fields=herstelactie.touch(actor))
    audit_event_record(event=ADVICE_UPDATED, actor=actor, target=herstelactie, changes=changes)
    return herstelactie


def _record_authors(advice: Advice, sections: list[str], actor: User, *, as_sbk: bool) -> None:
    """Who wrote `sections` of the advice last, and when (shown with each section)."""
    now = timezone.now()
    for section in sections:
        AdviceSectionAuthor.objects.update_or_create(
            advice=advice,
            section=section,
            defaults={"written_by": actor, "written_at": now, "as_sbk": as_sbk},
        )


def _section_label(section: str) -> str:
    return str(AdviceSection(section).label)


def assigned_sections(advice: Advice) -> set[str]:
    """The sections of the advice SBK is asked to write (not withdrawn)."""
    return set(
        AdviceSectionAssignment.objects.filter(advice=advice).values_list("section", flat=True)
    )


@transaction.atomic
def advice_section_assign(
    *, actor: User, herstelactie: Herstelactie, section: str, note: str = ""
) -> AdviceSectionAssignment:
    """Ask SBK to write one section of the advice ("divisies/SBK" bring the advice out, the
    process guide): advisers of the lead division, step 1. SBK then writes that section (and
    the lead advisers still write every section); SBK's advisers are notified."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.ASSIGN_ADVICE_SECTION)
    if section not in AdviceSection.values:
        raise ValidationError({"section": _("Kies een onderdeel van het advies.")})
    advice = Advice.objects.get(herstelactie=herstelactie)
    if section in assigned_sections(advice):
        raise ValidationError(
            {"section": _("SBK is al gevraagd dit onderdeel te schrijven.")}, code="unique"
        )
    assignment = AdviceSectionAssignment(
        advice=advice, section=section, note=_clean_text(note), asked_by=actor
    )
    assignment.full_clean()
    assignment.save()
    audit_event_record(
        event=ADVICE_SECTION_ASSIGNED,
        actor=actor,
        target=herstelactie,
        changes={"section": [None, section], "note": [None, assignment.note or None]},
    )
    notify_section_asked(herstelactie)
    return assignment


@transaction.atomic
def advice_section_assignment_withdraw(
    *, actor: User, assignment: AdviceSectionAssignment, reason: str
) -> AdviceSectionAssignment:
    """Take back the question to SBK (asked in error, or the lead division writes it after
    all), with a reason: advisers of the lead division, step 1. What SBK wrote stays."""
    herstelactie = locked(assignment.advice.herstelactie)
    require_operation(actor, herstelactie, Operation.ASSIGN_ADVICE_SECTION)
    assignment = AdviceSectionAssignment.with_withdrawn.select_for_update().get(pk=assignment.pk)
    changes = withdraw(assignment, actor=actor, reason=reason, what=_("Deze vraag aan SBK"))
    audit_event_record(
        event=ADVICE_SECTION_ASSIGNMENT_WITHDRAWN,
        actor=actor,
        target=herstelactie,
        changes={"section": [assignment.section, assignment.section], **changes},
        reason=assignment.withdrawal_reason,
    )
    return assignment


@transaction.atomic
def advice_section_write(
    *, actor: User, herstelactie: Herstelactie, expected_version: int, section: str, text: str
) -> Herstelactie:
    """SBK writes a section of the advice it was asked to write (step 1). Any other section is
    refused (PermissionDenied), and so is every section outside step 1. The save is guarded by
    the action's version, as the advice itself is (`advice_save`): a save on a stale version is
    refused with EditConflict."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.WRITE_ADVICE_SECTION)
    advice = Advice.objects.get(herstelactie=herstelactie)
    if not advice_section_editable(
        capacities=capacities_of(actor, herstelactie),
        step=herstelactie.step,
        section=section,
        assigned=assigned_sections(advice),
    ):
        raise PermissionDenied
    require_version(herstelactie, expected_version)
    old = getattr(advice, section)
    new = _clean_text(text)
    if old == new:
        return herstelactie
    setattr(advice, section, new)
    advice.full_clean(exclude=["herstelactie"])
    advice.save(update_fields=[section, "updated_at"])
    _record_authors(advice, [section], actor, as_sbk=True)
    herstelactie.save(update_fields=herstelactie.touch(actor))
    audit_event_record(
        event=ADVICE_SECTION_WRITTEN,
        actor=actor,
        target=herstelactie,
        changes={section: [old or None, new or None]},
    )
    return herstelactie


def _measure_snapshot(measure: ControlMeasure) -> dict:
    return {
        "measure": measure.description,
        "owner": measure.owner,
        "due_on": plain(measure.due_on),
        "progress": measure.progress,
    }


def _require_plausible_due(due_on: date, herstelactie: Herstelactie) -> None:
    problem = measure_due_problem(
        due_on, wrong_since=herstelactie.wrong_since, today=timezone.localdate()
    )
    if problem:
        raise ValidationError({"due_on": problem})


@transaction.atomic
def control_measure_add(
    *,
    actor: User,
    herstelactie: Herstelactie,
    description: str,
    owner: str,
    due_on: date,
    progress: str = ControlMeasureProgress.OPEN,
) -> ControlMeasure:
    """Add a beheersmaatregel: what is done to prevent recurrence, who owns it, by when, and
    how far it is. Advisers of the lead division, in every step, also after closing (learning
    and prevention run "naast of na de herstelactie"). An evaluation still open judges it too."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_MEASURES)
    _require_plausible_due(due_on, herstelactie)
    measure = ControlMeasure(
        herstelactie=herstelactie,
        description=_clean_text(description),
        owner=_clean_text(owner),
        due_on=due_on,
        progress=progress,
        created_by=actor,
        updated_by=actor,
    )
    measure.full_clean()
    measure.save()
    MeasureEvaluation.objects.bulk_create(
        MeasureEvaluation(evaluation=evaluation, measure=measure)
        for evaluation in Evaluation.objects.filter(
            herstelactie=herstelactie, completed_on__isnull=True
        )
    )
    audit_event_record(
        event=MEASURE_ADDED,
        actor=actor,
        target=herstelactie,
        changes={key: [None, value] for key, value in _measure_snapshot(measure).items()},
    )
    return measure


def _locked_measure(actor: User, measure: ControlMeasure) -> tuple[Herstelactie, ControlMeasure]:
    herstelactie = locked(measure.herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_MEASURES)
    measure = ControlMeasure.with_withdrawn.select_for_update().get(pk=measure.pk)
    if measure.is_withdrawn:
        raise ValidationError(
            _("Deze beheersmaatregel is ingetrokken (%(summary)s).")
            % {"summary": measure.withdrawal_summary()},
            code="withdrawn",
        )
    return herstelactie, measure


@transaction.atomic
def control_measure_update(
    *,
    actor: User,
    measure: ControlMeasure,
    expected_version: int,
    description: str,
    owner: str,
    due_on: date,
    progress: str,
) -> ControlMeasure:
    """Change a beheersmaatregel: its description, owner, due date and status (open, in
    uitvoering, gereed). Advisers of the lead division, in every step, also after closing.
    A save on a stale version is refused with EditConflict; old -> new goes to the event log."""
    herstelactie, measure = _locked_measure(actor, measure)
    version_check(measure, expected_version=expected_version, what=_("Deze beheersmaatregel"))
    if progress not in ControlMeasureProgress.values:
        raise ValidationError({"progress": _("Kies een status.")})
    if due_on != measure.due_on:
        _require_plausible_due(due_on, herstelactie)
    old = _measure_snapshot(measure)
    measure.description = _clean_text(description)
    measure.owner = _clean_text(owner)
    measure.due_on = due_on
    measure.progress = progress
    changes = changes_between(old, _measure_snapshot(measure))
    if not changes:
        return measure
    measure.full_clean()
    fields = ["description", "owner", "due_on", "progress", *measure.touch(actor)]
    measure.save(update_fields=fields)
    audit_event_record(
        event=MEASURE_UPDATED,
        actor=actor,
        target=herstelactie,
        changes={"measure": [old["measure"], measure.description], **changes},
    )
    return measure


@transaction.atomic
def control_measure_withdraw(
    *, actor: User, measure: ControlMeasure, expected_version: int, reason: str
) -> ControlMeasure:
    """Withdraw a beheersmaatregel entered in error, with a reason (never deleted). It leaves
    the improvement list and the evaluations still open; a completed evaluation keeps its
    judgement of it. Advisers of the lead division, in every step."""
    herstelactie, measure = _locked_measure(actor, measure)
    version_check(measure, expected_version=expected_version, what=_("Deze beheersmaatregel"))
    changes = withdraw(measure, actor=actor, reason=reason, what=_("Deze beheersmaatregel"))
    measure.save(update_fields=measure.touch(actor))
    audit_event_record(
        event=MEASURE_WITHDRAWN,
        actor=actor,
        target=herstelactie,
        changes={"measure": [measure.description, measure.description], **changes},
        reason=measure.withdrawal_reason,
    )
    return measure
