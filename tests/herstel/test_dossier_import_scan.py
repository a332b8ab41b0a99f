"""A dossier import is scanned for malware by a real clamd before it is read (issue 19 §4), in
the browser and through the API: the EICAR test file is refused and nothing is stored; without
a scanner the import is refused (fail closed); a clean import records the verdict."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from herstel.models import Dossier, DossierChange, DossierImport, DossierSnapshot
from tests.clamd import EICAR, EICAR_SIGNATURE
from tests.herstel.flow import csv_bytes, row
from uwvkms.models import AuditEvent
from uwvkms.services import api_token_create

GOOD = csv_bytes([row("HA-0001"), row("HA-0002", "beoordeeld", "nabetalen", "0", "12,50")])


def nothing_stored() -> bool:
    return not (
        Dossier.objects.exists()
        or DossierImport.objects.exists()
        or DossierChange.objects.exists()
        or DossierSnapshot.objects.exists()
        or AuditEvent.objects.filter(event="herstel.dossiers.imported").exists()
    )


def post(client, action, name, data):
    return client.post(
        reverse("herstel:dossier_import", args=[action.pk]),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_an_infected_import_is_refused(client, scanning, executing, adviser):
    client.force_login(adviser)
    response = post(client, executing, "week-1.csv", GOOD + EICAR + b"\n")
    assert response.status_code == 400
    page = response.content.decode()
    assert "de virusscanner heeft er malware in gevonden" in page and EICAR_SIGNATURE in page
    assert nothing_stored()
    event = AuditEvent.objects.get(event="uwvkms.upload.infected")
    assert event.actor == adviser
    assert (event.object_type, event.object_id) == ("herstel.herstelactie", str(executing.pk))
    assert event.changes["file"][1]["name"] == "week-1.csv"


def test_without_a_scanner_the_import_is_refused(client, scanner_down, executing, adviser):
    client.force_login(adviser)
    response = post(client, executing, "week-1.csv", GOOD)
    assert response.status_code == 400
    assert "de virusscanner is niet bereikbaar" in response.content.decode()
    assert nothing_stored()
    assert AuditEvent.objects.get(event="uwvkms.upload.not_scanned").actor == adviser


def test_a_clean_import_is_stored_with_its_verdict(client, scanning, executing, adviser):
    client.force_login(adviser)
    response = post(client, executing, "week-1.csv", GOOD)
    assert response.status_code == 302
    assert Dossier.objects.count() == 2
    event = AuditEvent.objects.get(event="herstel.dossiers.imported")
    assert event.changes["malware_scan"] == [None, "geen malware gevonden (ClamAV)"]


@pytest.fixture
def api(adviser):
    _token, key = api_token_create(user=adviser, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client


def api_post(api, action, body: bytes):
    return api.post(f"/api/v1/herstelacties/{action.pk}/dossiers/", body, content_type="text/csv")


def test_the_api_refuses_an_infected_body(api, scanning, executing):
    response = api_post(api, executing, GOOD + EICAR + b"\n")
    assert response.status_code == 400
    (param,) = response.json()["invalidParams"]
    assert param["name"] == "body" and EICAR_SIGNATURE in param["reason"]
    assert nothing_stored()


def test_the_api_answers_503_without_a_scanner(api, scanner_down, executing):
    response = api_post(api, executing, GOOD)
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/problem+json")
    assert "virusscanner" in response.json()["detail"]
    assert nothing_stored()
    response = api.post(
        f"/api/v1/herstelacties/{executing.pk}/dossiers/",
        [{"reference": "HA-1", "status": "te_beoordelen"}],
        format="json",
    )
    assert response.status_code == 503 and nothing_stored()
