"""The event-log page (issue 19 §3): read-only, for the coordination team and the Beheerder
only; filters on who, what, when and object; local Dutch times; a page's query count does not
grow with its rows; the filtered rows as CSV, the export itself recorded."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from uwvkms.events import API_TOKEN_CREATED, DATA_EXPORTED, FILE_DOWNLOADED, LOGIN_SUCCEEDED
from uwvkms.models import AuditEvent
from uwvkms.services import audit_event_record

PAGE = reverse("event_log")
EXPORT = reverse("event_log_export")


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def _record(event, actor, target, *, at=None, **kwargs):
    with mock.patch("django.utils.timezone.now", return_value=at or timezone.now()):
        return audit_event_record(event=event, actor=actor, target=target, **kwargs)


@pytest.mark.parametrize("persona", ["coordinator", "beheerder"])
def test_the_coordination_team_and_the_beheerder_read_it(client, request, persona, auditor):
    # A security event: both read those (what else each reads: test_event_log_scope.py).
    _record(FILE_DOWNLOADED, auditor, auditor, changes={"file": [None, "verslag.pdf"]})
    client.force_login(request.getfixturevalue(persona))
    response = client.get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{PAGE}"' in html  # in the navigation
    assert "Vertrouwelijk bestand gedownload" in html and "Anouk Toetser" in html
    assert client.get(EXPORT).status_code == 200


@pytest.mark.parametrize(
    "persona", ["auditor", "unit_board", "board_member", "adviser", "dt_member", "outsider"]
)
def test_nobody_else_sees_it_or_its_export(client, db, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(PAGE).status_code == 403
    assert client.get(EXPORT).status_code == 403
    assert f'href="{PAGE}"' not in client.get(reverse("home")).content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_it_is_read_only(client, coordinator):
    client.force_login(coordinator)
    assert client.post(PAGE).status_code == 405
    assert client.post(EXPORT).status_code == 405


def test_times_are_local_and_dutch(client, beheerder, auditor):
    _record(
        API_TOKEN_CREATED,
        auditor,
        auditor,
        at=datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC),
    )
    client.force_login(beheerder)
    html = client.get(PAGE, {"gebeurtenis": API_TOKEN_CREATED.name}).content.decode()
    assert "7 december 2026 00:30:00" in html


def _shown(client, **filters) -> str:
    response = client.get(PAGE, filters)
    assert response.status_code == 200
    return response.content.decode()


def test_the_filters(client, beheerder, coordinator, auditor, uitkeren, communicatie):
    early = datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC)
    late = datetime.datetime(2026, 9, 1, 12, tzinfo=datetime.UTC)
    _record(API_TOKEN_CREATED, auditor, uitkeren, at=early, reason="eerste-rij")
    _record(API_TOKEN_CREATED, coordinator, communicatie, at=late, reason="tweede-rij")
    client.force_login(beheerder)

    by_who = _shown(client, wie="anouk toetser")
    assert "eerste-rij" in by_who and "tweede-rij" not in by_who

    by_what = _shown(client, gebeurtenis=LOGIN_SUCCEEDED.name)
    assert "eerste-rij" not in by_what and "Ingelogd" in by_what

    by_from = _shown(client, van="1-6-2026")  # the Dutch way
    assert "tweede-rij" in by_from and "eerste-rij" not in by_from
    by_to = _shown(client, tot="2026-03-01")  # the date picker's way; the day counts in full
    assert "eerste-rij" in by_to and "tweede-rij" not in by_to

    by_type_and_id = _shown(client, object=f"uwvkms.businessunit:{uitkeren.pk}")
    assert "eerste-rij" in by_type_and_id and "tweede-rij" not in by_type_and_id
    by_text = _shown(client, object="communic")
    assert "tweede-rij" in by_text and "eerste-rij" not in by_text


def test_a_bad_filter_shows_a_dutch_error_and_no_rows(client, beheerder, auditor):
    _record(API_TOKEN_CREATED, auditor, auditor, reason="een-rij")
    client.force_login(beheerder)
    html = _shown(client, van="31-02-2026")
    assert "Vul een datum in, bijvoorbeeld 7-12-2026." in html and "een-rij" not in html
    html = _shown(client, van="2026-06-01", tot="2026-05-01")
    assert "Kies een einddatum op of na de begindatum." in html
    assert 'value="2026-06-01"' in html  # what was typed comes back
    assert "een-rij" not in html


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_rows(
    client, beheerder, coordinator, auditor, uitkeren
):
    client.force_login(beheerder)
    client.get(PAGE)  # the session's first touch after login is not the page's
    for _ in range(3):
        _record(API_TOKEN_CREATED, auditor, uitkeren, changes={"name": [None, "x"]})
    few = _queries(client, PAGE)
    for _ in range(40):
        _record(API_TOKEN_CREATED, coordinator, auditor, changes={"name": [None, "y"]})
    many = _queries(client, PAGE)
    assert few == many
    assert _queries(client, f"{PAGE}?pagina=2") == many


def test_the_export_holds_the_filtered_rows_in_local_time(client, beheerder, auditor):
    _record(
        API_TOKEN_CREATED,
        auditor,
        auditor,
        at=datetime.datetime(2026, 12, 6, 23, 30, tzinfo=datetime.UTC),
        reason="=HYPERLINK(1)",
    )
    _record(API_TOKEN_CREATED, beheerder, beheerder, reason="niet-deze")
    client.force_login(beheerder)
    response = client.get(EXPORT, {"wie": "anouk"})
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"].startswith('attachment; filename="gebeurtenissen-')
    text = response.content.decode("utf-8-sig")
    lines = text.strip().split("\r\n")
    assert lines[0].startswith("Tijdstip;Gebeurtenis;Code;Wie")
    assert len(lines) == 2
    assert lines[1].startswith("7-12-2026 00:30;API-token aangemaakt;uwvkms.api_token.created;")
    assert ";'=HYPERLINK(1);" in lines[1]  # never a formula
    assert "niet-deze" not in text
    [export] = AuditEvent.objects.filter(event=DATA_EXPORTED)
    assert export.actor == beheerder and export.changes["what"] == "gebeurtenissenlog"
