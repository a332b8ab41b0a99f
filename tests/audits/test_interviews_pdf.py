"""The printable interview record (PDF): the interview's data, its notes per principle and a
confirmation block; for the unit's auditors and the coordination team only."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import InterviewFactory, principle


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def interview(cycle, uitkeren, auditor):
    return InterviewFactory(
        cycle=cycle,
        unit=uitkeren,
        created_by=auditor,
        location__name="District Noord",
        interviewees=[("Jan Jansen", "Teamleider")],
        principles=[principle("klantgerichtheid")],
    )


def test_the_record_as_pdf(client, auditor, interview):
    client.force_login(auditor)
    response = client.get(reverse("audits:interview_pdf", args=[2031, interview.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="interview-UIT-2031-09-15-{interview.pk}.pdf"'
    )
    text = pdf_text(response)
    assert "Interviewverslag Uitkeren" in text
    assert "District Noord" in text
    assert "Jan Jansen (Teamleider)" in text
    assert "Anouk Toetser" in text  # the auditor present
    assert "Klantgerichtheid" in text
    assert "Trots op het werk" in text
    assert "Bevestiging door de geïnterviewden" in text
    assert "nog niet bevestigd" in text
    assert "Voor akkoord" in text


def test_a_confirmed_record_says_who_confirmed(client, coordinator, cycle, uitkeren):
    interview = InterviewFactory(cycle=cycle, unit=uitkeren, bevestigd=True)
    client.force_login(coordinator)
    text = pdf_text(client.get(reverse("audits:interview_pdf", args=[2031, interview.pk])))
    assert "bevestigd door Jan Jansen" in text
    assert "Voor akkoord" not in text
