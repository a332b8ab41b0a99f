"""The pure rules behind the list of improvement actions: how a control measure stands, and when
an improvement action lacks an effect measurement (done or due without one; DOMAIN.md §4, §7)."""

import datetime

import pytest

from herstel.constants import MeasureStatus
from herstel.rules import control_measure_status, lacks_effect_measurement

TODAY = datetime.date(2032, 6, 15)
BEFORE = datetime.date(2032, 6, 14)
AFTER = datetime.date(2032, 6, 16)


@pytest.mark.parametrize(
    ("implemented", "due_on", "expected"),
    [
        (True, BEFORE, MeasureStatus.IMPLEMENTED),
        (True, AFTER, MeasureStatus.IMPLEMENTED),
        (False, BEFORE, MeasureStatus.NOT_IMPLEMENTED),
        (False, AFTER, MeasureStatus.NOT_IMPLEMENTED),
        (None, BEFORE, MeasureStatus.OVERDUE),
        (None, TODAY, MeasureStatus.PLANNED),  # due today is not late yet
        (None, AFTER, MeasureStatus.PLANNED),
    ],
)
def test_control_measure_status(implemented, due_on, expected):
    assert control_measure_status(implemented=implemented, due_on=due_on, today=TODAY) == expected


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
