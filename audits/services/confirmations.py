"""Writes of the confirmation of interview records, per interviewee (issue 17; DOMAIN.md §2:
interviews count as evidence once the interviewees confirmed them).

Each interviewee confirms for themselves: a linked one in the app (`interview_answer_by_interviewee`),
an unlinked one by a confirmation the audit team records with its day and how it came in
(`interviewee_confirmation_record`). The record becomes confirmed when the last of them confirmed
(`audits.evidence_rules.interview_fully_confirmed`). Confirming is possible from fieldwork until
calibration closes (`confirmation_open`); when the cycle moves on, the requests still open lapse
(`interview_requests_close`). Each write is atomic and records its event."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.constants import (
    AUDIT_TEAM,
    RECORDED_CHANNELS,
    ConfirmationChannel,
    InterviewAction,
    InterviewActor,
    InterviewStatus,
)
from audits.events import (
    INTERVIEW_CORRECTION_REQUESTED,
    INTERVIEW_REQUEST_CLOSED,
    INTERVIEWEE_CONFIRMED,
)
from audits.evidence_rules import (
    confirmation_date_problem,
    confirmation_open,
    correction_open,
    interview_fully_confirmed,
    interview_next_status,
)
from audits.models import AuditCycle, Interview, Interviewee
from audits.notifications import (
    notify_interview_correction_requested,
    retract_interview_to_confirm,
)
from audits.selectors.capacities import require_audit_capacity
from audits.services.locks import cycle_lock
from uwvkms.dates import dutch
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import version_check

# The fields of an interviewee's confirmation, cleared together when a record is sent again.
CONFIRMATION_FIELDS = (
    "confirmed_on",
    "confirmed_via",
    "confirmation_recorded_by",
    "confirmation_recorded_at",
)
# An interviewee's confirmation cleared (a record sent again, or a request lapsed).
CONFIRMATION_CLEARED = {
    "confirmed_on": None,
    "confirmed_via": "",
    "confirmation_recorded_by": None,
    "confirmation_recorded_at": None,
}


def require_confirmation_open(cycle: AuditCycle) -> AuditCycle:
    """Lock `cycle` and refuse (in Dutch) once calibration has closed: a record can then no
    longer be confirmed, nor a correction asked."""
    cycle = cycle_lock(cycle.pk)
    if not confirmation_open(cycle.status):
        raise ValidationError(
            _(
                "Interviewverslagen van toetscyclus %(year)s kunnen niet meer worden bevestigd: "
                "de kalibratie is gesloten (de cyclus staat op %(status)s)."
            )
            % {"year": cycle.year, "status": cycle.get_status_display()}
        )
    return cycle


def locked_interview(interview: Interview) -> Interview:
    """Lock the record (withdrawn ones included, to say so) and refuse a withdrawn one. The
    cycle is locked first, as a phase move does (which then locks the interviews whose
    requests lapse): the same order everywhere, so the two never wait for each other."""
    cycle_lock(interview.cycle_id)
    interview = (
        Interview.with_withdrawn.select_for_update(of=("self",))
        .select_related("cycle")
        .get(pk=interview.pk)
    )
    if interview.is_withdrawn:
        raise ValidationError(
            _("Dit interview is ingetrokken (%(summary)s); er is niets gewijzigd.")
            % {"summary": interview.withdrawal_summary()}
        )
    return interview


def correction_closed_message() -> str:
    return _(
        "Na het veldwerk kan het verslag niet meer worden aangepast, dus ook geen correctie "
        "meer worden gevraagd. Klopt het verslag, bevestig het dan; anders telt het niet als "
        "bewijs. Bespreek het zo nodig met het toetsteam."
    )


def confirmation_label(person: Interviewee) -> str:
    """ "7 december 2026, per e-mail": an interviewee's confirmation as the history shows it."""
    return (
        f"{dutch(person.confirmed_on)}, {ConfirmationChannel(person.confirmed_via).label.lower()}"
    )


