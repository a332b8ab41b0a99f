"""The pure rules of user administration (uwvkms/users/rules.py), table by table."""

import datetime

import pytest

from uwvkms.constants import Role, UserStatus
from uwvkms.users.rules import (
    claims_refusal,
    own_account_refusal,
    protected_account_refusal,
    user_status,
)

WHEN = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("is_active", "usable", "last_login", "status"),
    [
        (True, True, WHEN, UserStatus.ACTIVE),
        (True, True, None, UserStatus.ACTIVE),  # a password set by the invitation, not used yet
        (True, False, None, UserStatus.INVITED),
        (True, False, WHEN, UserStatus.ACTIVE),  # single sign-on: no password, but logged in
        (False, True, WHEN, UserStatus.INACTIVE),
        (False, False, None, UserStatus.INACTIVE),  # deactivated wins over invited
    ],
)
def test_user_status(is_active, usable, last_login, status):
    assert (
        user_status(is_active=is_active, has_usable_password=usable, last_login=last_login)
        == status
    )


BEHEERDER, TOETSER = Role.BEHEERDER.value, Role.TOETSER.value


@pytest.mark.parametrize(
    ("actor_id", "user_id", "roles_after", "deactivating", "refused"),
    [
        (1, 1, [BEHEERDER, TOETSER], False, None),  # own name or e-mail, keeping Beheerder
        (1, 1, [TOETSER], False, "rol Beheerder"),  # own Beheerder role taken away
        (1, 1, [], False, "rol Beheerder"),
        (1, 1, None, True, "eigen account niet deactiveren"),
        (1, 1, None, False, None),  # reactivating oneself cannot happen, and is not refused here
        (1, 2, [], False, None),  # someone else's Beheerder role
        (1, 2, None, True, None),  # someone else deactivated
    ],
)
def test_own_account_refusal(actor_id, user_id, roles_after, deactivating, refused):
    refusal = own_account_refusal(
        actor_id=actor_id, user_id=user_id, roles_after=roles_after, deactivating=deactivating
    )
    if refused is None:
        assert refusal is None
    else:
        assert refused in refusal


@pytest.mark.parametrize(
    ("actor_is_superuser", "is_staff", "is_superuser", "refused"),
    [
        (False, False, False, False),  # an ordinary account: the Beheerder's to change
        (False, True, False, True),  # staff reaches /beheer/: only a superuser changes it
        (False, False, True, True),
        (False, True, True, True),
        (True, True, True, False),  # a superuser may
        (True, True, False, False),
        (True, False, False, False),
    ],
)
def test_protected_account_refusal(actor_is_superuser, is_staff, is_superuser, refused):
    refusal = protected_account_refusal(
        actor_is_superuser=actor_is_superuser, is_staff=is_staff, is_superuser=is_superuser
    )
    assert (refusal is not None) is refused
    if refused:
        assert "alleen een superuser" in refusal


@pytest.mark.parametrize(
    ("oidc_subject", "changed", "refused"),
    [
        ("", ["email", "roles"], False),  # a local account
        ("sub-1", [], False),
        ("sub-1", ["is_active"], False),  # deactivating is the Beheerder's, also for SSO
        ("sub-1", ["roles"], True),
        ("sub-1", ["first_name"], True),
        ("sub-1", ["last_name"], True),
        ("sub-1", ["email"], True),
        ("sub-1", ["business_unit"], True),
    ],
)
def test_claims_refusal(oidc_subject, changed, refused):
    refusal = claims_refusal(oidc_subject=oidc_subject, changed=changed)
    assert (refusal is not None) is refused
    if refused:
        assert refusal.startswith("Rollen, naam, e-mail en onderdeel komen uit het UWV-account")
