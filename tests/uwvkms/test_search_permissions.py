"""Search finds what a user may see and nothing else (issue 21 §5): per kind of hit, who finds
it (landing on a page they may open) and who is refused, on SQLite and PostgreSQL alike."""

import pytest
from django.urls import reverse

from audits.models import AuditCycle
from findings.constants import UnitReportStatus
from findings.models import UnitReport
from tests.factories import UserFactory
from tests.uwvkms.search_data import WORD, audit_data, herstel_data, withdraw_record
from uwvkms.constants import Role


@pytest.fixture
def other_board(db, communicatie):
    return UserFactory(username="directie.com", business_unit=communicatie, roles=[Role.DIRECTIE])


@pytest.fixture
def data(cycle, uitkeren, auditor):
    return audit_data(cycle, uitkeren, auditor)


def found(client, user, q=WORD) -> dict[str, list[str]]:
    """kind key → the URLs of the hits `user` gets for `q` (each checked to open for them)."""
    client.force_login(user)
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    urls = {
        result.kind.key: [hit.url for hit in result.hits] for result in response.context["results"]
    }
    for hit_urls in urls.values():
        for url in hit_urls:
            if "/bestanden/" not in url:  # a download needs the file's bytes
                assert client.get(url.split("#")[0]).status_code == 200, url
    return urls


def _year_unit(cycle, unit):
    return [cycle.year, unit.pk]


def test_units_for_those_who_open_a_page_of_them(
    client,
    data,
    cycle,
    uitkeren,
    auditor,
    other_auditor,
    unit_board,
    other_board,
    coordinator,
    outsider,
    board_member,
):
    overview = reverse("audits:evidence_overview", args=_year_unit(cycle, uitkeren))
    assert found(client, auditor, "Uitkeren")["onderdelen"] == [overview]
    assert found(client, coordinator, "uitk")["onderdelen"] == [overview]
    assert found(client, unit_board, "UIT")["onderdelen"] == [overview]
    # Refused: another team's auditor, another unit's board, the RvB before definitief, anyone.
    for user in (other_auditor, other_board, board_member, outsider):
        assert "onderdelen" not in found(client, user, "Uitkeren"), user


def test_findings_and_recommendations_follow_the_report(
    client,
    data,
    cycle,
    uitkeren,
    auditor,
    other_auditor,
    unit_board,
    other_board,
    coordinator,
    board_member,
    outsider,
):
    findings_url = reverse("findings:unit_findings", args=_year_unit(cycle, uitkeren))
    for user in (auditor, coordinator):
        hits = found(client, user)
        assert [url.split("#")[0] for url in hits["bevindingen"]] == [findings_url]
        assert [url.split("#")[0] for url in hits["aanbevelingen"]] == [findings_url]
    # A concept is not for the board or the RvB, nor ever for another unit's people.
    for user in (unit_board, other_board, board_member, other_auditor, outsider):
        hits = found(client, user)
        assert "bevindingen" not in hits and "aanbevelingen" not in hits, user
    UnitReport.objects.filter(unit=uitkeren).update(status=UnitReportStatus.AFGESTEMD)
    report = reverse("findings:unit_report", args=_year_unit(cycle, uitkeren))
    assert found(client, unit_board)["bevindingen"] == [report]
    assert "bevindingen" not in found(client, board_member)
    assert "bevindingen" not in found(client, other_board)
    UnitReport.objects.filter(unit=uitkeren).update(status=UnitReportStatus.DEFINITIEF)
    assert found(client, board_member)["aanbevelingen"] == [report]


def test_themes_and_main_findings_only_for_the_coordination_team(
    client, data, cycle, auditor, coordinator, board_member, unit_board
):
    theme_url = reverse("findings:theme_detail", args=[cycle.year, data["theme"].pk])
    assert found(client, coordinator)["themas"] == [theme_url, theme_url]
    for user in (auditor, board_member, unit_board):
        assert "themas" not in found(client, user), user
    withdraw_record(data["theme"], coordinator)
    assert "themas" not in found(client, coordinator)


def test_interviews_for_the_team_never_the_board(
    client, data, cycle, auditor, coordinator, other_auditor, unit_board, board_member
):
    url = data["interview"].get_absolute_url()
    assert found(client, auditor)["interviews"] == [url]
    assert found(client, coordinator, "Visser")["interviews"] == [url]  # an interviewee
    for user in (unit_board, other_auditor, board_member):
        assert "interviews" not in found(client, user), user
        assert "interviews" not in found(client, user, "Visser"), user
    withdraw_record(data["interview"], auditor)
    assert "interviews" not in found(client, auditor)


def test_documents_by_file_name_as_they_may_be_downloaded(
    client, data, cycle, uitkeren, auditor, coordinator, unit_board, other_board, board_member
):
    assert len(found(client, auditor)["documenten"]) == 2
    assert len(found(client, coordinator, "concept")["documenten"]) == 1
    # The board gets the delivered document only, as a download.
    delivered = reverse("audits:document_file", args=[cycle.year, data["delivered"].pk])
    assert found(client, unit_board)["documenten"] == [delivered]
    for user in (other_board, board_member):
        assert "documenten" not in found(client, user), user
    withdraw_record(data["delivered"], auditor)
    assert "documenten" not in found(client, unit_board)


def test_herstelacties_and_dossiers(
    client, adviser, other_adviser, sbk_adviser, communicatie_user, outsider
):
    herstel = herstel_data(adviser)
    action_url = herstel["action"].get_absolute_url()
    dossier_url = herstel["dossier"].get_absolute_url()
    assert found(client, adviser)["herstelacties"] == [action_url]
    assert found(client, adviser, "ks-2031")["dossiers"] == [dossier_url]
    assert found(client, sbk_adviser, "KS-2031-0001")["dossiers"] == [dossier_url]
    # Communicatie reads the action, not its dossiers; another division's adviser nothing.
    assert found(client, communicatie_user)["herstelacties"] == [action_url]
    assert "dossiers" not in found(client, communicatie_user, "KS-2031")
    for user in (other_adviser, outsider):
        assert found(client, user) == {}, user
        assert found(client, user, "KS-2031") == {}, user


def test_an_outsider_finds_nothing(client, data, adviser, outsider):
    herstel_data(adviser)
    for q in (WORD, "Uitkeren", "Visser", "KS-2031"):
        assert found(client, outsider, q) == {}


def test_nothing_of_a_withdrawn_cycle(client, data, cycle, coordinator, auditor):
    AuditCycle.with_withdrawn.filter(pk=cycle.pk).update(
        withdrawn_at=cycle.created_at if hasattr(cycle, "created_at") else "2031-01-01T00:00Z",
        withdrawn_by=coordinator,
        withdrawal_reason="In fout geopend.",
    )
    for user in (coordinator, auditor):
        assert found(client, user) == {}, user
        assert found(client, user, "Uitkeren") == {}, user
