"""Real-browser fixtures: Debian's Chromium driven by Playwright's sync API.

The browser is never downloaded; the journeys use the system's /usr/bin/chromium. Without it
they are skipped locally, and fail in CI (CI=true), where the browser must be installed.
"""

import json
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
# A request that renders a PDF itself (publishing, with the immediate task backend in tests).
RENDER_TIMEOUT_MS = 90_000
# 1280x800 is the desktop the journeys run at; 640x400 CSS pixels is that screen at 200% zoom.
DESKTOP = {"width": 1280, "height": 800}
ZOOM_200 = {"width": 640, "height": 400}

# axe-core (vendored from npm, a test asset: never served by the app) and the WCAG 2.1 AA rules.
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Screenshots and the lists of checked pages (git-ignored); .ci/run gives each database its own.
OUTPUT_DIR = Path(
    os.environ.get("TEST_OUTPUT_DIR") or Path(__file__).resolve().parents[2] / "test-output"
).resolve()

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
            context = browser.new_context(
                base_url=live_server.url, locale="nl-NL", viewport=DESKTOP
            )
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
    check(page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    check(page)


def from_work_queue(page, kind: str, title: str, *, detail: str = "") -> None:
    """Open a line of the work queue ("Wat vraagt uw aandacht"): go to the home page by "Mijn
    werk" unless already there, see the line of this kind (and detail) shown, follow its link."""
    from urllib.parse import urlparse

    from playwright.sync_api import expect

    if urlparse(page.url).path != "/":
        page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
            "link", name=re.compile(r"^Mijn werk")
        ).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
        check(page)
    queue = page.get_by_role("region", name="Wat vraagt uw aandacht")
    line = queue.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=title, exact=True)
    )
    expect(line).to_be_visible()
    expect(line).to_contain_text(kind)
    if detail:
        expect(line).to_contain_text(detail)
    line.get_by_role("link", name=title, exact=True).click()


def log_out(page) -> None:
    from playwright.sync_api import expect

    page.get_by_role("button", name="Uitloggen").click()
    expect(page).to_have_url(re.compile(r"/inloggen/$"))
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    expect(page.get_by_role("button", name="Uitloggen")).to_have_count(0)
    check(page)


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


# --- Accessibility, reflow and screenshots ------------------------------------------------------

_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""

# Horizontal scrolling of the page or of its main content (a wide table may scroll inside its
# own .table-responsive box; the page itself must not).
_OVERFLOW = """() => {
  const root = document.scrollingElement;
  const main = document.querySelector("main");
  const page = root.scrollWidth - root.clientWidth;
  const inMain = main ? main.scrollWidth - main.clientWidth : 0;
  const culprits = [];
  if (page > 0 || inMain > 0) {
    const edge = Math.min(root.clientWidth, main ? main.getBoundingClientRect().right : Infinity);
    for (const el of document.body.querySelectorAll("*")) {
      if (el.getBoundingClientRect().right > edge + 1) {
        culprits.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : ""));
        if (culprits.length >= 6) break;
      }
    }
  }
  return {page, main: inMain, culprits};
}"""


