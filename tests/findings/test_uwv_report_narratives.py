"""The narrative sections of the UWV-wide report: a generated default until the coordination
team writes its own text; saving checks the version the user opened; every change is recorded."""

import pytest
from django.urls import reverse

from findings.models import ReportNarrative
from findings.report.uwv import build_uwv_report
from findings.selectors.narratives import narrative_history
from findings.services.narratives import narrative_save
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


def test_default_text_until_the_team_writes_one(coordinator, cycle):
    report = build_uwv_report(cycle)
    assert report.narratives["inleiding"].is_default
    assert "2031" in report.narratives["inleiding"].paragraphs[0]
    narrative_save(
        actor=coordinator, cycle=cycle, key="inleiding", text="Eigen tekst.", expected_version=0
    )
    report = build_uwv_report(cycle)
    assert report.narratives["inleiding"].paragraphs == ["Eigen tekst."]
    assert not report.narratives["inleiding"].is_default


def test_a_stale_version_is_refused_and_history_is_kept(coordinator, cycle):
    first = narrative_save(
        actor=coordinator, cycle=cycle, key="beschouwing", text="Versie één.", expected_version=0
    )
    narrative_save(
        actor=coordinator, cycle=cycle, key="beschouwing", text="Versie twee.", expected_version=1
    )
    with pytest.raises(EditConflict):
        narrative_save(
            actor=coordinator, cycle=cycle, key="beschouwing", text="Oud.", expected_version=1
        )
    first.refresh_from_db()
    assert (first.text, first.version) == ("Versie twee.", 2)
    events = narrative_history(first)
    assert [e.event for e in events] == ["findings.report_narrative.changed"] * 2
    assert events[0].changes == {"text": ["Versie één.", "Versie twee."]}


def test_empty_text_goes_back_to_the_default(coordinator, cycle):
    narrative_save(actor=coordinator, cycle=cycle, key="inleiding", text="X.", expected_version=0)
    narrative_save(actor=coordinator, cycle=cycle, key="inleiding", text="  ", expected_version=1)
    assert build_uwv_report(cycle).narratives["inleiding"].is_default
    assert AuditEvent.objects.filter(event="findings.report_narrative.reset").count() == 1


def test_editing_page_saves_and_shows_conflicts(client, coordinator, cycle):
    client.force_login(coordinator)
    url = reverse("findings:uwv_report_narratives", args=[cycle.year])
    assert client.get(url).status_code == 200
    data = {"key": "samenvatting", "samenvatting-text": "Kort.", "samenvatting-version": "0"}
    assert client.post(url, data).status_code == 302
    assert ReportNarrative.objects.get(cycle=cycle, key="samenvatting").text == "Kort."
    response = client.post(url, data)  # the same version again: someone saved in between
    assert response.status_code == 400
    assert "intussen gewijzigd" in response.content.decode()


def test_saving_one_text_gives_back_the_others_as_typed(client, coordinator, cycle):
    """The page is one form (issue 17): saving the summary posts the introduction typed
    meanwhile along; it is not saved, comes back as typed, and the page says so."""
    client.force_login(coordinator)
    url = reverse("findings:uwv_report_narratives", args=[cycle.year])
    response = client.post(
        url,
        {
            "key": "samenvatting",
            "samenvatting-text": "Kort.",
            "samenvatting-version": "0",
            "inleiding-text": "Een inleiding in wording.",
            "inleiding-version": "0",
        },
        follow=True,
    )
    assert response.redirect_chain == [(url, 302)]
    html = response.content.decode()
    assert "Een inleiding in wording.</textarea>" in html
    assert "Ook gewijzigd maar nog niet opgeslagen: Inleiding en aanleiding." in html
    assert ReportNarrative.objects.get(cycle=cycle, key="samenvatting").text == "Kort."
    assert not ReportNarrative.objects.filter(cycle=cycle, key="inleiding").exists()
    # The introduction saves after, with the version it was typed on.
    assert (
        client.post(
            url, {"key": "inleiding", "inleiding-text": "Een inleiding.", "inleiding-version": "0"}
        ).status_code
        == 302
    )
    assert ReportNarrative.objects.get(cycle=cycle, key="inleiding").text == "Een inleiding."


@pytest.mark.parametrize("persona", ["board_member", "auditor", "outsider"])
def test_only_the_coordination_team_edits(client, request, cycle, persona):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("findings:uwv_report_narratives", args=[cycle.year])
    assert client.get(url).status_code == 403
    assert client.post(url, {"key": "inleiding"}).status_code == 403
