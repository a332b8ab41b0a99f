"""Themes of the roll-up: the team creates and edits them (optimistic locking, history old →
new), groups recommendations into them and takes them out again (who and when; a recommendation
may be in several themes). Whether a theme is a rode draad or a proposed hoofdbevinding is
computed by `findings.rules.theme_verdict` on every read: changing the grouping or the threshold
changes it; excluded units never count; Basic Kwaliteitsmanagement is no principle for the
hoofdbevinding rule."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from audits.services.cycles import exclusion_undo, unit_exclude
from findings.models import Theme, ThemeMembership
from findings.selectors.rollup import rollup_board, theme_verdict_of
from findings.services.rollup import (
    rollup_threshold_set,
    theme_create,
    theme_recommendations_add,
    theme_recommendations_remove,
    theme_update,
)
from tests.factories import (
    AuditCycleFactory,
    BusinessUnitFactory,
    RecommendationFactory,
    principle,
)
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict

REFUSED = ["auditor", "other_auditor", "unit_board", "board_member", "outsider"]


@pytest.fixture
def units(uitkeren, communicatie, fez):
    return [uitkeren, communicatie, fez, BusinessUnitFactory(name="Handhaving")]


@pytest.fixture
def theme(coordinator, cycle):
    return theme_create(
        actor=coordinator, cycle=cycle, title="Effect meten", description="Gedaan is niet bereikt."
    )


def rec(cycle, unit, code="klantgerichtheid", **kwargs):
    return RecommendationFactory(cycle=cycle, unit=unit, principle=principle(code), **kwargs)


def group_url(cycle):
    return reverse("findings:rollup_group", args=[cycle.year])


def theme_url(theme, name="theme_detail"):
    return reverse(f"findings:{name}", args=[theme.cycle.year, theme.pk])


def verdict_on_board(cycle, theme):
    return next(row for row in rollup_board(cycle).themes if row.theme == theme).verdict


# --- creating and editing -----------------------------------------------------------------------


def test_the_coordinator_creates_a_theme_on_the_board(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.post(
        reverse("findings:theme_create", args=[cycle.year]),
        {"title": "  Samenwerken in de keten ", "description": "Ketenpartners"},
    )
    assert response.status_code == 302
    theme = Theme.objects.get()
    assert (theme.title, theme.description, theme.version, theme.updated_by) == (
        "Samenwerken in de keten",
        "Ketenpartners",
        1,
        coordinator,
    )
    event = AuditEvent.objects.get(event="findings.theme.created")
    assert event.changes == {
        "title": [None, "Samenwerken in de keten"],
        "description": [None, "Ketenpartners"],
    }
    assert "Samenwerken in de keten" in client.get(response.url).content.decode()


@pytest.mark.parametrize("title", ["", "   "])
def test_a_theme_needs_a_title(client, coordinator, cycle, title):
    client.force_login(coordinator)
    response = client.post(reverse("findings:theme_create", args=[cycle.year]), {"title": title})
    assert response.status_code == 400
    assert "Geef het thema een titel." in response.content.decode()
    assert not Theme.objects.exists()


def test_editing_a_theme_records_old_to_new(client, coordinator, theme):
    client.force_login(coordinator)
    assert client.get(theme_url(theme, "theme_edit")).status_code == 200
    response = client.post(
        theme_url(theme, "theme_edit"),
        {"title": "Effect aantonen", "description": "Gedaan is niet bereikt.", "version": 1},
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.title, theme.version) == ("Effect aantonen", 2)
    event = AuditEvent.objects.get(event="findings.theme.changed")
    assert event.changes == {"title": ["Effect meten", "Effect aantonen"]}
    html = client.get(theme_url(theme)).content.decode()
    assert "Effect meten → Effect aantonen" in html


def test_a_stale_version_is_refused_and_changes_nothing(client, coordinator, theme):
    client.force_login(coordinator)
    Theme.objects.filter(pk=theme.pk).update(title="Door een ander gewijzigd", version=2)
    response = client.post(
        theme_url(theme, "theme_edit"), {"title": "Mijn titel", "description": "", "version": 1}
    )
    assert response.status_code == 400
    assert "Dit thema is intussen gewijzigd door" in response.content.decode()
    theme.refresh_from_db()
    assert theme.title == "Door een ander gewijzigd"
    assert not AuditEvent.objects.filter(event="findings.theme.changed").exists()
    with pytest.raises(EditConflict):
        theme_update(actor=coordinator, theme=theme, expected_version=1, title="X", description="")


def test_an_unchanged_save_records_nothing(coordinator, theme):
    theme_update(
        actor=coordinator,
        theme=theme,
        expected_version=1,
        title="Effect meten",
        description="Gedaan is niet bereikt.",
    )
    theme.refresh_from_db()
    assert theme.version == 1
    assert not AuditEvent.objects.filter(event="findings.theme.changed").exists()


# --- grouping -----------------------------------------------------------------------------------


def test_grouping_records_who_and_when_and_allows_several_themes(
    client, coordinator, cycle, units, theme
):
    first, second = rec(cycle, units[0], title="Meet effect"), rec(cycle, units[1])
    other = theme_create(actor=coordinator, cycle=cycle, title="Sturen op KPI's")
    client.force_login(coordinator)
    response = client.post(
        group_url(cycle) + "?principle=klantgerichtheid",
        {"theme": theme.pk, "recommendations": [first.pk, second.pk], "action": "toevoegen"},
    )
    assert response.status_code == 302
    assert response.url.endswith("?principle=klantgerichtheid")  # back to the same filter
    client.post(
        group_url(cycle), {"theme": other.pk, "recommendations": [first.pk], "action": "toevoegen"}
    )
    membership = ThemeMembership.objects.get(theme=theme, recommendation=first)
    assert membership.added_by == coordinator and membership.added_at is not None
    assert set(first.themes.all()) == {theme, other}
    event = AuditEvent.objects.filter(event="findings.theme.recommendations_added").first()
    assert event.object_id == str(other.pk)
    added = AuditEvent.objects.get(
        event="findings.theme.recommendations_added", object_id=str(theme.pk)
    )
    old, new = added.changes["recommendations"]
    assert old == [] and len(new) == 2 and any("Meet effect" in label for label in new)
    html = client.get(theme_url(theme)).content.decode()
    assert "Meet effect" in html and escape(str(coordinator)) in html


def test_adding_twice_keeps_one_membership(coordinator, cycle, units, theme):
    r = rec(cycle, units[0])
    assert theme_recommendations_add(actor=coordinator, theme=theme, recommendations=[r]) == [r]
    assert theme_recommendations_add(actor=coordinator, theme=theme, recommendations=[r]) == []
    assert ThemeMembership.objects.count() == 1
    assert AuditEvent.objects.filter(event="findings.theme.recommendations_added").count() == 1


def test_taking_a_recommendation_out_is_recorded_and_keeps_other_themes(
    client, coordinator, cycle, units, theme
):
    r = rec(cycle, units[0], title="Meet effect")
    other = theme_create(actor=coordinator, cycle=cycle, title="Sturen")
    theme_recommendations_add(actor=coordinator, theme=theme, recommendations=[r])
    theme_recommendations_add(actor=coordinator, theme=other, recommendations=[r])
    client.force_login(coordinator)
    response = client.post(
        group_url(cycle),
        {
            "theme": theme.pk,
            "recommendations": [r.pk],
            "action": "verwijderen",
            "return_to": "theme",
        },
    )
    assert response.status_code == 302 and response.url == theme_url(theme)
    assert list(r.themes.all()) == [other]
    event = AuditEvent.objects.get(event="findings.theme.recommendations_removed")
    old, new = event.changes["recommendations"]
    assert len(old) == 1 and new == [] and event.actor == coordinator


@pytest.mark.parametrize(
    ("with_theme", "with_recommendation", "message"),
    [
        (True, False, "Kies ten minste één aanbeveling."),
        (False, True, "Kies een thema."),
    ],
)
def test_grouping_needs_a_theme_and_recommendations(
    client, coordinator, cycle, units, theme, with_theme, with_recommendation, message
):
    r = rec(cycle, units[0])
    client.force_login(coordinator)
    payload = {
        "action": "toevoegen",
        "theme": theme.pk if with_theme else "",
        "recommendations": [r.pk] if with_recommendation else [],
    }
    response = client.post(group_url(cycle), payload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ThemeMembership.objects.exists()


def test_a_recommendation_or_theme_of_another_cycle_is_refused(
    client, coordinator, cycle, units, theme
):
    other_cycle = AuditCycleFactory(year=2032)
    foreign = rec(other_cycle, units[0])
    foreign_theme = Theme.objects.create(cycle=other_cycle, title="Elders", updated_by=coordinator)
    client.force_login(coordinator)
    response = client.post(
        group_url(cycle),
        {"theme": theme.pk, "recommendations": [foreign.pk], "action": "toevoegen"},
    )
    assert response.status_code == 400
    assert "Kies alleen aanbevelingen van deze toetscyclus." in response.content.decode()
    own = rec(cycle, units[0])
    response = client.post(
        group_url(cycle),
        {"theme": foreign_theme.pk, "recommendations": [own.pk], "action": "toevoegen"},
    )
    assert response.status_code == 400
    assert "Kies een thema van deze toetscyclus." in response.content.decode()
    with pytest.raises(ValidationError):
        theme_recommendations_add(actor=coordinator, theme=theme, recommendations=[foreign])
    assert not ThemeMembership.objects.exists()
    # And a theme of another cycle is not found under this cycle.
    assert (
        client.get(reverse("findings:theme_detail", args=[2031, foreign_theme.pk])).status_code
        == 404
    )


# --- the verdict follows the grouping and the threshold ------------------------------------------


def test_the_verdict_follows_the_grouping(coordinator, cycle, units, theme):
    recs = [rec(cycle, unit) for unit in units[:3]]
    theme_recommendations_add(actor=coordinator, theme=theme, recommendations=recs[:2])
    assert not verdict_on_board(cycle, theme).is_thread
    theme_recommendations_add(actor=coordinator, theme=theme, recommendations=recs[2:])
    assert verdict_on_board(cycle, theme).is_thread
    theme_recommendations_remove(actor=coordinator, theme=theme, recommendations=recs[:1])
    assert not verdict_on_board(cycle, theme).is_thread


def test_the_verdict_follows_the_threshold(client, coordinator, cycle, units, theme):
    theme_recommendations_add(
        actor=coordinator, theme=theme, recommendations=[rec(cycle, u) for u in units[:3]]
    )
    assert verdict_on_board(cycle, theme).is_thread
    rollup_threshold_set(actor=coordinator, cycle=cycle, threshold=4)
    assert not verdict_on_board(cycle, theme).is_thread
    rollup_threshold_set(actor=coordinator, cycle=cycle, threshold=2)
    assert verdict_on_board(cycle, theme).is_thread
    client.force_login(coordinator)
    html = client.get(reverse("findings:rollup_board", args=[cycle.year])).content.decode()
    assert "rode draad</span>" in html


def test_several_recommendations_of_one_unit_count_once(coordinator, cycle, units, theme):
    unit = units[0]
    theme_recommendations_add(
        actor=coordinator,
        theme=theme,
        recommendations=[
            rec(cycle, unit),
            rec(cycle, unit, "operationele-kwaliteit"),
            rec(cycle, unit),
        ],
    )
    verdict = verdict_on_board(cycle, theme)
    assert verdict.units == {unit.pk} and not verdict.is_thread


def test_an_excluded_unit_never_counts(client, coordinator, cycle, units, theme):
    theme_recommendations_add(
        actor=coordinator, theme=theme, recommendations=[rec(cycle, u) for u in units[:3]]
    )
    assert verdict_on_board(cycle, theme).is_thread
    exclusion = unit_exclude(
        actor=coordinator, cycle=cycle, unit=units[2], reason="Te weinig interviews."
    )
    verdict = verdict_on_board(cycle, theme)
    assert not verdict.is_thread and units[2].pk not in verdict.units
    client.force_login(coordinator)
    html = client.get(theme_url(theme)).content.decode()
    assert "Niet representatief, telt niet mee" in html and units[2].name in html
    exclusion_undo(actor=coordinator, exclusion=exclusion, reason="Toch representatief.")
    assert verdict_on_board(cycle, theme).is_thread


def test_a_thread_under_every_assessed_principle_is_proposed(coordinator, cycle, units, theme):
    theme_recommendations_add(
        actor=coordinator,
        theme=theme,
        recommendations=[
            rec(cycle, units[0]),
            rec(cycle, units[1]),
            rec(cycle, units[2], "operationele-kwaliteit"),
        ],
    )
    verdict = theme_verdict_of(theme)
    assert verdict.is_thread and verdict.propose_main_finding
    board = rollup_board(cycle)
    assert [row.theme for row in board.proposed_main_findings] == [theme]


def test_a_thread_missing_a_principle_is_not_proposed(coordinator, cycle, units, theme):
    theme_recommendations_add(
        actor=coordinator, theme=theme, recommendations=[rec(cycle, u) for u in units[:3]]
    )
    verdict = theme_verdict_of(theme)
    assert verdict.is_thread and not verdict.propose_main_finding
    row = rollup_board(cycle).themes[0]
    assert [p.code for p in row.missing_principles] == ["operationele-kwaliteit"]


def test_basic_kwaliteitsmanagement_is_not_needed_for_a_hoofdbevinding(
    coordinator, cycle, units, theme
):
    cycle.principles.add(principle("basic-km"))
    theme_recommendations_add(
        actor=coordinator,
        theme=theme,
        recommendations=[
            rec(cycle, units[0]),
            rec(cycle, units[1]),
            rec(cycle, units[2], "operationele-kwaliteit"),
        ],
    )
    assert theme_verdict_of(theme).propose_main_finding


# --- access -------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", REFUSED)
def test_others_cannot_read_a_theme(client, request, persona, theme):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(theme_url(theme)).status_code == 403
    assert client.get(theme_url(theme, "theme_edit")).status_code == 403


@pytest.mark.parametrize("persona", REFUSED)
def test_others_cannot_create_edit_or_group_themes(client, request, persona, cycle, units, theme):
    r = rec(cycle, units[0])
    client.force_login(request.getfixturevalue(persona))
    assert (
        client.post(reverse("findings:theme_create", args=[cycle.year]), {"title": "X"}).status_code
        == 403
    )
    assert (
        client.post(
            theme_url(theme, "theme_edit"), {"title": "X", "description": "", "version": 1}
        ).status_code
        == 403
    )
    assert (
        client.post(
            group_url(cycle), {"theme": theme.pk, "recommendations": [r.pk], "action": "toevoegen"}
        ).status_code
        == 403
    )
    assert Theme.objects.count() == 1 and not ThemeMembership.objects.exists()
    theme.refresh_from_db()
    assert theme.title == "Effect meten"


def test_an_unknown_theme_is_a_404(client, coordinator, cycle):
    client.force_login(coordinator)
    assert client.get(reverse("findings:theme_detail", args=[cycle.year, 999])).status_code == 404
