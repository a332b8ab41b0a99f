"""Comments on findings, recommendations and the sections of the UWV-wide report (issue 21
§4): the unit's audit team and the coordination team discuss findings and recommendations, the
coordination team the report's sections; nobody else reads those threads (404). Comments never
appear in a report: the unit report's page, PDF and Word file and the UWV-wide report hold no
comment text."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from findings.report.uwv import build_uwv_report
from findings.services.report_structure import report_structure_start
from tests.comments_helpers import queries_of
from tests.factories import CommentFactory, ScoreFactory
from tests.findings.unit_reporting import klant, observe, recommend
from uwvkms.comments import comment_post, thread_url
from uwvkms.models import Comment

SECRET = "Deze reactie hoort nooit in een rapport"


@pytest.fixture
def finding(auditor, cycle, uitkeren):
    return observe(auditor, cycle, uitkeren, text="Het jaarplan is actueel.")


@pytest.fixture
def recommendation(auditor, cycle, uitkeren):
    return recommend(auditor, cycle, uitkeren, title="Meet het effect")


@pytest.fixture
def section(coordinator, cycle):
    return report_structure_start(actor=coordinator, cycle=cycle)[0]


@pytest.mark.parametrize("item", ["finding", "recommendation"])
@pytest.mark.parametrize("persona", ["auditor", "coordinator"])
def test_the_team_and_the_coordination_team_discuss_findings(db, client, request, item, persona):
    target = request.getfixturevalue(item)
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.post(thread_url(target), {"reactie-text": "Graag aanscherpen."})
    assert response.status_code == 302
    assert Comment.objects.get().author == user
    assert "Graag aanscherpen." in client.get(thread_url(target)).content.decode()


@pytest.mark.parametrize("item", ["finding", "recommendation"])
@pytest.mark.parametrize("persona", ["outsider", "unit_board", "board_member", "other_auditor"])
def test_nobody_else_reads_a_findings_thread(client, request, auditor, item, persona):
    target = request.getfixturevalue(item)
    CommentFactory(target=target, author=auditor)
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(thread_url(target)).status_code == 404
    assert client.post(thread_url(target), {"reactie-text": "Ik ook?"}).status_code == 404
    with pytest.raises(PermissionDenied):
        comment_post(actor=user, target=target, text="Ik ook?")


def test_the_findings_page_links_each_item_to_its_thread_and_the_item_page_shows_it(
    client, coordinator, auditor, cycle, uitkeren, finding, recommendation
):
    CommentFactory(target=recommendation, author=auditor, text="Prioriteit hoog?")
    client.force_login(coordinator)
    page = client.get(reverse("findings:unit_findings", args=[cycle.year, uitkeren.pk]))
    assert thread_url(finding) in page.content.decode()
    assert thread_url(recommendation) in page.content.decode()
    item = client.get(
        reverse("findings:recommendation_edit", args=[cycle.year, uitkeren.pk, recommendation.pk])
    )
    assert "Prioriteit hoog?" in item.content.decode()


def test_the_findings_page_queries_do_not_grow_with_comments(
    client, auditor, cycle, uitkeren, finding, recommendation
):
    client.force_login(auditor)
    url = reverse("findings:unit_findings", args=[cycle.year, uitkeren.pk])
    before = queries_of(client, url)
    for _ in range(5):
        CommentFactory(target=finding, author=auditor)
        CommentFactory(target=recommendation, author=auditor)
    assert queries_of(client, url) <= before
    item = reverse("findings:finding_edit", args=[cycle.year, uitkeren.pk, finding.pk])
    with_five = queries_of(client, item)
    CommentFactory.create_batch(5, target=finding, author=auditor)
    assert queries_of(client, item) <= with_five


def test_the_coordination_team_discusses_a_report_section_on_its_page(client, coordinator, section):
    client.force_login(coordinator)
    url = reverse("findings:uwv_report_section", args=[section.cycle.year, section.pk])
    client.post(thread_url(section), {"reactie-text": "Wie schrijft de leeswijzer?", "next": url})
    page = client.get(url).content.decode()
    assert 'id="reacties"' in page and "Wie schrijft de leeswijzer?" in page


@pytest.mark.parametrize("persona", ["auditor", "outsider", "unit_board", "board_member"])
def test_only_the_coordination_team_reads_a_report_sections_thread(
    client, request, coordinator, section, persona
):
    CommentFactory(target=section, author=coordinator)
    user = request.getfixturevalue(persona)
    client.force_login(user)
    assert client.get(thread_url(section)).status_code == 404
    with pytest.raises(PermissionDenied):
        comment_post(actor=user, target=section, text="Mag ik?")


def test_a_commented_finding_and_section_leave_no_comment_in_any_report(
    client, coordinator, auditor, cycle, uitkeren, finding, recommendation, section
):
    ScoreFactory(cycle=cycle, unit=uitkeren, principle=klant(), level=3, updated_by=auditor)
    comment_post(actor=auditor, target=finding, text=SECRET)
    comment_post(actor=auditor, target=recommendation, text=SECRET)
    comment_post(actor=coordinator, target=section, text=SECRET)
    client.force_login(coordinator)
    args = [cycle.year, uitkeren.pk]
    html = client.get(reverse("findings:unit_report", args=args)).content.decode()
    assert "Het jaarplan is actueel." in html and SECRET not in html
    pdf = client.get(reverse("findings:unit_report_pdf", args=args))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Het jaarplan is actueel." in text and "reactie hoort" not in text
    docx = client.get(reverse("findings:unit_report_docx", args=args))
    with zipfile.ZipFile(io.BytesIO(docx.content)) as word:
        document = word.read("word/document.xml").decode()
    assert "Het jaarplan is actueel." in document and SECRET not in document
    uwv = client.get(reverse("findings:uwv_report", args=[cycle.year])).content.decode()
    assert SECRET not in uwv
    report = build_uwv_report(cycle)
    assert SECRET not in repr(report)
