"""Follow-up actions: the unit's own board plans one or more actions per recognised
recommendation (herkend or deels herkend in a submitted management response), each with an owner
and a SMART goal (a target only with an indicator), tracks their status with optimistic locking,
and records their effect (a value and a date are required). Every change is kept old → new. The
coordination team reads every unit, the unit's auditors read theirs; nobody else."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from findings.models import EffectMeasurement, FollowUpAction
from findings.services.follow_up import (
    effect_measurement_record,
    follow_up_action_create,
)
from tests.factories import (
    EffectMeasurementFactory,
    FollowUpActionFactory,
    ManagementResponseFactory,
    RecommendationFactory,
    RecommendationResponseFactory,
    UserFactory,
    principle,
)
from uwvkms.constants import Role
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict

# Measurements cannot lie in the future; the cycle's own dates (2031) may.
MEASURED_ON = datetime.date.today() - datetime.timedelta(days=1)

ACTION = {
    "title": "Klantsignalen maandelijks bespreken",
    "owner": "Manager kwaliteit",
    "goal": "Elk team bespreekt klantsignalen en kiest een verbetering.",
    "indicator": "Teams die maandelijks bespreken (%)",
    "baseline": "40",
    "target": "90",
    "due_on": "2032-04-30",
    "status": "gepland",
}


@pytest.fixture
def other_board(db, communicatie):
    """The board of another unit."""
    return UserFactory(username="directie_com", business_unit=communicatie, roles=[Role.DIRECTIE])


@pytest.fixture
def recognised(cycle, uitkeren):
    answer = RecommendationResponseFactory(
        recommendation=RecommendationFactory(
            cycle=cycle, unit=uitkeren, title="Stuur op klantsignalen"
        ),
        recognition="herkend",
        intended_actions="Maandelijks bespreken in het MT.",
    )
    return answer.recommendation


@pytest.fixture
def action(recognised, unit_board):
    return FollowUpActionFactory(recommendation=recognised, updated_by=unit_board)


def unit_url(cycle, unit):
    return reverse("findings:follow_up_unit", args=[cycle.year, unit.pk])


def create_url(recommendation):
    return reverse(
        "findings:action_create",
        args=[recommendation.cycle.year, recommendation.unit_id, recommendation.pk],
    )


def action_url(action, name="action_detail"):
    return reverse(f"findings:{name}", args=[action.cycle.year, action.unit_id, action.pk])


def measure(client, action, **data):
    payload = {
        "measured_value": "85",
        "measured_on": MEASURED_ON.isoformat(),
        "conclusion": "deels",
        "next_steps": "Na de zomer opnieuw meten.",
        "version": action.version,
        **data,
    }
    return client.post(action_url(action, "measurement_create"), payload)


# --- creating actions -----------------------------------------------------------------------------


def test_the_board_plans_an_action_for_a_recognised_recommendation(
    client, unit_board, cycle, uitkeren, recognised
):
    client.force_login(unit_board)
    page = client.get(unit_url(cycle, uitkeren)).content.decode()
    assert "Stuur op klantsignalen" in page and "Vervolgactie toevoegen" in page
    assert "Maandelijks bespreken in het MT." in page
    assert client.get(create_url(recognised)).status_code == 200
    response = client.post(create_url(recognised), {**ACTION, "baseline": "40,5"})
    assert response.status_code == 302 and response.url == unit_url(cycle, uitkeren)
    action = FollowUpAction.objects.get()
    assert (action.cycle, action.unit, action.recommendation, action.owner) == (
        cycle,
        uitkeren,
        recognised,
        "Manager kwaliteit",
    )
    assert (action.baseline, action.target) == (Decimal("40.50"), Decimal("90.00"))
    assert (action.due_on, action.status, action.version) == (
        datetime.date(2032, 4, 30),
        "gepland",
        1,
    )
    event = AuditEvent.objects.get(event="findings.follow_up_action.created")
    assert event.actor == unit_board
    assert event.changes["target"] == [None, "90.00"]
    assert event.changes["due_on"] == [None, "2032-04-30"]
    assert "Klantsignalen maandelijks bespreken" in client.get(response.url).content.decode()


def test_a_recommendation_can_get_several_actions(client, unit_board, recognised):
    client.force_login(unit_board)
    client.post(create_url(recognised), ACTION)
    client.post(create_url(recognised), {**ACTION, "title": "Klantpanel instellen"})
    assert recognised.actions.count() == 2


def test_a_partly_recognised_recommendation_gets_actions_too(client, unit_board, cycle, uitkeren):
    answer = RecommendationResponseFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=uitkeren),
        recognition="deels_herkend",
    )
    client.force_login(unit_board)
    assert client.post(create_url(answer.recommendation), ACTION).status_code == 302


@pytest.mark.parametrize("case", ["niet_herkend", "concept_response", "no_response"])
def test_no_action_without_a_recognised_recommendation_in_a_submitted_response(
    client, unit_board, cycle, uitkeren, case
):
    recommendation = RecommendationFactory(cycle=cycle, unit=uitkeren)
    if case == "niet_herkend":
        RecommendationResponseFactory(recommendation=recommendation, recognition="niet_herkend")
    elif case == "concept_response":
        response = ManagementResponseFactory(
            unit_report__cycle=cycle, unit_report__unit=uitkeren, concept=True
        )
        RecommendationResponseFactory(recommendation=recommendation, response=response)
    client.force_login(unit_board)
    assert client.get(create_url(recommendation)).status_code == 404
    assert client.post(create_url(recommendation), ACTION).status_code == 404
    with pytest.raises(ValidationError, match="herkend"):
        follow_up_action_create(
            actor=unit_board,
            recommendation=recommendation,
            title="X",
            owner="Y",
            goal="Z",
            due_on=datetime.date(2032, 1, 1),
        )
    assert not FollowUpAction.objects.exists()


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("title", "Geef de actie een titel."),
        ("owner", "Wie is eigenaar van deze actie?"),
        ("goal", "Beschrijf het doel: wat moet deze actie opleveren?"),
        ("due_on", "Vul de datum in waarop de actie uiterlijk gereed is."),
    ],
)
def test_an_action_needs_owner_goal_and_due_date(client, unit_board, recognised, field, message):
    client.force_login(unit_board)
    response = client.post(create_url(recognised), {**ACTION, field: ""})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not FollowUpAction.objects.exists()


def test_a_due_date_in_the_past_is_refused_and_the_input_kept(client, unit_board, recognised):
    """A new action due in 2019 is a typo (issue 17): refused with an instruction, the form
    given back as typed."""
    client.force_login(unit_board)
    response = client.post(create_url(recognised), {**ACTION, "due_on": "2019-04-30"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een datum op of na vandaag" in html
    assert 'value="2019-04-30"' in html and ACTION["goal"] in html
    assert not FollowUpAction.objects.exists()


def test_a_target_without_indicator_is_refused_with_a_clear_message(client, unit_board, recognised):
    client.force_login(unit_board)
    response = client.post(create_url(recognised), {**ACTION, "indicator": "", "baseline": ""})
    assert response.status_code == 400
    assert "Een streefwaarde zonder indicator is niet meetbaar" in response.content.decode()
    assert not FollowUpAction.objects.exists()
    with pytest.raises(ValidationError) as exc:
        follow_up_action_create(
            actor=unit_board,
            recommendation=recognised,
            title="X",
            owner="Y",
            goal="Z",
            target=Decimal("90"),
            due_on=datetime.date(2032, 1, 1),
        )
    assert "target" in exc.value.error_dict
    assert not FollowUpAction.objects.exists()


def test_the_database_refuses_a_target_without_indicator(recognised, unit_board):
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUpActionFactory(recommendation=recognised, indicator="", baseline=None)


def test_a_baseline_without_indicator_is_refused(client, unit_board, recognised):
    client.force_login(unit_board)
    response = client.post(create_url(recognised), {**ACTION, "indicator": "", "target": ""})
    assert response.status_code == 400
    assert "Een nulmeting zonder indicator is niet meetbaar" in response.content.decode()


def test_an_action_without_indicator_at_all_is_allowed(client, unit_board, recognised):
    client.force_login(unit_board)
    data = {**ACTION, "indicator": "", "baseline": "", "target": ""}
    assert client.post(create_url(recognised), data).status_code == 302
    assert FollowUpAction.objects.get().target is None


@pytest.mark.parametrize("value", ["veel", "1,2,3", "12,345"])
def test_values_are_numbers_with_at_most_two_decimals(client, unit_board, recognised, value):
    client.force_login(unit_board)
    response = client.post(create_url(recognised), {**ACTION, "target": value})
    assert response.status_code == 400
    assert response.context["form"].errors["target"]


# --- editing with locking --------------------------------------------------------------------------


def test_the_board_edits_an_action_recorded_old_to_new(client, unit_board, action):
    client.force_login(unit_board)
    assert client.get(action_url(action, "action_edit")).status_code == 200
    data = {
        "title": action.title,
        "owner": "Directeur",
        "goal": action.goal,
        "indicator": action.indicator,
        "baseline": "40",
        "target": "95",
        "due_on": "2032-03-31",
        "status": "in_uitvoering",
        "version": 1,
    }
    response = client.post(action_url(action, "action_edit"), data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.owner, action.target, action.status, action.version) == (
        "Directeur",
        Decimal("95.00"),
        "in_uitvoering",
        2,
    )
    event = AuditEvent.objects.get(event="findings.follow_up_action.changed")
    assert event.changes == {
        "owner": ["Teamleider kwaliteit", "Directeur"],
        "target": ["90.00", "95.00"],
        "status": ["gepland", "in_uitvoering"],
    }
    html = client.get(action_url(action)).content.decode()
    assert "Gepland → In uitvoering" in html and "90.00 → 95.00" in html


def test_a_stale_edit_is_refused_and_changes_nothing(client, unit_board, action):
    FollowUpAction.objects.filter(pk=action.pk).update(version=2, owner="Iemand anders")
    client.force_login(unit_board)
    data = {**ACTION, "version": 1}
    response = client.post(action_url(action, "action_edit"), data)
    assert response.status_code == 400
    assert "Deze vervolgactie is intussen gewijzigd door" in response.content.decode()
    action.refresh_from_db()
    assert action.owner == "Iemand anders"
    assert not AuditEvent.objects.filter(event="findings.follow_up_action.changed").exists()


# --- effect measurement ----------------------------------------------------------------------------


def test_the_board_records_an_effect_measurement(client, unit_board, action):
    FollowUpAction.objects.filter(pk=action.pk).update(status="gereed")
    action.refresh_from_db()
    client.force_login(unit_board)
    page = client.get(action_url(action)).content.decode()
    assert "effect niet gemeten (hiaat)" in page
    response = measure(client, action, measured_value="85,5")
    assert response.status_code == 302
    measurement = EffectMeasurement.objects.get()
    assert (measurement.measured_value, measurement.measured_on, measurement.conclusion) == (
        Decimal("85.50"),
        MEASURED_ON,
        "deels",
    )
    assert measurement.recorded_by == unit_board
    action.refresh_from_db()
    assert action.version == 2
    event = AuditEvent.objects.get(event="findings.effect_measurement.recorded")
    assert event.changes["measured_value"] == [None, "85.50"]
    page = client.get(action_url(action)).content.decode()
    assert "gereed, effect gemeten" in page and "Deels bereikt" in page
    assert "Na de zomer opnieuw meten." in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"measured_value": ""}, "measured_value", "Vul de gemeten waarde in."),
        ({"measured_on": ""}, "measured_on", "Vul de datum van de meting in."),
        (
            {"measured_value": "veel"},
            "measured_value",
            "Vul een getal in, bijvoorbeeld 85 of 12,5.",
        ),
        ({"measured_on": "gisteren"}, "measured_on", "Vul een geldige datum in."),
        (
            {"measured_on": "2999-01-01"},
            "measured_on",
            "Kies een datum van vandaag",
        ),
        ({"conclusion": ""}, "conclusion", "Kies de conclusie"),
    ],
)
def test_an_effect_measurement_needs_a_value_a_date_and_a_conclusion(
    client, unit_board, action, data, field, message
):
    client.force_login(unit_board)
    response = measure(client, action, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["measurement_form"].errors[field]
    assert not EffectMeasurement.objects.exists()
    action.refresh_from_db()
    assert action.version == 1


def test_the_service_refuses_a_measurement_without_value_or_date(unit_board, action):
    with pytest.raises(ValidationError) as exc:
        effect_measurement_record(
            actor=unit_board,
            action=action,
            expected_version=1,
            measured_value=None,
            measured_on=None,
            conclusion="bereikt",
        )
    assert set(exc.value.error_dict) == {"measured_value", "measured_on"}
    assert not EffectMeasurement.objects.exists()


def test_a_stale_measurement_is_refused(client, unit_board, action):
    client.force_login(unit_board)
    FollowUpAction.objects.filter(pk=action.pk).update(version=4)
    response = measure(client, action, version=1)
    assert response.status_code == 400
    assert "intussen gewijzigd" in response.content.decode()
    assert not EffectMeasurement.objects.exists()
    with pytest.raises(EditConflict):
        effect_measurement_record(
            actor=unit_board,
            action=action,
            expected_version=1,
            measured_value=Decimal("1"),
            measured_on=MEASURED_ON,
            conclusion="niet",
        )


def test_a_cancelled_action_gets_no_measurement(client, unit_board, action):
    FollowUpAction.objects.filter(pk=action.pk).update(status="vervallen")
    client.force_login(unit_board)
    assert "Effectmeting vastleggen" not in client.get(action_url(action)).content.decode()
    response = measure(client, action)
    assert response.status_code == 400
    assert "Deze actie is vervallen" in response.content.decode()
    assert not EffectMeasurement.objects.exists()


def test_done_without_effect_is_a_gap_on_the_unit_page(
    client, unit_board, cycle, uitkeren, recognised
):
    FollowUpActionFactory(recommendation=recognised, gereed=True, title="Zonder meting")
    EffectMeasurementFactory(action__recommendation=recognised, action__title="Met meting")
    client.force_login(unit_board)
    html = client.get(unit_url(cycle, uitkeren)).content.decode()
    assert "gereed, effect niet gemeten (hiaat)" in html
    assert "gereed, effect gemeten" in html


# --- the coordinators' overview of a cycle ---------------------------------------------------------


def test_the_cycle_overview_counts_per_unit(client, coordinator, cycle, uitkeren, recognised):
    RecommendationResponseFactory(
        recommendation=RecommendationFactory(cycle=cycle, unit=uitkeren), recognition="herkend"
    )
    FollowUpActionFactory(recommendation=recognised, gereed=True)
    EffectMeasurementFactory(action__recommendation=recognised)
    client.force_login(coordinator)
    response = client.get(reverse("findings:follow_up_cycle", args=[cycle.year]))
    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert (row.unit, row.response_status, row.recognised, row.without_action) == (
        uitkeren,
        "ingediend",
        2,
        1,
    )
    assert (row.counts.due, row.counts.done_without_effect, row.counts.done_with_effect) == (
        2,
        1,
        1,
    )
    assert "1 hiaat" in response.content.decode()


# --- where people find it ---------------------------------------------------------------------------


def test_the_board_finds_its_follow_up_from_the_home_page(
    client, unit_board, cycle, uitkeren, recognised
):
    client.force_login(unit_board)
    home = client.get(reverse("home")).content.decode()
    assert reverse("findings:my_follow_up") in home
    page = client.get(reverse("findings:my_follow_up")).content.decode()
    assert unit_url(cycle, uitkeren) in page
    assert reverse("findings:tertaal_overview") in page


def test_an_assigned_auditor_finds_the_units_follow_up(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    page = client.get(reverse("findings:my_follow_up")).content.decode()
    assert unit_url(cycle, uitkeren) in page
    assert reverse("findings:tertaal_overview") not in page


# --- access ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "unit_board", "auditor"])
def test_readers_read_the_units_follow_up(client, request, persona, cycle, uitkeren, action):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(unit_url(cycle, uitkeren)).status_code == 200
    page = client.get(action_url(action))
    assert page.status_code == 200
    can_edit = persona == "unit_board"
    assert ("Vervolgactie wijzigen" in page.content.decode()) == can_edit
    assert ("Effectmeting vastleggen" in page.content.decode()) == can_edit


@pytest.mark.parametrize("persona", ["other_auditor", "other_board", "board_member", "outsider"])
def test_others_cannot_read_a_units_follow_up(client, request, persona, cycle, uitkeren, action):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(unit_url(cycle, uitkeren)).status_code == 403
    assert client.get(action_url(action)).status_code == 403


@pytest.mark.parametrize(
    "persona",
    ["coordinator", "auditor", "other_auditor", "other_board", "board_member", "outsider"],
)
def test_only_the_units_own_board_writes(client, request, persona, recognised, action):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(create_url(recognised)).status_code == 403
    assert client.post(create_url(recognised), ACTION).status_code == 403
    assert client.get(action_url(action, "action_edit")).status_code == 403
    assert (
        client.post(action_url(action, "action_edit"), {**ACTION, "version": 1}).status_code == 403
    )
    assert measure(client, action).status_code == 403
    assert FollowUpAction.objects.count() == 1 and not EffectMeasurement.objects.exists()
    action.refresh_from_db()
    assert action.version == 1


@pytest.mark.parametrize(
    "persona", ["auditor", "other_auditor", "unit_board", "other_board", "board_member", "outsider"]
)
def test_only_the_coordination_team_sees_every_unit_of_a_cycle(client, request, persona, cycle):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("findings:follow_up_cycle", args=[cycle.year])).status_code == 403


@pytest.mark.parametrize("persona", ["board_member", "outsider"])
def test_the_landing_page_is_for_participants(client, request, persona, cycle):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("findings:my_follow_up")).status_code == 403


def test_an_action_of_another_unit_is_not_found_under_this_unit(
    client, other_board, cycle, communicatie, action
):
    client.force_login(other_board)
    url = reverse("findings:action_detail", args=[cycle.year, communicatie.pk, action.pk])
    assert client.get(url).status_code == 404


def test_unknown_cycle_or_unit_is_a_404(client, coordinator, cycle, uitkeren):
    client.force_login(coordinator)
    assert (
        client.get(reverse("findings:follow_up_unit", args=[2099, uitkeren.pk])).status_code == 404
    )
    assert (
        client.get(reverse("findings:follow_up_unit", args=[cycle.year, 99999])).status_code == 404
    )


def test_principle_is_shown_per_recommendation(client, unit_board, cycle, uitkeren, recognised):
    client.force_login(unit_board)
    html = client.get(unit_url(cycle, uitkeren)).content.decode()
    assert principle("klantgerichtheid").name in html and "Herkend" in html
