"""Withdrawing a follow-up action recorded in error (issue 17, "undo with a trace"): the unit's
own board asks first (a page with a required reason, no JavaScript needed), the action keeps its
row, struck through on the unit's page with who, when and why, and its history says so. Refused
for anyone else, for another unit's action, once its effect was measured (it was taken), without
a reason, twice, and on a stale version. A withdrawn action is no longer changed."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from findings.models import FollowUpAction
from findings.services.follow_up import (
    effect_measurement_record,
    follow_up_action_update,
    follow_up_action_withdraw,
)
from tests.factories import (
    EffectMeasurementFactory,
    FollowUpActionFactory,
    RecommendationFactory,
    RecommendationResponseFactory,
    UserFactory,
)
from uwvkms.constants import Role
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict

REASON = "Dubbel ingevoerd: deze actie staat al bij de aanbeveling over klantsignalen."


@pytest.fixture
def other_board(db, communicatie):
    return UserFactory(username="directie_com", business_unit=communicatie, roles=[Role.DIRECTIE])


@pytest.fixture
def recognised(cycle, uitkeren):
    return RecommendationResponseFactory(
        recommendation=RecommendationFactory(
            cycle=cycle, unit=uitkeren, title="Stuur op klantsignalen"
        ),
        recognition="herkend",
    ).recommendation


@pytest.fixture
def action(recognised, unit_board):
    return FollowUpActionFactory(
        recommendation=recognised, updated_by=unit_board, title="Klantpanel instellen"
    )


def url(action, name="action_withdraw"):
    return reverse(f"findings:{name}", args=[action.cycle.year, action.unit_id, action.pk])


def withdraw(actor, action, *, reason=REASON, version=None):
    return follow_up_action_withdraw(
        actor=actor,
        action=action,
        expected_version=action.version if version is None else version,
        reason=reason,
    )


# --- the page and the happy path ------------------------------------------------------------


def test_the_board_is_asked_first_and_withdraws_with_a_reason(client, unit_board, action):
    client.force_login(unit_board)
    detail = client.get(url(action, "action_detail")).content.decode()
    assert url(action) in detail
    question = client.get(url(action))
    assert question.status_code == 200
    html = question.content.decode()
    assert "Vervolgactie ‘Klantpanel instellen’ intrekken?" in html
    assert 'name="reason"' in html and 'method="post"' in html
    assert FollowUpAction.objects.filter(pk=action.pk).exists()  # GET changed nothing

    response = client.post(url(action), {"reason": REASON, "version": action.version})
    assert response.status_code == 302
    assert response.url == reverse(
        "findings:follow_up_unit", args=[action.cycle.year, action.unit_id]
    )
    withdrawn = FollowUpAction.with_withdrawn.get(pk=action.pk)
    assert (withdrawn.withdrawn_by, withdrawn.withdrawal_reason) == (unit_board, REASON)
    assert withdrawn.version == action.version + 1
    assert not FollowUpAction.objects.filter(pk=action.pk).exists()
    event = AuditEvent.objects.get(event="findings.follow_up_action.withdrawn")
    assert (event.actor, event.reason, event.changes) == (
        unit_board,
        REASON,
        {"withdrawn": [False, True]},
    )

    unit_page = client.get(response.url).content.decode()
    assert "<del><a" in unit_page and "Klantpanel instellen" in unit_page
    assert f"Ingetrokken door {unit_board}" in unit_page and REASON in unit_page
    # Its recommendation has no action that counts any more.
    assert "1 herkende aanbeveling heeft nog geen vervolgactie." in unit_page

    detail = client.get(url(action, "action_detail")).content.decode()
    assert "Deze vervolgactie is ingetrokken en telt nergens meer mee." in detail
    assert "Vervolgactie ingetrokken" in detail  # the history
    assert url(action, "action_edit") not in detail
    assert url(action) not in detail
    assert url(action, "measurement_create") not in detail


def test_a_missing_reason_gives_the_page_back_with_the_instruction(client, unit_board, action):
    client.force_login(unit_board)
    response = client.post(url(action), {"reason": "  ", "version": action.version})
    assert response.status_code == 400
    assert "Geef de reden waarom u dit intrekt." in response.content.decode()
    assert not FollowUpAction.objects.get(pk=action.pk).is_withdrawn


def test_a_stale_page_is_refused_and_keeps_what_was_typed(client, unit_board, action):
    client.force_login(unit_board)
    stale = action.version
    follow_up_action_update(
        actor=unit_board,
        action=action,
        expected_version=action.version,
        **{f: getattr(action, f) for f in ("title", "owner", "goal", "indicator")},
        baseline=action.baseline,
        target=action.target,
        due_on=action.due_on,
        status="in_uitvoering",
    )
    response = client.post(url(action), {"reason": REASON, "version": stale})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze vervolgactie is intussen gewijzigd" in html
    assert REASON in html
    assert not FollowUpAction.objects.get(pk=action.pk).is_withdrawn


# --- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "auditor", "other_board", "outsider"])
def test_only_the_units_own_board_withdraws(client, request, persona, action):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        withdraw(user, action)
    client.force_login(user)
    assert client.get(url(action)).status_code == 403
    assert client.post(url(action), {"reason": REASON, "version": action.version}).status_code == (
        403
    )
    assert not FollowUpAction.with_withdrawn.get(pk=action.pk).is_withdrawn
    if persona in ("coordinator", "auditor"):  # readers: the page offers nothing to withdraw
        assert url(action) not in client.get(url(action, "action_detail")).content.decode()


def test_another_units_action_is_not_found_on_this_units_page(
    client, unit_board, cycle, communicatie
):
    theirs = FollowUpActionFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=communicatie)
    )
    client.force_login(unit_board)
    wrong = reverse("findings:action_withdraw", args=[cycle.year, theirs.unit_id, theirs.pk])
    assert client.get(wrong).status_code == 403
    mixed = reverse(
        "findings:action_withdraw", args=[cycle.year, unit_board.business_unit_id, theirs.pk]
    )
    assert client.get(mixed).status_code == 404


def test_an_action_whose_effect_was_measured_is_not_withdrawn(client, unit_board, action):
    EffectMeasurementFactory(action=action, recorded_by=unit_board)
    action.refresh_from_db()
    with pytest.raises(ValidationError, match="het effect al gemeten"):
        withdraw(unit_board, action)
    client.force_login(unit_board)
    assert url(action) not in client.get(url(action, "action_detail")).content.decode()
    page = client.get(url(action)).content.decode()
    assert "Zet de status op vervallen" in page and 'name="reason"' not in page


def test_no_reason_is_refused(unit_board, action):
    with pytest.raises(ValidationError) as exc:
        withdraw(unit_board, action, reason="   ")
    assert exc.value.message_dict == {"reason": ["Geef de reden waarom u dit intrekt."]}


def test_withdrawn_once_only(client, unit_board, action):
    withdraw(unit_board, action)
    action.refresh_from_db()
    with pytest.raises(ValidationError, match="al ingetrokken"):
        withdraw(unit_board, action)
    client.force_login(unit_board)
    page = client.get(url(action)).content.decode()
    assert "al ingetrokken" in page and 'name="reason"' not in page
    assert AuditEvent.objects.filter(event="findings.follow_up_action.withdrawn").count() == 1


def test_a_stale_version_is_a_conflict(unit_board, action):
    with pytest.raises(EditConflict):
        withdraw(unit_board, action, version=action.version + 1)


def test_a_withdrawn_action_is_no_longer_changed_or_measured(client, unit_board, action):
    withdraw(unit_board, action)
    action.refresh_from_db()
    with pytest.raises(ValidationError, match="ingetrokken"):
        effect_measurement_record(
            actor=unit_board,
            action=action,
            expected_version=action.version,
            measured_value=1,
            measured_on=None,
            conclusion="bereikt",
        )
    client.force_login(unit_board)
    assert client.get(url(action, "action_edit")).status_code == 404
