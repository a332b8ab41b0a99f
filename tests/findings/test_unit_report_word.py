"""The unit report as a Word file: the page's outline as Word headings (Heading 1/2/3 for the
page's h2/h3/h4, in the same order, with the same titles), the same texts and table, and the same
access rule as the page and the PDF."""

import html
import io
import re

import docx
import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse

from findings.services import quote_create
from tests.factories import BusinessUnitFactory, ScoreFactory, UserFactory
from tests.findings.test_unit_access import READS, STATUSES, bring_to
from tests.findings.unit_reporting import (
    agree,
    confirmed_interview,
    finalise,
    klant,
    observe,
    recommend,
    respond,
)
from uwvkms.constants import Role

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
WORD_LEVEL = {"2": "Heading 1", "3": "Heading 2", "4": "Heading 3"}


@pytest.fixture
def other_board(db):
    return UserFactory(
        username="directie_com",
        business_unit=BusinessUnitFactory(name="Communicatie"),
        roles=[Role.DIRECTIE],
    )


def page_headings(page_html: str) -> list[tuple[str, str]]:
    """(level, text) of the report's headings on the page, from its <article> only."""
    article = page_html.split('<article class="unit-report">', 1)[1].split("</article>", 1)[0]
    headings = []
    for level, inner in re.findall(r"<h([1-4])[^>]*>(.*?)</h\1>", article, flags=re.S):
        text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", inner)).split())
        headings.append((level, text))
    return headings


def word_file(client, cycle, unit):
    response = client.get(reverse("findings:unit_report_docx", args=[cycle.year, unit.id]))
    assert response.status_code == 200
    return response, docx.Document(io.BytesIO(response.content))


def all_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def full_report(auditor, coordinator, unit_board, cycle, unit):
    """A finished report: a score, an observation, a good practice, a quote, a recommendation
    and the board's submitted response."""
    ScoreFactory(cycle=cycle, unit=unit, principle=klant(), level=4, justification="Sturen.")
    observe(auditor, cycle, unit, text="Het jaarplan is actueel.")
    observe(auditor, cycle, unit, text="Teams leren van klachten.", kind="goede_praktijk")
    quote_create(
        actor=auditor,
        cycle=cycle,
        unit=unit,
        principle=klant(),
        interview=confirmed_interview(cycle, unit),
        text="Wij zijn trots op het team.",
    )
    rec = recommend(auditor, cycle, unit, title="Werk samen in de keten")
    agree(coordinator, cycle, unit)
    respond(unit_board, cycle, unit, {rec: "herkend"}, overall="Wij pakken dit op.")
    finalise(coordinator, cycle, unit)


def test_word_file_has_the_pages_outline_as_word_headings(
    client, auditor, coordinator, unit_board, cycle, uitkeren
):
    full_report(auditor, coordinator, unit_board, cycle, uitkeren)
    client.force_login(coordinator)
    page = client.get(reverse("findings:unit_report", args=[cycle.year, uitkeren.id]))
    headings = page_headings(page.content.decode())
    assert ("4", "Citaten") in headings  # the page's outline is the full one

    response, document = word_file(client, cycle, uitkeren)
    assert response["Content-Type"] == DOCX
    assert 'filename="rapport-uit-2031.docx"' in response["Content-Disposition"]
    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == [text for level, text in headings if level == "1"]
    word_headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert word_headings == [(WORD_LEVEL[level], text) for level, text in headings if level != "1"]


def test_word_file_holds_the_reports_texts_and_table(
    client, auditor, coordinator, unit_board, board_member, cycle, uitkeren
):
    full_report(auditor, coordinator, unit_board, cycle, uitkeren)
    client.force_login(board_member)
    _response, document = word_file(client, cycle, uitkeren)
    text = all_text(document)
    for expected in (
        "Status: Definitief",
        "Het jaarplan is actueel.",
        "Teams leren van klachten.",
        "“Wij zijn trots op het team.”",
        "Uit het rapport van Uitkeren",
        "Werk samen in de keten",
        "Leg vast wat een verbeteractie heeft opgeleverd.",
        "Reactie van de directie: Herkend.",
        "Wij pakken dit op.",
        "bevestigd interview",
    ):
        assert expected in text, expected
    assert "Petra Geheim" not in text  # quotes never name the person interviewed
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Managementprincipe"]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Managementprincipe", "Niveau", "Onderbouwing"]
    assert rows[1][0] == "Klantgerichtheid"
    assert rows[1][1:] == ["4 Sturen", "Sturen."]


def test_concept_says_the_response_comes_later(client, auditor, coordinator, cycle, uitkeren):
    recommend(auditor, cycle, uitkeren, title="Meet het effect")
    client.force_login(auditor)
    _response, document = word_file(client, cycle, uitkeren)
    text = all_text(document)
    assert "Meet het effect" in text
    assert "De directie reageert op het rapport nadat het met haar is afgestemd." in text
    assert "Status: Concept" in text
    rows = [[cell.text for cell in row.cells] for row in document.tables[-1].rows]
    assert ["Operationele Kwaliteit", "nog geen score", "–"] in rows  # no submitted score yet


def test_page_offers_the_word_file_beside_the_pdf(client, coordinator, cycle, uitkeren):
    client.force_login(coordinator)
    page = client.get(reverse("findings:unit_report", args=[cycle.year, uitkeren.id]))
    content = page.content.decode()
    url = reverse("findings:unit_report_docx", args=[cycle.year, uitkeren.id])
    assert f'href="{url}">Download als Word</a>' in content
    assert content.index("Download als PDF") < content.index("Download als Word")


def test_board_downloads_its_agreed_report_as_word(
    client, coordinator, unit_board, cycle, uitkeren
):
    agree(coordinator, cycle, uitkeren)
    client.force_login(unit_board)
    response, _document = word_file(client, cycle, uitkeren)
    assert response["Content-Type"] == DOCX


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        (persona, status)
        for persona, statuses in READS.items()
        for status in STATUSES
        if status not in statuses
    ],
)
def test_word_file_is_refused_as_the_pdf(
    client, request, persona, status, coordinator, cycle, uitkeren
):
    bring_to(status, coordinator, cycle, uitkeren)
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("findings:unit_report_docx", args=[cycle.year, uitkeren.id]))
    assert response.status_code == 403


def test_outsider_and_another_units_board_get_no_word_file(
    client, outsider, other_board, coordinator, cycle, uitkeren
):
    bring_to("definitief", coordinator, cycle, uitkeren)
    url = reverse("findings:unit_report_docx", args=[cycle.year, uitkeren.id])
    for user in (outsider, other_board):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_anonymous_is_sent_to_log_in(client, cycle, uitkeren):
    response = client.get(reverse("findings:unit_report_docx", args=[cycle.year, uitkeren.id]))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
