"""Reads for self-service confirmation: the interview records a logged-in user is asked to
confirm as a linked interviewee. Nobody else sees them here: an interview is found only through
the user's own interviewee link (404 otherwise), whatever roles they hold."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from audits.constants import InterviewStatus
from audits.models import Interview, InterviewNote
from uwvkms.models import User


def _linked(user: User) -> QuerySet[Interview]:
    if not getattr(user, "is_authenticated", False):
        return Interview.objects.none()
    return Interview.objects.filter(interviewees__user=user).distinct()


def interviews_awaiting_confirmation(*, user: User) -> QuerySet[Interview]:
    """The records sent to `user` for confirmation (status ter bevestiging), oldest first, with
    unit, place and interviewees loaded (a constant number of queries)."""
    return (
        _linked(user)
        .filter(status=InterviewStatus.TER_BEVESTIGING)
        .select_related("unit", "location", "cycle")
        .prefetch_related("interviewees")
        .order_by("held_on", "id")
    )


def awaiting_confirmation_count(user: User) -> int:
    """How many records wait for `user`'s confirmation. One query, remembered on the request's
    user object (the navigation bar asks on every page)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    if not hasattr(user, "_awaiting_confirmation"):
        user._awaiting_confirmation = interviews_awaiting_confirmation(user=user).count()
    return user._awaiting_confirmation


def interview_get_for_interviewee(*, user: User, pk: int) -> Interview:
    """An interview in which `user` is a linked interviewee, with everything its record shows;
    404 for anyone else (the unit's board included) and for an unknown interview."""
    interview = (
        _linked(user)
        .select_related("unit", "location", "cycle")
        .prefetch_related(
            "interviewees",
            "auditors",
            Prefetch(
                "notes",
                queryset=InterviewNote.objects.select_related("principle").prefetch_related(
                    "questions"
                ),
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if interview is None:
        raise Http404
    return interview
