"""The REST API and blind scoring (issue 21 part 2): individual scores are never served, not to
the coordination team, not to the team, not to anyone; while the blind phase is open there is no
team score to read either."""

import pytest
from django.urls import reverse

from audits.services import assignment_create
from maturity.services import blind_scoring_set, individual_score_record, score_record
from tests.factories import UserFactory, principle
from uwvkms.constants import Role

SECRET_A = "Oordeel-A: jaarplan ontbreekt."
SECRET_B = "Oordeel-B: sterke kwaliteitsrapportage."


@pytest.fixture
def blind_world(cycle, coordinator, uitkeren, auditor, fez):
    blind_scoring_set(actor=coordinator, cycle=cycle, enabled=True, expected_version=0)
    colleague = UserFactory(username="colleague", business_unit=fez, roles=[Role.TOETSER])
    assignment_create(actor=coordinator, cycle=cycle, unit=uitkeren, auditor=colleague)
    for user, level, text in ((auditor, 2, SECRET_A), (colleague, 4, SECRET_B)):
        individual_score_record(
            actor=user,
            cycle=cycle,
            unit=uitkeren,
            principle=principle("klantgerichtheid"),
            level=level,
            justification=text,
            expected_version=0,
        )
    return cycle


def _results(response):
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


@pytest.mark.parametrize("persona", ["coordinator", "auditor"])
def test_no_individual_score_in_the_score_api(request, api_client_for, blind_world, persona):
    client = api_client_for(request.getfixturevalue(persona))
    response = client.get(reverse("api:score-list"))
    assert response.status_code == 200
    assert _results(response) == []  # the phase is closed, but no team score was set yet
    body = response.content.decode()
    assert SECRET_A not in body and SECRET_B not in body


def test_the_team_score_is_served_without_the_individual_ones(
    api_client_for, blind_world, coordinator, auditor, uitkeren
):
    score = score_record(
        actor=auditor,
        cycle=blind_world,
        unit=uitkeren,
        principle=principle("klantgerichtheid"),
        level=3,
        justification="Teamoordeel.",
        expected_version=0,
    )
    client = api_client_for(coordinator)
    detail = client.get(reverse("api:score-detail", args=[score.pk]))
    assert detail.status_code == 200
    body = detail.content.decode()
    assert detail.json()["level"] == 3
    assert SECRET_A not in body and SECRET_B not in body
    assert "individual" not in body


@pytest.mark.parametrize("persona", ["coordinator", "auditor", "board_member", "outsider"])
def test_there_is_no_individual_score_endpoint(request, api_client_for, blind_world, persona):
    client = api_client_for(request.getfixturevalue(persona))
    for path in ("/api/v1/individual-scores/", "/api/v1/scores/individual/"):
        assert client.get(path).status_code == 404
