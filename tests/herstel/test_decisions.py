"""Step 2 on each mandate path, from start to an approved decision (DOMAIN.md §6, step 2 and
"Decision mandate"): the DT records 2A, the RvB records 2B, SBK records SZW contacts, the note to
the minister and the minister's answer. The obligations of the path are a checklist, and step 2
cannot be left until every item is met. A decision is never edited: a correction is a new record
referring to the old one."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import Forum, Mandate, NotificationKind, Outcome, Step, StepMove
from herstel.models import Decision
from herstel.rules import StepMoveNotAllowed
from herstel.selectors.actions import obligations_of
from herstel.services.decisions import decision_correct
from tests.herstel.flow import (
    DAY,
    DT_PATH,
    MINISTER_PATH,
    RVB_PATH,
    decide,
    move,
    notify,
    submit,
)
from uwvkms.models import AuditEvent


def open_items(action) -> list[str]:
    action.refresh_from_db()
    return [label for label, met in obligations_of(action) if not met]


def test_dt_path(adviser, action, dt_member, board_member):
    submit(action, adviser, DT_PATH)
    action.refresh_from_db()
    assert action.mandate == Mandate.DT
    assert open_items(action) == [
        "De DT heeft besloten (stap 2A)",
        "De RvB is geïnformeerd",
        "De RvB heeft het besluit van de DT ter kennisgeving aangenomen of bijgestuurd (stap 2B)",
    ]
    # 2A: with a DT mandate the DT decides, and the division informs the RvB.
    with pytest.raises(StepMoveNotAllowed, match="Nog niet gedaan: De DT heeft besloten"):
        move(action, dt_member, StepMove.TO_RVB)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    notify(action, adviser, NotificationKind.RVB_INFORMED)
    move(action, dt_member, StepMove.TO_RVB)
    # 2B: the RvB takes note of the DT's decision (or adjusts it).
    with pytest.raises(StepMoveNotAllowed) as refused:
        move(action, adviser, StepMove.TO_EXECUTION)
    assert refused.value.messages == [
        "Nog niet gedaan: De RvB heeft het besluit van de DT ter kennisgeving aangenomen of "
        "bijgestuurd (stap 2B)"
    ]
    decide(action, board_member, Forum.RVB, Outcome.KENNISNAME)
    assert open_items(action) == []
    move(action, adviser, StepMove.TO_EXECUTION)
    action.refresh_from_db()
    assert action.step == Step.STAP_3


def test_rvb_path(adviser, action, dt_member, board_member, sbk_adviser):
    submit(action, adviser, RVB_PATH)
    # 2A: the DT takes note and passes the advice on; a decision is not theirs to take.
    with pytest.raises(ValidationError) as refused:
        decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    assert refused.value.message_dict == {
        "outcome": ["Met een mandaat Raad van Bestuur legt DT (stap 2A) vast: kennisname."]
    }
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME, "Kennisgenomen en aangevuld.")
    move(action, adviser, StepMove.TO_RVB)
    # 2B: the RvB decides; SBK informs SZW.
    decide(action, board_member, Forum.RVB, Outcome.BESLUIT)
    assert open_items(action) == ["SBK heeft SZW geïnformeerd over het besluit"]
    with pytest.raises(StepMoveNotAllowed, match="SBK heeft SZW geïnformeerd"):
        move(action, adviser, StepMove.TO_EXECUTION)
    with pytest.raises(PermissionDenied):  # only SBK informs SZW
        notify(action, adviser, NotificationKind.SZW_INFORMED)
    notify(action, sbk_adviser, NotificationKind.SZW_INFORMED)
    move(action, adviser, StepMove.TO_EXECUTION)
    action.refresh_from_db()
    assert action.step == Step.STAP_3


def test_minister_path(adviser, action, dt_member, board_member, sbk_adviser):
    submit(action, adviser, MINISTER_PATH)
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME)
    move(action, dt_member, StepMove.TO_RVB)
    # The RvB takes an intended decision; without it nothing goes to the minister.
    with pytest.raises(StepMoveNotAllowed, match="voorgenomen besluit"):
        move(action, sbk_adviser, StepMove.TO_MINISTER)
    with pytest.raises(StepMoveNotAllowed, match="Zonder akkoord van de minister"):
        move(action, adviser, StepMove.TO_EXECUTION)
    decide(action, board_member, Forum.RVB, Outcome.VOORGENOMEN_BESLUIT)
    move(action, sbk_adviser, StepMove.TO_MINISTER)
    # SBK drafts the note with SZW and records the minister's answer.
    with pytest.raises(PermissionDenied):
        notify(action, adviser, NotificationKind.MINISTER_NOTE)
    notify(action, sbk_adviser, NotificationKind.MINISTER_NOTE, "Nota met SZW opgesteld.")
    with pytest.raises(PermissionDenied):
        decide(action, board_member, Forum.MINISTER, Outcome.AKKOORD)
    # No approval: no execution; the RvB reconsiders.
    decide(action, sbk_adviser, Forum.MINISTER, Outcome.NIET_AKKOORD)
    assert open_items(action) == ["De minister heeft akkoord gegeven"]
    with pytest.raises(StepMoveNotAllowed, match="Nog niet gedaan: De minister heeft akkoord"):
        move(action, adviser, StepMove.TO_EXECUTION)
    move(action, adviser, StepMove.BACK_TO_RVB, reason="Minister vraagt een ander scenario.")
    decide(action, board_member, Forum.RVB, Outcome.VOORGENOMEN_BESLUIT, "Tweede scenario.")
    move(action, sbk_adviser, StepMove.TO_MINISTER)
    decide(action, sbk_adviser, Forum.MINISTER, Outcome.AKKOORD)
    assert open_items(action) == []
    move(action, adviser, StepMove.TO_EXECUTION)
    action.refresh_from_db()
    assert action.step == Step.STAP_3


def test_a_forum_records_only_in_its_own_step(adviser, action, dt_member, board_member):
    submit(action, adviser, RVB_PATH)
    with pytest.raises(ValidationError) as refused:
        decide(action, board_member, Forum.RVB, Outcome.BESLUIT)
    assert refused.value.messages == [
        "Besluiten van Raad van Bestuur (stap 2B) worden vastgelegd in Stap 2B · RvB; de "
        "herstelactie staat in Stap 2A · DT."
    ]
    with pytest.raises(PermissionDenied):  # the adviser edits; the DT records 2A
        decide(action, adviser, Forum.DT, Outcome.KENNISNAME)
    assert not Decision.objects.exists()


def test_the_pages_offer_each_person_only_their_own_forum(
    client, adviser, action, dt_member, board_member
):
    submit(action, adviser, DT_PATH)
    url = reverse("herstel:decisions", args=[action.pk])
    client.force_login(dt_member)
    page = client.get(url)
    assert [forum for forum, _form in page.context["decision_forms"]] == [Forum.DT]
    outcomes = [
        value for value, _label in page.context["decision_forms"][0][1]["outcome"].field.choices
    ]
    assert outcomes == ["besluit", "voorgenomen_besluit"]
    client.force_login(board_member)
    assert client.get(url).context["decision_forms"] == []  # 2B has not started
    client.force_login(adviser)
    assert client.get(url).context["decision_forms"] == []

    client.force_login(dt_member)
    response = client.post(
        reverse("herstel:decision_record", args=[action.pk, "dt"]),
        {
            "besluit-dt-outcome": "besluit",
            "besluit-dt-decided_on": "2025-03-04",
            "besluit-dt-body": "De DT besluit tot nabetaling met wettelijke rente.",
            "besluit-dt-document": "DT-besluit 2025-014",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.forum, decision.outcome, decision.recorded_by) == ("dt", "besluit", dt_member)
    assert decision.mandate == Mandate.DT
    assert decision.document == "DT-besluit 2025-014"
    event = AuditEvent.objects.get(event="herstel.decision.recorded")
    assert event.changes["decision"] == [None, decision.pk]


def test_a_correction_is_a_new_record_and_the_old_one_stays(
    client, adviser, action, dt_member, board_member
):
    submit(action, adviser, DT_PATH)
    wrong = decide(action, dt_member, Forum.DT, Outcome.VOORGENOMEN_BESLUIT, "Eerste lezing.")
    client.force_login(dt_member)
    url = reverse("herstel:decision_correct", args=[action.pk, wrong.pk])
    assert client.get(url).status_code == 200
    missing_reason = client.post(
        url,
        {
            "correctie-outcome": "besluit",
            "correctie-decided_on": "2025-03-05",
            "correctie-body": "Definitief besloten.",
        },
    )
    assert missing_reason.status_code == 400
    assert missing_reason.context["form"].errors["reason"] == ["Dit veld is verplicht."]
    response = client.post(
        url,
        {
            "correctie-outcome": "besluit",
            "correctie-decided_on": "2025-03-05",
            "correctie-body": "Definitief besloten.",
            "correctie-reason": "Het besluit was definitief, niet voorgenomen.",
        },
    )
    assert response.status_code == 302
    old, new = Decision.objects.order_by("id")
    assert (old.outcome, old.body, old.decided_on) == (
        "voorgenomen_besluit",
        "Eerste lezing.",
        DAY,
    )
    assert (new.corrects, new.outcome, new.decided_on) == (
        old,
        "besluit",
        datetime.date(2025, 3, 5),
    )
    event = AuditEvent.objects.get(event="herstel.decision.corrected")
    assert event.changes["outcome"] == ["voorgenomen_besluit", "besluit"]
    assert event.reason == "Het besluit was definitief, niet voorgenomen."

    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "Eerste lezing." in page and "Definitief besloten." in page
    assert "gecorrigeerd" in page

    # A record is corrected once; a later correction corrects the correction.
    with pytest.raises(ValidationError, match="al gecorrigeerd"):
        decision_correct(
            actor=dt_member,
            decision=old,
            outcome="besluit",
            body="Nog eens.",
            decided_on=DAY,
            reason="Dubbel.",
        )
    with pytest.raises(PermissionDenied):  # the RvB does not correct the DT's records
        decision_correct(
            actor=board_member,
            decision=new,
            outcome="besluit",
            body="x",
            decided_on=DAY,
            reason="x",
        )
    assert Decision.objects.count() == 2


def test_the_checklist_follows_corrections(adviser, action, dt_member, board_member):
    submit(action, adviser, DT_PATH)
    decided = decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    notify(action, adviser, NotificationKind.RVB_INFORMED)
    move(action, dt_member, StepMove.TO_RVB)
    noted = decide(action, board_member, Forum.RVB, Outcome.KENNISNAME)
    assert open_items(action) == []
    decision_correct(
        actor=board_member,
        decision=noted,
        outcome=Outcome.BIJSTURING,
        body="De RvB stuurt bij: ook de rente nabetalen.",
        decided_on=DAY,
        reason="Verkeerde uitkomst vastgelegd.",
    )
    assert open_items(action) == []  # adjusted counts as well
    assert decided.pk in Decision.objects.values_list("pk", flat=True)


def test_decisions_are_not_in_the_admin(admin_client, adviser, action, dt_member):
    # A decision changes only through the herstel services, which keep its history; /beheer/
    # (reduced in issue 19) does not offer it at all, to read or to change.
    submit(action, adviser, DT_PATH)
    decision = decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    assert not admin.site.is_registered(Decision)
    assert admin_client.get(f"/beheer/herstel/decision/{decision.pk}/change/").status_code == 404


def test_an_outcome_that_does_not_fit_the_forum_is_refused_by_the_database(
    adviser, action, dt_member
):
    submit(action, adviser, DT_PATH)
    decision = decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    decision.outcome = Outcome.AKKOORD
    with pytest.raises(ValidationError, match="Deze uitkomst past niet bij dit gremium"):
        decision.full_clean()


def test_informal_rounds_are_repeatable(client, adviser, action, dt_member):
    client.force_login(adviser)
    url = reverse("herstel:informal_round_add", args=[action.pk])
    for participants in ("Directeur Uitkeren", "Bestuurssecretaris"):
        response = client.post(
            url,
            {
                "informeel-held_on": "2025-02-10",
                "informeel-participants": participants,
                "informeel-summary": "Voorkeur voor ambtshalve herstel.",
            },
        )
        assert response.status_code == 302
    assert action.informal_rounds.count() == 2
    client.force_login(dt_member)
    assert client.post(url, {"informeel-participants": "x"}).status_code == 403
