"""Login with a UWV account (OpenID Connect, issue 19 §1): the start, the provider's callback, the
refusal page and the logout that ends the provider's session too; and what the login page needs
to know (`LoginOptionsMixin`).

The start is mozilla-django-oidc's request view (state, nonce and PKCE kept in the session). The
callback is our own: it takes the state out of the session (once: a replayed or tampered state
finds nothing), lets `uwvkms.oidc.UwvOIDCBackend` exchange the code and check the tokens, and
answers every failure with a Dutch page instead of an error: nothing is logged in then, and
the failure is recorded in the event log as a failed login, with its reason and the user when
known (`uwvkms.security.oidc_login_failed`).
"""

import logging

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from uwvkms.middleware import LAST_SEEN, LOGIN_AT
from uwvkms.oidc import (
    BACKEND_PATH,
    REFUSAL_ATTRIBUTE,
    REFUSED_LOGIN_ATTRIBUTE,
    REFUSED_USER_ATTRIBUTE,
    ProviderUnavailable,
    UwvOIDCBackend,
    end_session_url,
    provider_metadata,
)
from uwvkms.security import oidc_login_failed
from uwvkms.sso import REFUSED_INACTIVE, REFUSED_NO_ROLE, local_login_enabled, oidc_enabled

logger = logging.getLogger(__name__)

REFUSED_FAILED = "failed"
REFUSED_UNAVAILABLE = "unavailable"


def _refusals() -> dict[str, tuple[int, str, str]]:
    """Refusal reason → HTTP status, title and explanation (Dutch, for the user)."""
    return {
        REFUSED_NO_ROLE: (
            403,
            _("Geen toegang tot uwvkms"),
            _(
                "U bent ingelogd bij UWV, maar uw UWV-account geeft u geen rol in uwvkms "
                "(de Interne Toets KMS en de herstelacties). Zonder rol kunt u de toepassing "
                "niet gebruiken. Vraag de functioneel beheerder van uwvkms of uw leidinggevende "
                "om u aan de juiste groep toe te voegen en log daarna opnieuw in."
            ),
        ),
        REFUSED_INACTIVE: (
            403,
            _("Uw account is gedeactiveerd"),
            _(
                "Uw account in uwvkms is gedeactiveerd; u kunt niet inloggen. Neem contact op "
                "met de functioneel beheerder van uwvkms als u denkt dat dit niet klopt."
            ),
        ),
        REFUSED_FAILED: (
            400,
            _("Inloggen met uw UWV-account is niet gelukt"),
            _(
                "De inlogpoging was ongeldig of verlopen, of kon niet worden gecontroleerd. "
                "U bent niet ingelogd. Probeer het opnieuw vanaf de inlogpagina."
            ),
        ),
        REFUSED_UNAVAILABLE: (
            503,
            _("De inlogdienst van UWV is niet bereikbaar"),
            _("Inloggen met uw UWV-account lukt nu niet. Probeer het over enkele minuten opnieuw."),
        ),
    }


def refused(request, reason: str):
    """The Dutch page for a refused login with a UWV account; nothing stays logged in."""
    # Also ends a session whose user can no longer log in (deactivated): it keeps their id.
    auth.logout(request)
    status, title, explanation = _refusals()[reason]
    return render(
        request,
        "registration/oidc_refused.html",
        {"title": title, "explanation": explanation},
        status=status,
    )


def _failed(request, refusal: str, reason: str, detail: str, *, user=None, username: str = ""):
    """Record the failed login in the event log (`uwvkms.security.oidc_login_failed`: `reason`
    and `detail` for the log, the user when known), then answer with the `refusal` page."""
    oidc_login_failed(request, reason=reason, detail=detail, user=user, username=username)
    return refused(request, refusal)


@method_decorator(login_not_required, name="dispatch")
class OidcLoginStartView(OIDCAuthenticationRequestView):
    """Send the user to the identity provider (authorisation code flow, PKCE, state, nonce)."""

    def __init__(self, **kwargs):
        # The parent reads the endpoint from the settings; it is discovered in get().
        View.__init__(self, **kwargs)

    def get(self, request):
        if not oidc_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_metadata()["authorization_endpoint"]
        except ProviderUnavailable as exc:
            logger.warning("OpenID Connect login not started: %s", exc)
            return refused(request, REFUSED_UNAVAILABLE)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


@login_not_required
def oidc_callback(request):
    """The provider sends the user back here with a code and the state of their login."""
    if not oidc_enabled():
        raise Http404
    states = request.session.get("oidc_states")
    state = request.GET.get("state", "")
    entry = states.pop(state, None) if isinstance(states, dict) and state else None
    if entry is None:
        logger.warning("OpenID Connect callback with an unknown state refused")
        return _failed(request, REFUSED_FAILED, "state", "unknown, used or tampered state")
    request.session["oidc_states"] = states  # the state is used up: a replay finds nothing
    if request.GET.get("error") or not request.GET.get("code"):
        error = request.GET.get("error", "")[:100]
        logger.info("OpenID Connect login ended at the provider: %s", error)
        return _failed(request, REFUSED_FAILED, "provider_error", error or "no code")
    try:
        user = UwvOIDCBackend().authenticate(
            request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
        )
    except ProviderUnavailable as exc:
        logger.warning("OpenID Connect login failed: %s", exc)
        return _failed(request, REFUSED_UNAVAILABLE, "unavailable", str(exc))
    except (SuspiciousOperation, requests.RequestException, jwt.InvalidTokenError) as exc:
        logger.warning("OpenID Connect login refused: %s", exc)
        return _failed(request, REFUSED_FAILED, "token", f"{type(exc).__name__}: {exc}")
    if user is None:
        reason = getattr(request, REFUSAL_ATTRIBUTE, REFUSED_FAILED)
        return _failed(
            request,
            reason,
            reason,
            "",
            user=getattr(request, REFUSED_USER_ATTRIBUTE, None),
            username=getattr(request, REFUSED_LOGIN_ATTRIBUTE, ""),
        )
    next_url = request.session.pop("oidc_login_next", None)
    auth.login(request, user, backend=BACKEND_PATH)
    now = timezone.now().isoformat()
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now
    return HttpResponseRedirect(next_url or resolve_url(settings.LOGIN_REDIRECT_URL))


class LogoutView(auth_views.LogoutView):
    """Django's logout (POST only); a user who came through the provider is then sent to the
    provider's logout (RP-initiated logout), which ends their session there and sends them back
    to the login page."""

    def post(self, request, *args, **kwargs):
        provider_logout = end_session_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider_logout) if provider_logout else response


class LoginOptionsMixin:
    """For the login page: offers "Inloggen met UWV-account" when it is configured, and the
    password form only while local accounts may log in (a posted password is refused else)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc_enabled()
        context["local_login_enabled"] = local_login_enabled()
        return context

    def post(self, request, *args, **kwargs):
        if not local_login_enabled():
            # The form is neither validated nor shown: no password is checked at all.
            context = self.get_context_data(local_login_refused=True)
            return self.render_to_response(context, status=403)
        return super().post(request, *args, **kwargs)
