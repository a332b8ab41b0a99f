"""Writes of user administration (issue 19 §2). Each authorises its actor first (the Beheerder;
`require_role` refuses anyone else with PermissionDenied), runs in one transaction, and writes
its event-log row with who, old → new and why. A user is never deleted: deactivated, their
history stays and they cannot log in (Django's ModelBackend refuses an inactive user, at login
and for a session already open).

Edits are versioned (`uwvkms.versioning`): the form sends the version the Beheerder saw, and a
save on an account someone changed meanwhile is refused with the one `EditConflict`."""

import logging
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from uwvkms.changes import changes_between, created
from uwvkms.constants import HomeOrganisation, Role
from uwvkms.events import (
    USER_CREATED,
    USER_DEACTIVATED,
    USER_INVITATION_ACCEPTED,
    USER_INVITED,
    USER_REACTIVATED,
    USER_UPDATED,
)
from uwvkms.mail import task_enqueue_after_commit
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import require_role
from uwvkms.services import audit_event_record
from uwvkms.users.rules import claims_refusal, own_account_refusal, protected_account_refusal
from uwvkms.versioning import version_check

logger = logging.getLogger(__name__)

# Enqueued by name: the task module imports the mail module, which imports this package.
INVITATION_TASK = "uwvkms.tasks.invitation_email_task"
EMAIL_CHANGED_TASK = "uwvkms.tasks.email_changed_email_task"
WHAT = gettext_lazy("Deze gebruiker")


def _roles(names: Iterable[str]) -> list[str]:
    """The chosen roles as group names, in Role's order; an unknown name is refused."""
    names = set(names)
    unknown = names - set(Role.values)
    if unknown:
        raise ValidationError({"roles": _("Onbekende rol: %(r)s.") % {"r": ", ".join(unknown)}})
    return [role.value for role in Role if role.value in names]


def _groups(names: list[str]) -> list[Group]:
    # The groups come from migrations; get_or_create, as the demo does, for a flushed database.
    return [Group.objects.get_or_create(name=name)[0] for name in names]


def _roles_of(user: User) -> list[str]:
    held = set(user.groups.values_list("name", flat=True))
    return [role.value for role in Role if role.value in held]


def _snapshot(user: User, roles: list[str]) -> dict:
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "business_unit": user.business_unit,
        "home_organisation": user.home_organisation,
        "roles": roles,
    }


def _home_organisation(value: str) -> str:
    """An auditor's home organisation as chosen (issue 21 §6); an unknown value is refused."""
    if value not in HomeOrganisation.values:
        raise ValidationError(
            {"home_organisation": _("Kies BC&K, FEZ of laat de thuisorganisatie leeg.")}
        )
    return value


def _protected_account_check(*, actor: User, user: User) -> None:
    """Refuse (PermissionDenied) any change to an account with access to the admin (staff or
    superuser) unless the actor is a superuser (`rules.protected_account_refusal`): a Beheerder
    must not take such an account over."""
    if refusal := protected_account_refusal(
        actor_is_superuser=actor.is_superuser,
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
    ):
        raise PermissionDenied(refusal)


def _email_unique(email: str, *, exclude_pk: int | None = None) -> None:
    others = User.objects.filter(email__iexact=email)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise ValidationError({"email": _("Er is al een gebruiker met dit e-mailadres.")})


