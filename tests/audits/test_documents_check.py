"""Document study: the assigned auditor records per item of the documentation list whether it was
delivered, which assessed principles it evidences and notes on opzet, bestaan and werking. Saves
are guarded by the check's version; every change is recorded old → new."""

import pytest
from django.urls import reverse

from audits.models import AuditCycle, DocumentCheck, DocumentType
from tests.factories import DocumentCheckFactory, principle
from uwvkms.models import AuditEvent


@pytest.fixture
def jaarplan(db):
    return DocumentType.objects.get(name="Jaarplan")


def check_url(cycle, unit, document_type):
    return reverse("audits:document_check", args=[cycle.year, unit.pk, document_type.pk])


def post_check(client, cycle, unit, document_type, *, version=0, **fields):
    data = {
        "status": "geleverd",
        "principles": [principle("klantgerichtheid").pk],
        "design_note": "Er is een jaarplan met doelen.",
        "existence_note": "",
        "operation_note": "",
        "version": version,
    } | fields
    return client.post(check_url(cycle, unit, document_type), data)


def test_checklist_lists_every_active_item(client, auditor, cycle, uitkeren):
    DocumentType.objects.filter(name="KPI-set").update(is_active=False)
    client.force_login(auditor)
    page = client.get(reverse("audits:document_checklist", args=[cycle.year, uitkeren.pk]))
    assert page.status_code == 200
    rows = page.context["rows"]
    assert [r.document_type.name for r in rows] == list(
        DocumentType.objects.filter(is_active=True).values_list("name", flat=True)
    )
    assert "KPI-set" not in page.content.decode()
    assert "Nog niet beoordeeld" in page.content.decode()


def test_a_check_of_an_item_no_longer_in_use_stays_on_the_checklist(
    client, auditor, cycle, uitkeren
):
    kpi = DocumentType.objects.get(name="KPI-set")
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, document_type=kpi, geleverd=True)
    kpi.is_active = False
    kpi.save()
    client.force_login(auditor)
    page = client.get(reverse("audits:document_checklist", args=[cycle.year, uitkeren.pk]))
    assert "KPI-set" in page.content.decode()
    assert "niet meer op de lijst" in page.content.decode()


