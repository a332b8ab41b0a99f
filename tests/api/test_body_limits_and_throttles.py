"""Request bodies within each view's limit and request rates per user and per anonymous
address (issue 19 §4): 1 MB for an API call, 64 MB only for the dossier import (413 beyond,
from the declared length, before anything is read); a page takes its largest upload; DRF
throttles per user and per client address answer 429 with Retry-After."""

import json

import pytest
from django.urls import reverse

from audits.models import DocumentFile, DocumentType
from herstel.models import Dossier, Herstelactie
from tests.api.conftest import assert_problem
from tests.herstel.flow import go, start, to_execution

MB = 1024 * 1024


@pytest.fixture
def executing(db, adviser, dt_member, board_member):
    action = start(adviser)
    to_execution(action, adviser, dt_member, board_member)
    go(action, adviser)
    action.refresh_from_db()
    return action


def big_json(size: int) -> str:
    return json.dumps([{"reference": "HA-1", "status": "te_beoordelen", "x": "a" * size}])


def test_an_api_call_takes_1_mb(api_client_for, adviser):
    client = api_client_for(adviser)
    body = json.dumps({"title": "t" * (MB + 10)})
    response = client.post("/api/v1/herstelacties/", body, content_type="application/json")
    body = assert_problem(response, 413)
    assert body["title"] == "Verzoek te groot"
    assert not Herstelactie.objects.exists()
    # Under the limit it is read (and refused for its content, not its size).
    response = client.post("/api/v1/herstelacties/", {"title": "t" * 1000}, format="json")
    assert_problem(response, 400)


def test_the_dossier_import_takes_more(api_client_for, adviser, executing, settings):
    client = api_client_for(adviser)
    url = f"/api/v1/herstelacties/{executing.pk}/dossiers/"
    # 2 MB: over an ordinary call's limit, read by the import (a row with an unknown field).
    response = client.post(url, big_json(2 * MB), content_type="application/json")
    body = assert_problem(response, 400)
    assert body["invalidParams"][0]["name"].startswith("[0]")
    settings.IMPORT_MAX_BODY_BYTES = MB
    response = client.post(url, big_json(2 * MB), content_type="application/json")
    assert_problem(response, 413)
    assert not Dossier.objects.exists()


def test_a_declared_length_over_the_limit_is_refused_unread(api_client_for, adviser, executing):
    client = api_client_for(adviser)
    url = f"/api/v1/herstelacties/{executing.pk}/dossiers/"
    response = client.post(
        url, "[]", content_type="application/json", CONTENT_LENGTH=str(64 * MB + 1)
    )
    assert_problem(response, 413)
    assert response["Connection"] == "close"


def test_a_page_takes_its_largest_upload(client, auditor, cycle, uitkeren, settings):
    jaarplan = DocumentType.objects.get(name="Jaarplan")
    client.force_login(auditor)
    url = reverse("audits:document_file_upload", args=[cycle.year, uitkeren.pk, jaarplan.pk])
    response = client.post(url, {"file": ""}, CONTENT_LENGTH=str(settings.WEB_MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    page = response.content.decode()
    assert "Verzoek te groot" in page and "Er is niets opgeslagen" in page
    assert not DocumentFile.objects.exists()


@pytest.fixture
def low_rates(settings):
    settings.API_THROTTLE_RATES = {"user": "3/minute", "anon": "2/minute"}


def test_a_user_over_the_rate_gets_429(api_client_for, low_rates, adviser, other_adviser):
    client = api_client_for(adviser)
    for _ in range(3):
        assert client.get("/api/v1/herstelacties/").status_code == 200
    response = client.get("/api/v1/herstelacties/")
    assert_problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60
    # Per user: another user from the same address is not held up.
    assert api_client_for(other_adviser).get("/api/v1/herstelacties/").status_code == 200


def test_an_anonymous_address_over_the_rate_gets_429(api_client_for, low_rates, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    anonymous = api_client_for(None)
    for _ in range(2):
        assert_problem(
            anonymous.get(
                "/api/v1/cycles/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.10"
            ),
            401,
        )
    response = anonymous.get(
        "/api/v1/cycles/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.10"
    )
    assert_problem(response, 429)
    # Counted per client address as the trusted proxy gives it, not per proxy.
    response = anonymous.get(
        "/api/v1/cycles/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="192.0.2.11"
    )
    assert_problem(response, 401)
