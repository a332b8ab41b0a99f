"""The comment thread of a herstelactie (issue 21 §4), registered with the core's one comment
mechanism (`uwvkms.comments`): the action's working group discusses it, that is everyone who
works on the action in a capacity of the process guide (`THREAD_CAPACITIES`). Those who read
every action without working on it (Directie Communicatie that is not the issuemanager, FEZ for
the figures) and the owners of a communication task only do not read the thread: 404."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herstel.constants import Capacity
from herstel.models import Herstelactie
from herstel.selectors.actions import capacity_holders, herstelactie_get_for_user
from uwvkms.comments import CommentTarget, register

THREAD_CAPACITIES = frozenset(
    {
        Capacity.LEAD_ADVISER,
        Capacity.DT,
        Capacity.INVOLVED_DT,
        Capacity.RVB,
        Capacity.SBK,
        Capacity.MEMBER,
        Capacity.ISSUEMANAGER,
    }
)


def thread_capacities_held(capacities) -> bool:
    """Whether someone with these capacities on an action is in its working group's thread."""
    return bool(set(capacities) & THREAD_CAPACITIES)


def may_read_action_thread(user, action: Herstelactie) -> bool:
    try:
        access = herstelactie_get_for_user(user=user, pk=action.pk)
    except Http404:
        return False
    return thread_capacities_held(access.capacities)


def _title(action: Herstelactie) -> str:
    # The action's title only, as every herstel notification (mail leaves the building).
    return _("herstelactie ‘%(title)s’") % {"title": action.title}


def _page_url(user, action: Herstelactie) -> str:
    return reverse("herstel:detail", kwargs={"pk": action.pk})


def register_comment_targets() -> None:
    register(
        CommentTarget(
            model=Herstelactie,
            may_read=may_read_action_thread,
            title=_title,
            page_url=_page_url,
            audience=gettext_lazy("de werkgroep van deze herstelactie"),
            readers=lambda action: capacity_holders(action, THREAD_CAPACITIES),
        )
    )
