"""Reads of a business unit's improvement actions from both halves of the product (DOMAIN.md §7):
the follow-up actions of the audit's recommendations (read through findings' selectors) and the
control measures of the herstelacties the unit leads, each with its latest effect measurement.

Who reads it: the unit's own board (Directie bedrijfsonderdeel) its own unit; the coordination
team, FEZ, SBK and the RvB every unit (permissions.may_see_every_unit_improvements). Anyone else
gets 403. A fixed number of queries, however many actions."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from findings.constants import ActionStatus
from findings.rules import FollowUpState
from findings.selectors import (
    ActionRow,
    follow_up_actions_for_reader,
    follow_up_counts_by_unit,
    is_unit_board,
    unit_actions_all_cycles,
)
from herstel.constants import (
    ControlMeasureProgress,
    Effectiveness,
    ImprovementSource,
    MeasureStatus,
)
from herstel.models import ControlMeasure, MeasureEvaluation
from herstel.permissions import may_see_every_unit_improvements
from herstel.rules import control_measure_status, lacks_effect_measurement
from herstel.selectors.actions import herstelacties_for_user
from uwvkms.constants import Role
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role

# --- access -------------------------------------------------------------------------------------


def improvement_unit_get_for_reader(*, user: User, unit_id: int) -> BusinessUnit:
    """The unit whose improvement actions `user` may read: any unit for the coordination team,
    FEZ, SBK and the RvB; its own unit for a unit's board (403 for another unit's); 403 for
    anyone else, 404 for an unknown unit."""
    every_unit = may_see_every_unit_improvements(user)
    if not every_unit and not has_any_role(user, Role.DIRECTIE):
        raise PermissionDenied
    unit = BusinessUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    if not every_unit and not is_unit_board(user, unit):
        raise PermissionDenied
    return unit


def own_improvement_unit(user: User) -> BusinessUnit | None:
    """The unit a board member reads (their own), when they may read no other; None for those
    who read every unit. 403 for anyone who reads none."""
    if may_see_every_unit_improvements(user):
        return None
    if has_any_role(user, Role.DIRECTIE) and user.business_unit_id is not None:
        return user.business_unit
    raise PermissionDenied


def improvements_entry_unit_id(user: User) -> int | None | bool:
    """For the links to this list: False when `user` may not read it, None when they choose a
    unit on the index, else the id of their own unit."""
    try:
        unit = own_improvement_unit(user)
    except PermissionDenied:
        return False
    return unit.pk if unit is not None else None


# --- one unit's list -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImprovementRow:
    """One improvement action, whichever half it comes from, with its latest effect
    measurement. For an audit follow-up action the measurement is the latest EffectMeasurement
    (value, date, conclusion); for a control measure it is the judgement in the latest completed
    evaluation (implemented, effective, evidence, the evaluation's date)."""

    source: ImprovementSource
    origin: str  # the cycle and recommendation, or the herstelactie
    origin_url: str | None
    description: str
    owner: str
    due_on: datetime.date
    status: str
    late: bool
    measured_on: datetime.date | None
    lacks_measurement: bool
    url: str | None = None
    # audit follow-up
    measured_value: Decimal | None = None
    conclusion: str = ""
    next_steps: str = ""
    # herstel control measure
    evaluation_number: int | None = None
    implemented: bool | None = None
    effective: str = ""
    evidence: str = ""

    @property
    def is_audit(self) -> bool:
        return self.source == ImprovementSource.AUDIT

    @property
    def measured(self) -> bool:
        return self.measured_on is not None

    @property
    def effect_text(self) -> str:
        """The latest effect measurement in one line (exports)."""
        if not self.measured:
            return ""
        if self.is_audit:
            return _("gemeten waarde %(value)s: %(conclusion)s") % {
                "value": self.measured_value,
                "conclusion": self.conclusion,
            }
        if not self.implemented:
            return _("evaluatie %(n)s: niet geïmplementeerd") % {"n": self.evaluation_number}
        return _("evaluatie %(n)s: geïmplementeerd, werkt: %(effective)s") % {
            "n": self.evaluation_number,
            "effective": self.effective.lower() or "–",
        }

    @property
    def effect_note(self) -> str:
        return self.next_steps if self.is_audit else self.evidence


@dataclass(frozen=True)
class ImprovementFilters:
    """The filters of the list: the source (audit or herstel; empty for both) and only the
    actions without an effect measurement although done or due."""

    source: str = ""
    without_measurement: bool = False

    @classmethod
    def from_query(cls, query) -> "ImprovementFilters":
        source = query.get("bron", "")
        return cls(
            source=source if source in ImprovementSource.values else "",
            without_measurement=query.get("zonder_effectmeting") == "1",
        )

    def includes(self, source: ImprovementSource) -> bool:
        return not self.source or self.source == source


@dataclass(frozen=True)
class UnitImprovements:
    unit: BusinessUnit
    filters: ImprovementFilters
    rows: list[ImprovementRow]
    today: datetime.date
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def lacking(self) -> int:
        return sum(1 for row in self.rows if row.lacks_measurement)


def _audit_row(row: ActionRow, *, today: datetime.date, linkable: bool) -> ImprovementRow:
    action = row.action
    latest = row.latest_measurement
    done = action.status == ActionStatus.GEREED
    cancelled = action.status == ActionStatus.VERVALLEN
    kwargs = {"year": action.cycle.year, "unit_id": action.unit_id}
    return ImprovementRow(
        source=ImprovementSource.AUDIT,
        origin=_("Toetscyclus %(year)s · aanbeveling “%(title)s” (%(principle)s)")
        % {
            "year": action.cycle.year,
            "title": action.recommendation.title,
            "principle": action.recommendation.principle,
        },
        origin_url=reverse("findings:follow_up_unit", kwargs=kwargs) if linkable else None,
        url=reverse("findings:action_detail", kwargs=kwargs | {"pk": action.pk})
        if linkable
        else None,
        description=action.title,
        owner=action.owner,
        due_on=action.due_on,
        status=action.get_status_display(),
        late=row.state == FollowUpState.OVERDUE,
        measured_on=latest.measured_on if latest else None,
        measured_value=latest.measured_value if latest else None,
        conclusion=latest.get_conclusion_display() if latest else "",
        next_steps=latest.next_steps if latest else "",
        lacks_measurement=lacks_effect_measurement(
            done=done,
            cancelled=cancelled,
            measured=latest is not None,
            due_on=action.due_on,
            today=today,
        ),
    )


def _latest_judgements(unit: BusinessUnit) -> dict[int, MeasureEvaluation]:
    """Per control measure of the unit's actions, its judgement in the latest completed
    evaluation that judged it. One query."""
    latest: dict[int, MeasureEvaluation] = {}
    for judged in (
        MeasureEvaluation.objects.filter(
            measure__herstelactie__lead_unit=unit,
            evaluation__completed_on__isnull=False,
            implemented__isnull=False,
        )
        .select_related("evaluation")
        .order_by("measure_id", "evaluation__number")
    ):
        latest[judged.measure_id] = judged
    return latest


def _herstel_row(
    measure: ControlMeasure,
    judged: MeasureEvaluation | None,
    *,
    today: datetime.date,
    readable: set[int],
) -> ImprovementRow:
    implemented = judged.implemented if judged else None
    action_readable = measure.herstelactie_id in readable
    url = None
    if judged and action_readable:
        url = reverse("herstel:evaluation", kwargs={"pk": measure.herstelactie_id})
    status = control_measure_status(
        implemented=implemented, progress=measure.progress, due_on=measure.due_on, today=today
    )
    action = measure.herstelactie
    return ImprovementRow(
        source=ImprovementSource.HERSTEL,
        origin=_("Herstelactie “%(title)s” (%(step)s)")
        % {"title": action.title, "step": action.get_step_display()},
        origin_url=action.get_absolute_url() if action_readable else None,
        description=measure.description,
        owner=measure.owner,
        due_on=measure.due_on,
        status=str(MeasureStatus(status).label),
        late=status == MeasureStatus.OVERDUE,
        url=url,
        measured_on=judged.evaluation.completed_on if judged else None,
        evaluation_number=judged.evaluation.number if judged else None,
        implemented=implemented,
        effective=str(Effectiveness(judged.effective).label) if judged and judged.effective else "",
        evidence=judged.evidence if judged else "",
        lacks_measurement=lacks_effect_measurement(
            done=implemented is True or measure.progress == ControlMeasureProgress.GEREED,
            cancelled=False,
            measured=judged is not None,
            due_on=measure.due_on,
            today=today,
        ),
    )


def unit_improvements(
    unit: BusinessUnit, *, user: User, filters: ImprovementFilters, today: datetime.date
) -> UnitImprovements:
    """The unit's improvement actions from the audit's follow-up (every cycle) and from the
    control measures of the herstelacties it leads, by due date, with their latest effect
    measurement and the flag "geen effectmeting". Links go only where `user` may follow them.
    At most five queries, however many actions."""
    rows: list[ImprovementRow] = []
    counts = {source.value: 0 for source in ImprovementSource}
    if filters.includes(ImprovementSource.AUDIT):
        # One query for the cycles whose follow-up `user` may open, whatever their number.
        readable_cycles = set(
            follow_up_actions_for_reader(user)
            .filter(unit=unit)
            .values_list("cycle_id", flat=True)
            .distinct()
        )
        for row in unit_actions_all_cycles(unit, today=today):
            linkable = row.action.cycle_id in readable_cycles
            rows.append(_audit_row(row, today=today, linkable=linkable))
    if filters.includes(ImprovementSource.HERSTEL):
        readable = set(
            herstelacties_for_user(user).filter(lead_unit=unit).values_list("pk", flat=True)
        )
        judgements = _latest_judgements(unit)
        for measure in (
            ControlMeasure.objects.filter(herstelactie__lead_unit=unit)
            .select_related("herstelactie")
            .order_by("due_on", "id")
        ):
            rows.append(
                _herstel_row(measure, judgements.get(measure.pk), today=today, readable=readable)
            )
    for row in rows:
        counts[row.source] += 1
    if filters.without_measurement:
        rows = [row for row in rows if row.lacks_measurement]
    rows.sort(key=lambda row: (row.due_on, row.source != ImprovementSource.AUDIT))
    return UnitImprovements(unit=unit, filters=filters, rows=rows, today=today, counts=counts)


# --- the index: every unit -----------------------------------------------------------------------


@dataclass(frozen=True)
class UnitImprovementCount:
    unit: BusinessUnit
    audit: int
    herstel: int
    lacking: int

    @property
    def total(self) -> int:
        return self.audit + self.herstel


def improvement_counts(*, today: datetime.date) -> list[UnitImprovementCount]:
    """Per business unit: its audit follow-up actions, the control measures of the herstelacties
    it leads, and how many of both lack an effect measurement although done or due (the
    database's version of rules.lacks_effect_measurement, tested against the unit's list).
    Three queries."""
    follow_up = follow_up_counts_by_unit(today=today)
    judged = Exists(
        MeasureEvaluation.objects.filter(
            measure=OuterRef("pk"),
            evaluation__completed_on__isnull=False,
            implemented__isnull=False,
        )
    )
    measures = {
        row["herstelactie__lead_unit_id"]: (row["n"], row["lacking"])
        for row in ControlMeasure.objects.values("herstelactie__lead_unit_id")
        .annotate(
            n=Count("id"),
            lacking=Count(
                "id",
                filter=~judged & (Q(due_on__lt=today) | Q(progress=ControlMeasureProgress.GEREED)),
            ),
        )
        .order_by()
    }
    return [
        UnitImprovementCount(
            unit=unit,
            audit=follow_up.get(unit.pk, (0, 0))[0],
            herstel=measures.get(unit.pk, (0, 0))[0],
            lacking=follow_up.get(unit.pk, (0, 0))[1] + measures.get(unit.pk, (0, 0))[1],
        )
        for unit in BusinessUnit.objects.order_by("name")
    ]
