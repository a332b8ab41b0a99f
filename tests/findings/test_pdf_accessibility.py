"""Every PDF the app prints is tagged PDF/UA-1, so a screen reader can read the RvB's report:
a structure tree with headings, tables with header cells and the chart as a figure with its
alternative text, the document's language and its title shown instead of the file name."""

import io
from collections import Counter

from django.urls import reverse
from pypdf import PdfReader

from findings.report.uwv import build_uwv_report, render_uwv_report_pdf
from tests.factories import ScoreFactory
from tests.findings.unit_reporting import klant, recommend


def _structure(pdf: bytes) -> tuple[PdfReader, Counter, list]:
    reader = PdfReader(io.BytesIO(pdf))
    kinds: Counter = Counter()
    figures: list = []

    def walk(node) -> None:
        node = node.get_object()
        if not isinstance(node, dict):
            return
        if "/S" in node:
            kinds[str(node["/S"])] += 1
            if node["/S"] == "/Figure":
                figures.append(node.get("/Alt"))
        children = node.get("/K")
        if children is None:
            return
        for child in children if isinstance(children, list) else [children]:
            if hasattr(child, "get_object"):
                walk(child)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return reader, kinds, figures


def test_uwv_report_pdf_is_tagged_pdf_ua(cycle, auditor, uitkeren, communicatie):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant(), level=2)
    ScoreFactory(cycle=cycle, unit=communicatie, principle=klant(), level=4)
    recommend(auditor, cycle, uitkeren, title="Meet het effect van verbeteracties")

    pdf = render_uwv_report_pdf(build_uwv_report(cycle, version="1.0"))
    reader, kinds, figures = _structure(pdf)
    root = reader.trailer["/Root"]

    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == "nl"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == "Interne Toets KMS 2031"
    assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()
    assert kinds["/H1"] == 1 and kinds["/H2"] >= 10
    assert kinds["/Table"] >= 5 and kinds["/TH"] > 0
    assert figures == ["Gemiddelde volwassenheid per principe, 2031"]


def test_unit_report_pdf_is_tagged_too(client, coordinator, auditor, cycle, uitkeren):
    recommend(auditor, cycle, uitkeren, title="Meet het effect van verbeteracties")
    client.force_login(coordinator)
    response = client.get(reverse("findings:unit_report_pdf", args=[cycle.year, uitkeren.id]))
    assert response.status_code == 200
    reader, kinds, _figures = _structure(response.content)
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"].value is True
    assert reader.metadata.title == "Rapport Uitkeren · Interne Toets KMS 2031"
    assert kinds["/H1"] == 1
