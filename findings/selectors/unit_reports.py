"""Reads of the unit reports (DOMAIN.md §4), with the access checks every view relies on.

Who sees what (see `findings.unit_report_rules`): the auditors on a unit's audit team and the
coordination team read its report in any status; the unit's own board once it is afgestemd; the
RvB only once it is definitief; everyone else, auditors of other units included, gets 403. The
findings pages are for the unit's auditors (write) and the coordination team (read); the
management response page for the unit's own board only.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.constants import BEFORE_PUBLICATION, AuditCapacity
from audits.models import AssessedPrinciple, Assignment, AuditCycle, ManagementPrinciple
from audits.rules import capacities_held
from audits.selectors import (
    assessed_principle_ids_by_unit,
    assignments_of_auditor,
    audit_capacities,
    cycle_get,
    exclusions_of,
    roles_of,
    unit_get,
)
from audits.selectors.cycles import assessed_principles_of
from findings.constants import FindingKind, Priority, Recognition, ResponseStatus, UnitReportStatus
from findings.events import UNIT_REPORT_AGREED, UNIT_REPORT_FINALISED, UNIT_REPORT_REOPENED
from findings.models import (
    Finding,
    ManagementResponse,
    Quote,
    Recommendation,
    RecommendationResponse,
    UnitReport,
)
from findings.unit_report_rules import (
    agreement_gaps,
    allowed_moves,
    findings_editable,
    may_ever_move_to,
    may_read,
    response_open,
)
from maturity.constants import ScoreStatus
from maturity.models import Score
from uwvkms.constants import Role
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role
from uwvkms.selectors import history_for

# Anyone else has no business with unit reports at all.
REPORT_ROLES = (Role.TOETSER, Role.COORDINATIETEAM, Role.DIRECTIE, Role.RVB)


@dataclass(frozen=True)
class UnitReportAccess:
    """A unit's report in a cycle as one user may see it. `report` is None until the first
    finding is written or the report first moves: it is then a concept."""

    cycle: AuditCycle
    unit: BusinessUnit
    report: UnitReport | None
    capacities: frozenset[AuditCapacity]
    principles: list[ManagementPrinciple]  # assessed at the unit, in their order

    @property
    def status(self) -> str:
        return self.report.status if self.report else UnitReportStatus.CONCEPT

    @property
    def status_label(self) -> str:
        return UnitReportStatus(self.status).label

    @property
    def is_concept(self) -> bool:
        return self.status == UnitReportStatus.CONCEPT

    @property
    def version(self) -> int:
        return self.report.version if self.report else 0

    @property
    def is_auditor(self) -> bool:
        return AuditCapacity.AUDITOR in self.capacities

    @property
    def is_coordinator(self) -> bool:
        return AuditCapacity.COORDINATOR in self.capacities

    @property
    def is_board(self) -> bool:
        return AuditCapacity.BOARD in self.capacities

    @property
    def sees_findings(self) -> bool:
        """The findings pages (the work behind the report) are for the audit team and the
        coordination team."""
        return self.is_auditor or self.is_coordinator

    @property
    def findings_open(self) -> bool:
        """Whether findings may change at all now: a concept report in a cycle not yet
        published."""
        return findings_editable(self.status) and self.cycle.status in BEFORE_PUBLICATION

    @property
    def can_edit_findings(self) -> bool:
        return self.is_auditor and self.findings_open

    @cached_property
    def agreement_gaps(self) -> list[str]:
        """What the report still lacks before this user could agree it (`agreement_gaps`);
        read only for those who may agree it now (one query)."""
        if UnitReportStatus.AFGESTEMD not in allowed_moves(self.capacities, self.status):
            return []
        return agreement_gaps_of(cycle=self.cycle, unit=self.unit)

    @property
    def moves(self) -> list[str]:
        """The statuses this user may move the report to now: agreeing it only once it is
        complete (the page shows what is missing instead)."""
        return [
            to
            for to in allowed_moves(self.capacities, self.status)
            if not (to == UnitReportStatus.AFGESTEMD and self.agreement_gaps)
        ]

    @property
    def can_respond(self) -> bool:
        return self.is_board and response_open(self.status)


def _lead_flags(user: User, cycle: AuditCycle) -> dict[int, bool]:
    """unit id → whether `user` leads its audit team, for the units on their teams. One query
    (none for someone who is not an auditor)."""
    if not has_any_role(user, Role.TOETSER):
        return {}
    return {a.unit_id: a.is_lead for a in assignments_of_auditor(auditor=user, cycle=cycle)}


def report_capacities(
    *, user: User, cycle: AuditCycle, unit: BusinessUnit
) -> frozenset[AuditCapacity]:
    """The capacities in which `user` looks at the report of `unit` in `cycle`."""
    return audit_capacities(
        user, cycle=cycle, unit=unit, assignment_lead=_lead_flags(user, cycle).get(unit.id)
    )


def unit_report_of(*, cycle: AuditCycle, unit: BusinessUnit) -> UnitReport | None:
    return UnitReport.objects.select_related("updated_by").filter(cycle=cycle, unit=unit).first()


def _access(*, user: User, year: int, unit_id: int) -> UnitReportAccess:
    """The report of a unit in scope, with the user's capacities; 403 for someone without any,
    404 for an unknown cycle or a unit without principles assessed."""
    cycle = cycle_get(year=year)
    unit = unit_get(unit_id=unit_id)
    capacities = report_capacities(user=user, cycle=cycle, unit=unit)
    if not capacities:
        raise PermissionDenied
    principles = list(assessed_principles_of(cycle=cycle, unit=unit))
    if not principles:
        raise Http404
    return UnitReportAccess(
        cycle=cycle,
        unit=unit,
        report=unit_report_of(cycle=cycle, unit=unit),
        capacities=capacities,
        principles=principles,
    )


def unit_report_pairs_for_reader(user: User) -> set[tuple[int, int]]:
    """(cycle id, unit id) of every unit report `user` may read now: the rule of
    `unit_report_get_for_reader` (the same capacities and `may_read`), for lists of what lies
    inside the reports (the API's recommendations). Three queries, whatever the number."""
    if not has_any_role(user, *REPORT_ROLES):
        return set()
    roles = roles_of(user)
    statuses = {
        (cycle_id, unit_id): status
        for cycle_id, unit_id, status in UnitReport.objects.values_list(
            "cycle_id", "unit_id", "status"
        )
    }
    leads = {}
    if has_any_role(user, Role.TOETSER):
        leads = {
            (cycle_id, unit_id): is_lead
            for cycle_id, unit_id, is_lead in Assignment.objects.filter(auditor=user).values_list(
                "cycle_id", "unit_id", "is_lead"
            )
        }
    pairs = set(AssessedPrinciple.objects.values_list("cycle_id", "unit_id").distinct())
    return {
        (cycle_id, unit_id)
        for cycle_id, unit_id in pairs
        if may_read(
            capacities_held(
                roles=roles,
                user_unit_id=user.business_unit_id,
                unit_id=unit_id,
                assignment_lead=leads.get((cycle_id, unit_id)),
            ),
            statuses.get((cycle_id, unit_id), UnitReportStatus.CONCEPT),
        )
    }


def unit_report_get_for_reader(*, user: User, year: int, unit_id: int) -> UnitReportAccess:
    """The report of a unit for reading (page and PDF): see the module docstring. 403 when
    the user may not read it in its present status."""
    access = _access(user=user, year=year, unit_id=unit_id)
    if not may_read(access.capacities, access.status):
        raise PermissionDenied
    return access


def unit_report_get_for_move(*, user: User, year: int, unit_id: int, to: str) -> UnitReportAccess:
    """The report of a unit to move to status `to`: 404 for an unknown status, 403 for someone
    who never makes that move (whether it can be made now is the service's to say)."""
    if to not in UnitReportStatus.values:
        raise Http404
    access = unit_report_get_for_reader(user=user, year=year, unit_id=unit_id)
    if not may_ever_move_to(access.capacities, to):
        raise PermissionDenied
    return access


def unit_findings_get(
    *, user: User, year: int, unit_id: int, for_editing: bool = False
) -> UnitReportAccess:
    """The findings of a unit: the auditors on its audit team (read and write) and the
    coordination team (read). 403 for anyone else, the unit's board included."""
    access = _access(user=user, year=year, unit_id=unit_id)
    allowed = access.is_auditor if for_editing else access.sees_findings
    if not allowed:
        raise PermissionDenied
    return access


def unit_response_get_for_board(*, user: User, year: int, unit_id: int) -> UnitReportAccess:
    """The report of a unit for writing its management response: only the unit's own board,
    and only once the report is agreed with it (afgestemd or definitief). 403 otherwise."""
    access = _access(user=user, year=year, unit_id=unit_id)
    if not access.is_board or not response_open(access.status):
        raise PermissionDenied
    return access


# --- The list of unit reports of a cycle ---------------------------------------------------------


@dataclass(frozen=True)
class UnitReportRow:
    """One unit's report on the list, as the user may see it."""

    unit: BusinessUnit
    report: UnitReport | None
    capacities: frozenset[AuditCapacity]
    recommendation_count: int
    finding_count: int
    response_submitted: bool
    excluded: bool

    @property
    def status(self) -> str:
        return self.report.status if self.report else UnitReportStatus.CONCEPT

    @property
    def status_label(self) -> str:
        return UnitReportStatus(self.status).label

    @property
    def sees_findings(self) -> bool:
        return bool({AuditCapacity.AUDITOR, AuditCapacity.COORDINATOR} & self.capacities)

    @property
    def can_respond(self) -> bool:
        return AuditCapacity.BOARD in self.capacities and response_open(self.status)


def unit_reports_for_user(*, user: User, year: int) -> tuple[AuditCycle, list[UnitReportRow]]:
    """The reports of every unit with principles assessed in the cycle that `user` may read
    now: all for the coordination team, the units on their teams for an auditor, the own unit
    once afgestemd for a board, the definitief ones for the RvB. 403 for anyone without one of
    these roles. A fixed number of queries, whatever the number of units."""
    cycle = cycle_get(year=year)
    if not has_any_role(user, *REPORT_ROLES):
        raise PermissionDenied
    scope = assessed_principle_ids_by_unit(cycle)
    leads = _lead_flags(user, cycle)
    reports = {
        report.unit_id: report
        for report in UnitReport.objects.filter(cycle=cycle).select_related("response")
    }
    recommendations = _count_by_unit(Recommendation.objects.filter(cycle=cycle))
    findings = _count_by_unit(Finding.objects.filter(cycle=cycle))
    excluded = {exclusion.unit_id for exclusion in exclusions_of(cycle)}
    rows = []
    for unit in BusinessUnit.objects.filter(id__in=list(scope)).order_by("name"):
        report = reports.get(unit.id)
        capacities = audit_capacities(
            user, cycle=cycle, unit=unit, assignment_lead=leads.get(unit.id)
        )
        status = report.status if report else UnitReportStatus.CONCEPT
        if not may_read(capacities, status):
            continue
        response = getattr(report, "response", None) if report else None
        rows.append(
            UnitReportRow(
                unit=unit,
                report=report,
                capacities=capacities,
                recommendation_count=recommendations.get(unit.id, 0),
                finding_count=findings.get(unit.id, 0),
                response_submitted=bool(response and response.status == ResponseStatus.INGEDIEND),
                excluded=unit.id in excluded,
            )
        )
    return cycle, rows


def _count_by_unit(queryset) -> dict[int, int]:
    return dict(queryset.values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n"))


def board_unit_reports(user: User) -> list[tuple[AuditCycle, UnitReport]]:
    """For a unit's board: the reports of its unit it may read (afgestemd or definitief),
    newest cycle first. Empty for anyone else. One query."""
    if not has_any_role(user, Role.DIRECTIE) or user.business_unit_id is None:
        return []
    reports = (
        UnitReport.objects.filter(
            unit_id=user.business_unit_id,
            status__in=[UnitReportStatus.AFGESTEMD, UnitReportStatus.DEFINITIEF],
        )
        .select_related("cycle", "unit")
        .order_by("-cycle__year")
    )
    return [(report.cycle, report) for report in reports]


# --- The management response ------------------------------------------------------------------


def response_of(report: UnitReport | None) -> ManagementResponse | None:
    """The management response to `report`, with its answers, or None."""
    if report is None:
        return None
    return (
        ManagementResponse.objects.select_related("updated_by").filter(unit_report=report).first()
    )


def submitted_response_of(report: UnitReport | None) -> ManagementResponse | None:
    """The response once submitted: only then does it appear in the report."""
    response = response_of(report)
    return response if response and response.status == ResponseStatus.INGEDIEND else None


def answers_of(response: ManagementResponse | None) -> dict[int, RecommendationResponse]:
    """recommendation id → the board's answer to it."""
    if response is None:
        return {}
    return {answer.recommendation_id: answer for answer in response.answers.all()}


def recommendations_of(*, cycle: AuditCycle, unit: BusinessUnit) -> list[Recommendation]:
    """The recommendations to `unit` in `cycle`, by principle."""
    return list(Recommendation.objects.filter(cycle=cycle, unit=unit).select_related("principle"))


# --- The recorded changes, ready to read ---------------------------------------------------------

_FIELD_LABELS = {
    "principle": gettext_lazy("principe"),
    "kind": gettext_lazy("soort"),
    "text": gettext_lazy("tekst"),
    "title": gettext_lazy("titel"),
    "priority": gettext_lazy("prioriteit"),
    "interview": gettext_lazy("uit interview"),
    "status": gettext_lazy("status"),
    "agreed_on": gettext_lazy("afgestemd op"),
    "agreed_with": gettext_lazy("afgestemd met"),
    "overall": gettext_lazy("reactie"),
    "recognition": gettext_lazy("herkenning"),
    "answer": gettext_lazy("reactie van de directie"),
    "explanation": gettext_lazy("toelichting"),
    "intended_actions": gettext_lazy("voorgenomen acties"),
}
_VALUE_LABELS = {
    "kind": dict(FindingKind.choices),
    "priority": dict(Priority.choices),
    "status": {**dict(UnitReportStatus.choices), **dict(ResponseStatus.choices)},
    "recognition": dict(Recognition.choices),
    "answer": dict(Recognition.choices),
}
REPORT_STATUS_EVENTS = (
    UNIT_REPORT_AGREED,
    UNIT_REPORT_FINALISED,
    UNIT_REPORT_REOPENED,
)


def _answer_field(titles: dict[int, str]):
    # Answers to recommendations are recorded as "answers.<recommendation id>.<field>".
    def label(key: str) -> str | None:
        kind, _dot, rest = key.partition(".")
        if kind != "answers" or not rest:
            return None
        rec_id, _dot, field = rest.partition(".")
        title = titles.get(int(rec_id), "#" + rec_id) if rec_id.isdigit() else rec_id
        return _("%(field)s bij “%(title)s”") % {
            "field": _FIELD_LABELS.get(field, field),
            "title": title,
        }

    return label


def _changes(titles: dict[int, str] | None = None) -> ChangeFormat:
    """How the changes of findings, the report and a management response read; `titles` names
    the recommendations whose answers a management response's changes mention."""
    return ChangeFormat(
        fields=_FIELD_LABELS, values=_VALUE_LABELS, field_label=_answer_field(titles or {})
    )


def report_status_history(access: UnitReportAccess) -> list[HistoryEntry]:
    """How the report moved from status to status: who, when, and why, newest first."""
    return history_for(access.report, events=REPORT_STATUS_EVENTS, fmt=_changes())


def findings_history(access: UnitReportAccess) -> list[HistoryEntry]:
    """Every recorded change of the unit's observations, good practices, quotes and
    recommendations, deletions included (those are recorded on the report, as the object is
    gone), newest first. Two queries besides the ids."""
    cycle, unit = access.cycle, access.unit
    query = Q(pk__in=[])
    for model in (Finding, Recommendation, Quote):
        ids = [
            str(pk)
            for pk in model.objects.filter(cycle=cycle, unit=unit).values_list("pk", flat=True)
        ]
        if ids:
            query |= Q(object_type=model._meta.label_lower, object_id__in=ids)
    if access.report is not None:
        query |= Q(
            object_type=UnitReport._meta.label_lower,
            object_id=str(access.report.pk),
            event__endswith=".deleted",
        )
    return history_for(query, fmt=_changes())


def item_history(obj) -> list[HistoryEntry]:
    """The recorded changes of one finding, quote or recommendation, newest first."""
    return history_for(obj, fmt=_changes())


def response_history(
    response: ManagementResponse | None, *, recommendations: list[Recommendation]
) -> list[HistoryEntry]:
    """The recorded changes of a management response, newest first."""
    return history_for(response, fmt=_changes({rec.pk: rec.title for rec in recommendations}))


def agreement_gaps_of(*, cycle: AuditCycle, unit: BusinessUnit) -> list[str]:
    """What the report of `unit` still lacks before it can be agreed (`agreement_gaps`): per
    principle in scope there, whether it has a submitted score and a finding. One query."""
    principles = (
        assessed_principles_of(cycle=cycle, unit=unit)
        .annotate(
            scored=Exists(
                Score.objects.filter(
                    cycle=cycle, unit=unit, principle=OuterRef("pk"), status=ScoreStatus.INGEDIEND
                )
            ),
            found=Exists(Finding.objects.filter(cycle=cycle, unit=unit, principle=OuterRef("pk"))),
        )
        .order_by("order", "name")
    )
    return agreement_gaps((p.name, p.scored, p.found) for p in principles)
