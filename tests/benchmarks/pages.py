"""Server cost of the pages each demo role visits most (issue 14 §5), not part of `make test`.

    .venv/bin/python -m tests.benchmarks.pages                  # every role, 20 runs a page
    .venv/bin/python -m tests.benchmarks.pages rvb coordinatie  # some roles only
    .venv/bin/python -m tests.benchmarks.pages --runs 50 --profile 8
    .venv/bin/python -m tests.benchmarks.pages --output pages-before      # keep a baseline
    .venv/bin/python -m tests.benchmarks.pages --baseline tests/benchmarks/results/pages-before.json

The demo data (`loaddemo` and `loaddemo_herstel`) is loaded into a throwaway SQLite database, or
into the PostgreSQL database DATABASE_URL names when its name contains "bench" (its public schema
is reset first, as in run.py). Each demo login is logged in with the test Client (force_login: the
password hash is not what is measured) and GETs its usual pages: the home page, the pages of the
navigation bar, the lists, the reports and the herstel overviews. Per page, after two warm-up
requests: the median and the 90th percentile of the server time over `--runs` requests (Django's
test Client in-process, tests.settings: DEBUG off, cached templates), the median CPU time, the
number of SQL queries (and how many of them are the session's own: SESSION_SAVE_EVERY_REQUEST
writes the session on every page, a cost of the settings, not of the page) and the response
size. The `--profile` slowest pages are run again under cProfile and their top functions by
cumulative time are listed.

Written to tests/benchmarks/results/<output>.json and <output>.txt (a table); with `--baseline`
a previous JSON's figures stand beside each page as "before".
"""

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tests.benchmarks.run import RESULTS, choose_database, machine, reset_postgres_schema

RUNS = 20
WARM_UP = 2
PROFILE_PAGES = 6
PROFILE_LINES = 25
YEAR = 2023  # the demo's cycle in calibration, with scores, findings and reports
PUBLISHED_YEAR = 2022  # the demo's published cycle: what the RvB reads


@dataclass(frozen=True)
class Page:
    """A page of a role: a short name and how to find its URL in the demo data."""

    name: str
    url: Callable[["Demo"], str]


class Demo:
    """What the pages' URLs need from the demo data, looked up once."""

    def __init__(self):
        from audits.models import Assignment, AuditCycle
        from herstel.models import Herstelactie
        from uwvkms.models import BusinessUnit

        self.cycle = AuditCycle.objects.get(year=YEAR)
        self.uitkeren = BusinessUnit.objects.get(name="Uitkeren")
        auditor_unit = (
            Assignment.objects.filter(cycle=self.cycle, auditor__username="toetser24")
            .order_by("unit__name")
            .values_list("unit_id", flat=True)
            .first()
        )
        self.auditor_unit_id = auditor_unit
        actions = Herstelactie.objects.filter(lead_unit=self.uitkeren)
        self.executing_id = actions.filter(step="stap_3").values_list("pk", flat=True).first()


def _url(name: str, *args: Callable[[Demo], object]) -> Callable[[Demo], str]:
    from django.urls import reverse

    return lambda demo: reverse(name, args=[arg(demo) for arg in args])


def _year(_demo: Demo) -> int:
    return YEAR


def _published(_demo: Demo) -> int:
    return PUBLISHED_YEAR


def _uitkeren(demo: Demo) -> int:
    return demo.uitkeren.pk


HOME = Page("home", _url("home"))
CYCLES = Page("toetscycli", _url("audits:cycle_list"))
HERSTEL_LIST = Page("herstelacties", _url("herstel:list"))
PROFILE = Page("profiel", _url("profile"))

