"""Bijlage 2's reference texts: each management principle's definition and "UWV specifiek", and
the appendix's introduction, seeded in our own wording and kept by the coordination team —
versioned, on record old → new, and nobody else may touch them."""

import pytest
from django.urls import reverse

from audits.constants import ReferenceTextKey
from audits.models import ManagementPrinciple, ReferenceText
from audits.services.reference import principle_texts_update, reference_text_update
from tests.factories import principle
from uwvkms.models import AuditEvent

LIST = reverse("audits:principle_texts_list")
INTRODUCTION = reverse("audits:principles_introduction_edit")
KG = "klantgerichtheid"


def edit_url(code: str = KG) -> str:
    return reverse("audits:principle_texts_edit", args=[code])


# --- Seeded ---------------------------------------------------------------------------------


def test_every_principle_of_bijlage_2_has_a_seeded_definition(db):
    principles = ManagementPrinciple.objects.filter(is_basic=False)
    assert principles.count() == 8
    assert all(p.definition for p in principles)
    # Operationele Kwaliteit is UWV's own principle: a definition, no separate UWV text.
    assert not principle("operationele-kwaliteit").uwv_specific
    assert "waardeketen van de sociale zekerheid" in principle(KG).uwv_specific
    assert "risicomanagement" in principle("leiderschap").uwv_specific


def test_the_seeded_introduction_notes_the_iso_principle_outside_uwv_scope(db):
    text = ReferenceText.objects.get(key=ReferenceTextKey.PRINCIPLES_INTRODUCTION).text
    assert "acht kwaliteitsmanagementprincipes" in text
    assert "leveranciers" in text
    assert "buiten beschouwing" in text


def test_the_coordination_team_sees_the_seeded_texts(client, coordinator):
    client.force_login(coordinator)
    page = client.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert principle(KG).definition.split(".")[0] in html
    assert "buiten beschouwing" in html
    assert "Basic Kwaliteitsmanagement" not in html


# --- Editing --------------------------------------------------------------------------------


def test_coordinator_edits_a_principle_and_the_history_shows_old_and_new(client, coordinator):
    kg = principle(KG)
    old = kg.definition
    client.force_login(coordinator)
    assert client.get(edit_url()).status_code == 200
    response = client.post(
        edit_url(),
        {"definition": "  De klant bepaalt.  ", "uwv_specific": kg.uwv_specific, "version": 1},
    )
    assert response.status_code == 302
    kg.refresh_from_db()
    assert (kg.definition, kg.version, kg.updated_by) == ("De klant bepaalt.", 2, coordinator)
    event = AuditEvent.objects.get(event="audits.principle.texts_changed")
    assert event.actor == coordinator
    assert event.changes == {"definition": [old, "De klant bepaalt."]}
    html = client.get(edit_url()).content.decode()
    assert "Omschrijving van het managementprincipe gewijzigd" in html
    assert "De klant bepaalt." in html


def test_an_unchanged_save_records_nothing(coordinator):
    kg = principle(KG)
    principle_texts_update(
        actor=coordinator,
        principle=kg,
        definition=kg.definition,
        uwv_specific=kg.uwv_specific,
        expected_version=1,
    )
    kg.refresh_from_db()
    assert kg.version == 1
    assert not AuditEvent.objects.filter(event="audits.principle.texts_changed").exists()


def test_a_save_on_an_old_version_is_refused_and_keeps_the_input(client, coordinator):
    kg = principle(KG)
    principle_texts_update(
        actor=coordinator,
        principle=kg,
        definition="Een collega was eerder.",
        uwv_specific="",
        expected_version=1,
    )
    client.force_login(coordinator)
    response = client.post(
        edit_url(),
        {"definition": "Mijn eigen definitie.", "uwv_specific": "Mijn UWV-tekst.", "version": 1},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "intussen gewijzigd" in html
    assert "Mijn eigen definitie." in html
    assert "Mijn UWV-tekst." in html
    kg.refresh_from_db()
    assert kg.definition == "Een collega was eerder."


def test_coordinator_edits_the_introduction_with_its_history(client, coordinator):
    stored = ReferenceText.objects.get(key=ReferenceTextKey.PRINCIPLES_INTRODUCTION)
    client.force_login(coordinator)
    assert client.get(INTRODUCTION).status_code == 200
    response = client.post(
        INTRODUCTION, {"text": "Onze inleiding.\n\nTweede alinea.", "version": 1}
    )
    assert response.status_code == 302
    stored.refresh_from_db()
    assert stored.text == "Onze inleiding.\n\nTweede alinea."
    assert stored.version == 2
    event = AuditEvent.objects.get(event="audits.reference_text.changed")
    assert event.changes["text"][1] == "Onze inleiding.\n\nTweede alinea."
    assert "Vaste tekst gewijzigd" in client.get(INTRODUCTION).content.decode()


def test_an_introduction_on_an_old_version_is_refused_and_keeps_the_input(client, coordinator):
    reference_text_update(
        actor=coordinator,
        key=ReferenceTextKey.PRINCIPLES_INTRODUCTION,
        text="Eerder opgeslagen.",
        expected_version=1,
    )
    client.force_login(coordinator)
    response = client.post(INTRODUCTION, {"text": "Mijn inleiding.", "version": 1})
    assert response.status_code == 400
    assert "Mijn inleiding." in response.content.decode()
    assert ReferenceText.objects.get().text == "Eerder opgeslagen."


def test_basic_kwaliteitsmanagement_is_no_principle_of_bijlage_2(client, coordinator):
    client.force_login(coordinator)
    assert client.get(edit_url("basic-km")).status_code == 404


# --- Refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["auditor", "board_member", "outsider"])
@pytest.mark.parametrize("url", [LIST, INTRODUCTION, edit_url()])
def test_nobody_else_sees_the_pages(db, client, request, persona, url):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("persona", ["auditor", "board_member", "outsider"])
def test_nobody_else_changes_the_texts(db, client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(edit_url(), {"definition": "Anders.", "uwv_specific": "", "version": 1})
    assert response.status_code == 403
    response = client.post(INTRODUCTION, {"text": "Anders.", "version": 1})
    assert response.status_code == 403
    assert principle(KG).definition != "Anders."
    assert ReferenceText.objects.get().text != "Anders."
    assert not AuditEvent.objects.filter(event__startswith="audits.principle").exists()
    assert not AuditEvent.objects.filter(event__startswith="audits.reference_text").exists()
