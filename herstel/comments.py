"""The comment threads of herstel (issue 21 §4), registered with the core's one comment
mechanism (`uwvkms.comments`).

A herstelactie: the action's working group discusses it, that is everyone who works on the
action in a capacity of the process guide (`THREAD_CAPACITIES`). Those who read every action
without working on it (Directie Communicatie that is not the issuemanager, FEZ for the figures)
and the owners of a communication task only do not read the thread: 404.

A version of the kapstokverhaal (issue 20, the process guide's "Communicatie"): everyone who
reads the action reads the comments on it (the communication page shows them); the lead
division's advisers, SBK, Directie Communicatie and the issuemanager comment while the action is
open (`Operation.COMMENT_KAPSTOK`). On a closed action the thread is read-only for everyone: no
new comment, no change, no withdrawal."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herstel.constants import Capacity, Operation
from herstel.models import Herstelactie, Kapstokverhaal
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


def _kapstok_access(user, kapstok: Kapstokverhaal):
    try:
        return herstelactie_get_for_user(user=user, pk=kapstok.herstelactie_id)
    except Http404:
        return None


def may_read_kapstok_thread(user, kapstok: Kapstokverhaal) -> bool:
    """Everyone who reads the action (its communication page shows the comments)."""
    return _kapstok_access(user, kapstok) is not None


def may_comment_kapstok(user, kapstok: Kapstokverhaal) -> bool:
    """The lead division's advisers, SBK, Directie Communicatie and the issuemanager, while the
    action is open (`Operation.COMMENT_KAPSTOK`: capacity and step)."""
    access = _kapstok_access(user, kapstok)
    return access is not None and access.may(Operation.COMMENT_KAPSTOK)


def _kapstok_title(kapstok: Kapstokverhaal) -> str:
    return _("versie %(version)s van het kapstokverhaal van herstelactie ‘%(title)s’") % {
        "version": kapstok.version,
        "title": kapstok.herstelactie.title,
    }


def _kapstok_page_url(user, kapstok: Kapstokverhaal) -> str:
    return reverse(
        "herstel:kapstok_version",
        kwargs={"pk": kapstok.herstelactie_id, "version": kapstok.version},
    )


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
    register(
        CommentTarget(
            model=Kapstokverhaal,
            may_read=may_read_kapstok_thread,
            may_comment=may_comment_kapstok,
            title=_kapstok_title,
            page_url=_kapstok_page_url,
            audience=gettext_lazy(
                "wie deze herstelactie leest; de leidende divisie, SBK en Communicatie reageren"
            ),
            queryset=lambda: Kapstokverhaal.objects.select_related("herstelactie"),
            # Everyone who reads the action: every capacity on it but FEZ's (figures only).
            readers=lambda kapstok: capacity_holders(
                kapstok.herstelactie, set(Capacity) - {Capacity.FEZ}
            ),
        )
    )
