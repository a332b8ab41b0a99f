"""The documentation list: the coordination team adds, renames, reorders and deactivates items;
every change is recorded; nobody else may touch it."""

import pytest
from django.urls import reverse

from audits.models import DocumentType
from tests.factories import DocumentTypeFactory
from uwvkms.models import AuditEvent

LIST = reverse("audits:document_type_list")


def names():
    return list(DocumentType.objects.order_by("order", "name").values_list("name", flat=True))


def test_the_seeded_list_is_shown(client, coordinator):
    client.force_login(coordinator)
    page = client.get(LIST)
    assert page.status_code == 200
    assert "Jaarplan" in page.content.decode()
    assert "Directiebeoordeling" in page.content.decode()


def test_coordinator_adds_an_item_at_the_end(client, coordinator):
    client.force_login(coordinator)
    response = client.post(LIST, {"name": "  Risicoregister ", "description": "Risico's."})
    assert response.status_code == 302
    assert names()[-1] == "Risicoregister"
    item = DocumentType.objects.get(name="Risicoregister")
    event = AuditEvent.objects.get(event="audits.document_type.created", object_id=str(item.pk))
    assert event.actor == coordinator
    assert event.changes["name"] == [None, "Risicoregister"]


@pytest.mark.parametrize("name", ["Jaarplan", "jaarplan", "JAARPLAN"])
def test_a_duplicate_name_is_refused(client, coordinator, name):
    client.force_login(coordinator)
    before = DocumentType.objects.count()
    response = client.post(LIST, {"name": name})
    assert response.status_code == 400
    assert "Er staat al een document met deze naam op de lijst." in response.content.decode()
    assert DocumentType.objects.count() == before


def test_an_empty_name_is_refused(client, coordinator):
    client.force_login(coordinator)
    assert client.post(LIST, {"name": ""}).status_code == 400


def test_coordinator_renames_an_item(client, coordinator):
    client.force_login(coordinator)
    item = DocumentType.objects.get(name="KPI-set")
    url = reverse("audits:document_type_edit", args=[item.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "KPI-overzicht", "description": item.description})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.name == "KPI-overzicht"
    event = AuditEvent.objects.get(event="audits.document_type.updated", object_id=str(item.pk))
    assert event.changes == {"name": ["KPI-set", "KPI-overzicht"]}


def test_renaming_to_another_items_name_is_refused(client, coordinator):
    client.force_login(coordinator)
    item = DocumentType.objects.get(name="KPI-set")
    response = client.post(
        reverse("audits:document_type_edit", args=[item.pk]), {"name": "jaarplan"}
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.name == "KPI-set"


def test_coordinator_moves_items_up_and_down(client, coordinator):
    client.force_login(coordinator)
    first, second = names()[:2]
    second_item = DocumentType.objects.get(name=second)
    url = reverse("audits:document_type_move", args=[second_item.pk])
    assert client.post(url, {"direction": "up"}).status_code == 302
    assert names()[:2] == [second, first]
    event = AuditEvent.objects.get(event="audits.document_type.moved")
    assert event.changes == {"order": [2, 1]}
    client.post(url, {"direction": "down"})
    assert names()[:2] == [first, second]


def test_moving_the_first_item_up_changes_nothing(client, coordinator):
    client.force_login(coordinator)
    before = names()
    first = DocumentType.objects.get(name=before[0])
    client.post(reverse("audits:document_type_move", args=[first.pk]), {"direction": "up"})
    assert names() == before
    assert not AuditEvent.objects.filter(event="audits.document_type.moved").exists()


def test_moving_works_with_equal_order_values(client, coordinator):
    DocumentType.objects.update(order=0)
    client.force_login(coordinator)
    before = names()  # alphabetical when orders tie
    last = DocumentType.objects.get(name=before[-1])
    client.post(reverse("audits:document_type_move", args=[last.pk]), {"direction": "up"})
    assert names() == [*before[:-2], before[-1], before[-2]]


def test_coordinator_deactivates_and_reactivates_an_item(client, coordinator):
    client.force_login(coordinator)
    item = DocumentType.objects.get(name="Teamplannen")
    url = reverse("audits:document_type_set_active", args=[item.pk])
    client.post(url, {"is_active": "0"})
    item.refresh_from_db()
    assert not item.is_active
    client.post(url, {"is_active": "1"})
    item.refresh_from_db()
    assert item.is_active
    events = AuditEvent.objects.filter(object_type="audits.documenttype", object_id=str(item.pk))
    assert [e.event for e in events.order_by("id")] == [
        "audits.document_type.deactivated",
        "audits.document_type.activated",
    ]


@pytest.mark.parametrize(
    "persona", ["auditor", "other_auditor", "unit_board", "board_member", "outsider"]
)
def test_only_the_coordination_team_maintains_the_list(client, db, request, persona):
    client.force_login(request.getfixturevalue(persona))
    item = DocumentTypeFactory(name="Procesboek")
    before = names()
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, {"name": "Nieuw"}).status_code == 403
    edit = reverse("audits:document_type_edit", args=[item.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"name": "Anders"}).status_code == 403
    move = reverse("audits:document_type_move", args=[item.pk])
    assert client.post(move, {"direction": "up"}).status_code == 403
    active = reverse("audits:document_type_set_active", args=[item.pk])
    assert client.post(active, {"is_active": "0"}).status_code == 403
    assert names() == before
    assert DocumentType.objects.get(pk=item.pk).is_active
    assert not AuditEvent.objects.filter(object_type="audits.documenttype").exists()


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(LIST)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
