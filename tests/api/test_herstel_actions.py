"""The herstelacties resource of the API: list (filter, order, paginate, a fixed number of
queries), one action with its computed mandate, starting one and changing its facts with the
version (a stale one answers 409 and changes nothing), and what the API refuses as input."""

import datetime
from decimal import Decimal

import pytest

from herstel.constants import Mandate, Step
from herstel.models import Herstelactie
from herstel.rules import criteria_from, mandate_for
from tests.api.conftest import assert_problem
from tests.herstel.flow import MINISTER_PATH, RVB_PATH, criteria, fill_advice, start, submit
from uwvkms.models import AuditEvent

LIST = "/api/v1/herstelacties/"


@pytest.fixture
def action(db, adviser):
    """A herstelactie led by Uitkeren, in step 1 with an empty advice."""
    return start(adviser)


def detail(pk) -> str:
    return f"{LIST}{pk}/"


def test_the_list_shows_what_the_user_may_see(api_client_for, adviser, other_adviser, action):
    other = start(other_adviser, title="Handhaving")
    body = api_client_for(adviser).get(LIST).json()
    assert [a["id"] for a in body["results"]] == [action.pk]
    assert body["count"] == 1
    first = body["results"][0]
    assert first["title"] == action.title
    assert first["lead_unit"]["abbreviation"] == "UIT"
    assert first["step"] == Step.STAP_1 and first["mandate"] is None
    assert first["mandate_assessment"] is None  # criteria still open
    assert first["version"] == action.version
    assert [a["id"] for a in api_client_for(other_adviser).get(LIST).json()["results"]] == [
        other.pk
    ]


def test_filter_order_and_paginate(api_client_for, adviser, board_member, action):
    rvb = start(adviser, title="Bravo")
    submit(rvb, adviser, RVB_PATH)
    minister = start(adviser, title="Alfa")
    submit(minister, adviser, MINISTER_PATH)
    client = api_client_for(board_member)

    def ids(query):
        response = client.get(LIST + query)
        assert response.status_code == 200, response.content
        return [a["id"] for a in response.json()["results"]]

    assert ids("?step=stap_2a&ordering=title") == [minister.pk, rvb.pk]
    assert ids("?mandate=rvb") == [rvb.pk]
    assert ids("?mandate=rvb_minister") == [minister.pk]
    assert ids(f"?lead_unit={adviser.business_unit_id}&ordering=id") == [
        action.pk,
        rvb.pk,
        minister.pk,
    ]
    assert ids("?ordering=-started_at") == [minister.pk, rvb.pk, action.pk]
    page = client.get(LIST + "?ordering=id&page_size=2&page=2").json()
    assert page["count"] == 3 and [a["id"] for a in page["results"]] == [minister.pk]
    assert page["previous"] and page["next"] is None

    body = assert_problem(client.get(LIST + "?step=stap_9&ordering=sideways"), 400)
    assert {p["name"] for p in body["invalidParams"]} == {"step", "ordering"}


def test_the_list_reads_in_a_fixed_number_of_queries(
    api_client_for, adviser, board_member, action, django_assert_max_num_queries
):
    client = api_client_for(board_member)
    client.get(LIST)
    with django_assert_max_num_queries(12) as few:
        assert client.get(LIST).json()["count"] == 1
    for n in range(6):
        submit(start(adviser, title=f"Meer {n}"), adviser, RVB_PATH if n % 2 else MINISTER_PATH)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(LIST).json()
    assert body["count"] == 7
    assert all(a["mandate_assessment"] for a in body["results"][:6])


def test_one_action_carries_its_computed_mandate_and_rule(api_client_for, adviser, action):
    fill_advice(action, adviser, RVB_PATH)
    body = api_client_for(adviser).get(detail(action.pk)).json()
    routing = mandate_for(
        criteria_from({code: judged.value for code, judged in criteria(RVB_PATH).items()})
    )
    assessment = body["mandate_assessment"]
    assert assessment["mandate"] == Mandate.RVB == routing.mandate
    assert assessment["rule"] == routing.rule
    assert assessment["reasons"] == ["grote impact op de organisatie"]
    assert body["mandate"] is None  # fixed only when the advice is submitted
    assert body["advice_gaps"] == []

    submit(action, adviser, RVB_PATH)
    body = api_client_for(adviser).get(detail(action.pk)).json()
    assert body["mandate"] == Mandate.RVB
    assert body["mandate_rule"].startswith(routing.rule)


