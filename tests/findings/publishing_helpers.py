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
