"""What the proxy and the nodes say over HTTP: plain HTTP redirects pages and refuses the API;
the health probes answer through nginx; every answer carries the request id nginx made, and the
node logs that id in its one JSON line for the request."""

import json
import time
from pathlib import Path

import requests


def _plain(stack) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    return session


def test_plain_http_redirects_pages_to_https(stack):
    response = _plain(stack).get(f"{stack['PROD_HTTP_URL']}/inloggen/", allow_redirects=False)
    assert response.status_code == 301
    assert response.headers["Location"] == f"{stack['PROD_BASE_URL']}/inloggen/"


def test_plain_http_to_the_api_is_refused_not_redirected(stack):
    response = _plain(stack).get(
        f"{stack['PROD_HTTP_URL']}/api/v1/cycles/",
        headers={"Authorization": "Bearer uwv_sent-in-the-clear"},
        allow_redirects=False,
    )
    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/problem+json"
    assert "HTTPS" in response.json()["detail"]


def test_health_probes_through_the_proxy(login, stack):
    session = login("rvb")  # any session; the probes need none
    assert session.get("/healthz").json() == {"status": "ok"}
    ready = session.get("/readyz")
    assert ready.status_code == 200
    assert set(ready.json()["checks"].values()) == {"ok"}


def test_the_request_id_runs_from_nginx_to_the_node_log(login, stack):
    browser = login("herstel")
    response = browser.get("/herstel/")
    request_id = response.headers["X-Request-ID"]
    assert len(request_id) == 32  # nginx's $request_id, taken over by the app
    logs = Path(stack["PROD_STACK_DIR"]) / "logs"
    deadline = time.monotonic() + 5
    while True:
        lines = [
            json.loads(line)
            for log in logs.glob("web-*.log")
            for line in log.read_text().splitlines()
            if request_id in line and '"uwvkms.request"' in line
        ]
        if lines or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    (line,) = lines
    assert line["path"] == "/herstel/" and line["status"] == 200 and line["method"] == "GET"
    assert line["user_id"] and line["duration_ms"] > 0 and line["client_ip"] == "127.0.0.1"
