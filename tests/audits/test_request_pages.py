"""The pages of evidence requests (issue 21 §1) per role, with the refusals: the lead composes
and sends the list (all documents preselected), the unit's board and quality contacts answer on
their page, a refused upload keeps what was typed, the team asks more; a quality contact sees
nothing else of the audit, and nobody sees another unit's list."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audits.models import DocumentType, EvidenceRequest
from tests.audits.requests_world import PDF, item_of
from tests.factories import UserFactory


def team_url(cycle, unit):
    return reverse("audits:team_request", args=[cycle.year, unit.pk])


def unit_url(cycle, unit):
    return reverse("audits:unit_request", args=[cycle.year, unit.pk])


def test_the_lead_sends_a_list_with_every_document_preselected(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    page = client.get(team_url(cycle, uitkeren))
    assert page.status_code == 200
    form = page.context["send_form"]
    active = DocumentType.objects.filter(is_active=True)
    assert set(form.initial["document_types"]) == set(active)
    due = timezone.localdate() + datetime.timedelta(days=10)
    response = client.post(
        team_url(cycle, uitkeren),
        {
            "document_types": [d.pk for d in active[:2]],
            "extra_items": "Verbeterplan: de laatste versie\n\nKlachtenrapportage",
            "due_on": due.isoformat(),
            "note": "",
        },
    )
    assert response.status_code == 302
    request = EvidenceRequest.objects.get()
    assert request.items.count() == 4
    assert item_of(request, "Verbeterplan").explanation == "de laatste versie"


def test_a_refused_list_keeps_what_was_typed(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    response = client.post(
        team_url(cycle, uitkeren),
        {"document_types": [], "extra_items": "Iets bijzonders", "due_on": "2001-01-01"},
    )
    assert response.status_code == 400
    assert "in het verleden" in response.content.decode()
    assert "Iets bijzonders" in response.content.decode()
    assert not EvidenceRequest.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("auditor", 200),
        ("coordinator", 200),
        ("other_auditor", 403),
        ("unit_board", 403),
        ("qc_user", 403),
        ("outsider", 403),
        ("board_member", 403),
    ],
)
def test_who_reads_the_teams_page(
    request, client, qc, evidence_request, cycle, uitkeren, persona, status
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(team_url(cycle, uitkeren)).status_code == status


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("unit_board", 200),
        ("qc_user", 200),
        ("other_qc", 403),
        ("auditor", 403),
        ("coordinator", 403),
        ("outsider", 403),
    ],
)
def test_who_reads_the_units_page(
    request, client, qc, evidence_request, cycle, uitkeren, persona, status
):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(unit_url(cycle, uitkeren)).status_code == status


def test_the_coordinator_reads_but_is_offered_nothing(
    client, coordinator, evidence_request, cycle, uitkeren
):
    client.force_login(coordinator)
    page = client.get(team_url(cycle, uitkeren)).content.decode()
    assert "Aanvullend vragen" not in page and "Stuk toevoegen" not in page
    item = item_of(evidence_request, "Jaarplan")
    response = client.post(
        reverse("audits:team_item_withdraw", args=[cycle.year, uitkeren.pk, item.pk]),
        {f"w{item.pk}-reason": "Weg"},
    )
    assert response.status_code == 403


def test_unknown_unit_cycle_or_item_is_404(
    client, auditor, qc_user, qc, evidence_request, cycle, uitkeren
):
    client.force_login(auditor)
    assert client.get(reverse("audits:team_request", args=[cycle.year, 99999])).status_code == 404
    assert client.get(reverse("audits:team_request", args=[1999, uitkeren.pk])).status_code == 404
    client.force_login(qc_user)
    url = reverse("audits:unit_item_answer", args=[cycle.year, uitkeren.pk, 99999])
    assert client.post(url, {}).status_code == 404


def test_the_contact_uploads_and_a_refused_upload_keeps_the_message(
    client, qc_user, qc, evidence_request, cycle, uitkeren
):
    client.force_login(qc_user)
    item = item_of(evidence_request, "Jaarplan")
    url = reverse("audits:unit_item_deliver", args=[cycle.year, uitkeren.pk, item.pk])
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("jaarplan.pdf", b"GIF89a not a pdf", content_type="application/pdf")
    response = client.post(url, {f"i{item.pk}-file": bad, f"i{item.pk}-message": "Mijn uitleg"})
    assert response.status_code == 400
    assert "Mijn uitleg" in response.content.decode()
    item.refresh_from_db()
    assert item.status == "open"
    good = SimpleUploadedFile("jaarplan.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {f"i{item.pk}-file": good, f"i{item.pk}-message": "Mijn uitleg"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "geleverd"


def test_marking_nvt_without_explanation_is_refused_and_kept(
    client, unit_board, evidence_request, cycle, uitkeren
):
    client.force_login(unit_board)
    item = item_of(evidence_request, "Jaarplan")
    url = reverse("audits:unit_item_answer", args=[cycle.year, uitkeren.pk, item.pk])
    response = client.post(
        url,
        {
            f"i{item.pk}-action": "nvt",
            f"i{item.pk}-answer": "",
            f"i{item.pk}-version": item.version,
        },
    )
    assert response.status_code == 400
    refused = next(i for i in response.context["page"].items if i.pk == item.pk)
    assert refused.forms["answer"].errors["answer"]
    assert refused.forms["answer"]["action"].value() == "nvt"  # given back as chosen
    response = client.post(
        url,
        {
            f"i{item.pk}-action": "nvt",
            f"i{item.pk}-answer": "Geen jaarplan nodig.",
            f"i{item.pk}-version": item.version,
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "nvt"


def test_the_team_asks_more_and_the_unit_sees_it_open_again(
    client, auditor, unit_board, evidence_request, cycle, uitkeren
):
    item = item_of(evidence_request, "Jaarplan")
    client.force_login(unit_board)
    client.post(
        reverse("audits:unit_item_answer", args=[cycle.year, uitkeren.pk, item.pk]),
        {
            f"i{item.pk}-action": "bestaat_niet",
            f"i{item.pk}-answer": "Nooit gemaakt.",
            f"i{item.pk}-version": item.version,
        },
    )
    item.refresh_from_db()
    client.force_login(auditor)
    response = client.post(
        reverse("audits:team_item_ask_more", args=[cycle.year, uitkeren.pk, item.pk]),
        {f"i{item.pk}-text": "Hoe stelt u dan doelen?", f"i{item.pk}-version": item.version},
    )
    assert response.status_code == 302
    client.force_login(unit_board)
    page = client.get(unit_url(cycle, uitkeren)).content.decode()
    assert "Hoe stelt u dan doelen?" in page and "Aanvullend gevraagd" in page


def test_a_quality_contact_sees_nothing_else_of_the_audit(
    client, qc_user, qc, evidence_request, cycle, uitkeren
):
    client.force_login(qc_user)
    refused = [
        reverse("audits:evidence_overview", args=[cycle.year, uitkeren.pk]),
        reverse("audits:document_checklist", args=[cycle.year, uitkeren.pk]),
        reverse("audits:interview_list", args=[cycle.year, uitkeren.pk]),
        reverse("audits:team_request", args=[cycle.year, uitkeren.pk]),
        reverse("audits:standard_documents", args=[cycle.year]),
        reverse("findings:unit_report", args=[cycle.year, uitkeren.pk]),
        reverse("maturity:calibration_matrix", args=[cycle.year]),
        reverse("findings:cycle_cockpit", args=[cycle.year]),
    ]
    for url in refused:
        assert client.get(url).status_code in (403, 404), url


def test_an_ended_contact_loses_the_page(
    client, unit_board, qc_user, qc, evidence_request, cycle, uitkeren
):
    client.force_login(unit_board)
    response = client.post(
        reverse("audits:quality_contact_end", args=[qc.pk]),
        {f"c{qc.pk}-reason": "Andere functie"},
    )
    assert response.status_code == 302
    client.force_login(qc_user)
    assert client.get(unit_url(cycle, uitkeren)).status_code == 403


def test_the_board_designates_a_contact_of_its_own_unit_only(
    client, unit_board, uitkeren, communicatie
):
    colleague = UserFactory(username="collega", business_unit=uitkeren)
    stranger = UserFactory(username="vreemde", business_unit=communicatie)
    client.force_login(unit_board)
    page = client.get(reverse("audits:quality_contacts"))
    assert page.status_code == 200
    candidates = set(page.context["form"].fields["user"].queryset)
    assert colleague in candidates and stranger not in candidates
    response = client.post(reverse("audits:quality_contacts"), {"user": stranger.pk})
    assert response.status_code == 400
    response = client.post(reverse("audits:quality_contacts"), {"user": colleague.pk})
    assert response.status_code == 302
    assert colleague.quality_contact_roles.get().unit == uitkeren


@pytest.mark.parametrize(
    "persona", ["auditor", "coordinator", "outsider", "qc_user", "board_member"]
)
def test_only_a_board_manages_contacts(request, client, qc, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audits:quality_contacts")).status_code == 403


def test_another_units_board_cannot_end_our_contact(client, qc, communicatie):
    board = UserFactory(
        username="directie_com2", business_unit=communicatie, roles=["Directie bedrijfsonderdeel"]
    )
    client.force_login(board)
    response = client.post(
        reverse("audits:quality_contact_end", args=[qc.pk]), {f"c{qc.pk}-reason": "Weg"}
    )
    assert response.status_code == 404
    qc.refresh_from_db()
    assert not qc.is_withdrawn


def test_the_list_is_on_the_contacts_home_page_with_its_due_date(
    client, qc_user, qc, evidence_request, cycle, uitkeren
):
    client.force_login(qc_user)
    page = client.get(reverse("home")).content.decode()
    assert unit_url(cycle, uitkeren) in page
    assert "Uitvraag Uitkeren" in page


def test_extra_item_files_are_downloaded_by_the_team_and_the_unit_only(
    client, qc_user, qc, auditor, other_qc, evidence_request, cycle, uitkeren
):
    from audits.services.requests import request_item_deliver
    from tests.audits.requests_world import fresh

    item = item_of(evidence_request, "Verbeterplan klantcontact")
    request_item_deliver(actor=fresh(qc_user), item=item, name="plan.pdf", data=PDF)
    delivered = item.extra_files.get()
    url = reverse("audits:request_file", args=[cycle.year, delivered.pk])
    for user, status in ((auditor, 200), (qc_user, 200), (other_qc, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status


def test_the_cockpit_and_its_export_show_the_open_items_per_unit(
    client, coordinator, evidence_request, cycle
):
    open_items = evidence_request.items.count()
    assert open_items >= 2
    client.force_login(coordinator)
    page = client.get(reverse("findings:cycle_cockpit", args=[cycle.year]))
    row = next(r for r in page.context["cockpit"].rows if r.unit.name == "Uitkeren")
    assert row.open_request_items == open_items
    assert f"{open_items} stukken open" in page.content.decode()
    export = client.get(reverse("findings:cycle_cockpit_export", args=[cycle.year]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = [[cell.value for cell in r] for r in sheet.iter_rows()]
    column = rows[0].index("Uitvraag open")
    assert next(r for r in rows if r[0] == "Uitkeren")[column] == f"{open_items} stukken open"
    others = [r for r in rows[1:-1] if r[0] != "Uitkeren"]
    assert others and all(r[column] == "niet verstuurd" for r in others)
