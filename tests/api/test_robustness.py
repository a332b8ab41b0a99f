"""Bad input answers 4xx problem details and changes nothing: malformed JSON, wrong types,
unknown fields, a body over the limit, an unsupported media type, a stale version."""

import io

import pytest
from django.test import override_settings

from maturity.models import ScoreChange
from tests.api.conftest import assert_problem
from uwvkms.api.exceptions import PayloadTooLarge, invalid_params
from uwvkms.api.parsers import read_body_limited
from uwvkms.models import AuditEvent


@pytest.fixture
def score(world):
    return world["scores"]["UIT"]


@pytest.fixture
def as_auditor(api_client_for, auditor):
    return api_client_for(auditor)


def _unchanged(score, level=3, changes=1):
    score.refresh_from_db()
    assert score.level == level
    assert ScoreChange.objects.filter(score=score).count() == changes


def test_malformed_json(as_auditor, score):
    response = as_auditor.patch(
        f"/api/v1/scores/{score.pk}/", '{"version": 1, "level": ', content_type="application/json"
    )
    body = assert_problem(response, 400)
    assert body["type"].endswith("parse_error")
    assert "JSON" in body["detail"]
    _unchanged(score)


def test_nan_is_not_json(as_auditor, score):
    response = as_auditor.patch(
        f"/api/v1/scores/{score.pk}/",
        '{"version": 1, "level": NaN}',
        content_type="application/json",
    )
    assert_problem(response, 400)
    _unchanged(score)


def test_wrong_types_are_listed_per_field(as_auditor, score):
    response = as_auditor.patch(
        f"/api/v1/scores/{score.pk}/",
        {"version": "één", "level": 9, "interviews": "alle"},
        format="json",
    )
    body = assert_problem(response, 400)
    names = {param["name"] for param in body["invalidParams"]}
    assert names == {"version", "level", "interviews"}
    assert all(param["reason"] for param in body["invalidParams"])
    _unchanged(score)


def test_unknown_fields_are_refused(as_auditor, score):
    response = as_auditor.patch(
        f"/api/v1/scores/{score.pk}/", {"version": 1, "levle": 4}, format="json"
    )
    body = assert_problem(response, 400)
    assert body["invalidParams"] == [
        {"name": "levle", "code": "unknown_field", "reason": "Onbekend veld."}
    ]
    _unchanged(score)


def test_a_list_where_an_object_belongs(as_auditor, score):
    response = as_auditor.patch(f"/api/v1/scores/{score.pk}/", [1, 2], format="json")
    assert_problem(response, 400)
    _unchanged(score)


@override_settings(API_MAX_BODY_BYTES=200)
def test_body_over_the_limit_is_413(as_auditor, score):
    big = '{"version": 1, "justification": "' + "x" * 500 + '"}'
    response = as_auditor.patch(f"/api/v1/scores/{score.pk}/", big, content_type="application/json")
    assert_problem(response, 413)
    _unchanged(score)


@override_settings(API_MAX_BODY_BYTES=100)
def test_body_limit_counts_what_arrives_without_a_length():
    with pytest.raises(PayloadTooLarge):
        read_body_limited(io.BytesIO(b"x" * 101))
    assert read_body_limited(io.BytesIO(b"x" * 100)) == b"x" * 100


def test_default_limit_takes_100000_dossier_rows(settings):
    row = '{"reference": "D-0000001", "bsn": "123456782", "amount": "1234.50"},'
    assert len(row) * 100_000 < settings.IMPORT_MAX_BODY_BYTES


def test_unsupported_media_type_is_415(as_auditor, score):
    response = as_auditor.patch(f"/api/v1/scores/{score.pk}/", "level=4", content_type="text/plain")
    assert_problem(response, 415)
    _unchanged(score)


def test_method_not_allowed_is_405(as_auditor, score):
    assert_problem(as_auditor.delete(f"/api/v1/scores/{score.pk}/"), 405)
    _unchanged(score)


def test_not_acceptable_is_406(as_auditor):
    response = as_auditor.get("/api/v1/scores/", HTTP_ACCEPT="application/xml")
    assert_problem(response, 406)


def test_bad_filter_is_400(as_auditor, world):
    body = assert_problem(as_auditor.get("/api/v1/scores/?cycle=dit-jaar"), 400)
    assert body["invalidParams"][0]["name"] == "cycle"


