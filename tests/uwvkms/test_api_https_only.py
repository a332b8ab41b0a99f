"""As deployed, plain HTTP to /api/ is refused with problem details (403), not redirected: a
token sent over HTTP is already exposed, and a client must not silently follow a redirect. The
pages still redirect to HTTPS."""

import pytest


@pytest.fixture(autouse=True)
def _production_redirect(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def test_api_over_http_is_a_problem_403(client, db):
    response = client.get("/api/v1/cycles/", HTTP_AUTHORIZATION="Bearer uwv_abc")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 403 and "HTTPS" in body["detail"]
    assert "Location" not in response


def test_api_over_https_behind_the_proxy_passes(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/api/v1/cycles/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200


def test_pages_over_http_are_still_redirected(client, db):
    response = client.get("/inloggen/")
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
