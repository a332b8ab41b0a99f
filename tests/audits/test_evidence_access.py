"""Who may see and change evidence, tested on every view: the unit's auditors read and edit; the
coordination team reads; the unit's own board reads only its evidence overview and the files of
delivered documents; everyone else gets 403, and nothing changes."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.models import DocumentCheck, DocumentFile, DocumentType, Interview
from audits.services import assignment_create
from audits.services.documents import document_file_add
from tests.factories import DistrictFactory, InterviewFactory, UserFactory, principle
from uwvkms.constants import Role
from uwvkms.events import SECURITY_EVENTS
from uwvkms.models import AuditEvent

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def evidence(cycle, uitkeren, auditor):
    """A delivered and a not delivered document with a file each, and a confirmed interview."""
    jaarplan = DocumentType.objects.get(name="Jaarplan")
    kpi = DocumentType.objects.get(name="KPI-set")
    delivered = document_file_add(
        actor=auditor, cycle=cycle, unit=uitkeren, document_type=jaarplan, name="j.pdf", data=PDF
    )
    DocumentCheck.objects.filter(pk=delivered.document_check_id).update(status="geleverd")
    missing = document_file_add(
        actor=auditor, cycle=cycle, unit=uitkeren, document_type=kpi, name="k.pdf", data=PDF
    )
    DocumentCheck.objects.filter(pk=missing.document_check_id).update(status="niet_geleverd")
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        bevestigd=True,
        principles=[principle("klantgerichtheid")],
    )
    concept = InterviewFactory(cycle=cycle, unit=uitkeren, created_by=auditor)
    return {
        "jaarplan": jaarplan,
        "delivered_file": delivered,
        "missing_file": missing,
        "interview": interview,
        "concept": concept,
    }


def urls(cycle, unit, evidence) -> dict[str, str]:
    y, u = cycle.year, unit.pk
    i, c = evidence["interview"].pk, evidence["concept"].pk
    return {
        "evidence_units": reverse("audits:evidence_units", args=[y]),
        "evidence_overview": reverse("audits:evidence_overview", args=[y, u]),
        "document_checklist": reverse("audits:document_checklist", args=[y, u]),
        "document_check": reverse("audits:document_check", args=[y, u, evidence["jaarplan"].pk]),
        "delivered_file": reverse("audits:document_file", args=[y, evidence["delivered_file"].pk]),
        "missing_file": reverse("audits:document_file", args=[y, evidence["missing_file"].pk]),
        "interview_list": reverse("audits:interview_list", args=[y, u]),
        "interview_create": reverse("audits:interview_create", args=[y, u]),
        "interview_detail": reverse("audits:interview_detail", args=[y, i]),
        "interview_pdf": reverse("audits:interview_pdf", args=[y, i]),
        "concept_edit": reverse("audits:interview_edit", args=[y, c]),
    }


READ_PAGES = [
    "evidence_units",
    "evidence_overview",
    "document_checklist",
    "document_check",
    "delivered_file",
    "missing_file",
    "interview_list",
    "interview_detail",
    "interview_pdf",
]

EXPECTED = {
    # persona: pages answered 200; every other GET of READ_PAGES and every edit page is 403.
    "auditor": set(READ_PAGES) | {"interview_create", "concept_edit"},
    "coordinator": set(READ_PAGES),
    "unit_board": {"evidence_overview", "delivered_file"},
    "other_auditor": set(),
    "board_member": set(),
    "outsider": set(),
}


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_who_reads_what(client, request, persona, cycle, uitkeren, evidence):
    DistrictFactory(cycle=cycle, unit=uitkeren, drawn=True)
    client.force_login(request.getfixturevalue(persona))
    answers = {
        name: client.get(url).status_code for name, url in urls(cycle, uitkeren, evidence).items()
    }
    expected = {
        name: 200 if name in EXPECTED[persona] else 403 for name in urls(cycle, uitkeren, evidence)
    }
    assert answers == expected


def writes(cycle, unit, evidence) -> list[tuple[str, dict]]:
    y, u = cycle.year, unit.pk
    t = evidence["jaarplan"].pk
    concept = evidence["concept"]
    return [
        (
            reverse("audits:document_check", args=[y, u, t]),
            {"status": "nvt", "version": 1, "design_note": "gewijzigd"},
        ),
        (
            reverse("audits:document_file_upload", args=[y, u, t]),
            {"file": SimpleUploadedFile("x.pdf", PDF)},
        ),
        (reverse("audits:document_file_delete", args=[y, evidence["delivered_file"].pk]), {}),
        (
            reverse("audits:interview_create", args=[y, u]),
            {"held_on": "2025-09-01", "location": concept.location_id},
        ),
        (
            reverse("audits:interview_edit", args=[y, concept.pk]),
            {"held_on": "2025-09-01", "location": concept.location_id, "version": 1},
        ),
        (
            reverse("audits:interview_transition", args=[y, concept.pk]),
            {"send-action": "send", "send-status": "concept"},
        ),
    ]


@pytest.mark.parametrize(
    "persona", ["coordinator", "unit_board", "other_auditor", "board_member", "outsider"]
)
def test_only_the_units_auditors_change_evidence(
    client, request, persona, cycle, uitkeren, evidence
):
    client.force_login(request.getfixturevalue(persona))
    events = AuditEvent.objects.exclude(event__in=SECURITY_EVENTS).count()
    for url, data in writes(cycle, uitkeren, evidence):
        assert client.post(url, data).status_code == 403, url
    assert AuditEvent.objects.exclude(event__in=SECURITY_EVENTS).count() == events
    assert DocumentFile.objects.count() == 2
    assert Interview.objects.count() == 2
    assert DocumentCheck.objects.get(document_type=evidence["jaarplan"]).status == "geleverd"
    assert Interview.objects.get(pk=evidence["concept"].pk).status == "concept"


def test_a_unit_board_sees_nothing_of_another_unit(client, cycle, communicatie, uitkeren, evidence):
    board = UserFactory(username="directie-com", business_unit=communicatie, roles=[Role.DIRECTIE])
    client.force_login(board)
    assert (
        client.get(reverse("audits:evidence_overview", args=[cycle.year, uitkeren.pk])).status_code
        == 403
    )
    file_url = reverse("audits:document_file", args=[cycle.year, evidence["delivered_file"].pk])
    assert client.get(file_url).status_code == 403
    assert (
        client.get(
            reverse("audits:evidence_overview", args=[cycle.year, communicatie.pk])
        ).status_code
        == 200
    )


def test_an_auditor_of_another_unit_gets_403_everywhere_for_this_one(
    client, other_auditor, coordinator, cycle, uitkeren, fez, evidence
):
    # Assigned elsewhere in the same cycle: still nothing of Uitkeren.
    assignment_create(actor=coordinator, cycle=cycle, unit=fez, auditor=other_auditor)
    client.force_login(other_auditor)
    for name, url in urls(cycle, uitkeren, evidence).items():
        expected = 200 if name == "evidence_units" else 403
        assert client.get(url).status_code == expected, name
    page = client.get(reverse("audits:evidence_units", args=[cycle.year]))
    assert [s.unit for s in page.context["summaries"]] == [fez]


def test_unknown_cycles_units_and_objects_are_not_found(client, auditor, cycle, uitkeren, evidence):
    client.force_login(auditor)
    assert (
        client.get(reverse("audits:evidence_overview", args=[2099, uitkeren.pk])).status_code == 404
    )
    assert (
        client.get(reverse("audits:evidence_overview", args=[cycle.year, 99999])).status_code == 404
    )
    assert client.get(reverse("audits:document_file", args=[cycle.year, 99999])).status_code == 404
    assert (
        client.get(reverse("audits:interview_detail", args=[cycle.year, 99999])).status_code == 404
    )
    assert (
        client.get(
            reverse("audits:document_check", args=[cycle.year, uitkeren.pk, 99999])
        ).status_code
        == 404
    )


def test_anonymous_users_are_sent_to_login(client, cycle, uitkeren, evidence):
    for url in urls(cycle, uitkeren, evidence).values():
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("login") in response["Location"]
