"""The codes an authenticator app would show, for tests that log in with a second factor."""

from binascii import unhexlify

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from uwvkms.mfa import totp_secret_new


def code_for(key: str, *, steps_ahead: int = 0) -> str:
    """The six-digit code of the hex secret `key` now (or a step later: the app accepts one)."""
    return f"{totp(unhexlify(key), t0=-30 * steps_ahead):06d}"


def authenticator_for(user, key: str | None = None) -> TOTPDevice:
    """A confirmed authenticator for `user` (as the set-up page leaves it)."""
    return TOTPDevice.objects.create(
        user=user, key=key or totp_secret_new(), name="Authenticator-app", confirmed=True
    )


def log_in_with_code(client, user, device: TOTPDevice, *, password: str | None = None):
    """Log in through both steps, as the browser does; the session is then verified."""
    from django.urls import reverse  # noqa: PLC0415

    from tests.factories import PASSWORD  # noqa: PLC0415

    response = client.post(
        reverse("login"), {"username": user.username, "password": password or PASSWORD}
    )
    assert response["Location"] == reverse("login_code"), response
    response = client.post(reverse("login_code"), {"code": code_for(device.key)})
    assert response.status_code == 302, response.content.decode()[:500]
    return response
