"""The cockpit's rules as tables: the status of each stage, and what blocks the next phase."""

import pytest

from findings.cockpit_rules import (
    BlockerKind,
    Stage,
    Tone,
    UnitProgress,
    UnitStages,
    blocker_text,
    phase_blockers,
    stage_due,
    unit_stages,
)

FULL = UnitProgress(
    team_size=2,
    has_lead=True,
    districts_drawn=3,
    documents_judged=10,
    documents_total=10,
    interviews_confirmed=4,
    interviews_total=4,
    scores_submitted=2,
    principles_in_scope=2,
    calibration_closed=True,
    report_status="definitief",
    response_status="ingediend",
    actions_due=2,
    actions_measured=2,
)


def with_(**changes) -> UnitProgress:
    return UnitProgress(**{**FULL.__dict__, **changes})


@pytest.mark.parametrize(
    ("stage", "progress", "status", "word", "tone"),
    [
        (Stage.TEAM, FULL, "voorbereiding", "compleet", Tone.DONE),
        (Stage.TEAM, with_(team_size=0, has_lead=False), "voorbereiding", "geen team", Tone.OPEN),
        (Stage.TEAM, with_(has_lead=False), "veldwerk", "geen lead", Tone.OPEN),
        (Stage.DISTRICTS, FULL, "veldwerk", "geloot", Tone.DONE),
        (Stage.DISTRICTS, with_(districts_drawn=0), "voorbereiding", "niet geloot", Tone.BUSY),
        (Stage.DISTRICTS, with_(districts_drawn=0), "veldwerk", "niet geloot", Tone.OPEN),
        (Stage.DOCUMENTS, FULL, "veldwerk", "10 van 10", Tone.DONE),
        (Stage.DOCUMENTS, with_(documents_judged=3), "veldwerk", "3 van 10", Tone.OPEN),
        (Stage.DOCUMENTS, with_(documents_judged=3), "voorbereiding", "3 van 10", Tone.BUSY),
        (
            Stage.DOCUMENTS,
            with_(documents_judged=0, documents_total=0),
            "veldwerk",
            "geen documentenlijst",
            Tone.OPEN,
        ),
        (Stage.INTERVIEWS, with_(interviews_confirmed=1), "kalibratie", "1 van 4", Tone.OPEN),
        (
            Stage.INTERVIEWS,
            with_(interviews_confirmed=0, interviews_total=0),
            "veldwerk",
            "geen interviews",
            Tone.OPEN,
        ),
        (Stage.SCORES, FULL, "veldwerk", "2 van 2", Tone.DONE),
        (Stage.SCORES, with_(scores_submitted=1), "veldwerk", "1 van 2", Tone.OPEN),
        (Stage.CALIBRATION, FULL, "kalibratie", "afgesloten", Tone.DONE),
        (
            Stage.CALIBRATION,
            with_(calibration_closed=False, outliers=1),
            "kalibratie",
            "1 afwijkend",
            Tone.ALERT,
        ),
        (
            Stage.CALIBRATION,
            with_(calibration_closed=False, outliers=2),
            "veldwerk",
            "2 afwijkend",
            Tone.BUSY,
        ),
        (
            Stage.CALIBRATION,
            with_(calibration_closed=False),
            "kalibratie",
            "geen afwijkingen",
            Tone.DONE,
        ),
        (
            Stage.CALIBRATION,
            with_(calibration_closed=False, scores_submitted=1),
            "kalibratie",
            "wacht op scores",
            Tone.OPEN,
        ),
        (Stage.REPORT, FULL, "oprollen", "definitief", Tone.DONE),
        (Stage.REPORT, with_(report_status="afgestemd"), "oprollen", "afgestemd", Tone.OPEN),
        (Stage.REPORT, with_(report_status="concept"), "kalibratie", "concept", Tone.BUSY),
        (Stage.REPORT, with_(report_status=None), "oprollen", "nog geen rapport", Tone.OPEN),
        (Stage.RESPONSE, FULL, "oprollen", "ingediend", Tone.DONE),
        (Stage.RESPONSE, with_(response_status="concept"), "oprollen", "concept", Tone.OPEN),
        (Stage.RESPONSE, with_(response_status=None), "veldwerk", "nog niet", Tone.BUSY),
        (Stage.FOLLOW_UP, FULL, "gepubliceerd", "2 van 2 gemeten", Tone.DONE),
        (Stage.FOLLOW_UP, with_(actions_measured=1), "gepubliceerd", "1 van 2 gemeten", Tone.BUSY),
        (Stage.FOLLOW_UP, with_(actions_overdue=1), "oprollen", "1 te laat", Tone.ALERT),
        (
            Stage.FOLLOW_UP,
            with_(actions_without_effect=1, actions_measured=1),
            "gepubliceerd",
            "1 zonder effectmeting",
            Tone.ALERT,
        ),
        (
            Stage.FOLLOW_UP,
            with_(actions_due=0, actions_measured=0, recognised_without_action=2),
            "gepubliceerd",
            "2 aanbevelingen zonder actie",
            Tone.OPEN,
        ),
        (
            Stage.FOLLOW_UP,
            with_(actions_due=0, actions_measured=0),
            "gepubliceerd",
            "geen acties",
            Tone.NONE,
        ),
    ],
)
def test_stage_status(stage, progress, status, word, tone):
    result = unit_stages(progress, cycle_status=status)[stage]
    assert (result.word, result.tone) == (word, tone)
    assert result.is_backlog == (tone in (Tone.OPEN, Tone.ALERT))


