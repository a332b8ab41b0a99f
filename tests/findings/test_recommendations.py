"""Recommendations ("waar is verbetering nodig"): title, text, principle and priority; written
by the unit's auditors, changed with optimistic locking, deleted with a record."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from findings.models import (
    ManagementResponse,
    Recommendation,
    RecommendationResponse,
    Theme,
    ThemeMembership,
)
from findings.services import (
    FindingsLocked,
    recommendation_delete,
    recommendation_update,
)
from tests.findings.unit_reporting import agree, klant, move, ok, recommend, respond
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


def test_auditor_writes_a_recommendation_in_the_browser(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    url = reverse("findings:recommendation_create", args=[cycle.year, uitkeren.id])
    assert client.get(url + "?principe=klantgerichtheid").status_code == 200
    response = client.post(
        url,
        {
            "principle": ok().pk,
            "title": "Stuur op effect",
            "text": "Maak zichtbaar wat verbeteringen opleveren.",
            "priority": "hoog",
            "version": 0,
        },
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get()
    assert (rec.unit, rec.principle, rec.title, rec.priority) == (
        uitkeren,
        ok(),
        "Stuur op effect",
        "hoog",
    )
    event = AuditEvent.objects.get(event="findings.recommendation.created")
    assert event.changes["title"] == [None, "Stuur op effect"]
    assert event.changes["principle"] == [None, "Operationele Kwaliteit"]
    page = client.get(reverse("findings:unit_findings", args=[cycle.year, uitkeren.id]))
    html = page.content.decode()
    assert "Stuur op effect" in html
    assert "prioriteit hoog" in html


def test_title_and_text_are_required(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    url = reverse("findings:recommendation_create", args=[cycle.year, uitkeren.id])
    response = client.post(url, {"principle": klant().pk, "priority": "laag", "version": 0})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef de aanbeveling een korte titel." in html
    assert "Licht toe waar verbetering nodig is." in html


def test_edit_changes_priority_and_principle_with_history(client, auditor, cycle, uitkeren):
    rec = recommend(auditor, cycle, uitkeren, priority="laag")
    client.force_login(auditor)
    url = reverse("findings:recommendation_edit", args=[cycle.year, uitkeren.id, rec.pk])
    response = client.post(
        url,
        {
            "principle": ok().pk,
            "title": rec.title,
            "text": rec.text,
            "priority": "hoog",
            "version": 1,
        },
    )
    assert response.status_code == 302
    rec.refresh_from_db()
    assert (rec.priority, rec.principle, rec.version) == ("hoog", ok(), 2)
    event = AuditEvent.objects.get(event="findings.recommendation.updated")
    assert event.changes == {
        "priority": ["laag", "hoog"],
        "principle": ["Klantgerichtheid", "Operationele Kwaliteit"],
    }
    html = client.get(url).content.decode()
    assert "Aanbeveling gewijzigd" in html
    assert "Laag → Hoog" in html


def test_stale_edit_is_refused(auditor, cycle, uitkeren):
    rec = recommend(auditor, cycle, uitkeren)
    recommendation_update(
        actor=auditor,
        recommendation=rec,
        expected_version=1,
        principle=klant(),
        title="Eerst",
        text=rec.text,
        priority="midden",
    )
    with pytest.raises(EditConflict):
        recommendation_update(
            actor=auditor,
            recommendation=rec,
            expected_version=1,
            principle=klant(),
            title="Later",
            text=rec.text,
            priority="midden",
        )
    rec.refresh_from_db()
    assert rec.title == "Eerst"


def test_delete_is_recorded(client, auditor, cycle, uitkeren):
    rec = recommend(auditor, cycle, uitkeren, title="Overbodig")
    client.force_login(auditor)
    url = reverse("findings:recommendation_delete", args=[cycle.year, uitkeren.id, rec.pk])
    assert client.post(url, {"version": 1}).status_code == 302
    assert not Recommendation.objects.exists()
    event = AuditEvent.objects.get(event="findings.recommendation.deleted")
    assert event.actor == auditor
    assert event.changes["title"] == ["Overbodig", None]
    page = client.get(reverse("findings:unit_findings", args=[cycle.year, uitkeren.id]))
    assert "Aanbeveling verwijderd" in page.content.decode()


def test_recommendations_are_fixed_once_agreed(auditor, coordinator, cycle, uitkeren):
    rec = recommend(auditor, cycle, uitkeren)
    agree(coordinator, cycle, uitkeren)
    with pytest.raises(FindingsLocked):
        recommend(auditor, cycle, uitkeren, title="Te laat")
    with pytest.raises(FindingsLocked):
        recommendation_delete(actor=auditor, recommendation=rec, expected_version=1)
    assert Recommendation.objects.count() == 1


def test_delete_after_reopening_takes_the_concept_answer_along(
    auditor, coordinator, unit_board, cycle, uitkeren
):
    """The board drafted an answer; the report went back to concept; the recommendation goes
    and its concept answer with it (recorded)."""
    rec = recommend(auditor, cycle, uitkeren)
    agree(coordinator, cycle, uitkeren)
    respond(unit_board, cycle, uitkeren, {rec: "niet_herkend"}, submit=False)
    move(coordinator, cycle, uitkeren, "concept")
    recommendation_delete(actor=auditor, recommendation=rec, expected_version=1)
    assert not RecommendationResponse.objects.exists()
    assert ManagementResponse.objects.exists()
    event = AuditEvent.objects.get(event="findings.recommendation.deleted")
    assert event.changes["answer"] == ["niet_herkend", None]


def test_recommendation_grouped_into_a_theme_is_not_deleted(auditor, coordinator, cycle, uitkeren):
    rec = recommend(auditor, cycle, uitkeren)
    theme = Theme.objects.create(cycle=cycle, title="Effect meten", updated_by=coordinator)
    ThemeMembership.objects.create(theme=theme, recommendation=rec, added_by=coordinator)
    with pytest.raises(ValidationError, match="ingedeeld in een thema"):
        recommendation_delete(actor=auditor, recommendation=rec, expected_version=1)
    assert Recommendation.objects.filter(pk=rec.pk).exists()


@pytest.mark.parametrize("persona", ["coordinator", "other_auditor", "unit_board", "outsider"])
def test_only_the_units_auditors_write_recommendations(
    client, request, persona, auditor, cycle, uitkeren
):
    rec = recommend(auditor, cycle, uitkeren)
    client.force_login(request.getfixturevalue(persona))
    data = {"principle": klant().pk, "title": "x", "text": "y", "priority": "laag", "version": 0}
    create = reverse("findings:recommendation_create", args=[cycle.year, uitkeren.id])
    assert client.post(create, data).status_code == 403
    edit = reverse("findings:recommendation_edit", args=[cycle.year, uitkeren.id, rec.pk])
    assert client.post(edit, data | {"version": 1}).status_code == 403
    delete = reverse("findings:recommendation_delete", args=[cycle.year, uitkeren.id, rec.pk])
    assert client.post(delete, {"version": 1}).status_code == 403
    assert list(Recommendation.objects.values_list("title", flat=True)) == [rec.title]
