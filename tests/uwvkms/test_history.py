"""One way to read and show a history: `uwvkms.history` puts recorded values in words,
`uwvkms.selectors.history_for` reads the rows in one query, `components/history.html` shows
them."""

import datetime

import pytest
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation

from audits.constants import InterviewStatus
from uwvkms.history import Change, ChangeFormat, HistoryEntry, changes_in_words, display_value
from uwvkms.models import AuditEvent, BusinessUnit
from uwvkms.selectors import history_for
from uwvkms.services import audit_event_record


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "–"),
        ("", "–"),
        ([], "–"),
        ({}, "–"),
        (True, "ja"),
        (False, "nee"),
        (0, "0"),
        (3, "3"),
        ("90.00", "90.00"),
        ("Tekst", "Tekst"),
        ("2031-09-15", "15 september 2031"),
        # A stored moment (UTC) is shown in local time.
        ("2026-12-06T23:30:00+00:00", "7 december 2026 00:30"),
        ("2026-07-01T10:00:00+00:00", "1 juli 2026 12:00"),
        (
            ["Klantgerichtheid", "Operationele Kwaliteit"],
            "Klantgerichtheid; Operationele Kwaliteit",
        ),
        (["2031-09-15", None], "15 september 2031; –"),
        ("2031-13-45", "2031-13-45"),  # looks like a date, is not one
    ],
)
def test_a_stored_value_in_words(value, shown):
    with translation.override("nl"):
        assert display_value(value) == shown


def _status(key):
    return "status van het interview" if key == "status" else None


@pytest.mark.parametrize(
    ("fmt", "changes", "rows"),
    [
        (ChangeFormat(), {"title": [None, "Nieuw"]}, [("title", "–", "Nieuw")]),
        (ChangeFormat(fields={"title": "titel"}), {"title": ["A", "B"]}, [("titel", "A", "B")]),
        # The model's verbose name when no label is given.
        (ChangeFormat(model=BusinessUnit), {"name": ["A", "B"]}, [("naam", "A", "B")]),
        # A code by its label, also under a key built from a record id.
        (
            ChangeFormat(values={"status": InterviewStatus}),
            {"status": ["concept", "bevestigd"], "answers.7.status": [None, "concept"]},
            [("status", "Concept", "Bevestigd"), ("answers.7.status", "–", "Concept")],
        ),
        (
            ChangeFormat(values={"kind": {"a": "Soort A"}}),
            {"kind": ["a", "b"]},
            [("kind", "Soort A", "b")],
        ),
        (
            ChangeFormat(hidden=frozenset({"decision"})),
            {"decision": [None, 4], "x": [1, 2]},
            [("x", "1", "2")],
        ),
        (
            ChangeFormat(only=frozenset({"x"})),
            {"decision": [None, 4], "x": [1, 2]},
            [("x", "1", "2")],
        ),
        (ChangeFormat(skip_unchanged=True), {"x": ["", None], "y": [1, 2]}, [("y", "1", "2")]),
        (ChangeFormat(), {"x": ["", None]}, [("x", "–", "–")]),
        (
            ChangeFormat(field_label=_status),
            {"status": [None, "x"]},
            [("status van het interview", "–", "x")],
        ),
        (
            ChangeFormat(display=lambda key, value: "geheim" if key == "pin" else None),
            {"pin": [1, 2]},
            [("pin", "geheim", "geheim")],
        ),
        # A value stored bare (not as a pair) is the new value.
        (ChangeFormat(), {"reason": "expired"}, [("reason", "–", "expired")]),
    ],
)
def test_changes_in_words(fmt, changes, rows):
    with translation.override("nl"):
        assert changes_in_words(changes, fmt) == rows


@pytest.mark.django_db
def test_history_for_reads_one_query_newest_first(
    django_assert_num_queries, coordinator, auditor, uitkeren, fez
):
    audit_event_record(
        event="uwvkms.api_token.created", actor=coordinator, target=uitkeren, changes={"a": [1, 2]}
    )
    audit_event_record(
        event="uwvkms.api_token.revoked", actor=auditor, target=uitkeren, reason="Weg ermee."
    )
    audit_event_record(event="uwvkms.api_token.created", actor=auditor, target=fez)
    with translation.override("nl"), django_assert_num_queries(1):
        entries = history_for(uitkeren)
        actors = [entry.actor.username for entry in entries]  # the actor comes along
    assert [entry.label for entry in entries] == ["API-token ingetrokken", "API-token aangemaakt"]
    assert actors == [auditor.username, coordinator.username]
    assert entries[0].reason == "Weg ermee."
    assert entries[1].changes == [Change("a", "1", "2")]
    assert entries[1].stored == {"a": [1, 2]}

    assert [e.event for e in history_for(uitkeren, oldest_first=True)] == [
        "uwvkms.api_token.created",
        "uwvkms.api_token.revoked",
    ]
    assert len(history_for(uitkeren, fez)) == 3
    assert [e.event for e in history_for(uitkeren, events=["uwvkms.api_token.revoked"])] == [
        "uwvkms.api_token.revoked"
    ]
    picked = Q(object_type="uwvkms.businessunit", object_id=str(fez.pk))
    assert len(history_for(picked)) == 1


@pytest.mark.django_db
def test_history_for_nothing_stored_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert history_for(None) == []
        assert history_for(BusinessUnit(name="Nog niet opgeslagen")) == []
        assert history_for() == []


@pytest.mark.django_db
def test_the_rows_do_not_grow_the_queries(django_assert_num_queries, coordinator, uitkeren):
    for number in range(5):
        audit_event_record(
            event="uwvkms.api_token.created",
            actor=coordinator,
            target=uitkeren,
            changes={"n": [number, number + 1]},
        )
    with django_assert_num_queries(1):
        assert len(history_for(uitkeren)) == 5
    assert AuditEvent.objects.count() == 5


def _entry(**overrides):
    values = {
        "occurred_at": datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC),
        "actor": None,
        "event": "uwvkms.api_token.created",
        "label": "Token aangemaakt",
        "changes": [Change("vervalt op", "–", "1 januari 2027")],
        "reason": "Voor de koppeling.",
    }
    return HistoryEntry(**(values | overrides))


@pytest.mark.parametrize(
    ("context", "present", "absent"),
    [
        (
            {"history": [_entry()]},
            [
                '<h2 id="historie" class="h5">Historie</h2>',
                '<caption class="visually-hidden">Wie wijzigde wanneer wat: oud → nieuw</caption>',
                '<th scope="col">Wanneer</th>',
                '<th scope="col">Oud → nieuw</th>',
                "7 december 2026 00:30",  # local time, not the stored UTC
                "Token aangemaakt",
                '<span class="fw-semibold">vervalt op</span>: – → 1 januari 2027',
            ],
            ["Reden", "Voor de koppeling."],
        ),
        (
            {"history": [_entry()], "history_reason": True, "history_title": "Historie van X"},
            ['<th scope="col">Reden</th>', "Voor de koppeling.", "Historie van X"],
            [],
        ),
        (
            {
                "history": [_entry(changes=[Change("tekst", "a" * 10, "b" * 10)])],
                "history_truncate": 5,
            },
            ["aaaa… → bbbb…"],
            ["aaaaa"],
        ),
        ({"history": []}, [], ["<section"]),
        (
            {"history": [], "history_empty": "Nog geen wijzigingen."},
            ["Nog geen wijzigingen."],
            ["<table"],
        ),
    ],
)
def test_the_component(context, present, absent):
    with translation.override("nl"):
        html = render_to_string("components/history.html", context)
    for text in present:
        assert text in html
    for text in absent:
        assert text not in html
