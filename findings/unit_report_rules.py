"""Business rules of a unit's report and its management response (DOMAIN.md §4): who reads it in
which status, who moves it where, when findings and the response may change, and what a
response needs before it is submitted. Pure functions over plain values, no ORM."""

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from audits.constants import BEFORE_PUBLICATION, AuditCapacity
from findings.constants import UNIT_REPORT_TRANSITIONS, Recognition, UnitReportStatus

_ALL = frozenset(UnitReportStatus)

# Who reads the report in which status. Auditors of other units hold no capacity at all.
READABLE_IN: Mapping[AuditCapacity, frozenset[str]] = {
    AuditCapacity.AUDITOR: _ALL,
    AuditCapacity.LEAD_AUDITOR: _ALL,
    AuditCapacity.COORDINATOR: _ALL,
    # The board reads its report once it is agreed with them.
    AuditCapacity.BOARD: frozenset({UnitReportStatus.AFGESTEMD, UnitReportStatus.DEFINITIEF}),
    # The RvB reads only what is final.
    AuditCapacity.RVB: frozenset({UnitReportStatus.DEFINITIEF}),
    # A quality contact answers the unit's evidence requests and reads no report (issue 21).
    AuditCapacity.QUALITY_CONTACT: frozenset(),
}

# Who may make each move of UNIT_REPORT_TRANSITIONS.
MOVERS: Mapping[tuple[str, str], frozenset[AuditCapacity]] = {
    (UnitReportStatus.CONCEPT, UnitReportStatus.AFGESTEMD): frozenset(
        {AuditCapacity.COORDINATOR, AuditCapacity.LEAD_AUDITOR}
    ),
    (UnitReportStatus.AFGESTEMD, UnitReportStatus.CONCEPT): frozenset(
        {AuditCapacity.COORDINATOR, AuditCapacity.LEAD_AUDITOR}
    ),
    (UnitReportStatus.AFGESTEMD, UnitReportStatus.DEFINITIEF): frozenset(
        {AuditCapacity.COORDINATOR}
    ),
}

# The order in which the moves are offered.
_MOVE_ORDER = [UnitReportStatus.AFGESTEMD, UnitReportStatus.DEFINITIEF, UnitReportStatus.CONCEPT]

# The board answers the recommendations once the report is agreed with it.
RESPONSE_OPEN_IN = frozenset({UnitReportStatus.AFGESTEMD, UnitReportStatus.DEFINITIEF})

# A recommendation not (fully) recognised needs an explanation.
NEEDS_EXPLANATION = frozenset({Recognition.DEELS_HERKEND, Recognition.NIET_HERKEND})


class UnitReportMoveNotAllowed(ValidationError):
    """A move of a unit report that the transition table does not list."""


def may_read(capacities: Iterable[AuditCapacity], status: str) -> bool:
    """Whether someone in these capacities reads a report in `status`."""
    return any(status in READABLE_IN[capacity] for capacity in capacities)


def allowed_moves(capacities: Iterable[AuditCapacity], status: str) -> list[str]:
    """The statuses someone in these capacities may move a report in `status` to."""
    held = set(capacities)
    return [
        to
        for to in _MOVE_ORDER
        if (status, to) in UNIT_REPORT_TRANSITIONS and held & MOVERS[(status, to)]
    ]


def may_ever_move_to(capacities: Iterable[AuditCapacity], to: str) -> bool:
    """Whether someone in these capacities makes a move to `to` from any status (otherwise
    the move is none of their business: 403, not "not now")."""
    held = set(capacities)
    return any(held & movers for (_from, target), movers in MOVERS.items() if target == to)


def check_move(status: str, to: str) -> None:
    """Raise UnitReportMoveNotAllowed unless the table lists the move `status` → `to`."""
    if (status, to) not in UNIT_REPORT_TRANSITIONS:
        raise UnitReportMoveNotAllowed(
            _("Het rapport staat op %(status)s en kan niet naar %(to)s.")
            % {"status": UnitReportStatus(status).label, "to": UnitReportStatus(to).label}
        )


