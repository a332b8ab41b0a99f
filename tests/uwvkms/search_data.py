"""What the search tests find: at Uitkeren in the conftest's cycle 2031 (audited by `auditor`),
a finding, a recommendation, an interview with notes, a delivered document, a theme with a main
finding, and a herstelactie of Uitkeren with a dossier; every text holds WORD."""

import datetime

from django.utils import timezone

from audits.models import DocumentFile, InterviewNote
from findings.models import MainFinding, Theme
from herstel.models import Dossier, DossierImport
from tests.factories import (
    DocumentCheckFactory,
    FindingFactory,
    InterviewFactory,
    RecommendationFactory,
    UnitReportFactory,
    principle,
)
from tests.herstel.flow import start

WORD = "klantsignalen"


def document_file(check, name: str, by) -> DocumentFile:
    return DocumentFile.objects.create(
        document_check=check,
        file="documents/none",
        original_name=name,
        content_type="application/pdf",
        size=10,
        sha256="0" * 64,
        uploaded_by=by,
    )


def interview_with_note(cycle, unit, auditor, notes: str):
    interview = InterviewFactory(
        cycle=cycle,
        unit=unit,
        created_by=auditor,
        principles=[principle("klantgerichtheid")],
        interviewees=[("Mira Visser", "Teamleider")],
    )
    InterviewNote.objects.filter(interview=interview).update(notes=notes)
    return interview


def audit_data(cycle, unit, auditor, *, report_status="concept") -> dict:
    """The audit chain's records at `unit`, each holding WORD."""
    UnitReportFactory(cycle=cycle, unit=unit, status=report_status, updated_by=auditor)
    check = DocumentCheckFactory(cycle=cycle, unit=unit, geleverd=True, updated_by=auditor)
    open_check = DocumentCheckFactory(cycle=cycle, unit=unit, updated_by=auditor)
    theme = Theme.objects.create(
        cycle=cycle, title=f"Omgaan met {WORD}", description="Rode draad.", updated_by=auditor
    )
    return {
        "finding": FindingFactory(
            cycle=cycle, unit=unit, text=f"Teams bespreken {WORD} wekelijks.", updated_by=auditor
        ),
        "recommendation": RecommendationFactory(
            cycle=cycle,
            unit=unit,
            title="Leer van klanten",
            text=f"Gebruik {WORD} in het teamoverleg.",
            updated_by=auditor,
        ),
        "interview": interview_with_note(cycle, unit, auditor, f"Men noemt {WORD} belangrijk."),
        "delivered": document_file(check, f"overzicht-{WORD}.pdf", auditor),
        "undelivered": document_file(open_check, f"concept-{WORD}.docx", auditor),
        "theme": theme,
        "main_finding": MainFinding.objects.create(
            theme=theme,
            title="Signalen benutten",
            advice=f"Deel {WORD} UWV-breed.",
            updated_by=auditor,
        ),
    }


def herstel_data(adviser) -> dict:
    action = start(adviser, title=f"Herstel na gemiste {WORD}")
    record = DossierImport.objects.create(
        herstelactie=action,
        file_name="d.csv",
        file_format="csv",
        rows=1,
        created=1,
        updated=0,
        unchanged=0,
        imported_by=adviser,
        imported_at=timezone.now(),
    )
    dossier = Dossier.objects.create(
        herstelactie=action,
        reference="KS-2031-0001",
        created_in=record,
        updated_at=timezone.now(),
    )
    return {"action": action, "dossier": dossier}


def withdraw_record(record, by, reason="In fout ingevoerd.") -> None:
    type(record).with_withdrawn.filter(pk=record.pk).update(
        withdrawn_at=timezone.now(), withdrawn_by=by, withdrawal_reason=reason
    )


HELD_ON = datetime.date(2031, 9, 15)
