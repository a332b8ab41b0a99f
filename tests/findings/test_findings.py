"""Observations and good practices per assessed principle: written by the unit's auditors in the
browser, changed with optimistic locking, deleted with a record, fixed once the report is agreed;
coordinators read, everyone else is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audits.services import assignment_create
from findings.models import Finding
from findings.services import (
    FindingsLocked,
    finding_delete,
    finding_update,
    quote_create,
)
from tests.factories import BusinessUnitFactory, UserFactory
from tests.findings.unit_reporting import (
    agree,
    confirmed_interview,
    klant,
    observe,
    ok,
    recommend,
)
from uwvkms.constants import Role
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


def findings_url(cycle, unit):
    return reverse("findings:unit_findings", args=[cycle.year, unit.id])


def create_url(cycle, unit):
    return reverse("findings:finding_create", args=[cycle.year, unit.id])


def test_auditor_writes_an_observation_in_the_browser(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    page = client.get(create_url(cycle, uitkeren) + "?principe=operationele-kwaliteit")
    assert page.status_code == 200
    assert page.context["form"].initial["principle"] == ok()

    response = client.post(
        create_url(cycle, uitkeren),
        {
            "principle": ok().pk,
            "kind": "observatie",
            "text": " Werkvoorraad wordt dagelijks gevolgd. ",
            "version": 0,
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#principe-operationele-kwaliteit")
    finding = Finding.objects.get()
    assert (finding.unit, finding.principle, finding.kind) == (uitkeren, ok(), "observatie")
    assert finding.text == "Werkvoorraad wordt dagelijks gevolgd."
    assert (finding.version, finding.updated_by) == (1, auditor)

    page = client.get(findings_url(cycle, uitkeren))
    html = page.content.decode()
    assert "Werkvoorraad wordt dagelijks gevolgd." in html
    assert "De observatie bij Operationele Kwaliteit is toegevoegd." in html
    assert "Bevinding toegevoegd" in html  # the history


def test_good_practice_is_a_finding_of_its_own_kind(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    client.post(
        create_url(cycle, uitkeren),
        {
            "principle": klant().pk,
            "kind": "goede_praktijk",
            "text": "Klantpanels per district.",
            "version": 0,
        },
    )
    page = client.get(findings_url(cycle, uitkeren))
    section = next(s for s in page.context["sections"] if s.principle == klant())
    assert [f.text for f in section.good_practices] == ["Klantpanels per district."]
    assert section.observations == []


def test_empty_form_is_refused_in_dutch(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    response = client.post(create_url(cycle, uitkeren), {"principle": klant().pk, "version": 0})
    assert response.status_code == 400
    assert "Schrijf de observatie of goede praktijk op." in response.content.decode()
    assert not Finding.objects.exists()


def test_principle_not_assessed_at_the_unit_is_refused(client, auditor, cycle, communicatie):
    """Operationele Kwaliteit is absent at Communicatie: not offered, and refused if posted."""
    client.force_login(auditor)
    page = client.get(create_url(cycle, communicatie))
    assert list(page.context["form"].fields["principle"].queryset) == [klant()]
    response = client.post(
        create_url(cycle, communicatie),
        {"principle": ok().pk, "kind": "observatie", "text": "Iets.", "version": 0},
    )
    assert response.status_code == 400
    assert "Kies een principe dat bij dit onderdeel is getoetst." in response.content.decode()
    with pytest.raises(ValidationError, match="wordt bij Communicatie niet getoetst"):
        observe(auditor, cycle, communicatie, principle=ok())


def test_edit_records_old_and_new(client, auditor, cycle, uitkeren):
    finding = observe(auditor, cycle, uitkeren, text="Oud.")
    client.force_login(auditor)
    url = reverse("findings:finding_edit", args=[cycle.year, uitkeren.id, finding.pk])
    response = client.post(
        url, {"principle": klant().pk, "kind": "goede_praktijk", "text": "Nieuw.", "version": 1}
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.text, finding.kind, finding.version) == ("Nieuw.", "goede_praktijk", 2)
    event = AuditEvent.objects.filter(event="findings.finding.updated").get()
    assert event.actor == auditor
    assert event.changes == {"text": ["Oud.", "Nieuw."], "kind": ["observatie", "goede_praktijk"]}
    html = client.get(url).content.decode()
    assert "Bevinding gewijzigd" in html
    assert "Oud. → Nieuw." in html


def test_stale_edit_is_refused_and_keeps_the_other_change(client, auditor, cycle, uitkeren):
    finding = observe(auditor, cycle, uitkeren, text="Eerste tekst.")
    colleague = UserFactory(username="collega", roles=[Role.TOETSER])

    assignment_create(
        actor=cycle.created_by, cycle=cycle, unit=uitkeren, auditor=colleague, is_lead=False
    )
    finding_update(
        actor=colleague,
        finding=finding,
        expected_version=1,
        principle=klant(),
        kind="observatie",
        text="Van de collega.",
    )
    client.force_login(auditor)
    url = reverse("findings:finding_edit", args=[cycle.year, uitkeren.id, finding.pk])
    response = client.post(
        url, {"principle": klant().pk, "kind": "observatie", "text": "Mijn versie.", "version": 1}
    )
    assert response.status_code == 400
    assert "intussen gewijzigd door" in response.content.decode()
    finding.refresh_from_db()
    assert (finding.text, finding.version) == ("Van de collega.", 2)
    with pytest.raises(EditConflict):
        finding_update(
            actor=auditor,
            finding=finding,
            expected_version=1,
            principle=klant(),
            kind="observatie",
            text="x",
        )


def test_unchanged_save_records_nothing(auditor, cycle, uitkeren):
    finding = observe(auditor, cycle, uitkeren, text="Zelfde.")
    finding_update(
        actor=auditor,
        finding=finding,
        expected_version=1,
        principle=klant(),
        kind="observatie",
        text="Zelfde.",
    )
    finding.refresh_from_db()
    assert finding.version == 1
    assert not AuditEvent.objects.filter(event="findings.finding.updated").exists()


def test_delete_is_recorded_with_the_text(client, auditor, cycle, uitkeren):
    finding = observe(auditor, cycle, uitkeren, text="Weg ermee.")
    client.force_login(auditor)
    url = reverse("findings:finding_delete", args=[cycle.year, uitkeren.id, finding.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": 1})
    assert response.status_code == 302
    assert not Finding.objects.exists()
    event = AuditEvent.objects.get(event="findings.finding.deleted")
    assert event.object_type == "findings.unitreport"
    assert event.changes["text"] == ["Weg ermee.", None]
    html = client.get(findings_url(cycle, uitkeren)).content.decode()
    assert "Bevinding verwijderd" in html
    assert "Weg ermee. → –" in html


def test_stale_delete_is_refused(auditor, cycle, uitkeren):
    finding = observe(auditor, cycle, uitkeren)
    finding_update(
        actor=auditor,
        finding=finding,
        expected_version=1,
        principle=klant(),
        kind="observatie",
        text="Anders.",
    )
    with pytest.raises(EditConflict):
        finding_delete(actor=auditor, finding=finding, expected_version=1)
    assert Finding.objects.exists()


def test_findings_are_fixed_once_the_report_is_agreed(
    client, auditor, coordinator, cycle, uitkeren
):
    finding = observe(auditor, cycle, uitkeren, text="Vast.")
    agree(coordinator, cycle, uitkeren)
    with pytest.raises(FindingsLocked, match="afgestemd"):
        observe(auditor, cycle, uitkeren)
    with pytest.raises(FindingsLocked):
        finding_update(
            actor=auditor,
            finding=finding,
            expected_version=1,
            principle=klant(),
            kind="observatie",
            text="x",
        )
    with pytest.raises(FindingsLocked):
        finding_delete(actor=auditor, finding=finding, expected_version=1)

    client.force_login(auditor)
    page = client.get(findings_url(cycle, uitkeren)).content.decode()
    assert "de bevindingen liggen vast" in page
    assert "Observatie toevoegen" not in page
    response = client.post(
        reverse("findings:finding_edit", args=[cycle.year, uitkeren.id, finding.pk]),
        {"principle": klant().pk, "kind": "observatie", "text": "x", "version": 1},
    )
    assert response.status_code == 400
    finding.refresh_from_db()
    assert finding.text == "Vast."


def test_finding_of_another_unit_is_not_found(client, auditor, cycle, uitkeren, communicatie):
    finding = observe(auditor, cycle, communicatie)
    client.force_login(auditor)
    url = reverse("findings:finding_edit", args=[cycle.year, uitkeren.id, finding.pk])
    assert client.get(url).status_code == 404


def test_coordinator_reads_but_does_not_write(client, auditor, coordinator, cycle, uitkeren):
    finding = observe(auditor, cycle, uitkeren, text="Leesbaar voor de coördinatie.")
    client.force_login(coordinator)
    page = client.get(findings_url(cycle, uitkeren))
    assert page.status_code == 200
    assert "Leesbaar voor de coördinatie." in page.content.decode()
    assert "Observatie toevoegen" not in page.content.decode()
    edit = reverse("findings:finding_edit", args=[cycle.year, uitkeren.id, finding.pk])
    assert client.get(edit).status_code == 200  # read-only, with its history
    assert client.post(edit, {"text": "x", "version": 1}).status_code == 403
    assert client.get(create_url(cycle, uitkeren)).status_code == 403
    delete = reverse("findings:finding_delete", args=[cycle.year, uitkeren.id, finding.pk])
    assert client.post(delete, {"version": 1}).status_code == 403
    assert Finding.objects.get().text == "Leesbaar voor de coördinatie."


@pytest.mark.parametrize("persona", ["other_auditor", "unit_board", "board_member", "outsider"])
def test_others_cannot_read_or_write_findings(client, request, persona, auditor, cycle, uitkeren):
    finding = observe(auditor, cycle, uitkeren)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(findings_url(cycle, uitkeren)).status_code == 403
    assert client.get(create_url(cycle, uitkeren)).status_code == 403
    post = {"principle": klant().pk, "kind": "observatie", "text": "x", "version": 0}
    assert client.post(create_url(cycle, uitkeren), post).status_code == 403
    edit = reverse("findings:finding_edit", args=[cycle.year, uitkeren.id, finding.pk])
    assert client.get(edit).status_code == 403
    assert client.post(edit, post | {"version": 1}).status_code == 403
    delete = reverse("findings:finding_delete", args=[cycle.year, uitkeren.id, finding.pk])
    assert client.post(delete, {"version": 1}).status_code == 403
    assert Finding.objects.count() == 1


def test_anonymous_is_sent_to_login(client, cycle, uitkeren):
    response = client.get(findings_url(cycle, uitkeren))
    assert response.status_code == 302
    assert "/inloggen/" in response["Location"]


def test_unit_without_scope_is_not_found(client, coordinator, cycle):

    unit = BusinessUnitFactory(name="Nergens getoetst")
    client.force_login(coordinator)
    assert client.get(findings_url(cycle, unit)).status_code == 404


def test_findings_page_uses_a_constant_number_of_queries(
    client, auditor, cycle, uitkeren, django_assert_max_num_queries
):

    interview = confirmed_interview(cycle, uitkeren)

    def write(n: int):
        for i in range(n):
            observe(auditor, cycle, uitkeren, text=f"Observatie {i}.")
            recommend(auditor, cycle, uitkeren, title=f"Aanbeveling {i}")
            quote_create(
                actor=auditor,
                cycle=cycle,
                unit=uitkeren,
                principle=klant(),
                interview=interview,
                text=f"Citaat {i}.",
            )

    client.force_login(auditor)
    write(1)
    with django_assert_max_num_queries(30) as small:
        assert client.get(findings_url(cycle, uitkeren)).status_code == 200
    write(6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(findings_url(cycle, uitkeren)).status_code == 200
