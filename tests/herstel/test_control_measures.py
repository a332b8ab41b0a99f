"""Control measures (beheersmaatregelen, issue 20): added and updated in every step and after
closing by the advisers of the lead division, with owner, due date and status; versioned so two
editors conflict cleanly; withdrawn with a reason instead of deleted, keeping the evaluations
sound; on a page of their own, reachable in every step."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from herstel.constants import ControlMeasureProgress, Step, StepMove
from herstel.models import ControlMeasure, Evaluation, MeasureEvaluation
from herstel.rules import MeasureJudgement, measure_due_problem
from herstel.services.actions import (
    control_measure_add,
    control_measure_update,
    control_measure_withdraw,
)
from herstel.services.evaluation import evaluation_complete, evaluation_save
from tests.herstel.flow import import_rows, move, row, submit
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict

DUE = datetime.date(2027, 6, 1)
TODAY = datetime.date(2026, 12, 7)
SINCE = datetime.date(2024, 1, 1)


def _add(action, adviser, description="Controle op dagloon", **kwargs) -> ControlMeasure:
    return control_measure_add(
        actor=adviser,
        herstelactie=action,
        description=description,
        owner=kwargs.pop("owner", "Teamleider WW"),
        due_on=kwargs.pop("due_on", DUE),
        **kwargs,
    )


def _update(measure, actor, **changes) -> ControlMeasure:
    values = {
        "description": measure.description,
        "owner": measure.owner,
        "due_on": measure.due_on,
        "progress": measure.progress,
    }
    return control_measure_update(
        actor=actor,
        measure=measure,
        expected_version=changes.pop("expected_version", measure.version),
        **(values | changes),
    )


# --- rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due_on", "plausible"),
    [
        (None, True),
        (SINCE, True),  # the day the error began
        (SINCE - datetime.timedelta(days=1), False),  # before the error: a typing error
        (TODAY, True),
        (datetime.date(2036, 12, 7), True),  # ten years ahead
        (datetime.date(2036, 12, 8), False),
    ],
)
def test_measure_due_problem(due_on, plausible):
    problem = measure_due_problem(due_on, wrong_since=SINCE, today=TODAY)
    assert (problem is None) is plausible


def test_the_horizon_from_a_leap_day():
    assert (
        measure_due_problem(
            datetime.date(2034, 2, 28), wrong_since=SINCE, today=datetime.date(2024, 2, 29)
        )
        is None
    )


# --- services -------------------------------------------------------------------------------


@pytest.mark.parametrize("step_move", [None, StepMove.SUBMIT_ADVICE])
def test_added_and_updated_with_old_and_new_in_the_event_log(adviser, action, step_move):
    if step_move:
        submit(action, adviser)
    measure = _add(action, adviser)
    assert (measure.progress, measure.version) == (ControlMeasureProgress.OPEN, 1)
    measure = _update(measure, adviser, progress=ControlMeasureProgress.IN_UITVOERING, owner="PO")
    assert measure.version == 2
    event = AuditEvent.objects.get(event="herstel.measure.updated")
    assert event.changes["progress"] == ["open", "in_uitvoering"]
    assert event.changes["owner"] == ["Teamleider WW", "PO"]
    assert event.changes["measure"] == ["Controle op dagloon", "Controle op dagloon"]
    assert event.actor == adviser


def test_an_update_that_changes_nothing_stores_nothing(adviser, action):
    measure = _add(action, adviser)
    assert _update(measure, adviser).version == 1
    assert not AuditEvent.objects.filter(event="herstel.measure.updated").exists()


def test_two_editors_conflict_cleanly(adviser, action):
    measure = _add(action, adviser)
    seen = measure.version
    _update(measure, adviser, progress=ControlMeasureProgress.GEREED)
    with pytest.raises(EditConflict, match="Deze beheersmaatregel is intussen gewijzigd door"):
        _update(measure, adviser, owner="Iemand anders", expected_version=seen)
    measure.refresh_from_db()
    assert (measure.owner, measure.progress) == ("Teamleider WW", ControlMeasureProgress.GEREED)


def test_an_implausible_due_date_is_refused(adviser, action):
    with pytest.raises(ValidationError) as refused:
        _add(action, adviser, due_on=datetime.date(2023, 12, 31))
    assert "het begin van de fout" in refused.value.message_dict["due_on"][0]
    assert not ControlMeasure.objects.exists()


def test_an_unknown_status_is_refused(adviser, action):
    measure = _add(action, adviser)
    with pytest.raises(ValidationError):
        _update(measure, adviser, progress="klaar")


@pytest.mark.parametrize("persona", ["dt_member", "other_adviser", "sbk_adviser", "outsider"])
def test_only_the_lead_advisers_edit_measures(request, adviser, action, persona):
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        _add(action, user)
    measure = _add(action, adviser)
    with pytest.raises(PermissionDenied):
        _update(measure, user, owner="X")
    with pytest.raises(PermissionDenied):
        control_measure_withdraw(
            actor=user, measure=measure, expected_version=measure.version, reason="Fout."
        )


def test_a_measure_is_withdrawn_with_a_reason_never_deleted(adviser, action):
    measure = _add(action, adviser)
    with pytest.raises(ValidationError):
        control_measure_withdraw(
            actor=adviser, measure=measure, expected_version=measure.version, reason=" "
        )
    control_measure_withdraw(
        actor=adviser, measure=measure, expected_version=measure.version, reason="Dubbel."
    )
    assert not ControlMeasure.objects.exists()  # out of every count
    kept = ControlMeasure.with_withdrawn.get(pk=measure.pk)
    assert (kept.withdrawal_reason, kept.withdrawn_by) == ("Dubbel.", adviser)
    event = AuditEvent.objects.get(event="herstel.measure.withdrawn")
    assert event.reason == "Dubbel."
    with pytest.raises(ValidationError, match="ingetrokken"):
        _update(kept, adviser, owner="X")


def test_withdrawing_on_a_stale_version_is_refused(adviser, action):
    measure = _add(action, adviser)
    seen = measure.version
    _update(measure, adviser, owner="PO")
    with pytest.raises(EditConflict):
        control_measure_withdraw(actor=adviser, measure=measure, expected_version=seen, reason="X")
    assert ControlMeasure.objects.filter(pk=measure.pk).exists()


# --- evaluations stay sound ---------------------------------------------------------------------


@pytest.fixture
def evaluating(executing, adviser):
    """`executing` with one measure, moved on to step 4: the first evaluation is open."""
    _add(executing, adviser, description="Eerste maatregel")
    import_rows(
        executing, adviser, [row("HA-1", "afgehandeld", "nabetalen", "10,00", "0", "0", "0")]
    )
    move(executing, adviser, StepMove.TO_EVALUATION)
    executing.refresh_from_db()
    assert executing.step == Step.STAP_4
    return executing


def _complete(action, adviser, judgements):
    evaluation = Evaluation.objects.get(herstelactie=action, number=1)
    evaluation = evaluation_save(
        actor=adviser,
        evaluation=evaluation,
        expected_version=evaluation.version,
        client_experience="Tevreden.",
        internal_process="Soepel.",
        survey_score=Decimal("7.5"),
        measures=judgements,
    )
    return evaluation_complete(
        actor=adviser,
        evaluation=evaluation,
        expected_version=evaluation.version,
        completed_on=datetime.date.today(),
    )


def test_a_measure_added_while_an_evaluation_is_open_is_judged_in_it(adviser, evaluating):
    first = ControlMeasure.objects.get()
    later = _add(evaluating, adviser, description="Later bedacht")
    assert MeasureEvaluation.objects.filter(measure=later, evaluation__number=1).exists()
    with pytest.raises(ValidationError, match="Later bedacht"):
        _complete(evaluating, adviser, {first.pk: MeasureJudgement(True, "yes", "Steekproef.")})


def test_a_withdrawn_measure_leaves_the_open_evaluation(adviser, evaluating):
    first = ControlMeasure.objects.get()
    later = _add(evaluating, adviser, description="Per ongeluk")
    control_measure_withdraw(
        actor=adviser, measure=later, expected_version=later.version, reason="Per ongeluk."
    )
    evaluation = _complete(
        evaluating, adviser, {first.pk: MeasureJudgement(True, "yes", "Steekproef.")}
    )
    assert evaluation.is_completed


def test_a_completed_evaluation_keeps_its_judgement_of_a_withdrawn_measure(
    client, adviser, evaluating
):
    first = ControlMeasure.objects.get()
    _complete(evaluating, adviser, {first.pk: MeasureJudgement(True, "yes", "Steekproef.")})
    control_measure_withdraw(
        actor=adviser, measure=first, expected_version=first.version, reason="Toch geen maatregel."
    )
    assert MeasureEvaluation.objects.filter(measure=first, implemented=True).exists()
    client.force_login(adviser)
    page = client.get(reverse("herstel:evaluation", args=[evaluating.pk]))
    assert page.status_code == 200
    assert "Eerste maatregel" in page.content.decode()


# --- pages --------------------------------------------------------------------------------------


def test_the_measures_page_in_every_step(client, adviser, action, wg_member):
    measure = _add(action, adviser)
    client.force_login(adviser)
    detail = client.get(reverse("herstel:detail", args=[action.pk])).content.decode()
    assert reverse("herstel:measures", args=[action.pk]) in detail  # in the action's nav
    page = client.get(reverse("herstel:measures", args=[action.pk])).content.decode()
    assert "Controle op dagloon" in page
    assert "Open" in page
    assert reverse("herstel:measure_edit", args=[action.pk, measure.pk]) in page
    client.force_login(wg_member)
    read = client.get(reverse("herstel:measures", args=[action.pk])).content.decode()
    assert "Controle op dagloon" in read
    assert "Maatregel toevoegen" not in read  # no button the service would refuse
    assert reverse("herstel:measure_edit", args=[action.pk, measure.pk]) not in read


def test_an_outsider_gets_404(client, adviser, action, outsider):
    measure = _add(action, adviser)
    client.force_login(outsider)
    assert client.get(reverse("herstel:measures", args=[action.pk])).status_code == 404
    url = reverse("herstel:measure_edit", args=[action.pk, measure.pk])
    assert client.get(url).status_code == 404


def test_a_reader_gets_403_on_the_forms(client, adviser, action, wg_member):
    measure = _add(action, adviser)
    client.force_login(wg_member)
    assert (
        client.get(reverse("herstel:measure_edit", args=[action.pk, measure.pk])).status_code == 403
    )
    assert (
        client.post(
            reverse("herstel:measure_withdraw", args=[action.pk, measure.pk]), {"reason": "X"}
        ).status_code
        == 403
    )


def test_a_refused_add_gives_back_what_was_typed(client, adviser, action):
    client.force_login(adviser)
    response = client.post(
        reverse("herstel:measure_add", args=[action.pk]),
        {"description": "Alleen dit", "owner": "", "due_on": "2027-01-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Alleen dit</textarea>" in html
    assert response.context["measure_form"].errors["owner"] == ["Dit veld is verplicht."]


def test_a_conflicting_edit_gives_back_what_was_typed(client, adviser, action):
    measure = _add(action, adviser)
    seen = measure.version
    _update(measure, adviser, owner="PO")
    client.force_login(adviser)
    response = client.post(
        reverse("herstel:measure_edit", args=[action.pk, measure.pk]),
        {
            "description": "Mijn nieuwe tekst",
            "owner": "Teamleider WW",
            "due_on": "2027-06-01",
            "progress": "gereed",
            "version": seen,
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mijn nieuwe tekst</textarea>" in html
    assert "intussen gewijzigd door" in html


def test_withdraw_asks_first_then_strikes_through(client, adviser, action):
    measure = _add(action, adviser)
    client.force_login(adviser)
    url = reverse("herstel:measure_withdraw", args=[action.pk, measure.pk])
    question = client.get(url)
    assert question.status_code == 200
    assert "Beheersmaatregel intrekken?" in question.content.decode()
    empty = client.post(url, {"reason": "", "version": measure.version})
    assert empty.status_code == 400
    assert "Geef de reden waarom u deze maatregel intrekt." in empty.content.decode()
    done = client.post(url, {"reason": "Dubbel.", "version": measure.version}, follow=True)
    html = done.content.decode()
    assert "Ingetrokken door" in html
    assert "<del>Controle op dagloon</del>" in html


def test_the_measures_page_query_count_is_flat(client, adviser, action):
    client.force_login(adviser)
    url = reverse("herstel:measures", args=[action.pk])
    _add(action, adviser, description="Een")
    client.get(url)  # the session's first request writes more
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        m = _add(action, adviser, description=f"Maatregel {n}")
        if n % 2:
            control_measure_withdraw(
                actor=adviser, measure=m, expected_version=m.version, reason="Fout."
            )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


# --- the unit's improvement list ------------------------------------------------------------------

LIST_DAY = datetime.date(2027, 7, 1)


@pytest.mark.parametrize(
    ("progress", "due_on", "status", "late", "lacking"),
    [
        (ControlMeasureProgress.OPEN, datetime.date(2027, 9, 1), "Gepland", False, False),
        (ControlMeasureProgress.OPEN, DUE, "Over de datum, nog niet geëvalueerd", True, True),
        (ControlMeasureProgress.IN_UITVOERING, datetime.date(2027, 9, 1), "In uitvoering", False, False),
        (ControlMeasureProgress.IN_UITVOERING, DUE, "Over de datum, nog niet geëvalueerd", True, True),
        # Gereed without an evaluation: not late, but done without an effect measurement.
        (ControlMeasureProgress.GEREED, datetime.date(2027, 9, 1), "Gereed, nog niet geëvalueerd", False, True),
        (ControlMeasureProgress.GEREED, DUE, "Gereed, nog niet geëvalueerd", False, True),
    ],
)  # fmt: skip
def test_the_recorded_status_flows_into_the_improvement_list(
    adviser, action, board_member, progress, due_on, status, late, lacking
):
    from herstel.selectors.improvements import (
        ImprovementFilters,
        improvement_counts,
        unit_improvements,
    )

    _add(action, adviser, due_on=due_on, progress=progress)
    withdrawn = _add(action, adviser, description="Vergissing")
    control_measure_withdraw(
        actor=adviser, measure=withdrawn, expected_version=withdrawn.version, reason="Fout."
    )
    unit = action.lead_unit
    view = unit_improvements(
        unit, user=board_member, filters=ImprovementFilters(source="herstel"), today=LIST_DAY
    )
    [row] = view.rows  # the withdrawn measure is not on the list
    assert (row.status, row.late, row.lacks_measurement) == (status, late, lacking)
    counts = {c.unit.pk: c for c in improvement_counts(today=LIST_DAY)}[unit.pk]
    assert (counts.herstel, counts.lacking) == (1, int(lacking))


def test_the_timeline_shows_the_status_change(client, adviser, action):
    measure = _add(action, adviser)
    _update(measure, adviser, progress=ControlMeasureProgress.GEREED)
    client.force_login(adviser)
    html = client.get(reverse("herstel:timeline", args=[action.pk])).content.decode()
    assert "Beheersmaatregel gewijzigd" in html
    assert "status van de maatregel" in html
    assert "Gereed" in html
