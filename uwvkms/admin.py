from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from uwvkms.events import ADMIN_CHANGED
from uwvkms.models import ApiToken, AuditEvent, BusinessUnit, User
from uwvkms.security import SECRET_CHANGED, AuditedAdmin
from uwvkms.services import audit_event_record


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For records that change only through the application, which keeps their history.

    No "Bekijk op site": the application's pages are for the roles that work with the record,
    not for the beheerder, who would be sent to a 403 or 404."""

    view_on_site = False

    def get_queryset(self, request):
        # Withdrawn records (uwvkms.withdrawal) are records too: the beheerder sees them, with
        # who withdrew them and why, where the default manager leaves them out.
        model = self.model
        if hasattr(model, "with_withdrawn"):
            queryset = model.with_withdrawn.get_queryset()
            ordering = self.get_ordering(request)
            return queryset.order_by(*ordering) if ordering else queryset
        return super().get_queryset(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BusinessUnit)
class BusinessUnitAdmin(AuditedAdmin):
    list_display = ["name", "abbreviation", "has_execution_processes"]
    list_filter = ["has_execution_processes"]
    search_fields = ["name", "abbreviation"]


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "business_unit", "is_active"]
    list_filter = ["business_unit", "groups", "is_active"]
    list_select_related = ["business_unit"]
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Organisatie"), {"fields": ["business_unit"]}),
    )

    def user_change_password(self, request, id, form_url=""):
        # Django's password form saves outside save_model: record it here, never the hash.
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            audit_event_record(
                event=ADMIN_CHANGED,
                actor=request.user,
                target=self.get_object(request, unquote(id)),
                changes={"password": SECRET_CHANGED},
            )
        return response


# Roles are groups: a change of a group's permissions is an administrator change too.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdmin, DjangoGroupAdmin):
    pass


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyModelAdmin):
    """The event log is never edited."""

    list_display = ["occurred_at", "event", "actor", "object_repr", "client_address"]
    list_filter = ["event"]
    search_fields = ["request_id", "object_repr"]
    list_select_related = ["actor"]


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyModelAdmin):
    """Personal API tokens, to see who has which; their owners make and revoke them on their
    profile page. The key itself is never stored."""

    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    exclude = ["key_hash"]
