"""A published version never changes and a Definitief one closes the year's report: publishing
asks first and says so (issue 17, "guarded moves"). What would be refused is refused on the
form, never put up for confirmation; going back keeps what was typed."""

from django.urls import reverse

from findings.models import ReportVersion
from tests.findings.publishing_helpers import ready_for_definitive


def publish(client, year, label="1.0", status="Concept", **extra):
    return client.post(
        reverse("findings:report_version_publish", args=[year]),
        {"label": label, "report_status": status} | extra,
    )


def test_publishing_asks_first(client, coordinator, cycle):
    client.force_login(coordinator)
    response = publish(client, cycle.year, "1.0", "Concept")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Versie 1.0 publiceren als Concept?" in html
    assert "verandert nooit" in html
    assert "Ja, publiceren" in html
    assert not ReportVersion.objects.exists()


def test_definitief_says_it_closes_the_report(client, coordinator, cycle):
    ready_for_definitive(cycle=cycle, coordinator=coordinator)
    client.force_login(coordinator)
    response = publish(client, cycle.year, "2.0", "Definitief")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Versie 2.0 publiceren als Definitief?" in html
    assert f"Als Definitief is dit het rapport van {cycle.year}." in html
    assert not ReportVersion.objects.exists()


def test_what_would_be_refused_is_refused_without_asking(client, coordinator, cycle):
    client.force_login(coordinator)  # no unit report is agreed
    response = publish(client, cycle.year, "1.0", "Definitief")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nog niet afgestemd:" in html and "Ja, publiceren" not in html


def test_going_back_keeps_the_input(client, coordinator, cycle):
    client.force_login(coordinator)
    response = publish(client, cycle.year, "1.3", "Concept", terug="1")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="1.3"' in html and "Ja, publiceren" not in html
    assert not ReportVersion.objects.exists()


def test_confirming_publishes(client, coordinator, cycle, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    response = publish(client, cycle.year, "1.0", "Concept", bevestigd="1")
    assert response.status_code == 302
    assert ReportVersion.objects.get().label == "1.0"


def test_only_the_coordination_team_reaches_the_confirmation(client, board_member, cycle):
    client.force_login(board_member)
    assert publish(client, cycle.year).status_code == 403
    assert not ReportVersion.objects.exists()