def _confirm(
    interview: Interview,
    person: Interviewee,
    *,
    actor: User,
    on: datetime.date,
    via: str,
) -> Interview:
    """Mark `person` confirmed and, when they were the last, the record confirmed (inside the
    caller's transaction, the record locked); one event with both."""
    if person.has_confirmed:
        raise ValidationError(
            _("%(name)s heeft dit verslag al bevestigd (%(when)s).")
            % {"name": person.name, "when": confirmation_label(person)}
        )
    now = timezone.now()
    person.confirmed_on, person.confirmed_via = on, via
    person.confirmation_recorded_by, person.confirmation_recorded_at = actor, now
    person.full_clean(exclude=["interview", "user"])
    person.save(update_fields=list(CONFIRMATION_FIELDS))
    changes: dict[str, list] = {f"confirmed.{person.name}": [None, confirmation_label(person)]}
    people = list(interview.interviewees.all())
    if interview_fully_confirmed([p.has_confirmed for p in people]):
        who = ", ".join(p.name for p in people)[:200]
        changes["status"] = [interview.status, InterviewStatus.BEVESTIGD]
        changes["confirmed_by"] = [interview.confirmed_by or None, who]
        changes["confirmed_at"] = [None, now.isoformat()]
        interview.status = InterviewStatus.BEVESTIGD
        interview.confirmed_by, interview.confirmed_at = who, now
        interview.full_clean()
        interview.save(
            update_fields=["status", "confirmed_by", "confirmed_at", *interview.touch(actor)]
        )
    # A partial confirmation leaves the record as it was (no new version): the others read
    # the same record and confirm it without a conflict.
    audit_event_record(event=INTERVIEWEE_CONFIRMED, actor=actor, target=interview, changes=changes)
    return interview


def _request_correction(interview: Interview, *, actor: User, remarks: str) -> Interview:
    remarks = remarks.strip()
    if not remarks:
        raise ValidationError(
            {"remarks": _("Beschrijf wat er in het verslag gecorrigeerd moet worden.")}
        )
    new_status = interview_next_status(
        interview.status, InterviewAction.REQUEST_CORRECTION, InterviewActor.INTERVIEWEE
    )
    changes = {
        "status": [interview.status, new_status],
        "correction_remarks": [interview.correction_remarks or None, remarks],
    }
    interview.status, interview.correction_remarks = new_status, remarks
    interview.full_clean()
    interview.save(update_fields=["status", "correction_remarks", *interview.touch(actor)])
    audit_event_record(
        event=INTERVIEW_CORRECTION_REQUESTED, actor=actor, target=interview, changes=changes
    )
    retract_interview_to_confirm(interview)  # back with the team: nobody is asked now
    return interview


@transaction.atomic
def interview_answer_by_interviewee(
    *,
    actor: User,
    interview: Interview,
    action: str,
    expected_version: int,
    remarks: str = "",
) -> Interview:
    """A linked interviewee answers a record sent to them, for themselves only: confirms it
    (their own confirmation, in the app, today; the record is confirmed once every interviewee
    confirmed) or asks for a correction (remarks required; the record goes back to the team).

    Only an interviewee linked to `actor`'s account may answer, once, and only the moves the
    tables allow an interviewee, while calibration is still open. `expected_version` is the
    version the interviewee read: if the record changed since, nothing changes and
    EditConflict says so."""
    # The interviewee acts on a record about themselves: the link is their authorisation.
    person = Interviewee.objects.filter(
        interview_id=interview.pk, user=actor, interview__withdrawn_at__isnull=True
    ).first()
    if person is None:
        raise PermissionDenied(
            _("Alleen een geïnterviewde die aan dit verslag is gekoppeld kan het beantwoorden.")
        )
    interview = locked_interview(interview)
    require_confirmation_open(interview.cycle)
    if action == InterviewAction.REQUEST_CORRECTION and not correction_open(interview.cycle.status):
        raise ValidationError(correction_closed_message())
    version_check(
        interview,
        expected_version=expected_version,
        what=_("Dit verslag"),
        state=lambda now: (
            _("Het staat nu op %(status)s (versie %(version)s).")
            % {"status": now.get_status_display(), "version": now.version}
        ),
        todo=_("Er is niets vastgelegd; lees de actuele versie en beantwoord die."),
    )
    # INTERVIEW_MOVERS says which moves are an interviewee's (confirm, ask for a correction).
    interview_next_status(interview.status, action, InterviewActor.INTERVIEWEE)
    person = Interviewee.objects.select_for_update().get(pk=person.pk)
    retract_interview_to_confirm(interview, user=actor)  # answered: nothing left to ask them
    if action == InterviewAction.CONFIRM:
        return _confirm(
            interview,
            person,
            actor=actor,
            on=timezone.localdate(),
            via=ConfirmationChannel.APP,
        )
    interview = _request_correction(interview, actor=actor, remarks=remarks)
    # A correction the audit team records itself (interview_transition) needs no message: the
    # team heard it. One asked in the app is news to the team.
    notify_interview_correction_requested(interview)
    return interview


