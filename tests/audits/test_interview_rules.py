"""The rules of an interview record (issue 17), as tables: confirmed only when every interviewee
confirmed, confirmation open until calibration closes, which records may be withdrawn, and a
plausible day and place of the interview and of a confirmation, refused with an instruction."""

import datetime

import pytest

from audits.evidence_rules import (
    confirmation_date_problem,
    confirmation_open,
    interview_date_problem,
    interview_fully_confirmed,
    interview_is_withdrawable,
    interview_place_problem,
)

D = datetime.date
TODAY = D(2025, 12, 1)
START, END = D(2025, 3, 1), D(2025, 6, 30)
PERIOD = "Kies een datum in de veldwerkperiode (1 maart 2025 – 30 juni 2025) of geef een reden"
FUTURE = "Kies een datum van vandaag (1 december 2025) of eerder."


@pytest.mark.parametrize(
    ("confirmations", "confirmed"),
    [
        ([], False),  # nobody to confirm: never evidence
        ([False], False),
        ([True], True),
        ([True, False], False),  # one of two confirmed: the record still waits
        ([False, True], False),
        ([True, True], True),
        ([True, True, False], False),
    ],
)
def test_confirmed_only_when_every_interviewee_confirmed(confirmations, confirmed):
    assert interview_fully_confirmed(confirmations) is confirmed


@pytest.mark.parametrize(
    ("cycle_status", "open_"),
    [
        ("voorbereiding", True),
        ("veldwerk", True),
        ("kalibratie", True),  # a request from fieldwork stays answerable until calibration closes
        ("oprollen", False),
        ("gepubliceerd", False),
    ],
)
def test_confirmation_is_open_until_calibration_closes(cycle_status, open_):
    assert confirmation_open(cycle_status) is open_


@pytest.mark.parametrize(
    ("status", "withdrawable"),
    [
        ("concept", True),
        ("ter_bevestiging", True),  # not yet evidence: the request lapses with it
        ("correctie_gevraagd", True),
        ("bevestigd", False),  # evidence scores and quotes may cite
    ],
)
def test_which_records_may_be_withdrawn(status, withdrawable):
    assert interview_is_withdrawable(status) is withdrawable


@pytest.mark.parametrize(
    ("held_on", "start", "end", "reason", "problem"),
    [
        (D(2025, 3, 1), START, END, "", None),  # first day of the period
        (D(2025, 6, 30), START, END, "", None),  # last day
        (D(2025, 4, 15), START, END, "", None),
        (D(2025, 2, 28), START, END, "", PERIOD),  # the day before
        (D(2025, 7, 1), START, END, "", PERIOD),  # the day after
        (D(2025, 7, 1), START, END, "   ", PERIOD),  # blanks are no reason
        (D(2025, 7, 1), START, END, "Uitgesteld wegens ziekte.", None),
        (D(2025, 12, 1), START, END, "Uitgesteld.", None),  # today, with a reason
        (D(2031, 9, 15), START, END, "Uitgesteld.", FUTURE),  # the future: never, reason or not
        (D(2025, 12, 2), None, None, "", FUTURE),
        (D(2019, 1, 1), None, None, "", None),  # no period set: only the future is refused
        (D(2019, 1, 1), START, None, "", None),
        (None, START, END, "", None),  # missing: the form says so
    ],
)
def test_a_plausible_interview_date(held_on, start, end, reason, problem):
    found = interview_date_problem(
        held_on, period_start=start, period_end=end, outside_period_reason=reason, today=TODAY
    )
    if problem is None:
        assert found is None
    else:
        assert found is not None and found.startswith(problem)


@pytest.mark.parametrize(
    ("place", "drawn", "problem"),
    [
        ("Regio Noord", ["Regio Noord", "Staf UIT"], None),
        ("regio noord", ["Regio Noord"], None),  # names compare without regard to case
        (
            "Regio Zuid",
            ["Staf UIT", "Regio Noord"],
            "Kies een getrokken plaats van Uitkeren: Regio Noord, Staf UIT.",
        ),
        (
            "Regio Zuid",
            [],
            "Loot eerst de districten of afdelingen van Uitkeren; een interview wordt gehouden "
            "op een getrokken plaats.",
        ),
    ],
)
def test_only_a_drawn_place(place, drawn, problem):
    assert interview_place_problem(place, drawn=drawn, unit="Uitkeren") == problem


@pytest.mark.parametrize(
    ("confirmed_on", "problem"),
    [
        (D(2025, 4, 15), None),  # the day of the interview
        (D(2025, 5, 1), None),
        (TODAY, None),
        (D(2025, 4, 14), "Kies een datum op of na de dag van het interview (15 april 2025)."),
        (D(2025, 12, 2), FUTURE),
        (None, None),
    ],
)
def test_a_plausible_confirmation_date(confirmed_on, problem):
    assert confirmation_date_problem(confirmed_on, held_on=D(2025, 4, 15), today=TODAY) == problem