@transaction.atomic
def user_create(
    *,
    actor: User,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    business_unit: BusinessUnit | None,
    roles: Iterable[str],
    invite: bool = True,
    home_organisation: str = "",
) -> User:
    """Create a local account with its name, e-mail, unit and roles in one go. It has no
    password: with `invite` the user gets a one-time link by e-mail to set their own
    (`user_invite`); without, they are invited later. An auditor's home organisation (BC&K or
    FEZ) may be set with it. (Someone who logs in with their UWV
    account needs no account made here: single sign-on makes it at their first login, and one
    made here would be a second account, not theirs.)"""
    require_role(actor, Role.BEHEERDER)
    roles = _roles(roles)
    home_organisation = _home_organisation(home_organisation)
    username, email = username.strip(), email.strip()
    if not email:
        raise ValidationError({"email": _("Vul het e-mailadres in.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Deze gebruikersnaam is al in gebruik.")})
    _email_unique(email)
    user = User(
        username=username,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email,
        business_unit=business_unit,
        home_organisation=home_organisation,
        updated_by=actor,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.groups.set(_groups(roles))
    audit_event_record(
        event=USER_CREATED,
        actor=actor,
        target=user,
        changes=created({"username": user.username, **_snapshot(user, roles)}),
    )
    if invite:
        _invite(actor=actor, user=user)
    return user


def _invite(*, actor: User, user: User) -> None:
    # A new unusable password makes every earlier invitation link useless (invitation.py).
    user.set_unusable_password()
    user.save(update_fields=["password"])
    audit_event_record(event=USER_INVITED, actor=actor, target=user, changes={"email": user.email})
    # After the commit (the user must exist); a queue that refuses is logged, and the Beheerder
    # sees the account still invited and sends again.
    task_enqueue_after_commit(INVITATION_TASK, user_id=user.pk)


@transaction.atomic
def user_invite(*, actor: User, user: User) -> User:
    """Send an invited user (a new) one-time link to set their own password; earlier links stop
    working. Only for an active account that has no password and never logged in, and not for
    an account with access to the admin unless the actor is a superuser."""
    require_role(actor, Role.BEHEERDER)
    user = User.objects.select_for_update().get(pk=user.pk)
    _protected_account_check(actor=actor, user=user)
    if not user.is_active:
        raise ValidationError(_("Een gedeactiveerde gebruiker kan niet worden uitgenodigd."))
    if user.has_usable_password() or user.last_login is not None:
        raise ValidationError(_("Deze gebruiker heeft al een eigen wachtwoord."))
    if not user.email:
        raise ValidationError(_("Deze gebruiker heeft geen e-mailadres."))
    _invite(actor=actor, user=user)
    return user


@transaction.atomic
def user_update(
    *,
    actor: User,
    user: User,
    expected_version: int,
    first_name: str,
    last_name: str,
    email: str,
    business_unit: BusinessUnit | None,
    roles: Iterable[str],
    reason: str = "",
    home_organisation: str | None = None,
) -> dict[str, list]:
    """Change an account's name, e-mail, unit, home organisation (BC&K or FEZ, for an auditor;
    None leaves it as it is) and roles; returns what changed (old → new). A
    change of roles needs a reason, recorded with it. A Beheerder cannot take away their own
    Beheerder role. A save on a version someone else changed meanwhile is refused
    (EditConflict); a save that changes nothing stores nothing.

    Refused: any change to an account with access to the admin unless the actor is a superuser
    (PermissionDenied), and a change of the fields an account that logs in with its UWV account
    gets from it at every login (`rules.claims_refusal`). When the e-mail address changes, the
    old address is told (after the commit, by the task worker)."""
    require_role(actor, Role.BEHEERDER)
    roles = _roles(roles)
    user = User.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=user.pk)
    _protected_account_check(actor=actor, user=user)
    version_check(user, expected_version=expected_version, what=WHAT)
    if refusal := own_account_refusal(actor_id=actor.pk, user_id=user.pk, roles_after=roles):
        raise ValidationError({"roles": refusal})
    email = email.strip()
    if not email:
        raise ValidationError({"email": _("Vul het e-mailadres in.")})
    before = _snapshot(user, _roles_of(user))
    after = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "email": email,
        "business_unit": business_unit,
        "home_organisation": (
            user.home_organisation
            if home_organisation is None
            else _home_organisation(home_organisation)
        ),
        "roles": roles,
    }
    changes = changes_between(before, after)
    if not changes:
        return {}
    if refusal := claims_refusal(oidc_subject=user.oidc_subject, changed=changes):
        raise ValidationError(refusal)
    reason = reason.strip()
    if "roles" in changes and not reason:
        raise ValidationError({"reason": _("Geef de reden van de wijziging van de rollen.")})
    if "email" in changes:
        _email_unique(email, exclude_pk=user.pk)
    fields = [field for field in changes if field != "roles"]
    for field in fields:
        setattr(user, field, after[field])
    touched = user.touch(actor)
    user.full_clean()
    user.save(update_fields=[*fields, *touched])
    if "roles" in changes:
        user.groups.set(_groups(roles))
    audit_event_record(event=USER_UPDATED, actor=actor, target=user, changes=changes, reason=reason)
    if "email" in changes and before["email"]:
        task_enqueue_after_commit(EMAIL_CHANGED_TASK, user_id=user.pk, old_address=before["email"])
    return changes


def _set_active(
    *, actor: User, user: User, expected_version: int, reason: str, is_active: bool
) -> User:
    require_role(actor, Role.BEHEERDER)
    user = User.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=user.pk)
    _protected_account_check(actor=actor, user=user)
    version_check(user, expected_version=expected_version, what=WHAT)
    if refusal := own_account_refusal(
        actor_id=actor.pk, user_id=user.pk, deactivating=not is_active
    ):
        raise ValidationError(refusal)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden.")})
    if user.is_active == is_active:
        raise ValidationError(
            _("Deze gebruiker is al actief.")
            if is_active
            else _("Deze gebruiker is al gedeactiveerd.")
        )
    user.is_active = is_active
    touched = user.touch(actor)
    user.save(update_fields=["is_active", *touched])
    audit_event_record(
        event=USER_REACTIVATED if is_active else USER_DEACTIVATED,
        actor=actor,
        target=user,
        changes={"is_active": [not is_active, is_active]},
        reason=reason,
    )
    return user


@transaction.atomic
def user_deactivate(*, actor: User, user: User, expected_version: int, reason: str) -> User:
    """Deactivate an account, with a reason: the user cannot log in any more (an open session
    ends at its next request) and their API tokens are refused; nothing is deleted, their history
    stays. A Beheerder cannot deactivate themselves, nor an account with access to the admin
    unless they are a superuser (PermissionDenied)."""
    return _set_active(
        actor=actor, user=user, expected_version=expected_version, reason=reason, is_active=False
    )


@transaction.atomic
def user_reactivate(*, actor: User, user: User, expected_version: int, reason: str) -> User:
    """Make a deactivated account active again, with a reason; they log in as before. Refused
    for an account with access to the admin unless the actor is a superuser."""
    return _set_active(
        actor=actor, user=user, expected_version=expected_version, reason=reason, is_active=True
    )


@transaction.atomic
def invitation_accept(*, user: User, password: str) -> User:
    """The invited user sets their own password through the invitation link (which
    `invitation.invited_user` checked): Django's password validators apply, and the link is
    spent. Recorded with the user as the actor; no Beheerder is involved."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active or user.has_usable_password():
        raise ValidationError(_("Deze uitnodiging is niet meer geldig."))
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_event_record(event=USER_INVITATION_ACCEPTED, actor=user, target=user)
    return user
