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
