"""Reads for self-service confirmation: the interview records a logged-in user is asked to
confirm as a linked interviewee. Nobody else sees them here: an interview is found only through
the user's own interviewee link (404 otherwise), whatever roles they hold."""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from audits.constants import CONFIRMATION_OPEN, InterviewStatus
from audits.models import Interview, Interviewee, InterviewNote
from uwvkms.models import USER_FACTS, User

# The records an interviewee reads: those sent to them (and what became of them).
SENT_TO_INTERVIEWEES = (
    InterviewStatus.TER_BEVESTIGING,
    InterviewStatus.CORRECTIE_GEVRAAGD,
    InterviewStatus.BEVESTIGD,
)


def _linked(user: User) -> QuerySet[Interview]:
    if not getattr(user, "is_authenticated", False):
        return Interview.objects.none()
    # Only what was sent to them: a concept (never sent, or taken back) is the team's draft.
    return Interview.objects.filter(
        interviewees__user=user,
        cycle__withdrawn_at__isnull=True,
        status__in=SENT_TO_INTERVIEWEES,
    ).distinct()


def interviews_awaiting_confirmation(*, user: User) -> QuerySet[Interview]:
    """The records waiting for `user`'s own confirmation: sent for confirmation (status ter
    bevestiging), not yet confirmed by them, in a cycle whose calibration is still open;
    oldest first, with unit, place and interviewees loaded (a constant number of queries)."""
    if not getattr(user, "is_authenticated", False):
        return Interview.objects.none()
    return (
        Interview.objects.filter(
            interviewees__user=user,
            interviewees__confirmed_on__isnull=True,
            status=InterviewStatus.TER_BEVESTIGING,
            cycle__status__in=CONFIRMATION_OPEN,
        )
        .distinct()
        .select_related("unit", "location", "cycle")
        .prefetch_related("interviewees")
        .order_by("held_on", "id")
    )


AWAITING_FACT = "awaiting_confirmation"


def _awaiting_subquery():
    """The number of records waiting for the outer user's confirmation, as a subquery. Only
    records the user can still confirm: in status ter bevestiging, not withdrawn, not yet
    confirmed by them, in a cycle whose calibration is still open (`CONFIRMATION_OPEN`), so a
    badge never leads to a refusal (the same rows as `interviews_awaiting_confirmation`)."""
    waiting = (
        Interviewee.objects.filter(
            user=OuterRef("pk"),
            confirmed_on__isnull=True,
            interview__status=InterviewStatus.TER_BEVESTIGING,
            interview__withdrawn_at__isnull=True,
            interview__cycle__status__in=CONFIRMATION_OPEN,
            interview__cycle__withdrawn_at__isnull=True,
        )
        .order_by()
        .values("user")
        .annotate(n=Count("interview", distinct=True))
        .values("n")
    )
    return Coalesce(Subquery(waiting, output_field=IntegerField()), 0)


def register_user_facts() -> None:
    """Load the waiting count with the user's roles (one query per request, no extra query for
    the navigation bar)."""
    USER_FACTS[AWAITING_FACT] = _awaiting_subquery


def awaiting_confirmation_count(user: User) -> int:
    """How many records wait for `user`'s confirmation; loaded with the user's role names."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return 0
    return user.fact(AWAITING_FACT) or 0


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
