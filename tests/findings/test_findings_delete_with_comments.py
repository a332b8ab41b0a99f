"""A finding or recommendation with comments is not deleted (issue 21 §4): its comments are
never deleted and would lose what they are about. The service refuses with a Dutch message
(withdrawn comments count too), the findings page offers no delete for it, and the delete page
says why instead of offering the button. Without comments the delete works as before."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from findings.models import Finding, Recommendation
from findings.services import finding_delete, recommendation_delete
from tests.findings.unit_reporting import observe, recommend
from uwvkms.comments import comment_post, comment_withdraw
from uwvkms.models import Comment

MESSAGE = "er zijn reacties op geplaatst"


def test_a_commented_finding_and_recommendation_stay(auditor, cycle, uitkeren):
    finding = observe(auditor, cycle, uitkeren)
    recommendation = recommend(auditor, cycle, uitkeren)
    comment_post(actor=auditor, target=finding, text="Klopt dit voor alle teams?")
    comment_post(actor=auditor, target=recommendation, text="Prioriteit hoog?")
    with pytest.raises(ValidationError, match=MESSAGE):
        finding_delete(actor=auditor, finding=finding, expected_version=finding.version)
    with pytest.raises(ValidationError, match=MESSAGE):
        recommendation_delete(
            actor=auditor, recommendation=recommendation, expected_version=recommendation.version
        )
    assert Finding.objects.filter(pk=finding.pk).exists()
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()
    assert Comment.with_withdrawn.count() == 2


def test_a_withdrawn_comment_counts_too(auditor, cycle, uitkeren):
    finding = observe(auditor, cycle, uitkeren)
    comment = comment_post(actor=auditor, target=finding, text="Vergissing.")
    comment_withdraw(actor=auditor, comment=comment, reason="Verkeerde bevinding.")
    with pytest.raises(ValidationError, match=MESSAGE):
        finding_delete(actor=auditor, finding=finding, expected_version=finding.version)
    assert Finding.objects.filter(pk=finding.pk).exists()


def test_the_pages_offer_delete_only_without_comments(client, auditor, cycle, uitkeren):
    quiet = observe(auditor, cycle, uitkeren, text="Zonder reacties.")
    discussed = observe(auditor, cycle, uitkeren, text="Met reacties.")
    comment_post(actor=auditor, target=discussed, text="Bron?")
    client.force_login(auditor)
    html = client.get(
        reverse("findings:unit_findings", args=[cycle.year, uitkeren.pk])
    ).content.decode()
    quiet_url = reverse("findings:finding_delete", args=[cycle.year, uitkeren.pk, quiet.pk])
    discussed_url = reverse("findings:finding_delete", args=[cycle.year, uitkeren.pk, discussed.pk])
    assert quiet_url in html
    assert discussed_url not in html
    page = client.get(discussed_url)
    assert page.status_code == 200
    assert MESSAGE in page.content.decode()
    assert 'type="submit"' not in page.content.decode().split("<main", 1)[-1]
    refused = client.post(discussed_url, {"version": discussed.version})
    assert refused.status_code == 400
    assert Finding.objects.filter(pk=discussed.pk).exists()
    assert client.post(quiet_url, {"version": quiet.version}).status_code == 302
    assert not Finding.objects.filter(pk=quiet.pk).exists()
