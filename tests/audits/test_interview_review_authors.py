"""Four eyes on an interview record (issue 21 §3): its authors are who created it and who last
changed its record (`edited_by`), so a lead who edited a record another auditor created does not
approve it, whoever moved it on afterwards; another auditor of the team or the coordination team
reviews instead."""

# ruff: noqa: F811 (the review fixtures are imported by name)
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audits.models import Interview
from audits.services.interviews import interview_transition
from tests.audits.test_interviews import form_data
from tests.factories import DistrictFactory, InterviewFactory, principle
from tests.review_fixtures import colleague  # noqa: F401 (fixture)
from uwvkms.review import review_approve, review_request


@pytest.fixture
def edited_by_lead(cycle, uitkeren, colleague, auditor):
    """Created by `colleague`, last changed by the lead (`auditor`), marked ready by colleague."""
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=colleague, principles=[principle("klantgerichtheid")]
    )
    Interview.objects.filter(pk=interview.pk).update(edited_by=auditor, version=2)
    interview.refresh_from_db()
    return review_request(actor=colleague, record=interview, expected_version=interview.version)


def test_the_lead_who_edited_it_does_not_approve_it(edited_by_lead, auditor):
    assert auditor.pk in edited_by_lead.review_author_ids()
    with pytest.raises(PermissionDenied):
        review_approve(actor=auditor, record=edited_by_lead, expected_version=2)
    assert Interview.objects.get(pk=edited_by_lead.pk).review_status == "klaar"


def test_the_coordination_team_reviews_it_instead(edited_by_lead, coordinator):
    done = review_approve(actor=coordinator, record=edited_by_lead, expected_version=2)
    assert done.review_status == "beoordeeld"


def test_the_review_page_offers_the_lead_no_approval(
    client, edited_by_lead, auditor, cycle, uitkeren
):
    client.force_login(auditor)
    response = client.get(reverse("findings:unit_review", args=[cycle.year, uitkeren.pk]))
    rows = dict(response.context["review"].groups)
    (row,) = [row for kind, rows_ in rows.items() if kind.slug == "interview" for row in rows_]
    assert not row.can_review


@pytest.fixture
def district(cycle, uitkeren):
    return DistrictFactory(cycle=cycle, unit=uitkeren, name="District Noord", drawn=True)


def test_an_edit_through_the_page_makes_the_lead_an_author_whoever_moves_it_on(
    client, colleague, auditor, cycle, uitkeren, district
):
    """The lead edits the record a colleague created; the colleague then sends it to the
    interviewees (a move that makes nobody an author) and marks it ready: the lead still does
    not approve it."""
    client.force_login(colleague)
    created = client.post(
        reverse("audits:interview_create", args=[cycle.year, uitkeren.pk]),
        form_data(district, [colleague]),
    )
    assert created.status_code == 302
    interview = Interview.objects.get()
    assert interview.edited_by is None
    client.force_login(auditor)
    edit = form_data(district, [colleague], held_on="2025-09-16", version=interview.version)
    edit["interviewees-0-id"] = interview.interviewees.get().pk
    assert (
        client.post(reverse("audits:interview_edit", args=[cycle.year, interview.pk]), edit)
    ).status_code == 302
    interview.refresh_from_db()
    assert interview.edited_by == auditor
    interview = interview_transition(
        actor=colleague, interview=interview, action="send", expected_status="concept"
    )
    assert (interview.updated_by, interview.edited_by) == (colleague, auditor)
    interview = review_request(
        actor=colleague, record=interview, expected_version=interview.version
    )
    with pytest.raises(PermissionDenied):
        review_approve(actor=auditor, record=interview, expected_version=interview.version)
