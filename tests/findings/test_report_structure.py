"""The UWV-wide report as data (issue 18): the default structure follows the 2023 report's
chapters and sections, a new cycle starts from the previous cycle's structure, the coordination
team adds, orders and removes sections and chapters, each with its history; nobody else may."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from audits.models import AuditCycle
from audits.services.cycles import cycle_open
from findings.models import ReportSection
from findings.report.uwv import build_uwv_report
from findings.services.report_structure import (
    report_section_add,
    report_section_move,
    report_section_save,
    report_section_withdraw,
    report_structure_start,
)
from tests.factories import principle
from uwvkms.selectors import audit_events_for

# The 2023 report's table of contents (seed 000), with the spelling fixed and the principle
# named as UWV's reference data names it.
TOC_2023 = [
    ("1", "Inleiding en aanleiding"),
    ("1.1", "Leeswijzer"),
    ("1.2", "Woord van dank"),
    ("2", "Managementsamenvatting"),
    ("2.1", "Wat gaat er goed?"),
    ("2.2", "Hoofdbevindingen"),
    ("3", "Scope en methodiek"),
    ("3.1", "Scope"),
    ("3.2", "Waarderend onderzoek"),
    ("3.3", "Documentatieonderzoek en interviews"),
    ("3.4", "Volwassenheidsmodel en kalibratie"),
    ("3.5", "Afstemming per bedrijfsonderdeel en rode draden"),
    ("3.6", "Disclaimer"),
    ("4", "Volwassenheid kwaliteitsmanagementsysteem van UWV"),
    ("4.1", "Totaal UWV"),
    ("4.2", "Volwassenheid: goede voorbeelden"),
    ("4.3", "Volwassenheid: aandachtsgebieden"),
    ("5", "Hoofdbevindingen UWV"),
    ("6", "Klantgerichtheid"),
    ("6.1", "Algemeen"),
    ("6.2", "Waargenomen kwaliteitsinstrumenten"),
    ("6.3", "Waar kunnen we van elkaar leren?"),
    ("6.4", "Waar is verbetering nodig binnen de bedrijfsonderdelen?"),
    ("7", "Sturen en verantwoorden"),
    ("7.1", "Algemeen"),
    ("7.2", "Plannen en doelstellingen"),
    ("7.3", "Rapportages en KPI-set"),
    ("7.4", "Effectmetingen verbetermaatregelen"),
    ("7.5", "Onderlinge samenwerking"),
    ("7.6", "Waar kunnen we van elkaar leren?"),
    ("7.7", "Waar is verbetering nodig binnen de bedrijfsonderdelen?"),
    ("8", "Operationele Kwaliteit"),
    ("8.1", "Algemeen"),
    ("8.2", "Waargenomen kwaliteitsinstrumenten"),
    ("8.3", "PDCA rondmaken"),
    ("8.4", "Kwaliteitsnormen en -doelstellingen"),
    ("8.5", "Waar kunnen we van elkaar leren?"),
    ("8.6", "Waar is verbetering nodig binnen de bedrijfsonderdelen?"),
    ("9", "Basic Kwaliteitsmanagement"),
    ("9.1", "Gebruik van standaard documenten"),
    ("9.2", "De definitie en scope van kwaliteit"),
    ("9.3", "Goed voorbeeld"),
    ("10", "Managementreacties en beschouwing"),
    ("Bijlage 1", "UWV Volwassenheidsmodel"),
    ("Bijlage 2", "UWV Managementprincipes"),
]


@pytest.fixture
def cycle_2023(cycle):
    """The test cycle assessing what 2023 assessed: three principles and the Basics."""
    cycle.principles.set(
        [
            principle("klantgerichtheid"),
            principle("sturen-verantwoorden"),
            principle("operationele-kwaliteit"),
            principle("basic-km"),
        ]
    )
    return cycle


def _row(cycle, anchor) -> ReportSection:
    return ReportSection.objects.get(cycle=cycle, anchor=anchor)


def _toc(cycle):
    return [(h.number, h.title) for h in build_uwv_report(cycle).toc]


def test_the_default_structure_has_the_2023_chapters_and_sections(coordinator, cycle_2023):
    report_structure_start(actor=coordinator, cycle=cycle_2023)
    # The team puts Sturen & Verantwoorden before Operationele Kwaliteit, as 2023 did.
    report_section_move(
        actor=coordinator, section=_row(cycle_2023, "principe-sturen-verantwoorden"), up=True
    )
    assert _toc(cycle_2023) == TOC_2023


def test_without_a_stored_structure_the_report_shows_the_default(cycle_2023):
    """Before the team starts, the report (and its live concept) reads the default."""
    toc = _toc(cycle_2023)
    assert [title for _n, title in toc if _n in ("7", "8")] == [
        "Operationele Kwaliteit",
        "Sturen en verantwoorden",
    ]
    assert not ReportSection.objects.exists()


def test_a_new_cycle_starts_from_the_previous_cycles_structure_without_its_texts(
    coordinator, cycle
):
    report_structure_start(actor=coordinator, cycle=cycle)
    thanks = _row(cycle, "dankwoord")
    report_section_save(
        actor=coordinator,
        section=thanks,
        title="Dankwoord",
        text="Dank aan alle toetsers.",
        blocks=[],
        not_applicable=[],
        expected_version=thanks.version,
    )
    report_section_add(
        actor=coordinator,
        cycle=cycle,
        chapter=_row(cycle, "principe-klantgerichtheid"),
        title="Klantreizen",
    )
    later = cycle_open(
        actor=coordinator,
        year=cycle.year + 1,
        principles=[principle("klantgerichtheid"), principle("leiderschap")],
        include_basic=False,
    )
    report_structure_start(actor=coordinator, cycle=later)
    toc = dict((title, number) for number, title in _toc(later))
    assert toc["Dankwoord"] == "1.2"
    assert "Klantreizen" in toc
    assert "Operationele Kwaliteit" not in toc  # not assessed in the new cycle
    assert toc["Leiderschap"] == "7"  # a newly assessed principle gets a default chapter
    assert _row(later, "dankwoord").text == ""
    assert {r.status for r in ReportSection.objects.filter(cycle=later)} == {"concept"}
    started = [e for e in audit_events_for(later) if e.event.startswith("findings.")]
    assert [(e.event, e.changes) for e in started] == [
        ("findings.report_structure.started", {"bron": [None, str(cycle.year)]})
    ]


def test_starting_twice_is_refused(coordinator, cycle):
    report_structure_start(actor=coordinator, cycle=cycle)
    with pytest.raises(ValidationError):
        report_structure_start(actor=coordinator, cycle=cycle)


def test_the_team_adds_orders_and_removes_sections_on_the_structure_page(
    client, coordinator, cycle
):
    client.force_login(coordinator)
    url = reverse("findings:uwv_report_structure", args=[cycle.year])
    page = client.get(url).content.decode()
    assert "Opbouw vastleggen en beginnen met schrijven" in page
    assert client.post(url, {"start": "1"}).status_code == 302
    # Only the moves the service allows are offered: chapter 10 stays before the appendices.
    page = client.get(url).content.decode()
    assert 'Omlaag<span class="visually-hidden">: Managementreacties en beschouwing' not in page
    assert 'Omhoog<span class="visually-hidden">: UWV Volwassenheidsmodel' not in page
    assert 'Omlaag<span class="visually-hidden">: UWV Volwassenheidsmodel' in page
    chapter = _row(cycle, "principe-klantgerichtheid")
    response = client.post(
        url, {"add": str(chapter.pk), f"nieuw-{chapter.pk}-title": "Klantreizen in de keten"}
    )
    added = _row(cycle, "klantreizen-in-de-keten")
    assert response.url == reverse("findings:uwv_report_section", args=[cycle.year, added.pk])
    assert [s.title for s in chapter.sections.order_by("position")][-1] == "Klantreizen in de keten"
    # Up one place: before "Waar is verbetering nodig…".
    client.post(url, {"move": f"{added.pk}:up"})
    titles = [s.title for s in chapter.sections.order_by("position")]
    assert titles[-2:] == [
        "Klantreizen in de keten",
        "Waar is verbetering nodig binnen de bedrijfsonderdelen?",
    ]
    # A new chapter goes before the appendices.
    client.post(url, {"add": "hoofdstuk", "nieuw-hoofdstuk-title": "Vooruitblik"})
    assert [title for _n, title in _toc(cycle) if not _n.count(".")][-3:] == [
        "Vooruitblik",
        "UWV Volwassenheidsmodel",
        "UWV Managementprincipes",
    ]
    # Removing asks for a reason, then takes it out of the report; its row and text stay.
    remove = reverse("findings:uwv_report_section_withdraw", args=[cycle.year, added.pk])
    assert "uit het rapport halen?" in client.get(remove).content.decode()
    refused = client.post(remove, {"reason": "", "version": added.version})
    assert refused.status_code == 400
    assert client.post(remove, {"reason": "Dubbel.", "version": added.version}).status_code == 302
    assert "Klantreizen in de keten" not in dict(_toc(cycle)).values()
    assert ReportSection.with_withdrawn.get(pk=added.pk).withdrawal_reason == "Dubbel."
    events = [e.event for e in audit_events_for(added)]
    assert events == [
        "findings.report_section.withdrawn",
        "findings.report_section.moved",
        "findings.report_section.added",
    ]


def test_an_empty_title_is_refused_and_kept_on_the_page(client, coordinator, cycle):
    client.force_login(coordinator)
    url = reverse("findings:uwv_report_structure", args=[cycle.year])
    client.post(url, {"start": "1"})
    chapter = _row(cycle, "inleiding")
    response = client.post(url, {"add": str(chapter.pk), f"nieuw-{chapter.pk}-title": "  "})
    assert response.status_code == 400
    assert "Geef de paragraaf een titel." in response.content.decode()
    assert chapter.sections.count() == 2


def test_a_principle_chapter_stays_and_the_ends_do_not_move_further(coordinator, cycle):
    report_structure_start(actor=coordinator, cycle=cycle)
    principle_chapter = _row(cycle, "principe-klantgerichtheid")
    with pytest.raises(ValidationError, match="Elk getoetst principe"):
        report_section_withdraw(
            actor=coordinator,
            section=principle_chapter,
            reason="Weg ermee.",
            expected_version=principle_chapter.version,
        )
    with pytest.raises(ValidationError, match="bovenaan"):
        report_section_move(actor=coordinator, section=_row(cycle, "inleiding"), up=True)
    # An appendix stays among the appendices.
    with pytest.raises(ValidationError, match="bovenaan"):
        report_section_move(actor=coordinator, section=_row(cycle, "bijlage-1"), up=True)


@pytest.mark.parametrize("persona", ["auditor", "board_member", "unit_board", "outsider"])
def test_only_the_coordination_team_writes_the_report(client, request, coordinator, cycle, persona):
    report_structure_start(actor=coordinator, cycle=cycle)
    section = _row(cycle, "dankwoord")
    user = request.getfixturevalue(persona)
    client.force_login(user)
    for url in (
        reverse("findings:uwv_report_structure", args=[cycle.year]),
        reverse("findings:uwv_report_section", args=[cycle.year, section.pk]),
        reverse("findings:uwv_report_section_withdraw", args=[cycle.year, section.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"title": "x", "version": section.version}).status_code == 403
    with pytest.raises(PermissionDenied):
        report_section_move(actor=user, section=section, up=True)
    assert _row(cycle, "dankwoord").version == section.version


def test_a_section_of_another_cycle_is_not_found(client, coordinator, cycle):
    report_structure_start(actor=coordinator, cycle=cycle)
    other = cycle_open(
        actor=coordinator, year=cycle.year + 2, principles=[principle("klantgerichtheid")]
    )
    client.force_login(coordinator)
    section = _row(cycle, "dankwoord")
    url = reverse("findings:uwv_report_section", args=[other.year, section.pk])
    assert client.get(url).status_code == 404
    assert AuditCycle.objects.filter(year=other.year).exists()
