"""Deployment checks (`manage.py check --deploy`): settings that work on one process but break as
soon as there are several (gunicorn's workers already are)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from uwvkms.constants import Role


@register(Tags.security, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Sessions, the login lockout and the token throttle live in the cache: a cache in one
    process's memory lets a session logged out on one worker live on in another."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache lives in one process's memory; several workers or nodes do not share "
                "sessions, lockouts or throttles.",
                hint="Set CACHE_URL to a Redis every node uses (deploy/uwvkms.env.example).",
                id="uwvkms.W001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def proxy_hops_check(app_configs, **kwargs):
    """Behind a TLS proxy every request comes from the proxy: without a trusted hop the login
    lockout would count everyone as one client and lock a user out for all."""
    if settings.SECURE_PROXY_SSL_HEADER and settings.TRUSTED_PROXY_HOPS == 0:
        return [
            Warning(
                "BEHIND_TLS_PROXY is on but TRUSTED_PROXY_HOPS is 0: every client has the "
                "proxy's address.",
                hint="Set TRUSTED_PROXY_HOPS=1 behind nginx (2 with a load balancer in front).",
                id="uwvkms.W002",
            )
        ]
    return []


@register(Tags.security)
def mfa_roles_check(app_configs, **kwargs):
    """A misspelt role in MFA_REQUIRED_ROLES would silently leave that role without MFA."""
    unknown = [name for name in settings.MFA_REQUIRED_ROLES if name not in Role.values]
    if unknown:
        return [
            Error(
                f"MFA_REQUIRED_ROLES names unknown roles: {', '.join(unknown)}.",
                hint=f"Use the group names of the roles: {', '.join(Role.values)}.",
                id="uwvkms.E003",
            )
        ]
    return []


@register(Tags.security)
def oidc_group_roles_check(app_configs, **kwargs):
    """Every role OIDC_GROUP_ROLES names must exist: a typo would silently give nobody a role."""
    from uwvkms.sso import role_named  # noqa: PLC0415  (imports models: not at app loading)

    errors = []
    for group, role in settings.OIDC_GROUP_ROLES.items():
        try:
            role_named(role)
        except ValueError as exc:
            errors.append(Error(f"OIDC_GROUP_ROLES: group {group!r}: {exc}", id="uwvkms.E001"))
    return errors


@register(Tags.security, deploy=True)
def malware_scan_check(app_configs, **kwargs):
    """Uploads from sixteen units must be scanned (uwvkms.malware); scanning on without a
    scanner refuses every upload."""
    if not settings.MALWARE_SCAN:
        return [
            Warning(
                "MALWARE_SCAN is off: uploaded files are stored without a virus scan.",
                hint="Run clamd and set MALWARE_SCAN=1 with CLAMAV_SOCKET (or CLAMAV_HOST).",
                id="uwvkms.W003",
            )
        ]
    if not (settings.CLAMAV_SOCKET or settings.CLAMAV_HOST):
        return [
            Warning(
                "MALWARE_SCAN is on but no scanner is configured: every upload is refused.",
                hint="Set CLAMAV_SOCKET (e.g. /run/clamav/clamd.ctl) or CLAMAV_HOST/CLAMAV_PORT.",
                id="uwvkms.W004",
            )
        ]
    return []
