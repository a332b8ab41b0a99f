"""Writes of step 2 (DOMAIN.md §6): informal rounds, the decisions of the DT (2A), the RvB (2B)
and the minister, and the notifications (the RvB and SZW informed, SBK's note to the minister).
A recorded decision is never edited: a correction is a new record referring to the old one."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from herstel.constants import (
    AFTER_ADVICE,
    FORUM_RULES,
    NOTIFICATION_RULES,
    Forum,
    Mandate,
    NotificationKind,
    Operation,
    Outcome,
)
from herstel.events import (
    DECISION_CORRECTED,
    DECISION_RECORDED,
    DECISION_WITHDRAWN,
    INFORMAL_ROUND_RECORDED,
    NOTIFICATION_RECORDED,
)
from herstel.models import ActionDocument, Decision, Herstelactie, InformalRound, Notification
from herstel.notifications import inform_rvb, notify_sbk_tasks, sbk_ready
from herstel.permissions import may_record_decision, may_record_notification
from herstel.rules import (
    decision_date_problem,
    decision_withdrawal_refusal,
    forum_part_done,
    outcomes_for,
)
from herstel.selectors.actions import decision_facts
from herstel.selectors.records import raises_of, superseded_by
from herstel.services.documents import document_for_reference
from herstel.services.guards import capacities_of, locked, require_operation
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.withdrawal import withdraw


@transaction.atomic
def informal_round_record(
    *, actor: User, herstelactie: Herstelactie, held_on: date, participants: str, summary: str
) -> InformalRound:
    """Record an informal round before the formal decisions (optional, as often as needed)."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.RECORD_INFORMAL_ROUND)
    informal_round = InformalRound(
        herstelactie=herstelactie,
        held_on=held_on,
        participants=(participants or "").strip(),
        summary=(summary or "").strip(),
        recorded_by=actor,
    )
    informal_round.full_clean()
    informal_round.save()
    audit_event_record(
        event=INFORMAL_ROUND_RECORDED,
        actor=actor,
        target=herstelactie,
        changes={
            "participants": [None, informal_round.participants],
            "held_on": [None, held_on.isoformat()],
            "summary": [None, informal_round.summary],
        },
    )
    return informal_round


def _require_outcome(forum: Forum, mandate: str, outcome: str) -> None:
    allowed = outcomes_for(forum, Mandate(mandate))
    if outcome not in allowed:
        raise ValidationError(
            {
                "outcome": _("Met een mandaat %(mandate)s legt %(forum)s vast: %(allowed)s.")
                % {
                    "mandate": Mandate(mandate).label,
                    "forum": forum.label,
                    "allowed": ", ".join(str(o.label).lower() for o in allowed) or "–",
                }
            }
        )


def _decision_changes(decision: Decision) -> dict:
    return {
        "decision": [None, decision.pk],
        "forum": [None, decision.forum],
        "outcome": [None, decision.outcome],
        "decided_on": [None, decision.decided_on.isoformat()],
        "body": [None, decision.body],
        "document": [None, decision.document or None],
        **_document_file_change(decision),
    }


def _document_file_change(record: Decision | Notification) -> dict:
    """The uploaded document a new record refers to, for its event (nothing when none)."""
    if record.document_file_id is None:
        return {}
    return {"document_file": [None, _named(record.document_file)]}


def _named(document: ActionDocument | None) -> str | None:
    return str(document) if document is not None else None


def _require_plausible(decided_on: date | None, herstelactie: Herstelactie) -> None:
    problem = decision_date_problem(
        decided_on, wrong_since=herstelactie.wrong_since, today=timezone.localdate()
    )
    if problem:
        raise ValidationError({"decided_on": problem})


