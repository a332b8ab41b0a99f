"""The security log (BIO 8.15, ASVS 16): what the event log records beside the changes that
services record. Every row goes through `uwvkms.services.audit_event_record`, so it carries the
request id, the client address and the user agent like every other row.

- Logins, failed logins, lockouts (django-axes) and logouts: the auth signals, connected in
  `UwvkmsConfig.ready()`.
- Refused access: every 403, and every 404 of a URL that exists (an object the user may not see
  or that is not there), by `RefusalLogMiddleware`; rate-limited per user and path, so a crawler
  cannot flood the log (the request log line still has every one).
- Reads of sensitive data: a view that hands out a confidential file or an export ends with
  ``return record_download(request, response, target=...)`` or `record_export(...)`.
- Administrator changes in /beheer/: `AuditedAdmin`, a ModelAdmin mixin recording old → new.
"""

import hashlib
import re

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.db import models

from uwvkms.changes import changes_between
from uwvkms.events import (
    ACCESS_REFUSED,
    ADMIN_ADDED,
    ADMIN_CHANGED,
    ADMIN_DELETED,
    DATA_EXPORTED,
    FILE_DOWNLOADED,
    LOGGED_OUT,
    LOGIN_FAILED,
    LOGIN_LOCKED_OUT,
    LOGIN_SUCCEEDED,
)
from uwvkms.models import User
from uwvkms.observability import loggable_path
from uwvkms.proxy import client_ip
from uwvkms.services import audit_event_record

# Fields whose value never goes into the log: a change shows as "gewijzigd".
SECRET_FIELDS = frozenset({"password"})
SECRET_CHANGED = ["•••", "gewijzigd"]
_FILENAME = re.compile(r'filename="([^"]*)"')


def _actor(request) -> User | None:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def within_limit(key: str, limit: int, *, seconds: int = 60) -> bool:
    """Whether the `limit`-th use of `key` in this window (`seconds`, in the shared cache) has not
    been passed yet; counts this use. The same count holds on every node (the cache is shared)."""
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        count = 1
    return count <= limit


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


# --- logins -------------------------------------------------------------------------------------


def login_succeeded(sender, request, user, **kwargs) -> None:
    """`user_logged_in`: a web login (also the test client's force_login)."""
    audit_event_record(event=LOGIN_SUCCEEDED, actor=user, target=user)


def logged_out(sender, request, user, **kwargs) -> None:
    """`user_logged_out`: the user logged out (or a timeout logged them out)."""
    if user is not None:
        audit_event_record(event=LOGGED_OUT, actor=user, target=user)


def login_failed(sender, credentials, request=None, **kwargs) -> None:
    """`user_login_failed`: a wrong password, an unknown or inactive username, or an attempt
    during a lockout. The username tried is recorded (never the password: Django masks it);
    the user it names is the target when there is one. At most LOGIN_FAILURES_LOGGED per
    minute per address and username."""
    username = str(credentials.get("username", ""))[:150]
    address = client_ip(request) if request is not None else None
    if not within_limit(
        f"seclog:login-failed:{address}:{_digest(username)}", settings.SECURITY_LOG_LOGIN_LIMIT
    ):
        return
    user = User.objects.filter(username=username).first() if username else None
    audit_event_record(
        event=LOGIN_FAILED,
        actor=None,
        target=user,
        about=username,
        changes={"username": username},
    )


def oidc_login_failed(
    request, *, reason: str, detail: str = "", user: User | None = None, username: str = ""
) -> None:
    """A refused login with a UWV account (`uwvkms.oidc_views.oidc_callback`): recorded as the
    same failed login as a wrong password, with how it came (``method: oidc``), the `reason` (a
    name: ``state``, ``provider_error``, ``token``, ``unavailable``, ``inactive``, ``no_role``,
    ``failed``) and its `detail` (the check that failed, never a token), and the user when known
    (the target) or the user name the provider gave. Rate-limited like a wrong password: at most
    SECURITY_LOG_LOGIN_LIMIT a minute per address and user name."""
    username = (username or (user.username if user is not None else ""))[:150]
    if not within_limit(
        f"seclog:login-failed:{client_ip(request)}:{_digest(username)}",
        settings.SECURITY_LOG_LOGIN_LIMIT,
    ):
        return
    audit_event_record(
        event=LOGIN_FAILED,
        actor=None,
        target=user,
        about=username,
        changes={"username": username, "method": "oidc", "reason": reason},
        reason=detail[:500],
    )


def locked_out(sender, request, username, ip_address, **kwargs) -> None:
    """django-axes' `user_locked_out`: too many failures for this username from this address;
    sent again on every attempt during the lockout, so rate-limited like failures."""
    username = str(username or "")[:150]
    if not within_limit(
        f"seclog:locked-out:{ip_address}:{_digest(username)}", settings.SECURITY_LOG_LOGIN_LIMIT
    ):
        return
    user = User.objects.filter(username=username).first() if username else None
    audit_event_record(
        event=LOGIN_LOCKED_OUT,
        actor=None,
        target=user,
        about=username,
        changes={"username": username},
    )


