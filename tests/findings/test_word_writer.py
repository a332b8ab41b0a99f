"""The Word writer (findings.report.word): what it writes must be what Word reads as its own —
real footnotes, alt text on pictures, bookmarks that internal links reach, page fields in the
footer, Word's heading, list, quote and caption styles. Each test reopens the written bytes."""

import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from PIL import Image

from findings.report.word import WordReport, bookmark_name
from uwvkms.markup import (
    BREAK,
    BULLETS,
    EMPHASIS,
    FOOTNOTE,
    HEADING,
    LINK,
    NUMBERS,
    PARAGRAPH,
    QUOTE,
    STRONG,
    TEXT,
    Block,
    Inline,
)


def reopen(report: WordReport) -> docx.document.Document:
    return docx.Document(io.BytesIO(report.to_bytes()))


def texts(element) -> str:
    return "".join(t.text for t in element.iter(qn("w:t")))


def new_report() -> WordReport:
    return WordReport(title="Rapport Uitkeren 2031", author="Coördinatieteam")


def footnotes_of(document):
    """The footnotes part's XML (python-docx reads the part back as plain bytes)."""
    return parse_xml(document.part.part_related_by(RELATIONSHIP_TYPE.FOOTNOTES).blob)


def test_a_footnote_is_a_real_word_footnote():
    report = new_report()
    paragraph = report.paragraph("De norm is gehaald.")
    report.footnote(paragraph, "Zie het jaarverslag 2030.")
    document = reopen(report)

    notes = footnotes_of(document)  # the part exists and is related to the document
    ids = [note.get(qn("w:id")) for note in notes.findall(qn("w:footnote"))]
    assert ids == ["-1", "0", "1"]  # Word's separators, then the footnote
    assert "Zie het jaarverslag 2030." in texts(notes)
    body = document.paragraphs[0]._p
    references = body.findall(f".//{qn('w:footnoteReference')}")
    assert [ref.get(qn("w:id")) for ref in references] == ["1"]
    run_style = references[0].getparent().find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
    assert run_style.get(qn("w:val")) == "FootnoteReference"
    style_ids = {style.style_id for style in document.styles}
    assert {"FootnoteText", "FootnoteReference"} <= style_ids
    settings = document.settings.element
    assert settings.find(qn("w:footnotePr")) is not None


def test_no_footnotes_part_without_footnotes():
    report = new_report()
    report.paragraph("Geen voetnoten.")
    rels = reopen(report).part.rels.values()
    assert not [rel for rel in rels if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES]


def test_an_image_carries_its_alt_text():
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(png, format="PNG")
    report = new_report()
    report.image(png.getvalue(), "Gemiddeld niveau per principe: Klantgerichtheid 3,50", 12)
    document = reopen(report)
    (shape,) = document.inline_shapes
    doc_pr = shape._inline.docPr
    assert doc_pr.get("descr") == "Gemiddeld niveau per principe: Klantgerichtheid 3,50"
    assert doc_pr.get("title") == "Gemiddeld niveau per principe: Klantgerichtheid 3,50"
    assert round(shape.width.cm) == 12


def test_headings_are_word_headings_with_bookmarks_that_links_reach():
    report = new_report()
    report.heading(1, "6", "Bevindingen per principe", "hoofdstuk-6")
    report.heading(2, "6.1", "Klantgerichtheid", "sectie-6-1")
    report.markup(
        [Block(PARAGRAPH, inlines=(Inline(TEXT, "Zie "), Inline(LINK, "6.1", target="sectie-6-1")))]
    )
    document = reopen(report)
    styled = [(p.style.name, p.text) for p in document.paragraphs[:2]]
    assert styled == [
        ("Heading 1", "6 Bevindingen per principe"),
        ("Heading 2", "6.1 Klantgerichtheid"),
    ]
    body = document.element.body
    bookmarks = [b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))]
    assert bookmarks == ["hoofdstuk_6", "sectie_6_1"]
    (link,) = body.iter(qn("w:hyperlink"))
    assert link.get(qn("w:anchor")) == "sectie_6_1"
    assert link.get(qn("r:id")) is None  # internal, never a web address
    assert texts(link) == "6.1"


def test_bookmark_names_are_ones_word_accepts():
    assert bookmark_name("hoofdstuk-6") == "hoofdstuk_6"
    assert bookmark_name("6-1") == "a_6_1"
    assert len(bookmark_name("x" * 60)) == 40
    # Long addresses that start alike keep distinct bookmarks.
    long = "effectmetingen-van-verbetermaatregelen-in-de-districten-"
    assert bookmark_name(f"{long}2024") != bookmark_name(f"{long}2025")