@transaction.atomic
def decision_record(
    *,
    actor: User,
    herstelactie: Herstelactie,
    forum: str,
    outcome: str,
    body: str,
    decided_on: date,
    document: str = "",
    document_file: ActionDocument | None = None,
) -> Decision:
    """Record a decision of the DT (step 2A, by a DT member of the lead division), the RvB
    (step 2B, by an RvB member) or the minister (by SBK, once the action went to the minister).
    The outcome must fit the forum on the action's mandate path (ALLOWED_OUTCOMES).
    `document_file` is an uploaded document of the action it rests on (not withdrawn). The DT's
    decision (and its correction) is sent to the RvB members, asking them to take note: so the
    RvB is informed (issue 20)."""
    herstelactie = locked(herstelactie)
    forum = Forum(forum)
    if not may_record_decision(forum, capacities=capacities_of(actor, herstelactie)):
        raise PermissionDenied
    rule = FORUM_RULES[forum]
    if herstelactie.step != rule.step:
        raise ValidationError(
            _(
                "Besluiten van %(forum)s worden vastgelegd in %(step)s; de herstelactie staat in "
                "%(current)s."
            )
            % {
                "forum": forum.label,
                "step": rule.step.label,
                "current": herstelactie.get_step_display(),
            }
        )
    _require_outcome(forum, herstelactie.mandate, outcome)
    if forum_part_done(forum, herstelactie.mandate, decision_facts(herstelactie)):
        raise ValidationError(
            _(
                "%(forum)s heeft in deze stap al besloten of kennisgenomen. Klopt dat niet, "
                "corrigeer het dan bij de vastgelegde besluiten."
            )
            % {"forum": forum.label}
        )
    _require_plausible(decided_on, herstelactie)
    document_file = document_for_reference(herstelactie, document_file)
    sbk_before = sbk_ready(herstelactie)
    decision = Decision(
        herstelactie=herstelactie,
        forum=forum,
        outcome=Outcome(outcome),
        mandate=herstelactie.mandate,
        body=(body or "").strip(),
        decided_on=decided_on,
        document=(document or "").strip(),
        document_file=document_file,
        recorded_by=actor,
    )
    decision.full_clean()
    decision.save()
    audit_event_record(
        event=DECISION_RECORDED,
        actor=actor,
        target=herstelactie,
        changes=_decision_changes(decision),
    )
    if forum == Forum.DT:
        inform_rvb(herstelactie)
    notify_sbk_tasks(herstelactie, before=sbk_before)
    return decision