# --- refused access -----------------------------------------------------------------------------


def refusal_record(request, status: int) -> None:
    """Record that `request` was refused (403) or asked for an object it did not get (404), at
    most SECURITY_LOG_REFUSALS_PER_PATH times a minute per user (or address) and path, and
    SECURITY_LOG_REFUSALS_PER_USER times a minute per user across paths."""
    actor = _actor(request)
    who = f"u{actor.pk}" if actor is not None else f"a{client_ip(request)}"
    path = loggable_path(request)[:255]  # a one-time link's secret masked
    if not within_limit(
        f"seclog:refused:{who}:{_digest(path)}", settings.SECURITY_LOG_REFUSALS_PER_PATH
    ) or not within_limit(f"seclog:refused:{who}", settings.SECURITY_LOG_REFUSALS_PER_USER):
        return
    audit_event_record(
        event=ACCESS_REFUSED,
        actor=actor,
        target=None,
        about=path,
        changes={"status": status, "method": request.method, "path": path},
    )


class RefusalLogMiddleware:
    """Record every 403, and every 404 of a URL that resolved to a view (the object-level 404:
    an object the user may not see or that does not exist; an unknown URL is not one), in the
    event log with user and path (`refusal_record`). After AuthenticationMiddleware: it needs
    the user. An API view's user (a token) is known here too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        status = response.status_code
        if status == 403 or (status == 404 and request.resolver_match is not None):
            refusal_record(request, status)
        return response


# --- reads of sensitive data --------------------------------------------------------------------


def _download_record(request, response, event, target, what: str) -> None:
    found = _FILENAME.search(response.get("Content-Disposition", ""))
    changes = {"file": found.group(1) if found else "", "path": request.path[:255]}
    if what:
        changes["what"] = what
    audit_event_record(
        event=event, actor=_actor(request), target=target, about=what, changes=changes
    )


def record_download(request, response, *, target: models.Model, what: str = ""):
    """Record that the user downloads a confidential file about `target` (an evidence file, an
    interview record, a unit report, a published version) and return `response` as it is. The
    file name comes from the response's Content-Disposition. Only a successful answer counts."""
    if response.status_code == 200:
        _download_record(request, response, FILE_DOWNLOADED, target, what)
    return response


def record_export(request, response, *, target: models.Model | None = None, what: str = ""):
    """Record that the user exports data (`what`: which export; `target`: the object it is of,
    e.g. the cycle, or None for a list across objects) and return `response` as it is."""
    if response.status_code == 200:
        _download_record(request, response, DATA_EXPORTED, target, what)
    return response


# --- administrator changes in /beheer/ ----------------------------------------------------------


def _snapshot(instance: models.Model, names) -> dict:
    """The values of the named model fields of `instance`, many-to-many ones as their texts."""
    values = {}
    for field in instance._meta.get_fields():
        if field.name not in names or not (field.concrete or field.many_to_many):
            continue
        if field.many_to_many:
            values[field.name] = sorted(str(item) for item in getattr(instance, field.name).all())
        elif field.is_relation:
            values[field.name] = getattr(instance, field.attname)
        else:
            values[field.name] = getattr(instance, field.name)
    return values


def _masked(changes: dict) -> dict:
    return {key: SECRET_CHANGED if key in SECRET_FIELDS else pair for key, pair in changes.items()}


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose additions, changes and deletions in /beheer/ land in the event log
    (ADMIN_ADDED / ADMIN_CHANGED / ADMIN_DELETED) with old → new for the fields of its form,
    many-to-many ones (a user's groups, i.e. roles) included; a password shows as changed only.
    The admin's change view runs in a transaction: the change and its record land together."""

    def save_model(self, request, obj, form, change):
        names = set(form.fields) | SECRET_FIELDS
        before = _snapshot(type(obj)._default_manager.get(pk=obj.pk), names) if change else {}
        super().save_model(request, obj, form, change)
        form._seclog_before = before  # the many-to-many fields are saved in save_related

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        instance = form.instance
        after = _snapshot(instance, set(form.fields) | SECRET_FIELDS)
        changes = _masked(changes_between(getattr(form, "_seclog_before", {}), after))
        if change and not changes:
            return
        audit_event_record(
            event=ADMIN_CHANGED if change else ADMIN_ADDED,
            actor=request.user,
            target=instance,
            changes=changes,
        )

    def delete_model(self, request, obj):
        self._deletion_record(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._deletion_record(request, obj)
        super().delete_queryset(request, queryset)

    def _deletion_record(self, request, obj) -> None:
        names = {f.name for f in obj._meta.get_fields()} - SECRET_FIELDS
        before = _snapshot(obj, names)
        audit_event_record(
            event=ADMIN_DELETED,
            actor=request.user,
            target=obj,
            changes=changes_between(before, {}),
        )
