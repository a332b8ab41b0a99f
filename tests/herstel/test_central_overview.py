"""The central overview (totaaloverzicht) for FEZ, SBK and the RvB: every action with lead
division, step, mandate, dossier progress and money totals, filterable and sortable, exported
for FEZ as XLSX and CSV, in a fixed number of queries; and SBK's list of what needs informing
SZW or a note to the minister."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from herstel.constants import Forum, NotificationKind, Outcome, StepMove
from herstel.services.communication import issue_set
from tests import conftest
from tests.herstel.flow import (
    MINISTER_PATH,
    RVB_PATH,
    decide,
    go,
    import_rows,
    move,
    notify,
    row,
    start,
    submit,
    to_execution,
)
from tests.shared_data import shared_fixtures


@pytest.fixture
def actions(adviser, other_adviser, dt_member, board_member, communicatie_user):
    """Three actions: one of Uitkeren in step 3 with dossiers, one of Handhaving in step 1, and
    one of Uitkeren on the RvB path waiting for SZW to be informed."""
    executing = start(adviser, title="Reiskosten")
    to_execution(executing, adviser, dt_member, board_member)
    go(executing, adviser)
    import_rows(
        executing,
        adviser,
        [
            row("R-1"),
            row("R-2", "beoordeeld", "nabetalen", "0", "10,00", "0", "0"),
            row("R-3", "afgehandeld", "nabetalen", "25,00", "0", "0", "0"),
        ],
    )
    waiting = start(other_adviser, title="Handhaving wacht")
    rvb = start(adviser, title="Beëindigde uitkeringen")
    submit(rvb, adviser, RVB_PATH)
    decide(rvb, dt_member, Forum.DT, Outcome.KENNISNAME)
    move(rvb, dt_member, StepMove.TO_RVB)
    decide(rvb, board_member, Forum.RVB, Outcome.BESLUIT)
    issue_set(actor=communicatie_user, herstelactie=rvb, is_issue=True, reason="Publiek.")
    return {"executing": executing, "waiting": waiting, "rvb": rvb}


# The personas and the three actions are built once for the module (tests/shared_data.py).
globals().update(shared_fixtures(*conftest.SHARED_CAST, actions))


ALLOWED = {"fez_adviser", "sbk_adviser", "board_member"}
REFUSED = [
    "adviser",
    "other_adviser",
    "dt_member",
    "other_dt",
    "wg_user",
    "outsider",
    "auditor",
    "coordinator",
    "beheerder",
]


@pytest.mark.parametrize("persona", sorted(ALLOWED) + REFUSED)
def test_who_sees_the_overview_and_its_export(client, request, persona, actions):
    client.force_login(request.getfixturevalue(persona))
    urls = [
        reverse("herstel:overview"),
        reverse("herstel:overview_export", args=["csv"]),
        reverse("herstel:overview_export", args=["xlsx"]),
    ]
    expected = 200 if persona in ALLOWED else 403
    assert [client.get(url).status_code for url in urls] == [expected] * 3


@pytest.mark.parametrize(
    ("persona", "status"),
    [("sbk_adviser", 200), ("board_member", 200), ("fez_adviser", 403)]
    + [(p, 403) for p in REFUSED],
)
def test_who_sees_sbks_list(client, request, persona, status, actions):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("herstel:sbk_overview")).status_code == status


def titles(response) -> list[str]:
    return [r.action.title for r in response.context["view"].rows]


def test_the_overview_shows_figures_and_totals(client, fez_adviser, actions):
    client.force_login(fez_adviser)
    response = client.get(reverse("herstel:overview"))
    view = response.context["view"]
    row_ = next(r for r in view.rows if r.action.title == "Reiskosten")
    assert (row_.totals.total, row_.totals.assessed, row_.progress) == (3, 2, 66)
    assert (row_.totals.paid, row_.totals.to_pay) == (Decimal("25.00"), Decimal("10.00"))
    # derived: (10 + 25) / 2 assessed = 17.50, one to assess
    assert row_.remaining_amount == Decimal("17.50")
    assert (view.totals.total, view.totals.paid) == (3, Decimal("25.00"))
    page = response.content.decode()
    assert "2 / 3 (66%)" in page and "€\xa025,00" in page and "(afgeleid)" in page
    # FEZ follows a title to the figures, not to the action's pages.
    mi = reverse("herstel:management_information", args=[actions["executing"].pk])
    assert f'href="{mi}"' in page
    assert f'href="{actions["executing"].get_absolute_url()}"' not in page


def test_sbk_follows_a_title_to_the_action(client, sbk_adviser, actions):
    client.force_login(sbk_adviser)
    page = client.get(reverse("herstel:overview")).content.decode()
    assert f'href="{actions["executing"].get_absolute_url()}"' in page
    assert "SBK: SZW en nota aan de minister" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["Beëindigde uitkeringen", "Handhaving wacht", "Reiskosten"]),
        ({"stap": "stap_3"}, ["Reiskosten"]),
        ({"stap": "onzin"}, ["Beëindigde uitkeringen", "Handhaving wacht", "Reiskosten"]),
        ({"mandaat": "rvb"}, ["Beëindigde uitkeringen"]),
        ({"issue": "1"}, ["Beëindigde uitkeringen"]),
        ({"zoek": "handhav"}, ["Handhaving wacht"]),
        ({"sorteer": "titel"}, ["Beëindigde uitkeringen", "Handhaving wacht", "Reiskosten"]),
        ({"sorteer": "-titel"}, ["Reiskosten", "Handhaving wacht", "Beëindigde uitkeringen"]),
        ({"sorteer": "-nabetaald"}, ["Reiskosten", "Handhaving wacht", "Beëindigde uitkeringen"]),
        ({"sorteer": "stap"}, ["Handhaving wacht", "Beëindigde uitkeringen", "Reiskosten"]),
        ({"sorteer": "-dossiers", "stap": "stap_1"}, ["Handhaving wacht"]),
        ({"sorteer": "DROP TABLE"}, ["Beëindigde uitkeringen", "Handhaving wacht", "Reiskosten"]),
    ],
)
def test_filters_and_sorting(client, board_member, actions, query, expected):
    client.force_login(board_member)
    response = client.get(reverse("herstel:overview"), query)
    got = titles(response)
    if "sorteer" in query and query["sorteer"] != "DROP TABLE":
        assert got == expected
    else:
        assert sorted(got) == expected


def test_filter_by_lead_division(client, board_member, actions, handhaving):
    client.force_login(board_member)
    response = client.get(reverse("herstel:overview"), {"divisie": str(handhaving.pk)})
    assert titles(response) == ["Handhaving wacht"]


def test_the_export_for_fez(client, fez_adviser, actions):
    client.force_login(fez_adviser)
    response = client.get(reverse("herstel:overview_export", args=["xlsx"]), {"stap": "stap_3"})
    assert "totaaloverzicht-herstelacties" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content))["Totaaloverzicht"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:4] == ("Herstelactie", "Leidende divisie", "Stap", "Mandaat")
    assert [r[0] for r in rows[1:]] == ["Reiskosten", "Totaal"]
    data = dict(zip(header, rows[1], strict=True))
    assert data["Nabetaald (€)"] == 25 and data["Nog te betalen (€)"] == 10
    assert data["Bron van de schatting"] == "afgeleid uit de beoordeelde dossiers"


def test_the_overview_reads_in_a_fixed_number_of_queries(
    client, fez_adviser, adviser, dt_member, board_member, actions, django_assert_max_num_queries
):
    client.force_login(fez_adviser)
    url = reverse("herstel:overview")
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for n in range(4):
        more = start(adviser, title=f"Meer {n}")
        to_execution(more, adviser, dt_member, board_member)
        go(more, adviser)
        import_rows(
            more,
            adviser,
            [row(f"M{n}-{i}", "beoordeeld", "afboeken", 0, 0, 0, i) for i in range(50)],
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["view"].rows) == 7
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("herstel:overview_export", args=["xlsx"]))


def test_sbks_list(client, sbk_adviser, adviser, dt_member, board_member, actions):
    minister = start(adviser, title="Naar de minister")
    submit(minister, adviser, MINISTER_PATH)
    decide(minister, dt_member, Forum.DT, Outcome.KENNISNAME)
    move(minister, dt_member, StepMove.TO_RVB)
    client.force_login(sbk_adviser)
    response = client.get(reverse("herstel:sbk_overview"))
    rows = {
        r.action.title: [(t.obligation.value, t.ready) for t in r.tasks]
        for r in response.context["rows"]
    }
    assert rows == {
        "Beëindigde uitkeringen": [("szw_informed", True)],
        "Naar de minister": [("minister_note", False), ("minister_approval", False)],
    }
    assert [r.action.title for r in response.context["rows"]][0] == "Beëindigde uitkeringen"
    page = response.content.decode()
    assert "nu te doen" in page and "wacht op eerder besluit" in page
    notify(actions["rvb"], sbk_adviser, NotificationKind.SZW_INFORMED)
    response = client.get(reverse("herstel:sbk_overview"))
    assert [r.action.title for r in response.context["rows"]] == ["Naar de minister"]


def test_sbks_list_in_a_fixed_number_of_queries(
    client, sbk_adviser, adviser, dt_member, board_member, actions, django_assert_max_num_queries
):
    client.force_login(sbk_adviser)
    url = reverse("herstel:sbk_overview")
    client.get(url)
    with django_assert_max_num_queries(20) as small:
        client.get(url)
    for n in range(3):
        more = start(adviser, title=f"RvB {n}")
        submit(more, adviser, RVB_PATH)
        decide(more, dt_member, Forum.DT, Outcome.KENNISNAME)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 4


def test_fez_finds_the_overview_from_the_list(client, fez_adviser, actions):
    client.force_login(fez_adviser)
    page = client.get(reverse("herstel:list")).content.decode()
    assert "De cijfers van alle herstelacties staan in het totaaloverzicht." in page
    assert f'href="{reverse("herstel:overview")}"' in page
