"""Sessions end after 30 minutes without a request and 10 hours after login, whatever happens in
between; the user is sent to the login page and told why."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from audits.models import AuditCycle
from tests.factories import PASSWORD
from uwvkms.middleware import LAST_SEEN, LOGIN_AT


def _set_session(client, **values):
    """Write ISO timestamps into the server-side session, as the middleware stores them."""
    session = client.session
    for key, value in values.items():
        session[key] = value.isoformat()
    session.save()


def _assert_expired(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Uw sessie is verlopen" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_defaults_are_30_minutes_idle_and_10_hours_absolute():
    assert timedelta(minutes=30) == settings.SESSION_IDLE_TIMEOUT
    assert timedelta(hours=10) == settings.SESSION_ABSOLUTE_TIMEOUT


def test_login_records_login_time_and_last_seen(client, auditor):
    before = timezone.now()
    client.post(reverse("login"), {"username": "auditor", "password": PASSWORD})
    session = client.session
    assert session[LOGIN_AT] >= before.isoformat()
    assert session[LAST_SEEN] >= before.isoformat()


def test_recent_session_keeps_working_and_refreshes_last_seen(client, auditor):
    client.force_login(auditor)
    now = timezone.now()
    _set_session(
        client, **{LOGIN_AT: now - timedelta(hours=9), LAST_SEEN: now - timedelta(minutes=29)}
    )

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.context["user"] == auditor
    assert client.session[LAST_SEEN] >= now.isoformat()


def test_idle_session_is_logged_out(client, auditor):
    client.force_login(auditor)
    now = timezone.now()
    _set_session(
        client, **{LOGIN_AT: now - timedelta(hours=1), LAST_SEEN: now - timedelta(minutes=31)}
    )
    _assert_expired(client)


def test_session_past_absolute_timeout_is_logged_out_even_when_active(client, auditor):
    client.force_login(auditor)
    now = timezone.now()
    _set_session(client, **{LOGIN_AT: now - timedelta(hours=10, minutes=1), LAST_SEEN: now})
    _assert_expired(client)


def test_expired_post_is_not_processed(client, coordinator):
    """A form sent after the timeout must not be handled as the logged-in user."""
    client.force_login(coordinator)
    _set_session(client, **{LAST_SEEN: timezone.now() - timedelta(hours=1)})

    response = client.post(reverse("audits:cycle_open"), {"year": 2040})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not AuditCycle.objects.filter(year=2040).exists()


@pytest.mark.parametrize(
    ("timeout_setting", "login_age", "idle"),
    [
        ("SESSION_IDLE_TIMEOUT", timedelta(0), timedelta(minutes=6)),
        ("SESSION_ABSOLUTE_TIMEOUT", timedelta(minutes=6), timedelta(0)),
    ],
)
def test_timeouts_follow_settings(client, auditor, settings, timeout_setting, login_age, idle):
    """The middleware reads the settings per request, so an environment override takes effect."""
    setattr(settings, timeout_setting, timedelta(minutes=5))
    client.force_login(auditor)
    now = timezone.now()
    _set_session(client, **{LOGIN_AT: now - login_age, LAST_SEEN: now - idle})
    _assert_expired(client)


def test_unreadable_timestamp_ends_the_session(client, auditor):
    """A damaged timestamp must not silently restart the clock."""
    client.force_login(auditor)
    session = client.session
    session[LOGIN_AT] = "gisteren"
    session.save()
    _assert_expired(client)
