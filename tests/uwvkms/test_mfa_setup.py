"""Setting up two-factor authentication on /profiel/: a QR code (inline SVG) and the secret as
text, confirmed with a code; recovery codes shown once and made anew; switching it off where it
is not required; a Beheerder resetting someone's. Every change is in the event log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.totp import authenticator_for, code_for, log_in_with_code
from uwvkms.mfa import mfa_recovery_codes_regenerate, mfa_reset, mfa_totp_enable
from uwvkms.models import AuditEvent

SETUP_KEY = "uwvkms_mfa_setup_key"


def _events(name):
    return AuditEvent.objects.filter(event=name)


def test_the_set_up_page_shows_a_qr_code_and_the_secret_and_writes_nothing(client, auditor):
    client.force_login(auditor)

    response = client.get(reverse("mfa_setup"))

    content = response.content.decode()
    assert response.status_code == 200
    assert '<svg role="img"' in content and "<title>QR-code voor uw authenticator-app" in content
    key = client.session[SETUP_KEY]
    from uwvkms.mfa import totp_secret_text

    assert totp_secret_text(key) in content
    assert 'for="mfa-secret"' in content
    assert "no-store" in response["Cache-Control"]
    assert not TOTPDevice.objects.exists()
    # The same secret until it is confirmed (a reload does not invalidate a scanned code).
    client.get(reverse("mfa_setup"))
    assert client.session[SETUP_KEY] == key


def test_a_wrong_code_sets_nothing_up(client, auditor):
    client.force_login(auditor)
    client.get(reverse("mfa_setup"))

    response = client.post(reverse("mfa_setup"), {"code": "12345"})

    assert response.status_code == 200
    assert "Deze code klopt niet" in response.content.decode()
    assert 'value="12345"' in response.content.decode()
    assert not TOTPDevice.objects.exists()
    assert not _events("uwvkms.mfa.enabled").exists()


def test_the_right_code_sets_it_up_and_shows_the_recovery_codes_once(client, auditor):
    client.force_login(auditor)
    client.get(reverse("mfa_setup"))
    key = client.session[SETUP_KEY]

    response = client.post(reverse("mfa_setup"), {"code": code_for(key)})

    content = response.content.decode()
    device = TOTPDevice.objects.get(user=auditor, confirmed=True)
    assert device.key == key
    tokens = list(StaticToken.objects.filter(device__user=auditor).values_list("token", flat=True))
    assert len(tokens) == 10
    assert all(token in content for token in tokens)
    assert "no-store" in response["Cache-Control"]
    assert SETUP_KEY not in client.session
    event = _events("uwvkms.mfa.enabled").get()
    assert event.actor == auditor and event.object_id == str(auditor.pk)
    # Not shown again.
    overview = client.get(reverse("mfa_overview")).content.decode()
    assert "nog 10 ongebruikte herstelcodes" in overview
    assert not any(token in overview for token in tokens)


def test_new_recovery_codes_replace_the_old(client, auditor):
    device = authenticator_for(auditor)
    old = mfa_recovery_codes_regenerate(user=auditor)
    log_in_with_code(client, auditor, device)

    response = client.post(reverse("mfa_recovery_codes"))

    new = list(StaticToken.objects.filter(device__user=auditor).values_list("token", flat=True))
    assert response.status_code == 200
    assert not set(old) & set(new)
    assert all(code in response.content.decode() for code in new)
    assert _events("uwvkms.mfa_recovery_codes.generated").count() == 2


def test_recovery_codes_need_an_authenticator(client, auditor):
    client.force_login(auditor)
    response = client.post(reverse("mfa_recovery_codes"), follow=True)
    assert "Stel eerst tweestapsverificatie in" in response.content.decode()
    assert not StaticDevice.objects.exists()
    assert client.get(reverse("mfa_recovery_codes")).status_code == 405


def test_switching_off_asks_the_password(client, auditor):
    device = authenticator_for(auditor)
    mfa_recovery_codes_regenerate(user=auditor)
    log_in_with_code(client, auditor, device)
    assert client.get(reverse("mfa_switch_off")).status_code == 200

    refused = client.post(reverse("mfa_switch_off"), {"password": "fout"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=auditor).exists()

    from tests.factories import PASSWORD

    response = client.post(reverse("mfa_switch_off"), {"password": PASSWORD})
    assert response["Location"] == reverse("mfa_overview")
    assert not TOTPDevice.objects.filter(user=auditor).exists()
    assert not StaticDevice.objects.filter(user=auditor).exists()
    assert _events("uwvkms.mfa.disabled").get().actor == auditor


def test_switching_off_is_refused_where_it_is_required(client, coordinator):
    from tests.factories import PASSWORD

    with override_settings(MFA_REQUIRED_ROLES=["Coördinatieteam"]):
        client.force_login(coordinator)
        # Set up on the page: the code typed there verifies the session.
        client.get(reverse("mfa_setup"))
        key = client.session[SETUP_KEY]
        client.post(reverse("mfa_setup"), {"code": code_for(key)})
        page = client.get(reverse("mfa_switch_off")).content.decode()
        assert "u kunt die niet uitschakelen" in page
        client.post(reverse("mfa_switch_off"), {"password": PASSWORD})
    assert TOTPDevice.objects.filter(user=coordinator).exists()
    assert not _events("uwvkms.mfa.disabled").exists()


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", "mfa_setup"),
        ("get", "mfa_overview"),
        ("post", "mfa_recovery_codes"),
        ("post", "mfa_switch_off"),
    ],
)
def test_a_session_without_the_code_cannot_touch_the_authenticator(client, auditor, method, url):
    """Only a session that gave the code manages the second factor; any other is logged out."""
    device = authenticator_for(auditor)
    client.force_login(auditor)

    response = getattr(client, method)(reverse(url), {"password": "x"} if method == "post" else {})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert TOTPDevice.objects.get(user=auditor) == device


def test_a_beheerder_resets_someones_mfa_with_a_reason(beheerder, auditor):
    authenticator_for(auditor)
    mfa_recovery_codes_regenerate(user=auditor)

    mfa_reset(actor=beheerder, user=auditor, reason="Telefoon kwijt")

    assert not TOTPDevice.objects.filter(user=auditor).exists()
    assert not StaticDevice.objects.filter(user=auditor).exists()
    event = _events("uwvkms.mfa.reset").get()
    assert (event.actor, event.object_id, event.reason) == (
        beheerder,
        str(auditor.pk),
        "Telefoon kwijt",
    )


@pytest.mark.parametrize("persona", ["coordinator", "auditor"])
def test_only_a_beheerder_resets_mfa(request, persona, other_auditor):
    authenticator_for(other_auditor)
    with pytest.raises(PermissionDenied):
        mfa_reset(actor=request.getfixturevalue(persona), user=other_auditor, reason="x")
    assert TOTPDevice.objects.filter(user=other_auditor).exists()


def test_a_reset_needs_a_reason(beheerder, auditor):
    authenticator_for(auditor)
    with pytest.raises(ValidationError):
        mfa_reset(actor=beheerder, user=auditor, reason="  ")
    assert TOTPDevice.objects.filter(user=auditor).exists()


def test_setting_up_again_replaces_the_authenticator(auditor):
    old = authenticator_for(auditor)
    from uwvkms.mfa import totp_secret_new

    key = totp_secret_new()
    mfa_totp_enable(user=auditor, key=key, code=code_for(key))

    assert list(TOTPDevice.objects.filter(user=auditor).values_list("key", flat=True)) == [key]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()


def test_the_profile_links_to_the_security_pages(client, auditor):
    client.force_login(auditor)
    content = client.get(reverse("profile")).content.decode()
    assert reverse("password_change") in content
    assert reverse("mfa_overview") in content


def test_wrong_passwords_when_switching_off_count_for_the_lockout(client, auditor, settings):
    """As on the password change page: a session left open is no way to guess the password."""
    from tests.factories import PASSWORD

    device = authenticator_for(auditor)
    log_in_with_code(client, auditor, device)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("mfa_switch_off"), {"password": "fout"})

    response = client.post(reverse("mfa_switch_off"), {"password": PASSWORD})

    assert response.status_code == 429
    assert TOTPDevice.objects.filter(user=auditor).exists()
    assert not _events("uwvkms.mfa.disabled").exists()
