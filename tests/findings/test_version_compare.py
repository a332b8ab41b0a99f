"""Comparing two published versions from their stored snapshots: scores per principle, findings
and narrative text, matched by name rather than by position."""

from django.urls import reverse

from findings.selectors.publishing import snapshot_compare
from findings.services import publishing as services
from tests.findings.publishing_helpers import fake_render, ready_for_definitive

OLD = {
    "status": "Concept",
    "maturity": [
        {"principle": "Klantgerichtheid", "mean": "2,50", "scored": 2},
        {"principle": "Operationele Kwaliteit", "mean": "3,00", "scored": 1},
    ],
    "recommendations": [{"unit": "Uitkeren", "title": "Klantreis vastleggen"}],
    "narratives": {"inleiding": "Oude inleiding."},
    "units": ["Uitkeren", "Communicatie"],
}
NEW = {
    "status": "Definitief",
    "maturity": [
        {"principle": "Operationele Kwaliteit", "mean": "3,00", "scored": 1},
        {"principle": "Klantgerichtheid", "mean": "4,00", "scored": 2},
    ],
    "recommendations": [
        {"unit": "Uitkeren", "title": "Klantreis vastleggen"},
        {"unit": "Communicatie", "title": "Signalen benutten"},
    ],
    "narratives": {"inleiding": "Nieuwe inleiding."},
    "units": ["Uitkeren", "Handhaving"],
}


def by_section(sections):
    return {s.section: s.changes for s in sections}


def test_changed_scores_are_matched_by_principle_not_position():
    changes = by_section(snapshot_compare(OLD, NEW))
    assert [(c.path, c.kind, c.old, c.new) for c in changes["maturity"]] == [
        ("Klantgerichtheid › mean", "changed", "2,50", "4,00")
    ]


def test_added_findings_text_and_status_are_reported():
    changes = by_section(snapshot_compare(OLD, NEW))
    assert ("added", "Signalen benutten") in {(c.kind, c.new) for c in changes["recommendations"]}
    assert [(c.old, c.new) for c in changes["narratives"]] == [
        ("Oude inleiding.", "Nieuwe inleiding.")
    ]
    assert [(c.old, c.new) for c in changes["status"]] == [("Concept", "Definitief")]
    units = {(c.kind, c.old or c.new) for c in changes["units"]}
    assert units == {("removed", "Communicatie"), ("added", "Handhaving")}


def test_identical_snapshots_have_no_changes():
    assert snapshot_compare(OLD, OLD) == []


def test_compare_page_for_rvb(client, coordinator, board_member, cycle, monkeypatch):
    ready_for_definitive(cycle=cycle, coordinator=coordinator)
    for label, status in (("1.0", "Concept"), ("2.0", "Definitief")):
        version = services.report_version_publish(
            actor=coordinator, cycle=cycle, label=label, report_status=status
        )
        services.report_version_render(version_id=version.pk, render=fake_render)
    client.force_login(board_member)
    response = client.get(reverse("findings:report_version_compare", args=[cycle.year]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Versie 1.0 (Concept) vergeleken met versie 2.0 (Definitief)" in body
    assert "<del>Concept</del>" in body and "<ins>Definitief</ins>" in body
    unknown = client.get(
        reverse("findings:report_version_compare", args=[cycle.year]), {"van": "9.0"}
    )
    assert unknown.status_code == 404


def test_compare_page_with_fewer_than_two_versions(client, board_member, cycle):
    client.force_login(board_member)
    response = client.get(reverse("findings:report_version_compare", args=[cycle.year]))
    assert "nog geen twee gepubliceerde versies" in response.content.decode()
