"""uwvkms/prepared.py: a query compiled once per process answers exactly as the ORM does, for
every value, with every column converted; a query that varies by more than its value is refused.
And the one that loads a user's roles and badge facts on every page uses it."""

import datetime

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Value
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import UserFactory
from uwvkms.constants import Role
from uwvkms.models import Notification, User, _roles_and_facts_query
from uwvkms.prepared import PreparedQuery

pytestmark = pytest.mark.django_db


def _users_with_unread():
    """Per user: a boolean (is_active), a date and time (date_joined), one that may be empty
    (last_login), an annotated boolean (has_unread) and a column through a join (the unit)."""
    return User.objects.annotate(
        has_unread=Exists(
            Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        ),
        marker=Value("vast"),
    ).order_by("pk")


@pytest.mark.parametrize(
    ("active", "logged_in", "unread"),
    [(True, True, True), (True, False, False), (False, True, False), (False, False, True)],
)
def test_rows_equal_what_the_orm_answers(fez, active, logged_in, unread):
    user = UserFactory(business_unit=fez, is_active=active)
    if logged_in:
        User.objects.filter(pk=user.pk).update(
            last_login=datetime.datetime(2026, 3, 9, 23, 30, tzinfo=datetime.UTC)
        )
    if unread:
        Notification.objects.create(recipient=user, kind="test", title="t", url="/")
    fields = ("pk", "is_active", "date_joined", "last_login", "has_unread", "marker")
    prepared = PreparedQuery(
        lambda pk: _users_with_unread().filter(pk=pk).values(*fields, "business_unit__name")
    )
    rows = prepared.rows(user.pk)
    assert rows == list(prepared.queryset(user.pk))
    # Equal is not enough: 1 == True; the types must be the ORM's too.
    row = rows[0]
    assert row["is_active"] is active and row["has_unread"] is unread
    assert isinstance(row["date_joined"], datetime.datetime) and timezone.is_aware(
        row["date_joined"]
    )
    assert (row["last_login"] is not None) is logged_in
    assert row["business_unit__name"] == "FEZ"


def test_compiled_once_then_run_for_any_value(fez):
    built = []

    def build(pk):
        built.append(pk)
        return User.objects.filter(pk=pk).values("username")

    prepared = PreparedQuery(build)
    first, second = UserFactory(username="een"), UserFactory(username="twee")
    assert prepared.rows(first.pk) == [{"username": "een"}]
    compiled = len(built)
    assert prepared.rows(second.pk) == [{"username": "twee"}]
    assert prepared.rows(0) == []
    assert len(built) == compiled == 2  # two probes, then never again
    with CaptureQueriesContext(connection) as queries:
        prepared.rows(first.pk)
    assert len(queries) == 1


@pytest.mark.parametrize(
    "build",
    [
        lambda n: User.objects.values("pk")[: abs(n)],  # a LIMIT: the SQL itself changes
        lambda n: User.objects.filter(pk=1).values("pk"),  # the value is not in the query
        lambda n: User.objects.filter(pk__in=range(abs(n) % 3 + 1)).values("pk"),  # an IN list
    ],
)
def test_a_query_that_varies_by_more_than_its_value_is_refused(build):
    with pytest.raises(ValueError):
        PreparedQuery(build).rows(1)


@pytest.mark.parametrize("value", [None, "1", True, 1.0])
def test_only_an_integer_key_is_taken(value):
    prepared = PreparedQuery(lambda pk: User.objects.filter(pk=pk).values("pk"))
    with pytest.raises(TypeError):
        prepared.rows(value)


def test_a_user_with_two_roles_and_no_unit(db):
    user = UserFactory(business_unit=None, roles=[Role.TOETSER, Role.RVB])
    prepared, _facts, _unit_fields = _roles_and_facts_query()
    rows = prepared.rows(user.pk)
    assert sorted(row["groups__name"] for row in rows) == sorted(
        [Role.TOETSER.value, Role.RVB.value]
    )
    assert {row["business_unit__id"] for row in rows} == {None}
    fresh = User.objects.get(pk=user.pk)
    assert fresh.has_role(Role.TOETSER) and fresh.has_role(Role.RVB)
    assert fresh.business_unit is None


def test_a_column_without_its_name_is_refused():
    with pytest.raises(ValueError, match="alias"):
        PreparedQuery(lambda pk: User.objects.filter(pk=pk)).rows(1)


@pytest.mark.parametrize(
    "persona", ["auditor", "coordinator", "unit_board", "board_member", "adviser", "outsider"]
)
def test_roles_and_badge_facts_are_what_the_orm_reads(request, persona, cycle):
    user = request.getfixturevalue(persona)
    Notification.objects.create(recipient=user, kind="test", title="t", url="/")
    prepared, facts, unit_fields = _roles_and_facts_query()
    names = ["groups__name", *facts, *(f"business_unit__{f}" for f in unit_fields)]
    through_the_orm = [dict(zip(names, row, strict=True)) for row in prepared.queryset(user.pk)]
    rows = prepared.rows(user.pk)
    assert rows == through_the_orm
    # Equal is not enough (1 == True on SQLite): every value has the ORM's type.
    assert [{k: type(v) for k, v in row.items()} for row in rows] == [
        {k: type(v) for k, v in row.items()} for row in through_the_orm
    ]
    fresh = User.objects.get(pk=user.pk)
    assert fresh.has_role(Role.TOETSER) == (persona == "auditor")
    assert fresh.fact("unread_notifications") == 1
    assert set(facts) <= set(fresh._user_facts)


def test_an_unsaved_user_holds_no_role(fez):
    user = User(username="nog-niet-bewaard", business_unit=fez)
    assert not user.has_role(Role.TOETSER)
    assert user.fact("unread_notifications") is None
