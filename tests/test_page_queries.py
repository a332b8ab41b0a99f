"""How many queries the most visited pages cost (issue 14 §5): the home page of every role and the
UWV-wide report page. Each bound is the count the page needs today, so a query added by accident
fails here; lower a bound when a page gets cheaper, raise it only with a reason. The counts are
the same on SQLite and PostgreSQL: per request the user and one query for the roles, the
navigation's facts and the user's business unit (the session comes from the cache and is not
written on a page view); then the page.

tests/benchmarks/pages.py measures the same pages on the demo data, with their server time."""

import pytest
from django.urls import reverse

from findings.constants import UnitReportStatus
from findings.services.rollup import (
    main_finding_confirm,
    rollup_threshold_set,
    theme_create,
    theme_recommendations_add,
)
from herstel.services.working_group import working_group_member_add
from tests.factories import (
    AuditRatingFactory,
    DocumentCheckFactory,
    InterviewFactory,
    ScoreFactory,
    UnitReportFactory,
)
from tests.findings.report_writing import write
from tests.findings.unit_reporting import klant, observe, ok, recommend
from tests.herstel.flow import start

# The user, the roles with their facts. (Before issue 14 the session added four: read, and a
# save in a savepoint, on every page view.)
PER_REQUEST = 2

# persona → queries of the home page on top of PER_REQUEST, and a text only that role's
# home page shows (so the count is taken with the role's own sections on the page). Since issue
# 16 the home page carries the work queue ("Wat vraagt uw aandacht", uwvkms.workqueue): one
# query per kind of line a role can have, whatever the number of lines (test_work_queue.py
# checks that it does not grow with the data). The communication tasks a user owns (issue 20)
# cost a query only for owners: whether one owns any comes with the user's roles (a user fact).
HOME = {
    # Re-submitted scores, the cycle in calibration, publications in trouble, unit reports
    # waiting.
    "coordinator": (4, "Toetscycli openen"),
    # Its teams' interviews, its units' progress and findings still missing, its sent-back
    # scores, the audit to rate, and (issue 21 §6) its assignments whose hours are missing
    # after fieldwork.
    "auditor": (6, "Uw toetsopdrachten"),
    # Its unit's reports and the cycles with evidence of its unit; the queue: responses due,
    # follow-up actions, the audit to rate, herstelacties waiting for the DT.
    "unit_board": (6, "Ter bevestiging (1)"),
    # The queue: new report versions, herstelacties waiting for the RvB, the herstel totals.
    "board_member": (3, "De toetscycli en hun rapportage"),
    # The queue: the lead division's actions in step 1 or 4.
    "adviser": (1, "Herstelacties starten en volgen"),
    # The same, and SBK's tasks (one query, three with actions in step 2), the sections of the
    # advice asked of SBK, the overview's totals.
    "sbk_adviser": (6, "Herstelacties starten en volgen"),
    # Its division's actions, the overview's totals.
    "fez_adviser": (2, "Herstelacties starten en volgen"),
    "wg_user": (0, "De herstelacties waarbij u betrokken bent"),
    "beheerder": (0, "De toetscycli en hun rapportage"),
    "outsider": (0, "Welkom"),
}


@pytest.fixture
def world(cycle, coordinator, auditor, uitkeren, unit_board, adviser, wg_user):
    """Something for every home page: a score, a unit report and evidence of Uitkeren, an
    interview waiting for its board member's confirmation, a herstelactie with a working group."""
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant(), level=3)
    UnitReportFactory(cycle=cycle, unit=uitkeren, status=UnitReportStatus.DEFINITIEF)
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, geleverd=True)
    InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        ter_bevestiging=True,
        interviewees=[("Directie", "Directeur", unit_board)],
    )
    action = start(adviser)
    working_group_member_add(actor=adviser, herstelactie=action, user=wg_user, role="Jurist")
    return cycle


@pytest.mark.parametrize("persona", HOME)
def test_home_page_queries(client, request, world, persona, django_assert_max_num_queries):
    extra, shows = HOME[persona]
    client.force_login(request.getfixturevalue(persona))
    url = reverse("home")
    client.get(url)
    with django_assert_max_num_queries(PER_REQUEST + extra):
        response = client.get(url)
    assert response.status_code == 200
    assert shows in response.content.decode()


@pytest.fixture
def reported(cycle, coordinator, auditor, uitkeren, communicatie):
    """A cycle with what the UWV-wide report shows: scores, findings and good practices,
    recommendations in a rode draad confirmed as hoofdbevinding, unit reports and a rating."""
    for unit, level in ((uitkeren, 2), (communicatie, 3)):
        ScoreFactory(cycle=cycle, unit=unit, principle=klant(), level=level)
        observe(auditor, cycle, unit, text=f"Klantsignalen bij {unit}.")
        observe(auditor, cycle, unit, text=f"Goed voorbeeld bij {unit}.", kind="goede_praktijk")
        UnitReportFactory(cycle=cycle, unit=unit)
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=ok(), level=4)
    recommendations = [
        recommend(auditor, cycle, unit, title=f"Meet het effect ({unit}, {p.name})", principle=p)
        for unit, p in ((uitkeren, klant()), (uitkeren, ok()), (communicatie, klant()))
    ]
    rollup_threshold_set(actor=coordinator, cycle=cycle, threshold=2)
    theme = theme_create(actor=coordinator, cycle=cycle, title="Effect meten")
    theme_recommendations_add(actor=coordinator, theme=theme, recommendations=recommendations)
    main_finding_confirm(
        actor=coordinator, theme=theme, title="Effect meten", advice="Meet UWV-breed."
    )
    AuditRatingFactory(cycle=cycle, rating=8)
    return cycle


def test_uwv_report_page_queries(client, coordinator, reported, django_assert_max_num_queries):
    # The team shows every unit's items in a principle chapter (issue 18): the report still
    # reads them once.
    write(
        reported,
        coordinator,
        "principe-klantgerichtheid-algemeen",
        blocks=["observaties", "goede_praktijken", "aanbevelingen"],
    )
    write(
        reported, coordinator, "principe-operationele-kwaliteit-algemeen", blocks=["aanbevelingen"]
    )
    client.force_login(coordinator)
    url = reverse("findings:uwv_report", args=[reported.year])
    client.get(url)
    # The report's data (see findings.report.uwv.build_uwv_report) in 30 queries (issue 18: the
    # 26th the front matter the team keeps, the 27th its chapters and sections, the 28th the
    # material chosen for them, the 29th the levels' meanings for Bijlage 1 and the 30th Bijlage
    # 2's introduction, both reference data the team keeps), and the work queue's count in the
    # navigation bar (the coordinator's three, as on the home page).
    with django_assert_max_num_queries(PER_REQUEST + 30 + HOME["coordinator"][0]):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hoofdbevinding 1: Effect meten" in html
    assert "Meet het effect (Uitkeren, Operationele Kwaliteit)" in html
