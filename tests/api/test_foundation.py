"""The API's foundation: token authentication, refusals logged and rate limited, problem
details for every kind of error, the body limit, pagination cap, schema and docs."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from tests.api.conftest import assert_problem
from uwvkms.models import ApiToken, AuditEvent
from uwvkms.services import api_token_create, api_token_revoke

CYCLES = "/api/v1/cycles/"


def _bearer(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def test_anonymous_gets_401_problem(db):
    response = APIClient().get("/api/v1/schema/")
    body = assert_problem(response, 401)
    assert body["instance"] == "/api/v1/schema/"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_token_authenticates_and_notes_last_use(coordinator):
    token, key = api_token_create(user=coordinator, name="export")
    assert ApiToken.objects.get(pk=token.pk).key_hash != key
    assert key not in str(ApiToken.objects.filter(pk=token.pk).values().get())
    response = _bearer(key).get("/api/v1/schema/")
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("state", ["unknown", "revoked", "expired", "inactive"])
def test_refused_tokens_answer_401_and_are_logged(coordinator, state):
    token, key = api_token_create(user=coordinator, name="export")
    if state == "unknown":
        key = key[:-4] + "abcd"
    elif state == "revoked":
        api_token_revoke(actor=coordinator, token=token)
    elif state == "expired":
        ApiToken.objects.filter(pk=token.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=100),
            expires_at=timezone.now() - datetime.timedelta(days=1),
        )
    else:
        coordinator.is_active = False
        coordinator.save(update_fields=["is_active"])
    response = _bearer(key).get("/api/v1/schema/")
    assert_problem(response, 401)
    event = AuditEvent.objects.filter(event="uwvkms.api_token.refused").get()
    assert event.changes["reason"] == {"inactive": "user_inactive"}.get(state, state)
    assert event.changes["address"] == "127.0.0.1"


@override_settings(API_AUTH_FAILURE_LIMIT=3)
def test_token_failures_are_rate_limited_per_address(coordinator):
    _token, key = api_token_create(user=coordinator, name="export")
    bad = _bearer("uwv_wrong")
    for _ in range(3):
        assert_problem(bad.get("/api/v1/schema/"), 401)
    response = bad.get("/api/v1/schema/")
    assert_problem(response, 429)
    assert int(response["Retry-After"]) > 0
    # A valid key is never refused because others failed from the same address (integrations
    # share addresses behind NAT) ...
    assert _bearer(key).get("/api/v1/schema/").status_code == 200
    # ... while bad ones stay refused there, and another address is not affected.
    assert_problem(bad.get("/api/v1/schema/"), 429)
    assert_problem(bad.get("/api/v1/schema/", REMOTE_ADDR="10.0.0.9"), 401)


def test_session_login_works_too(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/api/v1/schema/").status_code == 200


def test_unknown_api_path_is_a_problem_404(api_client_for, coordinator):
    response = api_client_for(coordinator).get("/api/v1/bestaat-niet/")
    assert_problem(response, 404)


def test_docs_page_works_offline_under_the_csp(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    csp = response["Content-Security-Policy"]
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in html
    # Swagger UI comes from our own static files (drf-spectacular-sidecar), not a CDN.
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    # (The random nonce can itself contain "cdn": it is left out of the search.)
    assert "cdn" not in html.replace(nonce, "").lower()
    assert (
        client.get(
            "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"
        ).status_code
        == 200
    )


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer uwv_é", "bearer uwv_onbekend"])
def test_malformed_or_unknown_bearer_is_401(db, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header.encode("utf-8").decode("latin-1"))
    assert_problem(client.get("/api/v1/cycles/"), 401)


def test_another_scheme_is_not_a_token_login(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token uwv_x")
    assert_problem(client.get("/api/v1/cycles/"), 401)
    assert not AuditEvent.objects.filter(event="uwvkms.api_token.refused").exists()


def test_outsider_gets_403(api_client_for, outsider):
    assert_problem(api_client_for(outsider).get("/api/v1/cycles/"), 403)


def test_session_writes_need_the_csrf_token(db, coordinator, auditor, world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(auditor)
    score = world["scores"]["UIT"]
    response = client.patch(
        f"/api/v1/scores/{score.pk}/",
        '{"version": 1, "level": 4}',
        content_type="application/json",
    )
    assert_problem(response, 403)
    score.refresh_from_db()
    assert score.level == 3
