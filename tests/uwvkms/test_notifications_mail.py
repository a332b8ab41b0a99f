"""Notifications by e-mail (issue 16 §3) against a real SMTP server (aiosmtpd, in-process): the
mail goes out from the task after the commit, never before; it is Dutch, with an absolute link
and nothing beyond the object's title; a failing server is recorded and logged, and
`manage.py meldingen_mailen` tries again until it goes out. A recipient who chose the app only
gets no mail."""

import datetime
import socket
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings

from uwvkms.constants import Delivery
from uwvkms.models import Notification
from uwvkms.notifications import NotificationKind, notification_preferences_set, notify

KIND = NotificationKind("uwvkms.test.mail", "Testmelding ter controle")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """The aiosmtpd handler: keeps every message it accepts."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_port():
    return free_port()


@pytest.fixture
def smtp_settings(smtp_port):
    # As uwvkms/settings.py builds it from EMAIL_BACKEND=…smtp.EmailBackend, EMAIL_HOST, ….
    mailer = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": smtp_port, "use_tls": False, "timeout": 5},
    }
    with override_settings(
        MAILERS={"default": mailer},
        SITE_URL="https://kms.uwv.example",
        DEFAULT_FROM_EMAIL="uwvkms <noreply@kms.uwv.example>",
    ):
        yield


@pytest.fixture
def smtp_server(smtp_port, smtp_settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    yield inbox
    controller.stop()


def subject_of(message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def body_of(message) -> str:
    return message.get_payload(decode=True).decode(message.get_content_charset() or "utf-8")


def test_the_mail_goes_out_after_the_commit_through_smtp(
    smtp_server, auditor, other_auditor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(
            kind=KIND,
            recipients=[auditor, auditor],
            title="Klantgerichtheid bij Uitkeren (2031)",
            url="/volwassenheid/2031/",
        )
        # Inside the transaction nothing has been sent.
        assert smtp_server.messages == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(smtp_server.messages) == 1
    recipients, message = smtp_server.messages[0]
    assert recipients == [auditor.email]
    assert subject_of(message) == "uwvkms: Testmelding ter controle"
    body = body_of(message)
    assert "Goedendag," in body
    assert "Klantgerichtheid bij Uitkeren (2031)" in body
    assert "https://kms.uwv.example/volwassenheid/2031/" in body
    assert "https://kms.uwv.example/profiel/" in body
    notification = Notification.objects.get()
    assert notification.recipient == auditor
    assert notification.emailed_at is not None and notification.email_attempts == 1
    assert not Notification.objects.filter(recipient=other_auditor).exists()


def test_a_failing_server_is_recorded_logged_and_retried(
    smtp_port, smtp_settings, auditor, django_capture_on_commit_callbacks, caplog
):
    # No server listens yet: the mail fails, is logged and stays to be sent.
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=KIND, recipients=[auditor], title="Rapport 2031", url="/rapportage/")
    notification = Notification.objects.get()
    assert notification.emailed_at is None
    assert notification.email_attempts == 1 and notification.email_error
    assert "Mailing notification" in caplog.text
    # The watchdog leaves a mail just made to the worker; this one is older.
    Notification.objects.update(created_at=notification.created_at - datetime.timedelta(hours=1))
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        call_command("meldingen_mailen")
        call_command("meldingen_mailen")  # a second run sends nothing again
    finally:
        controller.stop()
    assert len(inbox.messages) == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    assert notification.email_attempts == 2 and notification.email_error == ""


@override_settings(NOTIFICATION_EMAIL_MAX_ATTEMPTS=2)
def test_retries_stop_after_the_maximum(smtp_settings, auditor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(kind=KIND, recipients=[auditor], title="Rapport 2031", url="/rapportage/")
    Notification.objects.update(created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    call_command("meldingen_mailen")
    call_command("meldingen_mailen")
    notification = Notification.objects.get()
    assert notification.email_attempts == 2 and notification.emailed_at is None


def test_app_only_and_digest_preferences_send_no_immediate_mail(
    smtp_server, auditor, coordinator, unit_board, django_capture_on_commit_callbacks
):
    notification_preferences_set(user=coordinator, deliveries={KIND: Delivery.APP})
    notification_preferences_set(user=unit_board, deliveries={KIND: Delivery.DIGEST})
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            kind=KIND,
            recipients=[auditor, coordinator, unit_board],
            title="Rapport 2031",
            url="/rapportage/",
        )
    assert [r for r, _m in smtp_server.messages] == [[auditor.email]]
    assert Notification.objects.count() == 3
    by_user = dict(Notification.objects.values_list("recipient__username", "delivery"))
    assert by_user == {
        auditor.username: Delivery.IMMEDIATE,
        coordinator.username: Delivery.APP,
        unit_board.username: Delivery.DIGEST,
    }
    # The daily job mails the digest once, through the same server.
    call_command("stuur_herinneringen")
    call_command("stuur_herinneringen")
    assert [r for r, _m in smtp_server.messages] == [[auditor.email], [unit_board.email]]
    digest = smtp_server.messages[1][1]
    assert subject_of(digest) == "uwvkms: 1 meldingen van vandaag"
    assert "Testmelding ter controle: Rapport 2031" in body_of(digest)
    assert Notification.objects.get(recipient=coordinator).emailed_at is None


def test_an_undeclared_kind_is_refused(auditor):
    with pytest.raises(ValueError, match="Undeclared"):
        notify(kind="uwvkms.test.unknown", recipients=[auditor], title="x", url="/")
    assert not Notification.objects.exists()


def test_inactive_users_are_not_notified(auditor):
    auditor.is_active = False
    auditor.save(update_fields=["is_active"])
    assert notify(kind=KIND, recipients=[auditor], title="x", url="/") == []
