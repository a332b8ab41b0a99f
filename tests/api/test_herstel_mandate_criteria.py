"""The mandate criteria of an action's advice through the API: the judgements with who judged
and why, and the mandate they lead to with the rule that decided it — the same pure rule
(herstel.rules.mandate_for) and the same service (advice_save) as the advice page."""

import itertools

import pytest

from herstel.constants import Criterion, Mandate
from herstel.models import CriterionJudgement
from herstel.rules import MandateCriteria, mandate_for
from tests.api.conftest import assert_problem
from tests.herstel.flow import DT_PATH, fill_advice, sections, start, submit
from uwvkms.models import AuditEvent


@pytest.fixture
def action(db, adviser):
    return start(adviser)


def url(action) -> str:
    return f"/api/v1/herstelacties/{action.pk}/mandate-criteria/"


def judge(values, version) -> dict:
    return {
        "version": version,
        "criteria": [
            {"criterion": c.value, "value": v, "rationale": f"Omdat {c.value}.", "judged_by": "JKC"}
            for c, v in zip(Criterion, values, strict=True)
        ],
    }


def test_open_criteria_have_no_mandate_yet(api_client_for, adviser, action):
    body = api_client_for(adviser).get(url(action)).json()
    assert [c["criterion"] for c in body["criteria"]] == Criterion.values
    assert body["open_criteria"] == Criterion.values
    assert body["mandate_assessment"] is None and body["mandate"] is None
    assert body["version"] == action.version
    assert body["advice_gaps"]  # the sections and criteria still to fill


@pytest.mark.parametrize("values", list(itertools.product([True, False], repeat=5)))
def test_every_combination_gives_the_rules_mandate_and_rule(
    api_client_for, adviser, action, values
):
    response = api_client_for(adviser).put(
        url(action), judge(values, action.version), format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    expected = mandate_for(MandateCriteria(*values))
    assessment = body["mandate_assessment"]
    assert assessment["mandate"] == expected.mandate.value
    assert assessment["rule"] == expected.rule
    assert assessment["reasons"] == list(expected.reasons)
    assert assessment["outweighed"] == [m.value for m in expected.outweighed]
    assert body["open_criteria"] == []
    assert body["version"] == action.version + 1


def test_the_judgement_is_stored_with_who_and_why_and_logged(api_client_for, adviser, action):
    client = api_client_for(adviser)
    client.put(url(action), judge(DT_PATH, action.version), format="json")
    response = client.put(
        url(action),
        {
            "version": action.version + 1,
            "criteria": [{"criterion": "client_impact", "value": True}],
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    judgement = CriterionJudgement.objects.get(
        advice__herstelactie=action, criterion=Criterion.CLIENT_IMPACT
    )
    assert judgement.value is True
    assert judgement.rationale == "Omdat client_impact."  # not sent: kept
    assert judgement.judged_by == "JKC"
    body = response.json()
    assert body["mandate_assessment"]["mandate"] == Mandate.RVB_MINISTER
    client_impact = next(c for c in body["criteria"] if c["criterion"] == "client_impact")
    assert client_impact["answer"].startswith("Ja, naar verwachting grote impact")
    events = AuditEvent.objects.filter(event="herstel.advice.updated", object_id=str(action.pk))
    assert events.count() == 2
    assert events.first().changes["criteria.client_impact.value"] == [False, True]


def test_the_sections_of_the_advice_are_left_alone(api_client_for, adviser, action):
    fill_advice(action, adviser, DT_PATH)
    action.refresh_from_db()
    api_client_for(adviser).put(
        url(action),
        {"version": action.version, "criteria": [{"criterion": "money_flow", "value": True}]},
        format="json",
    )
    action.advice.refresh_from_db()
    assert action.advice.target_group == sections()["target_group"]


def test_a_stale_version_answers_409_and_changes_nothing(api_client_for, adviser, action):
    client = api_client_for(adviser)
    stale = action.version
    client.put(url(action), judge(DT_PATH, stale), format="json")
    response = client.put(url(action), judge((False,) * 5, stale), format="json")
    assert_problem(response, 409)
    assert CriterionJudgement.objects.get(
        advice__herstelactie=action, criterion=Criterion.WITHIN_LAW
    ).value


@pytest.mark.parametrize(
    "payload",
    [
        {"criteria": [{"criterion": "within_law", "value": True}]},  # no version
        {"version": 1, "criteria": []},
        {"version": 1, "criteria": [{"criterion": "sunshine", "value": True}]},
        {"version": 1, "criteria": [{"criterion": "within_law", "value": "ja"}]},
        {"version": 1, "criteria": [{"criterion": "within_law", "value": 1}]},
        {
            "version": 1,
            "criteria": [
                {"criterion": "within_law", "value": True},
                {"criterion": "within_law", "value": False},
            ],
        },
        {"version": 1, "criteria": [{"criterion": "within_law", "value": True, "extra": 1}]},
        {"version": 1, "criteria": "within_law"},
        [],
    ],
)
def test_bad_input_is_refused_and_nothing_changes(api_client_for, adviser, action, payload):
    body = assert_problem(api_client_for(adviser).put(url(action), payload, format="json"), 400)
    assert body["invalidParams"]
    assert not CriterionJudgement.objects.filter(value__isnull=False).exists()
    action.refresh_from_db()
    assert action.version == 1


def test_after_submission_the_criteria_are_read_only(api_client_for, adviser, action):
    submit(action, adviser, DT_PATH)
    action.refresh_from_db()
    client = api_client_for(adviser)
    body = client.get(url(action)).json()
    assert body["mandate"] == Mandate.DT and body["mandate_rule"].startswith("De DT besluit")
    response = client.put(url(action), judge((False,) * 5, action.version), format="json")
    assert_problem(response, 403)
    assert CriterionJudgement.objects.get(
        advice__herstelactie=action, criterion=Criterion.WITHIN_LAW
    ).value
