"""The search page's query count does not grow with the number of hits (issue 21 §5): each
provider answers in a fixed number of queries, whatever it finds."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from findings.constants import UnitReportStatus
from findings.models import UnitReport
from tests.uwvkms.search_data import WORD, audit_data, herstel_data


def _queries(client, user, q=WORD) -> tuple[int, int]:
    client.force_login(user)
    client.get(reverse("search"), {"q": q})  # warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("search"), {"q": q})
    return len(queries), response.context["total"]


@pytest.mark.parametrize("persona", ["coordinator", "auditor", "unit_board", "board_member"])
def test_audit_hits_in_flat_queries(
    client, request, cycle, uitkeren, communicatie, auditor, persona
):
    user = request.getfixturevalue(persona)
    audit_data(cycle, uitkeren, auditor, report_status=UnitReportStatus.DEFINITIEF)
    few, few_hits = _queries(client, user)
    for _ in range(3):
        audit_data(cycle, uitkeren, auditor)
        audit_data(cycle, communicatie, auditor)
    UnitReport.objects.update(status=UnitReportStatus.DEFINITIEF)
    many, many_hits = _queries(client, user)
    assert many_hits > few_hits or persona == "board_member"
    assert many == few, persona
    assert _queries(client, user, "Uitkeren")[0] <= few


@pytest.mark.parametrize("persona", ["adviser", "sbk_adviser", "communicatie_user"])
def test_herstel_hits_in_flat_queries(client, request, adviser, persona):
    user = request.getfixturevalue(persona)
    herstel_data(adviser)
    few, few_hits = _queries(client, user, "KS-2031")
    few_actions = _queries(client, user)
    for _ in range(4):
        herstel_data(adviser)
    many, many_hits = _queries(client, user, "KS-2031")
    many_actions = _queries(client, user)
    assert many == few and many_actions[0] == few_actions[0], persona
    assert many_actions[1] == 5 * few_actions[1] == 5
    assert many_hits == 5 * few_hits
