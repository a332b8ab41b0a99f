"""The Gebruikers pages of the Beheerder (issue 19 §2): only for the Beheerder (403 for everyone
else, 404 for an unknown account), a list with search and filters in a fixed number of queries,
one form to create an account with its roles, an edit that asks a reason for a role change and
refuses a stale save, deactivation that stops a user logging in, and the history of roles."""

import datetime

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD, UserFactory
from uwvkms.constants import Role
from uwvkms.events import MFA_RESET
from uwvkms.models import AuditEvent, User

LIST = reverse("user_list")


def detail(user) -> str:
    return reverse("user_detail", args=[user.pk])


def listed(client, **params) -> list[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200
    return [user.username for user in response.context["page"]]


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["coordinator", "auditor", "board_member", "outsider"])
def test_only_the_beheerder_reaches_the_pages(client, request, persona, auditor):
    client.force_login(request.getfixturevalue(persona))
    for url in (
        LIST,
        reverse("user_create"),
        detail(auditor),
        reverse("user_edit", args=[auditor.pk]),
    ):
        assert client.get(url).status_code == 403, url
    for name in ("user_deactivate", "user_reactivate", "user_invite"):
        response = client.post(reverse(name, args=[auditor.pk]), {"reason": "x", "version": 1})
        assert response.status_code == 403, name
    assert User.objects.get(pk=auditor.pk).is_active
    assert "Gebruikers</a>" not in client.get(reverse("home")).content.decode()


def test_an_unknown_account_is_not_found(client, beheerder):
    client.force_login(beheerder)
    assert client.get(reverse("user_detail", args=[999999])).status_code == 404
    assert client.get(reverse("user_edit", args=[999999])).status_code == 404


def test_the_navigation_leads_the_beheerder_to_the_list(client, beheerder):
    client.force_login(beheerder)
    assert f'href="{LIST}">Gebruikers</a>' in client.get(reverse("home")).content.decode()


# --- the list ---------------------------------------------------------------------------------


def test_search_and_filters(client, beheerder, auditor, other_auditor, coordinator, uitkeren):
    long_ago = timezone.now() - datetime.timedelta(days=200)
    User.objects.filter(pk=auditor.pk).update(last_login=timezone.now())
    User.objects.filter(pk=other_auditor.pk).update(last_login=long_ago)
    User.objects.filter(pk=coordinator.pk).update(is_active=False)
    invited = UserFactory(username="nieuw", email="nina@uwv.invalid", business_unit=uitkeren)
    User.objects.filter(pk=invited.pk).update(password=make_password(None))
    client.force_login(beheerder)

    assert set(listed(client)) == {"beheerder", "auditor", "other_auditor", "coordinator", "nieuw"}
    assert listed(client, zoek="Anouk") == ["auditor"]  # first name
    assert listed(client, zoek="nina@uwv") == ["nieuw"]  # e-mail
    assert listed(client, zoek="other_aud") == ["other_auditor"]  # username
    assert set(listed(client, rol=Role.TOETSER.value)) == {"auditor", "other_auditor"}
    assert listed(client, onderdeel=uitkeren.pk) == ["nieuw"]
    assert listed(client, status="gedeactiveerd") == ["coordinator"]
    assert listed(client, status="uitgenodigd") == ["nieuw"]
    assert "coordinator" not in listed(client, status="actief")
    # The beheerder logged in just now too.
    assert set(listed(client, laatst_ingelogd="7")) == {"auditor", "beheerder"}
    assert listed(client, laatst_ingelogd="90plus") == ["other_auditor"]
    assert "auditor" not in listed(client, laatst_ingelogd="nooit")
    page = client.get(LIST, {"status": "uitgenodigd"}).content.decode()
    assert "Uitgenodigd" in page
    assert "MFA ingesteld" in page


