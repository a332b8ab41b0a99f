"""Writes of interviews (DOMAIN.md §2, "Evidence"): the record of an interview, its confirmation
by the interviewees, and the appreciative question set. Each is atomic and records its event."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.constants import AUDIT_TEAM, COORDINATION, InterviewAction
from audits.events import (
    INTERVIEW_CORRECTION_REQUESTED,
    INTERVIEW_CREATED,
    INTERVIEW_QUESTION_ACTIVATED,
    INTERVIEW_QUESTION_CREATED,
    INTERVIEW_QUESTION_DEACTIVATED,
    INTERVIEW_QUESTION_UPDATED,
    INTERVIEW_REOPENED,
    INTERVIEW_SENT,
    INTERVIEW_UPDATED,
    INTERVIEW_WITHDRAWN,
)
from audits.evidence_rules import (
    InterviewTransitionNotAllowed,
    interview_date_problem,
    interview_is_editable,
    interview_is_withdrawable,
    interview_next_status,
    interview_place_problem,
)
from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    District,
    Interview,
    Interviewee,
    InterviewNote,
    InterviewQuestion,
    ManagementPrinciple,
)
from audits.notifications import notify_interview_sent, retract_interview_to_confirm
from audits.selectors.capacities import require_audit_capacity
from audits.selectors.evidence import drawn_place_names
from audits.services.confirmations import (
    CONFIRMATION_CLEARED,
    locked_interview,
)
from audits.services.documents import require_evidence_open
from audits.services.locks import cycle_lock
from uwvkms.changes import changes_between
from uwvkms.models import BusinessUnit, User
from uwvkms.review import review_reset_after_change
from uwvkms.services import active_set, audit_event_record
from uwvkms.versioning import version_check
from uwvkms.withdrawal import withdraw


@dataclass(frozen=True)
class IntervieweeData:
    name: str
    function: str
    # The user account with which this interviewee confirms the record themselves (optional).
    user_id: int | None = None


@dataclass(frozen=True)
class NoteData:
    """What the interview yielded for one principle: the questions asked and the notes."""

    notes: str = ""
    question_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_empty(self) -> bool:
        return not self.notes.strip() and not self.question_ids


# --- The interview record ---------------------------------------------------------------------


def _period_reason(cycle: AuditCycle, held_on: date | None, reason: str) -> str:
    """The reason for a day outside the fieldwork period, kept only when the day is outside
    it: a record held inside the period never says it was held outside."""
    inside = (
        held_on is not None
        and cycle.period_start is not None
        and cycle.period_end is not None
        and cycle.period_start <= held_on <= cycle.period_end
    )
    return "" if inside else (reason or "").strip()


def _validate_record(
    *,
    cycle: AuditCycle,
    unit: BusinessUnit,
    held_on: date,
    outside_period_reason: str,
    location: District,
    auditors: list[User],
    interviewees: list[IntervieweeData],
    notes: Mapping[int, NoteData],
    held_at: int | None = None,
) -> None:
    """Refuse a record that breaks a rule, with every problem beside its field. `held_at` is
    the place the record already has (an edit): it stays valid after a redraw of places."""
    errors: dict[str, list[str]] = {}
    problem = interview_date_problem(
        held_on,
        period_start=cycle.period_start,
        period_end=cycle.period_end,
        outside_period_reason=outside_period_reason,
        today=timezone.localdate(),
    )
    if problem:
        errors.setdefault("held_on", []).append(problem)
    if location.cycle_id != cycle.id or location.unit_id != unit.id:
        errors.setdefault("location", []).append(
            _("Kies een district of afdeling van %(unit)s in deze cyclus.") % {"unit": unit}
        )
    elif location.id != held_at and (
        problem := interview_place_problem(
            location.name, drawn=drawn_place_names(cycle=cycle, unit=unit), unit=str(unit)
        )
    ):
        errors.setdefault("location", []).append(problem)
    if not auditors:
        errors.setdefault("auditors", []).append(_("Kies ten minste één aanwezige toetser."))
    team = set(
        Assignment.objects.filter(cycle=cycle, unit=unit).values_list("auditor_id", flat=True)
    )
    outsiders = [str(a) for a in auditors if a.id not in team]
    if outsiders:
        errors.setdefault("auditors", []).append(
            _("%(names)s staat niet in het toetsteam van %(unit)s.")
            % {"names": ", ".join(outsiders), "unit": unit}
        )
    if not interviewees or any(not (p.name.strip() and p.function.strip()) for p in interviewees):
        errors.setdefault("interviewees", []).append(
            _("Leg ten minste één geïnterviewde vast, met naam en functie.")
        )
    linked = [p.user_id for p in interviewees if p.user_id is not None]
    if linked:
        if len(set(linked)) != len(linked):
            errors.setdefault("interviewees", []).append(
                _("Koppel een account aan hooguit één geïnterviewde per interview.")
            )
        of_unit = set(
            User.objects.filter(id__in=linked, business_unit=unit, is_active=True).values_list(
                "id", flat=True
            )
        )
        if set(linked) - of_unit:
            errors.setdefault("interviewees", []).append(
                _("Koppel alleen accounts van medewerkers van %(unit)s.") % {"unit": unit}
            )
    assessed = set(
        AssessedPrinciple.objects.filter(cycle=cycle, unit=unit).values_list(
            "principle_id", flat=True
        )
    )
    if set(notes) - assessed:
        errors.setdefault("notes", []).append(
            _("Aantekeningen horen bij een principe dat bij %(unit)s wordt getoetst.")
            % {"unit": unit}
        )
    asked = {qid for note in notes.values() for qid in note.question_ids}
    if asked:
        question_principle = dict(
            InterviewQuestion.objects.filter(id__in=asked).values_list("id", "principle_id")
        )
        for principle_id, note in notes.items():
            if any(question_principle.get(qid) != principle_id for qid in note.question_ids):
                errors.setdefault("notes", []).append(
                    _("Een gestelde vraag hoort niet bij het principe waaronder zij staat.")
                )
                break
    if errors:
        raise ValidationError(errors)


def _snapshot(interview: Interview) -> dict:
    """The record as plain values, for the old → new of the event log."""
    snapshot = {
        "held_on": interview.held_on.isoformat(),
        "outside_period_reason": interview.outside_period_reason,
        "location": str(interview.location),
        "auditors": sorted(str(a) for a in interview.auditors.all()),
        "interviewees": [
            f"{p.name} ({p.function})" + (f" · account {p.user}" if p.user_id else "")
            for p in interview.interviewees.select_related("user")
        ],
    }
    for note in interview.notes.select_related("principle").prefetch_related("questions"):
        code = note.principle.code
        snapshot[f"notes.{code}"] = note.notes
        snapshot[f"questions.{code}"] = sorted(q.text for q in note.questions.all())
    return snapshot


def _write_record(
    interview: Interview,
    *,
    auditors: list[User],
    interviewees: list[IntervieweeData],
    notes: Mapping[int, NoteData],
) -> None:
    interview.auditors.set(auditors)
    interview.interviewees.all().delete()
    Interviewee.objects.bulk_create(
        Interviewee(
            interview=interview,
            name=p.name.strip(),
            function=p.function.strip(),
            user_id=p.user_id,
        )
        for p in interviewees
    )
    existing = {note.principle_id: note for note in interview.notes.all()}
    for principle_id, data in notes.items():
        note = existing.pop(principle_id, None)
        if data.is_empty:
            if note is not None:
                note.delete()
            continue
        if note is None:
            note = InterviewNote(interview=interview, principle_id=principle_id)
        note.notes = data.notes.strip()
        note.full_clean(exclude=["interview"], validate_constraints=False)
        note.save()
        note.questions.set(sorted(data.question_ids))
    for note in existing.values():  # principles no longer assessed or left out of `notes`
        note.delete()


@transaction.atomic
def interview_create(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    held_on: date,
    location: District,
    auditors: Iterable[User],
    interviewees: Iterable[IntervieweeData],
    notes: Mapping[int, NoteData],
    outside_period_reason: str = "",
) -> Interview:
    """Record an interview held at `unit`: when (not in the future; in the cycle's fieldwork
    period, or outside it with a reason), where (a place drawn for the unit in this cycle),
    with whom, which auditors were present, and per assessed principle the appreciative
    questions asked and the notes. It starts as a concept."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)
    require_evidence_open(cycle)
    auditors, interviewees = list(auditors), list(interviewees)
    outside_period_reason = _period_reason(cycle, held_on, outside_period_reason)
    _validate_record(
        cycle=cycle,
        unit=unit,
        held_on=held_on,
        outside_period_reason=outside_period_reason,
        location=location,
        auditors=auditors,
        interviewees=interviewees,
        notes=notes,
    )
    interview = Interview(
        cycle=cycle,
        unit=unit,
        held_on=held_on,
        outside_period_reason=outside_period_reason,
        location=location,
        created_by=actor,
        updated_by=actor,
    )
    interview.full_clean()
    interview.save()
    _write_record(interview, auditors=auditors, interviewees=interviewees, notes=notes)
    changes = {key: [None, value] for key, value in _snapshot(interview).items()}
    changes["status"] = [None, interview.status]
    audit_event_record(event=INTERVIEW_CREATED, actor=actor, target=interview, changes=changes)
    return interview


