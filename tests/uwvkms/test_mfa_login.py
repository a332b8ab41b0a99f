"""A login of a user with an authenticator takes two steps: the password, then a code from the
app or a recovery code (used once). A wrong code counts for the login lockout like a wrong
password; the admin's own password-only login is not a way around it."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import PASSWORD
from tests.totp import authenticator_for, code_for
from uwvkms.mfa import mfa_recovery_codes_regenerate

LOCKED = 429


@pytest.fixture
def device(auditor):
    return authenticator_for(auditor)


def _password(client, username="auditor", ip="10.0.0.1", next_url=None):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data, REMOTE_ADDR=ip)


def _code(client, code, ip="10.0.0.1"):
    return client.post(reverse("login_code"), {"code": code}, REMOTE_ADDR=ip)


def test_the_password_alone_does_not_log_in_a_user_with_an_authenticator(client, device):
    response = _password(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("login_code")
    assert "_auth_user_id" not in client.session
    page = client.get(reverse("login_code"))
    assert page.status_code == 200
    assert "Verificatiecode" in page.content.decode()
    # Nothing else is reachable yet.
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))


def test_the_right_code_logs_in_and_verifies_the_session(client, auditor, device):
    _password(client, next_url="/toetsing/")

    response = _code(client, code_for(device.key))

    assert response.status_code == 302
    assert response["Location"] == "/toetsing/"
    assert client.session["_auth_user_id"] == str(auditor.pk)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("home")).status_code == 200


def test_a_wrong_code_is_refused_and_nothing_is_logged_in(client, auditor, device):
    _password(client)

    response = _code(client, "000000" if code_for(device.key) != "000000" else "111111")

    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="auditor").failures_since_start == 1


def test_a_code_is_not_accepted_twice(client, auditor, device):
    code = code_for(device.key)
    _password(client)
    assert _code(client, code).status_code == 302
    client.post(reverse("logout"))

    _password(client)
    response = _code(client, code)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_wrong_codes_lock_the_login_like_wrong_passwords(client, auditor, device):
    """Four wrong passwords and one wrong code make the five failures of the lockout: from then
    on even the right password and code are refused."""
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(
            reverse("login"), {"username": "auditor", "password": "fout"}, REMOTE_ADDR="10.0.0.1"
        )
    _password(client)

    locked = _code(client, "abcdefgh")

    assert locked.status_code == LOCKED
    assert "Tijdelijk geblokkeerd" in locked.content.decode()
    assert _password(client).status_code == LOCKED
    assert "_auth_user_id" not in client.session


def test_a_locked_user_gets_the_lockout_page_at_the_code_step(client, auditor, device):
    _password(client)
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _code(client, "abcdefgh")
    assert _code(client, "abcdefgh").status_code == LOCKED

    # The pending login is gone: the code step sends back to the password.
    response = _code(client, code_for(device.key))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_a_recovery_code_logs_in_once(client, auditor, device):
    codes = mfa_recovery_codes_regenerate(user=auditor)
    _password(client)

    response = _code(client, codes[0].upper())

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(auditor.pk)
    assert "nog 9" in client.get(reverse("home")).content.decode()
    client.post(reverse("logout"))
    _password(client)
    again = _code(client, codes[0])
    assert again.status_code == 200
    assert "_auth_user_id" not in client.session


def test_the_code_step_expires(client, auditor, device):
    _password(client)
    session = client.session
    pending = session["uwvkms_mfa_pending"]
    pending["at"] = (timezone.now() - datetime.timedelta(minutes=6)).isoformat()
    session["uwvkms_mfa_pending"] = pending
    session.save()

    response = _code(client, code_for(device.key))

    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


def test_the_code_step_without_a_password_goes_to_the_login(client, db):
    response = client.get(reverse("login_code"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")


def test_a_user_without_an_authenticator_logs_in_with_the_password(client, auditor):
    response = _password(client)
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(auditor.pk)


def test_the_admin_login_is_the_apps_login(client, db):
    response = client.get("/beheer/login/?next=/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=/beheer/" in response["Location"].replace("%2F", "/")
    # Its password form is not there to post to.
    posted = client.post("/beheer/login/", {"username": "x", "password": "y"})
    assert posted.status_code == 302
