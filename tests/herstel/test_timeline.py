"""The timeline: every step move, decision, notification and change of an action in order, with
who and when, old → new, the reasons and the decision records; in a fixed number of queries."""

import datetime

from django.urls import reverse

from herstel.constants import Forum, NotificationKind, Outcome, StepMove
from herstel.selectors.timeline import Kind, timeline
from herstel.services.actions import control_measure_add
from herstel.services.communication import issue_set
from herstel.services.decisions import decision_correct
from tests.factories import UserFactory
from tests.herstel.flow import DAY, DT_PATH, decide, move, notify, submit
from uwvkms.constants import Role


def walk(action, adviser, dt_member, board_member):
    control_measure_add(
        actor=adviser,
        herstelactie=action,
        description="Dagloon automatisch controleren",
        owner="Proceseigenaar WW",
        due_on=datetime.date(2027, 1, 1),
    )
    submit(action, adviser, DT_PATH)
    wrong = decide(action, dt_member, Forum.DT, Outcome.VOORGENOMEN_BESLUIT, "Eerste lezing.")
    decision_correct(
        actor=dt_member,
        decision=wrong,
        outcome=Outcome.BESLUIT,
        body="Definitief: nabetalen.",
        decided_on=DAY,
        reason="Was definitief.",
    )
    notify(action, adviser, NotificationKind.RVB_INFORMED)
    communicatie = UserFactory(username="communicatie.tijdlijn", roles=[Role.COMMUNICATIE])
    issue_set(actor=communicatie, herstelactie=action, is_issue=True, reason="Regionale pers belt.")
    move(action, dt_member, StepMove.TO_RVB)
    decide(action, board_member, Forum.RVB, Outcome.KENNISNAME)
    move(action, adviser, StepMove.TO_EXECUTION)


def test_every_step_decision_notification_and_change_in_order(
    adviser, action, dt_member, board_member
):
    walk(action, adviser, dt_member, board_member)
    entries = timeline(action)
    assert [(e.kind, e.label) for e in entries] == [
        (Kind.STEP, "Herstelactie gestart in stap 1"),
        (Kind.NOTIFICATION, "Vaste contactpersonen ingelicht; werkgroep gevormd"),
        (Kind.CHANGE, "Beheersmaatregel toegevoegd"),
        (Kind.CHANGE, "Advies gewijzigd"),
        (Kind.STEP, "Van Stap 1 · situatie en advies naar Stap 2A · DT"),
        (Kind.DECISION, "Besluit vastgelegd"),
        (Kind.DECISION, "Besluit gecorrigeerd"),
        (Kind.NOTIFICATION, "RvB geïnformeerd"),
        (Kind.CHANGE, "Gemarkeerd als issue"),
        (Kind.STEP, "Van Stap 2A · DT naar Stap 2B · RvB"),
        (Kind.DECISION, "Besluit vastgelegd"),
        (Kind.STEP, "Van Stap 2B · RvB naar Stap 3 · uitvoering"),
    ]
    submitted = entries[4]
    assert submitted.actor == adviser
    assert ("mandaat", "–", "DT van de divisie") in submitted.changes
    corrected = entries[6]
    assert corrected.decision.body == "Definitief: nabetalen."
    assert corrected.reason == "Was definitief."
    assert ("uitkomst", "Voorgenomen besluit", "Besluit") in corrected.changes
    advice = entries[3]
    assert (
        "Impact op de organisatie: oordeel",
        "–",
        "Gering",
    ) in advice.changes


def test_the_page_reads_in_a_fixed_number_of_queries(
    client, adviser, action, dt_member, board_member, django_assert_max_num_queries
):
    client.force_login(adviser)
    url = reverse("herstel:timeline", args=[action.pk])
    client.get(url)
    with django_assert_max_num_queries(12) as small:
        client.get(url)
    walk(action, adviser, dt_member, board_member)
    # The timeline itself does not grow; the navigation's work queue reads three more for an
    # action in execution (its go/no-go, dossiers and evaluations: what blocks the next step).
    with django_assert_max_num_queries(len(small.captured_queries) + 3):
        page = client.get(url)
    assert len(page.context["entries"]) == 12
    html = page.content.decode()
    assert "Definitief: nabetalen." in html and "Regionale pers belt." in html
