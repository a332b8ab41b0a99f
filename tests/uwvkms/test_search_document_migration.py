"""The stored search vector and a later migration of a searched column (PostgreSQL): the
database refuses to change the type of a column the vector is generated from, so such a
migration drops the vector first (`unstore_search_document`) and stores it again after
(`store_search_document`); search then finds by the changed column as before."""

import copy

import pytest
from django.db import DatabaseError, connection, transaction

from findings.models import Recommendation
from tests.factories import RecommendationFactory
from uwvkms.search import (
    add_search_document,
    remove_search_document,
    terms_of,
    text_matches,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]
FIELDS = ["title", "text"]
INDEX = "findings_rec_document"  # findings/migrations/0015_search_document.py


def _longer_title(editor) -> None:
    old = Recommendation._meta.get_field("title")
    new = copy.copy(old)
    new.max_length = old.max_length + 100
    editor.alter_field(Recommendation, old, new)


def test_a_searched_column_changes_type_only_with_the_vector_dropped_first():
    RecommendationFactory(title="Borg de klantsignalen", text="Leg vast wie opvolgt.")
    with connection.cursor() as cursor:  # the row's deferred checks, before the table changes
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with (
        pytest.raises(DatabaseError, match="generated column"),
        transaction.atomic(),
        connection.schema_editor(atomic=False) as editor,
    ):
        _longer_title(editor)
    with connection.schema_editor(atomic=False) as editor:
        remove_search_document(editor, Recommendation, FIELDS, INDEX)
        _longer_title(editor)
        add_search_document(editor, Recommendation, FIELDS, INDEX)
    found = text_matches(Recommendation.objects.all(), FIELDS, terms_of("klantsignaal"))
    assert [r.title for r in found] == ["Borg de klantsignalen"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname = %s", [INDEX])
        assert cursor.fetchall() == [(INDEX,)]
