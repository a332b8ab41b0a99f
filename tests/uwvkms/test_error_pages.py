"""Dutch error pages that leak nothing: no traceback, no settings, no URL patterns, no exception
text. The tests run with DEBUG off, as production does."""

import pytest
from django.template.loader import get_template
from django.test import Client, RequestFactory
from django.urls import reverse

import uwvkms.urls
from tests.factories import PASSWORD
from uwvkms import views

# Text Django's technical (DEBUG) pages show, and details of the failure in the tests below.
LEAKS = [
    "Traceback",
    "Using the URLconf",
    "urlpatterns",
    "DEBUG = True",
    "SECRET_KEY",
    "uwvkms.urls",
    "django.",
    "Exception",
    "geheime-foutmelding",
]


def _assert_leaks_nothing(content: str):
    for leak in LEAKS:
        assert leak not in content, leak


def test_handlers_are_wired():
    assert uwvkms.urls.handler400 == "uwvkms.views.error_400"
    assert uwvkms.urls.handler403 == "uwvkms.views.error_403"
    assert uwvkms.urls.handler404 == "uwvkms.views.error_404"
    assert uwvkms.urls.handler500 == "uwvkms.views.error_500"


def test_unknown_url_gives_dutch_404(client, auditor):
    client.force_login(auditor)

    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert [t.name for t in response.templates][0] == "404.html"
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Pagina niet gevonden" in content
    assert "bestaat-niet" not in content
    _assert_leaks_nothing(content)


def test_unknown_url_gives_404_to_anonymous_users_too(client, db):
    response = client.get("/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_missing_object_gives_dutch_404(client, coordinator):
    client.force_login(coordinator)

    response = client.get(reverse("audits:cycle_detail", args=[1999]))

    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    _assert_leaks_nothing(response.content.decode())


def test_role_check_gives_dutch_403(client, auditor):
    client.force_login(auditor)

    response = client.get(reverse("audits:cycle_open"))

    assert response.status_code == 403
    assert [t.name for t in response.templates][0] == "403.html"
    content = response.content.decode()
    assert "Geen toegang" in content
    _assert_leaks_nothing(content)


def test_missing_csrf_token_gives_dutch_403(db, auditor):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("login"), {"username": "auditor", "password": PASSWORD})

    assert response.status_code == 403
    content = response.content.decode()
    assert "Formulier verlopen" in content
    assert "CSRF" not in content
    _assert_leaks_nothing(content)
    assert "_auth_user_id" not in client.session


def test_disallowed_host_gives_dutch_400(client, db):
    response = client.get(reverse("login"), HTTP_HOST="aanvaller.example")

    assert response.status_code == 400
    content = response.content.decode()
    assert "Ongeldig verzoek" in content
    assert "aanvaller.example" not in content
    _assert_leaks_nothing(content)


def test_error_500_view_is_dutch_and_generic():
    response = views.error_500(RequestFactory().get("/"))

    assert response.status_code == 500
    content = response.content.decode()
    assert '<html lang="nl">' in content
    assert "Er ging iets mis" in content
    _assert_leaks_nothing(content)


def test_crashing_view_gives_dutch_500_without_details(client, auditor, monkeypatch):
    """Through the whole stack: a view that raises gets handler500's page, not the exception."""

    def crash(*args, **kwargs):
        raise RuntimeError("geheime-foutmelding uit de database")

    monkeypatch.setattr(views, "render", crash)
    client.raise_request_exception = False
    client.force_login(auditor)

    response = client.get(reverse("home"))

    assert response.status_code == 500
    content = response.content.decode()
    assert "Er ging iets mis" in content
    _assert_leaks_nothing(content)
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "template", ["400.html", "403.html", "403_csrf.html", "404.html", "500.html"]
)
def test_error_templates_render_without_a_request(template):
    """The 500 page (and a failing context processor) must not depend on the request."""
    content = get_template(template).render()
    assert '<html lang="nl">' in content
    assert "Naar de startpagina" in content or "Ga terug" in content
