"""Checks on uploaded files (audit evidence, the documents in a herstelactie's dossier): pure
functions over the name and the bytes, no ORM, no settings. The type is decided by the content,
never by the name or the browser's content type; the name's extension must then match what the
content is. Every app that accepts a document upload calls `check_upload` (then
`uwvkms.malware.upload_scan`, then stores it in `uwvkms.storage.private_storage`)."""

import io
import zipfile
from dataclasses import dataclass
from enum import Enum

from django.core.exceptions import SuspiciousFileOperation
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Longest sanitised name kept (the model allows 200; leave room for the database's own limits).
MAX_NAME_LENGTH = 150

# Zip members we read are tiny; anything larger than this is not a real 'mimetype' entry.
_MIMETYPE_MAX = 100
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class FileKind(Enum):
    """The file types accepted as uploads."""

    PDF = "pdf"
    DOCX = "docx"
    XLSX = "xlsx"
    PPTX = "pptx"
    ODT = "odt"
    TXT = "txt"
    PNG = "png"
    JPEG = "jpeg"

    @property
    def label(self) -> str:
        return str(_LABELS[self])

    @property
    def content_type(self) -> str:
        return _CONTENT_TYPES[self]

    @property
    def extensions(self) -> tuple[str, ...]:
        return ("jpg", "jpeg") if self is FileKind.JPEG else (self.value,)


_LABELS = {
    FileKind.PDF: "PDF",
    FileKind.DOCX: "Word (DOCX)",
    FileKind.XLSX: "Excel (XLSX)",
    FileKind.PPTX: "PowerPoint (PPTX)",
    FileKind.ODT: gettext_lazy("OpenDocument-tekst (ODT)"),
    FileKind.TXT: gettext_lazy("tekst (TXT)"),
    FileKind.PNG: gettext_lazy("PNG-afbeelding"),
    FileKind.JPEG: gettext_lazy("JPEG-afbeelding"),
}
_CONTENT_TYPES = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileKind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    FileKind.ODT: "application/vnd.oasis.opendocument.text",
    FileKind.TXT: "text/plain",
    FileKind.PNG: "image/png",
    FileKind.JPEG: "image/jpeg",
}

ALLOWED_EXTENSIONS: tuple[str, ...] = tuple(ext for kind in FileKind for ext in kind.extensions)

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# OOXML packages are told apart by the folder of their main part.
_OOXML_FOLDERS = (("word/", FileKind.DOCX), ("xl/", FileKind.XLSX), ("ppt/", FileKind.PPTX))


class UploadRefused(ValueError):
    """An upload that is not accepted; the message says why, in Dutch, for the user."""


@dataclass(frozen=True)
class AcceptedUpload:
    """An upload that passed every check: its sanitised name and the type of its content."""

    name: str
    kind: FileKind
    size: int


def detect_kind(data: bytes) -> FileKind | None:
    """The type of a file by its content (magic bytes, zip structure, text encoding), or None
    when it is none of the accepted types."""
    if data.startswith(b"%PDF-"):
        return FileKind.PDF
    if data.startswith(_PNG_SIGNATURE):
        return FileKind.PNG
    if data.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if data.startswith(b"PK\x03\x04"):
        return _detect_zip_kind(data)
    if _is_plain_text(data):
        return FileKind.TXT
    return None


def _detect_zip_kind(data: bytes) -> FileKind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if not members:
                return None
            first = members[0]
            if first.filename == "mimetype" and first.file_size <= _MIMETYPE_MAX:
                if archive.read(first).strip() == _ODT_MIMETYPE:
                    return FileKind.ODT
                return None
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names:
                return None
            for folder, kind in _OOXML_FOLDERS:
                if any(name.startswith(folder) for name in names):
                    return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, OSError):
        return None
    return None


def _is_plain_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def sanitise_filename(name: str) -> str:
    """A safe display name for an uploaded file: no folders, only letters, digits, '-', '_' and
    '.', no leading dots, at most MAX_NAME_LENGTH characters with the extension kept. Empty when
    nothing usable is left."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    try:
        cleaned = get_valid_filename(base).lstrip(".")
    except SuspiciousFileOperation:
        return ""
    if len(cleaned) > MAX_NAME_LENGTH:
        stem, dot, ext = cleaned.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            cleaned = f"{stem[: MAX_NAME_LENGTH - len(ext) - 1]}.{ext}"
        else:
            cleaned = cleaned[:MAX_NAME_LENGTH]
    return cleaned


def extension_of(name: str) -> str:
    """The lower-case extension of a file name without the dot ('' when there is none)."""
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def check_upload(*, name: str, data: bytes, max_bytes: int) -> AcceptedUpload:
    """Accept an upload or raise UploadRefused saying why (DOMAIN.md §2, document study;
    DOMAIN.md §6, the documents of a herstelactie).

    The size is checked first, then the type by content, then whether the name's extension fits
    that type: a PNG called .pdf, a plain zip called .docx or a program called .txt is refused.
    """
    size = len(data)
    if size > max_bytes:
        # Only the first max_bytes + 1 bytes may have been read, so the real size is not named.
        raise UploadRefused(
            _("Het bestand is te groot: de grens is %(max)s.") % {"max": filesizeformat(max_bytes)}
        )
    if size == 0:
        raise UploadRefused(_("Het bestand is leeg."))
    safe_name = sanitise_filename(name)
    extension = extension_of(safe_name)
    if not safe_name or not extension:
        raise UploadRefused(
            _("De bestandsnaam is ongeldig of heeft geen extensie. Toegestaan zijn: %(allowed)s.")
            % {"allowed": ", ".join(ALLOWED_EXTENSIONS)}
        )
    kind = detect_kind(data)
    if kind is None:
        raise UploadRefused(
            _(
                "Dit soort bestand is niet toegestaan. Toegestaan zijn PDF, Word (DOCX), "
                "Excel (XLSX), PowerPoint (PPTX), OpenDocument-tekst (ODT), tekst (TXT), PNG en JPEG."
            )
        )
    if extension not in kind.extensions:
        raise UploadRefused(
            _(
                "De inhoud van het bestand is %(kind)s, maar de naam eindigt op .%(ext)s. "
                "Geef het bestand de juiste extensie (%(expected)s)."
            )
            % {
                "kind": kind.label,
                "ext": extension,
                "expected": ", ".join(f".{e}" for e in kind.extensions),
            }
        )
    return AcceptedUpload(name=safe_name, kind=kind, size=size)
