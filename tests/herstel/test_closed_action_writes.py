"""A write to a closed herstelactie (gesloten after its evaluation, or beëindigd zonder
uitvoering after a no-go) is refused by the service because the step does not allow it: the
page says why in Dutch and nothing changes, never a 500. (Removing a communication-group member
answered 500: the view did not catch the refusal.)

The one exception: control measures. Learning and prevention run "naast of na de herstelactie"
(the process guide), so the advisers of the lead division add, update and withdraw measures
after closing too (issue 20); see the tests at the end."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from herstel.constants import ControlMeasureProgress, GoOutcome, Step, StepMove
from herstel.models import CommunicationMember, ControlMeasure, Evaluation, WorkingGroupMember
from herstel.rules import MeasureJudgement
from herstel.services.actions import control_measure_add
from herstel.services.communication import communication_member_add
from herstel.services.evaluation import evaluation_complete, evaluation_save
from tests.herstel.flow import go, import_rows, make_issue, move, row, to_execution
from uwvkms.events import SECURITY_EVENTS
from uwvkms.models import AuditEvent


def refused_in(step: Step, page: str) -> bool:
    """Whether the page says the service's refusal for this step ("… kan niet in Gesloten",
    "… kan niet worden vastgelegd in Gesloten")."""
    return (
        re.search(rf"kan niet (worden vastgelegd )?in {re.escape(str(step.label))}", page)
        is not None
    )


def _evaluate_and_close(action, adviser, measure):
    go(action, adviser)
    import_rows(action, adviser, [row("HA-1", "afgehandeld", "nabetalen", "10,00", "0", "0", "0")])
    move(action, adviser, StepMove.TO_EVALUATION)
    evaluation = Evaluation.objects.get(herstelactie=action, number=1)
    evaluation = evaluation_save(
        actor=adviser,
        evaluation=evaluation,
        expected_version=evaluation.version,
        client_experience="Cliënten waren tevreden.",
        internal_process="Soepel.",
        survey_invited=10,
        survey_responses=5,
        survey_satisfied=4,
        survey_score=Decimal("7.5"),
        measures={measure.pk: MeasureJudgement(True, "yes", "Steekproef.")},
    )
    evaluation_complete(
        actor=adviser,
        evaluation=evaluation,
        expected_version=evaluation.version,
        completed_on=datetime.date.today(),
    )
    move(action, adviser, StepMove.CLOSE)


@pytest.fixture(params=[Step.GESLOTEN, Step.BEEINDIGD])
def closed(request, action, adviser, dt_member, board_member, wg_member, communicatie_user):
    """`action`, an issue with a communication member, a working-group member and a control
    measure, then closed one of the two ways."""
    make_issue(action, communicatie_user)  # Communicatie is its own issuemanager here
    communication_member_add(
        actor=communicatie_user, herstelactie=action, function="issuemanagement", name="Ina Issue"
    )
    measure = control_measure_add(
        actor=adviser,
        herstelactie=action,
        description="Automatische controle",
        owner="Teamleider",
        due_on=datetime.date(2026, 1, 1),
    )
    to_execution(action, adviser, dt_member, board_member)
    if request.param == Step.GESLOTEN:
        _evaluate_and_close(action, adviser, measure)
    else:
        go(action, dt_member, GoOutcome.NO_GO, "Geen grondslag voor herstel.")
        move(action, adviser, StepMove.END_WITHOUT_EXECUTION, "Geen grondslag.")
    action.refresh_from_db()
    assert action.step == request.param
    return action


def _state(action) -> tuple:
    action.refresh_from_db()
    return (
        action.is_issue,
        list(CommunicationMember.objects.filter(herstelactie=action).values_list("name")),
        list(WorkingGroupMember.objects.filter(herstelactie=action).values_list("name")),
        list(ControlMeasure.objects.filter(herstelactie=action).values_list("description")),
        AuditEvent.objects.exclude(event__in=SECURITY_EVENTS).count(),
    )


def test_removing_a_communication_member_is_refused_with_a_message(
    client, communicatie_user, closed
):
    member = CommunicationMember.objects.get(herstelactie=closed)
    client.force_login(communicatie_user)
    url = reverse("herstel:communication_member_remove", args=[closed.pk, member.pk])
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(reverse("herstel:communication", args=[closed.pk]), 302)]
    page = response.content.decode()
    assert f"Communicatiespoor wijzigen kan niet in {closed.get_step_display()}" in page
    assert "uit de communicatiewerkgroep gehaald" not in page
    assert CommunicationMember.objects.filter(pk=member.pk).exists()
    assert not AuditEvent.objects.filter(event="herstel.communication_member.removed").exists()


def _removal_url(name: str, action, wg_member) -> str:
    """The removals on the communication, working-group and advice pages (no form: a refusal
    comes back as a message)."""
    target = {
        "communication_member_remove": CommunicationMember.objects.get(herstelactie=action),
        "member_remove": WorkingGroupMember.objects.get(herstelactie=action, user=wg_member),
    }[name]
    return reverse(f"herstel:{name}", args=[action.pk, target.pk])


# Who would make the write on an open action: the lead adviser, except on the communication
# track, which is Communicatie's (here its own issuemanager).
WRITERS = {
    "communication_member_remove": "communicatie_user",
    "issue_set": "communicatie_user",
    "communication_member_add": "communicatie_user",
}


@pytest.mark.parametrize("name", ["communication_member_remove", "member_remove"])
def test_a_removal_on_a_closed_action_is_refused_with_a_message(
    request, client, wg_member, closed, name
):
    before = _state(closed)
    client.force_login(request.getfixturevalue(WRITERS.get(name, "adviser")))
    response = client.post(_removal_url(name, closed, wg_member), follow=True)
    assert response.status_code == 200
    assert len(response.redirect_chain) == 1
    assert refused_in(Step(closed.step), response.content.decode())
    assert _state(closed) == before


# Every form on the action's pages, with valid data: on a closed action the page no longer
# shows the form, so the refusal must come at the top of the page.
FORM_WRITES = {
    "issue_set": {"issue-is_issue": "False", "issue-reason": "Geen publieke impact meer."},
    "communication_member_add": {
        "communicatie-function": "woordvoering",
        "communicatie-name": "Wim Woord",
    },
    "member_add": {"lid-name": "Jan Jurist", "lid-directorate": "jkc", "lid-role": "Jurist"},
    "consultation_add": {
        "raadpleging-kind": "clientenraad",
        "raadpleging-name": "Landelijke Cliëntenraad",
        "raadpleging-consulted_on": "2025-02-01",
        "raadpleging-outcome": "Positief.",
    },
    "informal_round_add": {
        "informeel-held_on": "2025-02-10",
        "informeel-participants": "Directeur Uitkeren",
        "informeel-summary": "Akkoord.",
    },
    "notification_add": {
        "kennisgeving-kind": "rvb_informed",
        "kennisgeving-informed_on": "2025-02-10",
        "kennisgeving-summary": "Per brief.",
    },
    "go_decision_add": {
        "go-body": "dt",
        "go-outcome": "go",
        "go-decided_on": "2025-02-10",
    },
    "evaluation_plan": {"plannen-planned_on": "2031-01-01", "plannen-reason": "Steekproef."},
}


@pytest.mark.parametrize("name", FORM_WRITES)
def test_a_form_on_a_closed_action_is_refused_with_a_message(request, client, closed, name):
    before = _state(closed)
    client.force_login(request.getfixturevalue(WRITERS.get(name, "adviser")))
    response = client.post(reverse(f"herstel:{name}", args=[closed.pk]), FORM_WRITES[name])
    assert response.status_code == 400
    assert refused_in(Step(closed.step), response.content.decode())
    assert _state(closed) == before


# --- The exception: control measures stay open after closing ------------------------------------


def test_control_measures_are_added_updated_and_withdrawn_after_closing(client, adviser, closed):
    """Every other form of the action is refused when it is closed (above); the measures page
    still offers and accepts add, update and withdraw, each recorded in the event log."""
    client.force_login(adviser)
    page = client.get(reverse("herstel:measures", args=[closed.pk])).content.decode()
    assert "Maatregel toevoegen" in page
    measure = ControlMeasure.objects.get(herstelactie=closed)
    assert reverse("herstel:measure_edit", args=[closed.pk, measure.pk]) in page

    added = client.post(
        reverse("herstel:measure_add", args=[closed.pk]),
        {"description": "Steekproef na sluiten", "owner": "Teamleider", "due_on": "2027-03-01"},
    )
    assert added.status_code == 302
    updated = client.post(
        reverse("herstel:measure_edit", args=[closed.pk, measure.pk]),
        {
            "description": measure.description,
            "owner": measure.owner,
            "due_on": measure.due_on.isoformat(),
            "progress": ControlMeasureProgress.GEREED,
            "version": measure.version,
        },
    )
    assert updated.status_code == 302
    measure.refresh_from_db()
    assert measure.progress == ControlMeasureProgress.GEREED
    later = ControlMeasure.objects.get(description="Steekproef na sluiten")
    withdrawn = client.post(
        reverse("herstel:measure_withdraw", args=[closed.pk, later.pk]),
        {"reason": "Dubbel ingevoerd.", "version": later.version},
    )
    assert withdrawn.status_code == 302
    assert ControlMeasure.with_withdrawn.get(pk=later.pk).is_withdrawn
    events = set(
        AuditEvent.objects.filter(event__startswith="herstel.measure.").values_list(
            "event", flat=True
        )
    )
    assert {"herstel.measure.added", "herstel.measure.updated", "herstel.measure.withdrawn"} <= (
        events
    )
    closed.refresh_from_db()
    assert closed.step in (Step.GESLOTEN, Step.BEEINDIGD)  # still closed


def test_only_the_lead_advisers_change_measures_after_closing(
    client, closed, wg_member, dt_member, other_adviser
):
    for user in (wg_member, dt_member, other_adviser):
        client.force_login(user)
        response = client.post(
            reverse("herstel:measure_add", args=[closed.pk]),
            {"description": "Steekproef", "owner": "Teamleider", "due_on": "2027-03-01"},
        )
        assert response.status_code in (403, 404)
    assert ControlMeasure.objects.filter(herstelactie=closed).count() == 1


def test_control_measures_are_the_only_operation_open_after_closing():
    """The rights table says it too: of every Operation, only EDIT_MEASURES has a closed step."""
    from herstel.constants import CLOSED_STEPS, OPERATION_RIGHTS, Operation

    open_after_closing = {
        op for op, right in OPERATION_RIGHTS.items() if right.steps & CLOSED_STEPS
    }
    assert open_after_closing == {Operation.EDIT_MEASURES}
    assert OPERATION_RIGHTS[Operation.EDIT_MEASURES].steps == frozenset(Step)