def test_auditor_records_a_check(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    assert client.get(check_url(cycle, uitkeren, jaarplan)).status_code == 200
    response = post_check(client, cycle, uitkeren, jaarplan, existence_note="Besproken in MT.")
    assert response.status_code == 302
    check = DocumentCheck.objects.get(cycle=cycle, unit=uitkeren, document_type=jaarplan)
    assert (check.status, check.version, check.updated_by) == ("geleverd", 1, auditor)
    assert [p.code for p in check.principles.all()] == ["klantgerichtheid"]
    assert check.existence_note == "Besproken in MT."
    event = AuditEvent.objects.get(event="audits.document_check.created")
    assert event.actor == auditor
    assert event.changes["status"] == [None, "geleverd"]
    assert event.changes["principles"] == [None, ["Klantgerichtheid"]]


def test_every_change_is_recorded_old_to_new(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    post_check(client, cycle, uitkeren, jaarplan)
    response = post_check(
        client,
        cycle,
        uitkeren,
        jaarplan,
        version=1,
        status="niet_geleverd",
        principles=[principle("klantgerichtheid").pk, principle("operationele-kwaliteit").pk],
        operation_note="Geen verbetercyclus zichtbaar.",
    )
    assert response.status_code == 302
    check = DocumentCheck.objects.get(cycle=cycle, unit=uitkeren, document_type=jaarplan)
    assert check.version == 2
    event = AuditEvent.objects.get(event="audits.document_check.updated")
    assert event.changes == {
        "status": ["geleverd", "niet_geleverd"],
        "principles": [["Klantgerichtheid"], ["Klantgerichtheid", "Operationele Kwaliteit"]],
        "operation_note": ["", "Geen verbetercyclus zichtbaar."],
    }
    history = client.get(check_url(cycle, uitkeren, jaarplan)).content.decode()
    assert "Beoordeling gewijzigd" in history
    assert "Geleverd → Niet geleverd" in history


def test_saving_without_changes_records_nothing(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    post_check(client, cycle, uitkeren, jaarplan)
    post_check(client, cycle, uitkeren, jaarplan, version=1)
    check = DocumentCheck.objects.get(cycle=cycle, unit=uitkeren, document_type=jaarplan)
    assert check.version == 1
    assert AuditEvent.objects.filter(object_type="audits.documentcheck").count() == 1


def test_a_stale_save_is_refused_naming_who_changed_it(
    client, auditor, coordinator, cycle, uitkeren, jaarplan, other_auditor
):
    other_auditor.first_name, other_auditor.last_name = "Bram", "Collega"
    other_auditor.save()
    DocumentCheckFactory(
        cycle=cycle,
        unit=uitkeren,
        document_type=jaarplan,
        status="niet_geleverd",
        version=3,
        updated_by=other_auditor,
    )
    client.force_login(auditor)
    response = post_check(client, cycle, uitkeren, jaarplan, version=2)
    assert response.status_code == 400
    content = response.content.decode()
    assert "intussen gewijzigd door Bram Collega" in content
    assert "niet opgeslagen" in content
    check = DocumentCheck.objects.get(cycle=cycle, unit=uitkeren, document_type=jaarplan)
    assert (check.status, check.version) == ("niet_geleverd", 3)
    assert not AuditEvent.objects.filter(object_type="audits.documentcheck").exists()


def test_a_check_created_meanwhile_refuses_a_first_save(client, auditor, cycle, uitkeren, jaarplan):
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, document_type=jaarplan, updated_by=auditor)
    client.force_login(auditor)
    response = post_check(client, cycle, uitkeren, jaarplan, version=0)
    assert response.status_code == 400
    assert "intussen gewijzigd door" in response.content.decode()


def test_only_principles_assessed_at_the_unit_can_be_chosen(
    client, auditor, cycle, communicatie, jaarplan
):
    client.force_login(auditor)
    page = client.get(check_url(cycle, communicatie, jaarplan))
    offered = list(page.context["form"].fields["principles"].queryset)
    assert [p.code for p in offered] == ["klantgerichtheid"]
    response = post_check(
        client,
        cycle,
        communicatie,
        jaarplan,
        principles=[principle("operationele-kwaliteit").pk],
    )
    assert response.status_code == 400
    assert not DocumentCheck.objects.filter(unit=communicatie).exists()


def test_an_unknown_status_is_refused(client, auditor, cycle, uitkeren, jaarplan):
    client.force_login(auditor)
    assert post_check(client, cycle, uitkeren, jaarplan, status="misschien").status_code == 400
    assert not DocumentCheck.objects.exists()


def test_an_item_no_longer_in_use_without_a_check_is_not_found(
    client, auditor, cycle, uitkeren, jaarplan
):
    jaarplan.is_active = False
    jaarplan.save()
    client.force_login(auditor)
    assert client.get(check_url(cycle, uitkeren, jaarplan)).status_code == 404
    assert post_check(client, cycle, uitkeren, jaarplan).status_code == 404


def test_after_fieldwork_the_check_is_read_only(client, auditor, cycle, uitkeren, jaarplan):
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, document_type=jaarplan, geleverd=True)
    AuditCycle.objects.filter(pk=cycle.pk).update(status="kalibratie")
    client.force_login(auditor)
    page = client.get(check_url(cycle, uitkeren, jaarplan))
    assert page.status_code == 200
    assert "Beoordeling opslaan" not in page.content.decode()
    assert "het veldwerk is afgesloten" in page.content.decode()
    response = post_check(client, cycle, uitkeren, jaarplan, version=1, status="nvt")
    assert response.status_code == 400
    assert "het veldwerk is afgesloten" in (response.content.decode())
    assert DocumentCheck.objects.get(unit=uitkeren).status == "geleverd"


def test_coordinator_reads_the_check_without_a_form(client, coordinator, cycle, uitkeren, jaarplan):
    DocumentCheckFactory(
        cycle=cycle,
        unit=uitkeren,
        document_type=jaarplan,
        geleverd=True,
        design_note="Duidelijke doelen.",
    )
    client.force_login(coordinator)
    page = client.get(check_url(cycle, uitkeren, jaarplan))
    assert page.status_code == 200
    assert "Duidelijke doelen." in page.content.decode()
    assert "Beoordeling opslaan" not in page.content.decode()
