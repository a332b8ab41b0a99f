"""List filters of the API read a number in the query string by the pages' rule
(`uwvkms.query.parse_int`): anything but ASCII digits within bounds is a 400 with problem
details, never a 500 (a unit id too large for the database) and never read as another number
("١" as 1)."""

import pytest
from django.urls import reverse

from tests.api.conftest import assert_problem
from tests.herstel.flow import start

BAD = ["²", "١", "-1", "1e3", " 1", "99999999999999999999", "1.0"]
FILTERS = [
    ("api:recommendation-list", "unit"),
    ("api:recommendation-list", "cycle"),
    ("api:theme-list", "cycle"),
    ("api:action-list", "unit"),
    ("api:action-list", "cycle"),
    ("api:score-list", "unit"),
    ("api:score-list", "cycle"),
    ("api:report-list", "cycle"),
]
HERSTEL_FILTERS = [("api:herstelactie-list", "lead_unit"), ("api:herstel-overview", "lead_unit")]


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize(("name", "param"), FILTERS)
def test_a_bad_number_in_an_audit_filter_is_a_400(client, coordinator, cycle, name, param, bad):
    client.force_login(coordinator)
    body = assert_problem(client.get(reverse(name), {param: bad}), 400)
    assert param in {p["name"] for p in body["invalidParams"]}


@pytest.mark.parametrize("bad", BAD)
@pytest.mark.parametrize(("name", "param"), HERSTEL_FILTERS)
def test_a_bad_number_in_a_herstel_filter_is_a_400(client, fez_adviser, name, param, bad):
    client.force_login(fez_adviser)
    assert_problem(client.get(reverse(name), {param: bad}), 400)


def test_a_good_number_still_filters(client, coordinator, fez_adviser, adviser, cycle, uitkeren):
    start(adviser)
    client.force_login(coordinator)
    assert client.get(reverse("api:score-list"), {"unit": str(uitkeren.pk)}).status_code == 200
    client.force_login(fez_adviser)
    response = client.get(reverse("api:herstel-overview"), {"lead_unit": str(uitkeren.pk)})
    assert response.json()["count"] == 1
