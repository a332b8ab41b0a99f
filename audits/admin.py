"""The audit chain's reference data in /beheer/: the management principles (name and order;
their texts for Bijlage 2 change only on the coordination team's page, which versions them) and
the fixed texts (read only). Cycles, scope and teams change only through the application."""

from django.contrib import admin

from audits.models import ManagementPrinciple, ReferenceText
from uwvkms.admin import ReadOnlyModelAdmin
from uwvkms.security import AuditedAdmin


@admin.register(ManagementPrinciple)
class ManagementPrincipleAdmin(AuditedAdmin):
    list_display = ["name", "order", "execution_units_only"]
    # Bijlage 2's texts change only through the coordination team's page, which versions them
    # and keeps their history.
    readonly_fields = ["definition", "uwv_specific", "version", "updated_by", "updated_at"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReferenceText)
class ReferenceTextAdmin(ReadOnlyModelAdmin):
    list_display = ["key", "version", "updated_at"]
