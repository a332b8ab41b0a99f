"""Request rates of the API (issue 19 §4): per user (token or session) and per anonymous client
address, counted in the shared cache (Redis in production, so every node counts together);
beyond them 429 with Retry-After.

DRF's own throttles take the address from X-Forwarded-For as the client sends it; these use the
trusted-proxy client address (`uwvkms.proxy.client_ip`) and read their rates from the settings
(`API_THROTTLE_RATES`) at each request. DRF checks throttles only after the permissions, and
every endpoint needs a login, so a request without one would be refused (401) before any
throttle counted it: the anonymous rate is therefore counted by the last authentication class,
which lets nobody in but refuses an address over its rate first."""

from django.conf import settings
from rest_framework import exceptions, throttling
from rest_framework.authentication import BaseAuthentication

from uwvkms.proxy import client_ip


class UserThrottle(throttling.UserRateThrottle):
    """`API_THROTTLE_RATES["user"]` requests per logged-in user."""

    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]

    def get_ident(self, request):
        return client_ip(request) or "onbekend"


class AnonymousAddressThrottle(throttling.SimpleRateThrottle):
    """`API_THROTTLE_RATES["anon"]` requests per client address that come without a login."""

    scope = "anon"

    def get_rate(self):
        return settings.API_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view):
        # Asked while the login is being determined: never touches request.user.
        return self.cache_format % {
            "scope": self.scope,
            "ident": client_ip(request) or "onbekend",
        }


class AnonymousRateAuthentication(BaseAuthentication):
    """The last of the authentication classes: reached only by a request no other class
    logged in. Logs nobody in; refuses (429) an address over the anonymous rate, before the
    permissions answer 401."""

    def authenticate(self, request):
        throttle = AnonymousAddressThrottle()
        if not throttle.allow_request(request, None):
            raise exceptions.Throttled(throttle.wait())
        return None
