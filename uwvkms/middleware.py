"""Session timeouts: an idle timeout and an absolute one counted from login."""

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone
from django.utils.translation import gettext as _

LOGIN_AT = "uwvkms_login_at"
LAST_SEEN = "uwvkms_last_seen"


class SessionTimeoutMiddleware:
    """Log the user out after `SESSION_IDLE_TIMEOUT` without a request, or `SESSION_ABSOLUTE_TIMEOUT`
    after login, whatever happens in between. The session store's own expiry enforces the idle
    timeout too; this middleware makes both explicit and tells the user why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = timezone.now()
            login_at = _parse(request.session.get(LOGIN_AT))
            last_seen = _parse(request.session.get(LAST_SEEN))
            if login_at is None:
                request.session[LOGIN_AT] = now.isoformat()
            elif now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT or (
                last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT
            ):
                logout(request)
                messages.info(request, _("Uw sessie is verlopen. Log opnieuw in."))
                return redirect_to_login(request.get_full_path())
            request.session[LAST_SEEN] = now.isoformat()
        return self.get_response(request)


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
