from django.contrib import admin

from audits.models import AssessedPrinciple, Assignment, AuditCycle, ManagementPrinciple
from uwvkms.admin import ReadOnlyModelAdmin


@admin.register(ManagementPrinciple)
class ManagementPrincipleAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "execution_units_only"]


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
