"""The cross-unit view of standard documents (issue 21 §1) for the coordination team: units in
scope × documents of the documentation list, what the report's "Gebruik van standaard
documenten" rests on, with its XLSX export; nobody else reads it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from audits.models import DocumentType
from audits.services import requests as services
from tests.audits.requests_world import PDF, fresh, item_of
from tests.factories import DocumentCheckFactory


@pytest.fixture
def answered(qc, qc_user, evidence_request, unit_board):
    services.request_item_deliver(
        actor=fresh(qc_user), item=item_of(evidence_request, "Jaarplan"), name="j.pdf", data=PDF
    )
    services.request_item_answer(
        actor=unit_board,
        item=item_of(evidence_request, "Kwaliteitsplan"),
        action="nvt",
        answer="Opgenomen in het jaarplan.",
        expected_version=1,
    )
    return evidence_request


def _cell(view, unit_name, document_name):
    column = [d.name for d in view.document_types].index(document_name)
    for unit, cells in view.rows:
        if unit.name == unit_name:
            return str(cells[column])
    raise AssertionError(unit_name)


def test_the_view_shows_each_units_answer(client, coordinator, answered, cycle, communicatie):
    DocumentCheckFactory(
        cycle=cycle,
        unit=communicatie,
        document_type=DocumentType.objects.get(name="Jaarplan"),
        status="niet_geleverd",
    )
    client.force_login(coordinator)
    response = client.get(reverse("audits:standard_documents", args=[cycle.year]))
    assert response.status_code == 200
    view = response.context["view"]
    assert _cell(view, "Uitkeren", "Jaarplan") == "geleverd"
    assert _cell(view, "Uitkeren", "Kwaliteitsplan") == "nvt"
    assert _cell(view, "Communicatie", "Jaarplan") == "niet"
    assert _cell(view, "Communicatie", "Kwaliteitsplan") == "niet_gevraagd"


def test_the_export_has_the_same_table(client, coordinator, answered, cycle):
    client.force_login(coordinator)
    response = client.get(reverse("audits:standard_documents_xlsx", args=[cycle.year]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    uitkeren = next(row for row in rows if row[0] == "Uitkeren")
    assert uitkeren[header.index("Jaarplan")] == "Geleverd"
    assert uitkeren[header.index("Kwaliteitsplan")] == "N.v.t."


@pytest.mark.parametrize(
    "persona", ["auditor", "unit_board", "qc_user", "outsider", "board_member"]
)
def test_only_the_coordination_team_reads_it(request, client, qc, cycle, persona):
    client.force_login(request.getfixturevalue(persona))
    for name in ("audits:standard_documents", "audits:standard_documents_xlsx"):
        assert client.get(reverse(name, args=[cycle.year])).status_code == 403


def test_the_cycle_page_links_to_it(client, coordinator, cycle):
    client.force_login(coordinator)
    page = client.get(reverse("audits:cycle_detail", args=[cycle.year])).content.decode()
    assert reverse("audits:standard_documents", args=[cycle.year]) in page
