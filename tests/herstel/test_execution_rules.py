"""The pure rules of steps 3 and 4 and the overviews (herstel/rules.py), table-driven: the
estimate for the dossiers still to assess (entered, derived or none), progress, ending the
execution and closing, the overdue first evaluation, what an evaluation lacks, follow-up
evaluations, and what SBK still has to do."""

import datetime

import pytest

from herstel.constants import (
    EstimateSource,
    Forum,
    Mandate,
    NotificationKind,
    Obligation,
    Outcome,
    Step,
    StepMove,
)
from herstel.rules import (
    DecisionFacts,
    EvaluationState,
    ExecutionFacts,
    MeasureJudgement,
    average_estimate,
    evaluation_due_on,
    evaluation_gaps,
    evaluation_overdue,
    evaluation_reminder_occasion,
    follow_up_blockers,
    measure_judgement_problems,
    move_blockers,
    progress_percent,
    sbk_tasks,
)

ENTERED, DERIVED, NONE = EstimateSource.ENTERED, EstimateSource.DERIVED, EstimateSource.NONE


@pytest.mark.parametrize(
    ("entered", "assessed", "assessed_total", "remaining", "average", "source", "total"),
    [
        (12000, 10, 50000, 5, 12000, ENTERED, 60000),  # entered wins over derived
        (0, 10, 50000, 5, 0, ENTERED, 0),  # an entered zero is an estimate too
        (None, 10, 50000, 5, 5000, DERIVED, 25000),
        (None, 3, 100, 7, 33, DERIVED, 231),  # 33.33 cents → 33
        (None, 2, 1, 4, 1, DERIVED, 4),  # 0.5 cent rounds half up
        (None, 4, 10, 1, 3, DERIVED, 3),  # 2.5 → 3
        (None, 1, 99999999999999, 1000, 99999999999999, DERIVED, 99999999999999000),
        (None, 0, 0, 5, None, NONE, None),  # nothing entered, nothing assessed
        (None, 10, 50000, 0, 5000, DERIVED, 0),  # nothing left to assess
    ],
)
def test_average_estimate(entered, assessed, assessed_total, remaining, average, source, total):
    estimate = average_estimate(
        entered_cents=entered,
        assessed=assessed,
        assessed_total_cents=assessed_total,
        remaining=remaining,
    )
    assert (estimate.average_cents, estimate.source, estimate.remaining) == (
        average,
        source,
        remaining,
    )
    assert estimate.remaining_cents == total


@pytest.mark.parametrize(
    ("assessed", "total", "percent"),
    [(0, 0, 0), (0, 10, 0), (5, 10, 50), (999, 1000, 99), (1000, 1000, 100), (1, 3, 33)],
)
def test_progress_rounds_down(assessed, total, percent):
    assert progress_percent(assessed, total) == percent


ENDED = datetime.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("ended", "completed", "today", "days", "overdue"),
    [
        (None, None, datetime.date(2030, 1, 1), 180, False),  # still executing
        (ENDED, None, datetime.date(2026, 6, 30), 180, False),  # day 180: due today
        (ENDED, None, datetime.date(2026, 7, 1), 180, True),  # day 181
        (ENDED, datetime.date(2026, 8, 1), datetime.date(2026, 9, 1), 180, False),  # done late
        (ENDED, datetime.date(2026, 2, 1), datetime.date(2027, 1, 1), 180, False),
        (ENDED, None, datetime.date(2026, 1, 31), 30, False),
        (ENDED, None, datetime.date(2026, 2, 1), 30, True),
    ],
)
def test_first_evaluation_overdue(ended, completed, today, days, overdue):
    assert (
        evaluation_overdue(
            execution_ended_on=ended, first_completed_on=completed, today=today, period_days=days
        )
        is overdue
    )


def test_evaluation_due_date():
    assert evaluation_due_on(ENDED, 180) == datetime.date(2026, 6, 30)


DUE = datetime.date(2026, 6, 30)