class PageChecks:
    """Runs axe-core (WCAG 2.1 AA) and the reflow check (no horizontal scrolling at 1280x800 and
    at 200% zoom) on each page a journey visits, and keeps the list of pages it checked.

    The journey calls `check(page)` after each navigation; log_in and log_out do so too. axe is
    evaluated through the DevTools protocol, which the app's Content-Security-Policy does not
    govern, so the policy stays on and is still watched in the console."""

    def __init__(self, journey: str):
        self.journey = journey
        self.checked: list[dict] = []
        self._seen: set[tuple] = set()
        self._axe_source = AXE_SCRIPT.read_text(encoding="utf-8")

    def run(self, page, note: str = "") -> None:
        page.wait_for_load_state("load")
        path = re.sub(r"^https?://[^/]+", "", page.url)
        title = page.title()
        # A page already checked in the same state is not checked twice.
        has_errors = page.locator(".is-invalid, .invalid-feedback, [role=alert]").count() > 0
        # The same page after a change (a row added, a message shown) is checked again.
        size = page.evaluate("() => document.getElementsByTagName('*').length")
        key = (path, title, has_errors, size)
        if key in self._seen:
            return
        self._seen.add(key)
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self._axe_source)
        violations = page.evaluate(_AXE_RUN, AXE_TAGS)
        overflow_desktop = page.evaluate(_OVERFLOW)
        page.set_viewport_size(ZOOM_200)
        try:
            overflow_zoom = page.evaluate(_OVERFLOW)
        finally:
            page.set_viewport_size(DESKTOP)
        entry = {
            "path": path,
            "title": title,
            "note": note or ("met foutmeldingen" if has_errors else ""),
            "violations": violations,
            "overflow_1280": overflow_desktop,
            "overflow_200pct": overflow_zoom,
        }
        self.checked.append(entry)
        problems = self.problems(entry)
        if problems and not os.environ.get("A11Y_COLLECT"):
            raise AssertionError(f"{path} ({title}):\n" + "\n".join(problems))

    @staticmethod
    def problems(entry: dict) -> list[str]:
        found = [
            f"axe {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
            for v in entry["violations"]
        ]
        for size in ("overflow_1280", "overflow_200pct"):
            overflow = entry[size]
            if overflow["page"] > 0 or overflow["main"] > 0:
                found.append(f"horizontaal scrollen bij {size}: {overflow}")
        return found

    def screenshot(self, page, name: str) -> Path:
        path = OUTPUT_DIR / "screenshots" / f"{name}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    def write(self) -> Path:
        """The pages checked, one a line, in test-output/a11y/<journey>.txt (and as JSON)."""
        folder = OUTPUT_DIR / "a11y"
        folder.mkdir(parents=True, exist_ok=True)
        lines = [
            f"{e['path']}\t{e['title']}\t{len(e['violations'])} axe-overtredingen"
            + (f"\t({e['note']})" if e["note"] else "")
            for e in self.checked
        ]
        (folder / f"{self.journey}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (folder / f"{self.journey}.json").write_text(
            json.dumps(self.checked, indent=1, ensure_ascii=False), encoding="utf-8"
        )
        return folder / f"{self.journey}.txt"


_CHECKS: dict[int, PageChecks] = {}


# A laptop screen as the herstel team and FEZ have it (issue 17: money columns fit at 1366 px).
LAPTOP = {"width": 1366, "height": 768}

_TABLES_SCROLLING = """() => [...document.querySelectorAll("main table")]
  .map((table) => table.closest(".table-responsive") || table)
  .filter((box) => box.scrollWidth > box.clientWidth + 1)
  .map((box) => (box.querySelector("caption") || box).textContent.trim().slice(0, 80))"""


def assert_tables_fit(page, viewport: dict = LAPTOP) -> None:
    """Every table of the page fits at `viewport` without scrolling sideways inside its box
    (the page-wide reflow check allows a wide table to scroll within .table-responsive)."""
    page.set_viewport_size(viewport)
    try:
        scrolling = page.evaluate(_TABLES_SCROLLING)
    finally:
        page.set_viewport_size(DESKTOP)
    assert scrolling == [], f"tables scroll sideways at {viewport['width']} px: {scrolling}"


def check(page, note: str = "") -> None:
    """Check the page now shown (axe, reflow) if the journey has page checks switched on."""
    checks = _CHECKS.get(id(page))
    if checks is not None:
        checks.run(page, note)


@pytest.fixture
def page_checks(browser_page, request):
    """Switch the page checks on for this journey; afterwards the list of checked pages is
    written to test-output/a11y/ and must hold no problem."""
    checks = PageChecks(request.node.name)
    _CHECKS[id(browser_page)] = checks
    yield checks
    del _CHECKS[id(browser_page)]
    checks.write()
    problems = [
        f"{e['path']}: " + "; ".join(PageChecks.problems(e))
        for e in checks.checked
        if PageChecks.problems(e)
    ]
    assert problems == [], "\n".join(problems)


def assert_pages_checked(checks: PageChecks, *paths: str) -> None:
    """The journey's page checks ran, and covered each of these paths (regular expressions)."""
    checked = [e["path"] for e in checks.checked]
    assert checked, "geen pagina gecontroleerd"
    missing = [p for p in paths if not any(re.search(p, c) for c in checked)]
    assert missing == [], f"niet gecontroleerd: {missing}; wel: {checked}"
