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


# --- A small world every endpoint has something of --------------------------------------------


@pytest.fixture
def werkbedrijf(db):
    from tests.factories import BusinessUnitFactory

    return BusinessUnitFactory(name="Werkbedrijf", abbreviation="WB", execution=True)


@pytest.fixture
def world(cycle, coordinator, auditor, other_auditor, unit_board, uitkeren, werkbedrijf):
    """Cycle 2031: `auditor` audits Uitkeren (and Communicatie), `other_auditor` Werkbedrijf.
    Each of Uitkeren and Werkbedrijf has a submitted Klantgerichtheid score (through the
    service, so with history), a recommendation and a follow-up action; Uitkeren's report is
    agreed (afgestemd) with its board, Werkbedrijf's a concept. A theme with a main finding;
    report version 1.0 published, 2.0 still queued."""
    from audits.services import assignment_create
    from findings.models import MainFinding, Theme, ThemeMembership
    from findings.services import publishing
    from maturity.services.scores import score_record
    from tests.factories import (
        AssessedPrincipleFactory,
        FollowUpActionFactory,
        RecommendationFactory,
        UnitReportFactory,
        principle,
    )
    from tests.findings.publishing_helpers import fake_render

    klant = principle("klantgerichtheid")
    AssessedPrincipleFactory(cycle=cycle, unit=werkbedrijf, principle=klant)
    assignment_create(
        actor=coordinator, cycle=cycle, unit=werkbedrijf, auditor=other_auditor, is_lead=True
    )
    scores = {}
    for unit, who in ((uitkeren, auditor), (werkbedrijf, other_auditor)):
        scores[unit.abbreviation] = score_record(
            actor=who,
            cycle=cycle,
            unit=unit,
            principle=klant,
            level=3,
            justification="Jaarplan en bevestigde interviews.",
            expected_version=0,
            submit=False,
        )
    UnitReportFactory(cycle=cycle, unit=uitkeren, status="afgestemd", updated_by=auditor)
    # Reviewed by another (issue 21 §3): the world's scores can still be submitted.
    recommendations = {
        unit.abbreviation: RecommendationFactory(
            cycle=cycle, unit=unit, principle=klant, updated_by=who, reviewed=True
        )
        for unit, who in ((uitkeren, auditor), (werkbedrijf, other_auditor))
    }
    actions = {
        key: FollowUpActionFactory(recommendation=rec, updated_by=unit_board)
        for key, rec in recommendations.items()
    }
    theme = Theme.objects.create(cycle=cycle, title="Effect vaststellen", updated_by=coordinator)
    for rec in recommendations.values():
        ThemeMembership.objects.create(theme=theme, recommendation=rec, added_by=coordinator)
    MainFinding.objects.create(
        theme=theme, title="Effect vaststellen", advice="Meet het effect.", updated_by=coordinator
    )
    published = publishing.report_version_publish(
        actor=coordinator, cycle=cycle, label="1.0", report_status="Concept"
    )
    publishing.report_version_render(version_id=published.pk, render=fake_render)
    published.refresh_from_db()
    queued = publishing.report_version_publish(
        actor=coordinator, cycle=cycle, label="2.0", report_status="Concept"
    )
    return {
        "cycle": cycle,
        "scores": scores,
        "recommendations": recommendations,
        "actions": actions,
        "theme": theme,
        "published": published,
        "queued": queued,
    }


PERSONAS = [
    "coordinator",
    "auditor",
    "other_auditor",
    "unit_board",
    "board_member",
    "outsider",
    "anonymous",
]


def client_as(request, api_client_for, persona: str):
    """An API client for a persona fixture by name ("anonymous": without credentials)."""
    if persona == "anonymous":
        return api_client_for(None)
    return api_client_for(request.getfixturevalue(persona))
