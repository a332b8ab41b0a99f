"""Scoring's lines of the work queue (issue 16 §1, see `uwvkms.workqueue`): for an auditor the
progress of each unit on their teams and the scores the coordination team sent back; for the
coordination team the scores re-submitted after being sent back in the open calibration round,
and the outliers of a cycle in calibration still to discuss."""

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.constants import FIELDWORK_OPEN, CycleStatus, DocumentStatus, InterviewStatus
from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    DocumentCheck,
    DocumentType,
    Interview,
)
from maturity.constants import ScoreStatus, SessionStatus
from maturity.events import SCORE_REOPENED
from maturity.models import Score, ScoreChange
from maturity.selectors.calibration import (
    calibration_matrix,
    is_calibration_frozen,
    open_session,
)
from uwvkms.constants import Role
from uwvkms.models import User
from uwvkms.permissions import has_any_role
from uwvkms.workqueue import Urgency, WorkItem, register


def _count(queryset: QuerySet, *, on: str = "cycle"):
    """The number of rows of `queryset` (correlated on the outer row), as a subquery; 0 for
    none."""
    counted = queryset.order_by().values(on).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _same_unit(model) -> QuerySet:
    return model.objects.filter(cycle=OuterRef("cycle"), unit=OuterRef("unit"))


def unit_progress(user: User) -> QuerySet[Assignment]:
    """The auditor's assignments in cycles still in fieldwork, each with its unit's progress:
    documents judged of the documentation list in use, interviews confirmed of those held,
    scores submitted of the principles assessed there. One query."""
    in_use = DocumentType.objects.filter(is_active=True)
    return (
        Assignment.objects.filter(
            auditor=user, cycle__status__in=FIELDWORK_OPEN, cycle__withdrawn_at__isnull=True
        )
        .select_related("cycle", "unit")
        .annotate(
            documents_total=_count(in_use, on="is_active"),
            documents_judged=_count(
                _same_unit(DocumentCheck)
                .filter(document_type__is_active=True)
                .exclude(status=DocumentStatus.OPEN)
            ),
            interviews_total=_count(_same_unit(Interview)),
            interviews_confirmed=_count(
                _same_unit(Interview).filter(status=InterviewStatus.BEVESTIGD)
            ),
            principles_total=_count(_same_unit(AssessedPrinciple)),
            scores_submitted=_count(
                _same_unit(Score).filter(
                    status=ScoreStatus.INGEDIEND,
                    principle__in=AssessedPrinciple.objects.filter(
                        cycle=OuterRef(OuterRef("cycle")), unit=OuterRef(OuterRef("unit"))
                    ).values("principle"),
                )
            ),
        )
        .order_by("-cycle__year", "unit__name")
    )


def _reopen_of_score():
    return ScoreChange.objects.filter(score=OuterRef("pk"), event=SCORE_REOPENED).order_by(
        "-changed_at", "-id"
    )


def sent_back(scores: QuerySet[Score]) -> QuerySet[Score]:
    """The scores of `scores` that the coordination team sent back to their auditor in
    calibration and that are not yet re-submitted (concept since), each with the reason, the
    calibration round and when (`reopen_reason`, `reopen_round`, `reopen_at`)."""
    latest = _reopen_of_score()
    return (
        scores.filter(status=ScoreStatus.CONCEPT)
        .annotate(
            reopen_reason=Subquery(latest.values("reason")[:1]),
            reopen_round=Subquery(latest.values("session__number")[:1]),
            reopen_at=Subquery(latest.values("changed_at")[:1]),
        )
        .filter(reopen_at__isnull=False)
    )


def sent_back_scores_of_auditor(user: User) -> QuerySet[Score]:
    """The sent-back scores of the units on `user`'s teams, in cycles in calibration."""
    on_team = Assignment.objects.filter(
        cycle=OuterRef("cycle"), unit=OuterRef("unit"), auditor=user
    )
    return sent_back(
        Score.objects.filter(Exists(on_team), cycle__status=CycleStatus.KALIBRATIE)
    ).select_related("cycle", "unit", "principle")


def resubmitted_scores() -> QuerySet[Score]:
    """Scores re-submitted after being sent back in a calibration round that is still open: the
    coordination team looks at them again before it closes the round."""
    reopened_now = ScoreChange.objects.filter(
        score=OuterRef("pk"), event=SCORE_REOPENED, session__status=SessionStatus.OPEN
    )
    return (
        Score.objects.filter(
            Exists(reopened_now),
            status=ScoreStatus.INGEDIEND,
            cycle__status=CycleStatus.KALIBRATIE,
        )
        .select_related("cycle", "unit", "principle")
        .order_by("submitted_at", "id")
    )