def test_mfa_set_up_is_shown_and_filtered(client, beheerder, auditor, other_auditor):
    TOTPDevice.objects.create(user=auditor, name="App", confirmed=True)
    TOTPDevice.objects.create(user=other_auditor, name="Half", confirmed=False)  # never confirmed
    client.force_login(beheerder)
    assert listed(client, mfa="ja") == ["auditor"]
    assert "auditor" not in listed(client, mfa="nee")
    assert "other_auditor" in listed(client, mfa="nee")


def test_the_beheerder_resets_someones_mfa_with_a_reason(client, beheerder, auditor):
    TOTPDevice.objects.create(user=auditor, name="App", confirmed=True)
    client.force_login(beheerder)
    detail = reverse("user_detail", args=[auditor.pk])
    reset = reverse("user_mfa_reset", args=[auditor.pk])
    assert "Tweestapsverificatie resetten" in client.get(detail).content.decode()

    refused = client.post(reset, {"reason": ""})
    assert refused.status_code == 400
    assert "Geef de reden." in refused.content.decode()
    assert TOTPDevice.objects.filter(user=auditor).exists()

    done = client.post(reset, {"reason": "Telefoon kwijt"}, follow=True)
    assert "is gereset" in done.content.decode()
    assert not TOTPDevice.objects.filter(user=auditor).exists()
    event = AuditEvent.objects.get(event=MFA_RESET)
    assert (event.actor, event.object_id, event.reason) == (
        beheerder,
        str(auditor.pk),
        "Telefoon kwijt",
    )
    # Nothing left to reset: the page no longer offers it.
    assert "Tweestapsverificatie resetten" not in client.get(detail).content.decode()


@pytest.mark.parametrize("persona", ["coordinator", "auditor"])
def test_nobody_else_resets_mfa(client, request, persona, other_auditor):
    TOTPDevice.objects.create(user=other_auditor, name="App", confirmed=True)
    client.force_login(request.getfixturevalue(persona))
    response = client.post(
        reverse("user_mfa_reset", args=[other_auditor.pk]), {"reason": "Telefoon kwijt"}
    )
    assert response.status_code in (403, 404)
    assert TOTPDevice.objects.filter(user=other_auditor).exists()


def test_the_list_costs_the_same_queries_for_3_or_60_users(client, beheerder, fez):
    client.force_login(beheerder)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    UserFactory.create_batch(2, business_unit=fez, roles=[Role.TOETSER])
    count()  # the first page view after logging in also writes the session
    few = count()
    UserFactory.create_batch(57, business_unit=fez, roles=[Role.TOETSER, Role.SBK])
    assert count() == few
    # The user and roles, the count, the page with units, the page's roles, the units to filter on.
    assert few == 6


# --- create, edit, deactivate -----------------------------------------------------------------


def test_create_one_form_with_roles_and_an_invitation(
    client, beheerder, uitkeren, django_capture_on_commit_callbacks
):
    client.force_login(beheerder)
    form = {
        "username": "nina.nieuw",
        "first_name": "Nina",
        "last_name": "Nieuw",
        "email": "nina@example.invalid",
        "business_unit": uitkeren.pk,
        "roles": [Role.HERSTEL_ADVISEUR.value, Role.FEZ.value],
        "invite": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("user_create"), form)
    user = User.objects.get(username="nina.nieuw")
    assert response.status_code == 302 and response["Location"] == detail(user)
    assert set(user.groups.values_list("name", flat=True)) == {"Herstel-adviseur", "FEZ (herstel)"}
    assert [message.to for message in mail.outbox] == [["nina@example.invalid"]]
    page = client.get(detail(user)).content.decode()
    assert "Uitgenodigd" in page and "Uitnodiging opnieuw versturen" in page
    assert "Gebruiker aangemaakt" in page and "Uitnodiging verstuurd" in page


