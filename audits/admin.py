from django.contrib import admin

from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    ManagementPrinciple,
    ReferenceText,
)
from uwvkms.admin import ReadOnlyModelAdmin
from uwvkms.security import AuditedAdmin


@admin.register(ManagementPrinciple)
class ManagementPrincipleAdmin(AuditedAdmin):
    list_display = ["name", "order", "execution_units_only"]
    # Bijlage 2's texts change only through the coordination team's page, which versions them
    # and keeps their history.
    readonly_fields = ["definition", "uwv_specific", "version", "updated_by", "updated_at"]


@admin.register(ReferenceText)
class ReferenceTextAdmin(ReadOnlyModelAdmin):
    list_display = ["key", "version", "updated_at"]


# Cycles, scope and teams change only through the application: it keeps their history and
# enforces the phase locks and cross-auditing.
@admin.register(AuditCycle)
class AuditCycleAdmin(ReadOnlyModelAdmin):
    list_display = ["year", "status", "created_by", "created_at", "withdrawn_at"]


@admin.register(AssessedPrinciple)
class AssessedPrincipleAdmin(ReadOnlyModelAdmin):
    list_display = ["cycle", "unit", "principle"]
    list_filter = ["cycle", "principle"]
    list_select_related = ["cycle", "unit", "principle"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyModelAdmin):
    list_display = ["cycle", "unit", "auditor", "is_lead"]
    list_filter = ["cycle", "unit"]
    list_select_related = ["cycle", "unit", "auditor"]
