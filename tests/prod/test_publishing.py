"""The coordination team publishes a Concept version of the UWV-wide report through the pages,
behind nginx with a real worker: the version page reaches *Gepubliceerd*, and the download is
exactly the PDF whose SHA-256 the page shows. Each render runs exactly once, on one of the two
workers."""

import hashlib
import re
import time
from pathlib import Path

from tests.prod.test_pages_and_pdfs import assert_tagged_pdf

STATE = re.compile(r'data-state="(\w+)"')
SHA256 = re.compile(r"<code[^>]*>([0-9a-f]{64})</code>")


def publish_concept(browser, year: int):
    """Publish the next Concept version of `year` through the versions page; returns the
    version page's URL and the POST's answer."""
    page = f"/rapportage/{year}/rapport/versies/"
    html = browser.get(page).text
    label = re.search(r'name="label"[^>]*value="([^"]*)"', html).group(1)
    publish = f"/rapportage/{year}/rapport/versies/publiceren/"
    asked = browser.post_form(publish, {"label": label, "report_status": "Concept"}, page=page)
    assert asked.status_code == 200, asked.text[:1000]  # the confirmation step: nothing yet
    assert "Ja, publiceren" in asked.text
    response = browser.post_form(
        publish, {"label": label, "report_status": "Concept", "bevestigd": "1"}, page=page
    )
    assert response.status_code == 302, response.text[:1000]
    return response.headers["Location"], response


def wait_until_published(browser, version_url: str, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while True:
        html = browser.get(version_url).text
        state = STATE.search(html).group(1)
        if state == "done":
            assert "Gepubliceerd" in html
            return html
        assert state in ("queued", "running"), f"version ended {state}: {html[:2000]}"
        assert time.monotonic() < deadline, f"still {state} after {timeout} s"
        time.sleep(1)


def test_publish_wait_download_and_check_the_hash(login, database):
    coordinator = login("coordinatie")
    version_url, posted = publish_concept(coordinator, 2023)
    html = wait_until_published(coordinator, version_url)
    shown = SHA256.search(html).group(1)
    download = re.search(r'href="([^"]+/pdf/)"', html).group(1)

    response = coordinator.get(download)

    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert hashlib.sha256(response.content).hexdigest() == shown
    assert_tagged_pdf(response.content, download)
    # The request's id is on the event it wrote (and on its log line, see test_http).
    with database.cursor() as cursor:
        cursor.execute(
            "SELECT request_id FROM uwvkms_auditevent "
            "WHERE event = 'findings.report_version.requested' ORDER BY id DESC LIMIT 1"
        )
        assert cursor.fetchone()[0] == posted.headers["X-Request-ID"]


def test_every_render_ran_exactly_once(login, database, stack):
    # Both workers are up (each says so when it starts), so there is a second one to race.
    logs = Path(stack["PROD_STACK_DIR"]) / "logs"
    for worker in ("worker-1", "worker-2"):
        assert "Starting worker" in (logs / f"{worker}.log").read_text(), worker
    coordinator = login("coordinatie")
    # Two cycles at once: both workers have something to take.
    urls = [publish_concept(coordinator, year)[0] for year in (2022, 2023)]
    for url in urls:
        wait_until_published(coordinator, url)
    with database.cursor() as cursor:
        cursor.execute(
            "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path LIKE %s",
            ["%report_version_render_task"],
        )
        tasks = cursor.fetchall()
        cursor.execute(
            "SELECT v.id, count(e.id) FROM findings_reportversion v "
            "LEFT JOIN uwvkms_auditevent e ON e.event = 'findings.report_version.published' "
            "AND e.object_type = 'findings.reportversion' AND e.object_id = v.id::text "
            "WHERE v.state = 'done' AND v.requested_at > now() - interval '1 hour' GROUP BY v.id"
        )
        published = cursor.fetchall()
    assert len(tasks) >= 2
    assert all(status == "SUCCESSFUL" and len(workers) == 1 for status, workers in tasks), tasks
    assert {workers[0].rsplit("-", 1)[1] for _status, workers in tasks} <= {"1", "2"}
    assert len(published) >= 2 and all(count == 1 for _id, count in published), published
