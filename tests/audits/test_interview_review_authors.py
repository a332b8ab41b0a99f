"""Four eyes on an interview record (issue 21 §3): its authors are who created it and who last
changed it, so a lead who edited a record another auditor created does not approve it; another
auditor of the team or the coordination team reviews instead."""

# ruff: noqa: F811 (the review fixtures are imported by name)
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audits.models import Interview
from tests.factories import InterviewFactory, principle
from tests.review_fixtures import colleague  # noqa: F401 (fixture)
from uwvkms.review import review_approve, review_request


@pytest.fixture
def edited_by_lead(cycle, uitkeren, colleague, auditor):
    """Created by `colleague`, last changed by the lead (`auditor`), marked ready by colleague."""
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=colleague, principles=[principle("klantgerichtheid")]
    )
    Interview.objects.filter(pk=interview.pk).update(updated_by=auditor, version=2)
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