def test_stale_version_is_409_and_changes_nothing(as_auditor, score):
    first = as_auditor.patch(
        f"/api/v1/scores/{score.pk}/", {"version": score.version, "level": 4}, format="json"
    )
    assert first.status_code == 200
    assert first.json()["version"] == score.version + 1
    stale = as_auditor.patch(
        f"/api/v1/scores/{score.pk}/", {"version": score.version, "level": 2}, format="json"
    )
    body = assert_problem(stale, 409)
    assert "gewijzigd" in body["detail"]
    _unchanged(score, level=4, changes=2)


def test_submit_needs_level_and_justification(as_auditor, score):
    response = as_auditor.patch(
        f"/api/v1/scores/{score.pk}/",
        {"version": score.version, "justification": "", "submit": True},
        format="json",
    )
    body = assert_problem(response, 400)
    assert "justification" in {p["name"] for p in body["invalidParams"]}
    _unchanged(score)


def test_create_a_score_through_the_service(api_client_for, auditor, world, uitkeren):
    client = api_client_for(auditor)
    data = {
        "cycle": 2031,
        "unit": uitkeren.pk,
        "principle": "operationele-kwaliteit",
        "version": 0,
        "level": 2,
        "justification": "Procesbeschrijvingen ontbreken deels.",
        "submit": True,
    }
    response = client.post("/api/v1/scores/", data, format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "ingediend" and created["version"] == 1
    assert [h["event"] for h in created["history"]] == ["maturity.score.submitted"]
    assert AuditEvent.objects.filter(event="maturity.score.submitted").count() == 1
    # The same again with version 0: someone else's score exists now.
    assert_problem(client.post("/api/v1/scores/", data, format="json"), 409)


def test_create_refused_for_another_teams_unit_and_unknown_keys(
    api_client_for, auditor, world, werkbedrijf
):
    client = api_client_for(auditor)
    data = {"cycle": 2031, "unit": werkbedrijf.pk, "principle": "klantgerichtheid", "version": 1}
    assert_problem(client.post("/api/v1/scores/", data, format="json"), 403)
    body = assert_problem(
        client.post("/api/v1/scores/", {**data, "cycle": 2099}, format="json"), 400
    )
    assert body["invalidParams"][0]["name"] == "cycle"


def test_board_records_an_effect_measurement(api_client_for, unit_board, world):
    action = world["actions"]["UIT"]
    client = api_client_for(unit_board)
    data = {
        "version": action.version,
        "measured_value": "85.50",
        "measured_on": "2025-06-01",
        "conclusion": "deels",
    }
    response = client.post(f"/api/v1/actions/{action.pk}/measurements/", data, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["measurements"][0]["measured_value"] == "85.50"
    assert body["version"] == action.version + 1
    assert AuditEvent.objects.filter(event="findings.effect_measurement.recorded").exists()
    stale = client.post(f"/api/v1/actions/{action.pk}/measurements/", data, format="json")
    assert_problem(stale, 409)
    assert action.measurements.count() == 1


def test_money_and_measurements_travel_as_decimal_strings(api_client_for, coordinator, world):
    action = api_client_for(coordinator).get(f"/api/v1/actions/{world['actions']['UIT'].pk}/")
    assert action.json()["baseline"] == "40.00"
    assert action.json()["target"] == "90.00"


def test_invalid_params_name_list_items_by_index():
    detail = [{}, {"bsn": ["Ongeldig BSN."]}, {"amount": ["Negatief."], "reference": ["Leeg."]}]
    assert [p["name"] for p in invalid_params(detail)] == ["[1].bsn", "[2].amount", "[2].reference"]
    assert invalid_params({"lines": [{}, {"amount": ["x"]}]})[0]["name"] == "lines[1].amount"


@override_settings(API_MAX_PAGE_SIZE=1)
def test_page_size_is_capped(api_client_for, coordinator, world):
    body = api_client_for(coordinator).get("/api/v1/recommendations/?page_size=1000").json()
    assert body["count"] == 2 and len(body["results"]) == 1 and body["next"]


def test_page_past_the_end_is_404(api_client_for, coordinator, world):
    assert_problem(api_client_for(coordinator).get("/api/v1/recommendations/?page=9"), 404)


def test_create_for_an_existing_score_is_409(api_client_for, auditor, world, uitkeren):
    data = {"cycle": 2031, "unit": uitkeren.pk, "principle": "klantgerichtheid", "version": 1}
    body = assert_problem(api_client_for(auditor).post("/api/v1/scores/", data, format="json"), 409)
    assert str(world["scores"]["UIT"].pk) in body["detail"]
