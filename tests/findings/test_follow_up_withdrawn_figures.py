"""A withdrawn follow-up action leaves every figure (issue 17: "withdrawn records leave every
figure and report"): the unit's progress and the cycle's overview, the cockpit and its export,
the tertaal overview, the unit's list of improvement actions with its export and the index's
counts, the board's work queue, the daily reminders and the REST API. Each is compared with
the same world before the withdrawal, and the unit's page does not read more for more withdrawn
actions."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from findings.rules import tertaal_of
from findings.selectors.follow_up import (
    cycle_follow_up,
    follow_up_counts_by_unit,
    tertaal_overview,
    unit_actions_all_cycles,
)
from findings.selectors.workqueue import follow_up_needing_board
from findings.services.follow_up import follow_up_action_withdraw
from tests.factories import (
    FollowUpActionFactory,
    RecommendationFactory,
    RecommendationResponseFactory,
)
from uwvkms.reminders import REMINDER_SOURCES
from uwvkms.services import api_token_create
from uwvkms.workqueue import work_queue_for

TODAY = timezone.localdate()
MISTAKE = "Bij het verkeerde onderdeel ingevoerd."


@pytest.fixture
def recognised(cycle, uitkeren):
    return RecommendationResponseFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=uitkeren),
        recognition="herkend",
    ).recommendation


def overdue(recommendation, title):
    """An action in progress whose date has passed: counted, on the queue, reminded."""
    return FollowUpActionFactory(
        recommendation=recommendation,
        title=title,
        status="in_uitvoering",
        due_on=TODAY - datetime.timedelta(days=3),
    )


@pytest.fixture
def kept_and_withdrawn(recognised, unit_board):
    kept = overdue(recognised, "Klantsignalen bespreken")
    mistake = overdue(recognised, "Foutje: dubbel ingevoerd")
    return kept, mistake


def withdraw(action, board):
    action.refresh_from_db()
    follow_up_action_withdraw(
        actor=board, action=action, expected_version=action.version, reason=MISTAKE
    )


def figures(cycle, unit, board):
    """Every figure that counts the unit's actions, as plain values."""
    [row] = [r for r in cycle_follow_up(cycle, today=TODAY) if r.unit == unit]
    overview = tertaal_overview(tertaal=tertaal_of(TODAY), today=TODAY, unit=unit)
    return {
        "cycle overdue": row.counts.overdue,
        "cycle due": row.counts.due,
        "tertaal overdue": overview.totals.overdue + overview.backlog,
        "all cycles": len(unit_actions_all_cycles(unit, today=TODAY)),
        "index": follow_up_counts_by_unit(today=TODAY)[unit.pk],
        "queue": len([i for i in work_queue_for(board) if "Foutje" in i.title]),
        "reminders": len(
            [r for source in REMINDER_SOURCES for r in source(TODAY) if "Foutje" in r.title]
        ),
    }


def test_the_withdrawn_action_leaves_every_count(cycle, uitkeren, unit_board, kept_and_withdrawn):
    kept, mistake = kept_and_withdrawn
    before = figures(cycle, uitkeren, unit_board)
    assert before == {
        "cycle overdue": 2,
        "cycle due": 2,
        "tertaal overdue": 2,
        "all cycles": 2,
        "index": (2, 2),
        "queue": 1,
        "reminders": 1,
    }
    withdraw(mistake, unit_board)
    assert figures(cycle, uitkeren, unit_board) == {
        "cycle overdue": 1,
        "cycle due": 1,
        "tertaal overdue": 1,
        "all cycles": 1,
        "index": (1, 1),
        "queue": 0,
        "reminders": 0,
    }
    # The recommendation still has an action that counts; with that one withdrawn too it has
    # none.
    [row] = [r for r in cycle_follow_up(cycle, today=TODAY) if r.unit == uitkeren]
    assert row.without_action == 0
    withdraw(kept, unit_board)
    [row] = [r for r in cycle_follow_up(cycle, today=TODAY) if r.unit == uitkeren]
    assert (row.without_action, row.counts.due) == (1, 0)


def test_the_cockpit_and_its_export_leave_it_out(
    client, cycle, uitkeren, coordinator, unit_board, kept_and_withdrawn
):
    _kept, mistake = kept_and_withdrawn
    client.force_login(coordinator)
    url = reverse("findings:cycle_cockpit", args=[cycle.year])

    def overdue_in_cockpit():
        cockpit = client.get(url).context["cockpit"]
        [row] = [r for r in cockpit.rows if r.unit == uitkeren]
        return row.progress.actions_overdue

    assert overdue_in_cockpit() == 2
    withdraw(mistake, unit_board)
    assert overdue_in_cockpit() == 1
    export = client.get(reverse("findings:cycle_cockpit_export", args=[cycle.year]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    assert "Foutje" not in str(list(sheet.iter_rows(values_only=True)))


def test_the_units_improvement_list_and_export_leave_it_out(
    client, fez_adviser, uitkeren, unit_board, kept_and_withdrawn
):
    _kept, mistake = kept_and_withdrawn
    withdraw(mistake, unit_board)
    client.force_login(fez_adviser)
    page = client.get(reverse("herstel:improvements_unit", args=[uitkeren.pk])).content.decode()
    assert "Klantsignalen bespreken" in page and "Foutje" not in page
    response = client.get(reverse("herstel:improvements_export", args=[uitkeren.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[2] for r in rows[1:]] == ["Klantsignalen bespreken"]


def test_the_api_leaves_it_out(db, coordinator, unit_board, kept_and_withdrawn):
    kept, mistake = kept_and_withdrawn
    withdraw(mistake, unit_board)
    client = APIClient()
    _token, key = api_token_create(user=coordinator, name="test")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    listed = client.get("/api/v1/actions/").json()
    titles = [a["title"] for a in listed.get("results", listed)]
    assert titles == [kept.title]
    assert client.get(f"/api/v1/actions/{mistake.pk}/").status_code == 404


def test_the_board_queue_names_only_the_action_that_counts(unit_board, kept_and_withdrawn):
    _kept, mistake = kept_and_withdrawn
    withdraw(mistake, unit_board)
    titles = [a.title for a in follow_up_needing_board(unit_board.business_unit_id, today=TODAY)]
    assert titles and not any("Foutje" in t for t in titles)


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_units_page_reads_no_more_for_more_withdrawn_actions(
    client, cycle, uitkeren, unit_board, recognised
):
    url = reverse("findings:follow_up_unit", args=[cycle.year, uitkeren.pk])
    client.force_login(unit_board)
    withdraw(overdue(recognised, "Foutje 1"), unit_board)
    one = _queries(client, url)
    for n in range(2, 6):
        withdraw(overdue(recognised, f"Foutje {n}"), unit_board)
    assert _queries(client, url) == one
    page = client.get(url).content.decode()
    assert page.count("<del><a") == 5 and page.count(MISTAKE) == 5
