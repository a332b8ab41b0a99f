"""Reporting's and follow-up's lines of the work queue (issue 16 §1, see `uwvkms.workqueue`):
for an auditor the principles still without a finding per unit of their teams; for the
participants of a cycle the request to rate the audit; for a unit's board the management response due and the follow-up actions due, overdue or done
without an effect measurement; for the coordination team a failed or stuck publication and the
unit reports waiting to be agreed or made definitive; for the RvB the newly published versions."""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.constants import CycleStatus
from audits.models import AssessedPrinciple, Assignment, AuditCycle
from findings.constants import ActionStatus, ResponseStatus, UnitReportStatus
from findings.models import (
    AuditRating,
    EffectMeasurement,
    Finding,
    FollowUpAction,
    PublishState,
    ReportVersion,
    UnitReport,
)
from findings.selectors.follow_up import NOT_DONE
from findings.selectors.publishing import IN_PROGRESS
from findings.unit_report_rules import RESPONSE_OPEN_IN
from uwvkms.constants import Role
from uwvkms.models import User
from uwvkms.permissions import has_any_role
from uwvkms.workqueue import Urgency, WorkItem, register

# A follow-up action shows on its board's queue this many days before its due date.
FOLLOW_UP_NOTICE_DAYS = 14
# A published version stays "new" on the RvB's queue this many days.
NEW_VERSION_DAYS = 30
# The participants rate the audit once its findings are there (DOMAIN.md §4).
RATING_OPEN_IN = (CycleStatus.OPROLLEN, CycleStatus.GEPUBLICEERD)


def responses_due(unit_id: int) -> QuerySet[UnitReport]:
    """The reports of the unit agreed with its board whose management response is not yet
    submitted (the board answers once the report is agreed: RESPONSE_OPEN_IN)."""
    return (
        UnitReport.objects.filter(unit_id=unit_id, status__in=RESPONSE_OPEN_IN)
        .exclude(response__status=ResponseStatus.INGEDIEND)
        .select_related("cycle", "unit")
        .order_by("-cycle__year")
    )


def follow_up_needing_board(unit_id: int, *, today: datetime.date) -> QuerySet[FollowUpAction]:
    """The unit's follow-up actions that need its board: not done and due within
    FOLLOW_UP_NOTICE_DAYS (or overdue), or done without an effect measurement (a gap,
    DOMAIN.md §4). With `has_effect`."""
    soon = today + datetime.timedelta(days=FOLLOW_UP_NOTICE_DAYS)
    return (
        FollowUpAction.objects.filter(unit_id=unit_id)
        .annotate(has_effect=Exists(EffectMeasurement.objects.filter(action=OuterRef("pk"))))
        .filter(
            Q(status__in=NOT_DONE, due_on__lte=soon)
            | Q(status=ActionStatus.GEREED, has_effect=False)
        )
        .select_related("cycle")
        .order_by("due_on", "id")
    )


def publications_in_trouble(*, now: datetime.datetime) -> QuerySet[ReportVersion]:
    """Versions whose publication failed (and no later version was asked for since) or that are
    stuck: queued or rendering without progress for REPORT_RENDER_STALL_MINUTES."""
    later = ReportVersion.objects.filter(
        cycle=OuterRef("cycle"), requested_at__gt=OuterRef("requested_at")
    )
    stalled_before = now - datetime.timedelta(minutes=settings.REPORT_RENDER_STALL_MINUTES)
    return (
        ReportVersion.objects.alias(has_later=Exists(later))
        .filter(
            Q(state=PublishState.FAILED, has_later=False)
            | Q(state__in=IN_PROGRESS, progress_at__lt=stalled_before)
        )
        .select_related("cycle")
        .defer("snapshot")
        .order_by("requested_at", "id")
    )


def unit_reports_waiting() -> QuerySet[UnitReport]:
    """In cycles being rolled up: the unit reports still to be agreed with their board (concept)
    or, agreed, still to be made definitive."""
    return (
        UnitReport.objects.filter(
            cycle__status=CycleStatus.OPROLLEN,
            status__in=[UnitReportStatus.CONCEPT, UnitReportStatus.AFGESTEMD],
        )
        .select_related("cycle", "unit")
        .order_by("unit__name")
    )


