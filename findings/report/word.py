"""A small writer of Word (.docx) reports over python-docx, shared by the unit report and the
UWV-wide report: a cover, a running header and footer, numbered headings with bookmarks, tables,
images with alt text, real Word footnotes and the report markup (`uwvkms.markup`).

Word's own styles are used wherever Word has one ("Heading 1", "Caption", "List Bullet",
"Quote", ...), so the navigation pane, a table of contents and a screen reader work as they do in
any document a colleague wrote; the house style only changes how those styles look.

python-docx has no API for footnotes, internal hyperlinks, bookmarks or fields: those are written
here through its XML layer (`OxmlElement`) and its package layer (the footnotes part)."""

import hashlib
import io
import re
from datetime import date

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from uwvkms import markup

FONT = "Arial"
BODY_SIZE = Pt(10)
ACCENT = RGBColor(0x00, 0x52, 0x6E)  # the PDF's headings (static/css/print.css)
GREY = RGBColor(0x44, 0x44, 0x44)
HEADING_SIZES = {1: Pt(16), 2: Pt(13), 3: Pt(11)}
LANGUAGE = "nl-NL"

# Word's special footnotes: -1 draws the line above the footnotes, 0 the line when they continue
# on the next page. Word refuses a footnotes part without them; real footnotes count from 1.
_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240"'
    ' w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0"'
    ' w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


# Characters XML 1.0 does not allow (python-docx refuses them): a vertical tab pasted from Word,
# a stray control character in a unit's finding. Dropped wherever text enters the document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(text) -> str:
    """`text` without the characters a Word file cannot hold."""
    return _NOT_XML.sub("", str(text))


def bookmark_name(anchor: str) -> str:
    """The Word bookmark of an HTML anchor ("hoofdstuk-6" → "hoofdstuk_6"): Word allows only
    letters, digits and "_" in a bookmark, starting with a letter, at most 40 characters."""
    name = re.sub(r"[^0-9A-Za-z_]", "_", anchor)
    if not name[:1].isalpha():
        name = f"a_{name}"
    if len(name) > 40:
        # Two long addresses that start alike keep distinct bookmarks.
        name = f"{name[:31]}_{hashlib.sha256(anchor.encode()).hexdigest()[:8]}"
    return name