@pytest.mark.parametrize(
    ("due_on", "today", "days", "occasion"),
    [
        (None, DUE, 14, None),  # no date: nothing to remind of
        (DUE, datetime.date(2026, 6, 15), 14, None),  # 15 days ahead
        (DUE, datetime.date(2026, 6, 16), 14, "due"),  # 14 days ahead
        (DUE, DUE, 14, "due"),  # the last day is not yet overdue
        (DUE, datetime.date(2026, 7, 1), 14, "overdue"),
        (DUE, datetime.date(2027, 7, 1), 14, "overdue"),
        (DUE, datetime.date(2026, 6, 27), 3, "due"),
        (DUE, datetime.date(2026, 6, 26), 3, None),
    ],
)
def test_evaluation_reminder_occasion(due_on, today, days, occasion):
    assert evaluation_reminder_occasion(due_on=due_on, today=today, remind_days=days) == occasion


@pytest.mark.parametrize(
    ("today", "occasion"),
    [
        (datetime.date(2026, 6, 20), "due"),
        (DUE, "due"),
        (datetime.date(2026, 7, 1), "overdue"),
        (datetime.date(2026, 7, 30), "overdue"),  # 30 days past: not yet escalated
        (datetime.date(2026, 7, 31), "escalated"),  # 31 days past
        (datetime.date(2027, 7, 1), "escalated"),
    ],
)
def test_an_evaluation_overdue_too_long_is_escalated(today, occasion):
    assert (
        evaluation_reminder_occasion(due_on=DUE, today=today, remind_days=14, escalate_days=30)
        == occasion
    )


J = MeasureJudgement


@pytest.mark.parametrize(
    ("client", "process", "measures", "gaps"),
    [
        ("Tevreden.", "Goed.", {}, []),
        ("Tevreden.", "Goed.", {"M1": J(True, "yes", "Rapport.")}, []),
        ("Tevreden.", "Goed.", {"M1": J(False, "", "")}, []),  # not in place: nothing else asked
        ("", " ", {}, ["cliënten", "interne proces"]),
        ("x", "y", {"M1": J(None, "", "")}, ["“M1”: geïmplementeerd ja of nee ontbreekt"]),
        ("x", "y", {"M1": J(True, "", "")}, ["“M1”: of hij werkt", "“M1”: het bewijs"]),
        ("x", "y", {"M1": J(True, "partly", " ")}, ["“M1”: het bewijs"]),
        ("x", "y", {"M1": J(True, "maybe", "z")}, ["“M1”: of hij werkt"]),
    ],
)
def test_what_an_evaluation_lacks(client, process, measures, gaps):
    found = evaluation_gaps(client_experience=client, internal_process=process, measures=measures)
    assert len(found) == len(gaps), found
    for message, expected in zip(found, gaps, strict=True):
        assert expected in message


@pytest.mark.parametrize(
    ("judgement", "refused"),
    [
        (J(True, "yes", ""), False),
        (J(True, "", ""), False),
        (J(False, "", ""), False),
        (J(None, "", ""), False),
        (J(False, "yes", ""), True),
        (J(None, "no", ""), True),
    ],
)
def test_only_an_implemented_measure_is_judged_effective(judgement, refused):
    assert bool(measure_judgement_problems(judgement)) is refused


E = EvaluationState


@pytest.mark.parametrize(
    ("evaluations", "blocker"),
    [
        ([], "bij het afronden van de uitvoering"),
        ([E(1, False, 0)], "Rond eerst evaluatie 1 af."),
        ([E(1, True, 0)], "Alle maatregelen waren bij evaluatie 1 geïmplementeerd"),
        ([E(1, True, 2)], None),
        ([E(1, True, 1), E(2, True, 1)], None),
        ([E(1, True, 1), E(2, False, 1)], "Rond eerst evaluatie 2 af."),
        ([E(1, True, 1), E(2, True, 1), E(3, True, 1)], "al drie evaluaties"),
    ],
)
def test_follow_up_evaluations(evaluations, blocker):
    found = follow_up_blockers(evaluations)
    if blocker is None:
        assert found == []
    else:
        assert len(found) == 1 and blocker in found[0]


