"""The Beheerder's retention page and the daily command (issue 19 §5): what is due is listed
(the dry run), applying asks first, only the Beheerder may see or press it, and the command's
--proef changes nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from audits.constants import CycleStatus
from audits.models import AuditCycle
from tests.factories import InterviewFactory
from uwvkms.events import RETENTION_APPLIED
from uwvkms.models import AuditEvent

URL = reverse("retention_overview")


@pytest.fixture
def old_interview(cycle, uitkeren, auditor):
    # Held long enough ago for any term: 2031 is the test cycle's year, the clock is moved below
    # through the held day instead (the page computes with today).
    interview = InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        held_on=datetime.date(2001, 3, 1),
        interviewees=[("Anna de Vries", "Teamleider")],
    )
    AuditCycle.objects.filter(pk=cycle.pk).update(status=CycleStatus.GEPUBLICEERD)
    return interview


@pytest.mark.parametrize("persona", ["coordinator", "auditor", "board_member", "outsider"])
def test_only_the_beheerder_sees_or_presses_it(client, request, persona, old_interview):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"bevestigd": "1"}).status_code == 403
    old_interview.refresh_from_db()
    assert old_interview.personal_data_removed_on is None


def test_the_page_lists_what_is_due(client, beheerder, old_interview):
    client.force_login(beheerder)
    page = client.get(URL)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Interviews: namen, functies en aantekeningen" in text
    assert "1 maart 2001" in text
    assert "Nog niet toegepast." in text


def test_applying_asks_first_then_does_it(client, beheerder, old_interview):
    client.force_login(beheerder)
    asked = client.post(URL)
    assert asked.status_code == 200
    assert "Dit kan niet ongedaan worden gemaakt." in asked.content.decode()
    old_interview.refresh_from_db()
    assert old_interview.personal_data_removed_on is None

    done = client.post(URL, {"bevestigd": "1"}, follow=True)
    assert "Bewaartermijnen toegepast: 1 verwerkt." in done.content.decode()
    old_interview.refresh_from_db()
    assert old_interview.personal_data_removed_on is not None
    run = AuditEvent.objects.get(event=RETENTION_APPLIED)
    assert run.actor == beheerder
    assert escape(beheerder.get_full_name()) in done.content.decode()  # "d'Heripon" too


def test_the_command_with_proef_changes_nothing_then_applies(old_interview):
    out = StringIO()
    call_command("bewaartermijnen_toepassen", "--proef", stdout=out)
    assert "1 zou verwerken" in out.getvalue()
    assert "1 maart 2001" in out.getvalue()
    old_interview.refresh_from_db()
    assert old_interview.personal_data_removed_on is None

    call_command("bewaartermijnen_toepassen", "--datum", "2002-01-01", stdout=StringIO())
    old_interview.refresh_from_db()
    assert old_interview.personal_data_removed_on is None  # three years had not passed in 2002

    call_command("bewaartermijnen_toepassen", stdout=out)
    old_interview.refresh_from_db()
    assert old_interview.personal_data_removed_on is not None
    assert AuditEvent.objects.filter(event=RETENTION_APPLIED, actor=None).count() == 1
