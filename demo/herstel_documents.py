"""Documents in the herstel demo's dossiers: files generated here at load time and uploaded
through the herstel service (checked, scanned, stored in the private storage), never committed
as media. Every name and text is made up."""

from herstel.constants import DocumentKind
from herstel.models import ActionDocument, Herstelactie
from herstel.services.documents import action_document_upload


def simple_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with `lines` of text in Helvetica (Latin-1), built by hand: enough for a
    demo document, no PDF library needed."""

    def escaped(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = "BT /F1 11 Tf 14 TL 72 770 Td " + " ".join(
        f"({escaped(line)}) Tj T*" for line in lines
    )
    stream += " ET"
    content = stream.encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


NOTE_TO_THE_MINISTER = [
    "Nota aan de minister van SZW",
    "",
    "Onderwerp: terugvordering na samenloop van uitkeringen (fictief, demo)",
    "",
    "Bij samenloop van twee uitkeringen is jarenlang te veel uitbetaald.",
    "De Raad van Bestuur van UWV heeft het voornemen af te zien van terugvordering",
    "onder een drempelbedrag, en vraagt u hiermee in te stemmen.",
    "",
    "Opgesteld door SBK met de directie van SZW.",
]

PLAN_OF_APPROACH = """Plan van aanpak (concept, fictief)

1. Selectie van de cliënten met samenloop sinds 2021.
2. Beoordeling per dossier door een vast team, vier-ogen bij bedragen boven de drempel.
3. Persoonlijke brief aan iedere cliënt vóór de terugvordering.
4. Wekelijkse voortgang in de managementinformatie.
"""


def note_and_plan(action: Herstelactie, *, sbk, adviser) -> ActionDocument:
    """SBK's note to the minister (a PDF) and the lead division's plan of approach (text) in the
    action's dossier; returns the note, for the notification that refers to it."""
    action_document_upload(
        actor=adviser,
        herstelactie=action,
        kind=DocumentKind.PLAN_VAN_AANPAK,
        title="Plan van aanpak terugvordering",
        name="plan-van-aanpak.txt",
        data=PLAN_OF_APPROACH.encode(),
    )
    return action_document_upload(
        actor=sbk,
        herstelactie=action,
        kind=DocumentKind.NOTA_MINISTER,
        title="Nota SZW 2025-0917",
        name="nota-aan-de-minister.pdf",
        data=simple_pdf(NOTE_TO_THE_MINISTER),
    )
