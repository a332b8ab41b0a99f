"""Two-factor authentication is required for the Beheerder and the Coördinatieteam (and for
everyone with MFA_REQUIRED_FOR_ALL), and for /beheer/: such a user without an authenticator is
held on its set-up page until it is done; a session that gave no code is logged out. The API
with a token is not affected. (The suite runs with MFA switched off; these tests switch the
production defaults on.)"""

import pytest
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import PASSWORD, UserFactory
from tests.totp import authenticator_for, code_for
from uwvkms.constants import Role
from uwvkms.mfa import mfa_required, mfa_required_for
from uwvkms.services import api_token_create

PRODUCTION = {
    "MFA_REQUIRED_ROLES": ["Beheerder", "Coördinatieteam"],
    "MFA_REQUIRED_FOR_ADMIN": True,
}


@pytest.fixture(autouse=True)
def production_mfa():
    with override_settings(**PRODUCTION):
        yield


def test_the_production_defaults(monkeypatch):
    """Without the environment saying otherwise, the two roles and /beheer/ require MFA."""
    import importlib

    import uwvkms.settings

    for name in ("MFA_REQUIRED_ROLES", "MFA_REQUIRED_FOR_ALL", "MFA_REQUIRED_FOR_ADMIN"):
        monkeypatch.delenv(name, raising=False)
    fresh = importlib.reload(uwvkms.settings)
    try:
        assert [Role.BEHEERDER.value, Role.COORDINATIETEAM.value] == fresh.MFA_REQUIRED_ROLES
        assert fresh.MFA_REQUIRED_FOR_ADMIN is True
        assert fresh.MFA_REQUIRED_FOR_ALL is False
    finally:
        monkeypatch.undo()
        importlib.reload(uwvkms.settings)


@pytest.mark.parametrize(
    ("roles", "required_roles", "for_all", "required"),
    [
        ({"Beheerder"}, ["Beheerder", "Coördinatieteam"], False, True),
        ({"Coördinatieteam", "Toetser"}, ["Beheerder", "Coördinatieteam"], False, True),
        ({"Toetser"}, ["Beheerder", "Coördinatieteam"], False, False),
        (set(), ["Beheerder", "Coördinatieteam"], False, False),
        ({"Toetser"}, ["Beheerder", "Coördinatieteam"], True, True),
        (set(), [], True, True),
        ({"Beheerder"}, [], False, False),
    ],
)
def test_who_must_use_mfa(roles, required_roles, for_all, required):
    assert mfa_required(role_names=roles, required_roles=required_roles, for_all=for_all) is (
        required
    )


@pytest.mark.parametrize("persona", ["coordinator", "beheerder"])
def test_a_required_user_without_authenticator_is_led_to_the_set_up(request, client, db, persona):
    client.force_login(request.getfixturevalue(persona))

    for url in ("/", "/toetsing/", "/profiel/", reverse("password_change")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_setup"), url

    page = client.get(reverse("mfa_setup"))
    assert page.status_code == 200
    assert "tweestapsverificatie verplicht" in page.content.decode()
    assert client.get(reverse("mfa_overview")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_after_the_set_up_everything_is_reachable(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("mfa_setup"))
    key = client.session["uwvkms_mfa_setup_key"]
    assert client.post(reverse("mfa_setup"), {"code": code_for(key)}).status_code == 200

    assert client.get("/").status_code == 200
    assert client.get("/toetsing/").status_code == 200
    assert "QR-code" in page.content.decode()


def test_a_login_with_password_then_set_up_then_code_next_time(client, coordinator):
    response = client.post(
        reverse("login"), {"username": "coordinator", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("mfa_setup")
    key = client.session["uwvkms_mfa_setup_key"]
    client.post(reverse("mfa_setup"), {"code": code_for(key)})
    client.post(reverse("logout"))

    response = client.post(reverse("login"), {"username": "coordinator", "password": PASSWORD})
    assert response["Location"] == reverse("login_code")
    response = client.post(reverse("login_code"), {"code": code_for(key, steps_ahead=1)})
    assert response["Location"] == reverse("home")
    assert client.get("/").status_code == 200


def test_a_session_that_gave_no_code_is_logged_out(client, coordinator):
    """A user with an authenticator is never logged in without its code; a session that was
    (from before MFA, or made by hand) ends."""
    authenticator_for(coordinator)
    client.force_login(coordinator)

    response = client.get("/toetsing/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_a_role_without_the_requirement_is_not_held(client, auditor):
    client.force_login(auditor)
    assert client.get("/").status_code == 200
    assert not mfa_required_for(auditor)


def test_required_for_all(client, auditor):
    client.force_login(auditor)
    with override_settings(MFA_REQUIRED_FOR_ALL=True):
        assert mfa_required_for(auditor)
        assert client.get("/")["Location"] == reverse("mfa_setup")


def test_no_required_roles_holds_nobody(client, coordinator):
    client.force_login(coordinator)
    with override_settings(MFA_REQUIRED_ROLES=[]):
        assert client.get("/").status_code == 200


def test_the_api_with_the_session_is_refused_with_problem_details(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/api/v1/cycles/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["type"].endswith("mfa_required")


def test_the_api_with_a_token_is_not_affected(coordinator):
    _token, key = api_token_create(user=coordinator, name="script")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/cycles/").status_code == 200


def test_the_admin_asks_a_verified_session_of_a_superuser(client, db):
    admin = UserFactory(username="super", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/beheer/")["Location"] == reverse("mfa_setup")

    key = client.get(reverse("mfa_setup")) and client.session["uwvkms_mfa_setup_key"]
    client.post(reverse("mfa_setup"), {"code": code_for(key)})

    assert client.get("/beheer/").status_code == 200
    # The rest of the app does not ask it of a superuser without a required role.
    assert not mfa_required_for(admin)


def test_the_admin_without_the_setting_asks_nothing(client, db):
    admin = UserFactory(username="super", is_staff=True, is_superuser=True)
    client.force_login(admin)
    with override_settings(MFA_REQUIRED_FOR_ADMIN=False):
        assert client.get("/beheer/").status_code == 200


def test_the_login_page_stays_reachable(client, db):
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("password_reset")).status_code == 200


def test_a_misspelt_required_role_is_a_configuration_error():
    from uwvkms.checks import mfa_roles_check

    with override_settings(MFA_REQUIRED_ROLES=["Beheerder", "Coordinatieteam"]):
        [error] = mfa_roles_check(None)
    assert error.id == "uwvkms.E003"
    assert "Coordinatieteam" in error.msg
    assert mfa_roles_check(None) == []


def test_the_mfa_status_of_a_list_of_users(auditor, coordinator, django_assert_num_queries):
    from uwvkms.mfa import with_mfa_status
    from uwvkms.models import User

    authenticator_for(coordinator)
    with django_assert_num_queries(1):
        status = {u.username: u.has_mfa for u in with_mfa_status(User.objects.all())}
    assert status == {"auditor": False, "coordinator": True}


def test_a_login_with_a_uwv_account_is_not_held(client, coordinator):
    """MFA here is for local accounts: the identity provider asks its own second factor."""
    client.force_login(coordinator, backend="uwvkms.oidc.UwvOIDCBackend")
    assert client.get("/").status_code == 200
    client.force_login(coordinator, backend="uwvkms.oidc.LocalPasswordBackend")
    assert client.get("/")["Location"] == reverse("mfa_setup")
