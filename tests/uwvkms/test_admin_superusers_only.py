"""/beheer/ is for active superusers only (issue 19 §2): staff status or the Beheerder role alone
do not open it, a logged-in outsider gets the Dutch 403 (never a login loop), and the navigation
offers "Beheer" only to those it opens for."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from uwvkms.constants import Role


@pytest.mark.parametrize(
    ("roles", "staff", "superuser", "opens"),
    [
        ([Role.BEHEERDER], True, True, True),
        ([Role.BEHEERDER], True, False, False),
        ([Role.BEHEERDER], False, False, False),
        ([Role.TOETSER], True, False, False),
        ([], False, False, False),
    ],
)
def test_who_opens_beheer(client, db, roles, staff, superuser, opens):
    user = UserFactory(roles=roles, is_staff=staff, is_superuser=superuser)
    client.force_login(user)
    response = client.get(reverse("admin:index"), follow=True)
    if opens:
        assert response.status_code == 200
        assert response.redirect_chain == []
    else:
        assert response.status_code == 403
        assert "geen toegang" in response.content.decode().lower()
    home = client.get(reverse("home")).content.decode()
    assert (f'href="{reverse("admin:index")}"' in home) is opens


def test_a_visitor_not_logged_in_goes_to_the_apps_login(client, db):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
