"""Reads of findings, unit reports, the roll-up and follow-up, one module per sub-domain. Other
apps import from here."""

# --- Findings per unit, the unit report and the management response ---------------------------
from findings.selectors.findings import findings_by_principle
from findings.selectors.unit_reports import (
    board_unit_reports,
    unit_report_get_for_reader,
    unit_reports_for_user,
)

__all__ = [
    "board_unit_reports",
    "findings_by_principle",
    "unit_report_get_for_reader",
    "unit_reports_for_user",
]

# --- The roll-up, follow-up and the audit's own evaluation ---------------------------------------
from findings.selectors.follow_up import (  # noqa: E402
    ActionRow,
    StateCounts,
    TertaalOverview,
    UnitFollowUp,
    can_read_follow_up,
    follow_up_actions_for_reader,
    follow_up_counts_by_unit,
    is_unit_board,
    recognised_recommendations,
    tertaal_overview,
    unit_actions_all_cycles,
    unit_follow_up,
)
from findings.selectors.ratings import RatingSummary, average_rating, rating_summary  # noqa: E402
from findings.selectors.rollup import (  # noqa: E402
    RollupBoard,
    ThemeRow,
    rollup_board,
    thread_threshold,
)

__all__ += [
    "ActionRow",
    "RatingSummary",
    "RollupBoard",
    "StateCounts",
    "TertaalOverview",
    "ThemeRow",
    "UnitFollowUp",
    "average_rating",
    "can_read_follow_up",
    "follow_up_actions_for_reader",
    "follow_up_counts_by_unit",
    "is_unit_board",
    "rating_summary",
    "recognised_recommendations",
    "rollup_board",
    "tertaal_overview",
    "thread_threshold",
    "unit_actions_all_cycles",
    "unit_follow_up",
]
