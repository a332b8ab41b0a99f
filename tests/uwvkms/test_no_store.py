"""Every answer to a logged-in user says `Cache-Control: no-store` (pages, exports, PDFs, API
answers by session or token), also where a view set a weaker value itself; static files and the
anonymous login page stay as they were."""

from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from tests.herstel.flow import start
from uwvkms.middleware import NoStoreForAuthenticatedMiddleware
from uwvkms.models import User
from uwvkms.services import api_token_create

MAX_PAGES = 300
PER_ROUTE = 3
# Where a GET changes something or leaves the app: never crawled.
SKIPPED_PREFIXES = ("/uitloggen/", "/static/", "/beheer/")


def _no_store(response) -> bool:
    directives = response.get("Cache-Control", "").split(",")
    return "no-store" in {d.strip().lower() for d in directives}


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.hrefs.append(href)


def _links(base: str, response) -> list[str]:
    if not response.get("Content-Type", "").startswith("text/html"):
        return []
    parser = _Links()
    parser.feed(response.content.decode())
    found = []
    for href in parser.hrefs:
        url, _fragment = urldefrag(urljoin(base, href))
        parts = urlsplit(url)
        if parts.scheme not in ("", "http") or parts.netloc not in ("", "testserver"):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def _parameterless_urls(patterns=None, prefix="") -> list[str]:
    """The path of every URL pattern that takes no arguments."""
    urls = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = str(pattern.pattern)
        if "<" in route or route.startswith("^"):
            continue
        if isinstance(pattern, URLResolver):
            urls += _parameterless_urls(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern):
            urls.append("/" + prefix + route)
    return urls


def _crawl(client) -> tuple[dict[str, int], Counter[str]]:
    """GET the home page and every URL without arguments, then every link they lead to (same
    host), at most PER_ROUTE of each route and MAX_PAGES in all; assert no-store on each."""
    queue = ["/", *_parameterless_urls()]
    seen: set[str] = set()
    per_route: Counter[str] = Counter()
    answers: dict[str, int] = {}
    while queue and len(answers) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen or url.startswith(SKIPPED_PREFIXES):
            continue
        seen.add(url)
        # A few of each route (unit 1, unit 2, …) leave room for the others.
        route = resolve(urlsplit(url).path).route
        if per_route[route] >= PER_ROUTE:
            continue
        per_route[route] += 1
        response = client.get(url)
        answers[url] = response.status_code
        assert _no_store(response), (url, response.status_code, response.get("Cache-Control"))
        queue += _links(url, response)
    return answers, per_route


def test_every_page_the_demo_users_reach_says_no_store(demo_data, db, client):
    """As the demo's coordinator (the audit) and its herstel adviser (the herstelacties)."""
    client.force_login(User.objects.get(username="coordinatie"))
    answers, routes = _crawl(client)
    assert sum(status == 200 for status in answers.values()) >= 100
    assert any(url.endswith(".pdf") and answers[url] == 200 for url in answers)

    client.force_login(User.objects.get(username="herstel"))
    answers, herstel_routes = _crawl(client)
    assert sum(route.startswith("herstel/") for route in herstel_routes) >= 20
    assert len(routes | herstel_routes) >= 80


def test_exports_and_pdfs_say_no_store(client, fez_adviser, adviser, coordinator, cycle):
    start(adviser)
    client.force_login(fez_adviser)
    for file_format in ("csv", "xlsx"):
        response = client.get(reverse("herstel:overview_export", args=[file_format]))
        assert response.status_code == 200
        assert response["Cache-Control"] == "no-store"
    client.force_login(coordinator)
    response = client.get(reverse("findings:maturity_report_pdf", args=[cycle.year]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"


def test_api_answers_say_no_store_by_session_and_by_token(client, coordinator, cycle):
    client.force_login(coordinator)
    response = client.get(reverse("api:cycle-list"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"

    _token, key = api_token_create(user=coordinator, name="test")
    client.logout()
    response = client.get(reverse("api:cycle-list"), headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("set_by_view", "expected"),
    [
        ("private, max-age=3600", "no-store"),
        ("public, max-age=60, s-maxage=600", "no-store"),
        ("private, no-store", "private, no-store"),
        (None, "no-store"),
    ],
)
def test_a_weaker_value_a_view_set_is_replaced(coordinator, set_by_view, expected):
    def view(request):
        response = HttpResponse("vertrouwelijk")
        if set_by_view:
            response["Cache-Control"] = set_by_view
            response["Expires"] = "Thu, 01 Jan 2099 00:00:00 GMT"
        return response

    request = RequestFactory().get("/")
    request.user = coordinator
    response = NoStoreForAuthenticatedMiddleware(view)(request)
    assert response["Cache-Control"] == expected
    assert "Expires" not in response or "no-store" in set_by_view


def test_static_files_and_the_anonymous_login_page_are_left_alone(client, coordinator):
    assert not _no_store(client.get("/static/css/app.css"))
    assert client.get(reverse("login")).status_code == 200
    client.force_login(coordinator)
    response = client.get("/static/css/app.css")
    assert response.status_code == 200
    assert not _no_store(response)
