"""Three-year coverage per unit (issue 21 §6): per business unit which principles it had
assessed in the last three cycles and which remain, for the coordination team, with export."""

import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from audits.models import AssessedPrinciple
from audits.services.cycles import cycle_open, unit_exclude
from tests.factories import BusinessUnitFactory, principle


def _rows(html_or_book):
    return list(html_or_book.worksheets[0].iter_rows(values_only=True))


def test_marks_per_year_and_what_remains(client, coordinator, cycle, uitkeren, communicatie):
    # 2031 (the fixture) assessed Klantgerichtheid everywhere and Operationele Kwaliteit at
    # Uitkeren; 2030 Sturen en verantwoorden at Communicatie.
    earlier = cycle_open(
        actor=coordinator,
        year=2030,
        principles=[principle("sturen-verantwoorden")],
        include_basic=False,
    )
    AssessedPrinciple.objects.filter(cycle=earlier).exclude(unit=communicatie).delete()
    client.force_login(coordinator)
    page = client.get(reverse("audits:unit_coverage", args=[2031]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Dekking per onderdeel 2029–2031" in html
    response = client.get(reverse("audits:unit_coverage_export", args=[2031]))
    rows = _rows(load_workbook(io.BytesIO(response.content)))
    header = rows[0]
    by_unit = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_unit["Communicatie"]["Klantgerichtheid"] == "2031"
    assert by_unit["Communicatie"]["Sturen en verantwoorden"] == "2030"
    assert by_unit["Communicatie"]["Operationele Kwaliteit"] == "n.v.t."
    assert by_unit["Uitkeren"]["Operationele Kwaliteit"] == "2031"
    assert by_unit["Uitkeren"]["Sturen en verantwoorden"] == "nog te toetsen"
    assert "Sturen en verantwoorden" in by_unit["Uitkeren"]["Nog te toetsen"]
    assert "Klantgerichtheid" not in by_unit["Uitkeren"]["Nog te toetsen"]


def test_a_year_not_representative_does_not_count(client, coordinator, cycle, uitkeren):
    unit_exclude(actor=coordinator, cycle=cycle, unit=uitkeren, reason="Reorganisatie.")
    client.force_login(coordinator)
    html = client.get(reverse("audits:unit_coverage", args=[2031])).content.decode()
    assert "2031 niet representatief" in html
    response = client.get(reverse("audits:unit_coverage_export", args=[2031]))
    rows = _rows(load_workbook(io.BytesIO(response.content)))
    uitkeren_row = dict(zip(rows[0], next(r for r in rows if r[0] == "Uitkeren"), strict=True))
    assert uitkeren_row["Klantgerichtheid"] == "nog te toetsen"


def test_linked_from_the_cycle_page_and_the_set_up(client, coordinator, cycle):
    client.force_login(coordinator)
    url = reverse("audits:unit_coverage", args=[cycle.year])
    assert url in client.get(cycle.get_absolute_url()).content.decode()
    setup = client.get(reverse("audits:cycle_open")).content.decode()
    assert "/toetscycli/dekking-per-onderdeel/" in setup or "dekking-per-onderdeel" in setup
    based_on = client.get(reverse("audits:cycle_open_based_on", args=[cycle.year])).content
    assert reverse("audits:unit_coverage", args=[cycle.year + 1]) in based_on.decode()


def test_only_the_coordination_team(client, auditor, board_member, unit_board, outsider, cycle):
    for person in (auditor, board_member, unit_board, outsider):
        client.force_login(person)
        for name in ("audits:unit_coverage", "audits:unit_coverage_export"):
            assert client.get(reverse(name, args=[2031])).status_code == 403


def test_the_page_does_not_grow_with_units_and_cycles(client, coordinator, cycle):
    client.force_login(coordinator)
    url = reverse("audits:unit_coverage", args=[2031])

    def count():
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for n in range(4):
        BusinessUnitFactory(execution=bool(n % 2))
    cycle_open(actor=coordinator, year=2030, principles=[principle("sturen-verantwoorden")])
    cycle_open(actor=coordinator, year=2029, principles=[principle("leiderschap")])
    assert count() <= before


def test_the_neighbouring_years_offered_are_the_years_that_answer(client, coordinator, cycle):
    """From the first cycle's year to the year after the last: never a link to a refused year
    (the production crawl walked "Jaar eerder" down to 1999, which answers 404)."""
    client.force_login(coordinator)

    def links(year):
        page = client.get(reverse("audits:unit_coverage", args=[year]))
        assert page.status_code == 200
        html = page.content.decode()
        return [
            y for y in (year - 1, year + 1) if reverse("audits:unit_coverage", args=[y]) in html
        ]

    assert links(cycle.year) == [cycle.year + 1]  # the only cycle: nothing before it
    assert links(cycle.year + 1) == [cycle.year]  # the year after the last: nothing later
    for year in links(cycle.year) + links(cycle.year + 1):
        assert client.get(reverse("audits:unit_coverage", args=[year])).status_code == 200
    assert client.get(reverse("audits:unit_coverage", args=[1999])).status_code == 404
