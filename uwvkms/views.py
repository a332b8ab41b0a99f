"""Views of the organisation core: login, home, profile, notifications and the error pages."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST, require_safe

from uwvkms.account_views import login_session_start, mfa_login_start
from uwvkms.api.exceptions import is_api_request, problem_response
from uwvkms.confirmation import confirmation_page, is_confirmed
from uwvkms.constants import Role
from uwvkms.eventlog_scope import event_log_scope_for
from uwvkms.exports import attachment, to_csv
from uwvkms.forms import (
    ApiTokenForm,
    EventLogFilterForm,
    NotificationPreferencesForm,
    add_service_errors,
    posted_data,
)
from uwvkms.history import history_entry
from uwvkms.mfa import mfa_has_device
from uwvkms.models import AuditEvent
from uwvkms.notifications import (
    declared_kinds,
    notification_mark_read,
    notification_preferences_of,
    notification_preferences_set,
    notifications_mark_all_read,
    notifications_of,
)
from uwvkms.notifications import (
    notification_acknowledge as acknowledge,
)
from uwvkms.oidc_views import LoginOptionsMixin
from uwvkms.permissions import role_required
from uwvkms.retention import retention_apply, retention_due
from uwvkms.security import record_export
from uwvkms.selectors import api_tokens_of, event_log_rows, retention_runs
from uwvkms.services import api_token_create, api_token_revoke
from uwvkms.workqueue import work_queue_for


class LoginView(LoginOptionsMixin, auth_views.LoginView):
    """Django's login view; records the login time for the absolute session timeout. Offers the
    login with a UWV account where configured (`uwvkms.oidc_views.LoginOptionsMixin`). A user
    with an authenticator is not logged in yet: the code step follows (uwvkms.account_views)."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if mfa_has_device(user):
            return mfa_login_start(self.request, user, next_url=self.get_success_url())
        response = super().form_valid(form)
        login_session_start(self.request)
        return response


@login_not_required
def admin_login(request):
    """/beheer/login/: the app's own login page (with its code step), then back to the admin. A
    user already logged in who lands here is not one of /beheer/'s (superusers only): a refusal,
    not a login page that would send them straight back."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


def home(request):
    """The start page: what needs this user now ("Wat vraagt uw aandacht", most urgent first,
    see `uwvkms.workqueue`), then what they can do, by role."""
    today = timezone.localdate()
    items = work_queue_for(request.user, today=today)
    return render(
        request,
        "uwvkms/home.html",
        {
            "work_queue": [(item, item.is_overdue(today)) for item in items],
            "work_queue_count": len(items),
        },
    )


def profile(request):
    """The user's profile: their personal API tokens. A new token's key is shown once, in the
    answer to the POST that created it, and never again (only its hash is stored)."""
    form = ApiTokenForm(posted_data(request))
    new_key = None
    if form.is_valid():
        try:
            _token, new_key = api_token_create(
                user=request.user, name=form.cleaned_data["name"], expires_at=form.expires_at()
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            form = ApiTokenForm()
    response = render(
        request,
        "uwvkms/profile.html",
        {
            "form": form,
            "new_key": new_key,
            "tokens": _with_status(api_tokens_of(request.user)),
            "preferences_form": _preferences_form(request.user),
        },
    )
    # The key must not linger in a cache.
    add_never_cache_headers(response)
    return response


def _preferences_form(user, data=None) -> NotificationPreferencesForm:
    return NotificationPreferencesForm(
        data, kinds=declared_kinds(), initial_deliveries=notification_preferences_of(user)
    )


@require_POST
def notification_preferences(request):
    """Save how the user wants each kind of notification delivered (the form on /profiel/)."""
    form = _preferences_form(request.user, request.POST)
    if form.is_valid():
        notification_preferences_set(user=request.user, deliveries=form.cleaned_data)
        messages.success(request, _("Uw voorkeuren voor meldingen zijn opgeslagen."))
    else:
        messages.error(request, _("Kies per soort melding een van de mogelijkheden."))
    return redirect(f"{reverse('profile')}#meldingen")


NOTIFICATIONS_PER_PAGE = 50


def notification_list(request):
    """The notification centre: the user's own notifications, unread first, each linking to the
    page where the work is done."""
    page = Paginator(notifications_of(request.user), NOTIFICATIONS_PER_PAGE).get_page(
        request.GET.get("pagina")
    )
    return render(request, "uwvkms/notification_list.html", {"page": page})


@require_POST
def notification_read(request, pk: int):
    """Mark one of the user's own notifications read; another user's is not found (404)."""
    notification = get_object_or_404(notifications_of(request.user), pk=pk)
    notification_mark_read(user=request.user, notification=notification)
    return redirect("notification_list")


@require_POST
def notification_acknowledge(request, pk: int):
    """Say that one has taken note of one of one's own notifications that asks for it (once; a
    second time changes nothing). Another user's is not found (404)."""
    notification = get_object_or_404(notifications_of(request.user), pk=pk)
    try:
        acknowledge(user=request.user, notification=notification)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("U heeft kennisgenomen van ‘%(title)s’.") % {"title": notification.title},
        )
    return redirect("notification_list")


@require_POST
def notifications_read_all(request):
    """Mark all of the user's notifications read."""
    count = notifications_mark_all_read(user=request.user)
    if count:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return redirect("notification_list")


