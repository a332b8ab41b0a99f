"""The page checks of the journeys can fail: axe-core finds the WCAG 2.1 AA violations of a
deliberately bad page, and the reflow check finds its horizontal scrolling."""

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import PageChecks

BAD_PAGE = """<!doctype html><html><head><title>Slecht</title></head><body>
<main><p style="color:#aaa;background:#fff">Te weinig contrast</p>
<input type="text" name="naam"><a href="/x"></a>
<div style="width:2000px">Te breed</div></main></body></html>"""


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_page_checks_report_violations_and_horizontal_scrolling(browser_page: Page):
    checks = PageChecks("zelftest")
    # Not an app page: the app's Content-Security-Policy would block the inline styles.
    browser_page.set_content(BAD_PAGE)
    with pytest.raises(AssertionError) as refused:
        checks.run(browser_page)
    entry = checks.checked[-1]
    found = {v["id"] for v in entry["violations"]}
    assert {"color-contrast", "label", "link-name", "html-has-lang"} <= found
    assert entry["overflow_1280"]["page"] > 0
    assert entry["overflow_200pct"]["main"] > 0
    assert "horizontaal scrollen" in str(refused.value)