def test_a_refused_create_gives_back_what_was_typed(client, beheerder, auditor):
    client.force_login(beheerder)
    response = client.post(
        reverse("user_create"),
        {
            "username": "nina.nieuw",
            "first_name": "Nina",
            "last_name": "Nieuw",
            "email": "auditor@example.invalid",  # taken
            "roles": [Role.TOETSER.value],
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "al een gebruiker met dit e-mailadres" in page
    assert 'value="nina.nieuw"' in page
    assert response.context["form"]["roles"].value() == [Role.TOETSER.value]
    assert not User.objects.filter(username="nina.nieuw").exists()


def edit_form(user, **changes) -> dict:
    return {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "business_unit": user.business_unit_id or "",
        "roles": list(user.groups.values_list("name", flat=True)),
        "version": user.version,
        "reason": "",
        **changes,
    }


def test_edit_asks_a_reason_for_roles_and_shows_the_role_history(client, beheerder, auditor):
    client.force_login(beheerder)
    url = reverse("user_edit", args=[auditor.pk])
    assert client.get(url).status_code == 200
    refused = client.post(url, edit_form(auditor, roles=["Toetser", "Coördinatieteam"]))
    assert refused.status_code == 400
    assert "Geef de reden van de wijziging van de rollen." in refused.content.decode()
    assert set(auditor.groups.values_list("name", flat=True)) == {"Toetser"}

    response = client.post(
        url, edit_form(auditor, roles=["Toetser", "Coördinatieteam"], reason="Nieuw teamlid.")
    )
    assert response.status_code == 302
    page = client.get(detail(auditor)).content.decode()
    assert "Gebruiker gewijzigd" in page
    assert "Toetser → Toetser; Coördinatieteam" in page
    assert "Nieuw teamlid." in page


def test_a_stale_edit_is_refused_as_a_form_error(client, beheerder, auditor):
    client.force_login(beheerder)
    seen = edit_form(auditor, last_name="Later")
    User.objects.filter(pk=auditor.pk).update(version=2, updated_by=beheerder)
    response = client.post(reverse("user_edit", args=[auditor.pk]), seen)
    assert response.status_code == 400
    assert "Deze gebruiker is intussen gewijzigd door" in response.content.decode()
    assert User.objects.get(pk=auditor.pk).last_name == "Toetser"


def test_a_deactivated_user_cannot_log_in_and_their_session_ends(client, beheerder, auditor):
    other = client_class_login(auditor)
    assert other.get(reverse("home")).status_code == 200
    client.force_login(beheerder)
    refused = client.post(reverse("user_deactivate", args=[auditor.pk]), {"version": 1})
    assert refused.status_code == 400 and "Geef de reden." in refused.content.decode()
    response = client.post(
        reverse("user_deactivate", args=[auditor.pk]), {"version": 1, "reason": "Uit dienst."}
    )
    assert response.status_code == 302
    assert other.get(reverse("home")).status_code == 302  # the open session is over
    fresh = client_class_login(auditor, force=False)
    assert fresh is None
    page = client.get(detail(auditor)).content.decode()
    assert "Gedeactiveerd" in page and "Uit dienst." in page and "Weer activeren" in page

    client.post(reverse("user_reactivate", args=[auditor.pk]), {"version": 2, "reason": "Terug."})
    assert client_class_login(auditor, force=False) is not None


def client_class_login(user, force=True):
    from django.test import Client

    other = Client()
    if force:
        other.force_login(user)
        return other
    response = other.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    return other if response.status_code == 302 else None


def test_the_beheerder_is_not_offered_to_deactivate_themselves(client, beheerder):
    client.force_login(beheerder)
    page = client.get(detail(beheerder)).content.decode()
    assert reverse("user_deactivate", args=[beheerder.pk]) not in page
    response = client.post(
        reverse("user_deactivate", args=[beheerder.pk]), {"version": 1, "reason": "Test."}
    )
    assert response.status_code == 400
    assert "U kunt uw eigen account niet deactiveren." in response.content.decode()
    assert User.objects.get(pk=beheerder.pk).is_active