def move_requirements(*, to: str, agreed_on, agreed_with: str, reason: str) -> dict[str, str]:
    """What a move still lacks, as field → message: agreeing the report needs the date and with
    whom it was agreed; taking it back to concept needs a reason."""
    errors = {}
    if to == UnitReportStatus.AFGESTEMD:
        if agreed_on is None:
            errors["agreed_on"] = _("Vul de datum in waarop het rapport is afgestemd.")
        if not agreed_with.strip():
            errors["agreed_with"] = _("Vul in met wie het rapport is afgestemd.")
    if to == UnitReportStatus.CONCEPT and not reason.strip():
        errors["reason"] = _("Geef een reden om het rapport terug te zetten naar concept.")
    return errors


def findings_editable(status: str) -> bool:
    """Observations, good practices, quotes and recommendations change only while the report is
    a concept: once agreed with the board, it is what the board agreed to."""
    return status == UnitReportStatus.CONCEPT


def findings_lock_reason(
    *, unit: str, report_status: str, cycle_year: int, cycle_status: str, cycle_withdrawal: str
) -> str | None:
    """Why the findings of `unit` can no longer change, in Dutch, or None while they can: its
    report is no longer a concept (`findings_editable`), the cycle is withdrawn
    (`cycle_withdrawal`, its summary; "" when not) or published."""
    if not findings_editable(report_status):
        message = _("Het rapport van %(unit)s is %(status)s: de bevindingen liggen vast.")
        if report_status == UnitReportStatus.AFGESTEMD:
            message += " " + _("Zet het rapport eerst terug naar concept om ze te wijzigen.")
        return message % {"unit": unit, "status": UnitReportStatus(report_status).label.lower()}
    if cycle_withdrawal:
        return cycle_withdrawal
    if cycle_status not in BEFORE_PUBLICATION:
        return _("Toetscyclus %(year)s is gepubliceerd: de bevindingen liggen vast.") % {
            "year": cycle_year
        }
    return None


def response_open(status: str) -> bool:
    """Whether the board may answer its report (once agreed with it)."""
    return status in RESPONSE_OPEN_IN


def response_gaps(
    recommendations: Iterable[tuple[int, str]], answers: Mapping[int, tuple[str, str]]
) -> dict[str, list[str]]:
    """What keeps a management response from being submitted. `recommendations` are
    (id, title); `answers` map a recommendation id to (recognition, explanation). Returns the
    titles without an answer ("unanswered") and those not (fully) recognised without an
    explanation ("unexplained"); empty lists when nothing is missing."""
    unanswered, unexplained = [], []
    for rec_id, title in recommendations:
        recognition, explanation = answers.get(rec_id, ("", ""))
        if not recognition:
            unanswered.append(title)
        elif recognition in NEEDS_EXPLANATION and not explanation.strip():
            unexplained.append(title)
    return {"unanswered": unanswered, "unexplained": unexplained}


def agreement_gaps(principles: Iterable[tuple[str, bool, bool]]) -> list[str]:
    """What the report of a unit still lacks before it can be agreed with its board (issue 17):
    every principle in scope there needs a submitted score and at least one finding (an
    observation or a good practice), else the board would agree to a report that says nothing
    on it. `principles` are (name, has a submitted score, has a finding) in the report's order;
    the gaps are Dutch instructions, empty when nothing is missing."""
    principles = list(principles)
    unscored = [name for name, scored, _found in principles if not scored]
    unfound = [name for name, _scored, found in principles if not found]
    gaps = []
    if unscored:
        gaps.append(_("Dien eerst een score in voor: %s.") % ", ".join(unscored))
    if unfound:
        gaps.append(_("Leg eerst een bevinding vast bij: %s.") % ", ".join(unfound))
    return gaps
