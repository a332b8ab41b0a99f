"""The pure rules behind the list of improvement actions: how a control measure stands, and when
an improvement action lacks an effect measurement (done or due without one; DOMAIN.md §4, §7)."""

import datetime

import pytest

from herstel.constants import ControlMeasureProgress, MeasureStatus
from herstel.rules import control_measure_status, lacks_effect_measurement

TODAY = datetime.date(2032, 6, 15)
BEFORE = datetime.date(2032, 6, 14)
AFTER = datetime.date(2032, 6, 16)


OPEN = ControlMeasureProgress.OPEN
BUSY = ControlMeasureProgress.IN_UITVOERING
DONE = ControlMeasureProgress.GEREED


@pytest.mark.parametrize(
    ("implemented", "progress", "due_on", "expected"),
    [
        # The latest completed evaluation's judgement wins over the recorded status.
        (True, OPEN, BEFORE, MeasureStatus.IMPLEMENTED),
        (True, DONE, AFTER, MeasureStatus.IMPLEMENTED),
        (False, DONE, BEFORE, MeasureStatus.NOT_IMPLEMENTED),
        (False, OPEN, AFTER, MeasureStatus.NOT_IMPLEMENTED),
        # Not yet judged: the recorded status.
        (None, DONE, BEFORE, MeasureStatus.DONE),  # gereed is not late, whatever the date
        (None, DONE, AFTER, MeasureStatus.DONE),
        (None, BUSY, BEFORE, MeasureStatus.OVERDUE),
        (None, BUSY, TODAY, MeasureStatus.IN_PROGRESS),
        (None, BUSY, AFTER, MeasureStatus.IN_PROGRESS),
        (None, OPEN, BEFORE, MeasureStatus.OVERDUE),
        (None, OPEN, TODAY, MeasureStatus.PLANNED),  # due today is not late yet
        (None, OPEN, AFTER, MeasureStatus.PLANNED),
    ],
)
def test_control_measure_status(implemented, progress, due_on, expected):
    assert (
        control_measure_status(
            implemented=implemented, progress=progress, due_on=due_on, today=TODAY
        )
        == expected
    )


@pytest.mark.parametrize(
    ("done", "cancelled", "measured", "due_on", "expected"),
    [
        (True, False, False, AFTER, True),  # done without a measurement: the gap
        (True, False, True, BEFORE, False),
        (False, False, False, BEFORE, True),  # past its date, nothing measured
        (False, False, False, TODAY, False),
        (False, False, False, AFTER, False),
        (False, False, True, BEFORE, False),
        (False, True, False, BEFORE, False),  # cancelled: needs none
        (True, True, False, BEFORE, False),
    ],
)
def test_lacks_effect_measurement(done, cancelled, measured, due_on, expected):
    assert (
        lacks_effect_measurement(
            done=done, cancelled=cancelled, measured=measured, due_on=due_on, today=TODAY
        )
        is expected
    )
