"""Withdrawing a decision recorded in error (issue 17, "a decision recorded in error ... stays
visible, struck through, with the reason; the step's obligations are recomputed"): whoever
records the forum's decisions asks first (a page with a required reason), while the action is in
step 2. The record stays in the decisions list and on the timeline, struck through with who, when
and why; the obligations, the DT's part of 2A (its form comes back), the moves, the work queue
and SBK's list are recomputed without it. The corrections chain: only the standing record is
withdrawn, and it takes the records it corrected along. Refused for anyone else, another
forum's recorder, after step 2, without a reason and twice."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from herstel.constants import Forum, NotificationKind, Outcome, Step, StepMove
from herstel.models import Decision
from herstel.rules import StepMoveNotAllowed, decision_withdrawal_refusal
from herstel.selectors.actions import decision_facts, obligations_of
from herstel.selectors.figures import sbk_overview
from herstel.services.decisions import decision_correct, decision_withdraw
from tests.herstel.flow import DAY, RVB_PATH, decide, move, notify, submit, to_execution
from uwvkms.models import AuditEvent
from uwvkms.workqueue import work_queue_for

REASON = "Vastgelegd bij de verkeerde herstelactie; de DT heeft hierover niet besloten."
DT_FORM = "Besluit vastleggen: DT (stap 2A)"


def withdraw_url(decision):
    return reverse("herstel:decision_withdraw", args=[decision.herstelactie_id, decision.pk])


def decisions_page(client, action):
    return client.get(reverse("herstel:decisions", args=[action.pk])).content.decode()


def open_items(action) -> list[str]:
    action.refresh_from_db()
    return [label for label, met in obligations_of(action) if not met]


@pytest.fixture
def dt_decided(action, adviser, dt_member):
    """On the DT path in 2A, with the DT's decision recorded."""
    submit(action, adviser)
    return decide(action, dt_member, Forum.DT, Outcome.BESLUIT)


@pytest.mark.parametrize(
    ("step", "forum", "is_withdrawn", "is_corrected", "refused"),
    [
        (Step.STAP_2A, Forum.DT, False, False, None),
        (Step.STAP_2B, Forum.RVB, False, False, None),
        (Step.MINISTER, Forum.MINISTER, False, False, None),
        (Step.STAP_2A, Forum.DT, True, False, "Dit besluit is al ingetrokken."),
        (Step.STAP_2A, Forum.DT, False, True, "Dit besluit is vervangen door een correctie."),
        # The next step rests on the decision: the DT's part is not reopened from 2B.
        (Step.STAP_2B, Forum.DT, False, False, "Een besluit wordt alleen ingetrokken zolang"),
        (Step.MINISTER, Forum.RVB, False, False, "Een besluit wordt alleen ingetrokken zolang"),
        (Step.STAP_1, Forum.DT, False, False, "Een besluit wordt alleen ingetrokken zolang"),
        (Step.STAP_3, Forum.RVB, False, False, "Een besluit wordt alleen ingetrokken zolang"),
        (Step.GESLOTEN, Forum.DT, False, False, "Een besluit wordt alleen ingetrokken zolang"),
    ],
)
def test_decision_withdrawal_refusal(step, forum, is_withdrawn, is_corrected, refused):
    refusal = decision_withdrawal_refusal(
        step=step, forum=forum, is_withdrawn=is_withdrawn, is_corrected=is_corrected
    )
    if refused is None:
        assert refusal is None
    else:
        assert refusal.startswith(refused)


