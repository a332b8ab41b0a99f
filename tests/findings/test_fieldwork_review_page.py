"""The pages of the review before submission (issue 21 §3): the review panel on each record's
page, the unit's review page with its moves, the work-queue lines of reviewer and author, the
review column of the cycle cockpit, and who may do what (404 for what one may not see, 403 for
a move one may not make). Query counts stay flat."""

# ruff: noqa: F811 (the review fixtures are imported by name)
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import FindingFactory, RecommendationFactory
from tests.review_fixtures import colleague, fieldwork  # noqa: F401 (fixtures)
from uwvkms.models import Notification, User
from uwvkms.review import review_request
from uwvkms.workqueue import work_queue_for


def review_url(cycle, unit):
    return reverse("findings:unit_review", args=[cycle.year, unit.pk])


def move_url(kind, record, action):
    return reverse("review_move", args=[kind, record.pk, action])


def send_back_url(kind, record):
    return reverse("review_send_back", args=[kind, record.pk])


def ready(actor, record):
    return review_request(actor=actor, record=record, expected_version=record.version)


def test_the_author_marks_ready_on_the_record_page(client, fieldwork, colleague, cycle, uitkeren):
    finding = fieldwork["finding"]
    page_url = reverse("findings:finding_edit", args=[cycle.year, uitkeren.pk, finding.pk])
    client.force_login(colleague)
    html = client.get(page_url).content.decode()
    assert "Review (vier ogen)" in html
    assert move_url("finding", finding, "request") in html
    assert move_url("finding", finding, "approve") not in html  # never for one's own work
    response = client.post(
        move_url("finding", finding, "request"), {"version": finding.version, "next": page_url}
    )
    assert response.status_code == 302 and response["Location"] == page_url
    finding.refresh_from_db()
    assert finding.review_status == "klaar"
    html = client.get(page_url).content.decode()
    assert move_url("finding", finding, "request") not in html
    assert "Een ander dan de auteur beoordeelt dit" in html


@pytest.mark.parametrize("kind", ["interview", "document"])
def test_the_panel_stands_on_the_evidence_pages(client, fieldwork, colleague, auditor, kind):
    record = ready(colleague, fieldwork[kind])
    url = (
        record.get_absolute_url()
        if kind == "interview"
        else reverse(
            "audits:document_check",
            args=[record.cycle.year, record.unit_id, record.document_type_id],
        )
    )
    client.force_login(auditor)
    html = client.get(url).content.decode()
    assert "Klaar voor review" in html
    assert move_url(kind, record, "approve") in html
    assert send_back_url(kind, record) in html


def test_the_lead_reviews_on_the_unit_review_page(
    client, fieldwork, colleague, auditor, cycle, uitkeren
):
    for record in fieldwork.values():
        ready(colleague, record)
    client.force_login(auditor)
    html = client.get(review_url(cycle, uitkeren)).content.decode()
    for label in ("Interviewverslagen", "Documentbeoordelingen", "Bevindingen", "Aanbevelingen"):
        assert label in html
    assert "4 onderdelen nog niet beoordeeld" in html
    finding = fieldwork["finding"]
    response = client.post(
        move_url("finding", finding, "approve"),
        {"version": finding.version, "next": review_url(cycle, uitkeren)},
    )
    assert response["Location"] == review_url(cycle, uitkeren)
    finding.refresh_from_db()
    assert (finding.review_status, finding.reviewed_by) == ("beoordeeld", auditor)

    recommendation = fieldwork["recommendation"]
    url = send_back_url("recommendation", recommendation)
    assert client.get(url).status_code == 200
    refused = client.post(url, {"version": recommendation.version, "note": ""})
    assert refused.status_code == 400
    response = client.post(
        url + "?next=" + review_url(cycle, uitkeren),
        {"version": recommendation.version, "note": "Maak de aanbeveling SMART."},
    )
    assert response.status_code == 302
    recommendation.refresh_from_db()
    assert recommendation.review_status == "teruggestuurd"
    assert Notification.objects.get().recipient == colleague
    html = client.get(review_url(cycle, uitkeren)).content.decode()
    assert "Maak de aanbeveling SMART." in html


def test_a_refused_note_comes_back_as_typed(client, fieldwork, colleague, auditor):
    finding = ready(colleague, fieldwork["finding"])
    client.force_login(auditor)
    response = client.post(
        send_back_url("finding", finding),
        {"version": finding.version - 1 or 99, "note": "Bron ontbreekt."},
    )
    assert response.status_code == 400
    assert "Bron ontbreekt." in response.content.decode()
    finding.refresh_from_db()
    assert finding.review_status == "klaar"


