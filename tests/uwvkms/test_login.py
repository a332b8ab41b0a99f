"""Logging in and out; unauthenticated requests go to the login page."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/toetsing/",
        "/toetsing/2031/",
        "/volwassenheid/2031/",
        "/rapportage/2031/volwassenheid/",
    ],
)
def test_anonymous_requests_go_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert f"next={url}" in response["Location"].replace("%2F", "/")


def test_login_page_is_dutch(client, db):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Gebruikersnaam" in content
    assert "Wachtwoord" in content


def test_login_with_correct_password_lands_on_home(client, auditor):
    response = client.post(
        reverse("login"), {"username": "auditor", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    assert response.context["user"] == auditor


def test_login_with_wrong_password_shows_dutch_error(client, auditor):
    response = client.post(reverse("login"), {"username": "auditor", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_is_post_only(client, auditor):
    client.force_login(auditor)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302
