"""Upload rules: the type comes from the content, the extension must match it, the size is capped
and the name is sanitised. Pure functions, no database."""

import io
import zipfile

import pytest

from uwvkms.uploads import (
    MAX_NAME_LENGTH,
    FileKind,
    UploadRefused,
    check_upload,
    detect_kind,
    sanitise_filename,
)


def make_zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            # ODF wants 'mimetype' first and stored uncompressed.
            compression = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=compression)
    return buffer.getvalue()


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
CONTENT_TYPES = ("[Content_Types].xml", b"<Types/>")
DOCX = make_zip([CONTENT_TYPES, ("word/document.xml", b"<w:document/>")])
XLSX = make_zip([CONTENT_TYPES, ("xl/workbook.xml", b"<workbook/>")])
PPTX = make_zip([CONTENT_TYPES, ("ppt/presentation.xml", b"<presentation/>")])
ODT = make_zip(
    [("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<office/>")]
)
ODS = make_zip(
    [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", b"<x/>")]
)
ODT_MIMETYPE_NOT_FIRST = make_zip(
    [("content.xml", b"<office/>"), ("mimetype", b"application/vnd.oasis.opendocument.text")]
)
PLAIN_ZIP = make_zip([("notes.txt", b"hallo")])
OOXML_WITHOUT_CONTENT_TYPES = make_zip([("word/document.xml", b"<w:document/>")])
TXT = "Jaarplan 2031 – kwaliteit en verbeteren, ook met ü en €.\n".encode()
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 40
LATIN1_TEXT = "Café en coördinatie".encode("latin-1")
BROKEN_ZIP = b"PK\x03\x04" + b"\x00" * 30
HTML = b"<!doctype html><script>alert(1)</script>"

MAX = 1024 * 1024


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (PDF, FileKind.PDF),
        (PNG, FileKind.PNG),
        (JPEG, FileKind.JPEG),
        (DOCX, FileKind.DOCX),
        (XLSX, FileKind.XLSX),
        (PPTX, FileKind.PPTX),
        (ODT, FileKind.ODT),
        (TXT, FileKind.TXT),
        (HTML, FileKind.TXT),  # text is text; it is only ever served as an attachment
        (ODS, None),
        (ODT_MIMETYPE_NOT_FIRST, None),
        (PLAIN_ZIP, None),
        (OOXML_WITHOUT_CONTENT_TYPES, None),
        (BROKEN_ZIP, None),
        (EXE, None),
        (LATIN1_TEXT, None),
        (b"GIF89a\x01\x00\x01\x00\x00\x00", None),
    ],
    ids=lambda v: v.name if isinstance(v, FileKind) else None,
)
def test_detect_kind_by_content(data, kind):
    assert detect_kind(data) is kind


@pytest.mark.parametrize(
    ("name", "data", "kind", "stored_name"),
    [
        ("jaarplan.pdf", PDF, FileKind.PDF, "jaarplan.pdf"),
        ("Kwaliteitsplan 2031.DOCX", DOCX, FileKind.DOCX, "Kwaliteitsplan_2031.DOCX"),
        ("kpi.xlsx", XLSX, FileKind.XLSX, "kpi.xlsx"),
        ("review.pptx", PPTX, FileKind.PPTX, "review.pptx"),
        ("teamplan.odt", ODT, FileKind.ODT, "teamplan.odt"),
        ("notities.txt", TXT, FileKind.TXT, "notities.txt"),
        ("schema.png", PNG, FileKind.PNG, "schema.png"),
        ("foto.jpg", JPEG, FileKind.JPEG, "foto.jpg"),
        ("foto.jpeg", JPEG, FileKind.JPEG, "foto.jpeg"),
        ("C:\\Users\\piet\\Documents\\jaarplan.pdf", PDF, FileKind.PDF, "jaarplan.pdf"),
        ("../../etc/jaarplan.pdf", PDF, FileKind.PDF, "jaarplan.pdf"),
    ],
)
def test_accepted_uploads(name, data, kind, stored_name):
    accepted = check_upload(name=name, data=data, max_bytes=MAX)
    assert (accepted.kind, accepted.name, accepted.size) == (kind, stored_name, len(data))


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        (
            "jaarplan.pdf",
            PNG,
            "De inhoud van het bestand is PNG-afbeelding, maar de naam eindigt op .pdf",
        ),
        ("plan.docx", PLAIN_ZIP, "Dit soort bestand is niet toegestaan"),
        (
            "plan.docx",
            XLSX,
            "De inhoud van het bestand is Excel (XLSX), maar de naam eindigt op .docx",
        ),
        ("setup.txt", EXE, "Dit soort bestand is niet toegestaan"),
        ("tool.exe", EXE, "Dit soort bestand is niet toegestaan"),
        ("notities.txt", LATIN1_TEXT, "Dit soort bestand is niet toegestaan"),
        (
            "pagina.html",
            HTML,
            "De inhoud van het bestand is tekst (TXT), maar de naam eindigt op .html",
        ),
        ("rekenblad.odt", ODS, "Dit soort bestand is niet toegestaan"),
        ("jaarplan", PDF, "heeft geen extensie"),
        ("...", PDF, "ongeldig"),
        ("leeg.txt", b"", "Het bestand is leeg"),
        ("groot.pdf", b"%PDF-" + b"x" * MAX, "Het bestand is te groot: de grens is 1,0\xa0MB."),
    ],
)
def test_refused_uploads_say_why(name, data, reason):
    with pytest.raises(UploadRefused) as refused:
        check_upload(name=name, data=data, max_bytes=MAX)
    assert reason in str(refused.value)


def test_size_exactly_at_the_limit_is_accepted():
    data = b"%PDF-" + b"x" * (MAX - 5)
    assert check_upload(name="a.pdf", data=data, max_bytes=MAX).size == MAX


def test_size_is_checked_before_the_content():
    with pytest.raises(UploadRefused, match="te groot"):
        check_upload(name="setup.txt", data=EXE * (MAX // len(EXE) + 1), max_bytes=MAX)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("jaarplan.pdf", "jaarplan.pdf"),
        ("jaar plan (def).pdf", "jaar_plan_def.pdf"),
        ("/srv/stukken/../x.pdf", "x.pdf"),
        ("..\\..\\x.pdf", "x.pdf"),
        (".verborgen.pdf", "verborgen.pdf"),
        ("<script>alert(1)</script>.txt", "script.txt"),  # "/" starts a new path part
        ("   ", ""),
        ("..", ""),
    ],
)
def test_sanitise_filename(name, expected):
    assert sanitise_filename(name) == expected


def test_long_names_are_cut_but_keep_their_extension():
    name = sanitise_filename("a" * 500 + ".docx")
    assert len(name) == MAX_NAME_LENGTH
    assert name.endswith(".docx")
