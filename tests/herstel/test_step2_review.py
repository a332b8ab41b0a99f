"""Review fixes of step 2 (issue 20): a division is involved only through a member the lead
advisers added, not through its fixed contact person; the RvB's intended decision and the
go/no-go refer to a document of the dossier; the RvB's contacts with the minister from 2B on,
withdrawable; a final RvB decision superseded by a raise of the mandate."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import (
    Capacity,
    ContactForm,
    Directorate,
    Forum,
    Mandate,
    NotificationKind,
    Obligation,
    Outcome,
    Step,
    StepMove,
)
from herstel.events import MINISTER_CONTACT_WITHDRAWN
from herstel.models import ContactPoint, Decision, DtView, GoDecision, MandateRaise, MinisterContact
from herstel.notifications import AWAITING_DT, AWAITING_SBK
from herstel.rules import minister_contact_refusal, superseding_mandate
from herstel.selectors.actions import herstelacties_for_user, involved_unit_ids, obligations_of
from herstel.selectors.timeline import timeline
from herstel.selectors.workqueue import herstel_work_items
from herstel.services.decisions import decision_correct
from herstel.services.documents import action_document_withdraw
from herstel.services.guards import capacities_of
from herstel.services.step2 import (
    dt_view_record,
    minister_contact_record,
    minister_contact_withdraw,
)
from herstel.services.working_group import working_group_member_add
from tests.herstel.documents import upload
from tests.herstel.flow import DAY, decide, move, notify, start
from tests.herstel.test_step2 import in_2a, in_2b, raise_to_minister
from uwvkms.models import AuditEvent
from uwvkms.models import Notification as Message

# --- Involvement: explicitly added members only -------------------------------------------------


@pytest.fixture
def contact_action(db, adviser, other_adviser):
    """An action of Uitkeren started while Handhaving's adviser is a fixed contact person: they
    are in its working group as such."""
    ContactPoint.objects.create(
        directorate=Directorate.DHH, name="Harm Handhaving", user=other_adviser
    )
    return start(adviser)


def _told(action) -> set[int]:
    return set(
        Message.objects.filter(kind=AWAITING_DT, object_id=action.pk).values_list(
            "recipient", flat=True
        )
    )


def test_a_fixed_contact_persons_division_is_not_involved(
    client, contact_action, adviser, other_adviser, other_dt
):
    action = contact_action
    assert action.members.filter(user=other_adviser, contact_point__isnull=False).exists()
    assert involved_unit_ids(action) == frozenset()
    assert capacities_of(other_dt, action) == frozenset()
    assert not herstelacties_for_user(other_dt).filter(pk=action.pk).exists()
    in_2a(action, adviser)
    assert other_dt.pk not in _told(action)
    assert herstel_work_items(other_dt, datetime.date.today()) == []
    with pytest.raises(PermissionDenied):
        dt_view_record(actor=other_dt, herstelactie=action, position="eens", body="Eens.")
    client.force_login(other_dt)
    assert client.get(reverse("herstel:decisions", args=[action.pk])).status_code == 404
    response = client.post(
        reverse("herstel:dt_view_add", args=[action.pk]),
        {"zienswijze-position": "eens", "zienswijze-body": "Eens."},
    )
    assert response.status_code == 404
    assert not DtView.objects.exists()


def test_an_explicitly_added_members_division_is_involved(
    contact_action, adviser, other_dt, handhaving
):
    action = contact_action
    colleague = type(other_dt).objects.create(
        username="hh.collega", business_unit=handhaving, is_active=True
    )
    working_group_member_add(actor=adviser, herstelactie=action, user=colleague, role="Jurist")
    assert involved_unit_ids(action) == {handhaving.pk}
    assert capacities_of(other_dt, action) == {Capacity.INVOLVED_DT}
    assert herstelacties_for_user(other_dt).filter(pk=action.pk).exists()
    in_2a(action, adviser)
    assert other_dt.pk in _told(action)
    assert len(herstel_work_items(other_dt, datetime.date.today())) == 1
    dt_view_record(actor=other_dt, herstelactie=action, position="eens", body="Eens.")


# --- The RvB's intended decision and the go/no-go refer to a document of the dossier -----------


def test_the_intended_decision_of_a_raise_refers_to_a_document(
    action, adviser, other_adviser, dt_member, board_member
):
    in_2b(action, adviser, dt_member)
    elsewhere = upload(start(other_adviser), other_adviser, kind="overig", title="Elders")
    with pytest.raises(ValidationError) as refused:
        raise_to_minister(action, board_member, document_file=elsewhere)
    assert "document_file" in refused.value.message_dict
    assert not MandateRaise.objects.exists()
    document = upload(action, dt_member, kind="besluitdocument", title="Voornemen RvB")
    raise_to_minister(action, board_member, document_file=document)
    intended = Decision.objects.get(outcome=Outcome.VOORGENOMEN_BESLUIT)
    assert intended.document_file == document
    event = AuditEvent.objects.filter(event="herstel.decision.recorded").latest("id")
    assert event.changes["document_file"] == [None, str(document)]
    with pytest.raises(ValidationError, match="verwijst naar dit document"):
        action_document_withdraw(actor=dt_member, document=document, reason="Fout.")


def test_the_raise_form_offers_the_dossiers_documents_and_keeps_the_choice(
    client, action, adviser, dt_member, board_member
):
    in_2b(action, adviser, dt_member)
    document = upload(action, dt_member, kind="besluitdocument", title="Voornemen RvB")
    client.force_login(board_member)
    url = reverse("herstel:decisions", args=[action.pk])
    page = client.get(url).content.decode()
    assert 'name="mandaat-document_file"' in page and "Voornemen RvB" in page
    action.refresh_from_db()
    data = {
        "mandaat-new_mandate": Mandate.RVB_MINISTER,
        "mandaat-reason": "Het scenario vraagt de minister.",
        "mandaat-intended_body": "Scenario B.",
        "mandaat-decided_on": DAY.strftime("%d-%m-%Y"),
        "mandaat-document_file": document.pk,
        "mandaat-version": action.version,
    }
    raise_url = reverse("herstel:mandate_raise", args=[action.pk])
    confirm = client.post(raise_url, data)
    assert confirm.status_code == 200 and "Voornemen RvB" in confirm.content.decode()
    response = client.post(raise_url, {**data, "bevestigd": "1"})
    assert response.status_code == 302
    assert Decision.objects.get(outcome=Outcome.VOORGENOMEN_BESLUIT).document_file == document


def test_a_go_decision_refers_to_a_document(
    client, action, adviser, other_adviser, dt_member, board_member
):
    from herstel.services.execution import go_decision_record  # noqa: PLC0415
    from tests.herstel.flow import to_execution  # noqa: PLC0415

    to_execution(action, adviser, dt_member, board_member)
    action.refresh_from_db()
    elsewhere = upload(start(other_adviser), other_adviser, kind="overig", title="Elders")
    fields = {"herstelactie": action, "body": "dt", "outcome": "go", "decided_on": DAY}
    with pytest.raises(ValidationError) as refused:
        go_decision_record(actor=adviser, document_file=elsewhere, **fields)
    assert "document_file" in refused.value.message_dict
    assert not GoDecision.objects.exists()
    document = upload(action, adviser, kind="overig", title="Verslag go-overleg")
    go = go_decision_record(actor=adviser, document_file=document, **fields)
    assert go.document_file == document
    event = AuditEvent.objects.get(event="herstel.go_decision.recorded")
    assert event.changes["document_file"] == [None, str(document)]
    client.force_login(adviser)
    page = client.get(reverse("herstel:execution", args=[action.pk])).content.decode()
    assert 'name="go-document_file"' in page
    assert reverse("herstel:document_download", args=[action.pk, document.pk]) in page


# --- The RvB's contacts with the minister: from 2B on, withdrawable -----------------------------


@pytest.mark.parametrize(
    ("mandate", "step", "allowed"),
    [
        (Mandate.RVB, Step.STAP_2A, False),
        (Mandate.RVB, Step.STAP_2B, True),
        (Mandate.RVB_MINISTER, Step.STAP_2B, True),
        (Mandate.RVB_MINISTER, Step.MINISTER, True),
        (Mandate.RVB, Step.STAP_3, True),
        (Mandate.RVB_MINISTER, Step.STAP_4, True),
        (Mandate.DT, Step.STAP_3, False),
        (Mandate.RVB_MINISTER, Step.BEEINDIGD, False),
        (None, Step.STAP_1, False),
    ],
)
def test_when_a_contact_with_the_minister_is_recorded(mandate, step, allowed):
    assert (minister_contact_refusal(mandate=mandate, step=step) is None) == allowed


def _contact(action, actor, summary="Overleg met de minister over het scenario."):
    action.refresh_from_db()
    return minister_contact_record(
        actor=actor, herstelactie=action, contact_on=DAY, form=ContactForm.OVERLEG, summary=summary
    )


def test_the_rvb_records_a_contact_with_the_minister_in_2b_under_its_own_mandate(
    client, action, adviser, dt_member, board_member
):
    in_2a(action, adviser)
    with pytest.raises(ValidationError, match="vanaf stap 2B"):
        _contact(action, board_member)
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME)
    notify(action, adviser, NotificationKind.RVB_INFORMED)
    move(action, dt_member, StepMove.TO_RVB)
    action.refresh_from_db()
    assert action.mandate == Mandate.RVB and action.step == Step.STAP_2B
    client.force_login(board_member)
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "Contact met de minister vastleggen" in page
    _contact(action, board_member)
    assert MinisterContact.objects.count() == 1


def test_no_contact_with_the_minister_under_the_dt_mandate(
    client, action, adviser, dt_member, board_member
):
    from tests.herstel.flow import to_execution  # noqa: PLC0415

    to_execution(action, adviser, dt_member, board_member)
    with pytest.raises(ValidationError, match="mandaat van de RvB"):
        _contact(action, board_member)
    client.force_login(board_member)
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "Contact met de minister vastleggen" not in page


def test_a_contact_with_the_minister_is_withdrawn_with_a_reason(
    client, action, adviser, dt_member, board_member, sbk_adviser
):
    in_2b(action, adviser, dt_member)
    contact = _contact(action, board_member, summary="Nooit gehouden overleg.")
    with pytest.raises(PermissionDenied):
        minister_contact_withdraw(actor=dt_member, contact=contact, reason="Fout.")
    with pytest.raises(ValidationError, match="reden"):
        minister_contact_withdraw(actor=sbk_adviser, contact=contact, reason="  ")
    minister_contact_withdraw(actor=sbk_adviser, contact=contact, reason="Bij de verkeerde actie.")
    contact = MinisterContact.with_withdrawn.get(pk=contact.pk)
    assert contact.is_withdrawn and contact.withdrawn_by == sbk_adviser
    assert not MinisterContact.objects.exists()  # withdrawn: it no longer counts
    event = AuditEvent.objects.get(event=MINISTER_CONTACT_WITHDRAWN)
    assert event.reason == "Bij de verkeerde actie."
    with pytest.raises(ValidationError, match="al ingetrokken"):
        minister_contact_withdraw(actor=board_member, contact=contact, reason="Nog eens.")
    client.force_login(board_member)
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert '<del><span class="fw-semibold">Overleg</span>' in page
    assert "Bij de verkeerde actie." in page
    recorded = next(e for e in timeline(action) if e.label == "Contact van de RvB met de minister")
    assert "Bij de verkeerde actie." in recorded.withdrawn
    timeline_page = client.get(reverse("herstel:timeline", args=[action.pk])).content.decode()
    assert "<del>Contact van de RvB met de minister</del>" in timeline_page


def test_the_withdraw_page_asks_for_confirmation_and_keeps_what_was_typed(
    client, action, adviser, dt_member, board_member
):
    in_2b(action, adviser, dt_member)
    contact = _contact(action, board_member)
    url = reverse("herstel:minister_contact_withdraw", args=[action.pk, contact.pk])
    client.force_login(dt_member)
    assert client.get(url).status_code == 403
    client.force_login(board_member)
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert url in page
    question = client.get(url)
    assert question.status_code == 200
    assert "Contact met de minister intrekken?" in question.content.decode()
    assert MinisterContact.objects.filter(pk=contact.pk).exists()  # GET withdraws nothing
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert MinisterContact.objects.filter(pk=contact.pk).exists()
    response = client.post(url, {"reason": "Dubbel vastgelegd."})
    assert response.status_code == 302
    assert not MinisterContact.objects.filter(pk=contact.pk).exists()
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert url not in page  # no second withdrawal offered


# --- A final RvB decision superseded by a raise of the mandate -----------------------------------


def test_a_final_rvb_decision_is_superseded_by_a_raise(
    client, action, adviser, dt_member, board_member, sbk_adviser
):
    in_2b(action, adviser, dt_member)
    final = decide(action, board_member, Forum.RVB, Outcome.BESLUIT)
    asked = Message.objects.filter(kind=AWAITING_SBK, recipient=sbk_adviser)
    assert asked.filter(asks_acknowledgement=True).count() == 1  # asked to inform SZW

    def sbk_work():
        return " ".join(item.title for item in herstel_work_items(sbk_adviser, DAY))

    assert "SZW informeren" in sbk_work()
    raise_to_minister(action, board_member)
    action.refresh_from_db()
    assert Obligation.SZW_INFORMED not in dict(obligations_of(action))
    assert "SZW informeren" not in sbk_work()
    assert "nota aan de minister" in sbk_work()
    client.force_login(board_member)
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "Vervangen: het mandaat is verhoogd naar Raad van Bestuur en minister van SZW." in page
    assert reverse("herstel:decision_correct", args=[action.pk, final.pk]) not in page
    with pytest.raises(ValidationError, match="vervangen"):
        decision_correct(
            actor=board_member,
            decision=final,
            outcome=Outcome.BESLUIT,
            body="Toch.",
            decided_on=DAY,
            reason="Poging.",
        )


def test_a_decision_after_the_raise_is_not_superseded(
    client, action, adviser, dt_member, board_member
):
    in_2b(action, adviser, dt_member)
    raise_to_minister(action, board_member)
    client.force_login(board_member)
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "Vervangen: het mandaat is verhoogd" not in page


T0 = datetime.datetime(2025, 3, 1, 10, 0, tzinfo=datetime.UTC)
LATER = T0 + datetime.timedelta(hours=1)


@pytest.mark.parametrize(
    ("outcome", "mandate", "raises", "superseded"),
    [
        (Outcome.BESLUIT, Mandate.RVB, [(Mandate.RVB, Mandate.RVB_MINISTER, LATER)], True),
        (Outcome.BESLUIT, Mandate.RVB, [], False),
        (Outcome.KENNISNAME, Mandate.RVB, [(Mandate.RVB, Mandate.RVB_MINISTER, LATER)], False),
        (Outcome.BESLUIT, Mandate.DT, [(Mandate.RVB, Mandate.RVB_MINISTER, LATER)], False),
        # A raise before the decision: the decision is of the raised mandate's path.
        (
            Outcome.BESLUIT,
            Mandate.RVB,
            [(Mandate.RVB, Mandate.RVB_MINISTER, T0 - datetime.timedelta(hours=1))],
            False,
        ),
    ],
)
def test_which_final_decision_a_raise_supersedes(outcome, mandate, raises, superseded):
    found = superseding_mandate(outcome=outcome, mandate=mandate, recorded_at=T0, raises=raises)
    assert (found is not None) == superseded


def test_a_fixed_contact_persons_dt_is_not_led_to_the_herstel_pages(
    contact_action, adviser, other_dt, handhaving
):
    """The navigation's fact (loaded with the roles) follows the same definition."""
    from herstel.selectors.actions import sees_herstelacties  # noqa: PLC0415

    user_model = type(other_dt)
    assert not sees_herstelacties(user_model.objects.get(pk=other_dt.pk))
    colleague = user_model.objects.create(username="hh.jurist", business_unit=handhaving)
    working_group_member_add(
        actor=adviser, herstelactie=contact_action, user=colleague, role="Jurist"
    )
    assert sees_herstelacties(user_model.objects.get(pk=other_dt.pk))
