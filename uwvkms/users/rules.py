"""The pure rules of user administration (issue 19 §2), table-tested in
tests/uwvkms/test_user_rules.py."""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from uwvkms.constants import Role, UserStatus


def user_status(
    *, is_active: bool, has_usable_password: bool, last_login: datetime.datetime | None
) -> UserStatus:
    """Where an account stands: deactivated (cannot log in) whatever else holds; invited while it
    has no password of its own and has never logged in (the invitation link sets one); otherwise
    active. An account that logs in through single sign-on has no password either, but it has
    logged in, so it is active."""
    if not is_active:
        return UserStatus.INACTIVE
    if not has_usable_password and last_login is None:
        return UserStatus.INVITED
    return UserStatus.ACTIVE


def own_account_refusal(
    *,
    actor_id: int,
    user_id: int,
    roles_after: Iterable[str] | None = None,
    deactivating: bool = False,
) -> str | None:
    """Why a Beheerder may not make this change to their own account, or None: they cannot
    deactivate themselves, nor take away their own Beheerder role (either would lock out the
    one who could undo it). Changes to someone else's account are never refused here."""
    if actor_id != user_id:
        return None
    if deactivating:
        return _("U kunt uw eigen account niet deactiveren.")
    if roles_after is not None and Role.BEHEERDER.value not in set(roles_after):
        return _("U kunt uw eigen rol Beheerder niet intrekken.")
    return None


def protected_account_refusal(
    *, actor_is_superuser: bool, is_staff: bool, is_superuser: bool
) -> str | None:
    """Why the Beheerder may not change this account at all, or None: an account with access to
    the admin (/beheer/: staff or superuser) is changed only by a superuser. Otherwise a
    Beheerder could take it over (a new e-mail address and a password reset, a reset of its
    MFA, a new invitation) and so gain more than their role gives."""
    if actor_is_superuser or not (is_staff or is_superuser):
        return None
    return _(
        "Dit account heeft toegang tot het beheer (/beheer/); alleen een superuser kan het "
        "wijzigen."
    )


# What single sign-on sets from the UWV account's claims at every login (uwvkms/sso.py).
CLAIM_FIELDS = frozenset({"first_name", "last_name", "email", "business_unit", "roles"})


def claims_refusal(*, oidc_subject: str | None, changed: Iterable[str]) -> str | None:
    """Why a change of these fields of an account is refused, or None: an account that logs in
    with its UWV account (`oidc_subject` set) gets its name, e-mail, unit and roles from that
    account at every login, so a change here would be undone at the next login."""
    if not oidc_subject or not CLAIM_FIELDS & set(changed):
        return None
    return claims_managed_message()


def claims_managed_message() -> str:
    """The one sentence that says why the fields of a UWV-account cannot be changed here."""
    return _(
        "Rollen, naam, e-mail en onderdeel komen uit het UWV-account en worden bij elke login "
        "daaruit overgenomen; wijzig ze daar."
    )
