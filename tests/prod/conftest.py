"""The production-mode tier: tests against the stack `.ci/prod-stack start` runs (nginx with TLS in
front of two gunicorn nodes and two workers, DEBUG off, collected static files, PostgreSQL,
Redis, one shared storage folder). Run with `make test-prod`; `make test` leaves them out.

Without a running stack they are skipped, except under CI=true or PROD_REQUIRED=1, where that
is a failure: the tier must never pass by not running."""

import os
import re
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from tests.demo_totp import totp_code

# Where .ci/prod-stack runs (its PROD_STACK_DIR, the same default).
STACK_ENV = (
    Path(os.environ.get("PROD_STACK_DIR") or Path(tempfile.gettempdir()) / "uwvkms-prod-stack")
    / "stack.env"
)
PASSWORD = "demo-kms-2023"  # the demo loader's password (README, "Roles and demo logins")


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.prod)


@pytest.fixture(scope="session")
def stack() -> dict[str, str]:
    if not STACK_ENV.exists():
        reason = f"no production-mode stack running ({STACK_ENV} missing): run make test-prod"
        if os.environ.get("CI", "").lower() == "true" or os.environ.get("PROD_REQUIRED") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    values = {}
    for line in STACK_ENV.read_text().splitlines():
        key, _, value = line.partition("=")
        values[key] = value
    return values


class Browser(requests.Session):
    """A logged-in person: a requests session that speaks to one base URL and trusts the
    stack's certificate."""

    def __init__(self, base: str, ca_cert: str, *, public_base: str | None = None, **headers):
        super().__init__()
        self.base = base
        # What the browser's address bar shows (the Referer): the proxy's HTTPS address, also
        # when this session speaks to one node directly.
        self.public_base = public_base or base
        # The environment's CA bundle (REQUESTS_CA_BUNDLE) would override `verify`, and its
        # proxies have no business on loopback.
        self.trust_env = False
        self.verify = ca_cert
        self.headers.update(headers)

    def request(self, method, url, *args, **kwargs):
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 60)
        return super().request(method, urljoin(self.base, url), *args, **kwargs)

    def csrf_from(self, html: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        assert match, "no CSRF token on the page"
        return match.group(1)

    def post_form(self, url: str, data: dict, *, page: str | None = None):
        """POST a form as the browser would: with the CSRF token of the page it is on and that
        page as the Referer (Django checks it over HTTPS)."""
        html = self.get(page or url).text
        return self.post(
            url,
            data={"csrfmiddlewaretoken": self.csrf_from(html), **data},
            headers={"Referer": urljoin(self.public_base, page or url)},
        )

    def with_base(self, base: str) -> "Browser":
        """The same person (the same cookies) speaking to one node directly."""
        other = NodeBrowser(base, self.verify, self.public_base)
        other.jar = {cookie.name: cookie.value for cookie in self.cookies}
        if isinstance(self, NodeBrowser):
            other.jar = dict(self.jar)
        return other


class NodeBrowser(Browser):
    """A session that speaks to one gunicorn node directly, as nginx does: plain HTTP on
    loopback, with the Host the browser used and saying the client came over HTTPS. The cookies
    are kept by hand: a cookie jar would not send the Secure ones over this hop."""

    def __init__(self, node_url: str, ca_cert: str, public_base: str):
        super().__init__(node_url, ca_cert, public_base=public_base)
        self.headers.update({"Host": urlsplit(public_base).netloc, "X-Forwarded-Proto": "https"})
        self.jar: dict[str, str] = {}

    def request(self, method, url, *args, **kwargs):
        headers = dict(kwargs.pop("headers", None) or {})
        if self.jar:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.jar.items())
        response = super().request(method, url, *args, headers=headers, **kwargs)
        for cookie in response.cookies:
            if cookie.value and not cookie.is_expired():
                self.jar[cookie.name] = cookie.value
            else:
                self.jar.pop(cookie.name, None)
        self.cookies.clear()
        return response


def node_browser(node_url: str, ca_cert: str, public_base: str) -> NodeBrowser:
    return NodeBrowser(node_url, ca_cert, public_base)


def log_in_as(browser: Browser, username: str, password: str = PASSWORD):
    """Log in through the login page, and through its code step where the user has one (as the
    demo's coordination team and Beheerder do in the stack): the real second factor."""
    response = browser.post_form("/inloggen/", {"username": username, "password": password})
    if response.status_code == 302 and urlsplit(response.headers["Location"]).path == (
        "/inloggen/code/"
    ):
        response = browser.post_form("/inloggen/code/", {"code": totp_code(username)})
    return response


@pytest.fixture(scope="session")
def login(stack):
    """Log a demo user in through nginx (`node=None`) or on one node (`node=0` or `1`)."""

    def _login(username: str, *, node: int | None = None) -> Browser:
        if node is None:
            browser = Browser(stack["PROD_BASE_URL"], stack["PROD_CA_CERT"])
        else:
            browser = node_browser(
                stack["PROD_NODE_URLS"].split(",")[node],
                stack["PROD_CA_CERT"],
                stack["PROD_BASE_URL"],
            )
        response = log_in_as(browser, username)
        assert response.status_code == 302, (username, response.status_code, response.text[:300])
        return browser

    return _login


@pytest.fixture(scope="session")
def database(stack):
    """A connection to the stack's PostgreSQL database, to check what happened behind the pages."""
    import psycopg2

    connection = psycopg2.connect(stack["PROD_DATABASE_URL"])
    connection.autocommit = True
    yield connection
    connection.close()
