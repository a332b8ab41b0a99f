"""Benchmarks (`make bench`), not part of `make test`.

Each benchmark runs once to warm up, then five times; the median time, the peak Python memory of
one extra traced run, and the machine and versions are written to
tests/benchmarks/results/<name>.json (git-ignored). Data: the demo data set in a throwaway SQLite
database.
"""

import json
import os
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"
RUNS = 5


def measure(name: str, func: Callable[[], object], note: str, target: float | None = None) -> dict:
    func()  # warm-up: imports, template compilation, font loading
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    tracemalloc.start()
    func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(timings)
    return {
        "benchmark": name,
        "note": note,
        "target_seconds": target,
        "meets_target": None if target is None else median <= target,
        "runs": RUNS,
        "median_seconds": round(median, 4),
        "min_seconds": round(min(timings), 4),
        "max_seconds": round(max(timings), 4),
        "peak_python_memory_mib": round(peak / 2**20, 2),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "processor": platform.machine(),
            "cpus": os.cpu_count(),
            "python": sys.version.split()[0],
            "django": version("django"),
            "weasyprint": version("weasyprint"),
        },
    }


def main() -> None:
    workdir = tempfile.mkdtemp(prefix="uwvkms-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    import logging

    # WeasyPrint logs every layout step at INFO; the figures are what matters here.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from audits.models import AuditCycle
    from findings.demo import load_demo
    from findings.report.maturity import build_maturity_report, render_maturity_report_html
    from findings.report.pdf import html_to_pdf

    load_demo()
    cycle = AuditCycle.objects.get(year=2023)

    def report_pdf() -> bytes:
        report = build_maturity_report(cycle)
        return html_to_pdf(render_maturity_report_html(report, for_pdf=True))

    results = [
        measure(
            "maturity_report_pdf",
            report_pdf,
            "Build the 2023 demo maturity report (16 units, 3 principles) and render it to PDF.",
        )
    ]
    results += _uwv_benchmarks(cycle)
    RESULTS.mkdir(exist_ok=True)
    for result in results:
        path = RESULTS / f"{result['benchmark']}.json"
        path.write_text(json.dumps(result, indent=2) + "\n")
        target = result.get("target_seconds")
        verdict = (
            ""
            if target is None
            else (f", target {target} s: {'met' if result['meets_target'] else 'MISSED'}")
        )
        print(
            f"{result['benchmark']}: median {result['median_seconds']} s over {RUNS} runs, "
            f"peak {result['peak_python_memory_mib']} MiB{verdict} → "
            f"{path.relative_to(Path.cwd())}"
        )


def _uwv_benchmarks(cycle) -> list[dict]:
    """The UWV-wide report as PDF (building its data included), a unit report as PDF through its
    view, and the download of a published version (served from storage, never re-rendered)."""
    import io

    from django.test import Client
    from django.urls import reverse
    from pypdf import PdfReader

    from findings.report.uwv import build_uwv_report, render_uwv_report_pdf
    from findings.services.publishing import report_version_publish, report_version_render
    from uwvkms.models import BusinessUnit, User

    def uwv_pdf() -> bytes:
        return render_uwv_report_pdf(build_uwv_report(cycle, version="1.0"))

    pages = len(PdfReader(io.BytesIO(uwv_pdf())).pages)
    results = [
        measure(
            "uwv_report_pdf",
            uwv_pdf,
            f"Build the 2023 demo UWV-wide report (data included) and render it to PDF "
            f"({pages} pages).",
            target=2.5,
        )
    ]
    results[-1]["pages"] = pages

    coordinator = User.objects.get(username="coordinatie")
    client = Client()
    client.force_login(coordinator)
    unit = BusinessUnit.objects.get(name="Uitkeren")
    unit_url = reverse("findings:unit_report_pdf", args=[cycle.year, unit.id])

    def unit_pdf() -> bytes:
        response = client.get(unit_url)
        assert response.status_code == 200, response.status_code
        return response.content

    results.append(
        measure(
            "unit_report_pdf",
            unit_pdf,
            "The unit report of Uitkeren 2023 as PDF through its view (access check, data, "
            "render).",
            target=0.8,
        )
    )

    version = report_version_publish(
        actor=coordinator, cycle=cycle, label="9.0", report_status="Concept"
    )
    report_version_render(version_id=version.pk)
    rvb = Client()
    rvb.force_login(User.objects.get(username="rvb"))
    download_url = reverse("findings:report_version_pdf", args=[cycle.year, "9.0"])

    def download() -> bytes:
        response = rvb.get(download_url)
        assert response.status_code == 200, response.status_code
        return response.content

    results.append(
        measure(
            "published_pdf_download",
            download,
            "The RvB downloads a published version through the view: read from private "
            "storage, SHA-256 checked, never re-rendered.",
            target=0.05,
        )
    )
    return results


if __name__ == "__main__":
    main()