def test_a_stage_is_due_from_its_phase_on():
    assert not stage_due(Stage.SCORES, "voorbereiding")
    assert stage_due(Stage.SCORES, "veldwerk")
    assert stage_due(Stage.SCORES, "gepubliceerd")
    assert not stage_due(Stage.FOLLOW_UP, "oprollen")


def unit(name, status, progress=FULL, *, excluded=False) -> UnitStages:
    return UnitStages(
        name=name, excluded=excluded, stages=unit_stages(progress, cycle_status=status)
    )


@pytest.mark.parametrize(
    ("status", "period_set", "closed", "units", "expected"),
    [
        ("voorbereiding", True, False, [unit("A", "voorbereiding")], []),
        (
            "voorbereiding",
            False,
            False,
            [],
            [(BlockerKind.PERIOD, None, ()), (BlockerKind.NO_UNITS, None, ())],
        ),
        (
            "voorbereiding",
            True,
            False,
            [
                unit("A", "voorbereiding", with_(has_lead=False)),
                unit("B", "voorbereiding", with_(team_size=0, has_lead=False)),
                unit("C", "voorbereiding", with_(team_size=0, has_lead=False), excluded=True),
            ],
            [(BlockerKind.STAGE, Stage.TEAM, ("A", "B"))],
        ),
        (
            "veldwerk",
            True,
            False,
            [
                unit("A", "veldwerk", with_(scores_submitted=1)),
                unit("B", "veldwerk", with_(districts_drawn=0, scores_submitted=0)),
            ],
            [
                (BlockerKind.STAGE, Stage.DISTRICTS, ("B",)),
                (BlockerKind.STAGE, Stage.SCORES, ("A", "B")),
            ],
        ),
        (
            "kalibratie",
            True,
            False,
            [unit("A", "kalibratie", with_(calibration_closed=False, outliers=1))],
            [
                (BlockerKind.CALIBRATION_OPEN, None, ()),
                (BlockerKind.STAGE, Stage.CALIBRATION, ("A",)),
            ],
        ),
        ("kalibratie", True, True, [unit("A", "kalibratie")], []),
        (
            "oprollen",
            True,
            True,
            [
                unit("A", "oprollen", with_(report_status="afgestemd", response_status=None)),
                unit("B", "oprollen", with_(actions_overdue=3)),
            ],
            [
                (BlockerKind.STAGE, Stage.REPORT, ("A",)),
                (BlockerKind.STAGE, Stage.RESPONSE, ("A",)),
            ],
        ),
        ("gepubliceerd", True, True, [unit("A", "gepubliceerd", with_(actions_overdue=1))], []),
    ],
)
def test_phase_blockers(status, period_set, closed, units, expected):
    blockers = phase_blockers(
        cycle_status=status, period_set=period_set, calibration_closed=closed, units=units
    )
    assert [(b.kind, b.stage, b.units) for b in blockers] == expected
    assert all(blocker_text(b) for b in blockers)
