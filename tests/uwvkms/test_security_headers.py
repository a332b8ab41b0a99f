"""Security headers on real responses: Content-Security-Policy (Django's own, with nonces),
HSTS, the SSL redirect and the smaller headers; and no inline script or style that the policy
would have to allow."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

from tests.factories import UserFactory

TEMPLATE_DIRS = [Path(django_settings.BASE_DIR) / "templates"] + [
    path
    for path in Path(django_settings.BASE_DIR).glob("*/templates")
    if not path.is_relative_to(Path(django_settings.BASE_DIR) / ".venv")
]


def _csp(response) -> dict[str, list[str]]:
    """The enforced policy as {directive: [values]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def _nonce(response) -> str | None:
    """The nonce in script-src, if this response used one."""
    for value in _csp(response)["script-src"]:
        if match := re.fullmatch(r"'nonce-([A-Za-z0-9_\-]+)'", value):
            return match.group(1)
    return None


class _Elements(HTMLParser):
    """Collects <script>, <style> and stylesheet <link> tags, and every attribute name used."""

    def __init__(self):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.attributes: set[str] = set()
        self.javascript_urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs_dict = dict(attrs)
        self.attributes.update(name for name, _value in attrs)
        for name in ("href", "src", "action", "formaction"):
            if (attrs_dict.get(name) or "").strip().lower().startswith("javascript:"):
                self.javascript_urls.append(attrs_dict[name])
        if tag in ("script", "style") or (tag == "link" and attrs_dict.get("rel") == "stylesheet"):
            self.elements.append((tag, attrs_dict))


def _assert_no_unsafe_inline(response):
    """Every script and style is a /static/ file or carries this response's nonce; no inline
    style or event-handler attributes, no javascript: URLs."""
    nonce = _nonce(response)
    parser = _Elements()
    parser.feed(response.content.decode())

    for tag, attrs in parser.elements:
        url = attrs.get("src") if tag == "script" else attrs.get("href")
        if url:
            assert url.startswith("/static/"), f"{tag} from outside /static/: {url}"
        if "nonce" in attrs or not url:
            assert nonce is not None, f"inline <{tag}> but no nonce in the policy"
            assert attrs.get("nonce") == nonce, f"<{tag}> without this response's nonce"
    assert "style" not in parser.attributes
    assert not [name for name in parser.attributes if name.startswith("on")]
    assert parser.javascript_urls == []


def _assert_strict_policy(response):
    csp = _csp(response)
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert csp[directive][0] == "'self'"
        # Only 'self' and, when the page uses one, this response's nonce.
        assert all(v == "'self'" or v.startswith("'nonce-") for v in csp[directive])
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]


# Pages per persona: (fixture name of the user or None for anonymous, URL name, args, status).
PAGES = [
    (None, "login", [], 200),
    ("coordinator", "home", [], 200),
    ("coordinator", "audits:cycle_list", [], 200),
    ("coordinator", "audits:cycle_detail", [2031], 200),
    ("coordinator", "audits:cycle_open", [], 200),
    ("coordinator", "findings:maturity_report", [2031], 200),
    ("auditor", "home", [], 200),
    ("auditor", "maturity:auditor_work", [2031], 200),
    ("auditor", "audits:cycle_open", [], 403),
]


@pytest.mark.parametrize(("persona", "url_name", "args", "status"), PAGES)
def test_pages_have_strict_csp_and_no_inline_code(
    client, request, cycle, persona, url_name, args, status
):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(url_name, args=args))

    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    _assert_strict_policy(response)
    _assert_no_unsafe_inline(response)


def test_nonce_in_policy_matches_the_page_and_changes_per_response(client, db):
    """Django puts a nonce in the policy as soon as a template uses it; our templates need none,
    the admin's pages do (their scripts carry it). Each response gets a fresh one. (The admin's
    own login page is the app's login, with its code step: uwvkms.views.admin_login.)"""
    client.force_login(UserFactory(username="super", is_staff=True, is_superuser=True))
    first = client.get(reverse("admin:index"))
    second = client.get(reverse("admin:index"))

    for response in (first, second):
        assert response.status_code == 200
        _assert_strict_policy(response)
        nonce = _nonce(response)
        assert nonce is not None
        assert f"'nonce-{nonce}'" in _csp(response)["style-src"]
        assert f'nonce="{nonce}"' in response.content.decode()
        _assert_no_unsafe_inline(response)
    assert _nonce(first) != _nonce(second)


def test_templates_have_no_inline_styles_handlers_or_unnonced_code():
    """Catches what the pages above do not render (every branch of every template)."""
    templates = [path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html")]
    assert templates
    offences = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<(?:[a-zA-Z][^>]*?)\s(style|on[a-z]+)\s*=", text):
            offences.append(f"{path.name}: {match.group(1)}= attribute")
        for match in re.finditer(r"<(script|style)\b([^>]*)>", text):
            tag, attrs = match.groups()
            if "csp_nonce" not in attrs and not (tag == "script" and "src=" in attrs):
                offences.append(f"{path.name}: <{tag}> without src or nonce")
        if "javascript:" in text.lower():
            offences.append(f"{path.name}: javascript: URL")
    assert offences == []


def test_security_headers_on_https_response(client, db):
    response = client.get(reverse("login"), secure=True)

    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    _assert_strict_policy(response)


def test_no_hsts_over_plain_http(client, db):
    """HSTS is only meaningful (and only allowed by browsers) over HTTPS."""
    response = client.get(reverse("login"))
    assert "Strict-Transport-Security" not in response


def test_plain_http_is_redirected_to_https(client, db, settings):
    # SecurityMiddleware reads this when the client builds its handler, on the first request.
    settings.SECURE_SSL_REDIRECT = True

    response = client.get(reverse("login") + "?next=/toetsing/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/inloggen/?next=/toetsing/"
    assert client.get(reverse("login"), secure=True).status_code == 200
