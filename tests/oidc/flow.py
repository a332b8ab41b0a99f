"""Driving a login through the real provider: the Django test client plays the app's side, a
`requests` session the user's browser at the provider (its cookies are the provider session)."""

import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import urljoin, urlsplit

import requests
from django.urls import reverse

from tests.oidc.provider_accounts import PASSWORD

APP = "http://testserver"
FORM = re.compile(r'<form[^>]*action="([^"]*)"', re.IGNORECASE)
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', re.IGNORECASE)


@dataclass
class ProviderStep:
    """Where the provider sent the browser back to the app, and whether it asked for a login."""

    url: str
    asked_login: bool


def at_provider(browser: requests.Session, url: str, login: str | None, password: str = PASSWORD):
    """Follow the provider from `url` until it sends the browser back to the app, logging in as
    `login` if it asks (None: it must not ask)."""
    asked = False
    response = browser.get(url, allow_redirects=False, timeout=10)
    for _ in range(10):
        if response.is_redirect:
            location = urljoin(response.url, response.headers["Location"])
            if location.startswith(APP):
                return ProviderStep(url=location, asked_login=asked)
            response = browser.get(location, allow_redirects=False, timeout=10)
        elif response.status_code == 200 and 'name="login"' in response.text:
            assert login is not None, "the provider asked for a login"
            asked = True
            action = urljoin(response.url, unescape(FORM.search(response.text).group(1)))
            response = browser.post(
                action, data={"login": login, "password": password}, allow_redirects=False
            )
        else:
            raise AssertionError(f"unexpected answer {response.status_code}: {response.text[:500]}")
    raise AssertionError("the provider did not send the browser back")


def app_path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def start(client, next_url: str | None = None) -> str:
    """Start a login at the app; the provider's authorisation URL it redirects to."""
    url = reverse("oidc_login") + (f"?next={next_url}" if next_url else "")
    response = client.get(url)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def sso_login(client, browser, login: str | None, next_url: str | None = None):
    """A whole login: the app's answer to the provider's callback (not followed)."""
    step = at_provider(browser, start(client, next_url), login)
    return client.get(app_path(step.url))


def provider_logout(browser: requests.Session, url: str) -> str:
    """Confirm the logout at the provider (its form); where it sends the browser back."""
    page = browser.get(url, allow_redirects=False, timeout=10)
    assert page.status_code == 200, page.text[:500]
    action = urljoin(page.url, unescape(FORM.search(page.text).group(1)))
    data = dict(HIDDEN.findall(page.text))
    data["logout"] = "yes"
    response = browser.post(action, data=data, allow_redirects=False, timeout=10)
    assert response.is_redirect, response.text[:500]
    return urljoin(response.url, response.headers["Location"])
