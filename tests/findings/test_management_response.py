"""The management response: the unit's own board answers every recommendation (herkend, deels
herkend, niet herkend, with explanation and intended actions) and gives an overall response;
saved as a concept, then submitted; read-only after and shown in the report. Only once the
report is agreed; only the unit's own board."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from findings.models import ManagementResponse, RecommendationResponse
from findings.services import (
    AnswerData,
    ResponseLocked,
    management_response_save,
)
from findings.unit_report_rules import response_gaps
from tests.factories import BusinessUnitFactory, UserFactory
from tests.findings.unit_reporting import agree, finalise, ok, recommend, respond
from uwvkms.constants import Role
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


def response_url(cycle, unit):
    return reverse("findings:management_response", args=[cycle.year, unit.id])


@pytest.fixture
def agreed(auditor, coordinator, cycle, uitkeren):
    """Uitkeren's report with two recommendations, agreed with the board."""
    first = recommend(auditor, cycle, uitkeren, title="Meet het effect")
    second = recommend(auditor, cycle, uitkeren, title="Werk samen in de keten", principle=ok())
    agree(coordinator, cycle, uitkeren)
    return first, second


def answers_post(first, second, **overrides):
    data = {
        "version": 0,
        "overall": "Wij nemen de aanbevelingen over.",
        f"recognition_{first.pk}": "herkend",
        f"explanation_{first.pk}": "Dit speelt bij ons.",
        f"intended_actions_{first.pk}": "Effectmeting in het jaarplan.",
        f"recognition_{second.pk}": "deels_herkend",
        f"explanation_{second.pk}": "Alleen in de keten met SMZ.",
        f"intended_actions_{second.pk}": "",
    }
    return data | overrides


@pytest.mark.parametrize(
    ("answers", "unanswered", "unexplained"),
    [
        ({}, ["A", "B"], []),
        ({1: ("herkend", "")}, ["B"], []),
        ({1: ("herkend", ""), 2: ("niet_herkend", " ")}, [], ["B"]),
        ({1: ("deels_herkend", "Deels."), 2: ("niet_herkend", "Niet.")}, [], []),
    ],
)
def test_response_gaps(answers, unanswered, unexplained):
    gaps = response_gaps([(1, "A"), (2, "B")], answers)
    assert gaps == {"unanswered": unanswered, "unexplained": unexplained}


def test_board_saves_a_concept_then_submits(client, unit_board, cycle, uitkeren, agreed):
    first, second = agreed
    client.force_login(unit_board)
    page = client.get(response_url(cycle, uitkeren))
    assert page.status_code == 200
    assert "Meet het effect" in page.content.decode()

    concept = {
        "version": 0,
        "action": "opslaan",
        "overall": "",
        f"recognition_{first.pk}": "herkend",
    }
    assert client.post(response_url(cycle, uitkeren), concept).status_code == 302
    response = ManagementResponse.objects.get()
    assert (response.status, response.version) == ("concept", 1)
    assert RecommendationResponse.objects.get().recommendation == first
    assert AuditEvent.objects.get(event="findings.management_response.saved").actor == unit_board

    # Not shown in the report while it is a concept.
    report = client.get(reverse("findings:unit_report", args=[cycle.year, uitkeren.id]))
    assert report.context["document"].response is None

    submitted = client.post(
        response_url(cycle, uitkeren), answers_post(first, second, version=1, action="indienen")
    )
    assert submitted.status_code == 302
    assert submitted["Location"] == reverse("findings:unit_report", args=[cycle.year, uitkeren.id])
    response.refresh_from_db()
    assert (response.status, response.version) == ("ingediend", 2)
    assert response.submitted_at is not None
    answers = {a.recommendation: a for a in response.answers.all()}
    assert answers[second].recognition == "deels_herkend"
    assert answers[first].intended_actions == "Effectmeting in het jaarplan."
    event = AuditEvent.objects.get(event="findings.management_response.submitted")
    assert event.changes["status"] == ["concept", "ingediend"]
    assert event.changes[f"answers.{second.pk}.recognition"] == [None, "deels_herkend"]

    html = client.get(reverse("findings:unit_report", args=[cycle.year, uitkeren.id]))
    html = html.content.decode()
    assert "Wij nemen de aanbevelingen over." in html
    assert "Deels herkend" in html
    assert "Alleen in de keten met SMZ." in html
    assert "Effectmeting in het jaarplan." in html


