"""Who may be mentioned in a comment thread (issue 21 §4): under the form of every thread,
"Wie kunt u noemen?" lists by name and @username exactly the active users who may read the
thread, as its app's registration decides (`CommentTarget.readers`, which must agree with
`may_read`); nobody who may not read it, so the list reveals no target and every listed handle
is accepted by the mention parser. Server-rendered, in one query whatever the number of
readers."""

import pytest
from django.urls import reverse

from findings.services.report_structure import report_structure_start
from herstel.services.communication import kapstok_save
from herstel.services.working_group import working_group_member_add
from tests.comments_helpers import colleague_on_team, concept_score, queries_of
from tests.factories import UserFactory
from tests.findings.unit_reporting import observe, recommend
from tests.herstel.flow import make_issue, start
from uwvkms.comments import (
    comment_post,
    mentionable,
    mentioned_usernames,
    target_kind,
    thread_url,
)
from uwvkms.constants import Role
from uwvkms.models import User

# The personas are fetched by name (`everyone`): the marker tells pytest-django these tests use
# the database, so they run with the other database tests, not after a flushing one.
pytestmark = pytest.mark.django_db

# Everyone the tests know, so each kind's list is compared against every one of them.
PERSONAS = [
    "coordinator",
    "auditor",
    "other_auditor",
    "board_member",
    "unit_board",
    "outsider",
    "adviser",
    "other_adviser",
    "sbk_adviser",
    "dt_member",
    "other_dt",
    "wg_user",
    "beheerder",
    "fez_adviser",
    "communicatie_user",
    "issuemanager",
]


@pytest.fixture
def everyone(request):
    return {name: request.getfixturevalue(name) for name in PERSONAS}


@pytest.fixture
def bram(coordinator, cycle, uitkeren, fez):
    return colleague_on_team(coordinator=coordinator, cycle=cycle, unit=uitkeren, fez=fez)


@pytest.fixture
def action(adviser, wg_user, other_dt, handhaving, communicatie_user, issuemanager):
    """An action led by Uitkeren, with a working-group member, a member from Handhaving (which
    makes Handhaving's DT involved) and an issuemanager."""
    action = start(adviser)
    working_group_member_add(
        actor=adviser, herstelactie=action, user=wg_user, role="Financieel adviseur"
    )
    from_handhaving = UserFactory(username="handhaver", business_unit=handhaving)
    working_group_member_add(
        actor=adviser, herstelactie=action, user=from_handhaving, role="Uitvoering"
    )
    return make_issue(action, communicatie_user, issuemanager)


def _target(request, kind):
    cycle, uitkeren, auditor = (
        request.getfixturevalue(n) for n in ("cycle", "uitkeren", "auditor")
    )
    request.getfixturevalue("bram")
    if kind == "score":
        return concept_score(cycle=cycle, unit=uitkeren, auditor=auditor)
    if kind == "finding":
        return observe(auditor, cycle, uitkeren, text="Het jaarplan is actueel.")
    if kind == "recommendation":
        return recommend(auditor, cycle, uitkeren, title="Meet het effect")
    if kind == "section":
        return report_structure_start(actor=request.getfixturevalue("coordinator"), cycle=cycle)[0]
    if kind == "kapstok":
        return kapstok_save(
            actor=request.getfixturevalue("issuemanager"),
            herstelactie=request.getfixturevalue("action"),
            expected_version=0,
            narrative="Narratief.",
            key_messages="Boodschap.",
            questions_answers=[],
        )
    return request.getfixturevalue("action")


KINDS = ["score", "finding", "recommendation", "section", "action", "kapstok"]


@pytest.mark.parametrize("kind", KINDS)
def test_the_list_is_exactly_who_may_read_the_thread(request, everyone, kind):
    target = _target(request, kind)
    UserFactory(username="oud.toetser", is_active=False, roles=[Role.COORDINATIETEAM])
    registered = target_kind(target)
    listed = {user.username for user in mentionable(target)}
    readers = {user.username for user in User.objects.all() if registered.readable_by(user, target)}
    assert listed == readers
    assert listed  # every kind has readers in this world
    assert "outsider" not in listed and "oud.toetser" not in listed


@pytest.mark.parametrize("kind", KINDS)
def test_every_listed_handle_is_accepted_as_a_mention(request, everyone, kind):
    target = _target(request, kind)
    listed = mentionable(target)
    text = " ".join(f"@{user.username}" for user in listed)
    assert mentioned_usernames(text) == [user.username for user in listed]
    author = next(u for u in listed if target_kind(target).writable_by(u, target))
    comment_post(actor=author, target=target, text=f"Graag jullie blik: {text}")


def test_the_score_thread_lists_its_team_and_the_coordination_team(
    client, cycle, uitkeren, auditor, bram, coordinator, other_auditor, outsider, unit_board
):
    score = concept_score(cycle=cycle, unit=uitkeren, auditor=auditor)
    client.force_login(auditor)
    page = client.get(thread_url(score)).content.decode()
    details = page.split("<summary>Wie kunt u noemen?</summary>", 1)[1].split("</details>")[0]
    assert "Bram Collega <code>@bram</code>" in details
    assert f"<code>@{coordinator.username}</code>" in details
    assert f"<code>@{auditor.username}</code>" in details
    for stranger in (other_auditor, outsider, unit_board):
        assert f"@{stranger.username}<" not in details, stranger


def test_the_list_sits_under_the_form_on_the_page_and_the_edit_page(
    client, cycle, uitkeren, auditor, bram
):
    score = concept_score(cycle=cycle, unit=uitkeren, auditor=auditor)
    client.force_login(auditor)
    page = client.get(
        reverse("maturity:score_edit", args=[cycle.year, uitkeren.pk, "klantgerichtheid"])
    ).content.decode()
    assert page.index("Reactie plaatsen") < page.index("Wie kunt u noemen?")
    comment = comment_post(actor=auditor, target=score, text="Eerste gedachte.")
    edit = client.get(reverse("comment_edit", args=[comment.pk])).content.decode()
    assert "Wie kunt u noemen?" in edit and "<code>@bram</code>" in edit


def test_an_outsider_gets_no_list_and_no_thread(client, cycle, uitkeren, auditor, outsider):
    score = concept_score(cycle=cycle, unit=uitkeren, auditor=auditor)
    client.force_login(outsider)
    response = client.get(thread_url(score))
    assert response.status_code == 404
    assert "Wie kunt u noemen?" not in response.content.decode()


def test_the_list_costs_the_same_whatever_the_number_of_readers(
    client, cycle, uitkeren, auditor, bram
):
    score = concept_score(cycle=cycle, unit=uitkeren, auditor=auditor)
    client.force_login(auditor)
    url = thread_url(score)
    few = queries_of(client, url)
    for n in range(6):
        UserFactory(username=f"coord{n}", roles=[Role.COORDINATIETEAM])
    assert queries_of(client, url) == few
    assert "<code>@coord5</code>" in client.get(url).content.decode()
