"""API test helpers: a client authenticated by a real personal token, and the problem-details
check every refusal uses."""

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from uwvkms.services import api_token_create

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


@pytest.fixture(autouse=True)
def _fresh_failure_counters():
    """Token-failure counters live in the cache; every test starts without any."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client_for(db):
    """`api_client_for(user)`: an APIClient sending a freshly created token of `user`
    (`api_client_for(None)`: an anonymous client)."""

    def make(user) -> APIClient:
        client = APIClient()
        if user is not None:
            _token, key = api_token_create(user=user, name="test")
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
        return client

    return make


def assert_problem(response, status: int) -> dict:
    """Assert a problem-details answer (RFC 9457) with `status`; returns its body."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    body = response.json()
    assert set(body) >= PROBLEM_KEYS, body
    assert body["status"] == status
    assert body["title"] and body["detail"]
    if "invalidParams" in body:
        for param in body["invalidParams"]:
            assert {"name", "code", "reason"} <= set(param), param
    return body
