"""The event log shows each reader only the rows their own pages would show them (issue 19
review, finding 1): the Beheerder (no audit capacity) never sees interview notes or
interviewees, neither reader sees a herstelactie's changes; the filters and the CSV export
follow the same scope (`uwvkms.eventlog_scope`)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from audits.events import INTERVIEW_UPDATED
from tests.factories import InterviewFactory
from tests.herstel.flow import start
from uwvkms.constants import Role
from uwvkms.eventlog_scope import (
    NO_OBJECT,
    event_log_scope,
    event_log_scope_q,
    event_log_visible,
)
from uwvkms.events import (
    ADMIN_CHANGED,
    API_TOKEN_CREATED,
    LOGIN_FAILED,
    RETENTION_APPLIED,
    USER_UPDATED,
)
from uwvkms.models import AuditEvent
from uwvkms.services import audit_event_record

PAGE = reverse("event_log")
EXPORT = reverse("event_log_export")

B, C = Role.BEHEERDER, Role.COORDINATIETEAM

# (roles, event, object type, visible)
TABLE = [
    # security events: both readers, whatever they are about
    ([B], LOGIN_FAILED, "uwvkms.user", True),
    ([C], LOGIN_FAILED, "uwvkms.user", True),
    ([C], LOGIN_FAILED, NO_OBJECT, True),
    # the core's objects (accounts, units, tokens) and rows about nothing: the Beheerder
    ([B], USER_UPDATED, "uwvkms.user", True),
    ([C], USER_UPDATED, "uwvkms.user", False),
    ([B], API_TOKEN_CREATED, "uwvkms.businessunit", True),
    ([C], API_TOKEN_CREATED, "uwvkms.businessunit", False),
    ([B], RETENTION_APPLIED, NO_OBJECT, True),
    ([C], RETENTION_APPLIED, NO_OBJECT, False),
    # changes made in /beheer/: the Beheerder, whatever they are about
    ([B], ADMIN_CHANGED, "audits.documenttype", True),
    ([C], ADMIN_CHANGED, "uwvkms.businessunit", False),
    # audit work (interviews and their notes, scores, findings): the Coördinatieteam
    ([C], INTERVIEW_UPDATED, "audits.interview", True),
    ([B], INTERVIEW_UPDATED, "audits.interview", False),
    ([C], "maturity.score.submitted", "maturity.score", True),
    ([B], "maturity.score.submitted", "maturity.score", False),
    ([C], "findings.finding.created", "findings.finding", True),
    ([B], "findings.finding.created", "findings.finding", False),
    # herstelacties: neither
    ([B], "herstel.action.started", "herstel.herstelactie", False),
    ([C], "herstel.action.started", "herstel.herstelactie", False),
    ([B, C], "herstel.action.started", "herstel.herstelactie", False),
    # a name that only looks like an app is not one
    ([C], "x.y.z", "auditsx.thing", False),
    # both roles: the union
    ([B, C], USER_UPDATED, "uwvkms.user", True),
    ([B, C], INTERVIEW_UPDATED, "audits.interview", True),
    # anyone else: nothing
    ([Role.TOETSER], LOGIN_FAILED, "uwvkms.user", False),
    ([], INTERVIEW_UPDATED, "audits.interview", False),
]


@pytest.mark.parametrize(("roles", "event", "object_type", "visible"), TABLE)
def test_the_rule(roles, event, object_type, visible):
    assert event_log_visible(event_log_scope(roles), event, object_type) is visible


@pytest.mark.django_db
def test_the_query_filter_is_the_same_rule():
    rows = [
        AuditEvent.objects.create(event=event, object_type=object_type, object_id="1")
        for _, event, object_type, _ in TABLE
    ]
    for roles, *_ in TABLE:
        scope = event_log_scope(roles)
        shown = set(
            AuditEvent.objects.filter(pk__in=[r.pk for r in rows])
            .filter(event_log_scope_q(scope))
            .values_list("pk", flat=True)
        )
        expected = {r.pk for r in rows if event_log_visible(scope, r.event, r.object_type)}
        assert shown == expected, roles


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


@pytest.fixture
def sensitive_rows(db, adviser, auditor, cycle, uitkeren):
    """A herstelactie started (its row holds the title and what went wrong) and an interview's
    notes changed (its row holds the notes and the interviewee's name)."""
    start(adviser, title="Geheime-herstelactie")
    interview = InterviewFactory(
        cycle=cycle, unit=uitkeren, created_by=auditor, interviewees=[("Vera Geinterviewd", "TL")]
    )
    audit_event_record(
        event=INTERVIEW_UPDATED,
        actor=auditor,
        target=interview,
        changes={"notes": ["", "Geheime-interviewnotitie van Vera Geinterviewd"]},
    )


def _page(client, **filters) -> str:
    response = client.get(PAGE, filters)
    assert response.status_code == 200
    return response.content.decode()


def _export(client, **filters) -> str:
    response = client.get(EXPORT, filters)
    assert response.status_code == 200
    return response.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    ("persona", "sees_interview"), [("coordinator", True), ("beheerder", False)]
)
def test_each_reader_sees_only_their_scope(
    client, request, sensitive_rows, persona, sees_interview
):
    client.force_login(request.getfixturevalue(persona))
    for shown in (
        _page(client),
        _export(client),
        _page(client, object="herstel.herstelactie"),
        _export(client, object="geheime"),
        _page(client, gebeurtenis="herstel.action.started"),
    ):
        assert "Geheime-herstelactie" not in shown  # no herstel reader
    for shown in (
        _page(client),
        _export(client),
        _page(client, object="audits.interview"),
        _export(client, wie="toetser"),
        _page(client, gebeurtenis=INTERVIEW_UPDATED.name),
    ):
        assert ("Geheime-interviewnotitie" in shown) is sees_interview
        assert ("Vera Geinterviewd" in shown) is sees_interview


def test_the_event_filter_offers_only_events_in_scope(client, beheerder, coordinator):
    client.force_login(beheerder)
    html = _page(client)
    assert f'value="{USER_UPDATED.name}"' in html
    assert f'value="{LOGIN_FAILED.name}"' in html
    assert f'value="{INTERVIEW_UPDATED.name}"' not in html
    assert 'value="herstel.action.started"' not in html
    client.force_login(coordinator)
    html = _page(client)
    assert f'value="{INTERVIEW_UPDATED.name}"' in html
    assert f'value="{LOGIN_FAILED.name}"' in html
    assert f'value="{USER_UPDATED.name}"' not in html
    assert 'value="herstel.action.started"' not in html
