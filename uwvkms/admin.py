"""/beheer/, Django's admin, reduced to what an administrator needs (issue 19 §2): the business
units and the reference data of the apps, and the accounts only to grant access to /beheer/
itself. Users and their roles are managed on the app's own Gebruikers pages (`uwvkms.users`),
which keep their history; the role groups are hidden here. Everything else changes only through
the application and is not registered. What an administrator changes here is recorded in the
event log, old → new (`uwvkms.security.AuditedAdmin`)."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult

from uwvkms.models import BusinessUnit, User
from uwvkms.security import AuditedAdmin

admin.site.site_header = _("uwvkms beheer")
admin.site.site_title = _("uwvkms beheer")
admin.site.index_title = _("Referentiegegevens en toegang tot beheer")


def _superusers_only(request) -> bool:
    """/beheer/ is for active superusers only (issue 19 §2), and only with a session verified by
    a code (`uwvkms.middleware.MfaRequiredMiddleware`, MFA_REQUIRED_FOR_ADMIN); staff status
    alone no longer opens it."""
    return request.user.is_active and request.user.is_superuser


admin.site.has_permission = _superusers_only
# Roles are groups, assigned with a reason on the Gebruikers pages, never here. The login
# lockouts (django-axes, lifted by themselves after AXES_COOLOFF_MINUTES or early with
# `manage.py axes_reset_username`) and the task queue's results are for the operator, not here.
for _model in (Group, AccessAttempt, AccessFailureLog, AccessLog, DBTaskResult):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For records that change only through the application, which keeps their history.

    No "Bekijk op site": the application's pages are for the roles that work with the record,
    not for the beheerder, who would be sent to a 403 or 404."""

    view_on_site = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BusinessUnit)
class BusinessUnitAdmin(AuditedAdmin):
    """The business units (reference data). Their name and abbreviation grant nothing: SBK and
    FEZ in herstelacties are roles (issue 19)."""

    list_display = ["name", "abbreviation", "has_execution_processes"]
    list_filter = ["has_execution_processes"]
    search_fields = ["name", "abbreviation"]

    def has_delete_permission(self, request, obj=None):
        # Units are referred to by every cycle, report and herstelactie.
        return False


@admin.register(User)
class UserAdmin(AuditedAdmin):
    """The accounts, only to grant or withdraw access to /beheer/ (staff, superuser). Name,
    e-mail, unit, roles and whether an account is active are changed on the Gebruikers pages
    (/gebruikers/), with a reason and in the history; accounts are made there and never
    deleted."""

    list_display = [
        "username",
        "first_name",
        "last_name",
        "business_unit",
        "is_active",
        "is_staff",
        "is_superuser",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    list_select_related = ["business_unit"]
    search_fields = ["username", "first_name", "last_name", "email"]
    fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "business_unit",
        "groups",
        "is_active",
        "last_login",
        "is_staff",
        "is_superuser",
    ]
    readonly_fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "business_unit",
        "groups",
        "is_active",
        "last_login",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# Authenticator secrets and recovery codes are nobody's to read, not even in the admin: a
# Beheerder resets someone's two-factor authentication through the app (uwvkms.mfa.mfa_reset).
def _otp_models_unregister() -> None:
    from django_otp.plugins.otp_static.models import StaticDevice  # noqa: PLC0415
    from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: PLC0415

    for model in (TOTPDevice, StaticDevice):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_otp_models_unregister()
