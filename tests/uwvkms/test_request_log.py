"""One JSON line per request with its request id (also X-Request-ID on the answer), user,
method, path (a one-time link's secret masked) and duration; the same id on the event log rows
the request writes."""

import json
import logging
import re
from urllib.parse import urlsplit

from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from uwvkms.constants import Role
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


def _logged_paths(caplog) -> list[str]:
    lines = [json.loads(JsonFormatter().format(r)) for r in _request_lines(caplog)]
    for line in lines:
        assert line["message"].split(" ")[1] == line["path"]
    return [line["path"] for line in lines]


def test_an_invitation_links_secret_is_not_logged(
    client, beheerder, uitkeren, caplog, django_capture_on_commit_callbacks
):
    from uwvkms.users.services import user_create

    with django_capture_on_commit_callbacks(execute=True):
        user_create(
            actor=beheerder,
            username="nina.nieuw",
            first_name="Nina",
            last_name="Nieuw",
            email="nina@example.invalid",
            business_unit=uitkeren,
            roles=[Role.TOETSER.value],
        )
    [url] = re.findall(r"https?://\S+/uitnodiging/\S+/", mail.outbox[-1].body)
    link = urlsplit(url).path
    _, _, uidb64, token, _ = link.split("/")
    caplog.set_level(logging.INFO, logger="uwvkms.request")
    assert client.get(link).status_code == 200  # the link is live
    assert _logged_paths(caplog) == ["/uitnodiging/…/…/"]
    assert token not in caplog.text and uidb64 not in caplog.text


def test_a_password_reset_links_secret_is_not_logged(client, auditor, caplog):
    uidb64 = urlsafe_base64_encode(force_bytes(auditor.pk))
    token = default_token_generator.make_token(auditor)
    caplog.set_level(logging.INFO, logger="uwvkms.request")
    response = client.get(reverse("password_reset_confirm", args=[uidb64, token]))
    assert response.status_code == 302  # live: Django moves the token into the session
    client.get(response["Location"])
    assert _logged_paths(caplog) == [
        "/wachtwoord-herstellen/…/…/",
        "/wachtwoord-herstellen/…/set-password/",
    ]
    assert token not in caplog.text


def test_other_paths_are_logged_as_they_are(client, db, caplog):
    caplog.set_level(logging.INFO, logger="uwvkms.request")
    client.get(reverse("login") + "?next=/x/")
    client.get("/bestaat-niet/token/")
    assert _logged_paths(caplog) == [reverse("login"), "/bestaat-niet/token/"]


def test_a_refused_invitation_link_keeps_its_secret_out_of_the_event_log(
    client, beheerder, uitkeren, django_capture_on_commit_callbacks
):
    from uwvkms.events import ACCESS_REFUSED
    from uwvkms.users.services import user_create, user_deactivate

    with django_capture_on_commit_callbacks(execute=True):
        user = user_create(
            actor=beheerder,
            username="nina.nieuw",
            first_name="Nina",
            last_name="Nieuw",
            email="nina@example.invalid",
            business_unit=uitkeren,
            roles=[Role.TOETSER.value],
        )
    [url] = re.findall(r"https?://\S+/uitnodiging/\S+/", mail.outbox[-1].body)
    link = urlsplit(url).path
    token = link.split("/")[3]
    # Refused while deactivated; the token itself would work again after a reactivation.
    user_deactivate(actor=beheerder, user=user, expected_version=1, reason="Even niet.")
    assert client.get(link).status_code == 404
    [refusal] = AuditEvent.objects.filter(event=ACCESS_REFUSED)
    assert refusal.changes["path"] == refusal.object_repr == "/uitnodiging/…/…/"
    assert token not in str(refusal.changes)
