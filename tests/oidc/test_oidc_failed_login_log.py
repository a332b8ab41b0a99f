"""A refused login with a UWV account is a failed login in the event log (issue 19 review,
finding 2), like a wrong password: with its reason, the user when known, and rate-limited the
same way. Through the real provider (tests/oidc/conftest.py)."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.core.cache import cache
from django.urls import reverse

from tests.oidc.flow import app_path, at_provider, sso_login, start
from tests.oidc.provider_accounts import TOETSER_SUBJECT
from uwvkms.events import LOGIN_FAILED
from uwvkms.models import AuditEvent, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    with requests.Session() as session:
        yield session


@pytest.fixture(autouse=True)
def _setup(uitkeren, fez):
    cache.clear()  # the rate limits' counts


def failures() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(event=LOGIN_FAILED).order_by("pk"))


def the_failure(reason: str) -> AuditEvent:
    [row] = failures()
    assert row.changes["method"] == "oidc"
    assert row.changes["reason"] == reason
    assert row.actor is None
    assert row.client_address == "127.0.0.1"
    return row


def _tampered(client, browser) -> str:
    step = at_provider(browser, start(client), "toetser")
    parts = urlsplit(step.url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query["state"] = query["state"][:-4] + "XXXX"
    return f"{parts.path}?{urlencode(query)}"


def test_a_tampered_state(client, provider, browser):
    assert client.get(_tampered(client, browser)).status_code == 400
    row = the_failure("state")
    assert row.object_type == "" and row.object_id == ""
    assert "state" in row.reason


def test_a_replayed_callback(client, provider, browser):
    step = at_provider(browser, start(client), "toetser")
    assert client.get(app_path(step.url)).status_code == 302
    client.post(reverse("logout"))
    assert failures() == []

    assert client.get(app_path(step.url)).status_code == 400
    the_failure("state")


def test_an_error_from_the_provider(client, provider):
    state = parse_qs(urlsplit(start(client)).query)["state"][0]
    query = urlencode({"error": "access_denied", "state": state})
    assert client.get(f"{reverse('oidc_callback')}?{query}").status_code == 400
    row = the_failure("provider_error")
    assert row.reason == "access_denied"


def test_an_expired_id_token(client, provider, browser, settings):
    settings.OIDC_RP_CLIENT_ID = "uwvkms-verlopen"  # its ID tokens expired before they arrive
    assert sso_login(client, browser, "toetser").status_code == 400
    row = the_failure("token")
    assert row.reason  # which check refused it
    assert "eyJ" not in row.reason  # never a token


def test_an_invalid_token_exchange(client, provider, browser, settings):
    settings.OIDC_RP_CLIENT_SECRET = "niet-het-geheim"  # noqa: S105
    assert sso_login(client, browser, "toetser").status_code == 400
    the_failure("token")


def test_an_inactive_user_is_named(client, provider, browser):
    sso_login(client, browser, "toetser")
    user = User.objects.get(oidc_subject=TOETSER_SUBJECT)
    client.post(reverse("logout"))
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert sso_login(client, browser, "toetser").status_code == 403
    row = the_failure("inactive")
    assert (row.object_type, row.object_id) == ("uwvkms.user", str(user.pk))
    assert row.changes["username"] == user.username


def test_a_new_user_without_role_is_named_by_the_provider(client, provider, browser):
    assert sso_login(client, browser, "geenrol").status_code == 403
    row = the_failure("no_role")
    assert row.object_type == ""  # no account was made
    assert row.changes["username"] == row.object_repr == "geenrol"


def test_a_user_whose_role_was_taken_away_is_named(client, provider, browser):
    sso_login(client, browser, "toetser")
    user = User.objects.get(oidc_subject=TOETSER_SUBJECT)
    client.post(reverse("logout"))
    provider.set_account("toetser", groups=[])

    assert sso_login(client, browser, "toetser").status_code == 403
    row = the_failure("no_role")
    assert (row.object_type, row.object_id) == ("uwvkms.user", str(user.pk))


def test_a_successful_login_records_no_failure(client, provider, browser):
    assert sso_login(client, browser, "toetser").status_code == 302
    assert failures() == []


def test_failures_are_rate_limited_like_passwords(client, provider, browser, settings):
    settings.SECURITY_LOG_LOGIN_LIMIT = 2
    state = parse_qs(urlsplit(start(client)).query)["state"][0]
    for _ in range(4):
        response = client.get(f"{reverse('oidc_callback')}?state={state}XX&code=x")
        assert response.status_code == 400  # every one refused
    assert len(failures()) == 2  # only the first two in the minute recorded
