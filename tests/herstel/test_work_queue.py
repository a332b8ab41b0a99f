"""Herstelacties on the work queue (issue 16 §1): the DT of the lead division sees an action
waiting for its 2A decision and, in execution, for its go/no-go; the RvB an action waiting for
its 2B decision; the lead division's advisers their advice (step 1) and evaluation (step 4); SBK
its tasks towards SZW. The DT of another division, a working-group member and an outsider see
none of it; every line links to a page that answers 200 for its reader."""

import datetime

from herstel.constants import Forum, NotificationKind, Outcome, StepMove
from tests.herstel.flow import (
    RVB_PATH,
    decide,
    go,
    import_rows,
    move,
    notify,
    row,
    start,
    submit,
    to_execution,
)
from uwvkms.workqueue import work_queue_for


def lines(user, kind):
    return [item for item in work_queue_for(user) if item.kind == kind]


def test_the_dt_sees_the_2a_decision_waiting(client, action, adviser, dt_member, other_dt):
    submit(action, adviser)
    [line] = lines(dt_member, "Besluit 2A")
    assert line.title == f"Herstelactie ‘{action.title}’ wacht op het besluit van de DT"
    client.force_login(dt_member)
    assert client.get(line.url).status_code == 200
    assert not lines(other_dt, "Besluit 2A")
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    assert not lines(dt_member, "Besluit 2A")


def test_the_rvb_sees_the_2b_decision_waiting(
    client, action, adviser, dt_member, board_member, sbk_adviser, wg_member, outsider
):
    submit(action, adviser, RVB_PATH)
    assert not lines(board_member, "Besluit 2B")  # still with the DT
    decide(action, dt_member, Forum.DT, Outcome.KENNISNAME, "Kennisgenomen.")
    move(action, adviser, StepMove.TO_RVB)
    [line] = lines(board_member, "Besluit 2B")
    assert "wacht op het besluit van de RvB" in line.title
    client.force_login(board_member)
    assert client.get(line.url).status_code == 200
    for user in (dt_member, wg_member, outsider):
        assert not lines(user, "Besluit 2B")
    # After the RvB's decision SBK has to inform SZW; that is SBK's line now.
    decide(action, board_member, Forum.RVB, Outcome.BESLUIT)
    assert not lines(board_member, "Besluit 2B")
    [sbk] = lines(sbk_adviser, "SBK")
    assert action.title in sbk.title
    client.force_login(sbk_adviser)
    assert client.get(sbk.url).status_code == 200
    assert not lines(adviser, "SBK")


def test_the_dt_sees_the_go_no_go_due(action, adviser, dt_member, other_dt, board_member):
    to_execution(action, adviser, dt_member, board_member)
    assert [i.kind for i in lines(dt_member, "Go/no-go")] == ["Go/no-go"]
    assert not lines(other_dt, "Go/no-go")
    go(action, dt_member)
    assert not lines(dt_member, "Go/no-go")


def test_the_lead_advisers_see_their_advice_and_not_another_divisions(
    client, action, adviser, other_adviser
):
    [line] = lines(adviser, "Advies")
    client.force_login(adviser)
    assert client.get(line.url).status_code == 200
    assert not lines(other_adviser, "Advies")


def test_the_readers_of_the_overview_see_its_totals(
    client, action, adviser, dt_member, board_member, fez_adviser, sbk_adviser, outsider
):
    [line] = lines(board_member, "Overzicht")
    assert line.title == "1 herstelactie loopt"
    assert line.detail == (
        "1 in advies, 0 in besluitvorming, 0 in uitvoering, 0 in evaluatie · 0 afgesloten"
    )
    submit(action, adviser)
    [line] = lines(board_member, "Overzicht")
    assert line.detail.startswith("0 in advies, 1 in besluitvorming")
    for reader in (board_member, fez_adviser, sbk_adviser):
        [line] = lines(reader, "Overzicht")
        client.force_login(reader)
        assert client.get(line.url).status_code == 200
    for user in (adviser, dt_member, outsider):
        assert not lines(user, "Overzicht")


def test_the_lead_advisers_follow_step_2_and_3_by_what_blocks_the_next_step(
    client, action, adviser, other_adviser, dt_member, board_member
):
    submit(action, adviser)  # the DT path
    [line] = lines(adviser, "Besluitvorming")
    assert line.detail.startswith("Nog niet gedaan: De DT heeft besloten (stap 2A); ")
    decide(action, dt_member, Forum.DT, Outcome.BESLUIT)
    [line] = lines(adviser, "Volgende stap")
    assert line.title == f"Herstelactie ‘{action.title}’: Voorleggen aan de RvB"
    move(action, adviser, StepMove.TO_RVB)
    [line] = lines(adviser, "Besluitvorming")
    # The DT's decision went to the RvB members through the app (issue 20): the RvB is
    # informed; what remains is the RvB's own part.
    assert "De RvB is geïnformeerd" not in line.detail
    assert not lines(adviser, "Volgende stap")
    notify(action, adviser, NotificationKind.RVB_INFORMED)  # by hand as well: still allowed
    assert not lines(adviser, "Volgende stap")
    decide(action, board_member, Forum.RVB, Outcome.KENNISNAME)
    # Every obligation of the path met: the move is the advisers' to make now.
    [line] = lines(adviser, "Volgende stap")
    assert line.title == f"Herstelactie ‘{action.title}’: Door naar stap 3 · uitvoering"
    client.force_login(adviser)
    assert client.get(line.url).status_code == 200
    assert not lines(other_adviser, "Volgende stap")

    move(action, adviser, StepMove.TO_EXECUTION)
    [line] = lines(adviser, "Uitvoering")
    assert "go" in line.detail.lower()
    go(action, dt_member)
    import_rows(action, adviser, [row("HA-1", "afgehandeld", "nabetalen", "10,00", 0, 0, 0)])
    [line] = lines(adviser, "Volgende stap")
    assert "door naar stap 4" in line.title
    assert client.get(line.url).status_code == 200


def test_the_advisers_lines_do_not_grow_with_the_actions(
    action, adviser, dt_member, django_assert_max_num_queries
):
    from herstel.selectors.workqueue import herstel_work_items

    submit(action, adviser)
    for number in range(3):
        other = start(adviser, title=f"Tweede fout {number}")
        submit(other, adviser)
    with django_assert_max_num_queries(5):
        items = herstel_work_items(adviser, datetime.date.today())
    assert len([i for i in items if i.kind == "Besluitvorming"]) == 4
