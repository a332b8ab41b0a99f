"""Fixtures of the evidence-request tests (issue 21 §1), loaded by tests/conftest.py: `qc`, a
quality contact of Uitkeren (`qc_user`, designated by `unit_board`), `other_qc`, the user who is
quality contact of Communicatie, and `evidence_request`, the request list the lead auditor sent
Uitkeren (the documentation list and one extra item)."""

import datetime

import pytest
from django.utils import timezone

from audits.models import DocumentType, EvidenceRequest
from audits.services import requests as services
from tests.factories import UserFactory
from uwvkms.constants import Role

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def fresh(user):
    """The user as a new request would load them (roles and facts read anew)."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def qc_user(db, uitkeren):
    return UserFactory(
        username="kwaliteit", first_name="Kim", last_name="Kwaliteit", business_unit=uitkeren
    )


@pytest.fixture
def qc(db, unit_board, uitkeren, qc_user):
    return services.quality_contact_designate(actor=unit_board, unit=uitkeren, user=qc_user)


@pytest.fixture
def other_qc(db, communicatie):
    board = UserFactory(username="directie_com", business_unit=communicatie, roles=[Role.DIRECTIE])
    user = UserFactory(username="kwaliteit_com", business_unit=communicatie)
    services.quality_contact_designate(actor=fresh(board), unit=communicatie, user=user)
    return fresh(user)


@pytest.fixture
def jaarplan_type(db):
    return DocumentType.objects.get(name="Jaarplan")


@pytest.fixture
def evidence_request(db, cycle, uitkeren, auditor) -> EvidenceRequest:
    return services.evidence_request_send(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        document_types=DocumentType.objects.filter(is_active=True),
        extra_items=[("Verbeterplan klantcontact", "De versie die in het MT is besproken")],
        note="Graag per stuk aanleveren.",
    )


def item_of(request: EvidenceRequest, title: str):
    return request.items.get(title=title)