@transaction.atomic
def interview_update(
    *,
    actor: User,
    interview: Interview,
    expected_version: int,
    held_on: date,
    location: District,
    auditors: Iterable[User],
    interviewees: Iterable[IntervieweeData],
    notes: Mapping[int, NoteData],
    outside_period_reason: str = "",
) -> Interview:
    """Change an interview record (the same rules as `interview_create`). Only a concept or a
    record sent back for correction can be changed. `expected_version` is the version the user
    saw: when the record moved on since, the save is refused with EditConflict naming who
    changed it, and nothing changes."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=interview.cycle, unit=interview.unit_id)
    interview = locked_interview(interview)
    require_evidence_open(interview.cycle)
    version_check(interview, expected_version=expected_version, what=_("Dit interview"))
    if not interview_is_editable(interview.status):
        raise ValidationError(
            _("Een interview met status %(status)s kan niet worden gewijzigd.")
            % {"status": interview.get_status_display()}
        )
    auditors, interviewees = list(auditors), list(interviewees)
    outside_period_reason = _period_reason(interview.cycle, held_on, outside_period_reason)
    _validate_record(
        cycle=interview.cycle,
        unit=interview.unit,
        held_on=held_on,
        outside_period_reason=outside_period_reason,
        location=location,
        auditors=auditors,
        interviewees=interviewees,
        notes=notes,
        held_at=interview.location_id,
    )
    old = _snapshot(interview)
    interview.held_on, interview.location = held_on, location
    interview.outside_period_reason = outside_period_reason
    interview.full_clean()
    _write_record(interview, auditors=auditors, interviewees=interviewees, notes=notes)
    # A key that disappeared (a principle's notes removed) counts as changed to None.
    changes = changes_between(old, _snapshot(interview))
    if not changes:
        return interview
    interview.edited_by = actor  # an author of the record (four eyes, `uwvkms.review`)
    interview.save(
        update_fields=[
            "held_on",
            "location",
            "outside_period_reason",
            "edited_by",
            *interview.touch(actor),
        ]
    )
    audit_event_record(event=INTERVIEW_UPDATED, actor=actor, target=interview, changes=changes)
    review_reset_after_change(interview, actor=actor)  # a record changed after review
    return interview


_EVENTS = {
    InterviewAction.SEND: INTERVIEW_SENT,
    InterviewAction.REQUEST_CORRECTION: INTERVIEW_CORRECTION_REQUESTED,
    InterviewAction.REOPEN: INTERVIEW_REOPENED,
}


@transaction.atomic
def interview_transition(
    *,
    actor: User,
    interview: Interview,
    action: str,
    expected_status: str,
    remarks: str = "",
) -> Interview:
    """Move an interview record through its statuses (see INTERVIEW_TRANSITIONS): send it to the
    interviewees (each is asked again, confirmations given before are cleared), record their
    request for correction (their remarks), or take it back to concept. Sending and taking back
    change the evidence, so they wait for open fieldwork; a correction can be recorded until
    calibration closes. A confirmation is given per interviewee
    (`audits.services.confirmations`), never for the record as a whole.

    `expected_status` is the status the user saw; if the record moved on meanwhile nothing
    happens. A move the table does not allow raises InterviewTransitionNotAllowed."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=interview.cycle, unit=interview.unit_id)
    interview = locked_interview(interview)
    # A correction is asked only while the team can still change the record and send it again
    # (`correction_open`): like sending and taking back, it waits for open fieldwork.
    require_evidence_open(interview.cycle)
    if interview.status != expected_status:
        raise InterviewTransitionNotAllowed(
            _("Het interview staat intussen op %(status)s; er is niets gewijzigd.")
            % {"status": interview.get_status_display()}
        )
    if action == InterviewAction.CONFIRM:
        raise InterviewTransitionNotAllowed(
            _(
                "Leg de bevestiging per geïnterviewde vast: het verslag is bevestigd als "
                "iedere geïnterviewde het bevestigde."
            )
        )
    new_status = interview_next_status(interview.status, action)
    changes: dict[str, list] = {"status": [interview.status, new_status]}
    update_fields = ["status", *interview.touch(actor)]
    if action == InterviewAction.REQUEST_CORRECTION:
        remarks = remarks.strip()
        if not remarks:
            raise ValidationError({"remarks": _("Neem de opmerkingen van de geïnterviewden over.")})
        changes["correction_remarks"] = [interview.correction_remarks or None, remarks]
        interview.correction_remarks = remarks
        update_fields.append("correction_remarks")
    if action in (InterviewAction.SEND, InterviewAction.REOPEN):
        # Each interviewee confirms the record as it is now: earlier answers no longer hold.
        interview.interviewees.update(**CONFIRMATION_CLEARED)
    interview.status = new_status
    interview.full_clean()
    interview.save(update_fields=update_fields)
    audit_event_record(event=_EVENTS[action], actor=actor, target=interview, changes=changes)
    if action == InterviewAction.SEND:
        notify_interview_sent(interview)
    else:  # back with the team: nobody is asked to confirm it now
        retract_interview_to_confirm(interview)
    return interview


