"""`make loadtest`: Locust, headless, against the production-mode stack that `.ci/prod-stack`
runs (nginx + two gunicorn nodes + two workers, PostgreSQL, Redis), from this same machine.

50 users (LOADTEST_USERS) start over a ramp, each logs in once and reads their usual pages; the
statistics are reset when the ramp ends and then taken for 3 minutes (LOADTEST_SECONDS). The
results (requests/s, p50/p95/p99 per page, failures, CPU of the machine and of the app's
processes) go to tests/benchmarks/results/loadtest-<time>.json and .txt."""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "tests" / "benchmarks" / "results"
STACK_DIR = Path(
    os.environ.get("PROD_STACK_DIR") or Path(tempfile.gettempdir()) / "uwvkms-prod-stack"
)
USERS = int(os.environ.get("LOADTEST_USERS", "50"))
SPAWN_RATE = float(os.environ.get("LOADTEST_SPAWN_RATE", "2"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "180"))
TARGET_P95_MS = 400
APP_PROCESSES = ("gunicorn", "db_worker", "nginx", "postgres", "redis-server")


def _stack() -> dict[str, str]:
    values = {}
    for line in (STACK_DIR / "stack.env").read_text().splitlines():
        key, _, value = line.partition("=")
        values[key] = value
    return values


def _app_processes() -> dict[int, tuple[str, float]]:
    """The stack's processes now: pid → (kind, CPU seconds used so far). Every gunicorn worker
    and db_worker is its own process, so the sum over processes is the app's CPU. gunicorn and
    db_worker count only when they belong to this stack (their command line or working folder
    names the project or the stack folder); nginx, PostgreSQL and Redis are the machine's,
    shared with anything else that uses them while the test runs."""
    found = {}
    ours = (str(ROOT), str(STACK_DIR))
    for process in psutil.process_iter(["cmdline", "name", "cpu_times", "cwd"]):
        line = " ".join(process.info["cmdline"] or []) or (process.info["name"] or "")
        times = process.info["cpu_times"]
        for kind in APP_PROCESSES:
            if kind not in line or times is None:
                continue
            if kind in ("gunicorn", "db_worker") and not any(
                mark in line or mark == (process.info["cwd"] or "") for mark in ours
            ):
                continue
            found[process.pid] = (kind, times.user + times.system)
            break
    return found


def _cpu_used(before: dict, after: dict) -> dict[str, float]:
    """CPU seconds per kind between two looks: a process that started in between counts from
    zero; one that ended in between is left out (its last seconds are lost, never negative)."""
    totals = dict.fromkeys(APP_PROCESSES, 0.0)
    for pid, (kind, seconds) in after.items():
        earlier = before.get(pid)
        totals[kind] += seconds - (earlier[1] if earlier and earlier[0] == kind else 0.0)
    return totals


def main() -> int:
    stack = _stack()
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    work = Path(tempfile.mkdtemp(prefix="uwvkms-loadtest-"))
    ramp = USERS / SPAWN_RATE
    command = [
        sys.executable, "-m", "locust",
        "-f", str(ROOT / "tests" / "loadtest" / "locustfile.py"),
        "--headless", "--only-summary", "--reset-stats",
        "--users", str(USERS), "--spawn-rate", str(SPAWN_RATE),
        "--run-time", f"{int(ramp + SECONDS)}s",
        "--host", stack["PROD_BASE_URL"],
        "--csv", str(work / "locust"),
        "--loglevel", "WARNING",
    ]  # fmt: skip
    env = {**os.environ, "PROD_CA_CERT": stack["PROD_CA_CERT"]}
    print(f"Locust: {USERS} users, ramp {ramp:.0f} s, then {SECONDS} s measured")
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    # CPU over the measured window only (after the ramp, when Locust resets its statistics).
    time.sleep(ramp + 2)
    cpu_before, app_before, started = psutil.cpu_times(), _app_processes(), time.monotonic()
    load_before = os.getloadavg()
    process.wait()
    elapsed = time.monotonic() - started
    cpu_after, app_after = psutil.cpu_times(), _app_processes()
    app_used = _cpu_used(app_before, app_after)
    busy = (cpu_after.user + cpu_after.system) - (cpu_before.user + cpu_before.system)
    cores = psutil.cpu_count()

    pages = []
    aggregated = {}
    with open(work / "locust_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            entry = {
                "method": row["Type"],
                "page": row["Name"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "requests_per_s": round(float(row["Requests/s"]), 2),
                "p50_ms": float(row["50%"]),
                "p95_ms": float(row["95%"]),
                "p99_ms": float(row["99%"]),
                "max_ms": float(row["Max Response Time"]),
            }
            if row["Name"] == "Aggregated":
                aggregated = entry
            else:
                pages.append(entry)
    failures = []
    failures_file = work / "locust_failures.csv"
    if failures_file.exists():
        with open(failures_file, newline="") as handle:
            failures = list(csv.DictReader(handle))
    result = {
        "when": stamp,
        "users": USERS,
        "measured_seconds": round(elapsed, 1),
        "total": aggregated,
        "target_p95_ms": TARGET_P95_MS,
        "target_met": bool(aggregated)
        and aggregated["p95_ms"] <= TARGET_P95_MS
        and aggregated["failures"] == 0,
        "cpu": {
            "machine_percent": round(100 * busy / (elapsed * cores), 1),
            "cores": cores,
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
            "app_cpu_seconds": {kind: round(app_used[kind], 1) for kind in APP_PROCESSES},
            # What one request costs the app nodes, whatever else the machine was doing.
            "gunicorn_cpu_ms_per_request": round(
                1000 * app_used["gunicorn"] / max(aggregated.get("requests", 0), 1), 1
            ),
        },
        "pages": sorted(pages, key=lambda entry: -entry["requests"]),
        "failures": failures,
    }
    (RESULTS / f"loadtest-{stamp}.json").write_text(json.dumps(result, indent=2) + "\n")
    lines = [
        f"uwvkms loadtest {stamp}: {USERS} users, {elapsed:.0f} s measured",
        f"total: {aggregated.get('requests_per_s')} req/s, p50 {aggregated.get('p50_ms')} ms, "
        f"p95 {aggregated.get('p95_ms')} ms, p99 {aggregated.get('p99_ms')} ms, "
        f"failures {aggregated.get('failures')} (target p95 <= {TARGET_P95_MS} ms, 0 failures: "
        f"{'met' if result['target_met'] else 'NOT met'})",
        f"cpu: machine {result['cpu']['machine_percent']}% of {cores} cores; "
        f"gunicorn {result['cpu']['gunicorn_cpu_ms_per_request']} ms per request; app seconds "
        + ", ".join(f"{k} {v}" for k, v in result["cpu"]["app_cpu_seconds"].items()),
        "",
        f"{'page':<60} {'n':>6} {'req/s':>6} {'p50':>6} {'p95':>6} {'p99':>6} {'fail':>5}",
    ]
    for entry in result["pages"]:
        lines.append(
            f"{entry['method'] + ' ' + entry['page']:<60.60} {entry['requests']:>6} "
            f"{entry['requests_per_s']:>6} {entry['p50_ms']:>6.0f} {entry['p95_ms']:>6.0f} "
            f"{entry['p99_ms']:>6.0f} {entry['failures']:>5}"
        )
    text = "\n".join(lines) + "\n"
    (RESULTS / f"loadtest-{stamp}.txt").write_text(text)
    print(text)
    print(f"Results in {RESULTS}/loadtest-{stamp}.json")
    return 0 if process.returncode in (0, 1) and aggregated else 1


if __name__ == "__main__":
    sys.exit(main())
