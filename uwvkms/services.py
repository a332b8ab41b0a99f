"""Writes of the organisation core."""

from django.db import models, transaction

from uwvkms.models import AuditEvent, User


def audit_event_record(
    *,
    event: str,
    actor: User | None,
    target: models.Model,
    changes: dict | None = None,
    reason: str = "",
) -> AuditEvent:
    """Record one change (dotted event name, e.g. ``audits.assignment.created``) in the event log.

    Called inside the caller's transaction, so the change and its record land together or not at
    all. `changes` maps a field to ``[old, new]``.
    """
    with transaction.atomic():
        return AuditEvent.objects.create(
            event=event,
            actor=actor,
            object_type=target._meta.label_lower,
            object_id=str(target.pk),
            object_repr=str(target)[:255],
            changes=changes or {},
            reason=reason,
        )
