"""Benchmarks (`make bench`), not part of `make test`.

Each benchmark runs once to warm up, then five times; the median wall-clock and CPU time, the
load average before the runs, the peak Python memory of one extra traced run, the process's
peak resident memory so far, and the machine and versions are written to
tests/benchmarks/results/<name>.json (git-ignored). Work that only prepares a run (a fresh
herstelactie to import into) is done before the clock starts.

The database: a throwaway SQLite database by default. With DATABASE_URL pointing at PostgreSQL
the benchmarks run there, on a database whose name contains "bench" (its public schema is reset
first, so never point this at a database you need):

    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE uwvkms_bench'
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/uwvkms_bench make bench
    psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE uwvkms_bench'

Benchmarks and targets:
- maturity_report_pdf: the 2023 demo maturity report rendered to PDF.
- uwv_report_pdf: the 2023 demo UWV-wide report, data built and rendered as tagged PDF/UA-1;
  target ≤ 2.5 s. unit_report_pdf: a unit report through its view; target ≤ 0.8 s.
  published_pdf_download: a published version downloaded by the RvB; target ≤ 50 ms.
- herstel_import_100k_csv: importing 100,000 new dossiers from a CSV upload through the import
  page (parse, check, store, snapshot); target ≤ 10 s on PostgreSQL.
- herstel_reimport_100k_csv: the same file again with every dossier changed (update by
  reference with its history); no target, for reference.
- herstel_api_import_100k_json: the same 100,000 new dossiers as a JSON list POSTed to
  /api/v1/herstelacties/{id}/dossiers/ with a personal API token (the API checks the rows'
  shape and hands them to the same import service); target ≤ 10 s on PostgreSQL, like the
  upload.
- herstel_management_information / herstel_overview: the management-information page of the
  largest action and the central overview, with 50 actions and 250,000 dossiers in total,
  as server time with Django's test Client in-process; target ≤ 150 ms median.
- search_*: the search page (`/zoeken/?q=…`, issue 21 §5) through Django's test Client, on the
  demo data with 20,000 findings and recommendations more and the 50 actions with 250,000
  dossiers above: a word as the coordination team (every kind), as an auditor and as the RvB
  (every herstelactie and its dossiers), and a dossier reference as the RvB; target ≤ 200 ms
  median each (`-m tests.benchmarks.run search`).
"""

import json
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

RESULTS = Path(__file__).resolve().parent / "results"
RUNS = 5


def measure(
    name: str,
    func: Callable[..., object],
    note: str,
    *,
    setup: Callable[[], object] | None = None,
    target_seconds: float | None = None,
) -> dict:
    """Time `func` (called with what `setup` returns, when given; setup is not timed)."""

    def run() -> tuple[float, float]:
        prepared = (setup(),) if setup else ()
        start, start_cpu = time.perf_counter(), time.process_time()
        func(*prepared)
        return time.perf_counter() - start, time.process_time() - start_cpu

    run()  # warm-up: imports, template compilation, font loading
    load_before = os.getloadavg()[0]
    measured = [run() for _ in range(RUNS)]
    timings = [wall for wall, _cpu in measured]
    prepared = (setup(),) if setup else ()
    tracemalloc.start()
    func(*prepared)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(timings)
    result = {
        "benchmark": name,
        "note": note,
        "runs": RUNS,
        "median_seconds": round(median, 4),
        "min_seconds": round(min(timings), 4),
        "max_seconds": round(max(timings), 4),
        # This process's CPU time: what the work costs, even when other processes share the
        # cores (the wall-clock median is the figure the targets are about).
        "median_cpu_seconds": round(statistics.median(cpu for _wall, cpu in measured), 4),
        "load_average_1min_before": round(load_before, 2),
        "peak_python_memory_mib": round(peak / 2**20, 2),
        "process_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
    }
    if target_seconds is not None:
        result["target_seconds"] = target_seconds
        result["target_met"] = median <= target_seconds
    return result


def machine() -> dict:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
    else:
        import sqlite3

        database = f"SQLite {sqlite3.sqlite_version}"
    return {
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "django": version("django"),
        "weasyprint": version("weasyprint"),
        "database": database,
    }


