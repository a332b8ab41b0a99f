"""The one optimistic lock of every app (`uwvkms.versioning`): one conflict error with one
message shape (what, by whom, when in local time, what to do), raised by one check."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import IntegrityError
from django.utils import translation

from findings.models import Theme
from tests.factories import AuditCycleFactory, UserFactory
from uwvkms.versioning import (
    CREATED,
    DELETED,
    EditConflict,
    conflict_message,
    created_meanwhile,
    model_update,
    version_check,
)

UTC = datetime.UTC
WINTER_NIGHT = datetime.datetime(2026, 12, 6, 23, 30, tzinfo=UTC)  # 00:30 on 7 December in NL
RELOAD = "Uw invoer is niet opgeslagen; bekijk de actuele versie en pas die zo nodig aan."


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"by": "Bram Collega", "at": WINTER_NIGHT},
            "Deze score is intussen gewijzigd door Bram Collega (7 december 2026 00:30). " + RELOAD,
        ),
        (
            {"by": "Bram Collega", "at": datetime.datetime(2026, 7, 1, 10, 0, tzinfo=UTC)},
            "Deze score is intussen gewijzigd door Bram Collega (1 juli 2026 12:00). " + RELOAD,
        ),
        ({}, "Deze score is intussen door iemand anders gewijzigd. " + RELOAD),
        ({"at": WINTER_NIGHT}, "Deze score is intussen door iemand anders gewijzigd. " + RELOAD),
        ({"kind": CREATED}, "Deze score is intussen door iemand anders vastgelegd. " + RELOAD),
        ({"kind": DELETED}, "Deze score is intussen door iemand anders verwijderd. " + RELOAD),
        # Where the record stands now, and what this reader should do instead of editing.
        (
            {"by": "Bram Collega", "at": WINTER_NIGHT, "state": "Het staat nu op Ingediend."},
            "Deze score is intussen gewijzigd door Bram Collega (7 december 2026 00:30). "
            "Het staat nu op Ingediend. " + RELOAD,
        ),
        (
            {"todo": "Lees de actuele versie en beantwoord die."},
            "Deze score is intussen door iemand anders gewijzigd. "
            "Lees de actuele versie en beantwoord die.",
        ),
    ],
)
def test_the_one_message_shape(kwargs, message):
    with translation.override("nl"):
        assert conflict_message("Deze score", **kwargs) == message
        refused = EditConflict("Deze score", **kwargs)
    assert refused.messages == [message]
    assert refused.code == "conflict"


def record(version, by="Cor Collega", at=WINTER_NIGHT):
    return SimpleNamespace(version=version, updated_by=by, updated_at=at)


@pytest.mark.parametrize(
    ("obj", "expected_version", "refusal"),
    [
        (record(1), 1, None),
        (record(4), 4, None),
        (None, 0, None),  # nothing yet, and the user saw nothing yet
        (record(2), 1, "Dit is intussen gewijzigd door Cor Collega (7 december 2026 00:30)."),
        (record(1), 0, "Dit is intussen gewijzigd door Cor Collega"),  # two first saves
        (record(3, by=None), 2, "Dit is intussen door iemand anders gewijzigd."),
        (None, 3, "Dit is intussen door iemand anders verwijderd."),
    ],
)
def test_version_check(obj, expected_version, refusal):
    with translation.override("nl"):
        if refusal is None:
            assert version_check(obj, expected_version=expected_version, what="Dit") is None
            return
        with pytest.raises(EditConflict) as refused:
            version_check(obj, expected_version=expected_version, what="Dit")
    assert refused.value.messages[0].startswith(refusal)
    assert refused.value.messages[0].endswith(RELOAD)


def test_a_record_created_meanwhile_is_a_conflict_not_a_server_error(db):
    with (
        translation.override("nl"),
        pytest.raises(EditConflict) as refused,
        created_meanwhile("Deze score"),
    ):
        raise IntegrityError("duplicate key value violates unique constraint")
    assert refused.value.messages == [
        "Deze score is intussen door iemand anders vastgelegd. " + RELOAD
    ]
    assert isinstance(refused.value.__cause__, IntegrityError)


@pytest.fixture
def theme(db):
    author = UserFactory(first_name="Ann", last_name="Auteur")
    return Theme.objects.create(
        cycle=AuditCycleFactory(), title="Effect meten", description="", updated_by=author
    )


def test_model_update_saves_the_changed_fields_with_the_next_version(theme):
    editor = UserFactory(first_name="Eva", last_name="Editor")
    changes = model_update(
        theme,
        actor=editor,
        expected_version=1,
        what="Dit thema",
        data={"title": "Effect meten", "description": "Doen we het?"},
    )
    assert changes == {"description": ["", "Doen we het?"]}
    theme.refresh_from_db()
    assert (theme.description, theme.version, theme.updated_by) == ("Doen we het?", 2, editor)


def test_model_update_without_a_change_stores_nothing(theme):
    before = theme.updated_at
    assert model_update(theme, actor=UserFactory(), data={"title": "Effect meten"}) == {}
    theme.refresh_from_db()
    assert (theme.version, theme.updated_at) == (1, before)


def test_model_update_on_a_stale_version_is_refused_and_changes_nothing(theme):
    with translation.override("nl"), pytest.raises(EditConflict, match="door Ann Auteur"):
        model_update(
            theme, actor=UserFactory(), expected_version=0, what="Dit thema", data={"title": "X"}
        )
    theme.refresh_from_db()
    assert (theme.title, theme.version) == ("Effect meten", 1)
