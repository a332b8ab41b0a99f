"""Two-factor authentication in a real browser, with the production requirement on: a
coordinator logs in with the password, is led to set up the authenticator (QR code and the key
as text), confirms with a code, is shown the recovery codes once, and from then on logs in with
password and code; a recovery code works instead of the app. Every page passes axe and reflow."""

import re
from base64 import b32decode

import pytest
from django.test import override_settings
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_console_clean, check, log_out
from tests.factories import PASSWORD, UserFactory
from tests.totp import code_for
from uwvkms.constants import Role


def _password_step(page: Page, username: str) -> None:
    page.goto("/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_set_up_and_log_in_with_the_second_factor(
    browser_page: Page, console_messages, page_checks
):
    UserFactory(username="coordinatie", roles=[Role.COORDINATIETEAM])
    page = browser_page
    with override_settings(MFA_REQUIRED_ROLES=["Beheerder", "Coördinatieteam"]):
        _password_step(page, "coordinatie")
        expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
        expect(page.get_by_role("img", name="QR-code voor uw authenticator-app")).to_be_visible()
        check(page)
        # Nothing else is reachable before it is done.
        page.goto("/toetsing/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")

        secret = page.get_by_label("Sleutel").input_value()
        key = b32decode(secret.replace(" ", "")).hex()
        page.get_by_label("Code uit de app").fill("000000" if code_for(key) != "000000" else "1")
        page.get_by_role("button", name="Bevestigen").click()
        expect(page.get_by_text("Deze code klopt niet")).to_be_visible()
        check(page)
        page.get_by_label("Code uit de app").fill(code_for(key))
        page.get_by_role("button", name="Bevestigen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
        codes = page.get_by_role("list", name="Herstelcodes").get_by_role("listitem")
        expect(codes).to_have_count(10)
        recovery = codes.first.inner_text().strip()
        check(page)
        page.get_by_role("link", name="Ik heb ze bewaard").click()
        expect(page.get_by_text("nog 10 ongebruikte herstelcodes")).to_be_visible()
        check(page)
        log_out(page)

        _password_step(page, "coordinatie")
        expect(page.get_by_role("heading", level=1)).to_have_text("Verificatiecode")
        check(page)
        page.get_by_label("Verificatiecode").fill(code_for(key, steps_ahead=1))
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
        log_out(page)

        _password_step(page, "coordinatie")
        page.get_by_label("Verificatiecode").fill(recovery)
        page.get_by_role("button", name="Inloggen").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
        expect(
            page.get_by_text(re.compile("herstelcode gebruikt; er zijn er nog 9"))
        ).to_be_visible()
        check(page)

    assert_console_clean(console_messages, failed_loads={})
