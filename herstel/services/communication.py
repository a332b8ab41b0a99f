"""Writes of the communication track, parallel to every step (DOMAIN.md §6, "Communication";
the process guide's "Communicatie"): Directie Communicatie declares an action an issue (or
withdraws that status) and designates its issuemanager; the issuemanager leads the
communication working group and writes the kapstokverhaal with the joint approach. The tasks
per discipline and the comments are in `communication_tasks`."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from herstel.constants import Operation
from herstel.events import (
    COMMUNICATION_MEMBER_ADDED,
    COMMUNICATION_MEMBER_REMOVED,
    ISSUE_MARKED,
    ISSUE_UNMARKED,
    ISSUEMANAGER_SET,
    KAPSTOK_SAVED,
    KAPSTOK_STATUS_CHANGED,
)
from herstel.models import CommunicationMember, Herstelactie, Kapstokverhaal, QuestionAnswer
from herstel.permissions import is_communicatie
from herstel.rules import kapstok_next_status
from herstel.services.guards import locked, require_operation
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import EditConflict, created_meanwhile


@transaction.atomic
def issue_set(
    *, actor: User, herstelactie: Herstelactie, is_issue: bool, reason: str = ""
) -> Herstelactie:
    """Directie Communicatie declares the action an issue (possibly large public impact: an
    issuemanager leads a communication working group and a kapstokverhaal), or withdraws that
    status; always with a reason, recorded old → new."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.SET_ISSUE)
    if herstelactie.is_issue == is_issue:
        return herstelactie
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden.")})
    herstelactie.is_issue = is_issue
    # Not a change of the action's own form: its version, author and time (which a conflict
    # message names together) stay as they are.
    herstelactie.save(update_fields=["is_issue"])
    audit_event_record(
        event=ISSUE_MARKED if is_issue else ISSUE_UNMARKED,
        actor=actor,
        target=herstelactie,
        changes={"is_issue": [not is_issue, is_issue]},
        reason=reason,
    )
    return herstelactie


def require_issue(herstelactie: Herstelactie) -> None:
    if not herstelactie.is_issue:
        raise ValidationError(
            _("Markeer de herstelactie eerst als issue; pas dan is er een communicatiespoor.")
        )


@transaction.atomic
def issuemanager_set(
    *, actor: User, herstelactie: Herstelactie, user: User, reason: str = ""
) -> Herstelactie:
    """Directie Communicatie designates `user` (who holds the role Communicatie (herstel)) as
    the issuemanager of this action; replacing one needs a reason."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.DESIGNATE_ISSUEMANAGER)
    require_issue(herstelactie)
    if not (user.is_active and is_communicatie(user)):
        raise ValidationError(
            {"user": _("Kies iemand met de rol Communicatie (herstel) als issuemanager.")}
        )
    old = herstelactie.issuemanager
    if old is not None and old.pk == user.pk:
        return herstelactie
    reason = (reason or "").strip()
    if old is not None and not reason:
        raise ValidationError({"reason": _("Geef een reden voor het wisselen van issuemanager.")})
    herstelactie.issuemanager = user
    # Like the issue status: not a change of the action's own form, its version stays.
    herstelactie.save(update_fields=["issuemanager"])
    audit_event_record(
        event=ISSUEMANAGER_SET,
        actor=actor,
        target=herstelactie,
        changes={"issuemanager": [str(old) if old else None, str(user)]},
        reason=reason,
    )
    return herstelactie


@transaction.atomic
def communication_member_add(
    *,
    actor: User,
    herstelactie: Herstelactie,
    function: str,
    name: str = "",
    user: User | None = None,
) -> CommunicationMember:
    """Add someone to the communication working group, by discipline."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_COMMUNICATION)
    require_issue(herstelactie)
    name = (name or "").strip() or (str(user) if user is not None else "")
    if not name:
        raise ValidationError({"name": _("Kies een gebruiker of vul een naam in.")})
    if (
        user is not None
        and CommunicationMember.objects.filter(herstelactie=herstelactie, user=user).exists()
    ):
        raise ValidationError(
            {"user": _("%(name)s zit al in de communicatiewerkgroep.") % {"name": user}}
        )
    member = CommunicationMember(herstelactie=herstelactie, function=function, name=name, user=user)
    member.full_clean(validate_constraints=False)
    member.save()
    audit_event_record(
        event=COMMUNICATION_MEMBER_ADDED,
        actor=actor,
        target=herstelactie,
        changes={"communication_member": [None, str(member)]},
    )
    return member


@transaction.atomic
def communication_member_remove(*, actor: User, member: CommunicationMember) -> None:
    herstelactie = locked(member.herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_COMMUNICATION)
    audit_event_record(
        event=COMMUNICATION_MEMBER_REMOVED,
        actor=actor,
        target=herstelactie,
        changes={"communication_member": [str(member), None]},
    )
    member.delete()


