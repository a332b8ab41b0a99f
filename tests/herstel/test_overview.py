"""The overview of herstelacties: the actions the user may see, in a fixed number of queries
however many there are."""

from django.urls import reverse

from herstel.services.working_group import working_group_member_add
from tests.herstel.flow import DT_PATH, start, submit


def test_each_sees_their_own(
    client, adviser, other_adviser, sbk_adviser, board_member, dt_member, other_dt, wg_user
):
    ours = start(adviser, title="Actie van Uitkeren")
    theirs = start(other_adviser, title="Actie van Handhaving")
    working_group_member_add(actor=other_adviser, herstelactie=theirs, user=wg_user, role="Lid")

    def titles(user):
        client.force_login(user)
        return {a.title for a in client.get(reverse("herstel:list")).context["actions"]}

    assert titles(adviser) == {ours.title}
    assert titles(other_adviser) == {theirs.title}
    assert titles(dt_member) == {ours.title}
    assert titles(other_dt) == {theirs.title}
    assert titles(wg_user) == {theirs.title}
    assert titles(board_member) == titles(sbk_adviser) == {ours.title, theirs.title}


def test_the_list_shows_step_mandate_and_lead(client, adviser, action):
    submit(action, adviser, DT_PATH)
    client.force_login(adviser)
    page = client.get(reverse("herstel:list")).content.decode()
    assert "Stap 2A · DT" in page and "DT van de divisie" in page and "Uitkeren" in page
    assert "Herstelactie starten" in page


def test_the_list_reads_in_a_fixed_number_of_queries(
    client, board_member, adviser, other_adviser, django_assert_max_num_queries
):
    start(adviser)
    client.force_login(board_member)
    url = reverse("herstel:list")
    client.get(url)
    with django_assert_max_num_queries(10) as small:
        client.get(url)
    for n in range(6):
        submit(
            start(adviser if n % 2 else other_adviser, title=f"Actie {n}"),
            adviser if n % 2 else other_adviser,
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert len(page.context["actions"]) == 7