def _set_font(font, name: str) -> None:
    """Set the font for every script and drop the theme fonts, which would otherwise win."""
    font.name = name
    fonts = font.element.rPr.rFonts
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), name)
    for theme in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES): Word computes it on opening and printing; the placeholder
    is what a reader shows that does not compute fields."""
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {text} "
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


class WordReport:
    """One Word document being written, top to bottom."""

    def __init__(self, *, title: str, author: str) -> None:
        self.document = Document()
        self.title = title
        self._bookmark_id = 0
        self._footnotes = None  # the footnotes part's <w:footnotes>, made on the first footnote
        self._footnote_id = 0
        self._house_style()
        properties = self.document.core_properties
        properties.title = title
        properties.author = author
        properties.language = LANGUAGE
        section = self.document.sections[0]
        section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4, as the PDF
        section.top_margin, section.bottom_margin = Cm(2.2), Cm(2.4)
        section.left_margin = section.right_margin = Cm(1.8)

    # --- House style ------------------------------------------------------------------------

    def _house_style(self) -> None:
        styles = self.document.styles
        normal = styles["Normal"]
        _set_font(normal.font, FONT)
        normal.font.size = BODY_SIZE
        normal.paragraph_format.space_after = Pt(4)
        # Dutch spelling and hyphenation for every run that does not say otherwise.
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), LANGUAGE)
        normal.element.get_or_add_rPr().append(lang)
        for level, size in HEADING_SIZES.items():
            heading = styles[f"Heading {level}"]
            _set_font(heading.font, FONT)
            heading.font.size = size
            heading.font.bold = True
            heading.font.italic = False
            heading.font.color.rgb = ACCENT
            heading.paragraph_format.space_before = Pt(14 if level == 1 else 10)
            heading.paragraph_format.space_after = Pt(4)
        for name, size in (("Title", Pt(26)), ("Subtitle", Pt(13))):
            style = styles[name]
            _set_font(style.font, FONT)
            style.font.size = size
            style.font.italic = False
            style.font.color.rgb = ACCENT if name == "Title" else GREY
        for name in ("Caption", "Quote", "Header", "Footer"):
            style = styles[name]
            _set_font(style.font, FONT)
            style.font.color.rgb = GREY
            style.font.size = Pt(8) if name in ("Header", "Footer") else Pt(9)
        styles["Caption"].font.bold = True
        hyperlink = self._style("Hyperlink", "Hyperlink", WD_STYLE_TYPE.CHARACTER)
        hyperlink.font.color.rgb = ACCENT
        hyperlink.font.underline = True
        text = self._style("footnote text", "FootnoteText", WD_STYLE_TYPE.PARAGRAPH)
        text.base_style = styles["Normal"]
        text.font.size = Pt(8)
        text.paragraph_format.space_after = Pt(0)
        reference = self._style("footnote reference", "FootnoteReference", WD_STYLE_TYPE.CHARACTER)
        reference.font.superscript = True

    def _style(self, name: str, style_id: str, kind):
        """A built-in Word style the default template lacks, under Word's own id, so Word
        recognises it as its own (e.g. for footnotes) rather than as a look-alike."""
        for style in self.document.styles:
            if style.style_id == style_id:
                return style
        style = self.document.styles.add_style(name, kind)
        style.element.set(qn("w:styleId"), style_id)
        return style

    # --- Front matter -------------------------------------------------------------------------

    def cover(
        self, *, subtitle: str, status: str, version: str, when: date | str, author: str
    ) -> None:
        """The title page: title, subtitle and a small table of the report's facts, then a new
        page. The running header and footer start after it."""
        self.document.add_paragraph(xml_safe(self.title), style="Title")
        self.document.add_paragraph(xml_safe(subtitle), style="Subtitle")
        facts = [("Status", status), ("Versie", version), ("Datum", str(when)), ("Auteur", author)]
        table = self.document.add_table(rows=0, cols=2)
        for label, value in facts:
            cells = table.add_row().cells
            cells[0].text, cells[1].text = label, xml_safe(value)
            cells[0].paragraphs[0].runs[0].bold = True
            cells[0].width, cells[1].width = Cm(3), Cm(10)
        self.document.add_section(WD_SECTION_START.NEW_PAGE)

    def running_header_footer(self, *, when: date | str, version: str) -> None:
        """The title in the header; the date and version left and "Pagina X van Y" right in
        the footer of every page after the cover (the last section)."""
        section = self.document.sections[-1]
        if len(self.document.sections) > 1:
            # The cover keeps its own empty header and footer.
            section.header.is_linked_to_previous = False
            section.footer.is_linked_to_previous = False
        section.header.paragraphs[0].text = xml_safe(self.title)
        footer = section.footer.paragraphs[0]
        footer.text = ""
        width = section.page_width - section.left_margin - section.right_margin
        footer.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
        footer.add_run(f"{when} · versie {version}\tPagina ")
        _field(footer, "PAGE", "1")
        footer.add_run(" van ")
        _field(footer, "NUMPAGES", "1")

    # --- Body -------------------------------------------------------------------------------

    def heading(self, level: int, number: str, title: str, anchor: str = "") -> Paragraph:
        """A heading in Word's "Heading <level>" style, its number in its text (as the PDF
        shows it) and a bookmark named after the HTML anchor, so internal links reach it."""
        text = f"{number} {title}" if number else title
        paragraph = self.document.add_paragraph(xml_safe(text), style=f"Heading {level}")
        if anchor:
            self._bookmark(paragraph, bookmark_name(anchor))
        return paragraph

    def _bookmark(self, paragraph: Paragraph, name: str) -> None:
        self._bookmark_id += 1
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self._bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self._bookmark_id))
        p = paragraph._p
        first = p.find(qn("w:r"))
        if first is None:
            p.append(start)
        else:
            first.addprevious(start)
        p.append(end)

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        """A paragraph; a line break in `text` stays a line break (as |linebreaksbr does)."""
        paragraph = self.document.add_paragraph(style=style)
        self.text(paragraph, text)
        return paragraph

    @staticmethod
    def text(paragraph: Paragraph, text: str, *, bold: bool = False, italic: bool = False):
        """Append `text` as runs, with Word line breaks for its newlines."""
        for index, line in enumerate(xml_safe(text).replace("\r\n", "\n").split("\n")):
            run = paragraph.add_run()
            if index:
                run.add_break(WD_BREAK.LINE)
            run.add_text(line)
            run.bold = bold or None
            run.italic = italic or None

    def table(self, caption: str, header_cells: list[str], rows: list[list[str]]) -> Table:
        """A table with its caption above it (Word's "Caption" style), the header row bold and
        repeated on every page the table runs onto."""
        self.document.add_paragraph(xml_safe(caption), style="Caption")
        table = self.document.add_table(rows=1, cols=len(header_cells), style="Table Grid")
        header = table.rows[0]
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
        for cell, text in zip(header.cells, header_cells, strict=True):
            cell.text = ""
            self.text(cell.paragraphs[0], text, bold=True)
        for values in rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, values, strict=True):
                self.text(cell.paragraphs[0], text)
        self.document.add_paragraph()  # Word glues two tables together without a paragraph
        return table

    def image(self, png_bytes: bytes, alt_text: str, width_cm: float) -> None:
        """A picture in its own paragraph, with alt text for screen readers (Word's "Alt Text":
        the drawing's description and title)."""
        shape = self.document.add_picture(io.BytesIO(png_bytes), width=Cm(width_cm))
        doc_pr = shape._inline.docPr
        doc_pr.set("descr", xml_safe(alt_text))
        doc_pr.set("title", xml_safe(alt_text))

    @staticmethod
    def caption_of(table: Table) -> Paragraph:
        """The caption paragraph `table` (above it) was written with."""
        return Paragraph(table._tbl.getprevious(), table._parent)

    def table_of_contents(self, title: str) -> None:
        """Word's own table of contents (a TOC field over Heading 1 and 2, with links); Word
        fills in the page numbers when the reader updates the field (F9)."""
        self.document.add_paragraph(title, style="TOC Heading")
        _field(
            self.document.add_paragraph(),
            'TOC \\o "1-2" \\h \\z \\u',
            "Klik met rechts en kies ‘Veld bijwerken’ voor de inhoudsopgave.",
        )
        self.page_break()

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- Footnotes --------------------------------------------------------------------------

    def footnote(self, paragraph: Paragraph, text: str) -> int:
        """A real Word footnote at the end of `paragraph`: Word numbers it, prints it at the foot
        of the page and lists it in its footnote pane. Returns its id."""
        footnotes = self._footnotes_element()
        self._footnote_id += 1
        note = parse_xml(
            f'<w:footnote {nsdecls("w")} w:id="{self._footnote_id}"><w:p><w:pPr>'
            '<w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>'
            '<w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
            '<w:r><w:t xml:space="preserve"> </w:t></w:r></w:p></w:footnote>'
        )
        note.findall(qn("w:p"))[0].findall(qn("w:r"))[1].find(qn("w:t")).text = f" {xml_safe(text)}"
        footnotes.append(note)
        run = paragraph.add_run()
        run.style = "footnote reference"
        reference = OxmlElement("w:footnoteReference")
        reference.set(qn("w:id"), str(self._footnote_id))
        run._r.append(reference)
        return self._footnote_id

    def _footnotes_element(self):
        """The footnotes part, added to the package on first use, with Word's separators and
        the document's footnote properties in settings (as Word itself writes them)."""
        if self._footnotes is None:
            document_part = self.document.part
            part = XmlPart(
                PackURI("/word/footnotes.xml"),
                CONTENT_TYPE.WML_FOOTNOTES,
                parse_xml(_FOOTNOTES_XML),
                document_part.package,
            )
            document_part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
            settings = self.document.settings.element
            properties = parse_xml(
                f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/>'
                '<w:footnote w:id="0"/></w:footnotePr>'
            )
            compat = settings.find(qn("w:compat"))  # footnotePr comes before it in the schema
            if compat is not None:
                compat.addprevious(properties)
            self._footnotes = part.element
        return self._footnotes

    # --- Report markup (uwvkms.markup) ------------------------------------------------------

    def markup(self, blocks: tuple[markup.Block, ...] | list[markup.Block]) -> None:
        """Render the report markup's blocks: the same structure the HTML and PDF show."""
        for block in blocks:
            if block.kind == markup.HEADING:
                title = "".join(inline.text for inline in block.inlines)
                self.heading(3, block.number, title, block.anchor)
            elif block.kind == markup.PARAGRAPH:
                self._inlines(self.document.add_paragraph(), block.inlines)
            elif block.kind == markup.BULLETS:
                for item in block.items:
                    self._inlines(self.document.add_paragraph(style="List Bullet"), item)
            elif block.kind == markup.NUMBERS:
                num_id = self._restarted_numbering()
                for item in block.items:
                    paragraph = self.document.add_paragraph(style="List Number")
                    self._number(paragraph, num_id)
                    self._inlines(paragraph, item)
            elif block.kind == markup.QUOTE:
                for item in block.items:
                    self._inlines(self.document.add_paragraph(style="Quote"), item)
            else:
                raise ValueError(f"Unknown markup block: {block.kind}")

    def _inlines(self, paragraph: Paragraph, inlines) -> None:
        for inline in inlines:
            if inline.kind == markup.TEXT:
                paragraph.add_run(xml_safe(inline.text))
            elif inline.kind == markup.EMPHASIS:
                paragraph.add_run(xml_safe(inline.text)).italic = True
            elif inline.kind == markup.STRONG:
                paragraph.add_run(xml_safe(inline.text)).bold = True
            elif inline.kind == markup.BREAK:
                paragraph.add_run().add_break(WD_BREAK.LINE)
            elif inline.kind == markup.LINK:
                self.internal_link(paragraph, inline.text, inline.target)
            elif inline.kind == markup.FOOTNOTE:
                self.footnote(paragraph, inline.text)
            else:
                raise ValueError(f"Unknown markup inline: {inline.kind}")

    def internal_link(self, paragraph: Paragraph, text: str, anchor: str) -> None:
        """A hyperlink to the bookmark of a heading in this document (never to the web)."""
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), bookmark_name(anchor))
        link.set(qn("w:history"), "1")
        run = paragraph.add_run(xml_safe(text))
        run.style = "Hyperlink"
        link.append(run._r)  # moves the run into the hyperlink
        paragraph._p.append(link)

    def _restarted_numbering(self) -> str:
        """A new numbering instance of "List Number"'s list, so each numbered list in the
        markup starts again at 1 instead of continuing the previous one."""
        style = self.document.styles["List Number"]
        style_num = style.element.pPr.numPr.numId.val
        numbering = self.document.part.numbering_part.element
        abstract = numbering.num_having_numId(style_num).abstractNumId.val
        num = numbering.add_num(abstract)
        override = parse_xml(
            f'<w:lvlOverride {nsdecls("w")} w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
        )
        num.append(override)
        return str(num.numId)

    @staticmethod
    def _number(paragraph: Paragraph, num_id: str) -> None:
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = int(num_id)

    # --- Output -----------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()