NO_DECISIONS = DecisionFacts(latest={})


@pytest.mark.parametrize(
    ("move", "execution", "blockers"),
    [
        (StepMove.TO_EVALUATION, ExecutionFacts(go=True, dossiers=3, unhandled=0), []),
        (
            StepMove.TO_EVALUATION,
            ExecutionFacts(go=False, dossiers=0),
            ["geen go-besluit", "nog geen dossiers"],
        ),
        (
            StepMove.TO_EVALUATION,
            ExecutionFacts(go=True, dossiers=3, unhandled=1),
            ["1 dossier is"],
        ),
        (
            StepMove.TO_EVALUATION,
            ExecutionFacts(go=True, dossiers=3, unhandled=2),
            ["2 dossiers zijn"],
        ),
        (StepMove.CLOSE, ExecutionFacts(evaluations_completed=1), []),
        (StepMove.CLOSE, ExecutionFacts(), ["pas na een afgeronde evaluatie"]),
        (
            StepMove.CLOSE,
            ExecutionFacts(evaluations_completed=1, evaluations_planned=1),
            ["nog een evaluatie gepland"],
        ),
        (StepMove.CLOSE, ExecutionFacts(evaluations_planned=1), ["afgeronde", "gepland"]),
    ],
)
def test_ending_execution_and_closing(move, execution, blockers):
    step = Step.STAP_3 if move == StepMove.TO_EVALUATION else Step.STAP_4
    found = move_blockers(
        step=step,
        move=move,
        mandate=Mandate.DT,
        advice_gaps=[],
        facts=NO_DECISIONS,
        execution=execution,
    )
    assert len(found) == len(blockers), found
    for message, expected in zip(found, blockers, strict=True):
        assert expected in message


def facts(latest=None, *kinds):
    return DecisionFacts(latest=latest or {}, notifications=frozenset(kinds))


RVB_DECIDED = {Forum.DT: Outcome.KENNISNAME, Forum.RVB: Outcome.BESLUIT}
RVB_INTENDED = {Forum.DT: Outcome.KENNISNAME, Forum.RVB: Outcome.VOORGENOMEN_BESLUIT}
S, N, A = Obligation.SZW_INFORMED, Obligation.MINISTER_NOTE, Obligation.MINISTER_APPROVAL


@pytest.mark.parametrize(
    ("step", "mandate", "facts_", "tasks"),
    [
        (Step.STAP_1, "", facts(), []),
        (Step.STAP_2A, Mandate.DT, facts(), []),  # the DT path asks nothing of SBK
        (Step.STAP_2A, Mandate.RVB, facts(), [(S, False)]),
        (Step.STAP_2B, Mandate.RVB, facts(RVB_DECIDED), [(S, True)]),
        (Step.STAP_2B, Mandate.RVB, facts(RVB_DECIDED, NotificationKind.SZW_INFORMED), []),
        (Step.STAP_2B, Mandate.RVB_MINISTER, facts(), [(N, False), (A, False)]),
        (Step.STAP_2B, Mandate.RVB_MINISTER, facts(RVB_INTENDED), [(N, True), (A, False)]),
        (
            Step.MINISTER,
            Mandate.RVB_MINISTER,
            facts(RVB_INTENDED, NotificationKind.MINISTER_NOTE),
            [(A, True)],
        ),
        (
            Step.MINISTER,
            Mandate.RVB_MINISTER,
            facts(RVB_INTENDED | {Forum.MINISTER: Outcome.AKKOORD}, NotificationKind.MINISTER_NOTE),
            [],
        ),
        (Step.STAP_3, Mandate.RVB, facts(), []),  # after step 2 nothing is open
    ],
)
def test_what_sbk_still_has_to_do(step, mandate, facts_, tasks):
    found = sbk_tasks(step=step, mandate=mandate, facts=facts_)
    assert [(t.obligation, t.ready) for t in found] == tasks
