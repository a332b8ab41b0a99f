"""FEZ's central overview and SBK's list through the API: every action with lead division,
step, mandate, dossier progress and the four money totals exact to the cent (added up by the
database, as on the overview page), filtered, ordered and paginated in a fixed number of
queries; and what SBK still has to do for SZW and the minister."""

from decimal import Decimal

import pytest

from herstel.constants import Forum, Outcome, StepMove
from herstel.selectors.figures import OverviewFilters, overview
from herstel.services.communication import issue_set
from tests.api.conftest import assert_problem
from tests.herstel.flow import (
    MINISTER_PATH,
    RVB_PATH,
    decide,
    go,
    import_rows,
    move,
    row,
    start,
    submit,
    to_execution,
)

OVERVIEW = "/api/v1/herstel-overview/"
SBK = "/api/v1/herstel-overview/sbk/"


@pytest.fixture
def actions(adviser, other_adviser, dt_member, board_member, communicatie_user):
    """One action of Uitkeren in step 3 with dossiers, one of Handhaving in step 1, and one of
    Uitkeren on the RvB path (an issue) waiting for SBK to inform SZW."""
    executing = start(adviser, title="Reiskosten")
    to_execution(executing, adviser, dt_member, board_member)
    go(executing, adviser)
    import_rows(
        executing,
        adviser,
        [
            row("R-1"),
            row("R-2", "beoordeeld", "nabetalen", "0", "10,01", "0", "0"),
            row("R-3", "afgehandeld", "nabetalen", "25,10", "0", "0", "0"),
            row("R-4", "afgehandeld", "terugvorderen", "0", "0", "0,07", "0,03"),
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


def test_fez_reads_every_action_with_its_figures(api_client_for, fez_adviser, actions):
    body = api_client_for(fez_adviser).get(OVERVIEW + "?ordering=title").json()
    assert body["count"] == 3
    assert [r["title"] for r in body["results"]] == [
        "Beëindigde uitkeringen",
        "Handhaving wacht",
        "Reiskosten",
    ]
    executing = body["results"][2]
    assert executing["lead_unit"]["abbreviation"] == "UIT"
    assert executing["step"] == "stap_3" and executing["mandate"] == "dt"
    assert executing["dossiers"] | {"nabetalen": 0} == {
        "total": 4,
        "te_beoordelen": 1,
        "beoordeeld": 1,
        "afgehandeld": 2,
        "assessed": 3,
        "progress_percent": 75,
        "nabetalen": 0,
        "terugvorderen": 1,
        "afboeken": 0,
        "geen_wijziging": 0,
    }
    assert executing["amounts"] == {
        "paid": "25.10",
        "to_pay": "10.01",
        "recovered": "0.07",
        "written_off": "0.03",
    }
    # derived: (10.01 + 25.10 + 0.07 + 0.03) / 3 = 11.7366… → 11.74, times one left to assess
    assert executing["estimate"] == {
        "average_amount": "11.74",
        "source": "derived",
        "remaining_dossiers": 1,
        "remaining_amount": "11.74",
    }
    waiting = body["results"][1]
    assert waiting["mandate"] is None and waiting["amounts"]["paid"] == "0.00"
    assert waiting["estimate"]["average_amount"] is None
    assert body["totals"]["actions"] == 3
    assert body["totals"]["amounts"] == executing["amounts"]
    assert body["totals"]["remaining_amount"] == "11.74"


def test_the_money_is_exact_and_matches_the_overview_page(
    api_client_for, fez_adviser, adviser, actions
):
    executing = actions["executing"]
    import_rows(
        executing,
        adviser,
        [row(f"X-{n}", "beoordeeld", "nabetalen", "0", "0,01", "0", "0") for n in range(333)]
        + [row("X-big", "afgehandeld", "nabetalen", "999999999,99", "0", "0", "0")],
    )
    body = api_client_for(fez_adviser).get(OVERVIEW + "?search=Reiskosten").json()
    amounts = body["results"][0]["amounts"]
    assert amounts["to_pay"] == "13.34"  # 10.01 + 333 × 0.01
    assert amounts["paid"] == "1000000025.09"
    page = overview(OverviewFilters(text="Reiskosten")).rows[0]
    assert Decimal(amounts["paid"]) == page.totals.paid
    assert Decimal(amounts["to_pay"]) == page.totals.to_pay


def test_filter_order_and_paginate(api_client_for, board_member, adviser, actions):
    client = api_client_for(board_member)

    def titles(query):
        response = client.get(OVERVIEW + query)
        assert response.status_code == 200, response.content
        return [r["title"] for r in response.json()["results"]]

    assert titles(f"?lead_unit={adviser.business_unit_id}&ordering=title") == [
        "Beëindigde uitkeringen",
        "Reiskosten",
    ]
    assert titles("?step=stap_1") == ["Handhaving wacht"]
    assert titles("?mandate=rvb") == ["Beëindigde uitkeringen"]
    assert titles("?issues_only=true") == ["Beëindigde uitkeringen"]
    assert titles("?search=wacht") == ["Handhaving wacht"]
    assert titles("?ordering=-paid")[0] == "Reiskosten"
    assert titles("?ordering=started_at") == [
        "Reiskosten",
        "Handhaving wacht",
        "Beëindigde uitkeringen",
    ]
    page = client.get(OVERVIEW + "?ordering=title&page_size=2&page=2").json()
    assert [r["title"] for r in page["results"]] == ["Reiskosten"]
    assert page["count"] == 3 and page["totals"]["actions"] == 3  # totals: every row
    body = assert_problem(client.get(OVERVIEW + "?ordering=gewicht&step=stap_0"), 400)
    assert {p["name"] for p in body["invalidParams"]} == {"ordering", "step"}


def test_the_overview_reads_in_a_fixed_number_of_queries(
    api_client_for,
    fez_adviser,
    adviser,
    dt_member,
    board_member,
    actions,
    django_assert_max_num_queries,
):
    client = api_client_for(fez_adviser)
    client.get(OVERVIEW)
    with django_assert_max_num_queries(12) as few:
        client.get(OVERVIEW)
    for n in range(3):
        more = start(adviser, title=f"Meer {n}")
        to_execution(more, adviser, dt_member, board_member)
        go(more, adviser)
        import_rows(more, adviser, [row(f"M{n}-{i}") for i in range(40)])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(OVERVIEW).json()["count"] == 6


def test_sbks_list(api_client_for, sbk_adviser, adviser, dt_member, board_member, actions):
    minister = start(adviser, title="Naar de minister")
    submit(minister, adviser, MINISTER_PATH)
    decide(minister, dt_member, Forum.DT, Outcome.KENNISNAME)
    move(minister, dt_member, StepMove.TO_RVB)
    body = api_client_for(sbk_adviser).get(SBK).json()
    rows = {r["title"]: r for r in body["results"]}
    assert set(rows) == {"Beëindigde uitkeringen", "Naar de minister"}
    assert [(t["obligation"], t["ready"]) for t in rows["Beëindigde uitkeringen"]["tasks"]] == [
        ("szw_informed", True)
    ]
    assert [(t["obligation"], t["ready"]) for t in rows["Naar de minister"]["tasks"]] == [
        ("minister_note", False),
        ("minister_approval", False),
    ]
    assert [r["title"] for r in body["results"]][0] == "Beëindigde uitkeringen"  # ready first
    assert rows["Naar de minister"]["mandate"] == "rvb_minister"


def test_sbks_list_reads_in_a_fixed_number_of_queries(
    api_client_for, sbk_adviser, adviser, actions, django_assert_max_num_queries
):
    client = api_client_for(sbk_adviser)
    client.get(SBK)
    with django_assert_max_num_queries(12) as few:
        client.get(SBK)
    for n in range(3):
        submit(start(adviser, title=f"Minister {n}"), adviser, MINISTER_PATH)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(SBK)
    assert response.status_code == 200
    titles = {row["title"] for row in response.json()["results"]}
    assert {"Minister 0", "Minister 1", "Minister 2"} <= titles
