"""Findings' part in the review before submission (issue 21 §3, `uwvkms.review`): findings and
recommendations as reviewable kinds, the review page of one unit, and the work-queue lines of
reviewers (fieldwork klaar voor review that they may review) and authors (their fieldwork sent
back).

Findings and recommendations are written while the unit's report is a concept, also after the
unit's scores were submitted (in calibration and roll-up). The gate counts what exists when a
score is submitted: one written later does not undo a submission, but it waits for review like
any other (review page, work queue, cockpit), and a score reopened in calibration is submitted
again only once it is reviewed."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from audits.constants import BEFORE_PUBLICATION
from audits.models import Assignment
from findings.constants import UnitReportStatus
from findings.models import Finding, Recommendation, UnitReport
from findings.selectors.unit_reports import unit_findings_get
from findings.unit_report_rules import findings_lock_reason
from uwvkms.constants import Role
from uwvkms.models import USER_FACTS
from uwvkms.permissions import has_any_role
from uwvkms.review import (
    ReviewKind,
    ReviewLine,
    ReviewStatus,
    Standing,
    may_review,
    register_kind,
    review_kinds,
    standing_of,
    unit_review_lines,
)
from uwvkms.workqueue import Urgency, WorkItem, register


def _with_report_status(queryset):
    """Each item with its unit report's status (`report_status`; None: no report yet, a
    concept), for its lock (`item_lock_reason`) without a query per item."""
    report = UnitReport.objects.filter(cycle_id=OuterRef("cycle_id"), unit_id=OuterRef("unit_id"))
    return queryset.select_related("cycle", "unit", "principle").annotate(
        report_status=Subquery(report.values("status")[:1])
    )


def findings_for_review(cycle_id: int):
    return _with_report_status(Finding.objects.filter(cycle_id=cycle_id))


def recommendations_for_review(cycle_id: int):
    return _with_report_status(Recommendation.objects.filter(cycle_id=cycle_id))


def item_lock_reason(item) -> str | None:
    """Why a finding or recommendation can no longer change (`findings_lock_reason`), or None:
    the review's `editable` hook. Its report's status as annotated (`_with_report_status`), or
    read with one query."""
    if hasattr(item, "report_status"):
        status = item.report_status
    else:
        status = (
            UnitReport.objects.filter(cycle_id=item.cycle_id, unit_id=item.unit_id)
            .values_list("status", flat=True)
            .first()
        )
    cycle = item.cycle
    return findings_lock_reason(
        unit=str(item.unit),
        report_status=status or UnitReportStatus.CONCEPT,
        cycle_year=cycle.year,
        cycle_status=cycle.status,
        cycle_withdrawal=cycle.withdrawal_summary() if cycle.is_withdrawn else "",
    )


def _finding_title(finding: Finding) -> str:
    text = finding.text if len(finding.text) <= 60 else finding.text[:59] + "…"
    return f"{finding.principle.name} · {finding.get_kind_display()}: {text}"


def register_review() -> None:
    register_kind(
        ReviewKind(
            slug="finding",
            label=gettext_lazy("Bevinding"),
            label_plural=gettext_lazy("Bevindingen"),
            model=Finding,
            records=findings_for_review,
            title=_finding_title,
            url=lambda finding: reverse(
                "findings:finding_edit", args=[finding.cycle.year, finding.unit_id, finding.pk]
            ),
            order=30,
            editable=item_lock_reason,
        )
    )
    register_kind(
        ReviewKind(
            slug="recommendation",
            label=gettext_lazy("Aanbeveling"),
            label_plural=gettext_lazy("Aanbevelingen"),
            model=Recommendation,
            records=recommendations_for_review,
            title=lambda rec: f"{rec.principle.name} · {rec.title}",
            url=lambda rec: reverse(
                "findings:recommendation_edit", args=[rec.cycle.year, rec.unit_id, rec.pk]
            ),
            order=40,
            editable=item_lock_reason,
        )
    )
    USER_FACTS[REVIEW_WORK_FACT] = _review_work_subquery
    register(review_work_items)


# Whether any fieldwork of the user's teams is klaar voor review or sent back: loaded with the
# user's roles (`uwvkms.models.USER_FACTS`), so only a user with such work pays the queue's
# queries on a page.
REVIEW_WORK_FACT = "review_work"


def _review_work_subquery():
    on_team = Assignment.objects.filter(
        auditor_id=OuterRef(OuterRef("pk")),
        cycle_id=OuterRef("cycle_id"),
        unit_id=OuterRef("unit_id"),
    )
    condition = Q()
    for kind in review_kinds():
        condition |= Q(
            Exists(
                kind.model.objects.filter(
                    review_status__in=[ReviewStatus.KLAAR, ReviewStatus.TERUGGESTUURD],
                    cycle__status__in=BEFORE_PUBLICATION,
                ).filter(Exists(on_team))
            )
        )
    return ExpressionWrapper(condition, output_field=BooleanField())


# --- The review page of one unit ---------------------------------------------------------------


@dataclass(frozen=True)
class ReviewRow:
    line: ReviewLine
    can_review: bool
    can_send_back: bool = False  # can_review, and the record's content can still change


@dataclass(frozen=True)
class UnitReview:
    """The fieldwork of one unit with its review status, per kind, and what the user may do."""

    access: object
    standing: Standing
    groups: list[tuple[ReviewKind, list[ReviewRow]]]

    @property
    def waiting(self) -> int:
        return sum(
            row.line.status != ReviewStatus.BEOORDEELD
            for _kind, rows in self.groups
            for row in rows
        )


def unit_review_get(*, user, year: int, unit_id: int) -> UnitReview:
    """The review page of a unit: its audit team and the coordination team (403 for anyone
    else, as the unit's findings). One query per kind, whatever the number of records."""
    access = unit_findings_get(user=user, year=year, unit_id=unit_id)
    standing = standing_of(user, cycle_id=access.cycle.pk, unit_id=access.unit.pk)
    by_kind = defaultdict(list)
    for line in unit_review_lines(cycle_id=access.cycle.pk, unit_id=access.unit.pk):
        can = line.status == ReviewStatus.KLAAR and may_review(
            user_id=user.pk, author_ids=line.record.review_author_ids(), standing=standing
        )
        # The records come with what their lock reads: no query per row.
        send_back = can and line.kind.lock_reason(line.record) is None
        by_kind[line.kind.slug].append(ReviewRow(line, can, can_send_back=send_back))
    groups = [(kind, by_kind.get(kind.slug, [])) for kind in review_kinds()]
    return UnitReview(access=access, standing=standing, groups=groups)


# --- The work queue ---------------------------------------------------------------------------------


def review_work_items(user, today) -> list[WorkItem]:
    """For an auditor, per unit of their teams the fieldwork klaar voor review that they may
    review (the lead auditor; another auditor of the team where the lead wrote it), and their
    own fieldwork sent back. No query for anyone without such work (`REVIEW_WORK_FACT`), one
    for the teams plus one per kind for anyone with it. The coordination team follows review
    in the cockpit and on the units' review pages."""
    if not has_any_role(user, Role.TOETSER) or not user.fact(REVIEW_WORK_FACT):
        return []
    is_coordinator = has_any_role(user, Role.COORDINATIETEAM)
    mine = Assignment.objects.filter(
        auditor=user, cycle_id=OuterRef("cycle_id"), unit_id=OuterRef("unit_id")
    )
    teams = Assignment.objects.filter(Exists(mine), cycle__status__in=BEFORE_PUBLICATION)
    members: dict[tuple[int, int], list[tuple[int, bool]]] = defaultdict(list)
    names: dict[tuple[int, int], tuple[int, str]] = {}
    for cycle_id, unit_id, auditor_id, is_lead, year, name in teams.values_list(
        "cycle_id", "unit_id", "auditor_id", "is_lead", "cycle__year", "unit__name"
    ):
        members[(cycle_id, unit_id)].append((auditor_id, is_lead))
        names[(cycle_id, unit_id)] = (year, name)
    if not members:
        return []
    standings = {
        pair: Standing(
            is_team_auditor=any(a == user.pk for a, _lead in team),
            is_lead=any(a == user.pk and lead for a, lead in team),
            is_coordinator=is_coordinator,
            lead_ids=frozenset(a for a, lead in team if lead),
        )
        for pair, team in members.items()
    }
    to_review: dict[tuple[int, int], int] = defaultdict(int)
    sent_back: dict[tuple[int, int], int] = defaultdict(int)
    cycle_ids = {cycle_id for cycle_id, _unit in members}
    unit_ids = {unit_id for _cycle, unit_id in members}
    for kind in review_kinds():
        author_fields = [f"{name}_id" for name in kind.model.REVIEW_AUTHOR_FIELDS]
        rows = kind.model.objects.filter(
            cycle_id__in=cycle_ids,
            unit_id__in=unit_ids,
            review_status__in=[ReviewStatus.KLAAR, ReviewStatus.TERUGGESTUURD],
        ).values_list(
            "cycle_id", "unit_id", "review_status", "review_requested_by_id", *author_fields
        )
        for cycle_id, unit_id, status, requested_by, *authors in rows:
            pair = (cycle_id, unit_id)
            if pair not in standings:
                continue
            author_ids = frozenset(a for a in (requested_by, *authors) if a is not None)
            if status == ReviewStatus.TERUGGESTUURD:
                if user.pk in author_ids:
                    sent_back[pair] += 1
            elif may_review(user_id=user.pk, author_ids=author_ids, standing=standings[pair]):
                to_review[pair] += 1
    items = []
    for pair, n in sent_back.items():
        year, name = names[pair]
        items.append(
            WorkItem(
                kind=_("Review"),
                title=_("Veldwerk %(unit)s %(year)s teruggestuurd") % {"unit": name, "year": year},
                detail=ngettext(
                    "%(n)s onderdeel teruggestuurd met een reviewopmerking",
                    "%(n)s onderdelen teruggestuurd met een reviewopmerking",
                    n,
                )
                % {"n": n},
                url=reverse("findings:unit_review", args=[year, pair[1]]),
                urgency=Urgency.URGENT,
            )
        )
    for pair, n in to_review.items():
        year, name = names[pair]
        items.append(
            WorkItem(
                kind=_("Review"),
                title=_("Veldwerk %(unit)s %(year)s beoordelen") % {"unit": name, "year": year},
                detail=ngettext(
                    "%(n)s onderdeel klaar voor review", "%(n)s onderdelen klaar voor review", n
                )
                % {"n": n},
                url=reverse("findings:unit_review", args=[year, pair[1]]),
                urgency=Urgency.ACTION,
            )
        )
    return items
