from django.contrib import admin

from audits.models import AssessedPrinciple, Assignment, AuditCycle, ManagementPrinciple


@admin.register(ManagementPrinciple)
class ManagementPrincipleAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "execution_units_only"]


@admin.register(AuditCycle)
class AuditCycleAdmin(admin.ModelAdmin):
    list_display = ["year", "status", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]


@admin.register(AssessedPrinciple)
class AssessedPrincipleAdmin(admin.ModelAdmin):
    list_display = ["cycle", "unit", "principle"]
    list_filter = ["cycle", "principle"]
    list_select_related = ["cycle", "unit", "principle"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["cycle", "unit", "auditor", "is_lead"]
    list_filter = ["cycle", "unit"]
    list_select_related = ["cycle", "unit", "auditor"]
