"""Outside DEBUG the session and CSRF cookies are `__Host-` cookies: Secure, host-only (no Domain)
and Path=/, so no other host or path can set or read them. The tests run with DEBUG off."""

from django.urls import reverse

from tests.factories import PASSWORD


def _assert_host_cookie(morsel):
    assert morsel.key.startswith("__Host-")
    assert morsel["secure"] is True
    assert morsel["path"] == "/"
    assert morsel["domain"] == ""
    assert morsel["samesite"] == "Lax"
    # The header the browser sees: the attributes a __Host- cookie requires, and no Domain.
    header = morsel.OutputString()
    assert "Secure" in header
    assert "Path=/" in header
    assert "Domain" not in header


def test_login_sets_secure_host_only_session_cookie(client, auditor):
    response = client.post(
        reverse("login"), {"username": "auditor", "password": PASSWORD}, secure=True
    )

    assert response.status_code == 302
    assert "sessionid" not in response.cookies
    session_cookie = response.cookies["__Host-sessionid"]
    _assert_host_cookie(session_cookie)
    assert session_cookie["httponly"] is True
    # Expires with the browser; the idle timeout is enforced on the server.
    assert session_cookie["max-age"] == ""
    assert session_cookie["expires"] == ""


def test_login_page_sets_secure_host_only_csrf_cookie(client, db):
    response = client.get(reverse("login"), secure=True)

    assert response.status_code == 200
    assert "csrftoken" not in response.cookies
    csrf_cookie = response.cookies["__Host-csrftoken"]
    _assert_host_cookie(csrf_cookie)
    # Nothing in the browser needs to read the token from the cookie: forms carry it.
    assert csrf_cookie["httponly"] is True


def test_login_changes_session_key(client, auditor):
    """Session fixation: a session from before login is not reused after it."""
    client.get(reverse("login"), secure=True)
    session = client.session
    session["vooraf"] = "ja"
    session.save()
    key_before = session.session_key

    client.post(reverse("login"), {"username": "auditor", "password": PASSWORD}, secure=True)

    assert client.session.session_key != key_before
    assert client.session["_auth_user_id"] == str(auditor.pk)
