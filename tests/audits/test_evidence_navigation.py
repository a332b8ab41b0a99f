"""The evidence pages are reachable: from the auditor's work page, from the home page for the
coordination team and, for a unit's board, from the "Uw bedrijfsonderdeel" card."""

from django.urls import reverse

from tests.factories import DocumentCheckFactory, InterviewFactory


def test_the_auditors_work_page_links_each_units_evidence(
    client, auditor, cycle, uitkeren, communicatie
):
    client.force_login(auditor)
    content = client.get(reverse("maturity:auditor_work", args=[cycle.year])).content.decode()
    for unit in (uitkeren, communicatie):
        assert reverse("audits:document_checklist", args=[cycle.year, unit.pk]) in content
        assert reverse("audits:interview_list", args=[cycle.year, unit.pk]) in content
        assert reverse("audits:evidence_overview", args=[cycle.year, unit.pk]) in content


def test_the_coordinators_home_links_the_documentation_list_and_questions(client, coordinator):
    client.force_login(coordinator)
    content = client.get(reverse("home")).content.decode()
    assert reverse("audits:document_type_list") in content
    assert reverse("audits:question_principles") in content


def test_the_unit_board_finds_its_evidence_from_home(
    client, unit_board, cycle, uitkeren, communicatie
):
    client.force_login(unit_board)
    url = reverse("audits:evidence_overview", args=[cycle.year, uitkeren.pk])
    assert url not in client.get(reverse("home")).content.decode()  # nothing delivered yet
    InterviewFactory(cycle=cycle, unit=uitkeren)  # a concept is no evidence
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, niet_geleverd=True)
    assert url not in client.get(reverse("home")).content.decode()
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, geleverd=True)
    content = client.get(reverse("home")).content.decode()
    assert url in content
    assert "Bewijs 2031" in content
    assert reverse("audits:evidence_overview", args=[cycle.year, communicatie.pk]) not in content


def test_a_confirmed_interview_also_makes_evidence(client, unit_board, cycle, uitkeren):
    InterviewFactory(cycle=cycle, unit=uitkeren, bevestigd=True)
    client.force_login(unit_board)
    content = client.get(reverse("home")).content.decode()
    assert reverse("audits:evidence_overview", args=[cycle.year, uitkeren.pk]) in content


def test_others_get_no_board_links(client, auditor, cycle, uitkeren):
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, geleverd=True)
    client.force_login(auditor)
    content = client.get(reverse("home")).content.decode()
    assert "Bewijs 2031" not in content
    assert reverse("audits:document_type_list") not in content
