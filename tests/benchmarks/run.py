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


def measure(name: str, func: Callable[[], object], note: str) -> dict:
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
    return {
        "benchmark": name,
        "note": note,
        "runs": RUNS,
        "median_seconds": round(statistics.median(timings), 4),
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
    RESULTS.mkdir(exist_ok=True)
    for result in results:
        path = RESULTS / f"{result['benchmark']}.json"
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(
            f"{result['benchmark']}: median {result['median_seconds']} s over {RUNS} runs, "
            f"peak {result['peak_python_memory_mib']} MiB → {path.relative_to(Path.cwd())}"
        )


if __name__ == "__main__":
    main()
