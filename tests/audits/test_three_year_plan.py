"""The three-year plan: which principles each period covered, which remain, and the warnings."""

import pytest
from django.urls import reverse

from audits.constants import CoverageStatus
from audits.rules import coverage_before_opening, three_year_coverage
from audits.services import cycle_open
from tests.factories import principle

ALL = frozenset(range(1, 9))  # UWV's eight management principles
OK, ON_TRACK, BEHIND, LEFT_OUT = (
    CoverageStatus.COMPLETE,
    CoverageStatus.ON_TRACK,
    CoverageStatus.BEHIND,
    CoverageStatus.LEFT_OUT,
)


@pytest.mark.parametrize(
    ("cycles", "expected"),
    [
        ({}, []),
        # first year, three of eight: five remain for two years at three a year
        ({2023: {1, 2, 3}}, [(2023, 2025, {1, 2, 3}, 2, ON_TRACK)]),
        # first year, one of eight: seven do not fit in two years at three a year
        ({2023: {1}}, [(2023, 2025, {1}, 2, BEHIND)]),
        ({2023: {1, 2, 3}, 2024: {4, 5}}, [(2023, 2025, {1, 2, 3, 4, 5}, 1, ON_TRACK)]),
        ({2023: {1, 2, 3}, 2024: {4}}, [(2023, 2025, {1, 2, 3, 4}, 1, BEHIND)]),
        ({2023: {1, 2, 3}, 2024: {4, 5, 6}, 2025: {7, 8}}, [(2023, 2025, ALL, 0, OK)]),
        # the last year is planned and Sturen (8) was never chosen: left out
        ({2023: {1, 2, 3}, 2024: {4, 5, 6}, 2025: {7}}, [(2023, 2025, ALL - {8}, 0, LEFT_OUT)]),
        # a skipped year does not stretch the period
        ({2023: {1, 2, 3}, 2025: {4, 5, 6}}, [(2023, 2025, {1, 2, 3, 4, 5, 6}, 0, LEFT_OUT)]),
        # a principle covered twice counts once; unknown ids are ignored
        ({2023: {1, 2, 99}, 2024: {2, 3}}, [(2023, 2025, {1, 2, 3}, 1, BEHIND)]),
        # the next period starts at y0 + 3; a period passed by a later cycle has no years left
        (
            {2023: {1, 2, 3}, 2026: {4, 5, 6}},
            [(2023, 2025, {1, 2, 3}, 0, LEFT_OUT), (2026, 2028, {4, 5, 6}, 2, ON_TRACK)],
        ),
        (
            {2023: ALL, 2029: ALL},
            [(2023, 2025, ALL, 0, OK), (2026, 2028, set(), 0, LEFT_OUT), (2029, 2031, ALL, 2, OK)],
        ),
    ],
)
def test_three_year_coverage(cycles, expected):
    windows = three_year_coverage(cycles, principles=ALL)
    assert [
        (w.first_year, w.last_year, set(w.covered), w.years_left, w.status) for w in windows
    ] == [
        (first, last, set(covered), left, status) for first, last, covered, left, status in expected
    ]
    for window in windows:
        assert window.remaining == ALL - window.covered
        assert window.warns is (window.status in (BEHIND, LEFT_OUT))


def test_planned_years_keep_their_own_principles():
    (window,) = three_year_coverage({2023: {1, 2}, 2025: {3}}, principles=ALL)
    assert window.planned == ((2023, frozenset({1, 2})), (2025, frozenset({3})))
    assert list(window.years) == [2023, 2024, 2025]
    assert window.even_share == 3


@pytest.mark.parametrize(
    ("cycles", "year", "period", "remaining", "shortfall", "status"),
    [
        # the very first cycle: take at least two of the eight to keep three a year possible
        ({}, 2023, (2023, 2025), ALL, 2, BEHIND),
        ({2023: {1, 2, 3}}, 2024, (2023, 2025), ALL - {1, 2, 3}, 2, BEHIND),
        ({2023: {1, 2, 3, 4, 5}}, 2024, (2023, 2025), {6, 7, 8}, 0, ON_TRACK),
        # the period's last year: everything that remains must be chosen now
        ({2023: {1, 2, 3}, 2024: {4, 5, 6}}, 2025, (2023, 2025), {7, 8}, 2, LEFT_OUT),
        ({2023: ALL}, 2024, (2023, 2025), set(), 0, OK),
        # a new period starts with everything to cover
        ({2023: ALL}, 2026, (2026, 2028), ALL, 2, BEHIND),
    ],
)
def test_coverage_before_opening(cycles, year, period, remaining, shortfall, status):
    window = coverage_before_opening(cycles, principles=ALL, year=year)
    assert (window.first_year, window.last_year) == period
    assert set(window.remaining) == set(remaining)
    assert window.shortfall == shortfall
    assert window.status == status


# --- the page ---------------------------------------------------------------------------


