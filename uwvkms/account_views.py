"""Views of one's own account (issue 19 §1): the login's second step, the two-factor pages of
/profiel/ and the password pages (change, reset by e-mail).

A login of a user with an authenticator takes two steps: the password (uwvkms.views.LoginView)
puts the user "pending" in the session, and only a right code here logs them in. A wrong code
counts for the login lockout like a wrong password (django-axes), and a locked user or address
gets the lockout page here too.
"""

import datetime

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from uwvkms.account_forms import (
    MfaCodeForm,
    MfaConfirmForm,
    MfaDisableForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
)
from uwvkms.forms import add_service_errors, posted_data
from uwvkms.mfa import (
    mfa_device_verified,
    mfa_disable,
    mfa_has_device,
    mfa_recovery_codes_regenerate,
    mfa_required_for,
    mfa_totp_enable,
    recovery_codes_left,
    totp_config_url,
    totp_device_of,
    totp_qr_svg,
    totp_secret_new,
    totp_secret_text,
)
from uwvkms.middleware import LAST_SEEN, LOGIN_AT, mfa_setup_page
from uwvkms.passwords import password_change, password_reset_finish

PENDING = "uwvkms_mfa_pending"
SETUP_KEY = "uwvkms_mfa_setup_key"


def _safe_next(request, url: str | None) -> str:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def login_session_start(request) -> None:
    """A login completed: the absolute session timeout counts from now."""
    now = timezone.now().isoformat()
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now


def mfa_login_start(request, user, *, next_url: str):
    """The password was right for a user with an authenticator: the code step comes next. The
    user is not logged in yet; the session only remembers who, for MFA_LOGIN_SECONDS."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "at": timezone.now().isoformat(),
        "next": next_url,
    }
    return redirect("login_code")


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not isinstance(pending, dict):
        return None, None
    try:
        started = datetime.datetime.fromisoformat(pending["at"])
    except (KeyError, TypeError, ValueError):
        return None, None
    if timezone.now() - started > datetime.timedelta(seconds=settings.MFA_LOGIN_SECONDS):
        return None, None
    user = get_user_model().objects.filter(pk=pending.get("user"), is_active=True).first()
    return user, pending


@login_not_required
def login_code(request):
    """The second step of a login: a code from the authenticator app or a recovery code."""
    user, pending = _pending_user(request)
    if user is None:
        request.session.pop(PENDING, None)
        messages.info(request, _("Log opnieuw in."))
        return redirect("login")
    credentials = {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        request.session.pop(PENDING, None)
        return get_lockout_response(request, credentials=credentials)
    form = MfaCodeForm(posted_data(request))
    if form.is_valid():
        device = mfa_device_verified(user=user, code=form.cleaned_data["code"])
        if device is None:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                request.session.pop(PENDING, None)
                return get_lockout_response(request, credentials=credentials)
            form.add_error("code", _("Deze code klopt niet. Probeer het opnieuw."))
        else:
            request.session.pop(PENDING, None)
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            login_session_start(request)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _(
                        "U heeft een herstelcode gebruikt; er zijn er nog %(n)d. Maak nieuwe "
                        "aan op uw profiel als u ze bijna op heeft."
                    )
                    % {"n": recovery_codes_left(user)},
                )
            return redirect(_safe_next(request, pending.get("next")))
    return render(request, "registration/login_code.html", {"form": form})


# --- /profiel/tweestapsverificatie/ -------------------------------------------------------------


def _no_store(response):
    # A secret or recovery codes must not linger in a cache.
    add_never_cache_headers(response)
    return response


@mfa_setup_page
def mfa_overview(request):
    """The user's two-factor status: set up or not, recovery codes left, what they can do."""
    return render(
        request,
        "uwvkms/mfa_overview.html",
        {
            "has_device": mfa_has_device(request.user),
            "required": mfa_required_for(request.user),
            "codes_left": recovery_codes_left(request.user),
        },
    )


def _recovery_codes_page(request, codes: list[str], *, first_time: bool):
    return _no_store(
        render(
            request,
            "uwvkms/mfa_recovery_codes.html",
            {"codes": codes, "first_time": first_time},
        )
    )


@mfa_setup_page
def mfa_setup(request):
    """Set up the authenticator app: a QR code and the same secret as text (for typing it in),
    then a code from the app to confirm. The secret stays in the session until then."""
    key = request.session.get(SETUP_KEY)
    if not key:
        key = request.session[SETUP_KEY] = totp_secret_new()
    form = MfaConfirmForm(posted_data(request))
    if form.is_valid():
        try:
            codes = mfa_totp_enable(user=request.user, key=key, code=form.cleaned_data["code"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            request.session.pop(SETUP_KEY, None)
            # The code just typed proves the second factor: this session counts as verified.
            otp_login(request, totp_device_of(request.user))
            return _recovery_codes_page(request, codes, first_time=True)
    url = totp_config_url(request.user, key)
    return _no_store(
        render(
            request,
            "uwvkms/mfa_setup.html",
            {
                "form": form,
                "qr_svg": totp_qr_svg(url, title=_("QR-code voor uw authenticator-app")),
                "secret": totp_secret_text(key),
                "has_device": mfa_has_device(request.user),
                "required": mfa_required_for(request.user),
            },
        )
    )


@mfa_setup_page
@require_POST
def mfa_recovery_codes(request):
    """New recovery codes, shown once; the old ones stop working."""
    try:
        codes = mfa_recovery_codes_regenerate(user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("mfa_overview")
    return _recovery_codes_page(request, codes, first_time=False)


@mfa_setup_page
def mfa_switch_off(request):
    """Switch the second factor off (asks the password); not offered where it is required. A
    wrong password counts for the login lockout, as on the password change page (a session left
    open is no way to guess it), and a locked user gets the lockout page."""
    credentials = {settings.AXES_USERNAME_FORM_FIELD: request.user.get_username()}
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, credentials=credentials)
    form = MfaDisableForm(posted_data(request), user=request.user)
    if form.is_bound and not form.is_valid() and form.password_wrong:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    if form.is_valid():
        try:
            mfa_disable(user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Tweestapsverificatie is uitgeschakeld."))
        return redirect("mfa_overview")
    return render(
        request,
        "uwvkms/mfa_disable.html",
        {"form": form, "required": mfa_required_for(request.user)},
        status=400 if form.is_bound else 200,
    )


# --- passwords ----------------------------------------------------------------------------------


def password_change_view(request):
    """Change one's own password: the current one asked, the new one validated. A wrong current
    password counts for the login lockout (a session left open is no way to guess it)."""
    credentials = {settings.AXES_USERNAME_FORM_FIELD: request.user.get_username()}
    if request.method == "POST" and not AxesProxyHandler.is_allowed(request, credentials):
        return get_lockout_response(request, credentials=credentials)
    form = PasswordChangeForm(posted_data(request))
    if form.is_valid():
        try:
            password_change(
                user=request.user,
                current_password=form.cleaned_data["old_password"],
                password=form.cleaned_data["new_password1"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            if "old_password" in getattr(exc, "error_dict", {}):
                user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        else:
            # This session stays; the user's other sessions end.
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Uw wachtwoord is gewijzigd."))
            return redirect("profile")
    return render(
        request,
        "uwvkms/password_change.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


class PasswordResetView(auth_views.PasswordResetView):
    """Ask a reset link by e-mail; the answer is the same whether the address is known."""

    form_class = PasswordResetRequestForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from a reset link, through the service (validated, recorded)."""

    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        try:
            password_reset_finish(user=self.user, password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return redirect(self.get_success_url())
