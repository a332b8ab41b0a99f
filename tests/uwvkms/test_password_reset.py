"""A forgotten password is reset through a link by e-mail (sent through a real SMTP server by
the task after the commit): the answer never tells whether the address is known, the link works
once and for a limited time, the new password is validated and the reset is in the event log.
A user with an authenticator still needs its code after a reset."""

import re

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.totp import authenticator_for
from tests.uwvkms import test_notifications_mail as mail_tests
from uwvkms.models import AuditEvent

# The real SMTP server (aiosmtpd) of the notification mail tests.
smtp_port = mail_tests.smtp_port
smtp_settings = mail_tests.smtp_settings
smtp_server = mail_tests.smtp_server
body_of, subject_of = mail_tests.body_of, mail_tests.subject_of

NEW = "Paars-Kanaal-Fiets-83"
LINK = re.compile(r"https://kms\.uwv\.example(/wachtwoord-herstellen/[^/\s]+/[^/\s]+/)")


def _ask(client, email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(reverse("password_reset"), {"email": email})


@pytest.fixture
def anouk(db):
    return UserFactory(username="anouk", email="anouk@uwv.example")


def test_a_known_address_gets_a_dutch_mail_with_a_link(
    client, anouk, smtp_server, django_capture_on_commit_callbacks
):
    response = _ask(client, "Anouk@UWV.example", django_capture_on_commit_callbacks)

    assert response["Location"] == reverse("password_reset_done")
    [(recipients, message)] = smtp_server.messages
    assert recipients == ["anouk@uwv.example"]
    assert subject_of(message) == "uwvkms: nieuw wachtwoord kiezen"
    body = body_of(message)
    assert "Goedendag" in body and "anouk" in body and "60 minuten" in body
    assert LINK.search(body)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client, anouk, smtp_server, django_capture_on_commit_callbacks
):
    known = _ask(client, "anouk@uwv.example", django_capture_on_commit_callbacks)
    unknown = _ask(client, "niemand@uwv.example", django_capture_on_commit_callbacks)

    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    assert len(smtp_server.messages) == 1
    page = client.get(reverse("password_reset_done")).content.decode()
    assert "Hoort het adres bij een account" in page


def test_an_inactive_user_gets_no_mail(client, smtp_server, django_capture_on_commit_callbacks, db):
    UserFactory(username="weg", email="weg@uwv.example", is_active=False)
    _ask(client, "weg@uwv.example", django_capture_on_commit_callbacks)
    assert smtp_server.messages == []


def test_the_link_sets_a_new_password_once(
    client, anouk, smtp_server, django_capture_on_commit_callbacks
):
    _ask(client, "anouk@uwv.example", django_capture_on_commit_callbacks)
    path = LINK.search(body_of(smtp_server.messages[0][1])).group(1)

    form_url = client.get(path)["Location"]  # Django hides the token behind a redirect
    page = client.get(form_url)
    assert "Nieuw wachtwoord kiezen" in page.content.decode()
    weak = client.post(form_url, {"new_password1": "Zomer2025!", "new_password2": "Zomer2025!"})
    assert "gelekte of veelgebruikte" in weak.content.decode()
    anouk.refresh_from_db()
    assert anouk.check_password(PASSWORD)

    done = client.post(form_url, {"new_password1": NEW, "new_password2": NEW})

    assert done["Location"] == reverse("password_reset_complete")
    anouk.refresh_from_db()
    assert anouk.check_password(NEW)
    event = AuditEvent.objects.get(event="uwvkms.password.reset")
    assert (event.actor, event.object_id) == (anouk, str(anouk.pk))
    # Not logged in by the reset; the link no longer works.
    assert "_auth_user_id" not in client.session
    again = client.get(path, follow=True)
    assert "werkt niet (meer)" in again.content.decode()


def test_a_reset_does_not_skip_the_code(
    client, anouk, smtp_server, django_capture_on_commit_callbacks
):
    authenticator_for(anouk)
    _ask(client, "anouk@uwv.example", django_capture_on_commit_callbacks)
    path = LINK.search(body_of(smtp_server.messages[0][1])).group(1)
    form_url = client.get(path)["Location"]
    client.post(form_url, {"new_password1": NEW, "new_password2": NEW})

    response = client.post(reverse("login"), {"username": "anouk", "password": NEW})

    assert response["Location"] == reverse("login_code")
    assert "_auth_user_id" not in client.session


def test_the_login_page_links_to_the_reset(client, db):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
