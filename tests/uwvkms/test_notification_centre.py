"""The notification centre (/meldingen/): the user's own notifications, unread first, marked
read one by one or all at once (POST); someone else's is not found (404). The navigation shows
the unread count without a query of its own. Preferences per kind are kept on /profiel/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from uwvkms.constants import Delivery
from uwvkms.models import Notification, NotificationPreference, User
from uwvkms.notifications import NotificationKind, declared_kinds, notify

KIND = NotificationKind("uwvkms.test.centre", "Testmelding voor het centrum")


def make(user, title, url="/toetsing/"):
    return notify(kind=KIND, recipients=[user], title=title, url=url)[0]


def test_the_centre_lists_own_notifications_unread_first(client, auditor, other_auditor):
    old = make(auditor, "Eerste melding")
    make(auditor, "Tweede melding")
    make(other_auditor, "Melding van een ander")
    Notification.objects.filter(pk=old.pk).update(read_at=old.created_at)
    client.force_login(auditor)
    body = client.get(reverse("notification_list")).content.decode()
    assert "<h1" in body and "Meldingen" in body
    assert body.index("Tweede melding") < body.index("Eerste melding")
    assert "Melding van een ander" not in body
    assert 'href="/toetsing/"' in body
    assert "Testmelding voor het centrum" in body
    assert '<th scope="col">' in body


def test_mark_one_read(client, auditor):
    notification = make(auditor, "Lees mij")
    client.force_login(auditor)
    url = reverse("notification_read", args=[notification.pk])
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("notification_list")
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_someone_elses_notification_is_not_found(client, auditor, other_auditor):
    notification = make(auditor, "Niet voor u")
    client.force_login(other_auditor)
    assert client.post(reverse("notification_read", args=[notification.pk])).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_touches_only_own(client, auditor, other_auditor):
    make(auditor, "Een")
    make(auditor, "Twee")
    make(other_auditor, "Van een ander")
    client.force_login(auditor)
    assert client.post(reverse("notifications_read_all")).status_code == 302
    assert not Notification.objects.filter(recipient=auditor, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other_auditor, read_at__isnull=True).exists()


def test_the_centre_needs_a_login(client):
    response = client.get(reverse("notification_list"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_navigation_shows_the_unread_count_in_the_roles_query(client, auditor):
    make(auditor, "Een")
    make(auditor, "Twee")
    user = User.objects.get(pk=auditor.pk)
    with CaptureQueriesContext(connection) as ctx:
        assert user.fact("unread_notifications") == 2
    assert len(ctx.captured_queries) == 1
    client.force_login(auditor)
    body = client.get(reverse("home")).content.decode()
    assert 'href="/meldingen/">Meldingen <span class="badge text-bg-light">2</span>' in body
    assert "ongelezen" in body


def test_preferences_are_shown_and_saved_on_the_profile(client, auditor):
    client.force_login(auditor)
    body = client.get(reverse("profile")).content.decode()
    assert "Meldingen per e-mail" in body
    assert f'<label class="col-md-6 col-form-label" for="id_{KIND}">' in body
    assert "Direct per e-mail" in body and "Alleen in de app" in body
    # The browser posts every kind of the form.
    data = dict.fromkeys(declared_kinds(), Delivery.IMMEDIATE)
    response = client.post(reverse("notification_preferences"), {**data, KIND: Delivery.DIGEST})
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=auditor, kind=KIND).delivery == "dagelijks"
    # Saved again: still one row per kind (unique per user and kind).
    client.post(reverse("notification_preferences"), {**data, KIND: Delivery.APP})
    assert NotificationPreference.objects.get(user=auditor, kind=KIND).delivery == "app"
    assert make(auditor, "Nu in de app").delivery == Delivery.APP


def test_an_unknown_delivery_is_refused(client, auditor):
    client.force_login(auditor)
    data = dict.fromkeys(declared_kinds(), Delivery.IMMEDIATE)
    client.post(reverse("notification_preferences"), {**data, KIND: "per-duif"})
    assert not NotificationPreference.objects.filter(user=auditor).exists()
    assert client.get(reverse("notification_preferences")).status_code == 405


@pytest.mark.parametrize("persona", ["auditor", "coordinator", "outsider"])
def test_the_centre_costs_a_fixed_number_of_queries(
    db, client, request, persona, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona)
    for n in range(30):
        make(user, f"Melding {n}")
    client.force_login(user)
    client.get(reverse("notification_list"))
    # The user, the roles with their facts, the count and the page; and the work queue's count
    # in the navigation bar (at most six for these roles, as their home pages pin: the auditor's
    # sixth is its assignments whose hours are missing, issue 21 §6).
    with django_assert_max_num_queries(4 + 6):
        assert client.get(reverse("notification_list")).status_code == 200