def test_an_adviser_starts_an_action(api_client_for, adviser, uitkeren):
    response = api_client_for(adviser).post(
        LIST,
        {
            "title": "  Verkeerde toeslag  ",
            "what_went_wrong": "De toeslag werd niet meegeteld.",
            "wrong_since": "2024-02-01",
            "lead_unit": uitkeren.pk,
            "estimated_amount": "125000.50",
            "estimated_clients": 300,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    started = Herstelactie.objects.get(pk=body["id"])
    assert started.title == "Verkeerde toeslag"
    assert started.estimated_amount == Decimal("125000.50")
    assert body["estimated_amount"] == "125000.50"
    assert body["step"] == Step.STAP_1 and body["version"] == 1
    assert response["Location"].endswith(detail(started.pk))
    assert started.members.filter(user=adviser).exists()
    assert AuditEvent.objects.filter(event="herstel.action.started", object_id=str(started.pk))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("estimated_amount", 1234.5),  # a float: money travels as a decimal string
        ("estimated_amount", "-1.00"),
        ("estimated_amount", "12.345"),
        ("estimated_clients", "12"),
        ("estimated_clients", -1),
        ("wrong_since", "gisteren"),
        ("lead_unit", 999_999),
        ("surprise", "x"),  # an unknown field
    ],
)
def test_bad_input_is_refused_and_nothing_is_started(
    api_client_for, adviser, uitkeren, field, value
):
    good = {
        "title": "Verkeerde toeslag",
        "what_went_wrong": "Iets.",
        "wrong_since": "2024-02-01",
        "lead_unit": uitkeren.pk,
    }
    response = api_client_for(adviser).post(LIST, good | {field: value}, format="json")
    body = assert_problem(response, 400)
    assert [p["name"] for p in body["invalidParams"]] == [field]
    assert not Herstelactie.objects.exists()


def test_a_date_in_the_future_is_refused(api_client_for, adviser, uitkeren):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = api_client_for(adviser).post(
        LIST,
        {"title": "T", "what_went_wrong": "W", "wrong_since": tomorrow, "lead_unit": uitkeren.pk},
        format="json",
    )
    body = assert_problem(response, 400)
    assert body["invalidParams"][0]["name"] == "wrong_since"
    assert body["invalidParams"][0]["reason"].startswith("Kies een datum van vandaag")
    assert not Herstelactie.objects.exists()


def test_malformed_json_is_refused(api_client_for, adviser):
    response = api_client_for(adviser).post(LIST, b'{"title": ', content_type="application/json")
    assert_problem(response, 400)
    assert not Herstelactie.objects.exists()


def test_the_facts_change_with_the_current_version(api_client_for, adviser, action):
    client = api_client_for(adviser)
    response = client.patch(
        detail(action.pk),
        {"version": action.version, "estimated_amount": "99.95", "title": "Nieuwe titel"},
        format="json",
    )
    assert response.status_code == 200, response.content
    action.refresh_from_db()
    assert action.title == "Nieuwe titel" and action.estimated_amount == Decimal("99.95")
    assert action.estimated_clients == 1200  # not sent: kept
    assert response.json()["version"] == action.version == 2
    event = AuditEvent.objects.get(event="herstel.action.updated", object_id=str(action.pk))
    assert event.changes["title"] == ["Te lage WW-uitkering na loonbeslag", "Nieuwe titel"]

    put = client.put(
        detail(action.pk),
        {
            "version": action.version,
            "title": "Volledig",
            "what_went_wrong": "Alles opnieuw.",
            "wrong_since": "2023-06-01",
        },
        format="json",
    )
    assert put.status_code == 200, put.content
    action.refresh_from_db()
    assert action.estimated_clients is None  # PUT: what is not sent is cleared
    assert action.version == 3


def test_a_stale_version_answers_409_and_changes_nothing(api_client_for, adviser, action):
    client = api_client_for(adviser)
    stale = action.version
    assert (
        client.patch(detail(action.pk), {"version": stale, "title": "Eerst"}, format="json")
    ).status_code == 200
    response = client.patch(detail(action.pk), {"version": stale, "title": "Later"}, format="json")
    body = assert_problem(response, 409)
    assert "gewijzigd door" in body["detail"]
    action.refresh_from_db()
    assert action.title == "Eerst" and action.version == stale + 1


def test_a_change_needs_the_version(api_client_for, adviser, action):
    body = assert_problem(
        api_client_for(adviser).patch(detail(action.pk), {"title": "X"}, format="json"), 400
    )
    assert [p["name"] for p in body["invalidParams"]] == ["version"]
    action.refresh_from_db()
    assert action.title != "X"


@pytest.mark.parametrize("pk", [0, 999_999, 2**63 + 1, 10**30])
@pytest.mark.parametrize("path", ["", "mandate-criteria/", "dossiers/"])
def test_an_unknown_or_out_of_range_id_is_404(api_client_for, board_member, pk, path):
    assert_problem(api_client_for(board_member).get(f"{detail(pk)}{path}"), 404)
