"""A herstelactie's step moves cannot be taken back (or only with a reason): the page asks first
and says what happens (issue 17, "guarded moves"). A move that would be refused is never put up
for confirmation; going back from the confirmation keeps the typed reason."""

import re

from django.urls import reverse

from herstel.constants import Forum, Outcome, Step
from tests.herstel.flow import decide, fill_advice, submit


def post_move(client, action, move, reason="", **extra):
    return client.post(
        reverse("herstel:move", args=[action.pk]),
        {f"{move}-move": move, f"{move}-version": action.version, f"{move}-reason": reason} | extra,
    )


def test_presenting_the_advice_asks_first_and_names_the_mandate(client, adviser, action):
    fill_advice(action, adviser)
    action.refresh_from_db()
    client.force_login(adviser)
    response = post_move(client, action, "submit_advice")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Advies voorleggen aan de DT: ‘" in html
    assert "liggen daarna vast" in html
    assert "Mandaat volgens de criteria: " in html
    assert "Ja: Advies voorleggen aan de DT" in html
    action.refresh_from_db()
    assert action.step == Step.STAP_1 and not action.mandate

    response = post_move(client, action, "submit_advice", bevestigd="1")
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.step == Step.STAP_2A


def test_a_blocked_move_is_refused_without_asking(client, adviser, action):
    client.force_login(adviser)  # the advice is still empty
    response = post_move(client, action, "submit_advice")
    assert response.status_code == 400
    assert "Ja: " not in response.content.decode()
    action.refresh_from_db()
    assert action.step == Step.STAP_1


def test_a_move_without_its_reason_is_refused_without_asking(client, adviser, action):
    submit(action, adviser)
    action.refresh_from_db()
    client.force_login(adviser)
    response = post_move(client, action, "return_to_advice", reason=" ")
    assert response.status_code == 400
    assert "Ja: " not in response.content.decode()


def test_going_back_keeps_the_reason_and_moves_nothing(client, adviser, action):
    submit(action, adviser)
    action.refresh_from_db()
    client.force_login(adviser)
    reason = "De DT wil eerst de doelgroep scherper zien."
    asked = post_move(client, action, "return_to_advice", reason=reason)
    assert asked.status_code == 200 and reason in asked.content.decode()
    back = post_move(client, action, "return_to_advice", reason=reason, terug="1")
    assert back.status_code == 200
    assert re.search(rf">\s*{reason}</textarea>", back.content.decode())
    assert "Ja: " not in back.content.decode()
    action.refresh_from_db()
    assert action.step == Step.STAP_2A


def test_someone_who_may_not_move_never_sees_the_confirmation(
    client, adviser, action, dt_member, board_member
):
    submit(action, adviser)
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    action.refresh_from_db()
    client.force_login(board_member)  # the RvB decides in 2B; it does not move out of 2A
    response = post_move(client, action, "to_rvb")
    assert response.status_code in (400, 403, 404)
    assert "Ja: " not in response.content.decode()
    action.refresh_from_db()
    assert action.step == Step.STAP_2A
