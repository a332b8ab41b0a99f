"""Hours per auditor per unit (issue 21 §6): an auditor records their own hours for their own
assignment, per week or as one total, corrects them with history and withdraws a mistake with a
reason; nobody else enters or sees them there. The work queue reminds an auditor whose hours are
missing after fieldwork."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import AuditCycle, AuditHours
from audits.services.evaluation import hours_correct, hours_record, hours_withdraw
from tests.factories import AssignmentFactory, BusinessUnitFactory, UserFactory
from uwvkms.constants import Role
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict
from uwvkms.workqueue import work_queue_for


def _unit_url(cycle, unit):
    return reverse("audits:hours_unit", args=[cycle.year, unit.pk])


def test_the_auditor_records_weekly_hours_through_the_page(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    url = _unit_url(cycle, uitkeren)
    page = client.get(url)
    assert page.status_code == 200
    assert "Week 37 (8 september – 14 september 2031)" in page.content.decode()
    response = client.post(url, {"kind": "week", "week": "37", "hours": "7,5"}, follow=True)
    assert "Vastgelegd: Uitkeren, week 37: 7,50 uur." in response.content.decode()
    entry = AuditHours.objects.get()
    assert (entry.auditor, entry.unit, entry.week, entry.hours) == (
        auditor,
        uitkeren,
        37,
        Decimal("7.50"),
    )
    mine = client.get(reverse("audits:hours_mine", args=[cycle.year])).content.decode()
    assert "7,50" in mine and "1 week" in mine


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"kind": "week", "week": "37", "hours": "61"}, "Meer dan 60 uur in één week"),
        ({"kind": "week", "week": "37", "hours": "0"}, "groter zijn dan 0"),
        ({"kind": "week", "week": "", "hours": "8"}, "Kies de week."),
        ({"kind": "week", "week": "37", "hours": "7,125"}, "hoogstens twee decimalen"),
        ({"kind": "week", "week": "37", "hours": "veel"}, "Vul een getal in"),
        ({"kind": "totaal", "week": "", "hours": "2500"}, "Meer dan 2000 uur"),
    ],
)
def test_implausible_hours_are_refused_with_what_was_typed(
    client, auditor, cycle, uitkeren, data, error
):
    client.force_login(auditor)
    response = client.post(_unit_url(cycle, uitkeren), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert error in html
    assert f'value="{data["hours"]}"' in html
    assert not AuditHours.objects.exists()


def test_a_week_twice_or_a_total_beside_weeks_is_refused(auditor, cycle, uitkeren):
    hours_record(
        actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=36, hours=Decimal("8")
    )
    with pytest.raises(ValidationError, match="Voor week 36 zijn al uren"):
        hours_record(
            actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=36, hours=Decimal("2")
        )
    with pytest.raises(ValidationError, match="al uren per week vastgelegd"):
        hours_record(actor=auditor, cycle=cycle, unit=uitkeren, kind="totaal", hours=Decimal("40"))
    assert AuditHours.objects.count() == 1


def test_a_correction_keeps_old_and_new_and_a_second_editor_gets_a_conflict(
    client, auditor, cycle, uitkeren
):
    entry = hours_record(
        actor=auditor, cycle=cycle, unit=uitkeren, kind="totaal", hours=Decimal("40")
    )
    client.force_login(auditor)
    url = reverse("audits:hours_correct", args=[cycle.year, entry.pk])
    response = client.post(url, {"hours": "42,5", "version": "1"}, follow=True)
    assert "De uren zijn gecorrigeerd." in response.content.decode()
    entry.refresh_from_db()
    assert (entry.hours, entry.version) == (Decimal("42.50"), 2)
    event = AuditEvent.objects.filter(event="audits.hours.corrected").get()
    assert event.changes == {"hours": ["40.00", "42.50"]}
    page = client.get(_unit_url(cycle, uitkeren)).content.decode()
    assert "Uren gecorrigeerd" in page
    stale = client.post(url, {"hours": "50", "version": "1"})
    assert stale.status_code == 400
    assert "intussen gewijzigd" in stale.content.decode()
    entry.refresh_from_db()
    assert entry.hours == Decimal("42.50")
    with pytest.raises(EditConflict):
        hours_correct(actor=auditor, entry=entry, hours=Decimal("1"), expected_version=1)


def test_a_mistake_is_withdrawn_with_a_reason_and_the_week_is_free_again(
    client, auditor, cycle, uitkeren
):
    entry = hours_record(
        actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=40, hours=Decimal("8")
    )
    client.force_login(auditor)
    url = reverse("audits:hours_withdraw", args=[cycle.year, entry.pk])
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "Geef de reden" in refused.content.decode()
    client.post(url, {"reason": "Verkeerde week."})
    entry = AuditHours.with_withdrawn.get(pk=entry.pk)
    assert entry.is_withdrawn and entry.withdrawal_reason == "Verkeerde week."
    page = client.get(_unit_url(cycle, uitkeren)).content.decode()
    assert "<del>Week 40</del>" in page and "Verkeerde week." in page
    hours_record(
        actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=40, hours=Decimal("6")
    )


def test_only_the_auditor_on_the_team_enters_their_own_hours(
    client, auditor, other_auditor, coordinator, board_member, unit_board, outsider, cycle, uitkeren
):
    entry = hours_record(
        actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=38, hours=Decimal("4")
    )
    for person in (other_auditor, coordinator, board_member, unit_board, outsider):
        with pytest.raises(PermissionDenied):
            hours_record(
                actor=person, cycle=cycle, unit=uitkeren, kind="week", week=39, hours=Decimal("4")
            )
        with pytest.raises(PermissionDenied):
            hours_correct(actor=person, entry=entry, hours=Decimal("9"), expected_version=1)
        with pytest.raises(PermissionDenied):
            hours_withdraw(actor=person, entry=entry, reason="Niet van mij.")
    # Pages: the coordinator, the board and outsiders are refused (403); another auditor who is
    # assigned elsewhere in the cycle sees neither this unit (404) nor someone else's entry.
    for person in (coordinator, board_member, unit_board, outsider):
        client.force_login(person)
        assert client.get(reverse("audits:hours_mine", args=[cycle.year])).status_code == 403
        assert client.get(_unit_url(cycle, uitkeren)).status_code == 403
    other_unit = BusinessUnitFactory(name="Handhaving")
    AssignmentFactory(cycle=cycle, unit=other_unit, auditor=other_auditor)
    client.force_login(other_auditor)
    assert client.get(reverse("audits:hours_mine", args=[cycle.year])).status_code == 200
    assert client.get(_unit_url(cycle, uitkeren)).status_code == 404
    correct = reverse("audits:hours_correct", args=[cycle.year, entry.pk])
    assert client.get(correct).status_code == 404
    assert client.post(correct, {"hours": "1", "version": "1"}).status_code == 404
    assert AuditHours.objects.get().hours == Decimal("4")


def test_the_work_queue_reminds_after_fieldwork_until_hours_are_recorded(
    client, auditor, other_auditor, cycle, uitkeren, communicatie
):
    AuditCycle.objects.filter(pk=cycle.pk).update(
        period_start=datetime.date(2031, 9, 1), period_end=datetime.date(2031, 11, 30)
    )
    during = [
        i
        for i in work_queue_for(auditor, today=datetime.date(2031, 11, 30))
        if i.kind == "Uren vastleggen"
    ]
    assert during == []
    after = datetime.date(2031, 12, 1)
    lines = [i for i in work_queue_for(auditor, today=after) if i.kind == "Uren vastleggen"]
    assert [line.title for line in lines] == [
        "Uren voor Communicatie (2031) ontbreken",
        "Uren voor Uitkeren (2031) ontbreken",
    ]
    assert "30 november 2031" in lines[0].detail
    client.force_login(auditor)
    assert client.get(lines[1].url).status_code == 200
    hours_record(actor=auditor, cycle=cycle, unit=uitkeren, kind="totaal", hours=Decimal("30"))
    lines = [i for i in work_queue_for(auditor, today=after) if i.kind == "Uren vastleggen"]
    assert [line.title for line in lines] == ["Uren voor Communicatie (2031) ontbreken"]
    assert not [i for i in work_queue_for(other_auditor, today=after) if "Uren" in i.kind]


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_hours_pages_do_not_grow_with_their_entries(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    hours_record(actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=1, hours=Decimal("1"))
    urls = [reverse("audits:hours_mine", args=[cycle.year]), _unit_url(cycle, uitkeren)]
    before = [_count(client, url) for url in urls]
    for week in range(2, 12):
        entry = hours_record(
            actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=week, hours=Decimal("3")
        )
        hours_correct(actor=auditor, entry=entry, hours=Decimal("4"), expected_version=1)
    for _ in range(3):
        AssignmentFactory(cycle=cycle, auditor=auditor, is_lead=False)
    assert [_count(client, url) for url in urls] <= before


def test_hours_spent_stay_when_the_auditor_leaves_the_team(
    client, auditor, coordinator, cycle, uitkeren
):
    from audits.models import Assignment
    from audits.services.cycles import assignment_remove

    hours_record(actor=auditor, cycle=cycle, unit=uitkeren, kind="totaal", hours=Decimal("12"))
    assignment_remove(
        actor=coordinator, assignment=Assignment.objects.get(cycle=cycle, unit=uitkeren)
    )
    client.force_login(auditor)
    page = client.get(_unit_url(cycle, uitkeren)).content.decode()
    assert "niet meer in het toetsteam" in page
    assert 'name="kind"' not in page  # no new hours offered
    with pytest.raises(PermissionDenied):
        hours_record(
            actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=2, hours=Decimal("1")
        )


def test_a_second_auditor_of_the_team_keeps_their_own_hours(auditor, cycle, uitkeren):
    colleague = UserFactory(roles=[Role.TOETSER])
    AssignmentFactory(cycle=cycle, unit=uitkeren, auditor=colleague, is_lead=False)
    hours_record(actor=auditor, cycle=cycle, unit=uitkeren, kind="totaal", hours=Decimal("10"))
    hours_record(actor=colleague, cycle=cycle, unit=uitkeren, kind="totaal", hours=Decimal("20"))
    assert AuditHours.objects.count() == 2