def choose_database() -> None:
    """SQLite in a temporary folder, or the PostgreSQL bench database DATABASE_URL names."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        name = urlsplit(url).path.lstrip("/")
        if "bench" not in name:
            sys.exit(
                f"make bench resets the database it runs on; {name!r} does not look like a "
                "benchmark database. Create one whose name contains 'bench' (see run.py)."
            )
        return
    workdir = tempfile.mkdtemp(prefix="uwvkms-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"


def reset_postgres_schema() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")


def main() -> None:
    choose_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django

    django.setup()
    import logging

    # WeasyPrint logs every layout step at INFO; the figures are what matters here.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("django.tasks").setLevel(logging.WARNING)
    from django.core.management import call_command

    reset_postgres_schema()
    call_command("migrate", verbosity=0)
    from audits.models import AuditCycle
    from demo.audit import load_demo
    from findings.report.maturity import build_maturity_report, render_maturity_report_html
    from findings.report.pdf import html_to_pdf

    # e.g. `-m tests.benchmarks.run herstel`; `herstel_api` runs only the API's import
    groups = set(sys.argv[1:]) or {"maturity", "herstel"}
    results = []
    if "maturity" in groups:
        load_demo()
        cycle = AuditCycle.objects.get(year=2023)

        def report_pdf() -> bytes:
            report = build_maturity_report(cycle)
            return html_to_pdf(render_maturity_report_html(report, for_pdf=True))

        results.append(
            measure(
                "maturity_report_pdf",
                report_pdf,
                "Build the 2023 demo maturity report (16 units, 3 principles) and render it to "
                "PDF.",
            )
        )
        results += _uwv_benchmarks(cycle)
    if "herstel" in groups:
        results += herstel_benchmarks()
    if groups & {"herstel", "herstel_api"}:
        results += herstel_api_benchmarks()
    if "search" in groups:
        results += search_benchmarks(demo_loaded="maturity" in groups)
    RESULTS.mkdir(exist_ok=True)
    for result in results:
        path = RESULTS / f"{result['benchmark']}.json"
        path.write_text(json.dumps(result, indent=2) + "\n")
        print(
            f"{result['benchmark']}: median {result['median_seconds']} s "
            f"(CPU {result['median_cpu_seconds']} s) over {RUNS} runs, "
            f"peak {result['peak_python_memory_mib']} MiB → {path.relative_to(Path.cwd())}"
        )
        if "target_seconds" in result:
            verdict = "met" if result["target_met"] else "MISSED"
            print(
                f"  target ≤ {result['target_seconds']} s on {result['machine']['database']}: {verdict}"
            )


# --- Herstelacties ------------------------------------------------------------------------------

ACTIONS = 50
DOSSIERS = 250_000
LARGEST = 50_000  # one large action; the rest share the remainder
IMPORT_ROWS = 100_000
BOUNDARY = "uwvkms-bench-boundary"


def herstel_benchmarks() -> list[dict]:
    from django.test import Client
    from django.urls import reverse

    people = herstel_people()
    client = Client()
    largest = figures_data(people)
    client.force_login(people["adviser"])
    mi_url = reverse("herstel:management_information", args=[largest.pk])
    fez = Client()
    fez.force_login(people["fez"])
    overview_url = reverse("herstel:overview")

    def get(c, url):
        response = c.get(url)
        assert response.status_code == 200, (url, response.status_code)

    results = [
        measure(
            "herstel_management_information",
            lambda: get(client, mi_url),
            f"GET the management-information page of the largest action ({LARGEST:,} dossiers, "
            f"12 weekly snapshots) with {ACTIONS} actions and {DOSSIERS:,} dossiers in total; "
            "server time with Django's test Client in-process.",
            target_seconds=0.150,
        ),
        measure(
            "herstel_overview",
            lambda: get(fez, overview_url),
            f"GET the central overview as FEZ: {ACTIONS} actions with their dossier figures "
            f"over {DOSSIERS:,} dossiers; server time with Django's test Client in-process.",
            target_seconds=0.150,
        ),
    ]

    data = import_file(IMPORT_ROWS, seed=1)
    changed = import_file(IMPORT_ROWS, seed=2)

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test.client import encode_multipart

    def body(payload: bytes) -> bytes:
        """The upload as the browser sends it, encoded once: the clock times the server."""
        return encode_multipart(
            BOUNDARY, {"file": SimpleUploadedFile("dossiers.csv", payload, "text/csv")}
        )

    bodies = {}

    def post(action, payload):
        encoded = bodies.setdefault(id(payload), body(payload))
        response = client.post(
            reverse("herstel:dossier_import", args=[action.pk]),
            encoded,
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
        )
        assert response.status_code == 302, response.content[:2000]

    results.append(
        measure(
            "herstel_import_100k_csv",
            lambda action: post(action, data),
            f"POST a CSV of {IMPORT_ROWS:,} new dossiers ({len(data) / 2**20:.1f} MiB) to the "
            "import page: parse and check every row in Python, bulk_create in batches of "
            "2,000, a snapshot, the event; a fresh action in step 3 per run (not timed).",
            setup=lambda: fresh_action(people),
            target_seconds=10.0,
        )
    )

    def imported_action():
        action = fresh_action(people)
        post(action, data)
        return action

    results.append(
        measure(
            "herstel_reimport_100k_csv",
            lambda action: post(action, changed),
            f"POST the same {IMPORT_ROWS:,} references again with every dossier changed: "
            "bulk_update in batches plus one history row per dossier (for reference; the "
            "import above is the target).",
            setup=imported_action,
        )
    )
    return results


def herstel_api_benchmarks() -> list[dict]:
    """100,000 new dossiers as one JSON list through the API, with a real token."""
    from django.test import Client

    from uwvkms.services import api_token_create

    people = herstel_people()
    _token, key = api_token_create(user=people["adviser"], name="benchmark")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    body = import_json(IMPORT_ROWS, seed=1)

    def post(action):
        response = client.post(
            f"/api/v1/herstelacties/{action.pk}/dossiers/", body, content_type="application/json"
        )
        assert response.status_code == 201, response.content[:2000]
        assert response.json()["created"] == IMPORT_ROWS

    return [
        measure(
            "herstel_api_import_100k_json",
            post,
            f"POST {IMPORT_ROWS:,} new dossiers as one JSON list ({len(body) / 2**20:.1f} MiB, "
            "amounts as decimal strings) to /api/v1/herstelacties/{id}/dossiers/ with a "
            "personal API token: parse, check every row's shape, write the template's CSV and "
            "run the web's import service on it (parse, check, bulk_create, snapshot, event); a "
            "fresh action in step 3 per run (not timed).",
            setup=lambda: fresh_action(people),
            target_seconds=10.0,
        )
    ]


def import_json(rows: int, seed: int) -> bytes:
    """The rows of `import_file` as the API's JSON: status and outcome codes, amounts as
    decimal strings with a point."""
    rnd = random.Random(seed)
    codes = {"te beoordelen": "te_beoordelen", "geen wijziging": "geen_wijziging"}
    items = []
    for number in range(rows):
        reference, status, outcome, *amounts = dossier_row(rnd, f"BM-{number:07d}")
        item = {"reference": reference, "status": codes.get(status, status)}
        if outcome:
            item["outcome"] = codes.get(outcome, outcome)
        for name, amount in zip(
            ("paid", "to_pay", "recovered", "written_off"), amounts, strict=True
        ):
            if amount:
                item[name] = amount.replace(",", ".")
        items.append(item)
    return json.dumps(items).encode()


def herstel_people() -> dict:
    from django.contrib.auth.models import Group

    from uwvkms.constants import Role
    from uwvkms.models import BusinessUnit, User

    def unit(name, abbreviation):
        return BusinessUnit.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation}
        )[0]

    def person(username, unit_, *roles):
        user, _ = User.objects.get_or_create(username=f"bench.{username}", business_unit=unit_)
        user.groups.add(*(Group.objects.get(name=role.value) for role in roles))
        return user

    uitkeren, fez, bz = unit("Uitkeren", "UIT"), unit("FEZ", "FEZ"), unit("Bestuurszaken", "BZ")
    return {
        "adviser": person("adviseur", uitkeren, Role.HERSTEL_ADVISEUR),
        "dt": person("dt", uitkeren, Role.DIRECTIE),
        "rvb": person("rvb", bz, Role.RVB),
        "fez": person("fez", fez, Role.HERSTEL_ADVISEUR, Role.FEZ),
    }


_counter = iter(range(1, 10**6))


def fresh_action(people):
    """A herstelactie of Uitkeren taken along the DT path to step 3, with a go."""
    from herstel.constants import (
        AdviceSection,
        Criterion,
        Forum,
        GoBody,
        GoOutcome,
        NotificationKind,
        Outcome,
        StepMove,
    )
    from herstel.rules import CriterionJudged
    from herstel.services.actions import advice_save, herstelactie_start
    from herstel.services.decisions import decision_record, notification_record
    from herstel.services.execution import go_decision_record
    from herstel.services.steps import herstelactie_move

    adviser, dt, rvb = people["adviser"], people["dt"], people["rvb"]
    day = date(2025, 3, 1)
    action = herstelactie_start(
        actor=adviser,
        title=f"Benchmarkactie {next(_counter)}",
        what_went_wrong="Fictief.",
        wrong_since=date(2024, 1, 1),
        lead_unit=adviser.business_unit,
    )
    action = advice_save(
        actor=adviser,
        herstelactie=action,
        expected_version=action.version,
        sections={s.value: "Beschreven." for s in AdviceSection},
        criteria={
            c.value: CriterionJudged(value=c == Criterion.WITHIN_LAW, rationale="x", judged_by="x")
            for c in Criterion
        },
    )

    def move(actor, step_move):
        action.refresh_from_db()
        herstelactie_move(
            actor=actor, herstelactie=action, move=step_move, expected_version=action.version
        )

    move(adviser, StepMove.SUBMIT_ADVICE)
    decision_record(
        actor=dt, herstelactie=action, forum=Forum.DT, outcome=Outcome.BESLUIT, body="x",
        decided_on=day,
    )  # fmt: skip
    notification_record(
        actor=adviser, herstelactie=action, kind=NotificationKind.RVB_INFORMED, informed_on=day,
        summary="x",
    )  # fmt: skip
    move(dt, StepMove.TO_RVB)
    decision_record(
        actor=rvb, herstelactie=action, forum=Forum.RVB, outcome=Outcome.KENNISNAME, body="x",
        decided_on=day,
    )  # fmt: skip
    move(adviser, StepMove.TO_EXECUTION)
    go_decision_record(
        actor=adviser, herstelactie=action, body=GoBody.DT, outcome=GoOutcome.GO, decided_on=day
    )
    action.refresh_from_db()
    return action


def dossier_row(rnd: random.Random, reference: str) -> list[str]:
    """A fictional dossier: a quarter still to assess, the rest in one of the outcomes."""
    kind = rnd.randrange(4)
    amount = f"{rnd.randint(0, 99999)},{rnd.randint(0, 99):02d}"
    if kind == 0:
        return [reference, "te beoordelen", "", "", "", "", ""]
    if kind == 1:
        return [reference, "beoordeeld", "nabetalen", "0", amount, "0", "0"]
    if kind == 2:
        return [reference, "afgehandeld", "terugvorderen", "0", "0", amount, "12,50"]
    return [reference, "afgehandeld", "geen wijziging", "0", "0", "0", "0"]


def import_file(rows: int, seed: int) -> bytes:
    import csv
    import io

    from herstel.constants import DossierColumn

    rnd = random.Random(seed)  # fixed: every run the same file
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(DossierColumn.values)
    for number in range(rows):
        writer.writerow(dossier_row(rnd, f"BM-{number:07d}"))
    return out.getvalue().encode()


def figures_data(people):
    """50 actions in step 3 with 250,000 dossiers in total (one of 50,000) and 12 weekly
    snapshots each; returns the largest action. Dossiers are written in bulk (this prepares
    the pages' data; the import itself is benchmarked separately)."""
    from django.utils import timezone

    from herstel.constants import DossierColumn, SnapshotTrigger
    from herstel.dossier_rules import dossier_columns, dossier_from_row
    from herstel.models import Dossier, DossierImport
    from herstel.services.dossiers import dossier_snapshot_take

    columns = dossier_columns(DossierColumn.values).positions
    rnd = random.Random(3)
    sizes = [LARGEST] + [(DOSSIERS - LARGEST) // (ACTIONS - 1)] * (ACTIONS - 1)
    sizes[-1] += DOSSIERS - sum(sizes)
    now = timezone.now()
    largest = None
    for index, size in enumerate(sizes):
        action = fresh_action(people)
        largest = largest or action
        record = DossierImport.objects.create(
            herstelactie=action,
            file_name="bench.csv",
            file_format="csv",
            rows=size,
            created=size,
            updated=0,
            unchanged=0,
            imported_by=people["adviser"],
            imported_at=now,
        )
        batch = []
        for number in range(size):
            values, _problems = dossier_from_row(
                dossier_row(rnd, f"F{index:02d}-{number:06d}"), columns
            )
            batch.append(
                Dossier(
                    herstelactie=action,
                    reference=values.reference,
                    status=values.status,
                    outcome=values.outcome,
                    paid_cents=values.paid,
                    to_pay_cents=values.to_pay,
                    recovered_cents=values.recovered,
                    written_off_cents=values.written_off,
                    created_in=record,
                    updated_at=now,
                )
            )
        Dossier.objects.bulk_create(batch, batch_size=2000)
        for week in range(12):
            dossier_snapshot_take(
                herstelactie=action,
                trigger=SnapshotTrigger.SCHEDULE,
                taken_at=now - timedelta(weeks=week),
            )
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return largest


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
            f"Build the 2023 demo UWV-wide report (data included) and render it to tagged "
            f"PDF/UA-1 "
            f"({pages} pages).",
            target_seconds=2.5,
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
            target_seconds=0.8,
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
            target_seconds=0.05,
        )
    )
    return results