def _latest(herstelactie: Herstelactie) -> Kapstokverhaal | None:
    return (
        Kapstokverhaal.objects.filter(herstelactie=herstelactie)
        .select_related("created_by")
        .order_by("-version")
        .first()
    )


@transaction.atomic
def kapstok_save(
    *,
    actor: User,
    herstelactie: Herstelactie,
    expected_version: int,
    narrative: str,
    key_messages: str,
    questions_answers: Iterable[tuple[str, str]],
    joint_approach: str = "",
) -> Kapstokverhaal:
    """Save the kapstokverhaal as a new version (a version's text is never changed), starting
    as a concept. `expected_version` is the latest version the user saw (0 for none): when a
    newer one was saved since, EditConflict names who saved it and nothing is saved. A version
    is never changed, so the latest version's author and moment stand for "changed by"."""
    herstelactie = locked(herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_COMMUNICATION)
    require_issue(herstelactie)
    latest = _latest(herstelactie)
    current = latest.version if latest else 0
    what = _("Het kapstokverhaal")
    if expected_version != current:
        raise EditConflict(
            what,
            by=latest.created_by if latest else None,
            at=latest.created_at if latest else None,
            state=_("Versie %(version)s is nu de nieuwste.") % {"version": current},
        )
    pairs = [(q.strip(), a.strip()) for q, a in questions_answers if q.strip() or a.strip()]
    errors = {}
    if not (narrative or "").strip():
        errors["narrative"] = _("Schrijf het strategisch narratief.")
    if not (key_messages or "").strip():
        errors["key_messages"] = _("Geef ten minste één kernboodschap.")
    if any(not q or not a for q, a in pairs):
        errors["questions_answers"] = _("Geef bij elke vraag een antwoord, en andersom.")
    if errors:
        raise ValidationError(errors)
    version = Kapstokverhaal(
        herstelactie=herstelactie,
        version=current + 1,
        narrative=narrative.strip(),
        key_messages=key_messages.strip(),
        joint_approach=(joint_approach or "").strip(),
        created_by=actor,
    )
    version.full_clean(validate_constraints=False)
    with created_meanwhile(what):  # two saves of the same next version at once
        version.save()
    QuestionAnswer.objects.bulk_create(
        QuestionAnswer(kapstokverhaal=version, question=q, answer=a, order=index)
        for index, (q, a) in enumerate(pairs, start=1)
    )
    changes = {"version": [current or None, version.version]}
    if latest is None or latest.narrative != version.narrative:
        changes["narrative"] = [latest.narrative if latest else None, version.narrative]
    if latest is None or latest.key_messages != version.key_messages:
        changes["key_messages"] = [latest.key_messages if latest else None, version.key_messages]
    if (latest.joint_approach if latest else "") != version.joint_approach:
        changes["joint_approach"] = [
            (latest.joint_approach if latest else "") or None,
            version.joint_approach or None,
        ]
    old_pairs = [f"{qa.question} — {qa.answer}" for qa in latest.qas.all()] if latest else []
    new_pairs = [f"{q} — {a}" for q, a in pairs]
    if old_pairs != new_pairs:
        changes["questions_answers"] = [old_pairs or None, new_pairs]
    audit_event_record(event=KAPSTOK_SAVED, actor=actor, target=herstelactie, changes=changes)
    return version


@transaction.atomic
def kapstok_move(
    *, actor: User, kapstok: Kapstokverhaal, move: str, expected_status: str
) -> Kapstokverhaal:
    """Move the latest version of the kapstokverhaal: concept → ter afstemming → vastgesteld
    (or back to concept). Older versions keep their status."""
    herstelactie = locked(kapstok.herstelactie)
    require_operation(actor, herstelactie, Operation.EDIT_COMMUNICATION)
    kapstok = Kapstokverhaal.objects.select_for_update().get(pk=kapstok.pk)
    latest = _latest(herstelactie)
    if latest is None or latest.pk != kapstok.pk:
        raise ValidationError(_("Alleen de nieuwste versie van het kapstokverhaal kan verder."))
    if kapstok.status != expected_status:
        raise ValidationError(
            _("Deze versie staat intussen op %(status)s; er is niets gewijzigd.")
            % {"status": kapstok.get_status_display()}
        )
    new_status = kapstok_next_status(kapstok.status, move)
    old_status = kapstok.status
    kapstok.status = new_status
    kapstok.save(update_fields=["status"])
    audit_event_record(
        event=KAPSTOK_STATUS_CHANGED,
        actor=actor,
        target=herstelactie,
        changes={"version": [kapstok.version, kapstok.version], "status": [old_status, new_status]},
    )
    return kapstok
