"""Invitation by e-mail (issue 19 §2): a new user gets a one-time link, through the app's mailer
and the task worker, to set their own password (Django's validators apply); the link works once,
a new invitation makes the old one useless, and a deactivated account's link is refused."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from uwvkms.constants import Role
from uwvkms.mail import invitation_email
from uwvkms.models import AuditEvent, User
from uwvkms.users.invitation import invitation_tokens
from uwvkms.users.services import user_create, user_deactivate, user_invite

NEW_PASSWORD = "Blauwe-tulpen-in-Zwolle-42"


@pytest.fixture
def invited(beheerder, uitkeren, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return user_create(
            actor=beheerder,
            username="nina.nieuw",
            first_name="Nina",
            last_name="Nieuw",
            email="nina@example.invalid",
            business_unit=uitkeren,
            roles=[Role.TOETSER.value],
        )


def link_in(message) -> str:
    [url] = re.findall(r"https?://\S+/uitnodiging/\S+/", message.body)
    return urlsplit(url).path


def test_the_invitation_mail_has_a_one_time_link_and_nothing_more(invited):
    [message] = mail.outbox
    assert message.to == ["nina@example.invalid"]
    assert message.subject == "Uitnodiging voor uwvkms"
    assert "nina.nieuw" in message.body and "één keer" in message.body
    assert "Toetser" not in message.body  # no roles: mail leaves the building


def test_the_link_sets_a_password_once_and_the_user_logs_in(client, invited):
    link = link_in(mail.outbox[0])
    page = client.get(link)
    assert page.status_code == 200 and "nina.nieuw" in page.content.decode()
    assert "Nieuw wachtwoord" in page.content.decode()  # Django's form, in Dutch
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert User.objects.get(pk=invited.pk).check_password(NEW_PASSWORD)
    assert AuditEvent.objects.filter(event="uwvkms.user.invitation_accepted", actor=invited)
    # Spent: the same link again changes nothing.
    again = client.post(
        link, {"new_password1": "Iets-anders-99!", "new_password2": "Iets-anders-99!"}
    )
    assert again.status_code == 404
    assert "niet (meer) geldig" in again.content.decode()
    assert User.objects.get(pk=invited.pk).check_password(NEW_PASSWORD)
    logged_in = client.post(reverse("login"), {"username": "nina.nieuw", "password": NEW_PASSWORD})
    assert logged_in.status_code == 302


def test_a_weak_password_is_refused_and_the_link_still_works(client, invited):
    link = link_in(mail.outbox[0])
    response = client.post(link, {"new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 400
    assert "Dit wachtwoord is te algemeen." in response.content.decode()
    assert not User.objects.get(pk=invited.pk).has_usable_password()
    assert client.get(link).status_code == 200


def test_a_new_invitation_makes_the_old_link_useless(
    client, beheerder, invited, django_capture_on_commit_callbacks
):
    old = link_in(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        user_invite(actor=beheerder, user=invited)
    new = link_in(mail.outbox[1])
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_deactivated_accounts_link_is_refused(client, beheerder, invited):
    link = link_in(mail.outbox[0])
    user_deactivate(actor=beheerder, user=invited, expected_version=1, reason="Gaat niet door.")
    response = client.post(link, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 404
    assert not User.objects.get(pk=invited.pk).has_usable_password()


def test_a_made_up_link_is_refused(client, invited):
    assert client.get(reverse("invitation_accept", args=["MQ", "abc-123"])).status_code == 404
    assert client.get(reverse("invitation_accept", args=["%%%", "abc-123"])).status_code == 404


def test_only_an_invited_account_is_invited_again(beheerder, auditor):
    with pytest.raises(ValidationError, match="al een eigen wachtwoord"):
        user_invite(actor=beheerder, user=auditor)


def test_the_beheerder_sends_a_new_invitation_from_the_detail_page(
    client, beheerder, invited, django_capture_on_commit_callbacks
):
    client.force_login(beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("user_invite", args=[invited.pk]))
    assert response.status_code == 302
    assert len(mail.outbox) == 2


class _Clock:
    """Moves the invitation generator's clock (`_now`, Django's hook for tests)."""

    def __init__(self, monkeypatch):
        self.now = datetime.datetime.now()
        monkeypatch.setattr(invitation_tokens, "_now", lambda: self.now)

    def move(self, **delta):
        self.now += datetime.timedelta(**delta)


def test_the_link_works_for_the_invitation_days_not_the_reset_timeout(
    client, invited, monkeypatch, settings
):
    """PASSWORD_RESET_TIMEOUT is an hour; an invitation works INVITATION_TIMEOUT_DAYS."""
    assert settings.PASSWORD_RESET_TIMEOUT == 60 * 60 and settings.INVITATION_TIMEOUT_DAYS == 3
    clock = _Clock(monkeypatch)
    link = link_in(mail.outbox[0])
    clock.move(hours=2)
    assert client.get(link).status_code == 200
    clock.move(days=3)
    assert client.get(link).status_code == 404
    settings.INVITATION_TIMEOUT_DAYS = 7
    assert client.get(link).status_code == 200


@pytest.mark.parametrize(("days", "text"), [(3, "is 3 dagen geldig"), (1, "is 1 dag geldig")])
def test_the_mail_says_how_long_the_link_works(invited, settings, days, text):
    settings.INVITATION_TIMEOUT_DAYS = days
    _subject, body = invitation_email(invited, "https://kms.example.invalid/uitnodiging/x/")
    assert text in body
