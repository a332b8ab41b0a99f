"""Herstelacties in the admin: read-only. Every change goes through a service so it lands in the
event log; the fixed contact persons are maintained on their own page (herstel:contact_points)."""

from django.contrib import admin

from herstel.models import (
    ContactPoint,
    Decision,
    DossierImport,
    Evaluation,
    GoDecision,
    Herstelactie,
    Kapstokverhaal,
    Notification,
    WorkingGroupMember,
)
from uwvkms.admin import ReadOnlyModelAdmin as ReadOnlyAdmin


@admin.register(Herstelactie)
class HerstelactieAdmin(ReadOnlyAdmin):
    list_display = ["title", "lead_unit", "step", "mandate", "is_issue", "started_at"]
    list_filter = ["step", "mandate", "lead_unit", "is_issue"]
    list_select_related = ["lead_unit"]
    search_fields = ["title"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    """Decisions are never edited: a correction is a new record referring to the old one."""

    list_display = [
        "herstelactie",
        "forum",
        "outcome",
        "decided_on",
        "corrects",
        "recorded_by",
        "withdrawn_at",
    ]
    list_filter = ["forum", "outcome"]
    list_select_related = ["herstelactie", "recorded_by", "corrects"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["herstelactie", "kind", "informed_on", "recorded_by"]
    list_filter = ["kind"]
    list_select_related = ["herstelactie", "recorded_by"]


@admin.register(WorkingGroupMember)
class WorkingGroupMemberAdmin(ReadOnlyAdmin):
    list_display = ["herstelactie", "name", "role", "informed_on"]
    list_select_related = ["herstelactie"]


@admin.register(Kapstokverhaal)
class KapstokverhaalAdmin(ReadOnlyAdmin):
    list_display = ["herstelactie", "version", "status", "created_by", "created_at"]
    list_select_related = ["herstelactie", "created_by"]


@admin.register(ContactPoint)
class ContactPointAdmin(ReadOnlyAdmin):
    list_display = ["name", "directorate", "email", "user", "is_active"]
    list_filter = ["directorate", "is_active"]


@admin.register(GoDecision)
class GoDecisionAdmin(ReadOnlyAdmin):
    list_display = ["herstelactie", "body", "outcome", "decided_on", "recorded_by"]
    list_filter = ["outcome"]
    list_select_related = ["herstelactie", "recorded_by"]


@admin.register(DossierImport)
class DossierImportAdmin(ReadOnlyAdmin):
    """Dossiers themselves are not listed here: they are many, and read on the action's pages."""

    list_display = ["herstelactie", "file_name", "rows", "created", "updated", "imported_at"]
    list_select_related = ["herstelactie"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["herstelactie", "number", "planned_on", "completed_on"]
    list_select_related = ["herstelactie"]
