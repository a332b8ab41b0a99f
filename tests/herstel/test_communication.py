"""The communication track, parallel to every step (DOMAIN.md §6, "Communication"): marking the
action an issue, the communication working group, and the kapstokverhaal with versions and
status. Run by the lead division's advisers and SBK (the issue owner); everyone else reads."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import KapstokMove, KapstokStatus, Step
from herstel.models import CommunicationMember, Kapstokverhaal
from herstel.rules import KapstokMoveNotAllowed
from herstel.services.communication import (
    issue_set,
    kapstok_move,
    kapstok_save,
)
from tests.factories import UserFactory
from tests.herstel.flow import DT_PATH, submit
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


def save(
    action, actor, version, narrative="Narratief.", qas=(("Wat gebeurt er?", "We betalen na."),)
):
    return kapstok_save(
        actor=actor,
        herstelactie=action,
        expected_version=version,
        narrative=narrative,
        key_messages="UWV herstelt de fout.\nNiemand hoeft iets te doen.",
        questions_answers=list(qas),
    )


def test_marking_an_issue_opens_the_track(client, sbk_adviser, action):
    client.force_login(sbk_adviser)
    url = reverse("herstel:communication", args=[action.pk])
    assert "Communicatiewerkgroep" not in client.get(url).content.decode()
    without_reason = client.post(
        reverse("herstel:issue_set", args=[action.pk]), {"issue-is_issue": "True"}
    )
    assert without_reason.status_code == 400
    response = client.post(
        reverse("herstel:issue_set", args=[action.pk]),
        {"issue-is_issue": "True", "issue-reason": "Kamervragen verwacht."},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.is_issue
    event = AuditEvent.objects.get(event="herstel.issue.marked")
    assert (event.actor, event.reason) == (sbk_adviser, "Kamervragen verwacht.")
    assert "Communicatiewerkgroep" in client.get(url).content.decode()


def test_the_communication_working_group(client, adviser, action, fez):
    press = UserFactory(username="woordvoerder", business_unit=fez)
    with pytest.raises(ValidationError, match="Markeer de herstelactie eerst als issue"):
        kapstok_save(
            actor=adviser,
            herstelactie=action,
            expected_version=0,
            narrative="x",
            key_messages="x",
            questions_answers=[],
        )
    issue_set(actor=adviser, herstelactie=action, is_issue=True, reason="Publieke impact.")
    client.force_login(adviser)
    url = reverse("herstel:communication_member_add", args=[action.pk])
    client.post(url, {"communicatie-function": "issuemanagement", "communicatie-name": "Ina Issue"})
    client.post(url, {"communicatie-function": "woordvoering", "communicatie-user": press.pk})
    assert [(m.function, m.name) for m in CommunicationMember.objects.order_by("id")] == [
        ("issuemanagement", "Ina Issue"),
        ("woordvoering", str(press)),
    ]
    client.force_login(press)  # a member who is a user reads the action
    assert client.get(action.get_absolute_url()).status_code == 200


def test_kapstokverhaal_versions_and_status(adviser, sbk_adviser, action):
    issue_set(actor=adviser, herstelactie=action, is_issue=True, reason="Publieke impact.")
    first = save(action, adviser, 0)
    assert (first.version, first.status) == (1, KapstokStatus.CONCEPT)
    kapstok_move(
        actor=sbk_adviser, kapstok=first, move=KapstokMove.SUBMIT, expected_status="concept"
    )
    kapstok_move(
        actor=sbk_adviser, kapstok=first, move=KapstokMove.ADOPT, expected_status="ter_afstemming"
    )
    first.refresh_from_db()
    assert first.status == KapstokStatus.VASTGESTELD
    with pytest.raises(KapstokMoveNotAllowed, match="kan nu niet"):
        kapstok_move(
            actor=adviser, kapstok=first, move=KapstokMove.SUBMIT, expected_status="vastgesteld"
        )

    second = save(action, sbk_adviser, 1, narrative="Aangescherpt narratief.", qas=())
    assert (second.version, second.status) == (2, KapstokStatus.CONCEPT)
    first.refresh_from_db()
    assert (first.narrative, first.status) == ("Narratief.", KapstokStatus.VASTGESTELD)  # kept
    with pytest.raises(ValidationError, match="Alleen de nieuwste versie"):
        kapstok_move(
            actor=adviser, kapstok=first, move=KapstokMove.REOPEN, expected_status="vastgesteld"
        )
    saved = AuditEvent.objects.filter(event="herstel.kapstok.saved").order_by("id").last()
    assert saved.changes["version"] == [1, 2]
    assert saved.changes["narrative"] == ["Narratief.", "Aangescherpt narratief."]
    assert saved.changes["questions_answers"] == [["Wat gebeurt er? — We betalen na."], []]


def test_a_stale_kapstok_save_is_refused(adviser, sbk_adviser, action):
    issue_set(actor=adviser, herstelactie=action, is_issue=True, reason="Publieke impact.")
    save(action, adviser, 0)
    with pytest.raises(EditConflict) as refused:
        save(action, sbk_adviser, 0, narrative="Mijn versie.")
    assert refused.value.messages[0].startswith(
        f"Het kapstokverhaal is intussen gewijzigd door {adviser} ("
    )
    assert "Versie 1 is nu de nieuwste." in refused.value.messages[0]
    assert Kapstokverhaal.objects.count() == 1


def test_the_kapstok_pages(client, adviser, action):
    issue_set(actor=adviser, herstelactie=action, is_issue=True, reason="Publieke impact.")
    client.force_login(adviser)
    url = reverse("herstel:kapstok_edit", args=[action.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "narrative": "UWV maakt de fout goed.",
            "key_messages": "We herstellen ambtshalve.",
            "version": "0",
            "qa-TOTAL_FORMS": "2",
            "qa-INITIAL_FORMS": "0",
            "qa-0-question": "Moet ik iets doen?",
            "qa-0-answer": "Nee, u krijgt vanzelf bericht.",
            "qa-1-question": "",
            "qa-1-answer": "",
        },
    )
    assert response.status_code == 302
    kapstok = Kapstokverhaal.objects.get()
    assert [(qa.question, qa.answer) for qa in kapstok.qas.all()] == [
        ("Moet ik iets doen?", "Nee, u krijgt vanzelf bericht.")
    ]
    page = client.get(reverse("herstel:communication", args=[action.pk])).content.decode()
    assert "We herstellen ambtshalve." in page and "Ter afstemming voorleggen" in page
    client.post(
        reverse("herstel:kapstok_move", args=[action.pk]),
        {"submit-move": "submit", "submit-status": "concept"},
    )
    kapstok.refresh_from_db()
    assert kapstok.status == KapstokStatus.TER_AFSTEMMING
    version_page = client.get(reverse("herstel:kapstok_version", args=[action.pk, 1]))
    assert version_page.status_code == 200
    assert client.get(reverse("herstel:kapstok_version", args=[action.pk, 2])).status_code == 404


def test_the_track_runs_in_every_step(adviser, action, dt_member, board_member, wg_member):
    submit(action, adviser, DT_PATH)
    action.refresh_from_db()
    assert action.step == Step.STAP_2A
    issue_set(actor=adviser, herstelactie=action, is_issue=True, reason="Publieke impact.")
    for user in (dt_member, board_member, wg_member):
        with pytest.raises(PermissionDenied):
            issue_set(actor=user, herstelactie=action, is_issue=False, reason="x")
        with pytest.raises(PermissionDenied):
            save(action, user, 0)