def test_a_withdrawn_dt_decision_reopens_the_dts_part_of_2a(
    client, action, adviser, dt_member, dt_decided
):
    assert open_items(action) == [
        "De RvB is geïnformeerd",
        "De RvB heeft het besluit van de DT ter kennisgeving aangenomen of bijgestuurd (stap 2B)",
    ]
    client.force_login(dt_member)
    html = decisions_page(client, action)
    assert DT_FORM not in html and withdraw_url(dt_decided) in html
    assert "Besluit 2A" not in [item.kind for item in work_queue_for(dt_member)]

    question = client.get(withdraw_url(dt_decided))
    assert question.status_code == 200 and 'name="reason"' in question.content.decode()
    response = client.post(withdraw_url(dt_decided), {"reason": REASON})
    assert response.status_code == 302
    assert response.url == reverse("herstel:decisions", args=[action.pk])

    decision = Decision.with_withdrawn.get(pk=dt_decided.pk)
    assert (decision.withdrawn_by, decision.withdrawal_reason) == (dt_member, REASON)
    assert not Decision.objects.exists()
    # The obligations are recomputed: the DT must decide again, its form is offered again.
    assert open_items(action)[0] == "De DT heeft besloten (stap 2A)"
    assert Forum.DT not in decision_facts(action).latest
    html = decisions_page(client, action)
    assert DT_FORM in html
    assert "<del>" in html and REASON in html and "ingetrokken" in html
    assert withdraw_url(dt_decided) not in html
    assert "Besluit 2A" in [item.kind for item in work_queue_for(dt_member)]
    with pytest.raises(StepMoveNotAllowed, match="Nog niet gedaan: De DT heeft besloten"):
        move(action, dt_member, StepMove.TO_RVB)
    # Decided again, it stands.
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT, "Besloten na de juiste vergadering.")
    assert "De DT heeft besloten (stap 2A)" not in open_items(action)


def test_the_timeline_and_the_history_say_who_withdrew_what_and_why(
    client, action, dt_member, dt_decided
):
    decision_withdraw(actor=dt_member, decision=dt_decided, reason=REASON)
    event = AuditEvent.objects.get(event="herstel.decision.withdrawn")
    assert (event.actor, event.reason) == (dt_member, REASON)
    assert event.object_id == str(action.pk)
    client.force_login(dt_member)
    html = client.get(reverse("herstel:timeline", args=[action.pk])).content.decode()
    assert "Besluit ingetrokken" in html
    assert html.count("<del>") >= 2  # the recording and the withdrawal both show it struck
    assert REASON in html


def test_a_missing_reason_gives_the_page_back(client, dt_member, dt_decided):
    client.force_login(dt_member)
    response = client.post(withdraw_url(dt_decided), {"reason": " "})
    assert response.status_code == 400
    assert "Geef de reden waarom u dit besluit intrekt." in response.content.decode()
    with pytest.raises(ValidationError) as exc:
        decision_withdraw(actor=dt_member, decision=dt_decided, reason="")
    assert exc.value.message_dict == {"reason": ["Geef de reden waarom u dit intrekt."]}
    assert Decision.objects.count() == 1


@pytest.mark.parametrize("persona", ["other_dt", "adviser", "board_member", "sbk_adviser"])
def test_only_whoever_records_the_forums_decisions_withdraws_them(
    client, request, persona, dt_decided
):
    """Another division's DT, the lead advisers, the RvB and SBK do not record the DT's
    decisions, so they do not withdraw them (the RvB and SBK read the action: 403; another
    division's DT does not see it: 404)."""
    user = request.getfixturevalue(persona)
    with pytest.raises(PermissionDenied):
        decision_withdraw(actor=user, decision=dt_decided, reason=REASON)
    client.force_login(user)
    assert client.get(withdraw_url(dt_decided)).status_code in (403, 404)
    assert client.post(withdraw_url(dt_decided), {"reason": REASON}).status_code in (403, 404)
    assert Decision.objects.count() == 1
    page = client.get(reverse("herstel:decisions", args=[dt_decided.herstelactie_id]))
    if page.status_code == 200:
        assert withdraw_url(dt_decided) not in page.content.decode()


def test_another_actions_decision_is_not_found(client, adviser, dt_member, dt_decided):
    from tests.herstel.flow import start

    other = start(adviser, title="Een andere herstelactie")
    client.force_login(dt_member)
    wrong = reverse("herstel:decision_withdraw", args=[other.pk, dt_decided.pk])
    assert client.get(wrong).status_code == 404


def test_withdrawn_once_only(client, dt_member, dt_decided):
    decision_withdraw(actor=dt_member, decision=dt_decided, reason=REASON)
    with pytest.raises(ValidationError, match="al ingetrokken"):
        decision_withdraw(actor=dt_member, decision=dt_decided, reason=REASON)
    client.force_login(dt_member)
    page = client.get(withdraw_url(dt_decided)).content.decode()
    assert "al ingetrokken" in page and 'name="reason"' not in page
    assert AuditEvent.objects.filter(event="herstel.decision.withdrawn").count() == 1


