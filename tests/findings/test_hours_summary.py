"""The coordination team sees the hours per auditor × unit and per unit beside the audit's
rating, and exports them (issue 21 §6); nobody else does. Missing hours show as missing."""

import io
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audits.services.evaluation import hours_record
from tests.factories import AssignmentFactory, AuditRatingFactory, UserFactory
from uwvkms.constants import Role


def test_the_coordinator_sees_totals_beside_the_rating(
    client, coordinator, auditor, cycle, uitkeren
):
    colleague = UserFactory(first_name="Bram", last_name="Collega", roles=[Role.TOETSER])
    AssignmentFactory(cycle=cycle, unit=uitkeren, auditor=colleague, is_lead=False)
    hours_record(
        actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=37, hours=Decimal("8")
    )
    hours_record(
        actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=38, hours=Decimal("4.5")
    )
    AuditRatingFactory(cycle=cycle, rating=8)
    client.force_login(coordinator)
    html = client.get(reverse("findings:hours_summary", args=[cycle.year])).content.decode()
    assert "Beoordeling van de toets" in html and "<strong>8,0</strong>" in html
    assert "Totaal Uitkeren" in html
    assert "12,50" in html  # Uitkeren: 8 + 4,5; Bram Collega has none yet
    assert "Bram Collega" in html and "ontbreekt" in html
    assert "2 weken" in html
    summary = client.get(reverse("findings:rating_summary", args=[cycle.year])).content.decode()
    assert reverse("findings:hours_summary", args=[cycle.year]) in summary


def test_the_export_has_both_views(client, coordinator, auditor, cycle, uitkeren, communicatie):
    hours_record(actor=auditor, cycle=cycle, unit=uitkeren, kind="totaal", hours=Decimal("30"))
    client.force_login(coordinator)
    response = client.get(reverse("findings:hours_export", args=[cycle.year]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    per_auditor, per_unit = book.worksheets
    rows = list(per_auditor.iter_rows(values_only=True))
    assert rows[0] == ("Bedrijfsonderdeel", "Toetser", "Uren", "Vastgelegd", "In het team")
    assert ("Uitkeren", "Anouk Toetser", 30, "totaal", "ja") in rows
    assert ("Communicatie", "Anouk Toetser", None, "ontbreekt", "ja") in rows
    assert list(per_unit.iter_rows(values_only=True))[-1] == ("Totaal", 30, 1)


def test_nobody_else_sees_the_hours(client, auditor, board_member, unit_board, outsider, cycle):
    for person in (auditor, board_member, unit_board, outsider):
        client.force_login(person)
        for name in ("findings:hours_summary", "findings:hours_export"):
            assert client.get(reverse(name, args=[cycle.year])).status_code == 403, person


def _count(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_totals_page_does_not_grow_with_auditors_and_hours(
    client, coordinator, auditor, cycle, uitkeren
):
    client.force_login(coordinator)
    url = reverse("findings:hours_summary", args=[cycle.year])
    hours_record(actor=auditor, cycle=cycle, unit=uitkeren, kind="week", week=1, hours=Decimal("1"))
    before = _count(client, url)
    for n in range(5):
        colleague = UserFactory(roles=[Role.TOETSER])
        AssignmentFactory(cycle=cycle, unit=uitkeren, auditor=colleague, is_lead=False)
        hours_record(
            actor=colleague, cycle=cycle, unit=uitkeren, kind="week", week=n + 1, hours=Decimal("2")
        )
    assert _count(client, url) <= before
