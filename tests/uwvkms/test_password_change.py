"""A user changes their own password on /profiel/: the current one asked, Django's validators and
a list of breached passwords applied, the change in the event log; their other sessions end."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD
from uwvkms.models import AuditEvent

NEW = "Paars-Kanaal-Fiets-83"


def _change(client, old=PASSWORD, new=NEW, again=None):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": new, "new_password2": again or new},
    )


def test_the_page_is_dutch(client, auditor):
    client.force_login(auditor)
    content = client.get(reverse("password_change")).content.decode()
    assert "Huidig wachtwoord" in content and "Nieuw wachtwoord" in content


def test_the_password_changes_and_is_recorded(client, auditor):
    client.force_login(auditor)
    elsewhere = Client()
    elsewhere.force_login(auditor)

    response = _change(client)

    assert response["Location"] == reverse("profile")
    auditor.refresh_from_db()
    assert auditor.check_password(NEW)
    event = AuditEvent.objects.get(event="uwvkms.password.changed")
    assert (event.actor, event.object_id) == (auditor, str(auditor.pk))
    assert NEW not in str(event.changes)
    # This session stays, the other ends.
    assert client.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home")).status_code == 302


def test_a_wrong_current_password_changes_nothing(client, auditor):
    client.force_login(auditor)

    response = _change(client, old="fout")

    assert response.status_code == 400
    assert "Uw huidige wachtwoord klopt niet" in response.content.decode()
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD)
    assert not AuditEvent.objects.filter(event="uwvkms.password.changed").exists()


@pytest.mark.parametrize(
    ("new", "message"),
    [
        ("Zomer2025!", "lijst van gelekte of veelgebruikte wachtwoorden"),
        ("Welkom01", "lijst van gelekte of veelgebruikte wachtwoorden"),
        ("password123", "te algemeen"),
        ("kort1!", "te kort"),
        ("8439201845", "bevat alleen cijfers"),
    ],
)
def test_weak_and_breached_passwords_are_refused(client, auditor, new, message):
    client.force_login(auditor)

    response = _change(client, new=new)

    assert response.status_code == 400
    assert message in response.content.decode()
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD)


def test_the_two_new_passwords_must_match(client, auditor):
    client.force_login(auditor)
    response = _change(client, again=NEW + "x")
    assert response.status_code == 400
    assert "niet gelijk" in response.content.decode()
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD)


def test_anonymous_is_sent_to_the_login(client, db):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_wrong_current_passwords_count_for_the_lockout(client, auditor, settings):
    client.force_login(auditor)
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _change(client, old="fout")

    response = _change(client)

    assert response.status_code == 429
    auditor.refresh_from_db()
    assert auditor.check_password(PASSWORD)


def test_the_admins_password_change_is_this_page(client, auditor):
    client.force_login(auditor)
    response = client.get("/beheer/password_change/")
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change")