def audit_to_rate(user: User) -> AuditCycle | None:
    """The newest cycle in which `user` took part (as auditor or as board of an assessed unit),
    whose findings are there (RATING_OPEN_IN) and which they have not rated yet; None when there
    is none or when they rated a cycle as new or newer (an old cycle is not asked again). One
    query."""
    participated = Q(pk__in=[])
    if has_any_role(user, Role.TOETSER):
        participated |= Q(Exists(Assignment.objects.filter(cycle=OuterRef("pk"), auditor=user)))
    if user.business_unit_id is not None and has_any_role(user, Role.DIRECTIE):
        participated |= Q(
            Exists(
                AssessedPrinciple.objects.filter(
                    cycle=OuterRef("pk"), unit_id=user.business_unit_id
                )
            )
        )
    rated = Exists(AuditRating.objects.filter(cycle=OuterRef("pk"), rater=user))
    newest = (
        AuditCycle.objects.filter(participated)
        .annotate(rated_by_user=rated)
        .filter(Q(status__in=RATING_OPEN_IN) | Q(rated_by_user=True))
        .order_by("-year")
        .first()
    )
    return newest if newest is not None and not newest.rated_by_user else None


# The phases in which the audit team writes its findings (the unit report still a concept).
FINDINGS_WRITTEN_IN = (CycleStatus.VELDWERK, CycleStatus.KALIBRATIE, CycleStatus.OPROLLEN)


def findings_missing(user: User) -> QuerySet[Assignment]:
    """The auditor's assignments in cycles whose findings are being written, for units whose
    report is still a concept (or not yet made), with `principles_total` (in scope) and
    `principles_with_findings`; only those with a principle still without any finding. One
    query."""
    in_scope = (
        AssessedPrinciple.objects.filter(cycle=OuterRef("cycle"), unit=OuterRef("unit"))
        .order_by()
        .values("cycle")
        .annotate(n=Count("principle", distinct=True))
        .values("n")
    )
    with_findings = (
        Finding.objects.filter(
            cycle=OuterRef("cycle"),
            unit=OuterRef("unit"),
            # Only findings on a principle in scope count (the Finding's own cycle and unit).
            principle__in=AssessedPrinciple.objects.filter(
                cycle=OuterRef("cycle"), unit=OuterRef("unit")
            ).values("principle"),
        )
        .order_by()
        .values("cycle")
        .annotate(n=Count("principle", distinct=True))
        .values("n")
    )
    report_past_concept = UnitReport.objects.filter(
        cycle=OuterRef("cycle"), unit=OuterRef("unit")
    ).exclude(status=UnitReportStatus.CONCEPT)
    return (
        Assignment.objects.filter(auditor=user, cycle__status__in=FINDINGS_WRITTEN_IN)
        .annotate(
            principles_total=Coalesce(Subquery(in_scope, output_field=IntegerField()), 0),
            principles_with_findings=Coalesce(
                Subquery(with_findings, output_field=IntegerField()), 0
            ),
        )
        .filter(~Exists(report_past_concept), principles_with_findings__lt=F("principles_total"))
        .select_related("cycle", "unit")
        .order_by("-cycle__year", "unit__name")
    )


def findings_work_items(user: User, today: datetime.date) -> list[WorkItem]:
    """Reporting's and follow-up's work of `user`: three queries for a unit's board, two for the
    coordination team, one for the RvB, two for an auditor, none for anyone else."""
    items: list[WorkItem] = []
    if has_any_role(user, Role.TOETSER):
        items += _findings_missing_items(user)
    if has_any_role(user, Role.TOETSER) or (
        has_any_role(user, Role.DIRECTIE) and user.business_unit_id is not None
    ):
        items += _rating_items(user)
    if has_any_role(user, Role.DIRECTIE) and user.business_unit_id is not None:
        items += _board_items(user.business_unit_id, today)
    if has_any_role(user, Role.COORDINATIETEAM):
        items += _coordinator_items()
    if has_any_role(user, Role.RVB):
        items += _rvb_items()
    return items