# The demo logins (README, "Roles and demo logins") and the pages each one uses most: the home
# page, the navigation bar's links, and what those lead to.
ROLE_PAGES: dict[str, list[Page]] = {
    "coordinatie": [
        HOME,
        CYCLES,
        Page("cyclus", _url("audits:cycle_detail", _year)),
        Page("teams", _url("audits:cycle_teams", _year)),
        Page("driejarenplan", _url("audits:three_year_plan")),
        Page("bewijs_onderdelen", _url("audits:evidence_units", _year)),
        Page("kalibratie", _url("maturity:calibration", _year)),
        Page("kalibratiematrix", _url("maturity:calibration_matrix", _year)),
        Page("volwassenheidsrapport", _url("findings:maturity_report", _year)),
        Page("uwv_rapport", _url("findings:uwv_report", _year)),
        Page("rapportversies", _url("findings:report_versions", _year)),
        Page("rapporten_per_onderdeel", _url("findings:unit_report_list", _year)),
        Page("onderdeelrapport", _url("findings:unit_report", _year, _uitkeren)),
        Page("oprollen", _url("findings:rollup_board", _year)),
        Page("vervolgacties_cyclus", _url("findings:follow_up_cycle", _year)),
        Page("tertaaloverzicht", _url("findings:tertaal_overview")),
        Page("meerjarig", _url("findings:multiyear")),
        Page("verbeteracties", _url("herstel:improvements")),
    ],
    "toetser24": [
        HOME,
        CYCLES,
        Page("toetsopdrachten", _url("maturity:auditor_work", _year)),
        Page("bewijs", _url("audits:evidence_overview", _year, lambda d: d.auditor_unit_id)),
        Page("documenten", _url("audits:document_checklist", _year, lambda d: d.auditor_unit_id)),
        Page("interviews", _url("audits:interview_list", _year, lambda d: d.auditor_unit_id)),
    ],
    "directie.uitkeren": [
        HOME,
        CYCLES,
        Page("ter_bevestiging", _url("audits:confirmation_list")),
        Page("onderdeelrapport", _url("findings:unit_report", _year, _uitkeren)),
        Page("bewijs", _url("audits:evidence_overview", _year, _uitkeren)),
        Page("vervolgacties", _url("findings:my_follow_up")),
        Page("verbeteracties", _url("herstel:improvements_unit", _uitkeren)),
        HERSTEL_LIST,
    ],
    "directie.handhaving": [HOME, CYCLES, Page("vervolgacties", _url("findings:my_follow_up"))],
    "rvb": [
        HOME,
        CYCLES,
        Page("volwassenheidsrapport", _url("findings:maturity_report", _published)),
        Page("rapportversie", _url("findings:report_version", _published, lambda d: "2.0")),
        Page("rapportversies", _url("findings:report_versions", _published)),
        Page("rapporten_per_onderdeel", _url("findings:unit_report_list", _published)),
        Page("meerjarig", _url("findings:multiyear")),
        HERSTEL_LIST,
        Page("totaaloverzicht", _url("herstel:overview")),
        Page("sbk_overzicht", _url("herstel:sbk_overview")),
    ],
    "herstel": [
        HOME,
        HERSTEL_LIST,
        Page("herstelactie", _url("herstel:detail", lambda d: d.executing_id)),
        Page("dossiers", _url("herstel:dossiers", lambda d: d.executing_id)),
        Page(
            "managementinformatie", _url("herstel:management_information", lambda d: d.executing_id)
        ),
        PROFILE,
    ],
    "herstel.wb": [HOME, HERSTEL_LIST],
    "herstel.sbk": [
        HOME,
        HERSTEL_LIST,
        Page("totaaloverzicht", _url("herstel:overview")),
        Page("sbk_overzicht", _url("herstel:sbk_overview")),
        Page("contactpersonen", _url("herstel:contact_points")),
        Page("verbeteracties", _url("herstel:improvements")),
    ],
    "herstel.fez": [HOME, HERSTEL_LIST, Page("totaaloverzicht", _url("herstel:overview"))],
    "fez.werkgroep": [HOME, HERSTEL_LIST],
    "beheerder": [HOME, CYCLES],
}


