"""The pure rules of evidence requests (issue 21 §1, `audits.request_rules`), table-driven:
item status transitions, who may make which move, plausible due dates, the cross-unit cell,
and which reminder a list gets."""

import datetime

import pytest

from audits.constants import AuditCapacity, RequestItemAction, RequestItemStatus
from audits.request_rules import (
    due_date_refusal,
    reminder_occasion,
    request_item_actions,
    request_item_next_status,
    requires_explanation,
    standard_document_use,
)

S, A = RequestItemStatus, RequestItemAction
BOARD = {AuditCapacity.BOARD}
CONTACT = {AuditCapacity.QUALITY_CONTACT}
AUDITOR = {AuditCapacity.AUDITOR}
LEAD = {AuditCapacity.AUDITOR, AuditCapacity.LEAD_AUDITOR}
COORDINATOR = {AuditCapacity.COORDINATOR}
RVB = {AuditCapacity.RVB}


@pytest.mark.parametrize(
    ("status", "action", "expected"),
    [
        (S.OPEN, A.DELIVER, S.GELEVERD),
        (S.OPEN, A.NOT_EXISTING, S.BESTAAT_NIET),
        (S.OPEN, A.NOT_APPLICABLE, S.NVT),
        (S.OPEN, A.ASK_MORE, None),
        (S.GELEVERD, A.DELIVER, None),
        (S.GELEVERD, A.ASK_MORE, S.AANVULLEND),
        (S.NVT, A.ASK_MORE, S.AANVULLEND),
        (S.BESTAAT_NIET, A.ASK_MORE, S.AANVULLEND),
        (S.BESTAAT_NIET, A.NOT_APPLICABLE, None),
        (S.AANVULLEND, A.DELIVER, S.GELEVERD),
        (S.AANVULLEND, A.NOT_APPLICABLE, S.NVT),
        (S.AANVULLEND, A.ASK_MORE, None),
        (S.GELEVERD, A.MESSAGE, S.GELEVERD),
        (S.OPEN, A.WITHDRAW, S.OPEN),
    ],
)
def test_item_status_transitions(status, action, expected):
    assert request_item_next_status(status, action) == expected


OPEN_ANSWERS = {A.DELIVER, A.NOT_EXISTING, A.NOT_APPLICABLE, A.MESSAGE}


@pytest.mark.parametrize(
    ("status", "capacities", "fieldwork_open", "withdrawn", "expected"),
    [
        (S.OPEN, CONTACT, True, False, OPEN_ANSWERS),
        (S.OPEN, BOARD, True, False, OPEN_ANSWERS),
        (S.AANVULLEND, CONTACT, True, False, OPEN_ANSWERS),
        (S.GELEVERD, CONTACT, True, False, {A.MESSAGE}),
        (S.OPEN, AUDITOR, True, False, {A.MESSAGE}),
        (S.GELEVERD, AUDITOR, True, False, {A.ASK_MORE, A.MESSAGE}),
        (S.OPEN, LEAD, True, False, {A.MESSAGE, A.WITHDRAW}),
        (S.NVT, LEAD, True, False, {A.ASK_MORE, A.MESSAGE, A.WITHDRAW}),
        (S.OPEN, COORDINATOR, True, False, set()),
        (S.OPEN, RVB, True, False, set()),
        (S.OPEN, set(), True, False, set()),
        (S.OPEN, CONTACT, False, False, set()),
        (S.GELEVERD, LEAD, False, False, set()),
        (S.OPEN, CONTACT, True, True, set()),
    ],
)
def test_who_may_do_what(status, capacities, fieldwork_open, withdrawn, expected):
    assert (
        request_item_actions(
            status=status,
            capacities=capacities,
            fieldwork_open=fieldwork_open,
            withdrawn=withdrawn,
        )
        == expected
    )


@pytest.mark.parametrize(
    ("action", "needed"),
    [
        (A.NOT_EXISTING, True),
        (A.NOT_APPLICABLE, True),
        (A.ASK_MORE, True),
        (A.MESSAGE, True),
        (A.DELIVER, False),
        (A.WITHDRAW, False),
    ],
)
def test_which_moves_need_an_explanation(action, needed):
    assert requires_explanation(action) is needed


TODAY = datetime.date(2031, 3, 1)


@pytest.mark.parametrize(
    ("due_on", "period_end", "refused"),
    [
        (TODAY, None, None),
        (datetime.date(2031, 3, 15), None, None),
        (datetime.date(2032, 2, 28), None, None),
        (None, None, "Geef de datum"),
        (datetime.date(2031, 2, 28), None, "verleden"),
        (datetime.date(2032, 3, 2), None, "meer dan een jaar"),
        (datetime.date(2031, 5, 1), datetime.date(2031, 4, 30), "na het einde van het veldwerk"),
        (datetime.date(2031, 4, 30), datetime.date(2031, 4, 30), None),
        # The planned end has passed (fieldwork running late): today's window alone.
        (datetime.date(2031, 3, 20), datetime.date(2031, 2, 1), None),
    ],
)
def test_plausible_due_dates(due_on, period_end, refused):
    refusal = due_date_refusal(due_on, today=TODAY, period_end=period_end)
    if refused is None:
        assert refusal is None
    else:
        assert refused in refusal


@pytest.mark.parametrize(
    ("requested", "item_status", "check_status", "expected"),
    [
        (False, None, None, "niet_gevraagd"),
        (True, S.OPEN, None, "niet"),
        (True, S.AANVULLEND, None, "niet"),
        (True, S.GELEVERD, None, "geleverd"),
        (True, S.NVT, None, "nvt"),
        (True, S.BESTAAT_NIET, None, "bestaat_niet"),
        (True, S.GELEVERD, "niet_geleverd", "niet"),
        (True, S.BESTAAT_NIET, "nvt", "nvt"),
        (False, None, "geleverd", "geleverd"),
        (True, S.GELEVERD, "open", "geleverd"),
        (False, None, "open", "niet_gevraagd"),
    ],
)
def test_standard_document_use(requested, item_status, check_status, expected):
    use = standard_document_use(
        requested=requested, item_status=item_status, check_status=check_status
    )
    assert use == expected


@pytest.mark.parametrize(
    ("due_on", "open_items", "expected"),
    [
        (datetime.date(2031, 3, 20), 3, None),
        (datetime.date(2031, 3, 6), 3, "due"),
        (TODAY, 1, "due"),
        (datetime.date(2031, 2, 28), 1, "escalated"),
        (datetime.date(2031, 2, 28), 0, None),
        (datetime.date(2031, 3, 3), 0, None),
    ],
)
def test_reminder_occasion(due_on, open_items, expected):
    assert (
        reminder_occasion(due_on=due_on, today=TODAY, open_items=open_items, remind_days=5)
        == expected
    )