# --- Search ---------------------------------------------------------------------------------------

SEARCH_EXTRA_ITEMS = 20_000
SEARCH_WORDS = [
    "klant",
    "signalen",
    "verbeteractie",
    "risico",
    "proces",
    "sturing",
    "overleg",
    "dossier",
    "kwaliteit",
    "werkinstructie",
    "teamleider",
    "afspraken",
    "evaluatie",
    "rapportage",
    "monitoring",
    "verantwoording",
    "planning",
    "uitvoering",
    "bezwaar",
    "termijn",
]


def search_data() -> None:
    """20,000 findings and recommendations more, spread over the demo's units and cycles, each
    a sentence of the search vocabulary (the demo's own texts stay as they are)."""
    from audits.models import AssessedPrinciple
    from findings.models import Finding, Recommendation
    from uwvkms.models import User

    rnd = random.Random(21)
    author = User.objects.get(username="coordinatie")
    scope = list(AssessedPrinciple.objects.values_list("cycle_id", "unit_id", "principle_id"))

    def sentence() -> str:
        return " ".join(rnd.choice(SEARCH_WORDS) for _ in range(rnd.randint(12, 40))).capitalize()

    findings, recommendations = [], []
    for number in range(SEARCH_EXTRA_ITEMS // 2):
        cycle_id, unit_id, principle_id = rnd.choice(scope)
        place = {"cycle_id": cycle_id, "unit_id": unit_id, "principle_id": principle_id}
        findings.append(
            Finding(**place, kind="observatie", text=sentence() + ".", updated_by=author)
        )
        recommendations.append(
            Recommendation(
                **place, title=f"Aanbeveling {number}", text=sentence() + ".", updated_by=author
            )
        )
    Finding.objects.bulk_create(findings, batch_size=2000)
    Recommendation.objects.bulk_create(recommendations, batch_size=2000)


def search_benchmarks(*, demo_loaded: bool) -> list[dict]:
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from audits.models import Assignment, AuditCycle
    from demo.audit import load_demo
    from uwvkms.models import User
    from uwvkms.search import search, terms_of

    if not demo_loaded:
        load_demo()
    search_data()
    people = herstel_people()
    figures_data(people)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    cycle = AuditCycle.objects.get(year=2023)
    auditor = Assignment.objects.filter(cycle=cycle).select_related("auditor").first().auditor
    cases = [
        ("search_coordinator", User.objects.get(username="coordinatie"), "klantsignalen"),
        ("search_auditor", auditor, "verbeteractie risico"),
        ("search_rvb", User.objects.get(username="rvb"), "klant"),
        ("search_dossier_reference", people["rvb"], "F07-0001"),
    ]
    url = reverse("search")
    results = []
    for name, user, q in cases:
        client = Client()
        client.force_login(user)

        def page(client=client, q=q) -> bytes:
            response = client.get(url, {"q": q})
            assert response.status_code == 200, response.status_code
            return response.content

        hits = sum(len(kind.hits) for kind in search(user, terms_of(q)))
        results.append(
            measure(
                name,
                page,
                f"The search page for {q!r} as {user.username} ({hits} hits), through the test "
                "Client in-process.",
                target_seconds=0.2,
            )
        )
        results[-1]["hits"] = hits
    return results


if __name__ == "__main__":
    main()
