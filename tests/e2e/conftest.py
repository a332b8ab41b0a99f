"""Real-browser fixtures: Debian's Chromium driven by Playwright's sync API.

The browser is never downloaded; the journeys use the system's /usr/bin/chromium. Without it
they are skipped locally, and fail in CI (CI=true), where the browser must be installed.
"""

import os
import re
from collections import Counter
from pathlib import Path

import pytest
from django.db import connections

from tests.factories import PASSWORD

# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls from a
# thread with a running loop unless told that this is deliberate.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 15_000

# Chromium words a violation as "Refused to ..." or "... violates the following Content Security
# Policy directive ..." depending on its version and on what was blocked.
CSP_VIOLATION = re.compile(r"Content Security Policy|Refused to", re.IGNORECASE)
# How Chromium reports a page served with an error status (a refused form, a 403 page).
FAILED_LOAD = re.compile(
    r"^error: Failed to load resource: the server responded with a status of (\d{3})\b"
)


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} ontbreekt: installeer Debian's chromium (apt-get install chromium)."
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"e2e in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def console_messages() -> list[str]:
    """Every console message and uncaught page error of the journey, as "type: text"."""
    return []


@pytest.fixture
def browser_page(live_server, console_messages):
    """A fresh Chromium page (Dutch locale) whose base URL is the live server."""
    _require_chromium()
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(base_url=live_server.url, locale="nl-NL")
            context.set_default_timeout(TIMEOUT_MS)
            expect.set_options(timeout=TIMEOUT_MS)
            page = context.new_page()
            page.on("console", lambda msg: console_messages.append(f"{msg.type}: {msg.text}"))
            page.on("pageerror", lambda exc: console_messages.append(f"pageerror: {exc}"))
            yield page
            context.close()
        finally:
            browser.close()
            # Once Playwright's sync API runs, ORM calls in the test get database connections of
            # their own (Django keeps them per context). Close them here, still inside the
            # Playwright block, or PostgreSQL cannot drop the test database afterwards
            # ("is being accessed by other users").
            connections.close_all()


# --- Steps and checks shared by the journeys -----------------------------------------------------


def log_in(page, username: str) -> None:
    """Log in through the form, starting from the home page, and land on the welcome page."""
    from playwright.sync_api import expect

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/inloggen/\?next=/$"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def log_out(page) -> None:
    from playwright.sync_api import expect

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/inloggen/$"))
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)


def status_message(page, text: str):
    """The status message (role status) that says `text`."""
    return page.get_by_role("status").filter(has_text=text)


def assert_console_clean(console_messages: list[str], *, failed_loads: dict[int, int]) -> None:
    """No Content-Security-Policy violation, no script error, and no failed resource except the
    pages the journey was meant to get with an error status: `failed_loads` maps each status
    (400 for a refused form, 403 for a refused page) to how many the journey got."""
    csp_violations = [m for m in console_messages if CSP_VIOLATION.search(m)]
    assert csp_violations == [], "\n".join(csp_violations)
    errors = [m for m in console_messages if m.startswith(("error:", "pageerror:"))]
    unexpected = [m for m in errors if not FAILED_LOAD.match(m)]
    assert unexpected == [], "\n".join(unexpected)
    statuses = Counter(int(FAILED_LOAD.match(m).group(1)) for m in errors)
    assert statuses == Counter(failed_loads), "\n".join(errors)