def test_submit_lists_the_recommendations_not_answered(client, unit_board, cycle, uitkeren, agreed):
    first, second = agreed
    client.force_login(unit_board)
    data = answers_post(first, second, action="indienen") | {f"recognition_{second.pk}": ""}
    response = client.post(response_url(cycle, uitkeren), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nog niet beantwoord: “Werk samen in de keten”." in html
    assert "Meet het effect”" not in html.split("Nog niet beantwoord")[1].split("</p>")[0]
    assert not ManagementResponse.objects.exists()


def test_not_recognised_needs_an_explanation_and_overall_is_required(
    client, unit_board, cycle, uitkeren, agreed
):
    first, second = agreed
    client.force_login(unit_board)
    data = answers_post(
        first,
        second,
        action="indienen",
        overall=" ",
        **{f"recognition_{second.pk}": "niet_herkend", f"explanation_{second.pk}": ""},
    )
    response = client.post(response_url(cycle, uitkeren), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Licht toe waarom u deze aanbevelingen niet of deels herkent: “Werk samen" in html
    assert "Schrijf een algemene reactie op het rapport om in te dienen." in html
    assert not ManagementResponse.objects.exists()


def test_submitted_response_is_read_only(client, unit_board, cycle, uitkeren, agreed):
    first, second = agreed
    respond(unit_board, cycle, uitkeren, {first: "herkend", second: "herkend"})
    with pytest.raises(ResponseLocked, match="al ingediend"):
        respond(unit_board, cycle, uitkeren, {first: "niet_herkend", second: "herkend"})
    client.force_login(unit_board)
    page = client.get(response_url(cycle, uitkeren))
    assert page.status_code == 200
    assert "form" not in page.context
    assert "kan niet meer worden gewijzigd" in page.content.decode()
    refused = client.post(
        response_url(cycle, uitkeren), answers_post(first, second, version=1, action="indienen")
    )
    assert refused.status_code == 400
    assert set(RecommendationResponse.objects.values_list("recognition", flat=True)) == {"herkend"}


def test_stale_save_is_refused(client, unit_board, cycle, uitkeren, agreed):
    first, second = agreed
    respond(unit_board, cycle, uitkeren, {first: "herkend"}, submit=False)
    client.force_login(unit_board)
    response = client.post(
        response_url(cycle, uitkeren), answers_post(first, second, version=0, action="opslaan")
    )
    assert response.status_code == 400
    assert "intussen gewijzigd" in response.content.decode()
    with pytest.raises(EditConflict):
        management_response_save(
            actor=unit_board,
            cycle=cycle,
            unit=uitkeren,
            expected_version=0,
            overall="",
            answers={},
        )


def test_answers_can_be_taken_back_in_a_concept(unit_board, cycle, uitkeren, agreed):
    first, second = agreed
    respond(unit_board, cycle, uitkeren, {first: "herkend", second: "herkend"}, submit=False)
    respond(unit_board, cycle, uitkeren, {first: "herkend"}, submit=False)
    assert list(RecommendationResponse.objects.values_list("recommendation", flat=True)) == [
        first.pk
    ]


def test_answer_to_a_recommendation_of_another_unit_is_refused(
    auditor, coordinator, unit_board, cycle, uitkeren, communicatie, agreed
):
    elsewhere = recommend(auditor, cycle, communicatie)
    with pytest.raises(ValidationError, match="hoort bij een aanbeveling uit dit rapport"):
        respond(unit_board, cycle, uitkeren, {elsewhere: "herkend"}, submit=False)


def test_the_board_answers_a_definitief_report_too(
    coordinator, unit_board, cycle, uitkeren, agreed
):
    first, second = agreed
    finalise(coordinator, cycle, uitkeren)
    respond(unit_board, cycle, uitkeren, {first: "herkend", second: "niet_herkend"})
    assert ManagementResponse.objects.get().status == "ingediend"


def test_no_response_to_a_concept_report(client, auditor, unit_board, cycle, uitkeren):
    rec = recommend(auditor, cycle, uitkeren)
    client.force_login(unit_board)
    assert client.get(response_url(cycle, uitkeren)).status_code == 403
    with pytest.raises(ResponseLocked, match="nog niet afgestemd"):
        respond(unit_board, cycle, uitkeren, {rec: "herkend"})


@pytest.mark.parametrize(
    "persona",
    ["auditor", "other_auditor", "coordinator", "board_member", "outsider", "other_board"],
)
def test_only_the_units_own_board_writes_its_response(
    client, request, persona, cycle, uitkeren, agreed
):
    if persona == "other_board":
        user = UserFactory(
            username="directie_com",
            business_unit=BusinessUnitFactory(name="Communicatie"),
            roles=[Role.DIRECTIE],
        )
    else:
        user = request.getfixturevalue(persona)
    first, second = agreed
    client.force_login(user)
    assert client.get(response_url(cycle, uitkeren)).status_code == 403
    data = answers_post(first, second, action="indienen")
    assert client.post(response_url(cycle, uitkeren), data).status_code == 403
    assert not ManagementResponse.objects.exists()


def test_response_page_shows_its_history(client, unit_board, cycle, uitkeren, agreed):
    first, second = agreed
    respond(
        unit_board,
        cycle,
        uitkeren,
        {first: AnswerData(recognition="herkend", intended_actions="Plan maken.")},
        submit=False,
    )
    client.force_login(unit_board)
    html = client.get(response_url(cycle, uitkeren)).content.decode()
    assert "Historie van de reactie" in html
    assert "Reactie als concept opgeslagen" in html
    assert "herkenning bij “Meet het effect”" in html
    assert "– → Herkend" in html
