"""Middleware of the core: session timeouts (an idle timeout and an absolute one counted from
login), the refusal of plain-HTTP API requests, no-store on every answer to a logged-in user,
and the two-factor requirement."""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from uwvkms.api.exceptions import is_api_request, problem_response
from uwvkms.mfa import mfa_has_device, mfa_required_for

LOGIN_AT = "uwvkms_login_at"
LAST_SEEN = "uwvkms_last_seen"


class SessionTimeoutMiddleware:
    """Log the user out after `SESSION_IDLE_TIMEOUT` without a request, or `SESSION_ABSOLUTE_TIMEOUT`
    after login, whatever happens in between. The session store's own expiry enforces the idle
    timeout too; this middleware makes both explicit and tells the user why.

    Must come after MessageMiddleware (it leaves a message) and AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now()
            if LOGIN_AT not in request.session:
                # A session without a login time (force_login, or one from before this
                # middleware) starts its absolute timeout now; the idle check still applies.
                request.session[LOGIN_AT] = now.isoformat()
            if _expired(request.session, now):
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                return redirect_to_login(request.get_full_path())
            if _touch_due(request.session, now):
                request.session[LAST_SEEN] = now.isoformat()
        return self.get_response(request)


def _touch_due(session, now: datetime) -> bool:
    """Whether "last seen" is old enough to be written again. Writing it on every request would
    save the session (a database row) on every page view; once per SESSION_TOUCH_SECONDS keeps
    the idle timeout exact to within that interval and the store quiet."""
    last_seen = _parse(session.get(LAST_SEEN))
    if last_seen is None:
        return True
    return (now - last_seen).total_seconds() >= settings.SESSION_TOUCH_SECONDS


class ApiRequiresHttpsMiddleware:
    """Refuse an API request over plain HTTP with problem details (403) where the rest of the app
    redirects to HTTPS: a redirect would not protect a token that has already crossed the
    network in the clear, and an API client should fail loudly rather than follow it.

    Active where the SSL redirect is (production); placed before SecurityMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SECURE_SSL_REDIRECT and is_api_request(request) and not request.is_secure():
            return problem_response(
                request,
                403,
                "https_required",
                _(
                    "De API is alleen via HTTPS bereikbaar. Een token dat via HTTP is verstuurd, "
                    "moet u intrekken en vervangen."
                ),
            )
        return self.get_response(request)


def _expired(session, now: datetime) -> bool:
    login_at = _parse(session.get(LOGIN_AT))
    last_seen = _parse(session.get(LAST_SEEN, now.isoformat()))
    if login_at is None or last_seen is None:
        # An unreadable timestamp must not extend a session: fail closed.
        return True
    return (
        now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT
        or now - last_seen > settings.SESSION_IDLE_TIMEOUT
    )


def _parse(value: str | None) -> datetime | None:
    """An aware datetime from an ISO string, or None if it is missing or not one."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    # A naive value cannot be compared with timezone.now(); treat it as unreadable.
    return parsed if timezone.is_aware(parsed) else None


class NoStoreForAuthenticatedMiddleware:
    """Every answer to a logged-in user (pages, exports, PDFs, API answers, with a session or a
    token) carries `Cache-Control: no-store`: it holds personal or confidential data that no
    browser or proxy may keep. A weaker value a view set (`private, max-age=…`) is replaced; one
    that already says no-store is kept. Static files and anonymous pages stay cacheable.

    Sits high in MIDDLEWARE (right below WhiteNoise), so it also sees what later middleware
    answer; it reads `request.user` on the way out, once AuthenticationMiddleware or DRF's token
    authentication has set it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not _says_no_store(response):
            response["Cache-Control"] = "no-store"
            # An Expires date would otherwise still allow a cache to keep the answer.
            del response["Expires"]
        return response


def _says_no_store(response) -> bool:
    directives = response.get("Cache-Control", "").split(",")
    return any(d.strip().lower() == "no-store" for d in directives)


def mfa_exempt(view):
    """Mark a view every logged-in user reaches, whatever their second factor (logging out)."""
    view.mfa_exempt = True
    return view


def mfa_setup_page(view):
    """Mark a page of the set-up of the second factor: a user who must use one and has none yet
    reaches it (and nothing else) before it is done."""
    view.mfa_setup_page = True
    return view


class MfaRequiredMiddleware:
    """Hold a logged-in user who must use a second factor (`uwvkms.mfa.mfa_required_for`, and
    everyone on /beheer/ with MFA_REQUIRED_FOR_ADMIN) to a session verified by one: without an
    authenticator they are sent to set it up and reach nothing else (an API call with the
    session is refused); a session that has not given a code although the user has an
    authenticator (none comes from the login page) is logged out, also on the set-up pages (it
    must not replace the authenticator). Logging out (`mfa_exempt`), everything without a
    session (static files, health probes, API tokens, the login pages) and a login with a UWV
    account (its second factor is the identity provider's: MFA_VERIFIED_BY_BACKENDS) are not
    held.

    After AuthenticationMiddleware and django-otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or getattr(view_func, "mfa_exempt", False):
            return None
        if request.session.get(BACKEND_SESSION_KEY) in settings.MFA_VERIFIED_BY_BACKENDS:
            return None
        setup_page = getattr(view_func, "mfa_setup_page", False)
        on_admin = request.path.startswith(reverse("admin:index"))
        required = mfa_required_for(user) or (on_admin and settings.MFA_REQUIRED_FOR_ADMIN)
        if not (required or setup_page):
            return None
        is_verified = getattr(user, "is_verified", None)
        if is_verified is not None and is_verified():
            return None
        if mfa_has_device(user):
            logout(request)
            messages.info(request, _("Log opnieuw in met uw wachtwoord en verificatiecode."))
            return redirect_to_login(request.get_full_path())
        if setup_page:
            return None
        if is_api_request(request):
            return problem_response(
                request,
                403,
                "mfa_required",
                _("Stel eerst tweestapsverificatie in op uw profiel, of gebruik een API-token."),
            )
        messages.warning(
            request,
            _("Voor uw account is tweestapsverificatie verplicht. Stel die eerst in."),
        )
        return redirect(reverse("mfa_setup"))