@transaction.atomic
def interview_withdraw(*, actor: User, interview: Interview, reason: str) -> Interview:
    """Withdraw a record entered in error, with a reason (issue 17: never deleted). Only the
    unit's audit team, while fieldwork is open, and only while the record is not yet evidence:
    a concept, a record sent back for correction, or one awaiting confirmation (its request
    then lapses: it leaves every badge, queue line and list of the interviewees). A confirmed
    record may be cited by scores and quotes; it stays. Withdrawn, the record leaves every
    count, figure and report; its page and the unit's list show it struck through with who,
    when and why."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=interview.cycle, unit=interview.unit_id)
    cycle_lock(interview.cycle_id)  # the cycle first, as everywhere (see `locked_interview`)
    interview = (
        Interview.with_withdrawn.select_for_update(of=("self",))
        .select_related("cycle")
        .get(pk=interview.pk)
    )
    require_evidence_open(interview.cycle)
    if not interview.is_withdrawn and not interview_is_withdrawable(interview.status):
        raise ValidationError(
            _(
                "Een bevestigd interview telt als bewijs en wordt niet ingetrokken. Vraag de "
                "geïnterviewden om een correctie als het verslag niet klopt."
            )
        )
    changes = withdraw(interview, actor=actor, reason=reason, what=_("Dit interview"))
    retract_interview_to_confirm(interview)  # a request it had lapses with it
    audit_event_record(
        event=INTERVIEW_WITHDRAWN,
        actor=actor,
        target=interview,
        changes=changes,
        reason=interview.withdrawal_reason,
    )
    return interview


# --- The appreciative question set (coordination team) -----------------------------------------


def _clean_text(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ValidationError({"text": _("Vul de vraag in.")})
    return text


def _require_unique_question(principle: ManagementPrinciple, text: str, exclude_pk=None) -> None:
    duplicates = InterviewQuestion.objects.filter(principle=principle, text__iexact=text)
    if exclude_pk is not None:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        raise ValidationError({"text": _("Deze vraag staat al bij dit principe.")})


@transaction.atomic
def interview_question_create(
    *, actor: User, principle: ManagementPrinciple, text: str
) -> InterviewQuestion:
    """Add an appreciative question at the end of a principle's question set."""
    require_audit_capacity(actor, allowed=COORDINATION)
    text = _clean_text(text)
    _require_unique_question(principle, text)
    last = InterviewQuestion.objects.filter(principle=principle).aggregate(last=Max("order"))
    question = InterviewQuestion(principle=principle, text=text, order=(last["last"] or 0) + 1)
    question.full_clean()
    question.save()
    audit_event_record(
        event=INTERVIEW_QUESTION_CREATED,
        actor=actor,
        target=question,
        changes={"principle": [None, principle.name], "text": [None, text]},
    )
    return question


@transaction.atomic
def interview_question_update(
    *, actor: User, question: InterviewQuestion, text: str
) -> InterviewQuestion:
    """Reword a question. Records that already list it show the new wording."""
    require_audit_capacity(actor, allowed=COORDINATION)
    question = InterviewQuestion.objects.select_for_update().get(pk=question.pk)
    text = _clean_text(text)
    if text == question.text:
        return question
    _require_unique_question(question.principle, text, exclude_pk=question.pk)
    changes = {"text": [question.text, text]}
    question.text = text
    question.full_clean()
    question.save(update_fields=["text"])
    audit_event_record(
        event=INTERVIEW_QUESTION_UPDATED, actor=actor, target=question, changes=changes
    )
    return question


@transaction.atomic
def interview_question_set_active(
    *, actor: User, question: InterviewQuestion, is_active: bool
) -> InterviewQuestion:
    """Retire a question (new records no longer offer it; existing ones keep it) or reuse it."""
    require_audit_capacity(actor, allowed=COORDINATION)
    return active_set(
        actor=actor,
        instance=question,
        is_active=is_active,
        on=INTERVIEW_QUESTION_ACTIVATED,
        off=INTERVIEW_QUESTION_DEACTIVATED,
    )
