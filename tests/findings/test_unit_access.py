"""Who reads a unit report, in which status, on the page and as PDF; and the list of unit reports
per cycle, which shows each role only what it may read, in a constant number of queries."""

import pytest
from django.urls import reverse

from audits.constants import AuditCapacity
from findings.unit_report_rules import may_read
from tests.factories import (
    AssessedPrincipleFactory,
    AssignmentFactory,
    BusinessUnitFactory,
    UserFactory,
)
from tests.findings.unit_reporting import agree, finalise, klant, recommend
from uwvkms.constants import Role

STATUSES = ("concept", "afgestemd", "definitief")

# persona → the statuses in which it reads Uitkeren's report.
READS = {
    "auditor": {"concept", "afgestemd", "definitief"},  # on Uitkeren's audit team
    "coordinator": {"concept", "afgestemd", "definitief"},
    "unit_board": {"afgestemd", "definitief"},  # Uitkeren's own board
    "board_member": {"definitief"},  # the RvB
    "other_auditor": set(),  # auditor of other units
    "other_board": set(),  # the board of another unit
    "outsider": set(),
}


@pytest.fixture
def other_board(db):
    return UserFactory(
        username="directie_com",
        business_unit=BusinessUnitFactory(name="Communicatie"),
        roles=[Role.DIRECTIE],
    )


def bring_to(status, coordinator, cycle, unit):
    if status in ("afgestemd", "definitief"):
        agree(coordinator, cycle, unit)
    if status == "definitief":
        finalise(coordinator, cycle, unit)


@pytest.mark.parametrize(
    ("capacity", "status", "reads"),
    [
        (capacity, status, status in statuses)
        for capacity, statuses in {
            AuditCapacity.AUDITOR: set(STATUSES),
            AuditCapacity.LEAD_AUDITOR: set(STATUSES),
            AuditCapacity.COORDINATOR: set(STATUSES),
            AuditCapacity.BOARD: {"afgestemd", "definitief"},
            AuditCapacity.RVB: {"definitief"},
        }.items()
        for status in STATUSES
    ],
)
def test_read_rule(capacity, status, reads):
    assert may_read({capacity}, status) is reads
    assert may_read(set(), status) is False


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("persona", list(READS))
def test_who_reads_the_report_page(client, request, persona, status, coordinator, cycle, uitkeren):
    bring_to(status, coordinator, cycle, uitkeren)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("findings:unit_report", args=[cycle.year, uitkeren.id]))
    assert response.status_code == (200 if status in READS[persona] else 403)


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (persona, status)
        for persona, statuses in READS.items()
        for status in STATUSES
        if status not in statuses
    ],
)
def test_pdf_is_refused_as_the_page(client, request, persona, status, coordinator, cycle, uitkeren):
    bring_to(status, coordinator, cycle, uitkeren)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("findings:unit_report_pdf", args=[cycle.year, uitkeren.id]))
    assert response.status_code == 403


def test_unknown_cycle_or_unit_is_not_found(client, coordinator, cycle, uitkeren):
    client.force_login(coordinator)
    assert client.get(reverse("findings:unit_report", args=[2099, uitkeren.id])).status_code == 404
    assert client.get(reverse("findings:unit_report", args=[cycle.year, 9999])).status_code == 404


def test_board_finds_its_agreed_report_on_the_home_page(
    client, coordinator, unit_board, cycle, uitkeren
):
    client.force_login(unit_board)
    url = reverse("findings:unit_report", args=[cycle.year, uitkeren.id])
    assert url not in client.get(reverse("home")).content.decode()  # still a concept
    agree(coordinator, cycle, uitkeren)
    html = client.get(reverse("home")).content.decode()
    assert url in html
    assert "Rapport Uitkeren 2031" in html


def test_auditor_finds_findings_and_report_on_the_work_list(client, auditor, cycle, uitkeren):
    client.force_login(auditor)
    html = client.get(reverse("maturity:auditor_work", args=[cycle.year])).content.decode()
    assert reverse("findings:unit_findings", args=[cycle.year, uitkeren.id]) in html
    assert reverse("findings:unit_report", args=[cycle.year, uitkeren.id]) in html


def test_cycle_page_links_the_list(client, coordinator, cycle):
    client.force_login(coordinator)
    html = client.get(reverse("audits:cycle_detail", args=[cycle.year])).content.decode()
    assert reverse("findings:unit_report_list", args=[cycle.year]) in html
    assert "Rapporten per onderdeel" in html


# --- The list per cycle ------------------------------------------------------------------------


@pytest.fixture
def three_reports(auditor, coordinator, cycle, uitkeren, communicatie, fez):
    """Uitkeren afgestemd (with a recommendation), Communicatie concept, FEZ definitief."""
    recommend(auditor, cycle, uitkeren)
    agree(coordinator, cycle, uitkeren)
    agree(coordinator, cycle, fez)
    finalise(coordinator, cycle, fez)
    return cycle


def listed(client, user, cycle):
    client.force_login(user)
    response = client.get(reverse("findings:unit_report_list", args=[cycle.year]))
    assert response.status_code == 200
    return [row.unit.name for row in response.context["rows"]]


def test_list_shows_each_role_what_it_may_read(
    client, three_reports, coordinator, auditor, unit_board, board_member, other_auditor
):
    cycle = three_reports
    assert listed(client, coordinator, cycle) == ["Communicatie", "FEZ", "Uitkeren"]
    assert listed(client, auditor, cycle) == ["Communicatie", "Uitkeren"]
    assert listed(client, unit_board, cycle) == ["Uitkeren"]
    assert listed(client, board_member, cycle) == ["FEZ"]
    assert listed(client, other_auditor, cycle) == []


def test_list_rows_carry_status_counts_and_links(client, three_reports, unit_board):
    cycle = three_reports
    client.force_login(unit_board)
    response = client.get(reverse("findings:unit_report_list", args=[cycle.year]))
    (row,) = response.context["rows"]
    assert (row.status, row.recommendation_count, row.response_submitted) == ("afgestemd", 1, False)
    html = response.content.decode()
    assert reverse("findings:management_response", args=[cycle.year, row.unit.id]) in html
    assert reverse("findings:unit_findings", args=[cycle.year, row.unit.id]) not in html


def test_outsider_gets_403_on_the_list(client, outsider, cycle):
    client.force_login(outsider)
    assert client.get(reverse("findings:unit_report_list", args=[cycle.year])).status_code == 403


@pytest.mark.parametrize("persona", ["coordinator", "board_member", "auditor"])
def test_list_uses_a_constant_number_of_queries(
    client, request, persona, coordinator, auditor, cycle, django_assert_max_num_queries
):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    url = reverse("findings:unit_report_list", args=[cycle.year])

    def add_units(n: int, offset: int):
        for i in range(n):
            unit = BusinessUnitFactory(name=f"Extra {offset + i}")
            AssessedPrincipleFactory(cycle=cycle, unit=unit, principle=klant())
            # Only the unit's own auditors write its recommendations.
            AssignmentFactory(cycle=cycle, unit=unit, auditor=auditor)
            recommend(auditor, cycle, unit)
            agree(coordinator, cycle, unit)
            finalise(coordinator, cycle, unit)

    add_units(2, 0)
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    add_units(8, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200


def test_board_downloads_its_agreed_report_as_pdf(client, coordinator, unit_board, cycle, uitkeren):
    agree(coordinator, cycle, uitkeren)
    client.force_login(unit_board)
    response = client.get(reverse("findings:unit_report_pdf", args=[cycle.year, uitkeren.id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
