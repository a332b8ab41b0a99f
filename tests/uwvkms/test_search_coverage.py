"""Search covers every list of issue 21 §5 (review): documents by their document type's name,
interviews by where they were held, and files delivered for extra items of a request list, each
for whom its page allows and nobody else; in flat queries, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import EvidenceRequest, RequestItemFile
from tests.factories import (
    DocumentCheckFactory,
    DocumentTypeFactory,
    EvidenceRequestFactory,
    EvidenceRequestItemFactory,
    QualityContactFactory,
    UserFactory,
)
from tests.uwvkms.search_data import document_file, interview_with_note, withdraw_record
from uwvkms.constants import Role


@pytest.fixture
def other_board(db, communicatie):
    return UserFactory(username="directie.com", business_unit=communicatie, roles=[Role.DIRECTIE])


@pytest.fixture
def quality_contact(db, uitkeren, unit_board):
    return QualityContactFactory(unit=uitkeren, designated_by=unit_board).user


def request_file(cycle, unit, by, name="verbeterplan-2031.pdf", title="Verbeterplan klantcontact"):
    request = EvidenceRequest.objects.filter(cycle=cycle, unit=unit).first()
    request = request or EvidenceRequestFactory(cycle=cycle, unit=unit, sent_by=by)
    item = EvidenceRequestItemFactory(request=request, extra=True, title=title)
    return RequestItemFile.objects.create(
        item=item,
        file="requests/none",
        original_name=name,
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=by,
    )


def found(client, user, q) -> dict[str, list[str]]:
    client.force_login(user)
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    return {r.kind.key: [hit.url for hit in r.hits] for r in response.context["results"]}


def test_documents_by_their_document_type(
    client, cycle, uitkeren, auditor, coordinator, unit_board, other_board
):
    jaarplan = DocumentTypeFactory(name="Jaarplan")
    check = DocumentCheckFactory(
        cycle=cycle, unit=uitkeren, document_type=jaarplan, geleverd=True, updated_by=auditor
    )
    document_file(check, "JP-UIT-def.pdf", auditor)
    check_url = reverse("audits:document_check", args=[cycle.year, uitkeren.pk, jaarplan.pk])
    for user in (auditor, coordinator):
        assert found(client, user, "jaarplan")["documenten"] == [check_url], user
        assert client.get(check_url).status_code == 200
    assert len(found(client, unit_board, "Jaarplan")["documenten"]) == 1
    assert "documenten" not in found(client, other_board, "jaarplan")


def test_interviews_by_where_they_were_held(
    client, cycle, uitkeren, auditor, coordinator, other_auditor, unit_board
):
    interview = interview_with_note(cycle, uitkeren, auditor, "Een goed gesprek.")
    interview.location.name = "District Noord-Holland Noord"
    interview.location.save()
    url = interview.get_absolute_url()
    for user in (auditor, coordinator):
        assert found(client, user, "noord-holland")["interviews"] == [url], user
        assert client.get(url).status_code == 200
    for user in (unit_board, other_auditor):
        assert "interviews" not in found(client, user, "noord-holland"), user
    withdraw_record(interview, auditor)
    assert "interviews" not in found(client, auditor, "noord-holland")


def test_files_of_extra_request_items_as_their_getter_allows(
    client,
    cycle,
    uitkeren,
    auditor,
    coordinator,
    unit_board,
    other_auditor,
    other_board,
    board_member,
    outsider,
    quality_contact,
):
    delivered = request_file(cycle, uitkeren, auditor)
    team_url = reverse("audits:team_request", args=[cycle.year, uitkeren.pk])
    for user in (auditor, coordinator):
        assert found(client, user, "verbeterplan-2031")["documenten"] == [team_url], user
        assert found(client, user, "klantcontact")["documenten"] == [team_url], user  # title
        assert client.get(team_url).status_code == 200
    download = reverse("audits:request_file", args=[cycle.year, delivered.pk])
    assert found(client, unit_board, "verbeterplan")["documenten"] == [download]
    # Refused: the quality contact, another unit's board and team, the RvB, anyone else.
    for user in (quality_contact, other_board, other_auditor, board_member, outsider):
        assert "documenten" not in found(client, user, "verbeterplan"), user
    withdraw_record(delivered, auditor)
    for user in (auditor, coordinator, unit_board):
        assert "documenten" not in found(client, user, "verbeterplan"), user


@pytest.mark.parametrize("persona", ["coordinator", "auditor", "unit_board"])
def test_the_new_hits_come_in_flat_queries(client, request, cycle, uitkeren, auditor, persona):
    user = request.getfixturevalue(persona)

    def add():
        request_file(cycle, uitkeren, auditor, name="zoekwoord.pdf")
        check = DocumentCheckFactory(
            cycle=cycle,
            unit=uitkeren,
            document_type=DocumentTypeFactory(),
            geleverd=True,
            updated_by=auditor,
        )
        document_file(check, "zoekwoord.pdf", auditor)
        interview = interview_with_note(cycle, uitkeren, auditor, "Niets bijzonders.")
        interview.location.name = f"Zoekwoord {interview.pk}"
        interview.location.save()

    def queries() -> tuple[int, int]:
        client.force_login(user)
        client.get(reverse("search"), {"q": "zoekwoord"})
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("search"), {"q": "zoekwoord"})
        return len(captured), response.context["total"]

    add()
    few, few_hits = queries()
    for _ in range(3):
        add()
    many, many_hits = queries()
    assert many_hits > few_hits
    assert many == few
