"""The demo shows each role a realistic work queue (issue 16 §4): toetser24's sent-back score,
directie.uitkeren's waiting 2A decision and follow-up actions due and overdue, rvb's waiting 2B
decision, coordinatie's failed publication; each line's page answers 200 for its reader."""

import pytest
from django.urls import reverse
from django.utils import timezone

from uwvkms.models import User
from uwvkms.workqueue import work_queue_for

EXPECTED = {
    "toetser24": {"Teruggestuurd"},
    "directie.uitkeren": {"Besluit 2A", "Vervolgactie", "Effect meten"},
    "rvb": {"Besluit 2B"},
    "coordinatie": {"Publicatie mislukt"},
    "herstel.sbk": {"SBK"},
}


@pytest.mark.parametrize("username", EXPECTED)
def test_every_role_starts_from_its_work_queue(client, demo_data, db, username):
    user = User.objects.get(username=username)
    items = work_queue_for(user)
    assert EXPECTED[username] <= {item.kind for item in items}
    client.force_login(user)
    assert "Wat vraagt uw aandacht" in client.get(reverse("home")).content.decode()
    for item in items:
        assert client.get(item.url).status_code == 200, item.url


def test_uitkerens_board_has_follow_up_due_and_overdue(demo_data, db):
    today = timezone.localdate()
    due = [
        item.due_on
        for item in work_queue_for(User.objects.get(username="directie.uitkeren"))
        if item.kind == "Vervolgactie"
    ]
    assert any(d < today for d in due)
    assert any(d >= today for d in due)
