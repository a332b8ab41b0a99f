"""django-axes locks a username from one address after five failed logins; an address that failed
LOGIN_ADDRESS_FAILURE_LIMIT times (password spraying: many usernames) is locked as a whole.
django-axes 8 answers a locked attempt with HTTP 429 (Too Many Requests) and our Dutch lockout
page."""

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from uwvkms.lockout import address_locked

LOCKED = 429


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def _fail_until_locked(client, username, ip="10.0.0.1"):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, username, "verkeerd-wachtwoord", ip)


def test_failure_limit_is_five():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.LOGIN_ADDRESS_FAILURE_LIMIT == 50


@pytest.mark.parametrize(
    ("failures", "limit", "locked"),
    [(0, 50, False), (49, 50, False), (50, 50, True), (51, 50, True)],
)
def test_address_lock_rule(failures, limit, locked):
    assert address_locked(failures, limit) is locked


def test_spraying_many_usernames_from_one_address_locks_the_address(client, auditor, settings):
    """Four wrong passwords for each of many usernames never reach the per-user limit; the
    address as a whole does, and then even a right password from it is refused, while the same
    user elsewhere logs in."""
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    statuses = [
        _login(client, name, "Zomer2025!").status_code
        for name in ("anna", "bert", "carla")
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1)
    ]
    # The twelfth failure reaches the address limit: that answer is the lockout.
    assert statuses == [200] * 11 + [LOCKED]

    response = _login(client, "auditor", PASSWORD)

    assert response.status_code == LOCKED
    assert "Tijdelijk geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert _login(client, "auditor", PASSWORD, ip="10.0.0.2").status_code == 302


def test_below_the_address_limit_others_from_that_address_log_in(client, auditor, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 12
    for name in ("anna", "bert"):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            _login(client, name, "Zomer2025!")

    assert _login(client, "auditor", PASSWORD).status_code == 302


def test_four_failures_do_not_lock(client, auditor):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "auditor", "verkeerd-wachtwoord")
        assert response.status_code == 200
        assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()

    response = _login(client, "auditor", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(auditor.pk)


def test_after_five_failures_even_the_correct_password_is_refused(client, auditor):
    _fail_until_locked(client, "auditor")

    response = _login(client, "auditor", PASSWORD)

    assert response.status_code == LOCKED
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Tijdelijk geblokkeerd" in content
    assert "te vaak een verkeerd wachtwoord" in content
    assert "Probeer het over 15 minuten opnieuw" in content
    assert "_auth_user_id" not in client.session
    assert AccessAttempt.objects.get(username="auditor").failures_since_start >= 5


def test_lockout_page_has_the_security_headers(client, auditor):
    _fail_until_locked(client, "auditor")

    response = _login(client, "auditor", PASSWORD)

    assert response.status_code == LOCKED
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_other_user_from_same_address_can_still_log_in(client, auditor, coordinator):
    _fail_until_locked(client, "auditor")

    response = _login(client, "coordinator", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_same_user_from_another_address_can_still_log_in(client, auditor):
    """The lock is per username and address: an attacker elsewhere cannot lock a colleague out."""
    _fail_until_locked(client, "auditor", ip="10.0.0.1")

    response = _login(client, "auditor", PASSWORD, ip="10.0.0.2")

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(auditor.pk)


def test_successful_login_resets_the_failure_count(client, auditor):
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "auditor", "verkeerd-wachtwoord")
    assert _login(client, "auditor", PASSWORD).status_code == 302
    client.post(reverse("logout"))

    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "auditor", "verkeerd-wachtwoord")
    assert _login(client, "auditor", PASSWORD).status_code == 302


def test_unknown_usernames_are_locked_too(client, db):
    """Guessing usernames is limited in the same way; the page does not reveal whether the
    account exists."""
    UserFactory(username="bestaat")
    _fail_until_locked(client, "bestaat-niet")
    _fail_until_locked(client, "bestaat")

    unknown = _login(client, "bestaat-niet", PASSWORD)
    known = _login(client, "bestaat", PASSWORD)

    assert unknown.status_code == known.status_code == LOCKED
    assert "bestaat" not in unknown.content.decode()
