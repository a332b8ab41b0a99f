"""The pages of evidence requests (issue 21 §1) cost the same number of queries however many
items, files, messages, units and documents they show; the home page of a quality contact
pays one query for its open lists, and none when nothing is open."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audits.models import AssessedPrinciple, DocumentType
from audits.services import requests as services
from tests.audits.requests_world import PDF, fresh
from tests.factories import (
    AuditCycleFactory,
    BusinessUnitFactory,
    DocumentCheckFactory,
    DocumentTypeFactory,
    EvidenceRequestFactory,
    EvidenceRequestItemFactory,
    principle,
)


def _n(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)


def _grow(evidence_request, qc_user, auditor, n=4):
    """More items: delivered files on documents and extra items, answers, and threads."""
    for i in range(n):
        item = services.request_item_add(
            actor=auditor, request=evidence_request, title=f"Extra stuk {i}", explanation="x"
        )
        services.request_item_deliver(actor=fresh(qc_user), item=item, name=f"s{i}.pdf", data=PDF)
        item.refresh_from_db()
        services.request_message_post(actor=auditor, item=item, text=f"Dank {i}")
        services.request_item_ask_more(
            actor=auditor, item=item, text="Meer", expected_version=item.version
        )
        document_item = services.request_item_add(
            actor=auditor, request=evidence_request, document_type=DocumentTypeFactory()
        )
        services.request_item_deliver(
            actor=fresh(qc_user), item=document_item, name=f"d{i}.pdf", data=PDF
        )


@pytest.mark.parametrize("who", ["auditor", "qc_user"])
def test_request_pages_do_not_grow_with_items(
    request, client, qc, evidence_request, qc_user, auditor, cycle, uitkeren, who
):
    client.force_login(request.getfixturevalue(who))
    name = "audits:team_request" if who == "auditor" else "audits:unit_request"
    url = reverse(name, args=[cycle.year, uitkeren.pk])
    before = _n(client, url)
    _grow(evidence_request, qc_user, auditor)
    assert _n(client, url) == before


def test_the_home_page_of_a_quality_contact(client, qc, qc_user, cycle, uitkeren, auditor):
    client.force_login(qc_user)
    url = reverse("home")
    nothing_open = _n(client, url)
    services.evidence_request_send(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        due_on=timezone.localdate() + datetime.timedelta(days=3),
        document_types=DocumentType.objects.filter(is_active=True),
    )
    one_list = _n(client, url)
    assert one_list == nothing_open + 1
    EvidenceRequestFactory(cycle=AuditCycleFactory(year=2040), unit=uitkeren)  # another cycle
    assert _n(client, url) == one_list


def test_the_standard_documents_view_does_not_grow(client, coordinator, cycle, auditor):
    client.force_login(coordinator)
    url = reverse("audits:standard_documents", args=[cycle.year])
    export = reverse("audits:standard_documents_xlsx", args=[cycle.year])
    before, export_before = _n(client, url), _n(client, export)
    for i in range(4):
        unit = BusinessUnitFactory(name=f"Onderdeel {i}")
        AssessedPrinciple.objects.create(
            cycle=cycle, unit=unit, principle=principle("klantgerichtheid")
        )
        request = EvidenceRequestFactory(cycle=cycle, unit=unit)
        EvidenceRequestItemFactory(request=request, nvt=True)
        DocumentCheckFactory(cycle=cycle, unit=unit, geleverd=True)
        DocumentTypeFactory()
    assert _n(client, url) == before
    assert _n(client, export) == export_before


def test_the_quality_contacts_page_does_not_grow(client, unit_board, uitkeren, qc):
    from tests.factories import UserFactory

    client.force_login(unit_board)
    url = reverse("audits:quality_contacts")
    before = _n(client, url)
    for i in range(4):
        user = UserFactory(username=f"kc{i}", business_unit=uitkeren)
        contact = services.quality_contact_designate(actor=unit_board, unit=uitkeren, user=user)
        if i % 2:
            services.quality_contact_end(actor=unit_board, contact=contact, reason="Weg")
    assert _n(client, url) == before