@transaction.atomic
def interviewee_confirmation_record(
    *,
    actor: User,
    interview: Interview,
    interviewee: Interviewee,
    confirmed_on: datetime.date,
    confirmed_via: str,
) -> Interview:
    """The audit team records the confirmation of an interviewee without an account: the day
    they confirmed (not in the future, not before the interview) and how it came in (e-mail,
    in person, by phone, by letter). A linked interviewee confirms in the app themselves. The
    record is confirmed once every interviewee confirmed."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=interview.cycle, unit=interview.unit_id)
    interview = locked_interview(interview)
    require_confirmation_open(interview.cycle)
    if interview.status != InterviewStatus.TER_BEVESTIGING:
        raise ValidationError(
            _(
                "Dit verslag staat op %(status)s; een bevestiging wordt vastgelegd als het ter "
                "bevestiging staat."
            )
            % {"status": interview.get_status_display()}
        )
    person = (
        Interviewee.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(pk=interviewee.pk, interview=interview)
        .first()
    )
    if person is None:
        raise ValidationError(_("Kies een geïnterviewde van dit interview."))
    if person.confirms_in_app:
        raise ValidationError(
            _(
                "%(name)s heeft een account en bevestigt het verslag zelf in de app "
                "(onder “Ter bevestiging”)."
            )
            % {"name": person.name}
        )
    if confirmed_via not in RECORDED_CHANNELS:
        raise ValidationError(
            {"confirmed_via": _("Kies hoe de bevestiging binnenkwam.")}, code="invalid"
        )
    if confirmed_on is None:
        raise ValidationError({"confirmed_on": _("Vul de datum van de bevestiging in.")})
    problem = confirmation_date_problem(
        confirmed_on, held_on=interview.held_on, today=timezone.localdate()
    )
    if problem:
        raise ValidationError({"confirmed_on": problem})
    return _confirm(interview, person, actor=actor, on=confirmed_on, via=confirmed_via)


def interview_requests_close(*, actor: User, cycle: AuditCycle) -> int:
    """When calibration closes (the cycle moves on to the roll-up, `cycle_advance` with the
    coordination team's `actor`), the records still waiting for confirmation lapse: back to
    concept, the confirmations given so far cleared, one event each. No badge, queue line or
    button then leads to a refusal. Returns how many lapsed. Runs inside the caller's
    transaction, which authorised the actor and locked the cycle."""
    waiting = list(
        Interview.objects.select_for_update()
        .filter(cycle=cycle, status=InterviewStatus.TER_BEVESTIGING)
        .prefetch_related("interviewees")
    )
    for interview in waiting:
        given = {
            f"confirmed.{p.name}": [confirmation_label(p), None]
            for p in interview.interviewees.all()
            if p.has_confirmed
        }
        interview.interviewees.update(**CONFIRMATION_CLEARED)
        interview.status = InterviewStatus.CONCEPT
        interview.save(update_fields=["status", *interview.touch(actor)])
        retract_interview_to_confirm(interview)
        audit_event_record(
            event=INTERVIEW_REQUEST_CLOSED,
            actor=actor,
            target=interview,
            changes={"status": [InterviewStatus.TER_BEVESTIGING, InterviewStatus.CONCEPT], **given},
        )
    return len(waiting)
