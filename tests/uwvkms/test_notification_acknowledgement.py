"""Acknowledgement of notifications (issue 20): a notification can ask its recipient to say
they took note; the recipient (and only they) does so once, with the "Kennisgenomen" button on
their notification centre; `informing_of` tells the sender per object who was informed when and
who took note. Refusals change nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import UserFactory
from uwvkms.events import NOTIFICATION_ACKNOWLEDGED
from uwvkms.models import AuditEvent, Notification
from uwvkms.notifications import (
    NotificationKind,
    informing_of,
    notification_acknowledge,
    notify,
)

KIND = NotificationKind("uwvkms.test.informing", "Testmelding die om kennisname vraagt")
PLAIN = NotificationKind("uwvkms.test.plain_informing", "Testmelding zonder kennisname")


def inform(users, target, kind=KIND, acknowledgement=True):
    return notify(
        kind=kind,
        recipients=users,
        title="Iets om te weten",
        url="/meldingen/",
        target=target,
        acknowledgement=acknowledgement,
    )


@pytest.mark.parametrize(
    ("asks", "acknowledged", "allowed"),
    [(True, None, True), (True, "now", True), (False, None, True), (False, "now", False)],
)
def test_the_database_keeps_acknowledgements_to_notifications_that_ask(
    db, auditor, asks, acknowledged, allowed
):
    from django.utils import timezone

    row = Notification(
        recipient=auditor,
        kind=KIND,
        title="T",
        url="/",
        asks_acknowledgement=asks,
        acknowledged_at=timezone.now() if acknowledged else None,
    )
    if allowed:
        row.save()
        return
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_notify_asks_for_acknowledgement_only_when_told(auditor, uitkeren):
    assert inform([auditor], uitkeren)[0].asks_acknowledgement is True
    assert (
        inform([auditor], uitkeren, kind=PLAIN, acknowledgement=False)[0].asks_acknowledgement
        is False
    )


def test_the_recipient_acknowledges_once_and_it_is_logged(auditor, uitkeren):
    notification = inform([auditor], uitkeren)[0]
    notification_acknowledge(user=auditor, notification=notification)
    notification.refresh_from_db()
    first = notification.acknowledged_at
    assert first is not None and notification.read_at is not None
    event = AuditEvent.objects.get(event=NOTIFICATION_ACKNOWLEDGED)
    # Recorded on the object it is about (scoped in the event log like that object's rows).
    assert event.actor == auditor
    assert (event.object_type, event.object_id) == ("uwvkms.businessunit", str(uitkeren.pk))
    assert event.changes["notification"] == [None, notification.pk]
    # Again: nothing changes, nothing more is logged.
    notification_acknowledge(user=auditor, notification=notification)
    notification.refresh_from_db()
    assert notification.acknowledged_at == first
    assert AuditEvent.objects.filter(event=NOTIFICATION_ACKNOWLEDGED).count() == 1


def test_someone_else_cannot_acknowledge(auditor, other_auditor, uitkeren):
    notification = inform([auditor], uitkeren)[0]
    with pytest.raises(PermissionDenied):
        notification_acknowledge(user=other_auditor, notification=notification)
    notification.refresh_from_db()
    assert notification.acknowledged_at is None
    assert not AuditEvent.objects.filter(event=NOTIFICATION_ACKNOWLEDGED).exists()


def test_a_notification_that_asks_nothing_is_not_acknowledged(auditor, uitkeren):
    notification = inform([auditor], uitkeren, kind=PLAIN, acknowledgement=False)[0]
    with pytest.raises(ValidationError):
        notification_acknowledge(user=auditor, notification=notification)
    notification.refresh_from_db()
    assert notification.acknowledged_at is None


def test_the_centre_offers_the_button_and_records_it(client, auditor, uitkeren):
    asking = inform([auditor], uitkeren)[0]
    plain = inform([auditor], uitkeren, kind=PLAIN, acknowledgement=False)[0]
    client.force_login(auditor)
    body = client.get(reverse("notification_list")).content.decode()
    url = reverse("notification_acknowledge", args=[asking.pk])
    assert f'action="{url}"' in body and "Kennisgenomen" in body
    assert reverse("notification_acknowledge", args=[plain.pk]) not in body
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("notification_list")
    asking.refresh_from_db()
    assert asking.acknowledged_at is not None
    body = client.get(reverse("notification_list")).content.decode()
    assert f'action="{url}"' not in body and "kennisgenomen op" in body


def test_someone_elses_notification_is_not_found_on_the_centre(
    client, auditor, other_auditor, uitkeren
):
    notification = inform([auditor], uitkeren)[0]
    client.force_login(other_auditor)
    url = reverse("notification_acknowledge", args=[notification.pk])
    assert client.post(url).status_code == 404
    notification.refresh_from_db()
    assert notification.acknowledged_at is None


def test_acknowledging_a_plain_notification_on_the_centre_says_why(client, auditor, uitkeren):
    plain = inform([auditor], uitkeren, kind=PLAIN, acknowledgement=False)[0]
    client.force_login(auditor)
    response = client.post(reverse("notification_acknowledge", args=[plain.pk]), follow=True)
    assert "vraagt niet om kennisname" in response.content.decode()


def test_informing_of_tells_who_was_informed_and_who_took_note(auditor, other_auditor, uitkeren):
    inform([auditor, other_auditor], uitkeren)
    inform([auditor], uitkeren, kind=PLAIN, acknowledgement=False)
    notification_acknowledge(
        user=auditor, notification=Notification.objects.get(recipient=auditor, kind=KIND)
    )
    state = informing_of([uitkeren], [KIND, PLAIN])
    assert set(state) == {(str(uitkeren.pk), str(KIND))}
    informing = state[(str(uitkeren.pk), str(KIND))]
    assert len(informing.recipients) == 2
    assert [p.user for p in informing.acknowledged] == [auditor]
    assert [p.user for p in informing.waiting] == [other_auditor]
    # Sent again (a corrected decision): it asks again.
    inform([auditor], uitkeren)
    informing = informing_of([uitkeren], [KIND])[(str(uitkeren.pk), str(KIND))]
    assert len(informing.recipients) == 2 and informing.acknowledged == []


def test_informing_of_costs_one_query_whatever_the_recipients(db, uitkeren):
    people = [UserFactory() for _ in range(12)]
    inform(people, uitkeren)
    with CaptureQueriesContext(connection) as ctx:
        informing = informing_of([uitkeren], [KIND])[(str(uitkeren.pk), str(KIND))]
        names = [str(p.user) for p in informing.recipients]
    assert len(names) == 12
    assert len(ctx.captured_queries) == 1


def test_the_mail_asks_to_take_note_only_when_the_notification_does(auditor, uitkeren):
    from uwvkms.mail import notification_email

    _subject, body = notification_email(inform([auditor], uitkeren)[0])
    assert "Kennisgenomen" in body and "/meldingen/" in body
    _subject, body = notification_email(
        inform([auditor], uitkeren, kind=PLAIN, acknowledgement=False)[0]
    )
    assert "Kennisgenomen" not in body