def maturity_work_items(user: User, today: datetime.date) -> list[WorkItem]:
    """Scoring's work of `user`: two queries for an auditor, two for the coordination team (seven
    while a cycle is in calibration), none for anyone else."""
    items: list[WorkItem] = []
    if has_any_role(user, Role.TOETSER):
        items += _progress_items(user) + _sent_back_items(user)
    if has_any_role(user, Role.COORDINATIETEAM):
        items += _resubmitted_items() + _outlier_items()
    return items


def _progress_items(user: User) -> list[WorkItem]:
    return [
        WorkItem(
            kind=_("Voortgang"),
            title=_("%(unit)s %(year)s") % {"unit": a.unit.name, "year": a.cycle.year},
            detail=_(
                "Documenten beoordeeld %(docs)s van %(docs_total)s · interviews bevestigd "
                "%(interviews)s van %(interviews_total)s · scores ingediend %(scores)s van "
                "%(principles)s principes"
            )
            % {
                "docs": a.documents_judged,
                "docs_total": a.documents_total,
                "interviews": a.interviews_confirmed,
                "interviews_total": a.interviews_total,
                "scores": a.scores_submitted,
                "principles": a.principles_total,
            },
            url=reverse("audits:evidence_overview", args=[a.cycle.year, a.unit_id]),
            urgency=Urgency.PROGRESS,
            due_on=a.cycle.period_end,
        )
        for a in unit_progress(user)
    ]


def _sent_back_items(user: User) -> list[WorkItem]:
    return [
        WorkItem(
            kind=_("Teruggestuurd"),
            title=_("Score %(principle)s bij %(unit)s is teruggestuurd")
            % {"principle": score.principle.name, "unit": score.unit.name},
            detail=_("Kalibratieronde %(round)s: %(reason)s")
            % {"round": score.reopen_round, "reason": score.reopen_reason},
            url=reverse(
                "maturity:score_edit",
                args=[score.cycle.year, score.unit_id, score.principle.code],
            ),
            urgency=Urgency.URGENT,
        )
        for score in sent_back_scores_of_auditor(user)
    ]


def _resubmitted_items() -> list[WorkItem]:
    return [
        WorkItem(
            kind=_("Opnieuw ingediend"),
            title=_("Score %(principle)s bij %(unit)s is opnieuw ingediend")
            % {"principle": score.principle.name, "unit": score.unit.name},
            detail=_("Teruggestuurd in de kalibratie; bekijk hem opnieuw voor u de ronde sluit."),
            url=reverse("maturity:calibration_score", args=[score.cycle.year, score.pk]),
            urgency=Urgency.ACTION,
        )
        for score in resubmitted_scores()
    ]


def _outlier_items() -> list[WorkItem]:
    """The cycle in calibration with outliers among its submitted scores (the matrix's rule,
    `maturity.rules.principle_outliers`): the coordination team discusses them in a session."""
    cycle = AuditCycle.objects.filter(status=CycleStatus.KALIBRATIE).order_by("-year").first()
    if cycle is None or is_calibration_frozen(cycle):
        return []  # closed: the scores are fixed, nothing left to discuss
    count = calibration_matrix(cycle, spreads=False).outlier_count
    if not count:
        return []
    session = open_session(cycle)
    return [
        WorkItem(
            kind=_("Kalibratie"),
            title=ngettext(
                "Kalibratie %(year)s: %(count)s afwijkende score te bespreken",
                "Kalibratie %(year)s: %(count)s afwijkende scores te bespreken",
                count,
            )
            % {"year": cycle.year, "count": count},
            detail=_("Bespreek ze in kalibratieronde %(number)s.") % {"number": session.number}
            if session
            else _("Open een kalibratiesessie om ze te bespreken."),
            # Where they are discussed: the open round, else the page that opens one.
            url=reverse("maturity:calibration_session", args=[cycle.year, session.number])
            if session
            else reverse("maturity:calibration", args=[cycle.year]),
            urgency=Urgency.ACTION,
        )
    ]


def register_work_queue() -> None:
    """Put scoring's lines on every home page's work queue."""
    register(maturity_work_items)
