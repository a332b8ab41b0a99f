"""Every herstel page, rendered with data: strict CSP without inline code, unique ids, and every
label pointing at a field that exists."""

from collections import Counter

from django.urls import reverse
from django.utils import timezone

from herstel.constants import Directorate, Forum, Outcome
from herstel.models import ContactPoint
from herstel.services.communication import kapstok_save
from herstel.services.communication_tasks import communication_task_add
from tests.audits.test_fieldwork_pages import _Ids
from tests.herstel.flow import MINISTER_PATH, decide, make_issue, submit
from tests.uwvkms.test_security_headers import _assert_no_unsafe_inline, _assert_strict_policy
from uwvkms.comments import comment_post, thread_url


def test_pages_are_strict_and_well_labelled(
    client, adviser, action, dt_member, sbk_adviser, board_member, wg_member, communicatie_user
):
    point = ContactPoint.objects.create(directorate=Directorate.SBK, name="Sam SBK")
    submit(action, adviser, MINISTER_PATH)
    decision = decide(action, dt_member, Forum.DT, Outcome.KENNISNAME)
    make_issue(action, communicatie_user)
    kapstok_save(
        actor=communicatie_user,
        herstelactie=action,
        expected_version=0,
        narrative="Narratief.",
        key_messages="Een.\nTwee.",
        questions_answers=[("Vraag?", "Antwoord.")],
        joint_approach="Eerst intern.",
    )
    kapstok = action.kapstok_versions.get()
    comment = comment_post(actor=adviser, target=kapstok, text="Noem de doelgroep.")
    task = communication_task_add(
        actor=communicatie_user,
        herstelactie=action,
        discipline="woordvoering",
        description="Perslijn.",
        owner_name="Daan Pers",
        due_on=timezone.localdate(),
    )
    a = action.pk
    pages = [
        (adviser, reverse("herstel:list")),
        (adviser, reverse("herstel:start")),
        (adviser, reverse("herstel:detail", args=[a])),
        (adviser, reverse("herstel:edit", args=[a])),
        (adviser, reverse("herstel:lead", args=[a])),
        (adviser, reverse("herstel:advice", args=[a])),
        (adviser, reverse("herstel:working_group", args=[a])),
        (adviser, reverse("herstel:decisions", args=[a])),
        (adviser, reverse("herstel:communication", args=[a])),
        (communicatie_user, reverse("herstel:communication", args=[a])),
        (communicatie_user, reverse("herstel:kapstok_edit", args=[a])),
        (communicatie_user, reverse("herstel:communication_task_update", args=[a, task.pk])),
        (communicatie_user, reverse("herstel:communication_task_withdraw", args=[a, task.pk])),
        (adviser, reverse("comment_withdraw", args=[comment.pk])),
        (adviser, reverse("comment_edit", args=[comment.pk])),
        (adviser, thread_url(kapstok)),
        (adviser, reverse("herstel:kapstok_version", args=[a, 1])),
        (adviser, reverse("herstel:timeline", args=[a])),
        (dt_member, reverse("herstel:decisions", args=[a])),
        (dt_member, reverse("herstel:decision_correct", args=[a, decision.pk])),
        (sbk_adviser, reverse("herstel:decisions", args=[a])),
        (sbk_adviser, reverse("herstel:contact_points")),
        (sbk_adviser, reverse("herstel:contact_point_edit", args=[point.pk])),
        (board_member, reverse("herstel:detail", args=[a])),
        (wg_member, reverse("herstel:advice", args=[a])),
        (wg_member, reverse("home")),
    ]
    for user, url in pages:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_strict_policy(response)
        _assert_no_unsafe_inline(response)
        parser = _Ids()
        parser.feed(response.content.decode())
        duplicates = [i for i, n in Counter(parser.ids).items() if n > 1]
        assert duplicates == [], f"{url}: duplicate ids {duplicates}"
        missing = [t for t in parser.label_targets if t not in parser.ids]
        assert missing == [], f"{url}: labels for missing fields {missing}"
