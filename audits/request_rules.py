"""Business rules of evidence requests to the unit (issue 21 §1): pure functions, no ORM.

A request list is sent by the unit's lead auditor; the unit's side (its board and the quality
contacts the board designated) answers its open items: a file, "bestaat niet" or "niet van
toepassing" with an explanation; the audit team can ask for more on an answered item, which
re-opens it. The moves are data (`audits.constants.REQUEST_ITEM_TRANSITIONS`, `..._MOVERS`)."""

import datetime
from collections.abc import Collection

from django.utils.translation import gettext as _

from audits.constants import (
    REQUEST_ITEM_MOVERS,
    REQUEST_ITEM_OPEN,
    REQUEST_ITEM_TRANSITIONS,
    REQUEST_MAX_DAYS_AHEAD,
    AuditCapacity,
    RequestItemAction,
    RequestItemStatus,
    StandardDocumentUse,
)
from uwvkms.dates import dutch

# The moves that do not change an item's status (they are open in every status).
_STATUS_KEEPING = frozenset({RequestItemAction.MESSAGE, RequestItemAction.WITHDRAW})


def request_item_next_status(status: str, action: str) -> str | None:
    """The status an item in `status` gets by `action`: the same status for a message or a
    withdrawal, None when the move does not exist (e.g. delivering to an item already
    delivered, or asking more on an item still open)."""
    if action in _STATUS_KEEPING:
        return status
    return REQUEST_ITEM_TRANSITIONS.get((status, action))


def request_item_actions(
    *,
    status: str,
    capacities: Collection[AuditCapacity],
    fieldwork_open: bool,
    withdrawn: bool = False,
) -> frozenset[str]:
    """The moves someone holding `capacities` may make on an item in `status`: only while
    fieldwork is open (afterwards the scores rest on the evidence) and the item is not
    withdrawn; each move only for the capacities in REQUEST_ITEM_MOVERS, and only where the
    transition table has it. A quality contact or the board answers open items; the team asks
    more on answered ones; the lead withdraws."""
    if not fieldwork_open or withdrawn:
        return frozenset()
    held = set(capacities)
    return frozenset(
        action
        for action, movers in REQUEST_ITEM_MOVERS.items()
        if held & movers and request_item_next_status(status, action) is not None
    )


def requires_explanation(action: str) -> bool:
    """Marking an item "bestaat niet" or "niet van toepassing" needs an explanation, so the
    auditors can judge it; so does asking for more (what more) and a message."""
    return action in {
        RequestItemAction.NOT_EXISTING,
        RequestItemAction.NOT_APPLICABLE,
        RequestItemAction.ASK_MORE,
        RequestItemAction.MESSAGE,
    }


def due_date_refusal(
    due_on: datetime.date | None,
    *,
    today: datetime.date,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> str | None:
    """Why `due_on` is no plausible due date for a request list (None: it is). Not in the
    past, not more than a year ahead, and, when the cycle's fieldwork period is set and its
    end still ahead, not after that end (the auditors must still judge what arrives). Once the
    planned end has passed (fieldwork running late), today's window rules alone apply. A date
    before the period's start is allowed: units may deliver before the visits begin."""
    if due_on is None:
        return _("Geef de datum waarop het onderdeel uiterlijk aanlevert.")
    if due_on < today:
        return _("De uiterste datum ligt in het verleden.")
    if (due_on - today).days > REQUEST_MAX_DAYS_AHEAD:
        return _("De uiterste datum ligt meer dan een jaar vooruit.")
    if period_end is not None and period_end >= today and due_on > period_end:
        return _("De uiterste datum ligt na het einde van het veldwerk (%(end)s).") % {
            "end": dutch(period_end)
        }
    return None


def standard_document_use(
    *, requested: bool, item_status: str | None, check_status: str | None
) -> StandardDocumentUse:
    """How a unit stands on a standard document in the cross-unit view (what the report's
    "Gebruik van standaard documenten" rests on):

    - the auditors' judgement of the document counts first: delivered (geleverd), n.v.t., or
      not delivered (niet geleverd) as they recorded it;
    - otherwise the unit's answer to the request: delivered, n.v.t., bestaat niet;
    - otherwise requested but not (yet) answered: niet geleverd;
    - never requested and never judged: niet gevraagd."""
    if check_status == "geleverd":
        return StandardDocumentUse.GELEVERD
    if check_status == "nvt":
        return StandardDocumentUse.NVT
    if check_status == "niet_geleverd":
        return StandardDocumentUse.NIET
    if requested:
        match item_status:
            case RequestItemStatus.GELEVERD:
                return StandardDocumentUse.GELEVERD
            case RequestItemStatus.NVT:
                return StandardDocumentUse.NVT
            case RequestItemStatus.BESTAAT_NIET:
                return StandardDocumentUse.BESTAAT_NIET
        return StandardDocumentUse.NIET
    return StandardDocumentUse.NIET_GEVRAAGD


def reminder_occasion(
    *, due_on: datetime.date, today: datetime.date, open_items: int, remind_days: int
) -> str | None:
    """Which reminder a sent list with `open_items` still open gets today: "due" within
    `remind_days` before its date (the date itself included), "escalated" once past it, None
    when nothing is open or the date is further off."""
    if open_items <= 0:
        return None
    if due_on < today:
        return "escalated"
    if (due_on - today).days <= remind_days:
        return "due"
    return None


def is_open_item(status: str) -> bool:
    """Whether the unit still has to answer an item in `status`."""
    return status in REQUEST_ITEM_OPEN