def test_the_dts_decision_stands_once_the_action_moved_to_2b(
    client, action, adviser, dt_member, board_member
):
    """Withdrawn from 2B, the DT's decision would leave 2A's obligation open for good: the
    execution could never start, and 2A's form is no longer there to meet it."""
    submit(action, adviser, RVB_PATH)
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME)
    action.refresh_from_db()
    move(action, adviser, StepMove.TO_RVB)
    dt = Decision.objects.get(forum=Forum.DT)
    with pytest.raises(ValidationError, match="Stap 2A · DT"):
        decision_withdraw(actor=dt_member, decision=dt, reason=REASON)
    client.force_login(dt_member)
    assert withdraw_url(dt) not in decisions_page(client, action)
    assert not Decision.with_withdrawn.filter(withdrawn_at__isnull=False).exists()


def test_after_step_2_decisions_stand(client, action, adviser, dt_member, board_member):
    to_execution(action, adviser, dt_member, board_member)
    dt = Decision.objects.get(forum=Forum.DT)
    with pytest.raises(ValidationError, match="zolang de herstelactie in Stap 2A · DT staat"):
        decision_withdraw(actor=dt_member, decision=dt, reason=REASON)
    client.force_login(dt_member)
    assert withdraw_url(dt) not in decisions_page(client, action)
    page = client.get(withdraw_url(dt)).content.decode()
    assert "zolang de herstelactie in Stap 2A · DT staat" in page and 'name="reason"' not in page


def test_a_correction_takes_the_record_it_corrected_along(client, action, dt_member, dt_decided):
    correction = decision_correct(
        actor=dt_member,
        decision=dt_decided,
        outcome=Outcome.BESLUIT,
        body="Besloten, met een kleinere groep.",
        decided_on=DAY,
        reason="De groep was te ruim omschreven.",
    )
    # The replaced record is withdrawn through its correction only.
    with pytest.raises(ValidationError, match="vervangen door een correctie"):
        decision_withdraw(actor=dt_member, decision=dt_decided, reason=REASON)
    client.force_login(dt_member)
    html = decisions_page(client, action)
    assert withdraw_url(dt_decided) not in html and withdraw_url(correction) in html

    decision_withdraw(actor=dt_member, decision=correction, reason=REASON)
    assert not Decision.objects.exists()
    assert set(Decision.with_withdrawn.values_list("withdrawn_by", "withdrawal_reason")) == {
        (dt_member.pk, REASON)
    }
    assert Forum.DT not in decision_facts(action).latest
    assert DT_FORM in decisions_page(client, action)


def test_a_withdrawn_rvb_decision_puts_sbks_task_back_to_waiting(
    action, adviser, dt_member, board_member, sbk_adviser
):
    """On the RvB path SBK informs SZW after the RvB's decision; withdrawn, the decision is
    awaited again, and with it SBK's task is no longer ready, and the RvB's queue has it back."""
    submit(action, adviser, RVB_PATH)
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME, "Kennisgenomen.")
    notify(action, adviser, NotificationKind.RVB_INFORMED)
    move(action, dt_member, StepMove.TO_RVB)
    rvb = decide(action, board_member, Forum.RVB, Outcome.BESLUIT)

    def sbk_ready():
        return [
            task.ready for row in sbk_overview() if row.action.pk == action.pk for task in row.tasks
        ]

    assert sbk_ready() == [True]
    assert "Besluit 2B" not in [item.kind for item in work_queue_for(board_member)]
    decision_withdraw(actor=board_member, decision=rvb, reason="Nooit in de RvB besproken.")
    assert sbk_ready() == [False]
    assert "Besluit 2B" in [item.kind for item in work_queue_for(board_member)]
    assert "De RvB heeft besloten (stap 2B)" in open_items(action)


def test_a_withdrawn_decision_is_not_corrected(client, action, dt_member, dt_decided):
    decision_withdraw(actor=dt_member, decision=dt_decided, reason=REASON)
    with pytest.raises(ValidationError, match="ingetrokken"):
        decision_correct(
            actor=dt_member,
            decision=dt_decided,
            outcome=Outcome.BESLUIT,
            body="Toch.",
            decided_on=DAY,
            reason="Alsnog.",
        )
    client.force_login(dt_member)
    correct = reverse("herstel:decision_correct", args=[action.pk, dt_decided.pk])
    assert correct not in decisions_page(client, action)
    assert client.get(correct).status_code == 404
