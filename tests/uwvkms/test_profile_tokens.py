"""The profile page: a user creates named API tokens, sees the key once, lists and revokes them."""

import datetime
import re

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from uwvkms.models import ApiToken, AuditEvent
from uwvkms.services import api_token_create


def _key_in(html: str) -> str:
    return re.search(r'id="new-key"[^>]*value="(uwv_[^"]+)"', html).group(1)


def test_navbar_links_the_profile(client, auditor):
    client.force_login(auditor)
    assert 'href="/profiel/"' in client.get("/").content.decode()


def test_create_shows_the_key_once_and_stores_only_its_hash(client, auditor):
    client.force_login(auditor)
    response = client.post("/profiel/", {"name": "Export scores", "expires_on": ""})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = _key_in(response.content.decode())
    token = ApiToken.objects.get(user=auditor)
    assert token.name == "Export scores"
    assert token.prefix == key[:12]
    assert key not in {token.key_hash, token.prefix}
    days = (token.expires_at - token.created_at).days
    assert days == 90
    assert AuditEvent.objects.filter(event="uwvkms.api_token.created", actor=auditor).exists()
    # The list shows it, the key is not shown again.
    page = client.get("/profiel/").content.decode()
    assert "Export scores" in page and token.prefix in page and key not in page
    # The key works for the API.
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/schema/").status_code == 200


def test_chosen_expiry_is_the_end_of_that_day(client, auditor):
    client.force_login(auditor)
    day = timezone.localdate() + datetime.timedelta(days=10)
    client.post("/profiel/", {"name": "kort", "expires_on": day.isoformat()})
    token = ApiToken.objects.get(user=auditor)
    assert timezone.localtime(token.expires_at).date() == day + datetime.timedelta(days=1)


def test_bad_input_is_refused_and_creates_nothing(client, auditor):
    client.force_login(auditor)
    past = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    response = client.post("/profiel/", {"name": "oud", "expires_on": past})
    assert "De vervaldatum moet in de toekomst liggen." in response.content.decode()
    response = client.post("/profiel/", {"name": "", "expires_on": ""})
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_revoke_own_token(client, auditor):
    token, key = api_token_create(user=auditor, name="weg")
    client.force_login(auditor)
    response = client.post(f"/profiel/tokens/{token.pk}/intrekken/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(event="uwvkms.api_token.revoked").exists()
    client.get("/profiel/")  # shows (and so consumes) the flash message
    row = re.search(
        r"<tr>\s*<th scope=\"row\">weg</th>.*?</tr>", client.get("/profiel/").text, re.S
    )
    assert row and "<td>ingetrokken</td>" in row.group(0) and "Intrekken" not in row.group(0)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/schema/").status_code == 401


def test_another_users_token_cannot_be_revoked(client, auditor, other_auditor):
    token, _key = api_token_create(user=auditor, name="van een ander")
    client.force_login(other_auditor)
    assert client.post(f"/profiel/tokens/{token.pk}/intrekken/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert "van een ander" not in client.get("/profiel/").content.decode()


def test_revoke_needs_post_and_login(client, auditor):
    token, _key = api_token_create(user=auditor, name="x")
    response = client.post(f"/profiel/tokens/{token.pk}/intrekken/")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    client.force_login(auditor)
    assert client.get(f"/profiel/tokens/{token.pk}/intrekken/").status_code == 405
    token.refresh_from_db()
    assert token.revoked_at is None


def test_command_creates_a_token_and_prints_its_key(auditor, capsys):
    from django.core.management import call_command

    call_command("api_token_create", "auditor", "--name", "curl", "--days", "7")
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(user=auditor, name="curl")
    assert key.startswith(token.prefix)
    assert abs((token.expires_at - token.created_at) - datetime.timedelta(days=7)).seconds < 60
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert api.get("/api/v1/cycles/").status_code == 200


def test_command_refuses_an_unknown_user(db):
    import pytest
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("api_token_create", "niemand")


@pytest.mark.parametrize(
    ("revoked", "expires_in", "expected"),
    [
        (False, datetime.timedelta(days=1), "actief"),
        (False, datetime.timedelta(0), "verlopen"),  # at the moment of expiry it is expired
        (False, -datetime.timedelta(seconds=1), "verlopen"),
        (True, datetime.timedelta(days=1), "ingetrokken"),
        (True, -datetime.timedelta(days=1), "ingetrokken"),  # revoked wins
    ],
)
def test_token_status_rule(revoked, expires_in, expected):
    now = timezone.now()
    token = ApiToken(expires_at=now + expires_in, revoked_at=now if revoked else None)
    assert token.status_at(now) == expected
