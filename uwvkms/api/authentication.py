"""Personal API tokens: `Authorization: Bearer <key>`.

A refused token (unknown, expired, revoked, or its owner deactivated) answers 401 and is written to
the event log. Failures are counted per client address (behind the proxy: `uwvkms.proxy`) in the
shared cache, so every node counts together; past `API_AUTH_FAILURE_LIMIT` within
`API_AUTH_FAILURE_WINDOW_SECONDS` a *refused* token from that address gets 429 until the window
ends, and is no longer logged one by one.

A valid token is always accepted, whatever others sent from the same address: integrations often
share an address (a NAT, a proxy), and twenty bogus tokens from anyone must not lock them all out.
The keys carry 256 random bits, so the throttle is not what stops guessing; it keeps a flood of
bad tokens out of the event log and tells a misconfigured client to stop."""

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from uwvkms.models import ApiToken
from uwvkms.proxy import client_ip
from uwvkms.services import api_token_refusal_record, api_token_used
from uwvkms.tokens import token_hash

KEYWORD = b"bearer"


class TooManyAuthenticationFailures(exceptions.Throttled):
    default_detail = _("Te veel mislukte aanmeldpogingen met een token. Probeer het later opnieuw.")


def _failure_key(address: str) -> str:
    return f"uwvkms:api-auth-failures:{address}"


def _failures(address: str) -> int:
    return cache.get(_failure_key(address), 0)


def _count_failure(address: str) -> None:
    key = _failure_key(address)
    window = settings.API_AUTH_FAILURE_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:
        # The entry expired between add and incr: this failure opens a new window.
        cache.add(key, 1, timeout=window)


class ApiTokenAuthentication(BaseAuthentication):
    """Authenticate a request by a personal API token (see `uwvkms.models.ApiToken`)."""

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != KEYWORD:
            return None
        address = client_ip(request) or "onbekend"
        if len(header) != 2:
            self._refuse(address, None, "malformed", "")
        try:
            key = header[1].decode("ascii")
        except UnicodeDecodeError:
            self._refuse(address, None, "malformed", "")
        token = (
            ApiToken.objects.select_related("user", "user__business_unit")
            .filter(key_hash=token_hash(key))
            .first()
        )
        if token is None:
            self._refuse(address, None, "unknown", key[:12])
        now = timezone.now()
        status = token.status_at(now)
        if status != "actief":
            reason = {"ingetrokken": "revoked", "verlopen": "expired"}[status]
            self._refuse(address, token, reason, token.prefix)
        if not token.user.is_active:
            self._refuse(address, token, "user_inactive", token.prefix)
        api_token_used(token=token, now=now)
        return (token.user, token)

    def authenticate_header(self, request):
        # Makes DRF answer 401 (not 403) to a request without credentials.
        return 'Bearer realm="api"'

    def _refuse(self, address: str, token: ApiToken | None, reason: str, prefix: str):
        if _failures(address) >= settings.API_AUTH_FAILURE_LIMIT:
            raise TooManyAuthenticationFailures(wait=settings.API_AUTH_FAILURE_WINDOW_SECONDS)
        _count_failure(address)
        api_token_refusal_record(token=token, reason=reason, prefix=prefix, address=address)
        messages = {
            "revoked": _("Dit token is ingetrokken."),
            "expired": _("Dit token is verlopen."),
        }
        raise exceptions.AuthenticationFailed(messages.get(reason, _("Ongeldig token.")))