@pytest.fixture
def three_cycles(cycle, coordinator):
    """2031 (the conftest cycle: Klantgerichtheid, Operationele Kwaliteit), 2032 and 2033;
    Sturen en verantwoorden is never chosen."""
    cycle_open(
        actor=coordinator,
        year=2032,
        principles=[principle(c) for c in ("leiderschap", "vakmanschap", "procesbenadering")],
    )
    cycle_open(
        actor=coordinator,
        year=2033,
        principles=[principle(c) for c in ("continu-leren", "besturing")],
    )
    return cycle


def test_plan_shows_covered_and_remaining_per_year(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.get(reverse("audits:three_year_plan"))
    assert response.status_code == 200
    (window,) = response.context["windows"]
    assert (window.first_year, window.last_year) == (2031, 2033)
    assert window.status == ON_TRACK
    html = response.content.decode()
    assert "2031–2033" in html
    assert "Nog te behandelen" in html
    assert "Sturen en verantwoorden" in html


def test_plan_warns_when_a_principle_is_left_out(client, coordinator, three_cycles):
    client.force_login(coordinator)
    response = client.get(reverse("audits:three_year_plan"))
    (window,) = response.context["windows"]
    assert window.status == LEFT_OUT
    assert [p.name for p in window.remaining_principles] == ["Sturen en verantwoorden"]
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "blijft buiten de driejarencyclus" in html


def test_plan_queries_do_not_grow_with_cycles(
    client, coordinator, three_cycles, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("audits:three_year_plan")
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    for year in range(2034, 2040):
        cycle_open(actor=coordinator, year=year, principles=[principle("leiderschap")])
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["windows"]) == 3


def test_open_form_tells_what_remains_in_the_period(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.get(reverse("audits:cycle_open"))
    assert response.context["form"]["year"].initial == 2032
    coverage = response.context["coverage"]
    assert (coverage.first_year, coverage.last_year, coverage.shortfall) == (2031, 2033, 3)
    html = response.content.decode()
    assert "Kies dit jaar ten minste 3 van de nog niet behandelde principes" in html
    assert "Sturen en verantwoorden" in html
    assert "Klantgerichtheid" in html


def test_open_form_warns_in_the_last_year_of_the_period(client, coordinator, cycle):
    cycle_open(
        actor=coordinator,
        year=2032,
        principles=[principle(c) for c in ("leiderschap", "vakmanschap", "procesbenadering")],
    )
    client.force_login(coordinator)
    response = client.get(reverse("audits:cycle_open"))
    assert response.context["form"]["year"].initial == 2033
    assert response.context["coverage"].status == LEFT_OUT
    html = response.content.decode()
    assert "2033 is het laatste jaar van deze periode" in html
    assert (
        "Kies ook Continu leren en verbeteren, Besturing, verantwoordelijkheden en "
        "eigenaarschap, Sturen en verantwoorden" in html
    )


def test_a_submitted_year_shows_its_own_period(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.post(reverse("audits:cycle_open"), {"year": 2035})
    assert response.status_code == 400
    coverage = response.context["coverage"]
    assert (coverage.first_year, coverage.last_year) == (2034, 2036)


def test_opening_a_cycle_that_leaves_principles_out_warns(client, coordinator, cycle):
    client.force_login(coordinator)
    for year, code in ((2032, "leiderschap"), (2033, "vakmanschap")):
        response = client.post(
            reverse("audits:cycle_open"),
            {
                "year": year,
                "principles": [principle(code).pk],
                "period_start": f"{year}-09-01",
                "period_end": f"{year}-11-30",
            },
            follow=True,
        )
    messages = [str(m) for m in response.context["messages"]]
    assert "Toetscyclus 2033 is geopend." in messages
    assert any(
        m.startswith("Let op: in de driejarenperiode 2031–2033 blijven buiten") for m in messages
    )
    plan = client.get(reverse("audits:three_year_plan")).content.decode()
    assert "blijven buiten de driejarencyclus" in plan


def test_opening_on_schedule_gives_no_warning(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.post(
        reverse("audits:cycle_open"),
        {
            "year": 2032,
            "principles": [
                principle(c).pk
                for c in ("leiderschap", "vakmanschap", "procesbenadering", "besturing")
            ],
            "period_start": "2032-09-01",
            "period_end": "2032-11-30",
        },
        follow=True,
    )
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


@pytest.mark.parametrize(
    "persona", ["auditor", "other_auditor", "board_member", "unit_board", "outsider"]
)
def test_only_coordinators_see_the_plan(client, request, persona, cycle):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("audits:three_year_plan")).status_code == 403


def test_cycle_list_and_cycle_page_link_to_the_plan(client, coordinator, cycle):
    client.force_login(coordinator)
    url = reverse("audits:three_year_plan")
    assert url in client.get(reverse("audits:cycle_list")).content.decode()
    assert url in client.get(cycle.get_absolute_url()).content.decode()
