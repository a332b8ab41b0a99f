"""The cockpit's review column adds up (issue 21 §3): the footer's "nog niet beoordeeld" is the
sum of the rows' review cells, an excluded (niet representatief) unit's fieldwork included, on
the page and in the export alike."""

# ruff: noqa: F811 (the review fixtures are imported by name)
import io

from django.urls import reverse
from openpyxl import load_workbook

from audits.models import Exclusion
from tests.factories import FindingFactory
from tests.review_fixtures import colleague, fieldwork  # noqa: F401 (fixtures)


def test_the_footer_counts_every_row_shown(client, fieldwork, coordinator, cycle, communicatie):
    FindingFactory(cycle=cycle, unit=communicatie)
    FindingFactory(cycle=cycle, unit=communicatie)
    Exclusion.objects.create(
        cycle=cycle, unit=communicatie, reason="Te weinig gesprekken.", excluded_by=coordinator
    )
    client.force_login(coordinator)
    response = client.get(reverse("findings:cycle_cockpit", args=[cycle.year]))
    cockpit = response.context["cockpit"]
    row = next(r for r in cockpit.rows if r.unit == communicatie)
    assert row.exclusion is not None and row.review.waiting == 2
    assert cockpit.review_waiting == sum(r.review.waiting for r in cockpit.rows) == 6
    assert "6 nog niet beoordeeld" in response.content.decode()
    export = client.get(reverse("findings:cycle_cockpit_export", args=[cycle.year]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = [[cell.value for cell in r] for r in sheet.iter_rows()]
    column = rows[0].index("Review veldwerk")
    assert rows[-1][column] == "6 nog niet beoordeeld"
