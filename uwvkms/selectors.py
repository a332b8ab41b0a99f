"""Reads of the organisation core."""

from django.db.models import QuerySet

from uwvkms.constants import Role
from uwvkms.models import ApiToken, AuditEvent, BusinessUnit, User


def users_with_role(role: Role) -> QuerySet[User]:
    """Active users holding `role`, with their unit."""
    return (
        User.objects.filter(is_active=True, groups__name=role.value)
        .select_related("business_unit")
        .distinct()
    )


def business_units() -> QuerySet[BusinessUnit]:
    return BusinessUnit.objects.all()


def audit_events_for(obj) -> QuerySet[AuditEvent]:
    """The event log of one object, newest first."""
    return AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """A user's own API tokens, newest first; the only way views reach a token."""
    return ApiToken.objects.filter(user=user)
