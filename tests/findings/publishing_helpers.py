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

    from findings.selectors.publishing import units_blocking_definitive
    from findings.services import unit_report_move
    from tests.findings.unit_reporting import complete
    from uwvkms.models import BusinessUnit

    for name in units_blocking_definitive(cycle):
        complete(cycle, BusinessUnit.objects.get(name=name))
        unit_report_move(
            actor=coordinator,
            cycle=cycle,
            unit=BusinessUnit.objects.get(name=name),
            to="afgestemd",
            expected_version=0,
            agreed_on=timezone.localdate(),
            agreed_with="De directie",
        )