def _with_status(tokens) -> list:
    """The tokens, each with its status now (`ApiToken.status_at`, the rule the API applies)."""
    now = timezone.now()
    tokens = list(tokens)
    for token in tokens:
        token.status = token.status_at(now)
    return tokens


@require_POST
def api_token_revoke_view(request, pk: int):
    """Revoke one of the user's own tokens; another user's token is not found (404)."""
    token = get_object_or_404(api_tokens_of(request.user), pk=pk)
    try:
        api_token_revoke(actor=request.user, token=token)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het token ‘%(name)s’ is ingetrokken.") % {"name": token.name})
    return redirect("profile")


def error_400(request, exception=None):
    if is_api_request(request):
        return problem_response(request, 400, "bad_request", _("Het verzoek is ongeldig."))
    return render(request, "400.html", status=400)


def error_403(request, exception=None):
    if is_api_request(request):
        return problem_response(
            request, 403, "permission_denied", _("U heeft hier geen toegang toe.")
        )
    return render(request, "403.html", status=403)


def error_404(request, exception=None):
    if is_api_request(request):
        return problem_response(request, 404, "not_found", _("Deze resource bestaat niet."))
    return render(request, "404.html", status=404)


def error_500(request):
    if is_api_request(request):
        return problem_response(request, 500, "error", _("Er ging iets mis aan onze kant."))
    # Rendered without a request context: the failure may lie in a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())


# --- The event log (issue 19 §3): read-only, for the coordination team and the Beheerder -------

EVENT_LOG_READERS = (Role.COORDINATIETEAM, Role.BEHEERDER)
EVENT_LOG_PER_PAGE = 50


def _event_log_filtered(request):
    """The filter form and the rows it picks; an invalid form picks none (its errors show)."""
    scope = event_log_scope_for(request.user)
    form = EventLogFilterForm(request.GET, scope=scope)
    rows = (
        event_log_rows(form.filters(), scope=scope)
        if form.is_valid()
        else AuditEvent.objects.none()
    )
    return form, rows


@require_safe
@role_required(*EVENT_LOG_READERS)
def event_log(request):
    """Every recorded event (changes and the security log), newest first, filtered by who,
    what, when and object; 50 a page, each with its changes in words, address and request."""
    form, rows = _event_log_filtered(request)
    page = Paginator(rows, EVENT_LOG_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "uwvkms/event_log.html",
        {
            "form": form,
            "page": page,
            "entries": [(event, history_entry(event)) for event in page],
            "export_query": request.GET.urlencode(),
        },
    )


EVENT_LOG_COLUMNS = [
    _lazy("Tijdstip"),
    _lazy("Gebeurtenis"),
    _lazy("Code"),
    _lazy("Wie"),
    _lazy("Gebruikersnaam"),
    _lazy("Soort object"),
    _lazy("Object-id"),
    _lazy("Object"),
    _lazy("Wijzigingen"),
    _lazy("Reden"),
    _lazy("Adres"),
    _lazy("Browser"),
    _lazy("Verzoek-id"),
]


def _event_log_csv_rows(rows):
    for event in rows.iterator(chunk_size=2000):
        entry = history_entry(event)
        yield [
            event.occurred_at,
            entry.label,
            event.event,
            str(event.actor) if event.actor else "",
            event.actor.username if event.actor else "",
            event.object_type,
            event.object_id,
            event.object_repr,
            "; ".join(f"{c.field}: {c.old} → {c.new}" for c in entry.changes),
            event.reason,
            event.client_address or "",
            event.user_agent,
            event.request_id,
        ]


@require_safe
@role_required(*EVENT_LOG_READERS)
def event_log_export(request):
    """The filtered rows as CSV (Dutch Excel: semicolons, local times); the export is itself
    recorded in the log."""
    form, rows = _event_log_filtered(request)
    content = to_csv([(None, [str(c) for c in EVENT_LOG_COLUMNS], _event_log_csv_rows(rows))])
    stamp = timezone.localdate().isoformat()
    response = attachment(content, "text/csv; charset=utf-8", f"gebeurtenissen-{stamp}.csv")
    return record_export(request, response, what="gebeurtenissenlog")


@role_required(Role.BEHEERDER)
def retention_overview(request):
    """The Beheerder's page of retention (issue 19 §5): per kind of personal data its term and
    what is due today (the dry run), the latest runs, and applying it now, after confirming."""
    today = timezone.localdate()
    if request.method == "POST":
        if not is_confirmed(request):
            due = retention_due(today=today)
            return confirmation_page(
                request,
                title=_("Bewaartermijnen nu toepassen?"),
                consequences=[
                    _("%(label)s: %(count)s. %(what)s")
                    % {"label": d.kind.label, "count": d.count, "what": d.kind.what_happens}
                    for d in due
                ]
                + [_("Dit kan niet ongedaan worden gemaakt.")],
                confirm_label=_("Ja, nu toepassen"),
            )
        done = retention_apply(actor=request.user, today=today)
        messages.success(
            request,
            _("Bewaartermijnen toegepast: %(count)s verwerkt.")
            % {"count": sum(d.count for d in done)},
        )
        return redirect("retention_overview")
    return render(
        request,
        "uwvkms/retention.html",
        {"today": today, "due": retention_due(today=today), "runs": retention_runs()},
    )
