"""Shared helpers of the publishing tests: a quick stand-in renderer and a publish shortcut."""

from findings.services.publishing import RenderedReport


def fake_render(version) -> RenderedReport:
    """A tiny PDF-like payload that depends on the version, so tests run without WeasyPrint."""
    body = f"%PDF-1.7 fake {version.cycle.year} {version.label} {version.report_status}".encode()
    return RenderedReport(
        pdf=body,
        snapshot={
            "version": version.label,
            "status": version.report_status,
            "principles": [{"code": "klantgerichtheid", "mean": "2,50"}],
        },
    )


def agree_unit_reports(*, cycle, coordinator) -> None:
    """Agree every counted unit's report, through the service, so a Definitief version may be
    published."""
    from django.utils import timezone

    from findings.models import UnitReport
    from findings.selectors.publishing import units_blocking_definitive
    from findings.services import unit_report_move
    from tests.findings.unit_reporting import complete
    from uwvkms.models import BusinessUnit

    for name in units_blocking_definitive(cycle):
        unit = BusinessUnit.objects.get(name=name)
        complete(cycle, unit)
        report = UnitReport.objects.filter(cycle=cycle, unit=unit).first()
        unit_report_move(
            actor=coordinator,
            cycle=cycle,
            unit=unit,
            to="afgestemd",
            expected_version=report.version if report else 0,
            agreed_on=timezone.localdate(),
            agreed_with="De directie",
        )


def approve_report(*, cycle, writer, reviewer=None) -> None:
    """Make the report's content ready for a Definitief version through the services: its
    structure stored (by `writer`), every chosen block that has nothing to show declared "niet
    van toepassing", and every chapter and section akkoord by `reviewer` (another team member;
    made when not given)."""
    from findings.constants import SectionStatus
    from findings.models import ReportSection
    from findings.report.uwv import build_uwv_report
    from findings.services.report_structure import (
        report_section_save,
        report_section_status_set,
        report_structure_start,
    )
    from tests.factories import UserFactory
    from uwvkms.constants import Role

    if reviewer is None:
        reviewer = UserFactory(roles=[Role.COORDINATIETEAM], business_unit=writer.business_unit)
    if not ReportSection.objects.filter(cycle=cycle).exists():
        report_structure_start(actor=writer, cycle=cycle)
    report = build_uwv_report(cycle)
    empty = {
        part.heading.anchor: [b.key for b in part.blocks if b.empty]
        for chapter in report.parts
        for part in [chapter, *chapter.sections]
    }
    for section in ReportSection.objects.filter(cycle=cycle).order_by("id"):
        missing = [
            key for key in empty.get(section.anchor, []) if key not in section.not_applicable
        ]
        if missing:
            section = report_section_save(
                actor=writer,
                section=section,
                title=section.title,
                text=section.text,
                blocks=section.blocks,
                not_applicable=[*section.not_applicable, *missing],
                expected_version=section.version,
            )
        if section.status != SectionStatus.AKKOORD:
            approver = reviewer if section.edited_by_id != reviewer.pk else writer
            report_section_status_set(
                actor=approver,
                section=section,
                status=SectionStatus.AKKOORD,
                expected_version=section.version,
            )


def ready_for_definitive(*, cycle, coordinator, reviewer=None) -> None:
    """Everything a Definitief version needs: every counted unit's report agreed and the
    report's content approved."""
    agree_unit_reports(cycle=cycle, coordinator=coordinator)
    approve_report(cycle=cycle, writer=coordinator, reviewer=reviewer)
