"""Writes of the organisation core."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from uwvkms.changes import plain
from uwvkms.events import API_TOKEN_CREATED, API_TOKEN_REFUSED, API_TOKEN_REVOKED, event_get
from uwvkms.models import ApiToken, AuditEvent, User, api_token_default_expiry
from uwvkms.observability import current_client, current_request_id
from uwvkms.tokens import PREFIX_LENGTH, token_hash, token_key_generate


def audit_event_record(
    *,
    event: str,
    actor: User | None,
    target: models.Model | None,
    changes: dict | None = None,
    reason: str = "",
    about: str = "",
) -> AuditEvent:
    """Record one change (dotted event name, e.g. ``audits.assignment.created``) in the event log.

    Called inside the caller's transaction, so the change and its record land together or not at
    all. `changes` maps a field to ``[old, new]`` (`uwvkms.changes.changes_between` builds it);
    its values are stored as plain JSON (`uwvkms.changes.plain`: dates as ISO text, amounts as
    exact text). `target` is None only for an event about something that is not a record (an
    unknown API token presented). `event` is a declared `uwvkms.events.Event` (or its name): an
    undeclared name is a programming error, refused here so that every event the log holds has a
    label. `about` names what the event is about when there is no `target` (a path that was
    refused, a username that failed to log in).

    The row also gets the request's id, client address and user agent
    (`uwvkms.observability`), all empty for a worker or a command.
    """
    if event_get(event) is None:
        raise ValueError(f"Undeclared event {event!r}: declare it in its app's events.py.")
    address, agent = current_client()
    with transaction.atomic():
        return AuditEvent.objects.create(
            event=str(event),
            actor=actor,
            object_type=target._meta.label_lower if target is not None else "",
            object_id=str(target.pk) if target is not None else "",
            object_repr=str(target)[:255] if target is not None else about[:255],
            changes=plain(changes or {}),
            reason=reason,
            request_id=current_request_id(),
            client_address=address,
            user_agent=agent,
        )


def active_set(*, actor: User, instance: models.Model, is_active: bool, on: str, off: str):
    """Take a list item out of use or back in (a document type, an interview question, a contact
    person): lock it, set `is_active`, record `on` or `off` with old → new. Setting what it already
    is stores nothing. The caller has authorised `actor` and runs this in its transaction."""
    instance = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if instance.is_active == is_active:
        return instance
    instance.is_active = is_active
    instance.save(update_fields=["is_active"])
    audit_event_record(
        event=on if is_active else off,
        actor=actor,
        target=instance,
        changes={"is_active": [not is_active, is_active]},
    )
    return instance


@transaction.atomic
def api_token_create(
    *, user: User, name: str, expires_at: datetime.datetime | None = None
) -> tuple[ApiToken, str]:
    """Create a personal API token for `user`; returns the token and its key.

    The key is returned this once and never stored: only its SHA-256 hash is. Without
    `expires_at` the token expires after `API_TOKEN_DEFAULT_DAYS` days."""
    now = timezone.now()
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Geef het token een naam.")})
    if expires_at is None:
        expires_at = api_token_default_expiry()
    if expires_at <= now:
        raise ValidationError({"expires_at": _("De vervaldatum moet in de toekomst liggen.")})
    if expires_at > now + datetime.timedelta(days=settings.API_TOKEN_MAX_DAYS):
        raise ValidationError(
            {
                "expires_at": _("Een token is hoogstens %(days)d dagen geldig.")
                % {"days": settings.API_TOKEN_MAX_DAYS}
            }
        )
    key = token_key_generate()
    token = ApiToken(
        user=user,
        name=name,
        key_hash=token_hash(key),
        prefix=key[:PREFIX_LENGTH],
        created_at=now,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit_event_record(
        event=API_TOKEN_CREATED,
        actor=user,
        target=token,
        changes={"expires_at": [None, expires_at.isoformat()]},
    )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoke a token of `actor`'s own; a revoked token is refused from then on."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != actor.pk:
        raise PermissionDenied
    if token.revoked_at is not None:
        raise ValidationError(_("Dit token is al ingetrokken."))
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_event_record(
        event=API_TOKEN_REVOKED,
        actor=actor,
        target=token,
        changes={"revoked_at": [None, token.revoked_at.isoformat()]},
    )
    return token


def api_token_used(*, token: ApiToken, now: datetime.datetime) -> None:
    """Note that a token was used; at most once a minute, so reads do not write every time."""
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def api_token_refusal_record(
    *, token: ApiToken | None, reason: str, prefix: str, address: str
) -> None:
    """Log a refused API token (unknown, malformed, expired, revoked, owner inactive)."""
    audit_event_record(
        event=API_TOKEN_REFUSED,
        actor=token.user if token is not None else None,
        target=token,
        changes={"reason": reason, "prefix": prefix, "address": address},
    )