def measure_page(client, url: str, runs: int) -> dict:
    """GET `url` `runs` times after a warm-up; server time, CPU time, queries, size."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UP):
        response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}, not 200")
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    sessions = [q for q in ctx.captured_queries if "django_session" in q["sql"]]
    walls.sort()
    return {
        "url": url,
        "median_ms": round(statistics.median(walls) * 1000, 2),
        "p90_ms": round(walls[min(len(walls) - 1, int(len(walls) * 0.9))] * 1000, 2),
        "median_cpu_ms": round(statistics.median(cpus) * 1000, 2),
        "queries": len(ctx.captured_queries),
        "session_queries": len(sessions),
        "bytes": len(response.content),
    }


def profile_page(client, url: str, lines: int) -> list[str]:
    """The top `lines` functions by cumulative time over ten requests of `url`."""
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(10):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(lines)
    # Keep the table only: the header lines say nothing the key does not.
    text = out.getvalue().splitlines()
    start = next((i for i, line in enumerate(text) if "ncalls" in line), 0)
    return [line.rstrip() for line in text[start:] if line.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("roles", nargs="*", help="demo logins to measure (default: all)")
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--profile", type=int, default=PROFILE_PAGES, metavar="N")
    parser.add_argument("--output", default="pages", help="results file name, without suffix")
    parser.add_argument("--baseline", type=Path, help="an earlier results JSON to compare with")
    options = parser.parse_args()
    unknown = set(options.roles) - set(ROLE_PAGES)
    if unknown:
        parser.error(f"unknown demo login(s): {', '.join(sorted(unknown))}")

    choose_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    import logging

    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    from django.core.management import call_command
    from django.test import Client

    from demo.audit import load_demo
    from demo.herstel import load_herstel_demo
    from uwvkms.models import User

    reset_postgres_schema()
    call_command("migrate", verbosity=0)
    load_demo()
    load_herstel_demo()
    demo = Demo()

    results = []
    clients = {}
    for username, pages in ROLE_PAGES.items():
        if options.roles and username not in options.roles:
            continue
        client = clients[username] = Client()
        client.force_login(User.objects.get(username=username))
        for page in pages:
            figures = measure_page(client, page.url(demo), options.runs)
            results.append({"role": username, "page": page.name, **figures})
            print(
                f"{username:<20} {page.name:<24} {figures['median_ms']:>8.1f} ms "
                f"{figures['queries']:>4} queries"
            )

    slowest = sorted(results, key=lambda r: r["median_ms"], reverse=True)[: options.profile]
    profiles = [
        {
            "role": r["role"],
            "page": r["page"],
            "url": r["url"],
            "top_cumulative": profile_page(clients[r["role"]], r["url"], PROFILE_LINES),
        }
        for r in slowest
    ]

    if options.baseline:
        before = {
            (r["role"], r["page"]): r for r in json.loads(options.baseline.read_text())["pages"]
        }
        for r in results:
            old = before.get((r["role"], r["page"]))
            if old:
                r["before"] = {
                    key: old[key]
                    for key in (
                        "median_ms",
                        "p90_ms",
                        "median_cpu_ms",
                        "queries",
                        "session_queries",
                    )
                }

    report = {
        "benchmark": "pages",
        "note": (
            "Server time of each demo role's usual pages with Django's test Client in-process "
            f"(tests.settings, DEBUG off): median and p90 over {options.runs} requests after "
            f"{WARM_UP} warm-up requests; queries of one more request (session_queries: those "
            "of the session itself)."
        ),
        "runs": options.runs,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
        "machine": machine(),
        "baseline": str(options.baseline) if options.baseline else None,
        "pages": results,
        "profiles": profiles,
    }
    RESULTS.mkdir(exist_ok=True)
    json_path = RESULTS / f"{options.output}.json"
    text_path = RESULTS / f"{options.output}.txt"
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    text_path.write_text(table(report))
    print(f"→ {json_path.relative_to(Path.cwd())}, {text_path.relative_to(Path.cwd())}")


def table(report: dict) -> str:
    """The figures as a plain-text table, then the profiles of the slowest pages."""
    compare = report["baseline"] is not None
    header = (
        f"{'role':<20} {'page':<24} {'queries':>9} {'median ms':>15} {'p90 ms':>8} {'CPU ms':>15}"
    )
    lines = [
        f"uwvkms pages — {report['machine']['database']}, {report['runs']} runs, "
        f"{report['measured_at']}",
        "queries incl. the session's own; with a baseline: before → now",
        "",
        header,
        "-" * len(header),
    ]
    for r in report["pages"]:
        old = r.get("before") if compare else None
        queries = f"{old['queries']} → {r['queries']}" if old else str(r["queries"])
        median = (
            f"{old['median_ms']:.1f} → {r['median_ms']:.1f}" if old else f"{r['median_ms']:.1f}"
        )
        cpu = (
            f"{old['median_cpu_ms']:.1f} → {r['median_cpu_ms']:.1f}"
            if old
            else f"{r['median_cpu_ms']:.1f}"
        )
        lines.append(
            f"{r['role']:<20} {r['page']:<24} {queries:>9} {median:>15} {r['p90_ms']:>8.1f} "
            f"{cpu:>15}"
        )
    for p in report["profiles"]:
        lines += ["", f"== {p['role']} {p['page']} ({p['url']}), 10 requests", *p["top_cumulative"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
