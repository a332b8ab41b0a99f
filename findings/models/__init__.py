"""The findings app's models: the audit chain's findings, unit reports, roll-up and follow-up
(`audit`), and the UWV-wide report the coordination team writes and publishes (`report`)."""

from findings.models.audit import (
    AuditRating,
    EffectMeasurement,
    Finding,
    FollowUpAction,
    MainFinding,
    ManagementResponse,
    Quote,
    Recommendation,
    RecommendationResponse,
    RollupSettings,
    Theme,
    ThemeMembership,
    UnitReport,
)
from findings.models.report import (
    PublishState,
    ReportFrontMatter,
    ReportMaterial,
    ReportSection,
    ReportStatus,
    ReportVersion,
    _report_version_path,
)

__all__ = [
    "AuditRating",
    "EffectMeasurement",
    "Finding",
    "FollowUpAction",
    "MainFinding",
    "ManagementResponse",
    "PublishState",
    "Quote",
    "Recommendation",
    "RecommendationResponse",
    "ReportFrontMatter",
    "ReportMaterial",
    "ReportSection",
    "ReportStatus",
    "ReportVersion",
    "RollupSettings",
    "Theme",
    "ThemeMembership",
    "UnitReport",
    "_report_version_path",
]