def _board_items(unit_id: int, today: datetime.date) -> list[WorkItem]:
    items = [
        WorkItem(
            kind=_("Managementreactie"),
            title=_("Managementreactie op het rapport %(unit)s %(year)s")
            % {"unit": report.unit.name, "year": report.cycle.year},
            detail=_("Het rapport is met u afgestemd; geef per aanbeveling aan of u die herkent."),
            url=reverse("findings:management_response", args=[report.cycle.year, unit_id]),
            urgency=Urgency.ACTION,
        )
        for report in responses_due(unit_id)
    ]
    for action in follow_up_needing_board(unit_id, today=today):
        url = reverse("findings:action_detail", args=[action.cycle.year, unit_id, action.pk])
        if action.status == ActionStatus.GEREED:
            items.append(
                WorkItem(
                    kind=_("Effect meten"),
                    title=_("Vervolgactie ‘%(title)s’ is gereed zonder effectmeting")
                    % {"title": action.title},
                    detail=_("Leg vast wat de actie heeft opgeleverd."),
                    url=url,
                    urgency=Urgency.ACTION,
                )
            )
        else:
            items.append(
                WorkItem(
                    kind=_("Vervolgactie"),
                    title=_("Vervolgactie ‘%(title)s’") % {"title": action.title},
                    detail=_("Eigenaar: %(owner)s · %(status)s")
                    % {"owner": action.owner, "status": action.get_status_display()},
                    url=url,
                    urgency=Urgency.ACTION,
                    due_on=action.due_on,
                )
            )
    return items


def _findings_missing_items(user: User) -> list[WorkItem]:
    return [
        WorkItem(
            kind=_("Bevindingen"),
            title=_("Bevindingen %(unit)s %(year)s")
            % {"unit": assignment.unit.name, "year": assignment.cycle.year},
            detail=ngettext(
                "%(missing)s van %(total)s principe nog zonder bevinding",
                "%(missing)s van %(total)s principes nog zonder bevinding",
                assignment.principles_total,
            )
            % {
                "missing": assignment.principles_total - assignment.principles_with_findings,
                "total": assignment.principles_total,
            },
            url=reverse("findings:unit_findings", args=[assignment.cycle.year, assignment.unit_id]),
            urgency=Urgency.ACTION,
        )
        for assignment in findings_missing(user)
    ]


def _rating_items(user: User) -> list[WorkItem]:
    cycle = audit_to_rate(user)
    if cycle is None:
        return []
    return [
        WorkItem(
            kind=_("Evaluatie"),
            title=_("Beoordeel de Interne Toets KMS %(year)s") % {"year": cycle.year},
            detail=_("Geef de toets een cijfer van 1 tot 10, met een toelichting als u wilt."),
            url=reverse("findings:rating_mine", args=[cycle.year]),
            urgency=Urgency.PROGRESS,
        )
    ]


def _coordinator_items() -> list[WorkItem]:
    items = [
        WorkItem(
            kind=_("Publicatie mislukt"),
            title=_("Rapportversie %(label)s (%(year)s) is niet gepubliceerd")
            % {"label": version.label, "year": version.cycle.year},
            detail=_("Mislukt") if version.state == PublishState.FAILED else _("Blijft hangen"),
            url=reverse("findings:report_version", args=[version.cycle.year, version.label]),
            urgency=Urgency.URGENT,
        )
        for version in publications_in_trouble(now=timezone.now())
    ]
    for report in unit_reports_waiting():
        concept = report.status == UnitReportStatus.CONCEPT
        items.append(
            WorkItem(
                kind=_("Rapport afstemmen") if concept else _("Rapport definitief maken"),
                title=_("Rapport %(unit)s %(year)s")
                % {"unit": report.unit.name, "year": report.cycle.year},
                detail=_("Nog niet afgestemd met de directie")
                if concept
                else _("Afgestemd, nog niet definitief"),
                url=reverse("findings:unit_report", args=[report.cycle.year, report.unit_id]),
                urgency=Urgency.ACTION,
            )
        )
    return items


def _rvb_items() -> list[WorkItem]:
    since = timezone.now() - datetime.timedelta(days=NEW_VERSION_DAYS)
    versions = (
        ReportVersion.objects.filter(state=PublishState.DONE, published_at__gte=since)
        .select_related("cycle")
        .defer("snapshot")
        .order_by("-published_at")
    )
    return [
        WorkItem(
            kind=_("Nieuw gepubliceerd"),
            title=_("Rapport Interne Toets KMS %(year)s, versie %(label)s (%(status)s)")
            % {
                "year": version.cycle.year,
                "label": version.label,
                "status": version.get_report_status_display(),
            },
            detail=_("Gepubliceerd op %(date)s")
            % {"date": date_format(timezone.localtime(version.published_at), "j F Y")},
            url=reverse("findings:report_version", args=[version.cycle.year, version.label]),
            urgency=Urgency.PROGRESS,
        )
        for version in versions
    ]


def register_work_queue() -> None:
    """Put reporting's and follow-up's lines on every home page's work queue."""
    register(findings_work_items)
