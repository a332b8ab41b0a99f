"""One JSON line per request with its request id (also X-Request-ID on the answer), user,
method, path, status and duration; the same id on the event log rows the request writes."""

import json
import logging

from django.urls import reverse

from uwvkms.models import AuditEvent
from uwvkms.observability import JsonFormatter


def _request_lines(caplog):
    return [r for r in caplog.records if r.name == "uwvkms.request"]


def test_each_request_is_one_line_with_its_id(client, auditor, caplog):
    caplog.set_level(logging.INFO, logger="uwvkms.request")
    client.force_login(auditor)
    response = client.get(reverse("home"))
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    (record,) = _request_lines(caplog)
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == request_id
    assert line["user_id"] == auditor.pk
    assert (line["method"], line["path"], line["status"]) == ("GET", "/", 200)
    assert line["duration_ms"] >= 0
    assert line["level"] == "INFO" and line["message"] == "GET / 200"


def test_the_proxys_id_is_taken_over_and_a_strange_one_replaced(client, db, caplog):
    caplog.set_level(logging.INFO, logger="uwvkms.request")
    ok = client.get(reverse("login"), HTTP_X_REQUEST_ID="0123456789abcdef0123456789abcdef")
    assert ok["X-Request-ID"] == "0123456789abcdef0123456789abcdef"
    odd = client.get(reverse("login"), HTTP_X_REQUEST_ID='x"\n{"injected": 1}')
    assert odd["X-Request-ID"] != 'x"\n{"injected": 1}' and len(odd["X-Request-ID"]) == 32
    assert all(r.user_id is None for r in _request_lines(caplog))


def test_event_log_rows_carry_the_request_id(client, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("profile"), {"name": "export", "expires_on": ""})
    assert response.status_code == 200
    event = AuditEvent.objects.latest("id")
    assert event.request_id == response["X-Request-ID"]


def test_a_worker_writes_events_without_a_request_id(coordinator):
    from uwvkms.services import api_token_create

    api_token_create(user=coordinator, name="cron")
    assert AuditEvent.objects.latest("id").request_id == ""


def test_an_exception_keeps_its_traceback_in_the_line():
    try:
        raise ValueError("kapot")
    except ValueError:
        record = logging.getLogger("x").makeRecord(
            "x", logging.ERROR, "f", 1, "mislukt", (), __import__("sys").exc_info()
        )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "mislukt" and "ValueError: kapot" in line["exception"]


def test_a_request_id_with_a_trailing_newline_is_replaced(client, db):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="0123456789abcdef\n")
    assert "\n" not in response["X-Request-ID"] and len(response["X-Request-ID"]) == 32
