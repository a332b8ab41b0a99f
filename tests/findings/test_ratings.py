"""The audit's own evaluation: participants (the boards of the assessed units as getoetste, the
cycle's assigned auditors as toetser) rate the audit 1–10 with a comment, once per person per
cycle, and may change their own rating. The cycle shows the average (Decimal, one decimal, from
the database's sum and count) and the distribution over 1–10 to the coordination team and the
RvB. Anything but a whole number from 1 to 10 is refused in Dutch and nothing is stored."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from findings.models import AuditRating
from findings.selectors.ratings import average_rating, rating_summary
from findings.services.ratings import audit_rating_save
from tests.factories import AuditRatingFactory, BusinessUnitFactory, UserFactory
from uwvkms.constants import Role
from uwvkms.models import AuditEvent

MESSAGE = "Geef een cijfer: een geheel getal van 1 tot en met 10."


def mine_url(cycle):
    return reverse("findings:rating_mine", args=[cycle.year])


def summary_url(cycle):
    return reverse("findings:rating_summary", args=[cycle.year])


@pytest.fixture
def other_board(db, cycle):
    """The board of a unit not assessed in the cycle (created after it opened)."""
    unit = BusinessUnitFactory(name="Bureau Integriteit")
    return UserFactory(username="directie_bi", business_unit=unit, roles=[Role.DIRECTIE])


@pytest.mark.parametrize(
    ("total", "count", "expected"),
    [
        (None, 0, None),  # nobody rated: no average, never a zero
        (7, 1, Decimal("7.0")),
        (22, 3, Decimal("7.3")),  # 7.333…
        (23, 3, Decimal("7.7")),  # 7.666…
        (141, 20, Decimal("7.1")),  # 7.05 rounds half up, as people round
        (15, 2, Decimal("7.5")),
        (10, 1, Decimal("10.0")),
    ],
)
def test_average_rating(total, count, expected):
    assert average_rating(total, count) == expected
    if expected is not None:
        assert isinstance(average_rating(total, count), Decimal)


def test_the_unit_board_rates_as_getoetste(client, unit_board, cycle, uitkeren):
    client.force_login(unit_board)
    page = client.get(mine_url(cycle))
    assert page.status_code == 200
    assert "namens de directie van Uitkeren" in page.content.decode()
    response = client.post(mine_url(cycle), {"rating": "8", "comment": " Goed georganiseerd. "})
    assert response.status_code == 302
    rating = AuditRating.objects.get()
    assert (rating.rater, rating.rater_role, rating.unit, rating.rating, rating.comment) == (
        unit_board,
        "getoetste",
        uitkeren,
        8,
        "Goed georganiseerd.",
    )
    event = AuditEvent.objects.get(event="findings.audit_rating.created")
    assert event.changes == {"rating": [None, 8], "comment": [None, "Goed georganiseerd."]}


def test_an_assigned_auditor_rates_as_toetser(client, auditor, cycle):
    client.force_login(auditor)
    assert client.post(mine_url(cycle), {"rating": "7"}).status_code == 302
    rating = AuditRating.objects.get()
    assert (rating.rater_role, rating.unit) == ("toetser", None)


def test_one_rating_per_person_per_cycle_which_they_can_change(client, auditor, cycle):
    client.force_login(auditor)
    client.post(mine_url(cycle), {"rating": "6", "comment": "Veel werk."})
    page = client.get(mine_url(cycle)).content.decode()
    assert "u kunt uw cijfer en toelichting wijzigen" in page
    assert 'value="6"' in page
    assert client.post(mine_url(cycle), {"rating": "8", "comment": "Veel werk."}).status_code == 302
    rating = AuditRating.objects.get()
    assert rating.rating == 8
    event = AuditEvent.objects.get(event="findings.audit_rating.changed")
    assert event.changes == {"rating": [6, 8]}
    assert "6 → 8" in client.get(mine_url(cycle)).content.decode()


def test_the_database_keeps_one_rating_per_rater(auditor, cycle):
    AuditRatingFactory(cycle=cycle, rater=auditor)
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditRatingFactory(cycle=cycle, rater=auditor)


@pytest.mark.parametrize("value", ["0", "11", "", "acht", "7.5", "-3"])
def test_a_rating_outside_1_to_10_is_refused_in_dutch(client, unit_board, cycle, value):
    client.force_login(unit_board)
    response = client.post(mine_url(cycle), {"rating": value, "comment": "X"})
    assert response.status_code == 400
    assert MESSAGE in response.content.decode()
    assert not AuditRating.objects.exists()
    assert not AuditEvent.objects.filter(event__startswith="findings.audit_rating").exists()


@pytest.mark.parametrize("value", [0, 11, True, "8"])
def test_the_service_refuses_anything_but_1_to_10(unit_board, cycle, value):
    with pytest.raises(ValidationError):
        audit_rating_save(actor=unit_board, cycle=cycle, rating=value)
    assert not AuditRating.objects.exists()


@pytest.mark.parametrize("value", [0, 11])
def test_the_database_refuses_a_rating_outside_1_to_10(auditor, cycle, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditRatingFactory(cycle=cycle, rater=auditor, rating=value)


def test_the_summary_shows_average_and_distribution(client, coordinator, cycle, board_member):
    for n, rating in enumerate([7, 7, 8, 6, 9, 7]):
        AuditRatingFactory(
            cycle=cycle,
            rater=UserFactory(username=f"deelnemer{n}"),
            rating=rating,
            rater_role="toetser" if n % 2 else "getoetste",
            comment="Prettig gesprek." if n == 0 else "",
        )
    summary = rating_summary(cycle)
    assert summary.count == 6
    assert summary.average == Decimal("7.3")  # 44 / 6 = 7.333…
    assert [bar.count for bar in summary.distribution] == [0, 0, 0, 0, 0, 1, 3, 1, 1, 0]
    by_role = {f.role: (f.count, f.average) for f in summary.by_role}
    assert by_role == {"getoetste": (3, Decimal("8.0")), "toetser": (3, Decimal("6.7"))}
    for persona in (coordinator, board_member):
        client.force_login(persona)
        response = client.get(summary_url(cycle))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Gemiddeld cijfer: 7,3 (6 beoordelingen)" in html
        assert "Prettig gesprek." in html
        assert "<meter" in html


def test_without_ratings_there_is_no_average(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.get(summary_url(cycle))
    assert response.context["summary"].average is None
    assert "Nog niemand heeft de toets beoordeeld." in response.content.decode()


def test_ratings_of_other_cycles_do_not_count(coordinator, cycle, auditor):
    from tests.factories import AuditCycleFactory

    AuditRatingFactory(cycle=AuditCycleFactory(year=2030), rater=auditor, rating=1)
    AuditRatingFactory(cycle=cycle, rater=auditor, rating=9)
    assert rating_summary(cycle).average == Decimal("9.0")


def test_the_summary_uses_a_constant_number_of_queries(
    client, coordinator, cycle, django_assert_max_num_queries
):
    client.force_login(coordinator)
    AuditRatingFactory(cycle=cycle, rater=UserFactory(), comment="Eén.")
    assert client.get(summary_url(cycle)).status_code == 200  # warm the session
    with CaptureQueriesContext(connection) as small:
        assert client.get(summary_url(cycle)).status_code == 200
    for n in range(40):
        AuditRatingFactory(cycle=cycle, rater=UserFactory(), rating=n % 10 + 1, comment=f"C{n}")
    with django_assert_max_num_queries(len(small)):
        assert client.get(summary_url(cycle)).status_code == 200


# --- access -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona", ["coordinator", "other_auditor", "other_board", "board_member", "outsider"]
)
def test_only_participants_rate(client, request, persona, cycle):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(mine_url(cycle)).status_code == 403
    assert client.post(mine_url(cycle), {"rating": "8"}).status_code == 403
    assert not AuditRating.objects.exists()


def test_the_service_refuses_someone_who_did_not_take_part(other_auditor, cycle):
    with pytest.raises(PermissionDenied):
        audit_rating_save(actor=other_auditor, cycle=cycle, rating=8)


@pytest.mark.parametrize(
    "persona", ["auditor", "other_auditor", "unit_board", "other_board", "outsider"]
)
def test_only_coordinators_and_the_rvb_see_the_summary(client, request, persona, cycle):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(summary_url(cycle)).status_code == 403


def test_an_unknown_cycle_is_a_404(client, coordinator, auditor, cycle):
    client.force_login(coordinator)
    assert client.get(reverse("findings:rating_summary", args=[2099])).status_code == 404
    client.force_login(auditor)
    assert client.get(reverse("findings:rating_mine", args=[2099])).status_code == 404
