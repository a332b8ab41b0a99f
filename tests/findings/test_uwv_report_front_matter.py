"""The front matter of the UWV-wide report (issue 18): the coordination team sets the report
date, to whom the report goes and chapter 10's title; without them the report is dated the day
its version was published (today for the live concept) and goes to the RvB and the Groepsraad."""

import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audits.models import AuditCycle
from findings.models import ReportFrontMatter, ReportVersion
from findings.report.uwv import build_uwv_report, render_uwv_report_pdf
from findings.services.narratives import report_front_matter_save
from findings.services.publishing import render_uwv_report_for_version
from uwvkms.dates import dutch
from uwvkms.selectors import audit_events_for
from uwvkms.versioning import EditConflict

ADDRESSEES = "de Raad van Bestuur, de Groepsraad en de Ondernemingsraad"


@pytest.fixture
def past(cycle):
    """The test cycle moved to last year: its report can be dated between then and today."""
    year = timezone.localdate().year - 1
    AuditCycle.objects.filter(pk=cycle.pk).update(year=year)
    cycle.refresh_from_db()
    return cycle


@pytest.fixture
def url(past):
    return reverse("findings:uwv_report_front_matter", args=[past.year])


def _day(past) -> datetime.date:
    return datetime.date(past.year, 12, 7)


def _front(day: datetime.date | None = None, **extra) -> dict:
    data = {
        "report_date": day.isoformat() if day else "",
        "addressees": ADDRESSEES,
        "version": "0",
    }
    data.update(extra)
    return data


def _pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)


def test_defaults_the_day_of_publication_the_rvb_and_the_groepsraad(past):
    report = build_uwv_report(past)
    assert report.date == dutch(timezone.localdate())
    assert report.addressees == "de Raad van Bestuur en de Groepsraad"
    assert [h.title for h in report.toc if h.anchor == "reacties"] == [
        "Managementreacties en beschouwing"
    ]
    published = timezone.make_aware(datetime.datetime(past.year + 1, 1, 15, 10))
    assert build_uwv_report(past, published_at=published).date == f"15 januari {past.year + 1}"


def test_a_version_is_dated_the_day_it_was_published_not_the_day_it_was_rendered(past, coordinator):
    """A retry renders later: the version still carries the day the team published it."""
    requested = timezone.now() - datetime.timedelta(days=40)
    version = ReportVersion.objects.create(
        cycle=past,
        label="1.0",
        report_status="Concept",
        requested_by=coordinator,
        requested_at=requested,
    )
    rendered = render_uwv_report_for_version(version)
    assert rendered.snapshot["date"] == dutch(timezone.localdate(requested))
    assert rendered.snapshot["addressees"] == "de Raad van Bestuur en de Groepsraad"


def test_the_team_sets_date_and_addressees_and_the_report_shows_them(
    client, coordinator, past, url
):
    client.force_login(coordinator)
    day = _day(past)
    response = client.post(url, _front(day), follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "Het voorwerk van het rapport is opgeslagen." in response.content.decode()
    front = ReportFrontMatter.objects.get(cycle=past)
    assert (front.report_date, front.addressees, front.version) == (day, ADDRESSEES, 1)
    html = client.get(reverse("findings:uwv_report", args=[past.year])).content.decode()
    assert f"7 december {past.year}" in html
    assert f"UWV-brede rapportage aan {ADDRESSEES}" in html
    report = build_uwv_report(past, status="Concept", version="0.1")
    assert report.snapshot()["date"] == f"7 december {past.year}"
    assert report.snapshot()["addressees"] == ADDRESSEES
    text = _pdf_text(render_uwv_report_pdf(report))
    assert f"Datum 7 december {past.year}" in text
    assert f"UWV-brede rapportage aan {ADDRESSEES}" in text
    # Even a version published later carries the team's date.
    later = build_uwv_report(past, published_at=timezone.now())
    assert later.date == f"7 december {past.year}"


def test_every_change_is_recorded_old_to_new(coordinator, past):
    front = report_front_matter_save(
        actor=coordinator,
        cycle=past,
        report_date=None,
        addressees="de Raad van Bestuur",
        expected_version=0,
    )
    report_front_matter_save(
        actor=coordinator,
        cycle=past,
        report_date=_day(past),
        addressees="de Raad van Bestuur",
        expected_version=1,
    )
    events = list(audit_events_for(front))
    assert [e.event for e in events] == ["findings.report_front_matter.changed"] * 2
    assert events[0].changes == {"report_date": [None, _day(past).isoformat()]}
    assert events[1].changes == {"addressees": [None, "de Raad van Bestuur"]}


@pytest.mark.parametrize("when", ["before the year", "in the future"])
def test_an_implausible_date_is_refused_with_everything_typed_kept(
    client, coordinator, past, url, when
):
    client.force_login(coordinator)
    day = (
        datetime.date(past.year - 1, 12, 31)
        if when == "before the year"
        else timezone.localdate() + datetime.timedelta(days=1)
    )
    response = client.post(url, _front(day))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een datum" in html
    assert f'value="{day.isoformat()}"' in html
    assert f'value="{ADDRESSEES}"' in html
    assert not ReportFrontMatter.objects.exists()
    with pytest.raises(ValidationError) as refused:
        report_front_matter_save(
            actor=coordinator,
            cycle=past,
            report_date=day,
            addressees="",
            expected_version=0,
        )
    assert "report_date" in refused.value.message_dict


def test_a_stale_version_is_refused_and_the_input_kept(client, coordinator, past, url):
    client.force_login(coordinator)
    assert client.post(url, _front(_day(past))).status_code == 302
    response = client.post(url, _front(None, addressees="de Groepsraad"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Het voorwerk van het rapport is intussen gewijzigd door" in html
    assert 'value="de Groepsraad"' in html
    assert ReportFrontMatter.objects.get(cycle=past).addressees == ADDRESSEES
    with pytest.raises(EditConflict):
        report_front_matter_save(
            actor=coordinator,
            cycle=past,
            report_date=None,
            addressees="",
            expected_version=0,
        )


@pytest.mark.parametrize("persona", ["board_member", "auditor", "outsider"])
def test_only_the_coordination_team_sets_the_front_matter(client, request, past, url, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.post(url, _front(_day(past))).status_code == 403
    with pytest.raises(PermissionDenied):
        report_front_matter_save(
            actor=user,
            cycle=past,
            report_date=None,
            addressees="",
            expected_version=0,
        )
    assert not ReportFrontMatter.objects.exists()


def test_the_page_reads_as_many_queries_with_front_matter_and_history(
    client, coordinator, past, url, django_assert_max_num_queries
):
    """Stored front matter costs one query and its history one more, however long it grows."""
    client.force_login(coordinator)
    client.get(url)
    with django_assert_max_num_queries(1000) as without:
        assert client.get(url).status_code == 200
    report_front_matter_save(
        actor=coordinator,
        cycle=past,
        report_date=None,
        addressees="",
        expected_version=0,
    )
    with django_assert_max_num_queries(len(without) + 1) as before:
        assert client.get(url).status_code == 200
    for version, day in enumerate((None, _day(past), None), start=1):
        report_front_matter_save(
            actor=coordinator,
            cycle=past,
            report_date=day,
            addressees=ADDRESSEES if version else "",
            expected_version=version,
        )
    with django_assert_max_num_queries(len(before)):
        response = client.get(url)
    assert response.status_code == 200
    assert ADDRESSEES in response.content.decode()
