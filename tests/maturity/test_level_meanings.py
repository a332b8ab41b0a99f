"""The five maturity levels' names and meanings as reference data (Bijlage 1): seeded, kept by
the coordination team (versioned, on record old → new), read wherever a level's general meaning
shows, and nobody else may touch them."""

import pytest
from django.urls import reverse

from audits.services import cycle_open
from maturity.constants import MaturityLevel
from maturity.models import LevelMeaning
from maturity.selectors import level_meanings
from maturity.selectors.framework import framework_for
from maturity.services.levels import level_meaning_update
from tests.factories import principle
from uwvkms.models import AuditEvent

LIST = reverse("maturity:level_meaning_list")


def edit_url(level: int = 3) -> str:
    return reverse("maturity:level_meaning_edit", args=[level])


def post(client, level=3, **data):
    return client.post(edit_url(level), {"name": "Reproduceren", "version": 1} | data)


# --- Seeded ---------------------------------------------------------------------------------


def test_the_five_levels_are_seeded_with_their_names_and_meanings(db):
    meanings = level_meanings()
    assert [m.label for m in meanings.values()] == [str(level.label) for level in MaturityLevel]
    assert all(m.meaning for m in meanings.values())
    # Level 2 says what can be improved, as the report's own description does.
    assert "kennis, gedrag, processen, producten en systemen" in meanings[2].meaning
    assert "documentatie" in meanings[MaturityLevel.REPRODUCEREN].meaning


def test_the_coordination_team_sees_the_seeded_levels(client, coordinator):
    client.force_login(coordinator)
    page = client.get(LIST)
    assert page.status_code == 200
    assert level_meanings()[4].meaning in page.content.decode()


# --- Editing --------------------------------------------------------------------------------


def test_coordinator_edits_a_meaning_and_the_history_shows_old_and_new(client, coordinator):
    old = LevelMeaning.objects.get(level=3).meaning
    client.force_login(coordinator)
    assert client.get(edit_url()).status_code == 200
    response = post(client, meaning="Het verbeteren is aantoonbaar vast werk.")
    assert response.status_code == 302
    stored = LevelMeaning.objects.get(level=3)
    assert (stored.meaning, stored.version, stored.updated_by) == (
        "Het verbeteren is aantoonbaar vast werk.",
        2,
        coordinator,
    )
    event = AuditEvent.objects.get(event="maturity.level_meaning.changed")
    assert event.changes == {"meaning": [old, "Het verbeteren is aantoonbaar vast werk."]}
    html = client.get(edit_url()).content.decode()
    assert "Betekenis van een volwassenheidsniveau gewijzigd" in html


def test_a_save_on_an_old_version_is_refused_and_keeps_the_input(client, coordinator):
    level_meaning_update(
        actor=coordinator,
        level_meaning=LevelMeaning.objects.get(level=3),
        name="Reproduceren",
        meaning="Een collega was eerder.",
        expected_version=1,
    )
    client.force_login(coordinator)
    response = post(client, name="Herhaalbaar", meaning="Mijn eigen betekenis.")
    assert response.status_code == 400
    html = response.content.decode()
    assert "intussen gewijzigd" in html
    assert "Mijn eigen betekenis." in html
    assert "Herhaalbaar" in html
    assert LevelMeaning.objects.get(level=3).meaning == "Een collega was eerder."


def test_an_empty_meaning_is_refused_and_keeps_the_name(client, coordinator):
    client.force_login(coordinator)
    response = post(client, name="Herhaalbaar", meaning="  ")
    assert response.status_code == 400
    assert "Herhaalbaar" in response.content.decode()
    assert LevelMeaning.objects.get(level=3).version == 1


def test_an_edited_meaning_shows_where_a_framework_leaves_a_level_empty(coordinator):
    level_meaning_update(
        actor=coordinator,
        level_meaning=LevelMeaning.objects.get(level=4),
        name="Sturen",
        meaning="Er wordt aantoonbaar op gestuurd.",
        expected_version=1,
    )
    cycle = cycle_open(actor=coordinator, year=2036, principles=[principle("leiderschap")])
    assert framework_for(cycle=cycle, principle=principle("leiderschap")).level_4 == (
        "Er wordt aantoonbaar op gestuurd."
    )


# --- Refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["auditor", "board_member", "outsider"])
@pytest.mark.parametrize("url", [LIST, edit_url()])
def test_nobody_else_sees_the_pages(db, client, request, persona, url):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("persona", ["auditor", "board_member", "outsider"])
def test_nobody_else_changes_a_meaning(db, client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert post(client, meaning="Anders.").status_code == 403
    assert LevelMeaning.objects.get(level=3).meaning != "Anders."
    assert not AuditEvent.objects.filter(event="maturity.level_meaning.changed").exists()
