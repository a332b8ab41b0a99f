"""List endpoints run a fixed number of queries, however many rows they return."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maturity.services.scores import score_record
from tests.factories import (
    AssessedPrincipleFactory,
    BusinessUnitFactory,
    EffectMeasurementFactory,
    FollowUpActionFactory,
    RecommendationFactory,
    UnitReportFactory,
    principle,
)

LISTS = [
    "/api/v1/cycles/",
    "/api/v1/units/",
    "/api/v1/principles/",
    "/api/v1/scores/",
    "/api/v1/recommendations/",
    "/api/v1/themes/",
    "/api/v1/actions/",
    "/api/v1/reports/",
]


def _more_rows(world, coordinator, auditor, count=4):
    from audits.services import assignment_create

    cycle = world["cycle"]
    klant = principle("klantgerichtheid")
    for n in range(count):
        unit = BusinessUnitFactory(name=f"Extra {n}")
        AssessedPrincipleFactory(cycle=cycle, unit=unit, principle=klant)
        assignment_create(actor=coordinator, cycle=cycle, unit=unit, auditor=auditor, is_lead=True)
        score_record(
            actor=auditor,
            cycle=cycle,
            unit=unit,
            principle=klant,
            level=2,
            justification="Extra",
            expected_version=0,
            submit=False,
        )
        UnitReportFactory(cycle=cycle, unit=unit, status="definitief", updated_by=auditor)
        rec = RecommendationFactory(cycle=cycle, unit=unit, principle=klant, updated_by=auditor)
        EffectMeasurementFactory(action=FollowUpActionFactory(recommendation=rec))
        world["theme"].recommendations.add(rec, through_defaults={"added_by": coordinator})


@pytest.mark.parametrize("endpoint", LISTS)
def test_list_query_count_does_not_grow(
    api_client_for, coordinator, auditor, world, endpoint, django_assert_max_num_queries
):
    client = api_client_for(coordinator)
    client.get(endpoint)  # the token's first use writes last_used_at once
    with CaptureQueriesContext(connection) as before:
        small = client.get(endpoint)
    assert small.status_code == 200
    _more_rows(world, coordinator, auditor)
    with django_assert_max_num_queries(len(before)):
        large = client.get(endpoint)
    assert large.status_code == 200
    if endpoint in ("/api/v1/scores/", "/api/v1/recommendations/", "/api/v1/actions/"):
        assert large.json()["count"] > small.json()["count"]


def test_auditor_lists_stay_flat_too(
    api_client_for, coordinator, auditor, world, django_assert_max_num_queries
):
    client = api_client_for(auditor)
    for endpoint in ("/api/v1/scores/", "/api/v1/recommendations/", "/api/v1/actions/"):
        client.get(endpoint)
    counts = {}
    for endpoint in ("/api/v1/scores/", "/api/v1/recommendations/", "/api/v1/actions/"):
        with CaptureQueriesContext(connection) as ctx:
            client.get(endpoint)
        counts[endpoint] = len(ctx)
    _more_rows(world, coordinator, auditor)
    for endpoint, n in counts.items():
        with django_assert_max_num_queries(n):
            assert client.get(endpoint).status_code == 200
