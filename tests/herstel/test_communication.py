"""The communication track, parallel to every step (DOMAIN.md §6, "Communication"; issue 20):
Directie Communicatie declares the action an issue (or withdraws that status) with a reason and
designates the issuemanager; the issuemanager leads the communication working group and writes
the kapstokverhaal with its versions and status; the lead advisers and SBK read and comment."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import KapstokMove, KapstokStatus, Step
from herstel.models import CommunicationMember, Kapstokverhaal
from herstel.rules import KapstokMoveNotAllowed
from herstel.services.communication import (
    communication_member_add,
    issue_set,
    issuemanager_set,
    kapstok_move,
    kapstok_save,
)
from tests.factories import UserFactory
from tests.herstel.flow import DT_PATH, make_issue, start, submit
from uwvkms.models import AuditEvent
from uwvkms.versioning import EditConflict


def save(
    action,
    actor,
    version,
    narrative="Narratief.",
    qas=(("Wat gebeurt er?", "We betalen na."),),
    joint_approach="",
):
    return kapstok_save(
        actor=actor,
        herstelactie=action,
        expected_version=version,
        narrative=narrative,
        key_messages="UWV herstelt de fout.\nNiemand hoeft iets te doen.",
        questions_answers=list(qas),
        joint_approach=joint_approach,
    )


def test_communicatie_declares_the_issue_with_a_reason(client, communicatie_user, action):
    client.force_login(communicatie_user)  # reads the action without being part of it
    url = reverse("herstel:communication", args=[action.pk])
    page = client.get(url).content.decode()
    assert "Communicatiewerkgroep" not in page and "Markeren als issue" in page
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
    assert (event.actor, event.reason) == (communicatie_user, "Kamervragen verwacht.")
    assert event.changes == {"is_issue": [False, True]}
    page = client.get(url).content.decode()
    assert "Communicatiewerkgroep" in page and "Issuestatus intrekken" in page
    with pytest.raises(ValidationError, match="Geef een reden"):
        issue_set(actor=communicatie_user, herstelactie=action, is_issue=False, reason=" ")
    issue_set(actor=communicatie_user, herstelactie=action, is_issue=False, reason="Geen pers.")
    withdrawn = AuditEvent.objects.get(event="herstel.issue.unmarked")
    assert (withdrawn.changes, withdrawn.reason) == ({"is_issue": [True, False]}, "Geen pers.")


@pytest.mark.parametrize("who", ["adviser", "sbk_adviser", "dt_member", "board_member"])
def test_only_communicatie_sets_the_issue_status(request, client, action, who):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        issue_set(actor=user, herstelactie=action, is_issue=True, reason="Publiek.")
    client.force_login(user)
    page = client.get(reverse("herstel:communication", args=[action.pk])).content.decode()
    assert "Markeren als issue" not in page
    response = client.post(
        reverse("herstel:issue_set", args=[action.pk]),
        {"issue-is_issue": "True", "issue-reason": "Publiek."},
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert not action.is_issue


def test_designating_and_changing_the_issuemanager(
    client, communicatie_user, issuemanager, adviser, action
):
    with pytest.raises(ValidationError, match="eerst als issue"):
        issuemanager_set(actor=communicatie_user, herstelactie=action, user=issuemanager)
    issue_set(actor=communicatie_user, herstelactie=action, is_issue=True, reason="Publiek.")
    with pytest.raises(ValidationError, match="rol Communicatie"):
        issuemanager_set(actor=communicatie_user, herstelactie=action, user=adviser)
    with pytest.raises(PermissionDenied):
        issuemanager_set(actor=adviser, herstelactie=action, user=issuemanager)
    client.force_login(communicatie_user)
    response = client.post(
        reverse("herstel:issuemanager_set", args=[action.pk]),
        {"issuemanager-user": issuemanager.pk},
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.issuemanager == issuemanager
    # Changing needs a reason; what was typed comes back with the error.
    refused = client.post(
        reverse("herstel:issuemanager_set", args=[action.pk]),
        {"issuemanager-user": communicatie_user.pk, "issuemanager-reason": ""},
    )
    assert refused.status_code == 400
    assert "Geef een reden voor het wisselen" in refused.content.decode()
    issuemanager_set(
        actor=communicatie_user, herstelactie=action, user=communicatie_user, reason="Verlof."
    )
    events = AuditEvent.objects.filter(event="herstel.issuemanager.set").order_by("id")
    assert [(e.changes["issuemanager"], e.reason) for e in events] == [
        ([None, str(issuemanager)], ""),
        ([str(issuemanager), str(communicatie_user)], "Verlof."),
    ]


def test_the_issuemanager_leads_the_working_group(
    client, communicatie_user, issuemanager, action, fez
):
    press = UserFactory(username="woordvoerder", business_unit=fez)
    make_issue(action, communicatie_user, issuemanager)
    client.force_login(issuemanager)
    url = reverse("herstel:communication_member_add", args=[action.pk])
    client.post(url, {"communicatie-function": "issuemanagement", "communicatie-name": "Ina Issue"})
    client.post(url, {"communicatie-function": "woordvoering", "communicatie-user": press.pk})
    assert [(m.function, m.name) for m in CommunicationMember.objects.order_by("id")] == [
        ("issuemanagement", "Ina Issue"),
        ("woordvoering", str(press)),
    ]
    client.force_login(press)  # a member who is a user reads the action
    assert client.get(action.get_absolute_url()).status_code == 200
    # Communicatie without being the issuemanager reads, and does not lead the working group.
    with pytest.raises(PermissionDenied):
        communication_member_add(
            actor=communicatie_user, herstelactie=action, function="woordvoering", name="X"
        )


@pytest.mark.parametrize("who", ["adviser", "sbk_adviser", "communicatie_user"])
def test_the_lead_sbk_and_communicatie_do_not_write_the_track(
    request, client, issuemanager, communicatie_user, action, who
):
    make_issue(action, communicatie_user, issuemanager)
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        save(action, user, 0)
    with pytest.raises(PermissionDenied):
        communication_member_add(actor=user, herstelactie=action, function="woordvoering", name="W")
    client.force_login(user)
    assert client.get(reverse("herstel:kapstok_edit", args=[action.pk])).status_code == 403
    page = client.get(reverse("herstel:communication", args=[action.pk])).content.decode()
    assert "Kapstokverhaal opstellen" not in page and "Lid toevoegen" not in page
    assert "Taak uitzetten" not in page


def test_an_issuemanager_of_one_action_is_a_reader_of_another(
    client, communicatie_user, issuemanager, action, adviser
):
    other = start(adviser, title="Tweede herstelactie")
    make_issue(action, communicatie_user, issuemanager)
    make_issue(other, communicatie_user)  # Communicatie manages this one itself
    save(action, issuemanager, 0)
    with pytest.raises(PermissionDenied):
        save(other, issuemanager, 0)
    client.force_login(issuemanager)
    assert client.get(reverse("herstel:kapstok_edit", args=[other.pk])).status_code == 403
    assert client.get(reverse("herstel:communication", args=[other.pk])).status_code == 200


def test_an_outsider_sees_nothing(client, other_adviser, communicatie_user, action):
    make_issue(action, communicatie_user)
    client.force_login(other_adviser)
    for name in ("communication", "kapstok_edit"):
        assert client.get(reverse(f"herstel:{name}", args=[action.pk])).status_code == 404
    response = client.post(
        reverse("herstel:issue_set", args=[action.pk]),
        {"issue-is_issue": "False", "issue-reason": "x"},
    )
    assert response.status_code == 404


def test_kapstokverhaal_versions_and_status(communicatie_user, issuemanager, action):
    make_issue(action, communicatie_user, issuemanager)
    first = save(action, issuemanager, 0, joint_approach="Eerst intern, dan de pers.")
    assert (first.version, first.status) == (1, KapstokStatus.CONCEPT)
    assert first.joint_approach == "Eerst intern, dan de pers."
    kapstok_move(
        actor=issuemanager, kapstok=first, move=KapstokMove.SUBMIT, expected_status="concept"
    )
    kapstok_move(
        actor=issuemanager, kapstok=first, move=KapstokMove.ADOPT, expected_status="ter_afstemming"
    )
    first.refresh_from_db()
    assert first.status == KapstokStatus.VASTGESTELD
    with pytest.raises(KapstokMoveNotAllowed, match="kan nu niet"):
        kapstok_move(
            actor=issuemanager,
            kapstok=first,
            move=KapstokMove.SUBMIT,
            expected_status="vastgesteld",
        )

    second = save(action, issuemanager, 1, narrative="Aangescherpt narratief.", qas=())
    assert (second.version, second.status) == (2, KapstokStatus.CONCEPT)
    first.refresh_from_db()
    assert (first.narrative, first.status) == ("Narratief.", KapstokStatus.VASTGESTELD)  # kept
    with pytest.raises(ValidationError, match="Alleen de nieuwste versie"):
        kapstok_move(
            actor=issuemanager,
            kapstok=first,
            move=KapstokMove.REOPEN,
            expected_status="vastgesteld",
        )
    saved = AuditEvent.objects.filter(event="herstel.kapstok.saved").order_by("id").last()
    assert saved.changes["version"] == [1, 2]
    assert saved.changes["narrative"] == ["Narratief.", "Aangescherpt narratief."]
    assert saved.changes["questions_answers"] == [["Wat gebeurt er? — We betalen na."], []]
    assert saved.changes["joint_approach"] == ["Eerst intern, dan de pers.", None]


def test_a_stale_kapstok_save_is_refused(communicatie_user, issuemanager, action):
    make_issue(action, communicatie_user, issuemanager)
    save(action, issuemanager, 0)
    with pytest.raises(EditConflict) as refused:
        save(action, issuemanager, 0, narrative="Mijn versie.")
    assert refused.value.messages[0].startswith(
        f"Het kapstokverhaal is intussen gewijzigd door {issuemanager} ("
    )
    assert "Versie 1 is nu de nieuwste." in refused.value.messages[0]
    assert Kapstokverhaal.objects.count() == 1


def test_the_kapstok_pages(client, communicatie_user, issuemanager, action):
    make_issue(action, communicatie_user, issuemanager)
    client.force_login(issuemanager)
    url = reverse("herstel:kapstok_edit", args=[action.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "narrative": "UWV maakt de fout goed.",
            "key_messages": "We herstellen ambtshalve.",
            "joint_approach": "Woordvoering reactief; PA informeert SZW.",
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
    assert "Woordvoering reactief; PA informeert SZW." in page
    client.post(
        reverse("herstel:kapstok_move", args=[action.pk]),
        {"submit-move": "submit", "submit-status": "concept"},
    )
    kapstok.refresh_from_db()
    assert kapstok.status == KapstokStatus.TER_AFSTEMMING
    version_page = client.get(reverse("herstel:kapstok_version", args=[action.pk, 1]))
    assert version_page.status_code == 200
    assert client.get(reverse("herstel:kapstok_version", args=[action.pk, 2])).status_code == 404


def test_the_track_runs_in_every_step(
    adviser, communicatie_user, action, dt_member, board_member, wg_member
):
    submit(action, adviser, DT_PATH)
    action.refresh_from_db()
    assert action.step == Step.STAP_2A
    make_issue(action, communicatie_user)
    save(action, communicatie_user, 0)
    for user in (dt_member, board_member, wg_member):
        with pytest.raises(PermissionDenied):
            issue_set(actor=user, herstelactie=action, is_issue=False, reason="x")
        with pytest.raises(PermissionDenied):
            save(action, user, 1)
