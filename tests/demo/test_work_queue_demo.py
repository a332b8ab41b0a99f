"""The demo shows each role a realistic work queue (issue 16 §4): toetser24's sent-back score,
directie.uitkeren's waiting 2A decision and follow-up actions due and overdue, rvb's waiting 2B
decision and the herstel totals, coordinatie's failed publication and calibration outliers, herstel's communication task and the
section herstel.sbk was asked to write; each line's page answers 200 for its reader."""

import pytest
from django.urls import reverse
from django.utils import timezone

from uwvkms.models import Notification, User
from uwvkms.workqueue import work_queue_for

EXPECTED = {
    "toetser24": {"Teruggestuurd"},
    "directie.uitkeren": {"Besluit 2A", "Vervolgactie", "Effect meten"},
    "rvb": {"Besluit 2B", "Overzicht"},
    "herstel.fez": {"Overzicht"},
    # and its communication task of the issue (issue 20)
    "herstel": {"Besluitvorming", "Uitvoering", "Evaluatie", "Communicatietaak"},
    "coordinatie": {"Publicatie mislukt", "Kalibratie"},
    # and the section of the Werkbedrijf action's advice it was asked to write (issue 20)
    "herstel.sbk": {"SBK", "Adviesonderdeel"},
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


def test_the_demo_holds_todays_reminders_in_the_notification_centre(client, demo_data, db):
    """`loaddemo` ends with today's run of the daily job: Uitkeren's board finds its follow-up
    reminders under Meldingen, and the page shows them."""
    board = User.objects.get(username="directie.uitkeren")
    kinds = set(Notification.objects.filter(recipient=board).values_list("kind", flat=True))
    assert {"findings.follow_up.overdue", "findings.follow_up.no_effect"} <= kinds
    client.force_login(board)
    html = client.get(reverse("notification_list")).content.decode()
    assert "gereed, leg het effect vast" in html
