"""The fieldwork period of a cycle: asked when opening, editable later, every change recorded."""

import datetime

import pytest
from django.urls import reverse

from audits.models import AuditCycle
from tests.factories import principle
from uwvkms.models import AuditEvent


def open_cycle(client, **period):
    return client.post(
        reverse("audits:cycle_open"),
        {"year": 2032, "principles": [principle("klantgerichtheid").pk], **period},
    )


def test_the_period_is_stored_when_opening(client, coordinator, db):
    client.force_login(coordinator)
    response = open_cycle(client, period_start="2032-09-01", period_end="2032-12-15")
    assert response.status_code == 302
    cycle = AuditCycle.objects.get(year=2032)
    assert (cycle.period_start, cycle.period_end) == (
        datetime.date(2032, 9, 1),
        datetime.date(2032, 12, 15),
    )
    event = AuditEvent.objects.get(event="audits.cycle.opened")
    assert event.changes["period_start"] == [None, "2032-09-01"]
    assert event.changes["period_end"] == [None, "2032-12-15"]


def test_open_form_has_labelled_date_fields(client, coordinator, db):
    client.force_login(coordinator)
    html = " ".join(client.get(reverse("audits:cycle_open")).content.decode().split())
    assert '<label for="id_period_start"' in html
    assert '<label for="id_period_end"' in html
    assert 'type="date" name="period_start"' in html
    assert 'type="date" name="period_end"' in html


@pytest.mark.parametrize(
    ("period", "field", "message"),
    [
        ({"period_end": "2032-12-15"}, "period_start", "Vul de begindatum van het veldwerk in."),
        ({"period_start": "2032-09-01"}, "period_end", "Vul de einddatum van het veldwerk in."),
        (
            {"period_start": "2032-12-15", "period_end": "2032-09-01"},
            "period_end",
            "Kies een einde van het veldwerk na het begin.",
        ),
        # A 2032 cycle's fieldwork lies in 2032, running on until 31 March 2033 at most.
        (
            {"period_start": "2031-09-01", "period_end": "2032-03-01"},
            "period_start",
            "Kies een begin van het veldwerk in 2032.",
        ),
        (
            {"period_start": "2032-09-01", "period_end": "2033-04-01"},
            "period_end",
            "Kies een einde van het veldwerk in 2032 of uiterlijk 31 maart 2033.",
        ),
        (
            {"period_start": "1 september", "period_end": "2032-12-15"},
            "period_start",
            "Voer een geldige datum in.",
        ),
    ],
)
def test_bad_period_is_refused_when_opening(client, coordinator, db, period, field, message):
    client.force_login(coordinator)
    response = open_cycle(client, **period)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field]
    assert message in response.content.decode()
    assert not AuditCycle.objects.exists()


def test_start_and_end_on_the_same_day_is_fine(client, coordinator, db):
    client.force_login(coordinator)
    assert open_cycle(client, period_start="2032-10-01", period_end="2032-10-01").status_code == 302


def test_coordinator_changes_the_period_with_old_and_new_recorded(client, coordinator, cycle):
    client.force_login(coordinator)
    url = reverse("audits:cycle_period", args=[cycle.year])
    client.post(url, {"period_start": "2031-09-01", "period_end": "2031-11-30"})
    response = client.post(url, {"period_start": "2031-09-01", "period_end": "2031-12-20"})
    assert response.status_code == 302
    assert response["Location"] == cycle.get_absolute_url()
    cycle.refresh_from_db()
    assert cycle.period_end == datetime.date(2031, 12, 20)
    latest = AuditEvent.objects.filter(event="audits.cycle.period_changed").first()
    assert latest.actor == coordinator
    assert latest.object_id == str(cycle.pk)
    assert latest.changes == {"period_end": ["2031-11-30", "2031-12-20"]}
    page = client.get(url)
    assert page.context["form"]["period_end"].value() == datetime.date(2031, 12, 20)
    html = page.content.decode()
    assert 'value="2031-12-20"' in html
    assert "30 november 2031 → 20 december 2031" in html  # the history, in Dutch dates


def test_saving_the_same_period_records_nothing(client, coordinator, cycle):
    client.force_login(coordinator)
    url = reverse("audits:cycle_period", args=[cycle.year])
    client.post(url, {"period_start": "2031-09-01", "period_end": "2031-11-30"})
    before = AuditEvent.objects.count()
    response = client.post(
        url, {"period_start": "2031-09-01", "period_end": "2031-11-30"}, follow=True
    )
    assert "er is niets gewijzigd" in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_end_before_start_is_refused_and_nothing_changes(client, coordinator, cycle):
    client.force_login(coordinator)
    url = reverse("audits:cycle_period", args=[cycle.year])
    response = client.post(url, {"period_start": "2031-12-01", "period_end": "2031-09-01"})
    assert response.status_code == 400
    assert "Kies een einde van het veldwerk na het begin." in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.period_start is None
    assert not AuditEvent.objects.filter(event="audits.cycle.period_changed").exists()


def test_period_is_fixed_once_published(client, coordinator, cycle):
    AuditCycle.objects.filter(pk=cycle.pk).update(status="gepubliceerd")
    client.force_login(coordinator)
    url = reverse("audits:cycle_period", args=[cycle.year])
    page = client.get(url)
    assert "is gepubliceerd; de periode ligt vast" in page.content.decode()
    response = client.post(url, {"period_start": "2031-09-01", "period_end": "2031-11-30"})
    assert response.status_code == 400
    assert "is gepubliceerd" in " ".join(response.context["form"].non_field_errors())
    cycle.refresh_from_db()
    assert cycle.period_start is None


def test_cycle_page_shows_the_period_and_links_to_change_it(client, coordinator, cycle):
    AuditCycle.objects.filter(pk=cycle.pk).update(
        period_start=datetime.date(2031, 9, 1), period_end=datetime.date(2031, 11, 30)
    )
    client.force_login(coordinator)
    html = client.get(cycle.get_absolute_url()).content.decode()
    assert "1 september 2031 – 30 november 2031" in html
    assert reverse("audits:cycle_period", args=[cycle.year]) in html


@pytest.mark.parametrize(
    "persona", ["auditor", "other_auditor", "board_member", "unit_board", "outsider"]
)
def test_only_coordinators_change_the_period(client, request, persona, cycle):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("audits:cycle_period", args=[cycle.year])
    assert client.get(url).status_code == 403
    response = client.post(url, {"period_start": "2031-09-01", "period_end": "2031-11-30"})
    assert response.status_code == 403
    cycle.refresh_from_db()
    assert cycle.period_start is None


def test_unknown_cycle_is_404(client, coordinator, db):
    client.force_login(coordinator)
    assert client.get(reverse("audits:cycle_period", args=[1999])).status_code == 404
