"""The API documentation in a real browser: Swagger UI loads from the app's own static files
under the Content-Security-Policy (no CDN, no violation) and lists the endpoints; the profile
page makes a token whose key then works for the API."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_console_clean, log_in
from tests.factories import UserFactory
from uwvkms.constants import Role


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_docs_page_and_a_token_from_the_profile(browser_page: Page, console_messages):
    UserFactory(username="coordinatie", roles=[Role.COORDINATIETEAM])
    page = browser_page
    external = []
    page.on(
        "request",
        lambda req: (
            external.append(req.url)
            if not req.url.startswith(("http://localhost", "http://127.0.0.1", "data:"))
            else None
        ),
    )
    log_in(page, "coordinatie")

    page.goto("/api/v1/docs/")
    expect(page.get_by_text("uwvkms API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/scores/").first).to_be_visible()

    page.goto("/")
    page.get_by_role("link", name=re.compile("coordinatie|·")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw profiel")
    page.get_by_label("Naam").fill("Export")
    page.get_by_role("button", name="Token aanmaken").click()
    key = page.get_by_label("Token").input_value()
    assert key.startswith("uwv_")
    answer = page.request.get("/api/v1/cycles/", headers={"Authorization": f"Bearer {key}"})
    assert answer.status == 200

    assert external == []
    assert_console_clean(console_messages, failed_loads={})
