"""Reading back what the report PDFs and Word files hold: page texts, the raster images on a page,
the alt texts of the tagged figures, the alt texts of a Word file's pictures."""

import io
import re

from docx import Document
from docx.oxml.ns import qn
from PIL import Image
from pypdf import PdfReader


def pdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def pdf_images_per_page(pdf: bytes) -> list[int]:
    """The number of raster images drawn on each page (the charts are vector graphics, not
    images). WeasyPrint gives every page the same resources, so what counts is the page's own
    content stream: how often it draws (`Do`) an image XObject."""
    counts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get_object().get("/XObject", {})
        images = {
            name.lstrip("/")
            for name, ref in xobjects.items()
            if ref.get_object().get("/Subtype") == "/Image"
        }
        drawn = re.findall(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b", page.get_contents().get_data())
        counts.append(sum(1 for name in drawn if name.decode() in images))
    return counts


def pdf_figure_alts(pdf: bytes) -> list:
    """The /Alt of every /Figure in the PDF's structure tree, in document order."""
    alts: list = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if node.get("/S") == "/Figure":
            alts.append(node.get("/Alt"))
        children = node.get("/K")
        if children is None:
            return
        for child in children if isinstance(children, list) else [children]:
            if hasattr(child, "get_object"):
                walk(child)

    walk(PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/StructTreeRoot"])
    return alts


def word_document(data: bytes):
    return Document(io.BytesIO(data))


def word_cover_picture_alts(document) -> list[str]:
    """The alt texts (descr) of the pictures in the cover, the document's first section: the
    body up to the first section break."""
    alts = []
    for element in document.element.body.iterchildren():
        for doc_pr in element.iter(qn("wp:docPr")):
            alts.append(doc_pr.get("descr"))
        if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            break
    return alts


def word_cover_text(document) -> str:
    """The text of the cover (up to the first section break), tables included."""
    parts = []
    for element in document.element.body.iterchildren():
        parts.append("".join(t.text or "" for t in element.iter(qn("w:t"))))
        if element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
            break
    return " ".join(parts)


def tiny_png(path, size=(40, 16)):
    """A small logo written to `path` (a pathlib.Path); returns the path."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 82, 110)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path
