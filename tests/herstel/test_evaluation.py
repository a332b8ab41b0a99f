"""Step 4 (DOMAIN.md §6, "Evalueren"): ending the execution plans the first evaluation, due a
configurable period later and flagged overdue after; the lead division records how clients
experienced the action (with survey figures), the internal process and every control measure;
a completed evaluation is read-only; a second and third follow when measures were not yet in
place; the action closes only after an evaluation, and a closed action is read-only."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from herstel.constants import Step, StepMove
from herstel.models import Evaluation, Herstelactie, MeasureEvaluation
from herstel.rules import MeasureJudgement, StepMoveNotAllowed
from herstel.selectors.timeline import timeline
from herstel.services.actions import control_measure_add
from herstel.services.dossiers import snapshots_take_all
from herstel.services.evaluation import (
    evaluation_cancel,
    evaluation_complete,
    evaluation_plan,
    evaluation_save,
)
from tests.herstel.flow import go, import_rows, move, row, to_execution
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


def today() -> datetime.date:
    # Read when asked, not when the module loads: a run that crosses midnight in Dutch time
    # would otherwise compare with yesterday.
    return timezone.localdate()


DONE = [row("HA-1", "afgehandeld", "nabetalen", "10,00", "0", "0", "0")]


@pytest.fixture
def measures(action, adviser):
    return [
        control_measure_add(
            actor=adviser,
            herstelactie=action,
            description=text,
            owner="Teamleider",
            due_on=datetime.date(2026, 1, 1),
        )
        for text in ("Automatische controle", "Maandelijkse steekproef")
    ]


@pytest.fixture
def evaluating(measures, action, adviser, dt_member, board_member):
    """The action in step 4, its execution just ended (two control measures from step 1)."""
    to_execution(action, adviser, dt_member, board_member)
    go(action, adviser)
    import_rows(action, adviser, DONE)
    move(action, adviser, StepMove.TO_EVALUATION)
    action.refresh_from_db()
    return action


def first(action) -> Evaluation:
    return Evaluation.objects.get(herstelactie=action, number=1)


def fill(evaluation, adviser, measures, *, second_in_place=True, **overrides):
    evaluation.refresh_from_db()
    judgements = {
        measures[0].pk: MeasureJudgement(True, "yes", "Release notes en een steekproef."),
        measures[1].pk: MeasureJudgement(True, "partly", "Eerste rapportage.")
        if second_in_place
        else MeasureJudgement(False, "", ""),
    }
    fields = {
        "client_experience": "Cliënten waren tevreden over de brief.",
        "internal_process": "Soepel.",
        "survey_invited": 100,
        "survey_responses": 40,
        "survey_satisfied": 30,
        "survey_score": Decimal("7.5"),
        "measures": judgements,
    } | overrides
    return evaluation_save(
        actor=adviser, evaluation=evaluation, expected_version=evaluation.version, **fields
    )


def complete(evaluation, adviser, on=None):
    evaluation.refresh_from_db()
    return evaluation_complete(
        actor=adviser,
        evaluation=evaluation,
        expected_version=evaluation.version,
        completed_on=on or today(),
    )


def test_execution_ends_only_when_every_dossier_is_handled(
    measures, action, adviser, dt_member, board_member
):
    to_execution(action, adviser, dt_member, board_member)
    with pytest.raises(StepMoveNotAllowed) as refused:
        move(action, adviser, StepMove.TO_EVALUATION)
    assert refused.value.messages == [
        "Er is (nog) geen go-besluit voor de uitvoering.",
        "Er zijn nog geen dossiers ingelezen.",
    ]
    go(action, adviser)
    import_rows(action, adviser, [row("HA-2"), *DONE])
    with pytest.raises(StepMoveNotAllowed, match="1 dossier is nog niet afgehandeld."):
        move(action, adviser, StepMove.TO_EVALUATION)
    import_rows(action, adviser, [row("HA-2", "afgehandeld", "geen wijziging", 0, 0, 0, 0)])
    with pytest.raises(PermissionDenied):
        move(action, dt_member, StepMove.TO_EVALUATION)
    moved = move(action, adviser, StepMove.TO_EVALUATION)
    assert (moved.step, moved.execution_ended_on) == (Step.STAP_4, today())


def test_the_first_evaluation_is_planned_with_every_measure(evaluating, measures, settings):
    evaluation = first(evaluating)
    assert evaluation.planned_on == today() + datetime.timedelta(
        days=settings.HERSTEL_EVALUATION_DUE_DAYS
    )
    assert sorted(m.measure_id for m in evaluation.measures.all()) == [m.pk for m in measures]
    assert all(m.implemented is None for m in evaluation.measures.all())
    labels = [entry.label for entry in timeline(evaluating)]
    assert "Van Stap 3 · uitvoering naar Stap 4 · evaluatie" in labels
    assert "Evaluatie gepland" in labels


def test_an_evaluation_is_saved_with_history_and_completed_once_whole(
    evaluating, adviser, measures
):
    evaluation = first(evaluating)
    with pytest.raises(ValidationError) as refused:
        complete(evaluation, adviser)
    assert refused.value.messages == [
        "Hoe cliënten de actie en de communicatie ervoeren, ontbreekt.",
        "Hoe het interne proces is gegaan, ontbreekt.",
        "Maatregel “Automatische controle”: geïmplementeerd ja of nee ontbreekt.",
        "Maatregel “Maandelijkse steekproef”: geïmplementeerd ja of nee ontbreekt.",
    ]
    saved = fill(evaluation, adviser, measures)
    assert saved.version == 2 and saved.response_rate == 40 and saved.satisfied_rate == 75
    event = AuditEvent.objects.filter(event="herstel.evaluation.saved").get()
    assert event.changes["client_experience"] == ["", "Cliënten waren tevreden over de brief."]
    assert event.changes["maatregel “Automatische controle”: werkt"] == [None, "Ja"]
    assert event.changes["maatregel “Maandelijkse steekproef”: geïmplementeerd"] == [None, True]
    done = complete(evaluation, adviser)
    assert done.completed_on == today()
    with pytest.raises(ValidationError, match="is afgerond en ligt vast"):
        fill(done, adviser, measures, internal_process="Toch anders.")


def test_a_stale_evaluation_is_refused(evaluating, adviser, measures):
    evaluation = first(evaluating)
    fill(evaluation, adviser, measures)
    with pytest.raises(EditConflict, match="gewijzigd door Hester Adviseur"):
        evaluation_save(
            actor=adviser,
            evaluation=evaluation,
            expected_version=1,
            client_experience="Oud.",
            internal_process="Oud.",
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"survey_responses": 101}, "survey_responses"),  # more than invited
        ({"survey_satisfied": 41}, "survey_satisfied"),  # more than responded
        ({"survey_score": Decimal("10.5")}, "survey_score"),
    ],
)
def test_survey_figures_add_up(evaluating, adviser, measures, overrides, field):
    with pytest.raises(ValidationError):
        fill(first(evaluating), adviser, measures, **overrides)
    assert first(evaluating).version == 1


def test_a_measure_not_in_place_is_not_judged_effective(evaluating, adviser, measures):
    evaluation = first(evaluating)
    with pytest.raises(ValidationError) as refused:
        evaluation_save(
            actor=adviser,
            evaluation=evaluation,
            expected_version=1,
            client_experience="x",
            internal_process="y",
            measures={measures[0].pk: MeasureJudgement(False, "yes", "")},
        )
    assert f"measure_{measures[0].pk}" in refused.value.error_dict
    assert not MeasureEvaluation.objects.filter(implemented__isnull=False).exists()


def test_follow_up_evaluations_when_measures_were_not_in_place(evaluating, adviser, measures):
    evaluation = first(evaluating)
    later = today() + datetime.timedelta(days=90)
    with pytest.raises(ValidationError, match="Rond eerst evaluatie 1 af."):
        evaluation_plan(actor=adviser, herstelactie=evaluating, planned_on=later, reason="x")
    fill(evaluation, adviser, measures, second_in_place=False)
    complete(evaluation, adviser)
    with pytest.raises(ValidationError) as refused:
        evaluation_plan(actor=adviser, herstelactie=evaluating, planned_on=later, reason="")
    assert "reason" in refused.value.error_dict
    second = evaluation_plan(
        actor=adviser, herstelactie=evaluating, planned_on=later, reason="De steekproef ontbreekt."
    )
    assert (second.number, second.planned_on, second.measures.count()) == (2, later, 2)
    fill(second, adviser, measures, second_in_place=False)
    complete(second, adviser)
    third = evaluation_plan(
        actor=adviser, herstelactie=evaluating, planned_on=later, reason="Nog steeds."
    )
    fill(third, adviser, measures, second_in_place=False)
    complete(third, adviser)
    with pytest.raises(ValidationError, match="al drie evaluaties"):
        evaluation_plan(actor=adviser, herstelactie=evaluating, planned_on=later, reason="x")


def test_no_follow_up_when_every_measure_was_in_place(evaluating, adviser, measures):
    fill(first(evaluating), adviser, measures)
    complete(first(evaluating), adviser)
    with pytest.raises(ValidationError, match="een volgende evaluatie is niet nodig"):
        evaluation_plan(
            actor=adviser,
            herstelactie=evaluating,
            planned_on=today() + datetime.timedelta(days=1),
            reason="x",
        )


def test_closing_needs_a_completed_evaluation_and_none_planned(evaluating, adviser, measures):
    with pytest.raises(StepMoveNotAllowed, match="pas na een afgeronde evaluatie"):
        move(evaluating, adviser, StepMove.CLOSE)
    fill(first(evaluating), adviser, measures, second_in_place=False)
    complete(first(evaluating), adviser)
    second = evaluation_plan(
        actor=adviser,
        herstelactie=evaluating,
        planned_on=today() + datetime.timedelta(days=30),
        reason="Steekproef volgt.",
    )
    with pytest.raises(StepMoveNotAllowed, match="nog een evaluatie gepland"):
        move(evaluating, adviser, StepMove.CLOSE)
    with pytest.raises(ValidationError, match="Geef aan waarom"):
        evaluation_cancel(actor=adviser, evaluation=second, reason=" ")
    evaluation_cancel(actor=adviser, evaluation=second, reason="De maatregel vervalt.")
    with pytest.raises(ValidationError, match="is afgerond en ligt vast"):
        evaluation_cancel(actor=adviser, evaluation=first(evaluating), reason="x")
    closed = move(evaluating, adviser, StepMove.CLOSE)
    assert (closed.step, closed.closed_on) == (Step.GESLOTEN, today())
    assert AuditEvent.objects.filter(event="herstel.evaluation.cancelled").get().reason == (
        "De maatregel vervalt."
    )
    # Closed: read-only, and no longer in the weekly snapshot.
    with pytest.raises(ValidationError, match="kan niet in Gesloten"):
        evaluation_plan(
            actor=adviser,
            herstelactie=evaluating,
            planned_on=today() + datetime.timedelta(days=1),
            reason="x",
        )
    assert snapshots_take_all() == []


def test_the_first_evaluation_is_not_called_off(evaluating, adviser):
    with pytest.raises(ValidationError, match="De eerste evaluatie vindt altijd plaats."):
        evaluation_cancel(actor=adviser, evaluation=first(evaluating), reason="x")


def test_only_lead_advisers_evaluate(
    wg_member, evaluating, dt_member, sbk_adviser, board_member, measures
):
    for someone in (dt_member, sbk_adviser, board_member, wg_member):
        with pytest.raises(PermissionDenied):
            fill(first(evaluating), someone, measures)
    assert first(evaluating).version == 1


def test_no_evaluation_in_step_3(executing, adviser):
    assert not Evaluation.objects.exists()
    with pytest.raises(ValidationError, match="kan niet in Stap 3"):
        evaluation_plan(actor=adviser, herstelactie=executing, planned_on=today(), reason="x")


def test_the_first_evaluation_is_flagged_overdue(client, evaluating, adviser, settings):
    client.force_login(adviser)
    url = reverse("herstel:evaluation", args=[evaluating.pk])
    page = client.get(url).content.decode()
    assert "De eerste evaluatie staat uiterlijk op" in page and "te laat" not in page
    Herstelactie.objects.filter(pk=evaluating.pk).update(
        execution_ended_on=today()
        - datetime.timedelta(days=settings.HERSTEL_EVALUATION_DUE_DAYS + 1)
    )
    page = client.get(url).content.decode()
    assert "De eerste evaluatie is te laat" in page
    settings.HERSTEL_EVALUATION_DUE_DAYS = 400  # configurable
    assert "te laat" not in client.get(url).content.decode()


def test_the_evaluation_page_saves_completes_and_plans(client, evaluating, adviser, measures):
    client.force_login(adviser)
    url = reverse("herstel:evaluation_save", args=[evaluating.pk, 1])
    m1, m2 = measures
    data = {
        "evaluatie-client_experience": "Tevreden.",
        "evaluatie-internal_process": "Goed.",
        "evaluatie-survey_score": "7,5",
        "evaluatie-version": "1",
        f"maatregel-{m1.pk}-implemented": "ja",
        f"maatregel-{m1.pk}-effective": "yes",
        f"maatregel-{m1.pk}-evidence": "Rapport.",
        f"maatregel-{m2.pk}-implemented": "nee",
        f"maatregel-{m2.pk}-effective": "partly",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Alleen een geïmplementeerde maatregel kan werken of niet." in response.content.decode()
    response = client.post(url, data | {f"maatregel-{m2.pk}-effective": ""}, follow=True)
    assert "Evaluatie 1 is opgeslagen." in response.content.decode()
    response = client.post(
        reverse("herstel:evaluation_complete", args=[evaluating.pk, 1]),
        {"afronden-completed_on": today().isoformat(), "afronden-version": "2"},
        follow=True,
    )
    page = response.content.decode()
    assert "Evaluatie 1 is afgerond." in page and "gemiddeld rapportcijfer 7,5" in page
    response = client.post(
        reverse("herstel:evaluation_plan", args=[evaluating.pk]),
        {
            "plannen-planned_on": (today() + datetime.timedelta(days=60)).isoformat(),
            "plannen-reason": "Steekproef.",
        },
        follow=True,
    )
    assert "Evaluatie 2 is gepland." in response.content.decode()
    response = client.post(
        reverse("herstel:evaluation_cancel", args=[evaluating.pk, 2]),
        {"afzeggen-reason": "Vervalt."},
        follow=True,
    )
    assert "Evaluatie 2 is afgezegd." in response.content.decode()
    assert (
        client.post(reverse("herstel:evaluation_save", args=[evaluating.pk, 7]), data).status_code
        == 404
    )
