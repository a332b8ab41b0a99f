"""Informing that reaches people (issue 20): every inform duty of a herstelactie sends a
notification to the people concerned, asking them to take note, and the pages show who was
informed when and who took note.

- An action starts (or a user joins its working group): the fixed contact persons who are
  users are informed, nobody else.
- The DT's decision of step 2A: the RvB members are informed, and that counts as "the RvB is
  informed"; recording a kennisgeving by hand stays possible.
- SZW through SBK: SBK's advisers are asked to inform SZW; SBK records how and when."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from herstel.constants import Directorate, Forum, NotificationKind, Obligation, Outcome, StepMove
from herstel.models import ContactPoint
from herstel.models import Notification as KennisgevingRecord
from herstel.notifications import AWAITING_SBK, CONTACTS_INFORMED, RVB_INFORMED
from herstel.rules import DecisionFacts, obligation_met
from herstel.selectors.actions import decision_facts
from herstel.selectors.informing import obligation_rows
from herstel.selectors.timeline import timeline
from herstel.services.decisions import notification_record
from herstel.services.working_group import working_group_member_add
from tests.factories import UserFactory
from tests.herstel.flow import DAY, RVB_PATH, decide, move, start, submit
from uwvkms.constants import Role
from uwvkms.events import NOTIFICATION_ACKNOWLEDGED
from uwvkms.models import AuditEvent, Notification
from uwvkms.notifications import notification_acknowledge


def told(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


@pytest.fixture
def contact_points(db, wg_user, sbk_adviser):
    return [
        ContactPoint.objects.create(directorate=Directorate.UITKEREN, name="Ans Uitkeren"),
        ContactPoint.objects.create(
            directorate=Directorate.FEZ, name="Wim Werkgroep", user=wg_user
        ),
        ContactPoint.objects.create(
            directorate=Directorate.SBK, name="Sem Beleid", user=sbk_adviser
        ),
        ContactPoint.objects.create(
            directorate=Directorate.JKC,
            name="Oud",
            user=UserFactory(username="oud"),
            is_active=False,
        ),
    ]


# --- the rule: when the RvB counts as informed ----------------------------------------------


@pytest.mark.parametrize(
    ("latest", "recorded", "sent", "met"),
    [
        ({}, set(), set(), False),
        ({}, set(), {NotificationKind.RVB_INFORMED}, True),  # sent through the app
        ({}, {NotificationKind.RVB_INFORMED}, set(), True),  # recorded by hand
        ({Forum.RVB: Outcome.KENNISNAME}, set(), set(), True),  # the RvB recorded itself
        ({}, {NotificationKind.SZW_INFORMED}, set(), False),
        ({Forum.DT: Outcome.BESLUIT}, set(), set(), False),
    ],
)
def test_the_rvb_is_informed_when(latest, recorded, sent, met):
    facts = DecisionFacts(
        latest=latest, notifications=frozenset(recorded), sent_in_app=frozenset(sent)
    )
    assert obligation_met(Obligation.RVB_INFORMED, facts) is met


@pytest.mark.parametrize(
    ("recorded", "sent", "met"),
    [
        (set(), set(), False),
        # SZW is outside the app: a notification to SBK does not inform it.
        (set(), {NotificationKind.SZW_INFORMED}, False),
        ({NotificationKind.SZW_INFORMED}, set(), True),
    ],
)
def test_szw_is_informed_only_by_sbks_record(recorded, sent, met):
    facts = DecisionFacts(latest={}, notifications=frozenset(recorded), sent_in_app=frozenset(sent))
    assert obligation_met(Obligation.SZW_INFORMED, facts) is met


# --- the contact persons at the start -------------------------------------------------------


def test_starting_informs_the_contact_persons_who_are_users_and_nobody_else(
    adviser, contact_points, wg_user, sbk_adviser, outsider, board_member, other_adviser
):
    action = start(adviser)
    assert told(CONTACTS_INFORMED) == {wg_user.username, sbk_adviser.username}
    for notification in Notification.objects.filter(kind=CONTACTS_INFORMED):
        assert notification.asks_acknowledgement
        assert notification.title == f"Herstelactie ‘{action.title}’"
        assert notification.object_id == str(action.pk)
    # The starter, an outsider, another division's adviser, an inactive contact: nothing.
    for person in (adviser, outsider, board_member, other_adviser):
        assert not Notification.objects.filter(recipient=person).exists()


def test_a_contact_person_reads_the_action_the_notification_links_to(
    client, adviser, contact_points, wg_user
):
    start(adviser)
    notification = Notification.objects.get(recipient=wg_user, kind=CONTACTS_INFORMED)
    client.force_login(wg_user)
    assert client.get(notification.url).status_code == 200


def test_a_user_added_to_the_working_group_is_informed(action, adviser, wg_user, outsider):
    member = working_group_member_add(
        actor=adviser, herstelactie=action, user=wg_user, role="Financieel adviseur"
    )
    assert member.informed_on == datetime.date.today()
    assert told(CONTACTS_INFORMED) == {wg_user.username}
    # A member by name only is informed outside the app.
    working_group_member_add(actor=adviser, herstelactie=action, name="Iemand", role="Jurist")
    assert told(CONTACTS_INFORMED) == {wg_user.username}
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_the_working_group_page_shows_who_took_note(
    client, adviser, contact_points, wg_user, sbk_adviser
):
    action = start(adviser)
    notification_acknowledge(
        user=wg_user,
        notification=Notification.objects.get(recipient=wg_user, kind=CONTACTS_INFORMED),
    )
    client.force_login(adviser)
    body = client.get(reverse("herstel:working_group", args=[action.pk])).content.decode()
    assert "zijn 2 personen in de app ingelicht" in body
    assert "1 heeft kennisgenomen." in body
    assert "melding in de app, kennisgenomen op" in body
    assert "melding in de app, nog niet kennisgenomen" in body
    assert "buiten de app ingelicht" in body  # Ans Uitkeren has no account
    # A member who only reads sees the numbers, not who took note.
    client.force_login(wg_user)
    body = client.get(reverse("herstel:working_group", args=[action.pk])).content.decode()
    assert "1 heeft kennisgenomen." in body
    assert "melding in de app" not in body


# --- the RvB after the DT's decision --------------------------------------------------------


@pytest.fixture
def rvb(db, board_member):
    """Two RvB members and one who left (inactive)."""
    return [
        board_member,
        UserFactory(username="rvb.twee", first_name="Roos", last_name="Raad", roles=[Role.RVB]),
        UserFactory(username="rvb.weg", roles=[Role.RVB], is_active=False),
    ]


def test_the_dts_decision_informs_the_rvb_which_meets_the_obligation(
    action, adviser, dt_member, rvb, outsider, sbk_adviser
):
    submit(action, adviser)  # the DT path
    assert not obligation_met(Obligation.RVB_INFORMED, decision_facts(action))
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    assert told(RVB_INFORMED) == {"rvb", "rvb.twee"}
    assert all(n.asks_acknowledgement for n in Notification.objects.filter(kind=RVB_INFORMED))
    assert obligation_met(Obligation.RVB_INFORMED, decision_facts(action))
    assert not Notification.objects.filter(recipient__in=[outsider, sbk_adviser, dt_member]).filter(
        kind=RVB_INFORMED
    )
    # Recording by hand stays possible.
    notification_record(
        actor=adviser,
        herstelactie=action,
        kind=NotificationKind.RVB_INFORMED,
        informed_on=DAY,
        summary="Ook in het RvB-overleg genoemd.",
        channel="overleg",
    )
    rows = {
        row.obligation: row
        for row in obligation_rows(
            action, facts=decision_facts(action), capacities={"lead_adviser"}
        )
    }
    line = rows[Obligation.RVB_INFORMED].informing
    assert len(line.sent.recipients) == 2 and line.recorded[0].channel == "overleg"


def test_without_rvb_members_nothing_is_sent_and_the_obligation_stays_open(
    action, adviser, dt_member
):
    submit(action, adviser)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    assert not Notification.objects.filter(kind=RVB_INFORMED).exists()
    assert not obligation_met(Obligation.RVB_INFORMED, decision_facts(action))


def test_an_rvb_member_acknowledges_from_their_notifications_page_and_the_page_shows_it(
    client, action, adviser, dt_member, rvb, wg_member
):
    submit(action, adviser)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    mine = Notification.objects.get(recipient=rvb[0], kind=RVB_INFORMED)
    client.force_login(rvb[0])
    assert "Kennisgenomen" in client.get(reverse("notification_list")).content.decode()
    response = client.post(reverse("notification_acknowledge", args=[mine.pk]))
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.acknowledged_at is not None
    # Logged on the action (its readers' scope), not on the timeline.
    logged = AuditEvent.objects.get(event=NOTIFICATION_ACKNOWLEDGED)
    assert (logged.object_type, logged.object_id) == ("herstel.herstelactie", str(action.pk))
    assert logged.actor == rvb[0]
    assert "Kennisgenomen van een melding" not in {entry.label for entry in timeline(action)}
    # Twice changes nothing.
    first = mine.acknowledged_at
    client.post(reverse("notification_acknowledge", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.acknowledged_at == first
    # The other RvB member cannot acknowledge it (not found), nor can the adviser.
    for other in (rvb[1], adviser):
        client.force_login(other)
        assert client.post(reverse("notification_acknowledge", args=[mine.pk])).status_code == 404
    # The decisions page: sent to 2, acknowledged by 1, with names for the lead adviser.
    client.force_login(adviser)
    body = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "aan 2 leden van de RvB" in body and "kennisgenomen door 1" in body
    assert str(rvb[0]) in body and "nog niet:" in body and str(rvb[1]) in body
    # The action's overview shows the same list.
    body = client.get(reverse("herstel:detail", args=[action.pk])).content.decode()
    assert "kennisgenomen door 1" in body
    # A working-group member reads the numbers, not the names.
    client.force_login(wg_member)
    body = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "kennisgenomen door 1" in body and "nog niet:" not in body


def test_the_decisions_page_does_not_grow_with_the_recipients(
    client, action, adviser, dt_member, board_member, django_assert_max_num_queries
):
    submit(action, adviser)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    client.force_login(adviser)
    url = reverse("herstel:decisions", args=[action.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        UserFactory(username=f"rvb.{n}", roles=[Role.RVB])
    Notification.objects.filter(kind=RVB_INFORMED).delete()
    action.refresh_from_db()
    from herstel.notifications import inform_rvb

    inform_rvb(action)
    for notification in Notification.objects.filter(kind=RVB_INFORMED)[:5]:
        notification_acknowledge(user=notification.recipient, notification=notification)
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert "aan 11 leden van de RvB" in body and "kennisgenomen door 5" in body


# --- SZW through SBK ------------------------------------------------------------------------


def test_sbk_is_asked_to_inform_szw_and_records_how(
    client, action, adviser, dt_member, board_member, sbk_adviser
):
    submit(action, adviser, RVB_PATH)
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME)
    move(action, adviser, StepMove.TO_RVB)
    decide(action, board_member, Forum.RVB, Outcome.BESLUIT)
    [asked] = Notification.objects.filter(kind=AWAITING_SBK)
    assert asked.recipient == sbk_adviser and asked.asks_acknowledgement
    notification_acknowledge(user=sbk_adviser, notification=asked)
    client.force_login(sbk_adviser)
    url = reverse("herstel:decisions", args=[action.pk])
    body = client.get(url).content.decode()
    assert "SBK gevraagd SZW te informeren" in body and "kennisgenomen door 1" in body
    assert 'name="kennisgeving-channel"' in body
    response = client.post(
        reverse("herstel:notification_add", args=[action.pk]),
        {
            "kennisgeving-kind": "szw_informed",
            "kennisgeving-informed_on": "2025-03-01",
            "kennisgeving-channel": "brief",
            "kennisgeving-summary": "Brief aan de directeur.",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert obligation_met(Obligation.SZW_INFORMED, decision_facts(action))
    body = client.get(url).content.decode()
    assert "SZW geïnformeerd op 1 maart 2025" in body and "(per brief)" in body


def test_an_unknown_channel_is_refused(action, adviser, sbk_adviser):
    from django.core.exceptions import ValidationError

    submit(action, adviser, RVB_PATH)
    with pytest.raises(ValidationError):
        notification_record(
            actor=sbk_adviser,
            herstelactie=action,
            kind=NotificationKind.SZW_INFORMED,
            informed_on=DAY,
            summary="Per duif.",
            channel="duif",
        )
    assert not KennisgevingRecord.objects.filter(herstelactie=action).exists()


def test_the_working_group_page_does_not_grow_with_the_informed(
    client, action, adviser, django_assert_max_num_queries
):
    client.force_login(adviser)
    url = reverse("herstel:working_group", args=[action.pk])
    working_group_member_add(
        actor=adviser, herstelactie=action, user=UserFactory(username="lid.0"), role="Lid"
    )
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(1, 9):
        member = UserFactory(username=f"lid.{n}")
        working_group_member_add(actor=adviser, herstelactie=action, user=member, role="Lid")
        if n % 2:
            notification_acknowledge(
                user=member, notification=Notification.objects.get(recipient=member)
            )
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = client.get(url).content.decode()
    assert "zijn 9 personen in de app ingelicht" in body and "4 hebben kennisgenomen." in body
