"""Step 2 as the process guide describes it (issue 20): the DTs of every division involved
take part in 2A (the lead DT decides, the involved DTs record their view); with a higher mandate
the DT enriches the advice (versioned) before it goes to the RvB; the RvB raises the mandate in
2B when its choice of scenario needs the minister, and the action goes to SBK's note without
returning to step 1; the RvB's contacts with the minister are recorded."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import (
    Capacity,
    ContactForm,
    Forum,
    Mandate,
    NotificationKind,
    Outcome,
    Step,
    StepMove,
    ViewPosition,
)
from herstel.events import (
    ADVICE_ENRICHED,
    DT_VIEW_RECORDED,
    MANDATE_RAISED,
    MINISTER_CONTACT_RECORDED,
)
from herstel.models import AdviceEnrichment, Decision, DtView, MandateRaise, MinisterContact
from herstel.notifications import AWAITING_DT, AWAITING_SBK
from herstel.selectors.actions import herstelactie_get_for_user, obligations_of
from herstel.selectors.timeline import timeline
from herstel.services.guards import capacities_of
from herstel.services.step2 import (
    advice_enrichment_save,
    dt_view_correct,
    dt_view_record,
    dt_view_withdraw,
    mandate_raise,
    minister_contact_record,
)
from herstel.services.working_group import working_group_member_add
from tests.herstel.flow import DAY, DT_PATH, RVB_PATH, decide, move, notify, start, submit
from uwvkms.models import AuditEvent
from uwvkms.models import Notification as Message
from uwvkms.versioning import EditConflict


@pytest.fixture
def involved(action, adviser, other_adviser, other_dt):
    """Handhaving is involved in `action` (Uitkeren's) through an adviser in its working group:
    `other_dt`, Handhaving's DT member, takes part in 2A."""
    working_group_member_add(
        actor=adviser, herstelactie=action, user=other_adviser, role="Handhaving"
    )
    return other_dt


def in_2a(action, adviser, values=RVB_PATH):
    submit(action, adviser, values)
    action.refresh_from_db()
    return action


def in_2b(action, adviser, dt_member, values=RVB_PATH):
    in_2a(action, adviser, values)
    decide(
        action,
        dt_member,
        Forum.DT,
        Outcome.BESLUIT if values == DT_PATH else Outcome.KENNISNAME,
    )
    notify(action, adviser, NotificationKind.RVB_INFORMED)
    move(action, dt_member, StepMove.TO_RVB)
    action.refresh_from_db()
    return action


def raise_to_minister(action, board_member, **overrides):
    action.refresh_from_db()
    fields = {
        "new_mandate": Mandate.RVB_MINISTER,
        "reason": "Het gekozen scenario scheldt 40 miljoen kwijt: een groot beroep op de geldstroom.",
        "expected_version": action.version,
        "intended_body": "Scenario B: kwijtschelden van alle vorderingen.",
        "decided_on": DAY,
    }
    return mandate_raise(actor=board_member, herstelactie=action, **(fields | overrides))


def open_items(action) -> list[str]:
    action.refresh_from_db()
    return [label for label, met in obligations_of(action) if not met]


# --- Who is an involved DT --------------------------------------------------------------------


def test_the_dt_of_a_division_in_the_working_group_is_an_involved_dt(action, involved, dt_member):
    assert capacities_of(involved, action) == {Capacity.INVOLVED_DT}
    assert capacities_of(dt_member, action) == {Capacity.DT}  # the lead DT stays the lead
    access = herstelactie_get_for_user(user=involved, pk=action.pk)
    assert access.capacities == {Capacity.INVOLVED_DT}


def test_an_unrelated_dt_sees_nothing(client, action, other_dt):
    assert capacities_of(other_dt, action) == frozenset()
    client.force_login(other_dt)
    assert client.get(reverse("herstel:decisions", args=[action.pk])).status_code == 404


def test_an_involved_dt_of_another_action_gets_404(client, adviser, action, involved):
    other = start(adviser, title="Een andere actie")
    in_2a(other, adviser)
    client.force_login(involved)
    assert client.get(reverse("herstel:decisions", args=[other.pk])).status_code == 404
    response = client.post(
        reverse("herstel:dt_view_add", args=[other.pk]),
        {"zienswijze-position": "eens", "zienswijze-body": "Eens."},
    )
    assert response.status_code == 404
    assert not DtView.objects.exists()


def test_involved_dts_are_told_that_2a_waits_for_them(action, adviser, involved, other_adviser):
    in_2a(action, adviser)
    told = set(Message.objects.filter(kind=AWAITING_DT).values_list("recipient", flat=True))
    assert involved.pk in told


# --- Views (zienswijzen) ------------------------------------------------------------------------


def test_an_involved_dt_records_corrects_and_withdraws_its_view(action, adviser, involved):
    in_2a(action, adviser)
    view = dt_view_record(
        actor=involved,
        herstelactie=action,
        position=ViewPosition.EENS_MET_KANTTEKENING,
        body="Eens, maar de handhavingscapaciteit is krap.",
    )
    assert view.business_unit == involved.business_unit
    assert AuditEvent.objects.filter(event=DT_VIEW_RECORDED).count() == 1
    with pytest.raises(ValidationError, match="al een zienswijze"):
        dt_view_record(actor=involved, herstelactie=action, position="eens", body="Nogmaals.")
    correction = dt_view_correct(
        actor=involved,
        view=view,
        position=ViewPosition.ONEENS,
        body="Oneens: de capaciteit ontbreekt.",
        reason="Na overleg met het MT.",
    )
    assert correction.corrects == view
    with pytest.raises(ValidationError, match="al gecorrigeerd"):
        dt_view_correct(actor=involved, view=view, position="eens", body="x", reason="y")
    dt_view_withdraw(actor=involved, view=correction, reason="Bij de verkeerde actie.")
    assert DtView.objects.count() == 0  # the chain goes with it
    assert DtView.with_withdrawn.count() == 2
    # Withdrawn: the division may record a view again.
    dt_view_record(actor=involved, herstelactie=action, position="eens", body="Eens.")
    labels = [entry.label for entry in timeline(action)]
    assert "Zienswijze DT betrokken divisie ingetrokken" in labels


def test_the_lead_dt_and_an_unrelated_dt_cannot_record_a_view(action, adviser, dt_member, other_dt):
    in_2a(action, adviser)
    for persona in (dt_member, other_dt):
        with pytest.raises(PermissionDenied):
            dt_view_record(actor=persona, herstelactie=action, position="eens", body="Eens.")


def test_a_view_is_recorded_in_2a_only(action, adviser, involved, dt_member):
    with pytest.raises(ValidationError, match="stap 2A"):
        dt_view_record(actor=involved, herstelactie=action, position="eens", body="Eens.")
    in_2b(action, adviser, dt_member)
    with pytest.raises(ValidationError, match="stap 2A"):
        dt_view_record(actor=involved, herstelactie=action, position="eens", body="Eens.")


def test_the_lead_dts_decision_counts_not_the_views(action, adviser, involved, dt_member):
    in_2a(action, adviser, DT_PATH)
    dt_view_record(actor=involved, herstelactie=action, position="oneens", body="Oneens.")
    assert "De DT heeft besloten (stap 2A)" in open_items(action)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    assert "De DT heeft besloten (stap 2A)" not in open_items(action)


def test_the_decisions_page_offers_the_view_form_to_the_involved_dt_only(
    client, action, adviser, involved, dt_member
):
    in_2a(action, adviser)
    url = reverse("herstel:decisions", args=[action.pk])
    client.force_login(involved)
    assert "Zienswijze van uw divisie vastleggen" in client.get(url).content.decode()
    response = client.post(
        reverse("herstel:dt_view_add", args=[action.pk]),
        {"zienswijze-position": "", "zienswijze-body": "Getypt maar zonder standpunt."},
    )
    assert response.status_code == 400
    assert "Getypt maar zonder standpunt." in response.content.decode()
    response = client.post(
        reverse("herstel:dt_view_add", args=[action.pk]),
        {"zienswijze-position": "eens", "zienswijze-body": "Eens met het advies."},
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Eens met het advies." in page
    assert "Zienswijze van uw divisie vastleggen" not in page  # one standing view
    client.force_login(dt_member)
    page = client.get(url).content.decode()
    assert "Zienswijze van uw divisie vastleggen" not in page
    assert "Eens met het advies." in page
    assert (
        client.post(
            reverse("herstel:dt_view_add", args=[action.pk]),
            {"zienswijze-position": "eens", "zienswijze-body": "x"},
        ).status_code
        == 403
    )


# --- Enriching the advice ---------------------------------------------------------------------


def test_the_dt_enriches_the_advice_in_versions(action, adviser, dt_member, involved):
    in_2a(action, adviser)
    first = advice_enrichment_save(
        actor=dt_member, herstelactie=action, body="Let op de uitvoeringslast.", expected_version=0
    )
    assert first.version == 1
    second = advice_enrichment_save(
        actor=involved, herstelactie=action, body="En op de handhaving.", expected_version=1
    )
    assert second.version == 2
    with pytest.raises(EditConflict):
        advice_enrichment_save(
            actor=dt_member, herstelactie=action, body="Een oude versie.", expected_version=1
        )
    assert list(AdviceEnrichment.objects.values_list("version", flat=True)) == [2, 1]
    assert AuditEvent.objects.filter(event=ADVICE_ENRICHED).count() == 2


def test_enrichment_under_a_dt_mandate_or_by_a_non_dt_is_refused(
    action, adviser, dt_member, board_member
):
    in_2a(action, adviser, DT_PATH)
    with pytest.raises(ValidationError, match="mandaat DT"):
        advice_enrichment_save(
            actor=dt_member, herstelactie=action, body="Aanvulling.", expected_version=0
        )
    for persona in (adviser, board_member):
        with pytest.raises(PermissionDenied):
            advice_enrichment_save(
                actor=persona, herstelactie=action, body="Aanvulling.", expected_version=0
            )
    assert not AdviceEnrichment.objects.exists()


def test_the_enrichment_is_shown_with_the_advice_to_the_rvb(
    client, action, adviser, dt_member, board_member
):
    in_2a(action, adviser)
    client.force_login(dt_member)
    response = client.post(
        reverse("herstel:enrichment_save", args=[action.pk]),
        {"aanvulling-body": "De DT voegt toe: let op de uitvoeringslast.", "aanvulling-version": 0},
    )
    assert response.status_code == 302
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME)
    notify(action, adviser, NotificationKind.RVB_INFORMED)
    move(action, dt_member, StepMove.TO_RVB)
    client.force_login(board_member)
    for name in ("advice", "decisions"):
        page = client.get(reverse(f"herstel:{name}", args=[action.pk])).content.decode()
        assert "De DT voegt toe: let op de uitvoeringslast." in page, name
        assert "Versie 1" in page


# --- Raising the mandate ----------------------------------------------------------------------


def test_the_rvb_raises_the_mandate_to_the_minister_without_returning_to_step_1(
    action, adviser, dt_member, board_member, sbk_adviser
):
    in_2b(action, adviser, dt_member)
    assert action.mandate == Mandate.RVB
    raised = raise_to_minister(action, board_member)
    action.refresh_from_db()
    assert (raised.old_mandate, raised.new_mandate) == (Mandate.RVB, Mandate.RVB_MINISTER)
    assert action.mandate == Mandate.RVB_MINISTER
    assert action.step == Step.MINISTER
    assert "Verhoogd door de RvB" in action.mandate_rule
    assert "De RvB en de minister" not in action.mandate_rule.split("\n")[0]  # computed rule kept
    intended = Decision.objects.get(forum=Forum.RVB, outcome=Outcome.VOORGENOMEN_BESLUIT)
    assert intended.mandate == Mandate.RVB_MINISTER
    # The obligations of the minister path: SBK's note and the minister's approval are open.
    assert open_items(action) == [
        "SBK heeft met SZW een nota aan de minister opgesteld",
        "De minister heeft akkoord gegeven",
    ]
    assert Message.objects.filter(kind=AWAITING_SBK, recipient=sbk_adviser).exists()
    event = AuditEvent.objects.get(event=MANDATE_RAISED)
    assert event.changes["mandate"] == ["rvb", "rvb_minister"]
    assert event.changes["step"] == ["stap_2b", "minister"]
    assert event.reason.startswith("Het gekozen scenario")
    # SBK's note and the minister's approval complete step 2.
    notify(action, sbk_adviser, NotificationKind.MINISTER_NOTE)
    decide(action, sbk_adviser, Forum.MINISTER, Outcome.AKKOORD)
    assert open_items(action) == []
    move(action, adviser, StepMove.TO_EXECUTION)


def test_raised_from_a_dt_mandate_the_dts_decision_stands(action, adviser, dt_member, board_member):
    in_2b(action, adviser, dt_member, DT_PATH)
    decide(action, board_member, Forum.RVB, Outcome.BIJSTURING)
    raise_to_minister(action, board_member)
    assert open_items(action) == [
        "SBK heeft met SZW een nota aan de minister opgesteld",
        "De minister heeft akkoord gegeven",
    ]


def test_raised_to_the_rvb_the_rvb_then_decides(
    action, adviser, dt_member, board_member, sbk_adviser
):
    in_2b(action, adviser, dt_member, DT_PATH)
    mandate_raise(
        actor=board_member,
        herstelactie=action,
        new_mandate=Mandate.RVB,
        reason="Grote politieke gevoeligheid na Kamervragen.",
        expected_version=action.version,
    )
    action.refresh_from_db()
    assert (action.mandate, action.step) == (Mandate.RVB, Step.STAP_2B)
    decide(action, board_member, Forum.RVB, Outcome.BESLUIT)
    notify(action, sbk_adviser, NotificationKind.SZW_INFORMED)
    assert open_items(action) == []


def test_the_dt_cannot_raise_and_the_rvb_cannot_lower(action, adviser, dt_member, board_member):
    in_2b(action, adviser, dt_member)
    for persona in (dt_member, adviser):
        with pytest.raises(PermissionDenied):
            raise_to_minister(action, persona)
    with pytest.raises(ValidationError, match="alleen omhoog"):
        raise_to_minister(action, board_member, new_mandate=Mandate.DT)
    with pytest.raises(ValidationError, match="alleen omhoog"):
        raise_to_minister(action, board_member, new_mandate=Mandate.RVB)
    assert not MandateRaise.objects.exists()
    action.refresh_from_db()
    assert action.mandate == Mandate.RVB


def test_a_raise_outside_2b_is_refused(action, adviser, board_member):
    in_2a(action, adviser)
    with pytest.raises(ValidationError, match="stap 2B"):
        raise_to_minister(action, board_member)
    assert not MandateRaise.objects.exists()


def test_a_raise_needs_a_reason_and_to_the_minister_an_intended_decision(
    action, adviser, dt_member, board_member
):
    in_2b(action, adviser, dt_member)
    with pytest.raises(ValidationError) as refused:
        raise_to_minister(action, board_member, reason="  ")
    assert "reason" in refused.value.error_dict
    with pytest.raises(ValidationError) as refused:
        raise_to_minister(action, board_member, intended_body="", decided_on=None)
    assert set(refused.value.error_dict) == {"intended_body", "decided_on"}
    assert not MandateRaise.objects.exists()
    assert not AuditEvent.objects.filter(event=MANDATE_RAISED).exists()


def test_raising_asks_for_confirmation_on_the_page(
    client, action, adviser, dt_member, board_member
):
    in_2b(action, adviser, dt_member)
    url = reverse("herstel:mandate_raise", args=[action.pk])
    data = {
        "mandaat-new_mandate": "rvb_minister",
        "mandaat-reason": "Het scenario vraagt het akkoord van de minister.",
        "mandaat-intended_body": "Scenario B.",
        "mandaat-decided_on": "2025-03-01",
        "mandaat-version": action.version,
    }
    client.force_login(board_member)
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "Mandaat verhogen" in page
    confirmation = client.post(url, data)
    assert confirmation.status_code == 200
    assert "kan niet worden teruggedraaid" in confirmation.content.decode()
    assert not MandateRaise.objects.exists()
    back = client.post(url, data | {"terug": "1"})
    assert "Het scenario vraagt het akkoord van de minister." in back.content.decode()
    assert not MandateRaise.objects.exists()
    done = client.post(url, data | {"bevestigd": "1"})
    assert done.status_code == 302
    action.refresh_from_db()
    assert (action.mandate, action.step) == (Mandate.RVB_MINISTER, Step.MINISTER)
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "Mandaat verhoogd van Raad van Bestuur naar Raad van Bestuur en minister" in page
    assert 'action="' + url not in page  # no second raise offered


def test_the_raise_form_is_not_offered_to_the_dt(client, action, adviser, dt_member):
    in_2b(action, adviser, dt_member)
    client.force_login(dt_member)
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert reverse("herstel:mandate_raise", args=[action.pk]) not in page
    assert client.post(reverse("herstel:mandate_raise", args=[action.pk]), {}).status_code == 403


# --- Contacts with the minister ---------------------------------------------------------------


def test_the_rvb_records_its_contacts_with_the_minister(
    client, action, adviser, dt_member, board_member, sbk_adviser
):
    in_2b(action, adviser, dt_member)
    raise_to_minister(action, board_member)
    action.refresh_from_db()
    minister_contact_record(
        actor=board_member,
        herstelactie=action,
        contact_on=DAY,
        form=ContactForm.OVERLEG,
        summary="Bewindsliedenoverleg: de minister wil het scenario eerst in de ministerraad.",
    )
    minister_contact_record(
        actor=sbk_adviser,
        herstelactie=action,
        contact_on=DAY + datetime.timedelta(days=2),
        form=ContactForm.TELEFOON,
        summary="Ambtelijk SZW belt: de nota komt volgende week.",
    )
    with pytest.raises(PermissionDenied):
        minister_contact_record(
            actor=dt_member, herstelactie=action, contact_on=DAY, form="brief", summary="x"
        )
    assert MinisterContact.objects.count() == 2
    assert AuditEvent.objects.filter(event=MINISTER_CONTACT_RECORDED).count() == 2
    client.force_login(board_member)
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "de minister wil het scenario eerst in de ministerraad" in page
    assert "Contact met de minister vastleggen" in page
    labels = [entry.label for entry in timeline(action)]
    assert "Contact van de RvB met de minister" in labels
    assert "Besluitvormingsmandaat verhoogd door de RvB" in labels


def test_a_raised_mandate_is_kept_when_the_advice_is_resubmitted(
    action, adviser, dt_member, board_member
):
    in_2b(action, adviser, dt_member, DT_PATH)
    mandate_raise(
        actor=board_member,
        herstelactie=action,
        new_mandate=Mandate.RVB,
        reason="Grote politieke gevoeligheid na Kamervragen.",
        expected_version=action.version,
    )
    move(action, board_member, StepMove.RETURN_TO_ADVICE, reason="Het advies mist scenario's.")
    submit(action, adviser, DT_PATH)
    action.refresh_from_db()
    assert action.mandate == Mandate.RVB  # only up, never down
    assert "Eerder verhoogd door de RvB" in action.mandate_rule


def test_the_decisions_page_does_not_query_per_row(
    client,
    action,
    adviser,
    dt_member,
    board_member,
    sbk_adviser,
    involved,
    django_assert_max_num_queries,
):
    """Views, enrichment versions, raises and minister contacts: a flat number of queries."""
    in_2a(action, adviser)
    dt_view_record(actor=involved, herstelactie=action, position="eens", body="Eens.")
    advice_enrichment_save(actor=dt_member, herstelactie=action, body="Eén.", expected_version=0)
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME)
    notify(action, adviser, NotificationKind.RVB_INFORMED)
    move(action, dt_member, StepMove.TO_RVB)
    raise_to_minister(action, board_member)
    action.refresh_from_db()
    minister_contact_record(
        actor=board_member, herstelactie=action, contact_on=DAY, form="brief", summary="Brief."
    )
    url = reverse("herstel:decisions", args=[action.pk])
    client.force_login(board_member)
    with django_assert_max_num_queries(60) as few:
        assert client.get(url).status_code == 200
    for n in range(4):
        minister_contact_record(
            actor=board_member, herstelactie=action, contact_on=DAY, form="overleg", summary=f"{n}"
        )
    DtView.objects.create(
        herstelactie=action,
        business_unit=adviser.business_unit,
        position="oneens",
        body="Nog een.",
        recorded_by=dt_member,
    )
    for version in range(2, 5):
        AdviceEnrichment.objects.create(
            herstelactie=action, version=version, body=f"Versie {version}.", recorded_by=involved
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_involved_dts_work_queue_asks_for_its_view_until_given(action, adviser, involved):
    from herstel.selectors.workqueue import herstel_work_items  # noqa: PLC0415

    def titles():
        return [item.title for item in herstel_work_items(involved, datetime.date.today())]

    assert titles() == []  # step 1: nothing yet
    in_2a(action, adviser)
    assert titles() == [
        "Herstelactie ‘Te lage WW-uitkering na loonbeslag’ vraagt de zienswijze van uw divisie"
    ]
    dt_view_record(actor=involved, herstelactie=action, position="eens", body="Eens.")
    assert titles() == []


def test_the_view_correction_and_withdrawal_pages(client, action, adviser, involved, dt_member):
    in_2a(action, adviser)
    view = dt_view_record(actor=involved, herstelactie=action, position="eens", body="Eens.")
    correct = reverse("herstel:dt_view_correct", args=[action.pk, view.pk])
    withdraw = reverse("herstel:dt_view_withdraw", args=[action.pk, view.pk])
    client.force_login(dt_member)  # the lead DT: not its view
    assert client.get(correct).status_code == 403
    client.force_login(involved)
    assert client.get(correct).status_code == 200
    refused = client.post(
        correct,
        {
            "zienswijze-position": "oneens",
            "zienswijze-body": "Toch oneens.",
            "zienswijze-reason": "",
        },
    )
    assert refused.status_code == 400
    assert "Toch oneens." in refused.content.decode()
    assert client.post(withdraw, {"reason": ""}).status_code == 400
    assert client.post(withdraw, {"reason": "Bij de verkeerde actie."}).status_code == 302
    assert client.get(withdraw).status_code == 404  # withdrawn: no longer a standing view
    page = client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()
    assert "ingetrokken" in page
