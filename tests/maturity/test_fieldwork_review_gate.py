"""A unit's scores are submitted only when its fieldwork is reviewed by someone other than its
author (issue 21 §3): the score service refuses, and the score page does not offer the
submission but says what still waits for review, with links."""

# ruff: noqa: F811 (the review fixtures are imported by name)
import pytest
from django.core.exceptions import ValidationError

from audits.services.interviews import interview_withdraw
from maturity.models import Score
from maturity.services import score_record
from tests.factories import DocumentCheckFactory, FindingFactory, principle
from tests.maturity.scoring import post_score, score_url
from tests.review_fixtures import colleague, fieldwork  # noqa: F401 (fixtures)
from uwvkms.review import review_approve, review_request


def submit(actor, cycle, unit, version=0):
    return score_record(
        actor=actor,
        cycle=cycle,
        unit=unit,
        principle=principle("klantgerichtheid"),
        level=3,
        justification="Jaarplan en interviews.",
        expected_version=version,
    )


def review_all(fieldwork, author, lead):
    for record in fieldwork.values():
        record = review_request(actor=author, record=record, expected_version=record.version)
        review_approve(actor=lead, record=record, expected_version=record.version)


def test_submission_waits_for_every_kind(fieldwork, colleague, auditor, cycle, uitkeren):
    with pytest.raises(ValidationError) as refused:
        submit(colleague, cycle, uitkeren)
    message = refused.value.messages[0]
    for text in ("Interviewverslag", "Documentbeoordeling Jaarplan", "Bevinding", "Aanbeveling"):
        assert text in message
    assert not Score.objects.exists()
    # All but the recommendation reviewed: still refused, and only that one is named.
    recommendation = fieldwork.pop("recommendation")
    review_all(fieldwork, colleague, auditor)
    with pytest.raises(ValidationError) as refused:
        submit(colleague, cycle, uitkeren)
    assert "Meet het effect" in refused.value.messages[0]
    assert "Jaarplan" not in refused.value.messages[0]
    review_all({"r": recommendation}, colleague, auditor)
    assert submit(colleague, cycle, uitkeren).status == "ingediend"


def test_a_concept_is_saved_whatever_the_review(fieldwork, colleague, cycle, uitkeren):
    score = score_record(
        actor=colleague,
        cycle=cycle,
        unit=uitkeren,
        principle=principle("klantgerichtheid"),
        level=None,
        justification="",
        expected_version=0,
        submit=False,
    )
    assert score.status == "concept"


def test_what_does_not_count_does_not_wait(colleague, cycle, uitkeren, fieldwork, auditor):
    """A document not yet judged and a withdrawn interview have nothing to review; another
    unit's fieldwork is not this unit's."""
    interview = fieldwork.pop("interview")
    interview_withdraw(actor=colleague, interview=interview, reason="Dubbel ingevoerd.")
    DocumentCheckFactory(cycle=cycle, unit=uitkeren, updated_by=colleague)  # open
    FindingFactory(cycle=cycle, unit=cycle.assignments.exclude(unit=uitkeren).first().unit)
    review_all(fieldwork, colleague, auditor)
    assert submit(colleague, cycle, uitkeren).status == "ingediend"


def test_a_unit_without_fieldwork_submits(auditor, cycle, uitkeren):
    assert submit(auditor, cycle, uitkeren).status == "ingediend"


def test_a_change_after_review_closes_the_gate_again(
    fieldwork, colleague, auditor, cycle, uitkeren
):
    from findings.services import finding_update  # noqa: PLC0415

    review_all(fieldwork, colleague, auditor)
    finding = fieldwork["finding"]
    finding.refresh_from_db()
    finding_update(
        actor=colleague,
        finding=finding,
        expected_version=finding.version,
        principle=finding.principle,
        kind=finding.kind,
        text="Na de review aangepast.",
    )
    with pytest.raises(ValidationError):
        submit(colleague, cycle, uitkeren)


def test_the_score_page_says_what_waits_and_offers_no_submission(
    client, fieldwork, colleague, auditor, cycle, uitkeren
):
    client.force_login(colleague)
    page = client.get(score_url(cycle, uitkeren)).content.decode()
    assert 'value="indienen"' not in page
    assert "Indienen kan pas als het veldwerk van Uitkeren is beoordeeld" in page
    for record in fieldwork.values():
        url = record.get_absolute_url() if hasattr(record, "get_absolute_url") else None
        if url:
            assert f'href="{url}"' in page
    assert f"/onderdelen/{uitkeren.pk}/review/" in page
    # Posting a submission anyway is refused with the same words, and the input comes back.
    response = post_score(client, cycle, uitkeren, level=3)
    assert response.status_code == 400
    assert "kunnen pas worden ingediend" in response.content.decode()
    assert "Jaarplan en twee bevestigde interviews." in response.content.decode()
    assert not Score.objects.exists()

    review_all(fieldwork, colleague, auditor)
    page = client.get(score_url(cycle, uitkeren)).content.decode()
    assert 'value="indienen"' in page
    assert "Indienen kan pas" not in page
    response = post_score(client, cycle, uitkeren, level=3)
    assert response.status_code == 302
    assert Score.objects.get().status == "ingediend"
