"""Lessons for the next cycle (issue 21 §6): the coordination team keeps them per cycle (add,
edit versioned, withdraw with a reason); the cycle opened after it shows them, and the team marks
each verwerkt there with a note. Only the coordination team keeps them."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audits.models import Lesson, LessonProcessing
from audits.services.cycle_setup import cycle_open_based_on
from audits.services.evaluation import (
    lesson_create,
    lesson_process,
    lesson_update,
    lesson_withdraw,
)
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


def test_the_team_adds_edits_and_withdraws_lessons(client, coordinator, cycle):
    client.force_login(coordinator)
    url = reverse("audits:lessons", args=[cycle.year])
    refused = client.post(url, {"text": "  ", "theme": "veldwerk"})
    assert refused.status_code == 400 and "Schrijf de les op." in refused.content.decode()
    assert 'value="veldwerk" selected' in refused.content.decode()
    client.post(url, {"text": "Plan de interviews eerder.", "theme": "veldwerk"})
    lesson = Lesson.objects.get()
    assert (lesson.cycle, lesson.created_by, lesson.theme) == (cycle, coordinator, "veldwerk")
    page = client.get(url).content.decode()
    assert "Plan de interviews eerder." in page and "Veldwerk en bewijs" in page
    edit = reverse("audits:lesson_edit", args=[cycle.year, lesson.pk])
    client.post(edit, {"text": "Plan de interviews vóór de zomer.", "theme": "", "version": "1"})
    lesson.refresh_from_db()
    assert (lesson.text, lesson.theme, lesson.version) == (
        "Plan de interviews vóór de zomer.",
        "",
        2,
    )
    stale = client.post(edit, {"text": "Iets anders.", "theme": "", "version": "1"})
    assert stale.status_code == 400 and "intussen gewijzigd" in stale.content.decode()
    assert "Plan de interviews eerder." in client.get(edit).content.decode()  # history old → new
    withdraw = reverse("audits:lesson_withdraw", args=[cycle.year, lesson.pk])
    assert client.post(withdraw, {"reason": ""}).status_code == 400
    client.post(withdraw, {"reason": "Dubbel."})
    lesson = Lesson.with_withdrawn.get()
    assert lesson.is_withdrawn
    page = client.get(url).content.decode()
    assert "<del>Plan de interviews vóór de zomer.</del>" in page and "Dubbel." in page


def test_only_the_coordination_team_keeps_lessons(
    client, auditor, board_member, unit_board, outsider, coordinator, cycle
):
    lesson = lesson_create(actor=coordinator, cycle=cycle, text="Eerder beginnen.")
    for person in (auditor, board_member, unit_board, outsider):
        with pytest.raises(PermissionDenied):
            lesson_create(actor=person, cycle=cycle, text="Iets.")
        with pytest.raises(PermissionDenied):
            lesson_update(actor=person, lesson=lesson, text="x", theme="", expected_version=1)
        with pytest.raises(PermissionDenied):
            lesson_withdraw(actor=person, lesson=lesson, reason="x")
        client.force_login(person)
        for url in (
            reverse("audits:lessons", args=[cycle.year]),
            reverse("audits:lesson_edit", args=[cycle.year, lesson.pk]),
            reverse("audits:lesson_withdraw", args=[cycle.year, lesson.pk]),
        ):
            assert client.get(url).status_code == 403, (person, url)
    assert Lesson.objects.get().text == "Eerder beginnen."


def test_the_next_cycle_shows_the_lessons_and_marks_them_verwerkt(client, coordinator, cycle):
    kept = lesson_create(actor=coordinator, cycle=cycle, text="Kalibreer in twee rondes.")
    gone = lesson_create(actor=coordinator, cycle=cycle, text="Een vergissing.")
    lesson_withdraw(actor=coordinator, lesson=gone, reason="Vergist.")
    nxt = cycle_open_based_on(actor=coordinator, previous=cycle)
    client.force_login(coordinator)
    page = client.get(nxt.get_absolute_url()).content.decode()
    assert f"Lessen uit {cycle.year}" in page
    assert "Kalibreer in twee rondes." in page and "nog niet verwerkt" in page
    assert "Een vergissing." not in page
    url = reverse("audits:lesson_process", args=[nxt.year, kept.pk])
    prefix = f"les{kept.pk}"
    refused = client.post(url, {f"{prefix}-note": "", f"{prefix}-version": "0"})
    assert refused.status_code == 400 and "Zeg hoe de les is verwerkt." in refused.content.decode()
    client.post(url, {f"{prefix}-note": "Twee sessies gepland.", f"{prefix}-version": "0"})
    processing = LessonProcessing.objects.get()
    assert (processing.cycle, processing.note) == (nxt, "Twee sessies gepland.")
    assert AuditEvent.objects.filter(event="audits.lesson.processed").count() == 1
    page = client.get(nxt.get_absolute_url()).content.decode()
    assert "verwerkt</span> Twee sessies gepland." in page
    # A second save changes the note on its version; an old version is a conflict.
    lesson_process(
        actor=coordinator, lesson=kept, cycle=nxt, note="Drie sessies.", expected_version=1
    )
    with pytest.raises(EditConflict):
        lesson_process(actor=coordinator, lesson=kept, cycle=nxt, note="x", expected_version=1)
    # A lesson is verwerkt only in the cycle after its own.
    with pytest.raises(ValidationError, match="hoort niet bij de vorige cyclus"):
        lesson_process(actor=coordinator, lesson=kept, cycle=cycle, note="x")
    own = lesson_create(actor=coordinator, cycle=nxt, text="Nieuw.")
    assert (
        client.post(
            reverse("audits:lesson_process", args=[nxt.year, own.pk]),
            {f"les{own.pk}-note": "x", f"les{own.pk}-version": "0"},
        ).status_code
        == 404
    )


def test_the_lessons_page_does_not_grow_with_lessons(client, coordinator, cycle):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    nxt = cycle_open_based_on(actor=coordinator, previous=cycle)
    client.force_login(coordinator)

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    lesson_create(actor=coordinator, cycle=cycle, text="Les 0")
    urls = [reverse("audits:lessons", args=[nxt.year]), nxt.get_absolute_url()]
    before = [count(url) for url in urls]
    for n in range(1, 6):
        lesson = lesson_create(actor=coordinator, cycle=cycle, text=f"Les {n}")
        lesson_process(actor=coordinator, lesson=lesson, cycle=nxt, note="Gedaan.")
        lesson_create(actor=coordinator, cycle=nxt, text=f"Nieuwe les {n}")
    assert [count(url) for url in urls] <= before
