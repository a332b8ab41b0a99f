"""Sessions live in the shared cache and are written through to the database only when they
change: a page view does not write a session row (it did, on every request, before). The idle
timeout is renewed at most once per SESSION_TOUCH_SECONDS."""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from uwvkms.middleware import LAST_SEEN


def _session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_the_session_engine_is_cache_backed():
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert settings.SESSION_SAVE_EVERY_REQUEST is False


def test_a_page_view_writes_no_session_row(client, auditor):
    client.force_login(auditor)
    client.get(reverse("home"))  # the first view stores the login time
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    assert _session_writes(queries) == []
    assert not [q for q in queries if "django_session" in q["sql"]]  # read from the cache


def test_last_seen_is_renewed_once_the_touch_interval_has_passed(client, auditor):
    client.force_login(auditor)
    client.get(reverse("home"))
    session = client.session
    old = timezone.now() - timedelta(seconds=settings.SESSION_TOUCH_SECONDS + 1)
    session[LAST_SEEN] = old.isoformat()
    session.save()
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    assert _session_writes(queries)
    assert client.session[LAST_SEEN] > old.isoformat()
