"""Who sees and changes what, on every herstel URL (herstel/permissions.py): advisers of the lead
division edit steps 1–2; its DT members record 2A; RvB members record 2B; SBK records the SZW
contacts and the minister's part and keeps the contact persons with the Beheerder; Communicatie
sets the issue status and designates the issuemanager, who writes the communication track (the
lead advisers and SBK comment on it); working-group members read. Everyone else sees nothing of the action (404), and the pages that are not about
one action refuse them (403). Every refused write changes nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from herstel.constants import Directorate, Forum, Outcome
from herstel.models import ContactPoint
from herstel.permissions import may_start, sees_every_action
from herstel.selectors.actions import MEMBER_FACT, herstelacties_for_user, sees_herstelacties
from herstel.services.actions import control_measure_add
from herstel.services.communication import communication_member_add, kapstok_save
from tests import conftest
from tests.herstel import conftest as herstel_conftest
from tests.herstel.flow import DT_PATH, decide, make_issue, submit
from tests.shared_data import shared_fixtures
from uwvkms.comments import thread_url
from uwvkms.events import SECURITY_EVENTS
from uwvkms.models import AuditEvent, User

PERSONAS = [
    "adviser",
    "other_adviser",
    "sbk_adviser",
    "dt_member",
    "other_dt",
    "board_member",
    "wg_member",
    "outsider",
    "auditor",
    "coordinator",
    "beheerder",
    "communicatie_user",
    "issuemanager",
]
ROLES_OUTSIDE_HERSTEL = {"auditor", "coordinator", "beheerder"}
# Those who see nothing of an action led by Uitkeren.
CANNOT_SEE = {"other_adviser", "other_dt", "outsider", "auditor", "coordinator", "beheerder"}


@pytest.fixture
def world(action, adviser, dt_member, wg_member, communicatie_user, issuemanager):
    """An action in step 2A (DT mandate) with a recorded DT decision, a control measure, an
    issue with a kapstokverhaal and a communication member; and a fixed contact person."""
    measure = control_measure_add(
        actor=adviser,
        herstelactie=action,
        description="Extra controle",
        owner="Teamleider",
        due_on=datetime.date(2027, 1, 1),
    )
    submit(action, adviser, DT_PATH)
    decision = decide(action, dt_member, Forum.DT, Outcome.VOORGENOMEN_BESLUIT)
    make_issue(action, communicatie_user, issuemanager)
    kapstok_save(
        actor=issuemanager,
        herstelactie=action,
        expected_version=0,
        narrative="Narratief.",
        key_messages="Kernboodschap.",
        questions_answers=[],
    )
    comm = communication_member_add(
        actor=issuemanager, herstelactie=action, function="issuemanagement", name="Ina Issue"
    )
    point = ContactPoint.objects.create(directorate=Directorate.WB, name="Willem WB")
    action.refresh_from_db()
    return {
        "action": action,
        "measure": measure,
        "decision": decision,
        "member": action.members.get(user=wg_member),
        "comm": comm,
        "point": point,
    }


# The personas and the action are built once for the module (tests/shared_data.py).
globals().update(
    shared_fixtures(
        *conftest.SHARED_CAST, herstel_conftest.action, herstel_conftest.wg_member, world
    )
)


def pages(w) -> dict[str, str]:
    a = w["action"].pk
    return {
        "list": reverse("herstel:list"),
        "start": reverse("herstel:start"),
        "contact_points": reverse("herstel:contact_points"),
        "contact_point_edit": reverse("herstel:contact_point_edit", args=[w["point"].pk]),
        "detail": reverse("herstel:detail", args=[a]),
        "edit": reverse("herstel:edit", args=[a]),
        "lead": reverse("herstel:lead", args=[a]),
        "advice": reverse("herstel:advice", args=[a]),
        "working_group": reverse("herstel:working_group", args=[a]),
        "decisions": reverse("herstel:decisions", args=[a]),
        "decision_correct": reverse("herstel:decision_correct", args=[a, w["decision"].pk]),
        "communication": reverse("herstel:communication", args=[a]),
        "kapstok_edit": reverse("herstel:kapstok_edit", args=[a]),
        "kapstok_version": reverse("herstel:kapstok_version", args=[a, 1]),
        "timeline": reverse("herstel:timeline", args=[a]),
    }


READ = {
    "detail",
    "advice",
    "working_group",
    "decisions",
    "communication",
    "kapstok_version",
    "timeline",
}
OK_PAGES = {
    "adviser": {"list", "start", "edit", "lead"} | READ,
    "other_adviser": {"list", "start"},
    "sbk_adviser": {"list", "start", "contact_points", "contact_point_edit"} | READ,
    "dt_member": {"list", "decision_correct"} | READ,
    "other_dt": set(),
    "board_member": {"list"} | READ,
    "wg_member": {"list"} | READ,
    "outsider": set(),
    "auditor": set(),
    "coordinator": set(),
    "beheerder": {"contact_points", "contact_point_edit"},
    "communicatie_user": {"list"} | READ,
    "issuemanager": {"list", "kapstok_edit"} | READ,
}
NOT_ABOUT_AN_ACTION = {"list", "start", "contact_points", "contact_point_edit"}


def expected_refusal(persona: str, page: str) -> int:
    if page in NOT_ABOUT_AN_ACTION:
        return 403
    return 404 if persona in CANNOT_SEE else 403


@pytest.mark.parametrize("persona", PERSONAS)
def test_who_opens_which_page(client, request, persona, world):
    client.force_login(request.getfixturevalue(persona))
    answers = {name: client.get(url).status_code for name, url in pages(world).items()}
    expected = {
        name: 200 if name in OK_PAGES[persona] else expected_refusal(persona, name)
        for name in pages(world)
    }
    assert answers == expected


def writes(w) -> list[tuple[str, str, dict, set[str]]]:
    """(name, url, data, personas whose capacity allows it): everyone else is refused."""
    a = w["action"]
    v = a.version
    day = "2025-04-01"
    return [
        (
            "start",
            reverse("herstel:start"),
            {"title": "x"},
            {"adviser", "other_adviser", "sbk_adviser"},
        ),
        (
            "edit",
            reverse("herstel:edit", args=[a.pk]),
            {"title": "Nieuw", "version": v},
            {"adviser"},
        ),
        ("lead", reverse("herstel:lead", args=[a.pk]), {"reason": "x", "version": v}, {"adviser"}),
        (
            "move",
            reverse("herstel:move", args=[a.pk]),
            {"to_rvb-move": "to_rvb", "to_rvb-version": v, "bevestigd": "1"},
            {"adviser", "dt_member"},
        ),
        (
            "advice",
            reverse("herstel:advice", args=[a.pk]),
            {"version": v, "target_group": "x"},
            set(),
        ),
        (
            "measure_add",
            reverse("herstel:measure_add", args=[a.pk]),
            {"description": "x", "owner": "x", "due_on": day},
            {"adviser"},
        ),
        (
            "measure_edit",
            reverse("herstel:measure_edit", args=[a.pk, w["measure"].pk]),
            {
                "description": "x",
                "owner": "x",
                "due_on": day,
                "progress": "gereed",
                "version": w["measure"].version,
            },
            {"adviser"},
        ),
        (
            "measure_withdraw",
            reverse("herstel:measure_withdraw", args=[a.pk, w["measure"].pk]),
            {"reason": "x", "version": w["measure"].version},
            {"adviser"},
        ),
        # Capacity only: in step 2A the service refuses the step itself (tested apart).
        (
            "advice_section_assign",
            reverse("herstel:advice_section_assign", args=[a.pk]),
            {"sbk-section": "legal_framework"},
            {"adviser"},
        ),
        (
            "advice_section_write",
            reverse("herstel:advice_section_write", args=[a.pk]),
            {
                "section": "legal_framework",
                "legal_framework-version": v,
                "legal_framework-text": "x",
            },
            {"sbk_adviser"},
        ),
        (
            "member_add",
            reverse("herstel:member_add", args=[a.pk]),
            {"lid-name": "x", "lid-role": "x"},
            {"adviser"},
        ),
        (
            "member_remove",
            reverse("herstel:member_remove", args=[a.pk, w["member"].pk]),
            {},
            {"adviser"},
        ),
        (
            "consultation_add",
            reverse("herstel:consultation_add", args=[a.pk]),
            {
                "raadpleging-kind": "overig",
                "raadpleging-name": "x",
                "raadpleging-consulted_on": day,
                "raadpleging-outcome": "x",
            },
            {"adviser"},
        ),
        (
            "decision_dt",
            reverse("herstel:decision_record", args=[a.pk, "dt"]),
            {"besluit-dt-outcome": "besluit", "besluit-dt-decided_on": day, "besluit-dt-body": "x"},
            {"dt_member"},
        ),
        (
            "decision_rvb",
            reverse("herstel:decision_record", args=[a.pk, "rvb"]),
            {
                "besluit-rvb-outcome": "kennisname",
                "besluit-rvb-decided_on": day,
                "besluit-rvb-body": "x",
            },
            {"board_member"},
        ),
        (
            "decision_minister",
            reverse("herstel:decision_record", args=[a.pk, "minister"]),
            {
                "besluit-minister-outcome": "akkoord",
                "besluit-minister-decided_on": day,
                "besluit-minister-body": "x",
            },
            {"sbk_adviser"},
        ),
        (
            "decision_correct",
            reverse("herstel:decision_correct", args=[a.pk, w["decision"].pk]),
            {
                "correctie-outcome": "besluit",
                "correctie-decided_on": day,
                "correctie-body": "x",
                "correctie-reason": "x",
            },
            {"dt_member"},
        ),
        (
            "informal_round",
            reverse("herstel:informal_round_add", args=[a.pk]),
            {"informeel-held_on": day, "informeel-participants": "x", "informeel-summary": "x"},
            {"adviser"},
        ),
        (
            "notify_rvb",
            reverse("herstel:notification_add", args=[a.pk]),
            {
                "kennisgeving-kind": "rvb_informed",
                "kennisgeving-informed_on": day,
                "kennisgeving-summary": "x",
            },
            {"adviser", "sbk_adviser"},
        ),
        (
            "notify_szw",
            reverse("herstel:notification_add", args=[a.pk]),
            {
                "kennisgeving-kind": "szw_informed",
                "kennisgeving-informed_on": day,
                "kennisgeving-summary": "x",
            },
            {"sbk_adviser"},
        ),
        (
            "issue_set",
            reverse("herstel:issue_set", args=[a.pk]),
            {"issue-is_issue": "", "issue-reason": "x"},
            {"communicatie_user", "issuemanager"},
        ),
        (
            "issuemanager_set",
            reverse("herstel:issuemanager_set", args=[a.pk]),
            {"issuemanager-user": w["action"].issuemanager_id, "issuemanager-reason": "x"},
            {"communicatie_user", "issuemanager"},
        ),
        (
            "comm_add",
            reverse("herstel:communication_member_add", args=[a.pk]),
            {"communicatie-function": "public_affairs", "communicatie-name": "x"},
            {"issuemanager"},
        ),
        (
            "comm_remove",
            reverse("herstel:communication_member_remove", args=[a.pk, w["comm"].pk]),
            {},
            {"issuemanager"},
        ),
        (
            "task_add",
            reverse("herstel:communication_task_add", args=[a.pk]),
            {
                "taak-discipline": "woordvoering",
                "taak-description": "x",
                "taak-owner_name": "x",
                "taak-due_on": "2099-01-01",
            },
            {"issuemanager"},
        ),
        (
            "comment_add",  # the kapstokverhaal's thread (uwvkms.comments)
            thread_url(a.kapstok_versions.get(version=1)),
            {"reactie-text": "x"},
            {"adviser", "sbk_adviser", "communicatie_user", "issuemanager"},
        ),
        (
            "kapstok_save",
            reverse("herstel:kapstok_edit", args=[a.pk]),
            {
                "narrative": "x",
                "key_messages": "x",
                "version": "1",
                "qa-TOTAL_FORMS": "0",
                "qa-INITIAL_FORMS": "0",
            },
            {"issuemanager"},
        ),
        (
            "kapstok_move",
            reverse("herstel:kapstok_move", args=[a.pk]),
            {"submit-move": "submit", "submit-status": "concept"},
            {"issuemanager"},
        ),
        (
            "contact_point_add",
            reverse("herstel:contact_points"),
            {"directorate": "wb", "name": "x"},
            {"beheerder", "sbk_adviser"},
        ),
        (
            "contact_point_edit",
            reverse("herstel:contact_point_edit", args=[w["point"].pk]),
            {"directorate": "wb", "name": "y"},
            {"beheerder", "sbk_adviser"},
        ),
        (
            "contact_point_active",
            reverse("herstel:contact_point_set_active", args=[w["point"].pk]),
            {"is_active": "0"},
            {"beheerder", "sbk_adviser"},
        ),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_refused_write_changes_nothing(client, request, persona, world):
    client.force_login(request.getfixturevalue(persona))
    refused = 0
    for name, url, data, allowed in writes(world):
        if persona in allowed:
            continue
        events = AuditEvent.objects.exclude(event__in=SECURITY_EVENTS).count()
        response = client.post(url, data)
        not_about_action = name in {"start"} or name.startswith("contact_point")
        expected = 403 if not_about_action else (404 if persona in CANNOT_SEE else 403)
        assert (name, response.status_code) == (name, expected)
        assert AuditEvent.objects.exclude(event__in=SECURITY_EVENTS).count() == events, name
        refused += 1
    world["action"].refresh_from_db()
    assert world["action"].title == "Te lage WW-uitkering na loonbeslag"
    assert refused > 0


def test_unknown_action_and_forum_are_404(client, adviser, world):
    client.force_login(adviser)
    assert client.get(reverse("herstel:detail", args=[999999])).status_code == 404
    assert (
        client.post(
            reverse("herstel:decision_record", args=[world["action"].pk, "cie"])
        ).status_code
        == 404
    )
    other = world["action"].pk
    assert client.post(reverse("herstel:measure_withdraw", args=[other, 999999])).status_code == 404


def test_anonymous_users_are_sent_to_login(client, world):
    for url in pages(world).values():
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"]


def test_the_navigation_link_follows_visibility(client, request, world):
    for persona in PERSONAS:
        client.force_login(request.getfixturevalue(persona))
        nav = client.get(reverse("home")).content.decode()
        shows = 'href="/herstel/"' in nav
        assert shows == ("list" in OK_PAGES[persona]), persona


def test_the_navigation_reads_visibility_with_the_roles(request, world, issuemanager, outsider):
    """The navigation bar asks `sees_herstelacties` on every page; it reads the answer from the
    facts loaded with the user's roles (no query of its own) and agrees with the list itself:
    a member of only the communication working group sees the action, an inactive member not."""
    communication_member_add(
        actor=issuemanager, herstelactie=world["action"], function="woordvoering", user=outsider
    )
    User.objects.filter(username="werkgroep").update(is_active=False)
    # Advisers may start one (also `other_adviser`); the others see it through their role,
    # their unit leading it or a working group.
    for persona in [*PERSONAS, "fez_adviser"]:
        user = User.objects.get(pk=request.getfixturevalue(persona).pk)
        user.fact(MEMBER_FACT)  # the roles and facts, as the first role check loads them
        with CaptureQueriesContext(connection) as ctx:
            seen = sees_herstelacties(user)
        assert len(ctx.captured_queries) == 0, persona
        fresh = User.objects.get(pk=user.pk)
        expected = (
            may_start(fresh) or sees_every_action(fresh) or herstelacties_for_user(fresh).exists()
        )
        assert seen == expected, persona
        assert seen == (persona not in {"other_dt", "wg_member", *ROLES_OUTSIDE_HERSTEL}), persona
