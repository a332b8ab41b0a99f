"""Real-browser fixtures: Debian's Chromium driven by Playwright's sync API.

The browser is never downloaded; the journeys use the system's /usr/bin/chromium. Without it
they are skipped locally, and fail in CI (CI=true), where the browser must be installed.
"""

import os
from pathlib import Path

import pytest
from django.db import connections

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
