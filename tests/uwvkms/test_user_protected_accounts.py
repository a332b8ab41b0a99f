"""Review of issue 19: a Beheerder cannot take over an account with access to the admin (staff or
superuser: only a superuser changes it, and the pages say so instead of offering it); the old
address is told when an e-mail address changes and the user when their MFA is reset; an account
that logs in with its UWV account is marked and its claim fields are not edited here."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory
from tests.totp import authenticator_for
from uwvkms.constants import Role
from uwvkms.mfa import mfa_reset
from uwvkms.models import AuditEvent, User
from uwvkms.users.services import (
    user_deactivate,
    user_invite,
    user_reactivate,
    user_update,
)

SUPERUSER_ONLY = "alleen een superuser"
CLAIMS = "Rollen, naam, e-mail en onderdeel komen uit het UWV-account"


@pytest.fixture(params=["staff", "superuser"])
def admin_account(request, fez):
    flags = {"is_staff": True, "is_superuser": request.param == "superuser"}
    if request.param == "superuser":
        flags["is_staff"] = False  # a superuser without the staff flag is protected too
    return UserFactory(username="beheer.account", business_unit=fez, roles=[Role.TOETSER], **flags)


@pytest.fixture
def superuser_beheerder(fez):
    return UserFactory(
        username="super",
        business_unit=fez,
        roles=[Role.BEHEERDER],
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def sso_user(fez):
    user = UserFactory(
        username="sso.gebruiker", business_unit=fez, roles=[Role.TOETSER], oidc_subject="sub-42"
    )
    user.set_unusable_password()
    user.save()
    return user


def _update(actor, user, **changes):
    user = User.objects.get(pk=user.pk)
    values = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "business_unit": user.business_unit,
        "roles": list(user.groups.values_list("name", flat=True)),
        "reason": "",
        "expected_version": user.version,
        **changes,
    }
    return user_update(actor=actor, user=user, **values)


# --- the refusals -------------------------------------------------------------------------------


def test_a_beheerder_cannot_change_the_address_of_an_admin_account(beheerder, admin_account):
    with pytest.raises(PermissionDenied, match=SUPERUSER_ONLY):
        _update(beheerder, admin_account, email="aanvaller@example.invalid")
    assert User.objects.get(pk=admin_account.pk).email == "beheer.account@example.invalid"


def test_a_beheerder_cannot_change_the_roles_of_an_admin_account(beheerder, admin_account):
    with pytest.raises(PermissionDenied):
        _update(beheerder, admin_account, roles=[Role.BEHEERDER.value], reason="Waarom niet")
    assert not User.objects.get(pk=admin_account.pk).has_role(Role.BEHEERDER)


def test_a_beheerder_cannot_deactivate_or_reactivate_an_admin_account(beheerder, admin_account):
    with pytest.raises(PermissionDenied):
        user_deactivate(actor=beheerder, user=admin_account, expected_version=1, reason="Weg")
    assert User.objects.get(pk=admin_account.pk).is_active
    User.objects.filter(pk=admin_account.pk).update(is_active=False)
    with pytest.raises(PermissionDenied):
        user_reactivate(actor=beheerder, user=admin_account, expected_version=1, reason="Terug")
    assert not User.objects.get(pk=admin_account.pk).is_active


def test_a_beheerder_cannot_invite_an_admin_account(
    beheerder, admin_account, django_capture_on_commit_callbacks
):
    admin_account.set_unusable_password()
    admin_account.save()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        user_invite(actor=beheerder, user=admin_account)
    assert not mail.outbox
    assert not AuditEvent.objects.filter(event="uwvkms.user.invited").exists()


def test_a_beheerder_cannot_reset_the_mfa_of_an_admin_account(beheerder, admin_account):
    authenticator_for(admin_account)
    with pytest.raises(PermissionDenied):
        mfa_reset(actor=beheerder, user=admin_account, reason="Telefoon kwijt")
    assert TOTPDevice.objects.filter(user=admin_account).exists()


def test_a_superuser_changes_an_admin_account(superuser_beheerder, admin_account):
    changes = _update(superuser_beheerder, admin_account, first_name="Anders")
    assert changes == {"first_name": [admin_account.first_name, "Anders"]}
    authenticator_for(admin_account)
    mfa_reset(actor=superuser_beheerder, user=admin_account, reason="Telefoon kwijt")
    user_deactivate(actor=superuser_beheerder, user=admin_account, expected_version=2, reason="Weg")
    assert not User.objects.get(pk=admin_account.pk).is_active


def test_the_pages_offer_no_change_of_an_admin_account(client, beheerder, admin_account):
    authenticator_for(admin_account)
    client.force_login(beheerder)

    page = client.get(reverse("user_detail", args=[admin_account.pk])).content.decode()

    assert SUPERUSER_ONLY in page
    assert reverse("user_edit", args=[admin_account.pk]) not in page
    assert reverse("user_deactivate", args=[admin_account.pk]) not in page
    assert reverse("user_mfa_reset", args=[admin_account.pk]) not in page
    edit = client.get(reverse("user_edit", args=[admin_account.pk]))
    assert edit.status_code == 200 and SUPERUSER_ONLY in edit.content.decode()
    assert 'name="email"' not in edit.content.decode()
    # A crafted post is refused all the same.
    posted = client.post(
        reverse("user_deactivate", args=[admin_account.pk]), {"reason": "Weg", "version": 1}
    )
    assert posted.status_code == 403
    assert User.objects.get(pk=admin_account.pk).is_active


def test_a_superuser_is_offered_the_changes(client, superuser_beheerder, admin_account):
    client.force_login(superuser_beheerder)
    page = client.get(reverse("user_detail", args=[admin_account.pk])).content.decode()
    assert SUPERUSER_ONLY not in page
    assert reverse("user_edit", args=[admin_account.pk]) in page
    assert reverse("user_deactivate", args=[admin_account.pk]) in page


# --- the mails ------------------------------------------------------------------------------------


def test_the_old_address_is_told_when_the_address_changes(
    beheerder, auditor, django_capture_on_commit_callbacks
):
    old = auditor.email
    with django_capture_on_commit_callbacks(execute=True):
        _update(beheerder, auditor, email="nieuw.adres@example.invalid")

    [message] = mail.outbox
    assert message.to == [old]
    assert message.subject == "Uw e-mailadres in uwvkms is gewijzigd"
    assert auditor.username in message.body and "functioneel beheerder" in message.body
    assert "nieuw.adres@example.invalid" not in message.body


def test_no_mail_when_the_address_stays(beheerder, auditor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _update(beheerder, auditor, first_name="Anders")
    assert not mail.outbox


def test_the_user_is_told_when_their_mfa_is_reset(
    beheerder, auditor, django_capture_on_commit_callbacks
):
    authenticator_for(auditor)
    with django_capture_on_commit_callbacks(execute=True):
        mfa_reset(actor=beheerder, user=auditor, reason="Telefoon kwijt")

    [message] = mail.outbox
    assert message.to == [auditor.email]
    assert message.subject == "Uw tweestapsverificatie in uwvkms is gereset"
    assert "authenticator-app" in message.body
    assert "Telefoon kwijt" not in message.body  # the reason stays in the event log


# --- UWV-accounts (single sign-on) -----------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [
        {"first_name": "Anders"},
        {"email": "ander@example.invalid"},
        {"business_unit": None},
        {"roles": [Role.COORDINATIETEAM.value], "reason": "Nieuwe taak"},
    ],
)
def test_the_claim_fields_of_a_uwv_account_are_not_edited_here(beheerder, sso_user, changes):
    before = User.objects.get(pk=sso_user.pk)
    with pytest.raises(ValidationError, match=CLAIMS):
        _update(beheerder, sso_user, **changes)
    after = User.objects.get(pk=sso_user.pk)
    assert (after.first_name, after.email, after.business_unit_id, after.version) == (
        before.first_name,
        before.email,
        before.business_unit_id,
        before.version,
    )
    assert after.has_role(Role.TOETSER) and not after.has_role(Role.COORDINATIETEAM)


def test_a_uwv_account_is_marked_and_not_offered_for_editing(client, beheerder, sso_user, auditor):
    client.force_login(beheerder)

    listed = client.get(reverse("user_list")).content.decode()
    assert listed.count("UWV-account") == 2  # the badge with its title, for sso_user only

    page = client.get(reverse("user_detail", args=[sso_user.pk])).content.decode()
    assert "UWV-account" in page and CLAIMS in page
    assert reverse("user_edit", args=[sso_user.pk]) not in page
    # Deactivating stays the Beheerder's.
    assert reverse("user_deactivate", args=[sso_user.pk]) in page

    edit = client.get(reverse("user_edit", args=[sso_user.pk])).content.decode()
    assert CLAIMS in edit and 'name="email"' not in edit
    # A local account's page is unchanged.
    local = client.get(reverse("user_detail", args=[auditor.pk])).content.decode()
    assert "UWV-account" not in local
    assert reverse("user_edit", args=[auditor.pk]) in local


def test_a_uwv_account_is_deactivated_by_the_beheerder(beheerder, sso_user):
    user_deactivate(actor=beheerder, user=sso_user, expected_version=1, reason="Uit dienst")
    assert not User.objects.get(pk=sso_user.pk).is_active
