"""The security log (BIO 8.15, ASVS 16): every event-log row says where the request came from
(client address behind the trusted proxies, user agent, request id); logins, failures, lockouts
and logouts, refused access (rate-limited), downloads of confidential files, exports and
administrator changes in /beheer/ are recorded as events."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse

from tests.factories import PASSWORD
from uwvkms.constants import Role
from uwvkms.events import (
    ACCESS_REFUSED,
    ADMIN_ADDED,
    ADMIN_CHANGED,
    ADMIN_DELETED,
    DATA_EXPORTED,
    FILE_DOWNLOADED,
    LOGGED_OUT,
    LOGIN_FAILED,
    LOGIN_LOCKED_OUT,
    LOGIN_SUCCEEDED,
)
from uwvkms.models import AuditEvent, BusinessUnit, User
from uwvkms.services import api_token_create

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"


@pytest.fixture(autouse=True)
def _fresh_limits():
    # The rate limits count in the shared cache: every test starts from zero.
    cache.clear()
    yield
    cache.clear()


def _events(name):
    return list(AuditEvent.objects.filter(event=name).order_by("id"))


# --- where a request came from ------------------------------------------------------------------


def test_a_row_carries_the_address_the_agent_and_the_request_id(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("profile"),
        {"name": "export", "expires_on": ""},
        REMOTE_ADDR="192.0.2.7",
        HTTP_USER_AGENT=BROWSER,
    )
    event = AuditEvent.objects.get(event="uwvkms.api_token.created")
    assert event.client_address == "192.0.2.7"
    assert event.user_agent == BROWSER
    assert event.request_id == response["X-Request-ID"]


def test_behind_the_proxy_the_forwarded_client_is_recorded(client, settings, coordinator):
    settings.TRUSTED_PROXY_HOPS = 1
    client.force_login(coordinator)
    client.post(
        reverse("profile"),
        {"name": "export", "expires_on": ""},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4",
    )
    event = AuditEvent.objects.get(event="uwvkms.api_token.created")
    assert event.client_address == "198.51.100.4"  # not the proxy, not the spoofed entry


def test_a_long_user_agent_is_cut(client, coordinator):
    client.force_login(coordinator)
    client.post(reverse("profile"), {"name": "x", "expires_on": ""}, HTTP_USER_AGENT="A" * 2000)
    assert len(AuditEvent.objects.get(event="uwvkms.api_token.created").user_agent) == 255


def test_a_worker_or_command_records_no_address_agent_or_request(coordinator):
    api_token_create(user=coordinator, name="cron")
    event = AuditEvent.objects.get(event="uwvkms.api_token.created")
    assert (event.client_address, event.user_agent, event.request_id) == (None, "", "")


# --- logins -------------------------------------------------------------------------------------


def _login(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        HTTP_USER_AGENT=BROWSER,
    )


def test_a_login_and_a_logout_are_recorded(client, auditor):
    assert _login(client, "auditor", PASSWORD).status_code == 302
    [login] = _events(LOGIN_SUCCEEDED)
    assert (login.actor, login.object_id, login.client_address) == (
        auditor,
        str(auditor.pk),
        "10.0.0.1",
    )
    assert login.user_agent == BROWSER
    client.post(reverse("logout"))
    [logout] = _events(LOGGED_OUT)
    assert logout.actor == auditor


def test_a_failed_login_records_the_username_never_the_password(client, auditor):
    assert _login(client, "auditor", "geheim-fout-wachtwoord").status_code == 200
    assert _login(client, "niemand", "ook-fout").status_code == 200
    known, unknown = _events(LOGIN_FAILED)
    assert known.actor is None and known.object_id == str(auditor.pk)
    assert known.changes == {"username": "auditor"}
    assert known.client_address == "10.0.0.1"
    assert (unknown.object_type, unknown.object_repr) == ("", "niemand")
    assert "geheim" not in str(AuditEvent.objects.values_list("changes", flat=True))


def test_a_lockout_is_recorded(client, auditor):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "auditor", "fout")
    assert _login(client, "auditor", PASSWORD).status_code == 429
    lockouts = _events(LOGIN_LOCKED_OUT)
    assert lockouts and lockouts[0].object_id == str(auditor.pk)
    assert lockouts[0].client_address == "10.0.0.1"
    assert not _events(LOGIN_SUCCEEDED)


def test_failed_logins_are_rate_limited_per_address_and_username(client, settings, auditor):
    settings.AXES_FAILURE_LIMIT = 100
    settings.SECURITY_LOG_LOGIN_LIMIT = 3
    for _ in range(6):
        _login(client, "auditor", "fout")
    _login(client, "auditor", "fout", ip="10.0.0.2")
    assert len(_events(LOGIN_FAILED)) == 4


# --- refused access -----------------------------------------------------------------------------


def test_a_403_is_recorded_with_user_and_path(client, outsider):
    client.force_login(outsider)
    url = reverse("event_log")
    assert client.get(url, REMOTE_ADDR="10.1.2.3").status_code == 403
    [refusal] = _events(ACCESS_REFUSED)
    assert refusal.actor == outsider
    assert refusal.object_repr == url
    assert refusal.changes == {"status": 403, "method": "GET", "path": url}
    assert refusal.client_address == "10.1.2.3"


def test_an_object_level_404_is_recorded_an_unknown_url_is_not(client, coordinator):
    client.force_login(coordinator)
    missing = reverse("api_token_revoke", args=[999999])
    assert client.post(missing).status_code == 404
    assert client.get("/bestaat-niet/").status_code == 404
    [refusal] = _events(ACCESS_REFUSED)
    assert refusal.changes["status"] == 404 and refusal.object_repr == missing


def test_refusals_are_rate_limited_per_user_and_path(client, settings, outsider, coordinator):
    settings.SECURITY_LOG_REFUSALS_PER_PATH = 3
    settings.SECURITY_LOG_REFUSALS_PER_USER = 5
    client.force_login(outsider)
    for _ in range(10):
        assert client.get(reverse("event_log")).status_code == 403
    assert len(_events(ACCESS_REFUSED)) == 3
    for number in range(10):
        client.post(reverse("api_token_revoke", args=[900000 + number]))
    assert len(_events(ACCESS_REFUSED)) == 5  # the per-user limit across paths
    # Another user has their own count.
    client.force_login(coordinator)
    client.post(reverse("api_token_revoke", args=[1]))
    assert len(_events(ACCESS_REFUSED)) == 6


# --- reads of sensitive data --------------------------------------------------------------------

PDF = b"%PDF-1.7\n%%EOF\n"


def test_an_evidence_download_is_recorded(client, cycle, uitkeren, auditor, coordinator):
    from audits.models import DocumentType
    from audits.services.documents import document_file_add

    document_file = document_file_add(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        document_type=DocumentType.objects.get(name="Jaarplan"),
        name="jaarplan.pdf",
        data=PDF,
    )
    client.force_login(coordinator)
    url = reverse("audits:document_file", args=[cycle.year, document_file.pk])
    response = client.get(url, REMOTE_ADDR="10.9.9.9")
    assert response.status_code == 200
    [read] = _events(FILE_DOWNLOADED)
    assert read.actor == coordinator
    assert (read.object_type, read.object_id) == ("audits.documentfile", str(document_file.pk))
    assert read.changes["file"] == "jaarplan.pdf" and read.changes["path"] == url
    assert read.client_address == "10.9.9.9"


def test_a_refused_download_is_a_refusal_not_a_read(client, cycle, uitkeren, auditor, outsider):
    from audits.models import DocumentType
    from audits.services.documents import document_file_add

    document_file = document_file_add(
        actor=auditor,
        cycle=cycle,
        unit=uitkeren,
        document_type=DocumentType.objects.get(name="Jaarplan"),
        name="jaarplan.pdf",
        data=PDF,
    )
    client.force_login(outsider)
    url = reverse("audits:document_file", args=[cycle.year, document_file.pk])
    assert client.get(url).status_code in (403, 404)
    assert not _events(FILE_DOWNLOADED)
    assert _events(ACCESS_REFUSED)


def test_an_export_is_recorded(client, cycle, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("findings:cycle_cockpit_export", args=[cycle.year]))
    assert response.status_code == 200
    [export] = _events(DATA_EXPORTED)
    assert export.actor == coordinator
    assert (export.object_type, export.object_id) == ("audits.auditcycle", str(cycle.pk))
    assert export.changes["what"] == "cockpit"
    assert export.changes["file"].startswith("cockpit-2031")


# --- administrator changes in /beheer/ ----------------------------------------------------------


def test_an_admin_change_of_a_unit_is_recorded_with_old_and_new(admin_client, admin_user, uitkeren):
    url = reverse("admin:uwvkms_businessunit_change", args=[uitkeren.pk])
    response = admin_client.post(
        url, {"name": "Uitkeren WW", "abbreviation": "UIT", "has_execution_processes": "on"}
    )
    assert response.status_code == 302
    [change] = _events(ADMIN_CHANGED)
    assert change.actor == admin_user
    assert (change.object_type, change.object_id) == ("uwvkms.businessunit", str(uitkeren.pk))
    assert change.changes == {"name": ["Uitkeren", "Uitkeren WW"]}


def test_an_admin_adds_a_unit_and_cannot_delete_it(admin_client):
    admin_client.post(
        reverse("admin:uwvkms_businessunit_add"), {"name": "Nieuw", "abbreviation": "NW"}
    )
    unit = BusinessUnit.objects.get(name="Nieuw")
    [added] = _events(ADMIN_ADDED)
    assert added.changes["name"] == [None, "Nieuw"]
    # Units are referred to by every cycle, report and herstelactie: /beheer/ never deletes one.
    response = admin_client.post(
        reverse("admin:uwvkms_businessunit_delete", args=[unit.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert BusinessUnit.objects.filter(pk=unit.pk).exists()
    assert _events(ADMIN_DELETED) == []


def test_an_admin_access_change_is_recorded_with_who_and_old_and_new(
    admin_client, admin_user, auditor
):
    # Roles change on the Gebruikers pages; /beheer/ grants only access to itself.
    response = admin_client.post(
        reverse("admin:uwvkms_user_change", args=[auditor.pk]), {"is_staff": "on"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    [change] = _events(ADMIN_CHANGED)
    assert (change.actor, change.object_id) == (admin_user, str(auditor.pk))
    assert change.changes == {"is_staff": [False, True]}
    assert User.objects.get(pk=auditor.pk).is_staff


def test_herstel_exports_are_recorded(client, adviser, board_member):
    from tests.herstel.flow import start

    action = start(adviser)
    client.force_login(adviser)
    assert client.get(reverse("herstel:dossier_export", args=[action.pk])).status_code == 200
    client.force_login(board_member)
    assert client.get(reverse("herstel:overview_export", args=["xlsx"])).status_code == 200
    dossiers, overview = _events(DATA_EXPORTED)
    assert (dossiers.actor, dossiers.object_type, dossiers.object_id) == (
        adviser,
        "herstel.herstelactie",
        str(action.pk),
    )
    assert dossiers.changes["what"] == "dossiers"
    assert (overview.actor, overview.object_type) == (board_member, "")
    assert overview.object_repr == "totaaloverzicht herstelacties"


def test_a_unit_report_download_is_recorded(client, cycle, uitkeren, coordinator):
    client.force_login(coordinator)
    url = reverse("findings:unit_report_docx", args=[cycle.year, uitkeren.pk])
    assert client.get(url).status_code == 200
    [read] = _events(FILE_DOWNLOADED)
    assert read.actor == coordinator and read.changes["file"] == "rapport-uit-2031.docx"


def test_reads_and_logins_stay_out_of_an_objects_history(client, adviser):
    from tests.herstel.flow import start
    from uwvkms.selectors import history_for

    action = start(adviser)
    shown = [entry.event for entry in history_for(action)]
    client.force_login(adviser)
    client.get(reverse("herstel:dossier_export", args=[action.pk]))
    assert _events(DATA_EXPORTED)  # in the log
    assert [entry.event for entry in history_for(action)] == shown  # not in the history
    assert [entry.event for entry in history_for(adviser)] == []  # nor the login


def test_an_admin_change_of_a_principle_is_recorded(admin_client, db):
    from tests.factories import principle

    item = principle("klantgerichtheid")
    response = admin_client.post(
        reverse("admin:audits_managementprinciple_change", args=[item.pk]),
        {
            "code": item.code,
            "name": "Klantgerichtheid (nieuw)",
            "order": item.order,
            "is_basic": "on" if item.is_basic else "",
            "execution_units_only": "on" if item.execution_units_only else "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    [change] = _events(ADMIN_CHANGED)
    assert change.object_type == "audits.managementprinciple"
    assert change.changes == {"name": ["Klantgerichtheid", "Klantgerichtheid (nieuw)"]}


def test_roles_never_change_in_the_admin_so_nothing_escapes_the_log(admin_client, auditor):
    # Roles (groups) change only on the Gebruikers pages, with a reason and their history: the
    # admin offers no group pages, and a user's groups posted there are ignored.
    assert admin_client.get("/beheer/auth/group/").status_code == 404
    coordinators = Group.objects.get(name=Role.COORDINATIETEAM.value)
    admin_client.post(
        reverse("admin:uwvkms_user_change", args=[auditor.pk]), {"groups": [coordinators.pk]}
    )
    assert not auditor.groups.filter(pk=coordinators.pk).exists()
    assert all("groups" not in event.changes for event in _events(ADMIN_CHANGED))


def test_an_api_refusal_is_recorded_with_the_tokens_user(outsider):
    from rest_framework.test import APIClient

    _token, key = api_token_create(user=outsider, name="test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    assert client.get("/api/v1/cycles/").status_code == 403
    [refusal] = _events(ACCESS_REFUSED)
    assert refusal.actor == outsider and refusal.object_repr == "/api/v1/cycles/"