@transaction.atomic
def decision_correct(
    *,
    actor: User,
    decision: Decision,
    outcome: str,
    body: str,
    decided_on: date,
    reason: str,
    document: str = "",
    document_file: ActionDocument | None = None,
) -> Decision:
    """Correct a recorded decision: a new record that refers to the old one, with the reason.
    The old record stays as it was. Whoever records the forum's decisions corrects them; a record
    is corrected once (a later correction corrects the correction)."""
    herstelactie = locked(decision.herstelactie)
    decision = Decision.with_withdrawn.select_for_update().get(pk=decision.pk)
    forum = Forum(decision.forum)
    if not may_record_decision(forum, capacities=capacities_of(actor, herstelactie)):
        raise PermissionDenied
    if decision.is_withdrawn:
        raise ValidationError(
            _("Dit besluit is ingetrokken (%(summary)s); er valt niets te corrigeren.")
            % {"summary": decision.withdrawal_summary()}
        )
    if herstelactie.step not in AFTER_ADVICE:
        raise ValidationError(_("In stap 1 worden geen besluiten gecorrigeerd."))
    if Decision.objects.filter(corrects=decision).exists():
        raise ValidationError(_("Dit besluit is al gecorrigeerd; corrigeer zo nodig de correctie."))
    superseded = superseded_by(decision, raises_of(herstelactie))
    if superseded is not None:
        raise ValidationError(
            _(
                "Dit besluit is vervangen: het mandaat is daarna verhoogd naar %(mandate)s. Het "
                "wordt niet meer gecorrigeerd."
            )
            % {"mandate": superseded.label}
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden van de correctie.")})
    _require_outcome(forum, decision.mandate, outcome)
    _require_plausible(decided_on, herstelactie)
    document_file = document_for_reference(herstelactie, document_file)
    sbk_before = sbk_ready(herstelactie)
    correction = Decision(
        herstelactie=herstelactie,
        forum=forum,
        outcome=Outcome(outcome),
        mandate=decision.mandate,
        body=(body or "").strip(),
        decided_on=decided_on,
        document=(document or "").strip(),
        document_file=document_file,
        corrects=decision,
        correction_reason=reason,
        recorded_by=actor,
    )
    correction.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            correction.save()
    except IntegrityError as exc:  # corrected concurrently by someone else
        raise ValidationError(_("Dit besluit is intussen al gecorrigeerd.")) from exc
    old = {
        "outcome": decision.outcome,
        "decided_on": decision.decided_on.isoformat(),
        "body": decision.body,
        "document": decision.document or None,
        "document_file": _named(decision.document_file),
    }
    new = {
        "outcome": correction.outcome,
        "decided_on": correction.decided_on.isoformat(),
        "body": correction.body,
        "document": correction.document or None,
        "document_file": _named(correction.document_file),
    }
    changes = {key: [old[key], value] for key, value in new.items() if old[key] != value}
    audit_event_record(
        event=DECISION_CORRECTED,
        actor=actor,
        target=herstelactie,
        changes={
            "decision": [decision.pk, correction.pk],
            "forum": [forum.value, forum.value],
            **changes,
        },
        reason=reason,
    )
    if forum == Forum.DT:
        inform_rvb(herstelactie)
    notify_sbk_tasks(herstelactie, before=sbk_before)
    return correction


@transaction.atomic
def decision_withdraw(*, actor: User, decision: Decision, reason: str) -> Decision:
    """Withdraw a decision recorded in error (a wrong action, never taken), with a reason
    (issue 17, "undo with a trace"): whoever records the forum's decisions, while the action is
    in step 2 (`herstel.rules.decision_withdrawal_refusal`).

    The corrections chain: only the standing record is withdrawn (one not replaced by a
    correction), and withdrawing it withdraws the records it corrected too, with the same
    reason: the decision was never taken, in any version. So no standing record ever refers to
    a withdrawn one, and a chain is never half withdrawn. The records stay, struck through in
    the decisions list and on the timeline with who, when and why; the step's obligations, the
    DT's part of 2A (its form is offered again), the moves, SBK's tasks, the work queue and the
    figures are recomputed without them (they read `Decision.objects`)."""
    herstelactie = locked(decision.herstelactie)
    decision = Decision.with_withdrawn.select_for_update().get(pk=decision.pk)
    forum = Forum(decision.forum)
    if not may_record_decision(forum, capacities=capacities_of(actor, herstelactie)):
        raise PermissionDenied
    refusal = decision_withdrawal_refusal(
        step=herstelactie.step,
        forum=forum,
        is_withdrawn=decision.is_withdrawn,
        is_corrected=Decision.objects.filter(corrects=decision).exists(),
    )
    if refusal:
        raise ValidationError(refusal, code="not_withdrawable")
    sbk_before = sbk_ready(herstelactie)
    changes = withdraw(decision, actor=actor, reason=reason, what=_("Dit besluit"))
    corrected = decision.corrects_id
    while corrected is not None:
        earlier = Decision.with_withdrawn.select_for_update().get(pk=corrected)
        if not earlier.is_withdrawn:
            withdraw(earlier, actor=actor, reason=decision.withdrawal_reason, what="")
        corrected = earlier.corrects_id
    audit_event_record(
        event=DECISION_WITHDRAWN,
        actor=actor,
        target=herstelactie,
        changes={
            "decision": [decision.pk, decision.pk],
            "forum": [forum.value, forum.value],
            **changes,
        },
        reason=decision.withdrawal_reason,
    )
    notify_sbk_tasks(herstelactie, before=sbk_before)
    return decision


@transaction.atomic
def notification_record(
    *,
    actor: User,
    herstelactie: Herstelactie,
    kind: str,
    informed_on: date,
    summary: str,
    document: str = "",
    document_file: ActionDocument | None = None,
    channel: str = "",
) -> Notification:
    """Record a notification: the RvB informed (by the lead division, with SBK), SZW informed
    (SBK), or SBK's note to the minister drafted with SZW (once the action went to the
    minister), with how (`channel`: e-mail, a meeting, a letter, by phone). `document_file` is
    an uploaded document of the action (not withdrawn), e.g. the note itself. The RvB is also
    informed in the app when the DT's decision is recorded; SZW is outside the app, so SBK
    records here how and when it was informed."""
    herstelactie = locked(herstelactie)
    kind = NotificationKind(kind)
    if not may_record_notification(kind, capacities=capacities_of(actor, herstelactie)):
        raise PermissionDenied
    if herstelactie.step not in NOTIFICATION_RULES[kind].steps:
        raise ValidationError(
            _("“%(kind)s” kan niet worden vastgelegd in %(step)s.")
            % {"kind": kind.label, "step": herstelactie.get_step_display()}
        )
    document_file = document_for_reference(herstelactie, document_file)
    sbk_before = sbk_ready(herstelactie)
    notification = Notification(
        herstelactie=herstelactie,
        kind=kind,
        informed_on=informed_on,
        summary=(summary or "").strip(),
        document=(document or "").strip(),
        document_file=document_file,
        channel=channel or "",
        recorded_by=actor,
    )
    notification.full_clean()
    notification.save()
    audit_event_record(
        event=NOTIFICATION_RECORDED,
        actor=actor,
        target=herstelactie,
        changes={
            "kind": [None, kind.value],
            "informed_on": [None, informed_on.isoformat()],
            "summary": [None, notification.summary],
            "document": [None, notification.document or None],
            **_document_file_change(notification),
            "channel": [None, notification.channel or None],
        },
    )
    notify_sbk_tasks(herstelactie, before=sbk_before)
    return notification
