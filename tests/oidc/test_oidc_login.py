"""Login with a UWV account through a real OpenID provider (oidc-provider on loopback): the user
is created and matched on the subject claim, roles and unit come from the claims at every login
(and each change is logged), refusals are Dutch pages without a session, a tampered state, a
stolen code and an expired ID token are refused, and logout ends the provider's session too."""

from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from django.contrib.auth import BACKEND_SESSION_KEY
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.oidc.flow import app_path, at_provider, provider_logout, sso_login, start
from tests.oidc.provider_accounts import TOETSER_SUBJECT
from uwvkms.constants import Role
from uwvkms.events import USER_SSO_CREATED, USER_SSO_UPDATED
from uwvkms.models import AuditEvent, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def browser():
    with requests.Session() as session:
        yield session


@pytest.fixture(autouse=True)
def units(uitkeren, fez):
    return uitkeren, fez


def roles_of(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def logged_in_user(client):
    return client.get(reverse("home")).context["user"]


def test_first_login_creates_the_user_from_the_claims(client, provider, browser, uitkeren):
    response = sso_login(client, browser, "toetser")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = User.objects.get(oidc_subject=TOETSER_SUBJECT)
    assert (user.username, user.email, user.first_name, user.last_name) == (
        "toetser",
        "tessa.toetser@uwv.example",
        "Tessa",
        "Toetser",
    )
    assert roles_of(user) == {Role.TOETSER.value}
    assert user.business_unit == uitkeren
    assert not user.has_usable_password()
    assert logged_in_user(client) == user
    assert client.session[BACKEND_SESSION_KEY] == "uwvkms.oidc.UwvOIDCBackend"
    event = AuditEvent.objects.get(event=USER_SSO_CREATED)
    assert (event.actor, event.object_id, event.reason) == (
        user,
        str(user.pk),
        "claims bij inloggen",
    )
    assert event.changes["roles"] == [[], [Role.TOETSER.value]]


def test_the_authorisation_request_uses_pkce_state_and_nonce(client, provider):
    url = start(client)
    assert url.startswith(f"{provider.issuer}/auth?")
    query = {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
    assert query["response_type"] == "code"
    assert query["client_id"] == "uwvkms"
    assert query["redirect_uri"] == "http://testserver/inloggen/uwv/terug/"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert len(query["state"]) >= 32
    assert len(query["nonce"]) >= 32
    assert set(query["scope"].split()) == {"openid", "email", "profile", "groups"}
    assert query["state"] in client.session["oidc_states"]


def test_next_page_outside_the_app_is_ignored(client, provider, browser):
    response = sso_login(client, browser, "toetser", next_url="https://elders.example/")
    assert response["Location"] == reverse("home")


def test_an_error_from_the_provider_is_a_dutch_page(client, provider):
    state = parse_qs(urlsplit(start(client)).query)["state"][0]
    response = client.get(
        reverse("oidc_callback") + "?" + urlencode({"error": "access_denied", "state": state})
    )
    assert response.status_code == 400
    assert "Inloggen met uw UWV-account is niet gelukt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_next_page_is_kept_through_the_provider(client, provider, browser):
    response = sso_login(client, browser, "toetser", next_url="/meldingen/")
    assert response["Location"] == "/meldingen/"


def test_several_groups_give_several_roles(client, provider, browser, fez):
    sso_login(client, browser, "coordinator")
    user = logged_in_user(client)
    assert roles_of(user) == {Role.COORDINATIETEAM.value, Role.TOETSER.value}
    assert user.business_unit == fez


def test_user_is_matched_on_the_subject_not_on_name_or_email(client, provider, browser):
    known = UserFactory(username="tessa", oidc_subject=TOETSER_SUBJECT, email="oud@uwv.example")
    # A local account with the provider's user name and e-mail is not the same person.
    local = UserFactory(username="toetser", email="tessa.toetser@uwv.example")

    sso_login(client, browser, "toetser")

    assert logged_in_user(client) == known
    assert User.objects.filter(oidc_subject=TOETSER_SUBJECT).count() == 1
    known.refresh_from_db()
    local.refresh_from_db()
    assert known.email == "tessa.toetser@uwv.example"
    assert local.oidc_subject is None
    event = AuditEvent.objects.get(event=USER_SSO_UPDATED)
    assert event.changes["email"] == ["oud@uwv.example", "tessa.toetser@uwv.example"]


def test_a_new_user_gets_another_user_name_when_a_local_account_has_it(client, provider, browser):
    UserFactory(username="toetser")
    sso_login(client, browser, "toetser")
    assert logged_in_user(client).username == f"uwv-{TOETSER_SUBJECT}"


def test_a_changed_group_changes_the_roles_at_the_next_login(client, provider, browser, fez):
    sso_login(client, browser, "toetser")
    user = User.objects.get(oidc_subject=TOETSER_SUBJECT)
    client.post(reverse("logout"))
    provider.set_account("toetser", groups=["kms-coordinatie"], bedrijfsonderdeel="FEZ")

    response = sso_login(client, browser, "toetser")

    assert response.status_code == 302
    user.refresh_from_db()
    assert roles_of(user) == {Role.COORDINATIETEAM.value}
    assert user.business_unit == fez
    event = AuditEvent.objects.get(event=USER_SSO_UPDATED)
    assert event.actor == user
    assert event.reason == "claims bij inloggen"
    assert event.changes["roles"] == [[Role.TOETSER.value], [Role.COORDINATIETEAM.value]]
    assert event.changes["business_unit"] == ["Uitkeren", "FEZ"]


def test_an_unchanged_login_records_nothing(client, provider, browser):
    sso_login(client, browser, "toetser")
    client.post(reverse("logout"))
    sso_login(client, browser, "toetser")
    assert not AuditEvent.objects.filter(event=USER_SSO_UPDATED).exists()


def test_groups_the_app_does_not_manage_are_kept(client, provider, browser):
    from django.contrib.auth.models import Group  # noqa: PLC0415

    user = UserFactory(oidc_subject=TOETSER_SUBJECT)
    other = Group.objects.create(name="Nieuwsbrief")
    user.groups.add(other, Group.objects.get(name=Role.BEHEERDER.value))

    sso_login(client, browser, "toetser")

    assert roles_of(user) == {Role.TOETSER.value, "Nieuwsbrief"}


def test_a_user_without_role_gets_a_dutch_page_and_no_access(client, provider, browser):
    response = sso_login(client, browser, "geenrol")

    assert response.status_code == 403
    content = response.content.decode()
    assert "Geen toegang tot uwvkms" in content
    assert "geeft u geen rol in uwvkms" in content
    assert "_auth_user_id" not in client.session
    assert "oidc_id_token" not in client.session
    assert not User.objects.filter(username="geenrol").exists()
    assert client.get(reverse("home")).status_code == 302


def test_a_user_whose_role_was_taken_away_loses_it_and_is_refused(client, provider, browser):
    sso_login(client, browser, "toetser")
    user = User.objects.get(oidc_subject=TOETSER_SUBJECT)
    client.post(reverse("logout"))
    provider.set_account("toetser", groups=[])

    response = sso_login(client, browser, "toetser")

    assert response.status_code == 403
    assert "Geen toegang tot uwvkms" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert roles_of(user) == set()
    event = AuditEvent.objects.get(event=USER_SSO_UPDATED)
    assert event.changes["roles"] == [[Role.TOETSER.value], []]


def test_an_inactive_user_is_refused(client, provider, browser):
    sso_login(client, browser, "toetser")
    user = User.objects.get(oidc_subject=TOETSER_SUBJECT)
    user.is_active = False
    user.save()
    # The session they had ends at their next request.
    assert client.get(reverse("home")).status_code == 302

    response = sso_login(client, browser, "toetser")

    assert response.status_code == 403
    assert "Uw account is gedeactiveerd" in response.content.decode()
    assert "_auth_user_id" not in client.session
    user.refresh_from_db()
    assert roles_of(user) == {Role.TOETSER.value}  # nothing changed


def test_a_tampered_state_is_refused(client, provider, browser):
    step = at_provider(browser, start(client), "toetser")
    parts = urlsplit(step.url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query["state"] = query["state"][:-4] + "XXXX"

    response = client.get(f"{parts.path}?{urlencode(query)}")

    assert response.status_code == 400
    assert "Inloggen met uw UWV-account is niet gelukt" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(oidc_subject=TOETSER_SUBJECT).exists()


def test_a_callback_cannot_be_replayed(client, provider, browser):
    step = at_provider(browser, start(client), "toetser")
    assert client.get(app_path(step.url)).status_code == 302
    client.post(reverse("logout"))

    response = client.get(app_path(step.url))

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_a_code_from_another_login_is_refused_by_pkce(client, provider, browser):
    # Two logins started in this browser: the code of the first, with the state of the second
    # (whose PKCE verifier does not fit that code), is refused at the provider's token endpoint.
    first = start(client)
    second_state = parse_qs(urlsplit(start(client)).query)["state"][0]
    step = at_provider(browser, first, "toetser")
    code = parse_qs(urlsplit(step.url).query)["code"][0]

    response = client.get(
        reverse("oidc_callback") + "?" + urlencode({"code": code, "state": second_state})
    )

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(oidc_subject=TOETSER_SUBJECT).exists()


def test_an_expired_id_token_is_refused(client, provider, browser, settings):
    # The provider's client `uwvkms-verlopen` gets ID tokens that expired before they arrived.
    settings.OIDC_RP_CLIENT_ID = "uwvkms-verlopen"

    response = sso_login(client, browser, "toetser")

    assert response.status_code == 400
    assert "Inloggen met uw UWV-account is niet gelukt" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert not User.objects.filter(oidc_subject=TOETSER_SUBJECT).exists()


def test_a_wrong_client_secret_is_refused(client, provider, browser, settings):
    settings.OIDC_RP_CLIENT_SECRET = "niet-het-geheim"  # noqa: S105
    response = sso_login(client, browser, "toetser")
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_logout_ends_the_session_here_and_at_the_provider(client, provider, browser):
    sso_login(client, browser, "toetser")
    # While the provider session lives, a new login needs no password there.
    client.post(reverse("logout"))
    assert not at_provider(browser, start(client), None).asked_login
    client.get(app_path(at_provider(browser, start(client), None).url))
    assert "_auth_user_id" in client.session

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    end_session = response["Location"]
    assert end_session.startswith(f"{provider.issuer}/session/end?")
    assert "id_token_hint=" in end_session
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("home")).status_code == 302
    back = provider_logout(browser, end_session)
    assert back.startswith("http://testserver/inloggen/")
    # The provider's session has ended: the next login asks for the password again.
    assert at_provider(browser, start(client), "toetser").asked_login


def test_logout_of_a_local_user_stays_here(client, provider, auditor):
    client.force_login(auditor)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")


def test_login_page_offers_the_uwv_account(client, provider):
    content = client.get(reverse("login") + "?next=/meldingen/").content.decode()
    assert "Inloggen met UWV-account" in content
    assert f'href="{reverse("oidc_login")}?next=/meldingen/"' in content
    assert "Wachtwoord" in content


def test_without_configuration_there_is_no_uwv_login(client, db):
    assert "Inloggen met UWV-account" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_login")).status_code == 404
    assert client.get(reverse("oidc_callback") + "?code=x&state=y").status_code == 404


def test_an_unreachable_provider_gives_a_dutch_page(client, provider, settings):
    settings.OIDC_OP_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    response = client.get(reverse("oidc_login"))
    assert response.status_code == 503
    assert "De inlogdienst van UWV is niet bereikbaar" in response.content.decode()


def test_local_login_switched_off_refuses_passwords(client, provider, settings, auditor):
    settings.LOCAL_LOGIN_ENABLED = False

    page = client.get(reverse("login")).content.decode()
    assert "Inloggen met UWV-account" in page
    assert "Wachtwoord" not in page
    response = client.post(reverse("login"), {"username": "auditor", "password": PASSWORD})
    assert response.status_code == 403
    assert "Inloggen met gebruikersnaam en wachtwoord is uitgeschakeld" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_local_login_switched_off_refuses_passwords_at_beheer_too(client, provider, settings):
    UserFactory(username="baas", is_staff=True, is_superuser=True)
    settings.LOCAL_LOGIN_ENABLED = False
    client.post("/beheer/login/", {"username": "baas", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_local_login_switched_off_still_allows_sso(client, provider, browser, settings):
    settings.LOCAL_LOGIN_ENABLED = False
    assert sso_login(client, browser, "toetser").status_code == 302
    assert "_auth_user_id" in client.session


def test_claims_the_user_model_refuses_give_the_dutch_page(client, provider, browser):
    provider.set_account("toetser", email="geen adres")
    response = sso_login(client, browser, "toetser")
    assert response.status_code == 400
    assert "Inloggen met uw UWV-account is niet gelukt" in response.content.decode()
    assert not User.objects.filter(oidc_subject=TOETSER_SUBJECT).exists()


def test_a_subject_with_odd_characters_gets_a_valid_user_name(client, provider, browser):
    provider.set_account("toetser", sub="auth0|12 34")
    UserFactory(username="toetser")
    assert sso_login(client, browser, "toetser").status_code == 302
    assert User.objects.get(oidc_subject="auth0|12 34").username == "uwv-auth0-12-34"
