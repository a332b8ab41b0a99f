"""Where the settings require MFA (the production-mode stack), loaddemo gives the demo users of
those roles an authenticator with the demo key, and the code helper of the prod tier and the
load test (tests/demo_totp.py) logs them in through the real code step. With `make demo`'s
settings (nothing required) they log in with the password alone."""

from binascii import unhexlify

from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.people import DEMO_PASSWORD, DEMO_TOTP_KEY, login_lines, people_get_or_create
from tests.demo_totp import DEMO_TOTP_KEY as HELPER_KEY
from tests.demo_totp import totp_code

PRODUCTION = {
    "MFA_REQUIRED_ROLES": ["Beheerder", "Coördinatieteam"],
    "MFA_REQUIRED_FOR_ADMIN": True,
}


def test_the_demo_users_who_must_use_mfa_get_the_demo_authenticator(client, db):
    with override_settings(**PRODUCTION):
        people_get_or_create(["coordinatie", "coordinatie2", "beheerder", "toetser01"])
        assert "authenticator-sleutel" in "\n".join(login_lines([]))

        assert set(TOTPDevice.objects.values_list("user__username", flat=True)) == {
            "coordinatie",
            "coordinatie2",
            "beheerder",
        }
        assert unhexlify(DEMO_TOTP_KEY) == HELPER_KEY

        for _login in range(2):  # twice within one step: the helper takes the next step's code
            response = client.post(
                reverse("login"), {"username": "coordinatie", "password": DEMO_PASSWORD}
            )
            assert response["Location"] == reverse("login_code")
            response = client.post(reverse("login_code"), {"code": totp_code("coordinatie")})
            assert response["Location"] == reverse("home")
            assert client.get(reverse("home")).status_code == 200
            client.post(reverse("logout"))


def test_without_the_requirement_the_demo_has_no_authenticators(client, db):
    people_get_or_create(["coordinatie", "beheerder"])

    assert not TOTPDevice.objects.exists()
    assert "authenticator-sleutel" not in "\n".join(login_lines([]))
    response = client.post(reverse("login"), {"username": "beheerder", "password": DEMO_PASSWORD})
    assert response["Location"] == reverse("home")