def test_header_and_footer_carry_title_date_version_and_page_fields():
    report = new_report()
    report.cover(
        subtitle="Interne Toets KMS",
        status="Concept",
        version="2",
        when="7 december 2026",
        author="Coördinatieteam",
    )
    report.running_header_footer(when="7 december 2026", version="2")
    report.paragraph("Inhoud.")
    document = reopen(report)
    body_section = document.sections[-1]
    assert body_section.header.paragraphs[0].text == "Rapport Uitkeren 2031"
    footer = body_section.footer._element
    instructions = [text.text.strip() for text in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    footer_text = body_section.footer.paragraphs[0].text
    assert "7 december 2026 · versie 2" in footer_text
    assert "Pagina" in footer_text and "van" in footer_text
    # The cover has a header of its own, without the running title.
    assert document.sections[0].header.paragraphs[0].text == ""


def test_cover_has_title_subtitle_and_the_report_facts():
    report = new_report()
    report.cover(
        subtitle="Interne Toets KMS",
        status="Definitief",
        version="3",
        when="8 januari 2032",
        author="Coördinatieteam",
    )
    document = reopen(report)
    assert [(p.style.name, p.text) for p in document.paragraphs[:2]] == [
        ("Title", "Rapport Uitkeren 2031"),
        ("Subtitle", "Interne Toets KMS"),
    ]
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    assert rows == [
        ["Status", "Definitief"],
        ["Versie", "3"],
        ["Datum", "8 januari 2032"],
        ["Auteur", "Coördinatieteam"],
    ]
    properties = document.core_properties
    assert (properties.title, properties.author, properties.language) == (
        "Rapport Uitkeren 2031",
        "Coördinatieteam",
        "nl-NL",
    )


def test_table_has_a_caption_above_and_a_repeated_header_row():
    report = new_report()
    report.table("Volwassenheid per principe", ["Principe", "Niveau"], [["Sturen", "4 Sturen"]])
    document = reopen(report)
    caption = document.paragraphs[0]
    assert (caption.style.name, caption.text) == ("Caption", "Volwassenheid per principe")
    (table,) = document.tables
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Principe", "Niveau"],
        ["Sturen", "4 Sturen"],
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None


def test_markup_blocks_render_as_word_structure():
    blocks = [
        Block(HEADING, inlines=(Inline(TEXT, "Sturing"),), number="6.1.1", anchor="sturing"),
        Block(
            PARAGRAPH,
            inlines=(
                Inline(TEXT, "Eerst "),
                Inline(EMPHASIS, "cursief"),
                Inline(TEXT, " en "),
                Inline(STRONG, "vet"),
                Inline(BREAK),
                Inline(TEXT, "nieuwe regel"),
                Inline(FOOTNOTE, "Een bron.", number=1),
            ),
        ),
        Block(BULLETS, items=((Inline(TEXT, "punt een"),), (Inline(TEXT, "punt twee"),))),
        Block(NUMBERS, items=((Inline(TEXT, "stap een"),), (Inline(TEXT, "stap twee"),))),
        Block(NUMBERS, items=((Inline(TEXT, "opnieuw een"),),)),
        Block(QUOTE, items=((Inline(TEXT, "Wij leren van elkaar."),),)),
    ]
    report = new_report()
    report.markup(blocks)
    document = reopen(report)
    styled = [(p.style.name, p.text) for p in document.paragraphs]
    assert styled == [
        ("Heading 3", "6.1.1 Sturing"),
        ("Normal", "Eerst cursief en vet\nnieuwe regel"),
        ("List Bullet", "punt een"),
        ("List Bullet", "punt twee"),
        ("List Number", "stap een"),
        ("List Number", "stap twee"),
        ("List Number", "opnieuw een"),
        ("Quote", "Wij leren van elkaar."),
    ]
    runs = document.paragraphs[1].runs
    assert [r.text for r in runs if r.italic] == ["cursief"]
    assert [r.text for r in runs if r.bold] == ["vet"]
    assert document.paragraphs[1]._p.find(f".//{qn('w:br')}") is not None
    assert "Een bron." in texts(footnotes_of(document))
    assert [b.get(qn("w:name")) for b in document.element.body.iter(qn("w:bookmarkStart"))] == [
        "sturing"
    ]

    def num_id(paragraph):
        return paragraph._p.pPr.numPr.numId.val

    first, second, again = document.paragraphs[4:7]
    assert num_id(first) == num_id(second)
    assert num_id(again) != num_id(first)  # the second numbered list starts again at 1


def test_house_style_is_dark_blue_green_headings_and_a_10pt_body():
    document = reopen(new_report())
    normal = document.styles["Normal"].font
    assert normal.size.pt == 10
    assert normal.name == "Arial"
    for level in (1, 2, 3):
        assert str(document.styles[f"Heading {level}"].font.color.rgb) == "00526E"
