"""A file that comes onto a reviewed document judgement or leaves it changes the evidence that
was reviewed (issue 21 §3): the judgement returns to concept and moves to its next version, so
the unit's scores wait for a new review and a reviewer with an older page gets EditConflict.
Whoever moves the file: the unit's quality contact delivering, the team uploading or deleting,
the coordination team restoring."""

# ruff: noqa: F811 (the review fixtures are imported by name)
import pytest
from django.core.exceptions import ValidationError

from audits.models import DocumentCheck, DocumentFile, DocumentType
from audits.services import requests as request_services
from audits.services.documents import (
    document_file_add,
    document_file_delete,
    document_file_restore,
)
from maturity.services import score_record
from tests.audits.requests_world import PDF, fresh
from tests.factories import DocumentCheckFactory, principle
from tests.review_fixtures import colleague  # noqa: F401 (fixture)
from uwvkms.review import review_approve, review_request
from uwvkms.versioning import EditConflict


@pytest.fixture
def judged(cycle, uitkeren, colleague, auditor):
    """Jaarplan at Uitkeren judged delivered by `colleague` and beoordeeld by the lead."""
    check = DocumentCheckFactory(
        cycle=cycle,
        unit=uitkeren,
        geleverd=True,
        updated_by=colleague,
        document_type=DocumentType.objects.get(name="Jaarplan"),
        principles=[principle("klantgerichtheid")],
    )
    return approve(check, colleague, auditor)


def approve(check, author, reviewer):
    check = review_request(actor=author, record=check, expected_version=check.version)
    return review_approve(actor=reviewer, record=check, expected_version=check.version)


def submit(actor, cycle, unit):
    return score_record(
        actor=actor,
        cycle=cycle,
        unit=unit,
        principle=principle("klantgerichtheid"),
        level=3,
        justification="Jaarplan gelezen.",
        expected_version=0,
    )


def test_a_delivery_by_the_contact_reopens_it_and_the_gate_refuses(
    judged, qc, qc_user, evidence_request, colleague, auditor, cycle, uitkeren
):
    item = evidence_request.items.get(document_type=judged.document_type)
    request_services.request_item_deliver(
        actor=fresh(qc_user), item=item, name="jaarplan-v2.pdf", data=PDF
    )
    check = DocumentCheck.objects.get(pk=judged.pk)
    assert check.review_status == "concept"
    assert check.version == judged.version + 1
    with pytest.raises(ValidationError) as refused:
        submit(colleague, cycle, uitkeren)
    assert "Documentbeoordeling Jaarplan" in refused.value.messages[0]
    # A reviewer with the page of before the delivery approves nothing.
    with pytest.raises(EditConflict):
        review_approve(actor=auditor, record=check, expected_version=judged.version)
    approve(check, colleague, auditor)
    assert submit(colleague, cycle, uitkeren).status == "ingediend"


def test_an_upload_a_deletion_and_a_restore_each_reopen_it(
    judged, colleague, auditor, coordinator, cycle, uitkeren
):
    stored = document_file_add(
        actor=colleague,
        cycle=cycle,
        unit=uitkeren,
        document_type=judged.document_type,
        name="bijlage.pdf",
        data=PDF,
    )
    check = DocumentCheck.objects.get(pk=judged.pk)
    assert (check.review_status, check.version) == ("concept", judged.version + 1)

    check = approve(check, colleague, auditor)
    document_file_delete(actor=colleague, document_file=stored)
    check = DocumentCheck.objects.get(pk=check.pk)
    assert check.review_status == "concept"

    check = approve(check, colleague, auditor)
    version = check.version
    document_file_restore(
        actor=coordinator,
        document_file=DocumentFile.with_withdrawn.get(pk=stored.pk),
        reason="Ten onrechte verwijderd.",
    )
    check = DocumentCheck.objects.get(pk=check.pk)
    assert (check.review_status, check.version) == ("concept", version + 1)