def test_the_author_cannot_review_their_own_through_the_views(client, fieldwork, colleague):
    finding = ready(colleague, fieldwork["finding"])
    client.force_login(colleague)
    assert client.get(send_back_url("finding", finding)).status_code == 403
    response = client.post(move_url("finding", finding, "approve"), {"version": finding.version})
    assert response.status_code == 403
    finding.refresh_from_db()
    assert finding.review_status == "klaar"


@pytest.mark.parametrize("persona", ["other_auditor", "unit_board", "board_member", "outsider"])
def test_outside_the_team_the_records_and_page_are_closed(
    client, request, persona, fieldwork, colleague, cycle, uitkeren
):
    finding = ready(colleague, fieldwork["finding"])
    client.force_login(request.getfixturevalue(persona))
    assert client.post(move_url("finding", finding, "approve"), {"version": 1}).status_code == 404
    assert client.get(send_back_url("finding", finding)).status_code == 404
    assert client.get(review_url(cycle, uitkeren)).status_code in (403, 404)
    finding.refresh_from_db()
    assert finding.review_status == "klaar"


def test_unknown_kinds_and_moves_are_404(client, fieldwork, auditor):
    finding = fieldwork["finding"]
    client.force_login(auditor)
    assert client.post(move_url("score", finding, "approve"), {"version": 1}).status_code == 404
    assert client.post(move_url("finding", finding, "send_back"), {}).status_code == 404
    assert (
        client.post(reverse("review_move", args=["finding", 999999, "approve"])).status_code == 404
    )
    assert client.get(move_url("finding", finding, "approve")).status_code == 405


def queue(user):
    """The user's review lines, as a new request reads them (the facts come with the roles)."""
    return [i for i in work_queue_for(User.objects.get(pk=user.pk)) if i.kind == "Review"]


def test_the_work_queue_tells_the_lead_and_the_author(fieldwork, colleague, auditor):
    assert not queue(auditor)
    ready(colleague, fieldwork["finding"])
    ready(colleague, fieldwork["interview"])
    [line] = queue(auditor)
    assert "beoordelen" in line.title and "2 onderdelen klaar voor review" in line.detail
    # The colleague asked: nothing to review for them.
    assert not queue(colleague)
    from uwvkms.review import review_send_back  # noqa: PLC0415

    finding = fieldwork["finding"]
    finding.refresh_from_db()
    review_send_back(actor=auditor, record=finding, expected_version=finding.version, note="x")
    [line] = queue(colleague)
    assert "teruggestuurd" in line.title and line.urgency == 0


def test_the_cockpit_shows_review_per_unit(client, fieldwork, colleague, coordinator, cycle):
    ready(colleague, fieldwork["finding"])
    client.force_login(coordinator)
    response = client.get(reverse("findings:cycle_cockpit", args=[cycle.year]))
    row = next(r for r in response.context["cockpit"].rows if r.unit.name == "Uitkeren")
    assert row.review_text == "1 te beoordelen · 3 concept"
    assert "1 te beoordelen · 3 concept" in response.content.decode()
    export = client.get(reverse("findings:cycle_cockpit_export", args=[cycle.year]))
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = [[cell.value for cell in r] for r in sheet.iter_rows()]
    column = rows[0].index("Review veldwerk")
    assert next(r for r in rows if r[0] == "Uitkeren")[column] == "1 te beoordelen · 3 concept"


def test_the_review_page_queries_do_not_grow(
    client, fieldwork, colleague, auditor, cycle, uitkeren, django_assert_max_num_queries
):
    for record in fieldwork.values():
        ready(colleague, record)
    client.force_login(auditor)
    client.get(review_url(cycle, uitkeren))
    with django_assert_max_num_queries(40) as few:
        client.get(review_url(cycle, uitkeren))
    for _n in range(6):
        ready(colleague, FindingFactory(cycle=cycle, unit=uitkeren, updated_by=colleague))
        ready(colleague, RecommendationFactory(cycle=cycle, unit=uitkeren, updated_by=colleague))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(review_url(cycle, uitkeren))
    assert response.context["review"].waiting == 16


def test_the_cockpit_queries_do_not_grow_with_review(
    client, fieldwork, colleague, coordinator, cycle, uitkeren, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = reverse("findings:cycle_cockpit", args=[cycle.year])
    client.get(url)
    with django_assert_max_num_queries(80) as few:
        client.get(url)
    for _n in range(5):
        ready(colleague, FindingFactory(cycle=cycle, unit=uitkeren, updated_by=colleague))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
