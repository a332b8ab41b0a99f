"""After a final no-go at the go/no-go moment the advisers of the lead division end the action
"beëindigd zonder uitvoering" with a reason: kept in the history, shown on the action and in the
central overview, and no dossier work or go/no-go after that. Refused without a no-go, without a
reason, for anyone else, and on a stale version."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import GoOutcome, Operation, Step, StepMove
from herstel.models import Herstelactie
from herstel.rules import StepMoveNotAllowed
from herstel.selectors.actions import herstelactie_get_for_user
from herstel.services.steps import herstelactie_move
from tests.herstel.flow import go, import_rows, move, row, to_execution
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict

REASON = "De DT ziet na heroverweging geen grond voor herstel: de oude beschikkingen stonden."


@pytest.fixture
def in_execution(action, adviser, dt_member, board_member):
    to_execution(action, adviser, dt_member, board_member)
    action.refresh_from_db()
    return action


@pytest.fixture
def no_go(in_execution, dt_member):
    go(in_execution, dt_member, GoOutcome.NO_GO, "Geen grondslag voor herstel.")
    in_execution.refresh_from_db()
    return in_execution


def end_post(action, reason=REASON, version=None):
    return {
        "end_without_execution-move": StepMove.END_WITHOUT_EXECUTION.value,
        "end_without_execution-version": action.version if version is None else version,
        "end_without_execution-reason": reason,
        "bevestigd": "1",  # as confirmed on the confirmation page
    }


def test_the_adviser_ends_the_action_after_a_no_go(client, adviser, no_go):
    client.force_login(adviser)
    detail = reverse("herstel:detail", args=[no_go.pk])
    page = client.get(detail).content.decode()
    assert "Beëindigen zonder uitvoering (na een definitieve no-go)" in page
    response = client.post(reverse("herstel:move", args=[no_go.pk]), end_post(no_go))
    assert response.status_code == 302
    no_go.refresh_from_db()
    assert no_go.step == Step.BEEINDIGD and no_go.end_reason == REASON
    assert no_go.closed_on is not None
    event = AuditEvent.objects.filter(event="herstel.step.moved").first()
    assert event.changes["step"] == ["stap_3", "beeindigd"]
    assert event.changes["end_reason"] == [None, REASON]
    assert event.reason == REASON
    page = client.get(detail).content.decode()
    assert "Beëindigd zonder uitvoering op" in page and REASON in page
    timeline = client.get(reverse("herstel:timeline", args=[no_go.pk])).content.decode()
    assert "Beëindigd zonder uitvoering" in timeline and REASON in timeline


def test_the_overview_shows_the_ended_status(client, adviser, fez_adviser, no_go):
    move(no_go, adviser, StepMove.END_WITHOUT_EXECUTION, REASON)
    client.force_login(fez_adviser)
    response = client.get(reverse("herstel:overview"), {"stap": "beeindigd"})
    assert [r.action.pk for r in response.context["view"].rows] == [no_go.pk]
    assert "Beëindigd zonder uitvoering" in response.content.decode()


def test_no_dossier_work_after_ending(client, adviser, dt_member, no_go):
    ended = move(no_go, adviser, StepMove.END_WITHOUT_EXECUTION, REASON)
    for operation in (
        Operation.IMPORT_DOSSIERS,
        Operation.EDIT_DOSSIER,
        Operation.RECORD_GO_DECISION,
        Operation.EDIT_EXECUTION_PLAN,
        Operation.COMMENT_KAPSTOK,
    ):
        assert not herstelactie_get_for_user(user=adviser, pk=ended.pk).may(operation)
    with pytest.raises(ValidationError, match="Dossiers importeren kan niet"):
        import_rows(ended, adviser, [row("R-1")])
    with pytest.raises(ValidationError, match="Go/no-go vastleggen kan niet"):
        go(ended, dt_member)
    client.force_login(adviser)
    assert client.get(reverse("herstel:detail", args=[ended.pk])).status_code == 200
    assert client.get(reverse("herstel:execution", args=[ended.pk])).status_code == 200
    assert (
        "Volgende stap"
        not in client.get(reverse("herstel:detail", args=[ended.pk])).content.decode()
    )


def test_refused_without_a_no_go(client, adviser, in_execution, dt_member):
    with pytest.raises(StepMoveNotAllowed, match="alleen zonder uitvoering beëindigd na een no-go"):
        move(in_execution, adviser, StepMove.END_WITHOUT_EXECUTION, REASON)
    go(in_execution, dt_member)
    with pytest.raises(StepMoveNotAllowed):
        move(in_execution, adviser, StepMove.END_WITHOUT_EXECUTION, REASON)
    client.force_login(adviser)
    page = client.get(reverse("herstel:detail", args=[in_execution.pk])).content.decode()
    assert "Beëindigen zonder uitvoering" not in page  # offered only after a no-go
    in_execution.refresh_from_db()
    response = client.post(reverse("herstel:move", args=[in_execution.pk]), end_post(in_execution))
    assert response.status_code == 400
    assert "alleen zonder uitvoering beëindigd na een no-go" in response.content.decode()
    assert Herstelactie.objects.get(pk=in_execution.pk).step == Step.STAP_3


def test_a_later_go_after_a_no_go_takes_the_option_away(adviser, dt_member, no_go):
    go(no_go, dt_member)
    with pytest.raises(StepMoveNotAllowed):
        move(no_go, adviser, StepMove.END_WITHOUT_EXECUTION, REASON)


def test_refused_without_a_reason(client, adviser, no_go):
    with pytest.raises(ValidationError) as refused:
        move(no_go, adviser, StepMove.END_WITHOUT_EXECUTION, "  ")
    assert refused.value.message_dict == {
        "reason": ["Geef aan waarom de herstelactie zonder uitvoering eindigt."]
    }
    client.force_login(adviser)
    response = client.post(reverse("herstel:move", args=[no_go.pk]), end_post(no_go, reason=""))
    assert response.status_code == 400
    assert "Geef aan waarom de herstelactie zonder uitvoering eindigt." in response.content.decode()
    assert Herstelactie.objects.get(pk=no_go.pk).step == Step.STAP_3


def test_a_stale_version_is_refused(client, adviser, no_go):
    with pytest.raises(EditConflict):
        herstelactie_move(
            actor=adviser,
            herstelactie=no_go,
            move=StepMove.END_WITHOUT_EXECUTION,
            expected_version=no_go.version - 1,
            reason=REASON,
        )
    client.force_login(adviser)
    response = client.post(
        reverse("herstel:move", args=[no_go.pk]), end_post(no_go, version=no_go.version - 1)
    )
    assert response.status_code == 400
    assert "intussen" in response.content.decode()
    assert Herstelactie.objects.get(pk=no_go.pk).step == Step.STAP_3


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("dt_member", 403),  # records the go/no-go, but does not end the action
        ("board_member", 403),
        ("sbk_adviser", 403),
        ("other_adviser", 404),
        ("fez_adviser", 404),
        ("outsider", 404),
    ],
)
def test_nobody_else_ends_it(db, client, request, persona, status, no_go):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.post(reverse("herstel:move", args=[no_go.pk]), end_post(no_go))
    assert response.status_code == status
    assert Herstelactie.objects.get(pk=no_go.pk).step == Step.STAP_3
    if persona == "dt_member":
        with pytest.raises(PermissionDenied):
            move(no_go, user, StepMove.END_WITHOUT_EXECUTION, REASON)
