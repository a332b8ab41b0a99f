"""Writes of findings, unit reports, responses, the roll-up and follow-up, one module per
sub-domain. Other apps import from here."""

# --- Findings per unit, the unit report and the management response ---------------------------
from findings.services.findings import (
    FindingsLocked,
    finding_create,
    finding_delete,
    finding_update,
    quote_create,
    quote_delete,
    quote_update,
    recommendation_create,
    recommendation_delete,
    recommendation_update,
)
from findings.services.responses import (
    AnswerData,
    ResponseLocked,
    management_response_save,
)
from findings.services.unit_reports import unit_report_move

__all__ = [
    "AnswerData",
    "FindingsLocked",
    "ResponseLocked",
    "finding_create",
    "finding_delete",
    "finding_update",
    "management_response_save",
    "quote_create",
    "quote_delete",
    "quote_update",
    "recommendation_create",
    "recommendation_delete",
    "recommendation_update",
    "unit_report_move",
]

# --- The roll-up, follow-up and the audit's own evaluation ---------------------------------------
from findings.services.follow_up import (  # noqa: E402
    effect_measurement_record,
    follow_up_action_create,
    follow_up_action_update,
    follow_up_action_withdraw,
)
from findings.services.ratings import audit_rating_save  # noqa: E402
from findings.services.rollup import (  # noqa: E402
    main_finding_confirm,
    main_finding_remove,
    main_finding_update,
    rollup_threshold_set,
    theme_create,
    theme_recommendations_add,
    theme_recommendations_remove,
    theme_update,
    theme_withdraw,
)

__all__ += [
    "audit_rating_save",
    "effect_measurement_record",
    "follow_up_action_create",
    "follow_up_action_update",
    "follow_up_action_withdraw",
    "main_finding_confirm",
    "main_finding_remove",
    "main_finding_update",
    "rollup_threshold_set",
    "theme_create",
    "theme_recommendations_add",
    "theme_recommendations_remove",
    "theme_update",
    "theme_withdraw",
]
