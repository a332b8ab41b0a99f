"""The published PDF over the API: the stored bytes with their SHA-256, checked first."""

import base64
import hashlib

from tests.api.conftest import assert_problem


def test_pdf_is_the_stored_bytes_with_their_hash(api_client_for, board_member, world):
    version = world["published"]
    response = api_client_for(board_member).get(f"/api/v1/reports/{version.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert hashlib.sha256(data).hexdigest() == version.pdf_sha256 == response["X-Content-SHA256"]
    assert (
        response["Repr-Digest"]
        == f"sha-256=:{base64.b64encode(hashlib.sha256(data).digest()).decode()}:"
    )
    accepted = api_client_for(board_member).get(
        f"/api/v1/reports/{version.pk}/pdf/", HTTP_ACCEPT="application/pdf"
    )
    assert accepted.status_code == 200 and accepted.content == data


def test_altered_pdf_is_not_served(api_client_for, coordinator, world, caplog):
    version = world["published"]
    with version.pdf.storage.open(version.pdf.name, "wb") as handle:
        handle.write(b"%PDF-1.7 tampered")
    response = api_client_for(coordinator).get(f"/api/v1/reports/{version.pk}/pdf/")
    body = assert_problem(response, 500)
    assert "SHA-256" in body["detail"]
    assert b"tampered" not in response.content
    assert "Integrity check failed" in caplog.text


def test_queued_version_has_no_pdf(api_client_for, coordinator, world):
    assert_problem(
        api_client_for(coordinator).get(f"/api/v1/reports/{world['queued'].pk}/pdf/"), 404
    )
