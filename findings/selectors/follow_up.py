"""Reads of the follow-up (DOMAIN.md §4, "Follow-up", and §7): the improvement actions a unit takes
on the recommendations its board recognised, their SMART goals and measured effect, and the
per-tertaal overview. Access: the unit's own board (Directie bedrijfsonderdeel) writes and reads,
the coordination team reads every unit, the auditors assigned to the unit in that cycle read.

Counting is done by the database (`Count` with a filter per state); the filters mirror
`findings.rules.follow_up_state`, which classifies single actions where a page lists them."""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy

from audits.constants import AuditCapacity
from audits.models import Assignment, AuditCycle
from audits.selectors import audit_capacities, cycle_get, unit_get
from findings.constants import ActionStatus, EffectConclusion, Recognition, ResponseStatus
from findings.models import (
    EffectMeasurement,
    FollowUpAction,
    ManagementResponse,
    Recommendation,
)
from findings.rules import (
    FollowUpState,
    Tertaal,
    action_withdrawal_refusal,
    follow_up_state,
    tertaal_of,
)
from uwvkms.constants import Role
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role
from uwvkms.query import parse_int
from uwvkms.selectors import history_for

# The board's answers that call for follow-up (DOMAIN.md §4: recognised recommendations).
RECOGNISED = (Recognition.HERKEND, Recognition.DEELS_HERKEND)
NOT_DONE = (ActionStatus.GEPLAND, ActionStatus.IN_UITVOERING)

# --- access ---------------------------------------------------------------------------------


# Who reads a unit's follow-up (DOMAIN.md §4): its board, the coordination team, its auditors.
FOLLOW_UP_READERS = frozenset(
    {AuditCapacity.BOARD, AuditCapacity.COORDINATOR, AuditCapacity.AUDITOR}
)


def is_unit_board(user: User, unit: BusinessUnit) -> bool:
    """Whether `user` is on the board (Directie bedrijfsonderdeel) of `unit`."""
    return AuditCapacity.BOARD in audit_capacities(user, unit=unit)


def can_read_follow_up(user: User, cycle: AuditCycle, unit: BusinessUnit) -> bool:
    """The unit's own board, the coordination team, and the auditors assigned to the unit in
    `cycle`."""
    return bool(FOLLOW_UP_READERS & audit_capacities(user, cycle=cycle, unit=unit))


def follow_up_actions_for_reader(user: User) -> QuerySet[FollowUpAction]:
    """The follow-up actions `user` may read: the rule of `can_read_follow_up` as a queryset
    (every action for the coordination team; the own unit's for its board; the assigned
    units' for an auditor), for lists. Nothing for anyone else."""
    if has_any_role(user, Role.COORDINATIETEAM):
        return FollowUpAction.objects.all()
    readable = Q(pk__in=[])
    if has_any_role(user, Role.DIRECTIE) and user.business_unit_id is not None:
        readable |= Q(unit_id=user.business_unit_id)
    if has_any_role(user, Role.TOETSER):
        readable |= Exists(
            Assignment.objects.filter(auditor=user, cycle=OuterRef("cycle"), unit=OuterRef("unit"))
        )
    return FollowUpAction.objects.filter(readable)


def follow_up_unit_get_for_reader(
    *, user: User, year: int, unit_id: int
) -> tuple[AuditCycle, BusinessUnit]:
    """The cycle and unit whose follow-up `user` may read (see `can_read_follow_up`); 403 for
    anyone else, 404 for an unknown cycle or unit."""
    if not has_any_role(user, Role.COORDINATIETEAM, Role.DIRECTIE, Role.TOETSER):
        raise PermissionDenied
    cycle, unit = cycle_get(year=year), unit_get(unit_id=unit_id)
    if not can_read_follow_up(user, cycle, unit):
        raise PermissionDenied
    return cycle, unit


def follow_up_unit_get_for_board(
    *, user: User, year: int, unit_id: int
) -> tuple[AuditCycle, BusinessUnit]:
    """The cycle and unit whose follow-up `user` may change: the unit's own board only (403)."""
    if AuditCapacity.BOARD not in audit_capacities(user, unit=unit_id):
        raise PermissionDenied
    return cycle_get(year=year), unit_get(unit_id=unit_id)


def follow_up_cycle_get_for_coordinator(*, user: User, year: int) -> AuditCycle:
    """The cycle for the follow-up overview of every unit: the coordination team only."""
    if not has_any_role(user, Role.COORDINATIETEAM):
        raise PermissionDenied
    return cycle_get(year=year)


def tertaal_unit_scope(user: User) -> BusinessUnit | None:
    """Whose actions `user` sees in the per-tertaal overview: every unit (None) for the
    coordination team, its own unit for a unit's board; 403 for anyone else."""
    if has_any_role(user, Role.COORDINATIETEAM):
        return None
    if has_any_role(user, Role.DIRECTIE) and user.business_unit_id is not None:
        return user.business_unit
    raise PermissionDenied


# --- recognised recommendations and their actions -------------------------------------------


def recognised_recommendations(cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[Recommendation]:
    """The recommendations of `unit` in `cycle` its board recognised (herkend or deels herkend)
    in a submitted management response: these get follow-up actions."""
    return Recommendation.objects.filter(
        cycle=cycle,
        unit=unit,
        answer__recognition__in=RECOGNISED,
        answer__response__status=ResponseStatus.INGEDIEND,
    )


def recognised_recommendation_get(
    *, cycle: AuditCycle, unit: BusinessUnit, pk: int
) -> Recommendation:
    """A recognised recommendation of the unit; 404 for any other (not recognised, not
    submitted, another unit's)."""
    try:
        return (
            recognised_recommendations(cycle, unit)
            .select_related("principle", "unit", "answer")
            .get(pk=pk)
        )
    except Recommendation.DoesNotExist as exc:
        raise Http404 from exc


def is_recognised(recommendation: Recommendation) -> bool:
    """Whether the board recognised `recommendation` in a submitted response. One query."""
    return Recommendation.objects.filter(
        pk=recommendation.pk,
        answer__recognition__in=RECOGNISED,
        answer__response__status=ResponseStatus.INGEDIEND,
    ).exists()


def action_get(
    *, cycle: AuditCycle, unit: BusinessUnit, pk: int, withdrawn_too: bool = False
) -> FollowUpAction:
    """An action of `unit` in `cycle`; 404 otherwise, and for a withdrawn action unless
    `withdrawn_too` (its own page and its withdrawal page still show it)."""
    actions = FollowUpAction.with_withdrawn if withdrawn_too else FollowUpAction.objects
    try:
        return (
            actions.select_related(
                "recommendation__principle",
                "recommendation__answer",
                "updated_by",
                "withdrawn_by",
                "unit",
                "cycle",
            )
            .prefetch_related(
                Prefetch(
                    "measurements",
                    queryset=EffectMeasurement.objects.select_related("recorded_by"),
                )
            )
            .get(cycle=cycle, unit=unit, pk=pk)
        )
    except FollowUpAction.DoesNotExist as exc:
        raise Http404 from exc


def action_withdrawal_refusal_of(action: FollowUpAction) -> str | None:
    """Why `action` cannot be withdrawn now (`findings.rules.action_withdrawal_refusal`), for
    the page that offers it; None when it can. Reads its measurements (prefetched by
    `action_get`)."""
    return action_withdrawal_refusal(
        is_withdrawn=action.is_withdrawn,
        has_effect_measurement=bool(action.measurements.all()),
    )


def response_of(cycle: AuditCycle, unit: BusinessUnit) -> ManagementResponse | None:
    """The unit's management response in `cycle`, if it has one. One query."""
    return ManagementResponse.objects.filter(
        unit_report__cycle=cycle, unit_report__unit=unit
    ).first()


@dataclass(frozen=True)
class ActionRow:
    """An action with its state (`findings.rules.follow_up_state`) and effect measurements."""

    action: FollowUpAction
    state: str
    measurements: list[EffectMeasurement]

    @property
    def latest_measurement(self) -> EffectMeasurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def is_gap(self) -> bool:
        """Done, but nobody measured what it delivered: a gap, never a success."""
        return self.state == FollowUpState.DONE_WITHOUT_EFFECT


@dataclass(frozen=True)
class RecommendationFollowUp:
    """A recognised recommendation with its actions: those that count and, struck through on
    the page, those withdrawn (last)."""

    recommendation: Recommendation
    actions: list[ActionRow]

    @property
    def current_actions(self) -> list[ActionRow]:
        return [row for row in self.actions if not row.action.is_withdrawn]


@dataclass(frozen=True)
class UnitFollowUp:
    """The follow-up page of one unit in one cycle."""

    cycle: AuditCycle
    unit: BusinessUnit
    response: ManagementResponse | None
    items: list[RecommendationFollowUp]
    not_recognised: int
    today: date

    @property
    def response_submitted(self) -> bool:
        return self.response is not None and self.response.status == ResponseStatus.INGEDIEND

    @property
    def without_action(self) -> list[RecommendationFollowUp]:
        """The recognised recommendations without an action that counts (a withdrawn one does
        not)."""
        return [item for item in self.items if not item.current_actions]


def action_row(action: FollowUpAction, *, today: date) -> ActionRow:
    measurements = list(action.measurements.all())
    return ActionRow(
        action=action,
        state=follow_up_state(
            status=action.status,
            due_on=action.due_on,
            has_effect_measurement=bool(measurements),
            today=today,
        ),
        measurements=measurements,
    )


def unit_follow_up(cycle: AuditCycle, unit: BusinessUnit, *, today: date) -> UnitFollowUp:
    """The recognised recommendations of `unit` in `cycle`, each with its actions and their
    state, withdrawn actions last (the page strikes them through). Five queries, whatever the
    number of recommendations and actions."""
    recommendations = (
        recognised_recommendations(cycle, unit)
        .select_related("principle", "answer")
        .prefetch_related(
            Prefetch(
                "actions",
                queryset=FollowUpAction.with_withdrawn.filter(cycle=cycle, unit=unit)
                .select_related("updated_by", "withdrawn_by")
                .prefetch_related(
                    Prefetch(
                        "measurements",
                        queryset=EffectMeasurement.objects.order_by("measured_on", "id"),
                    )
                )
                .order_by(F("withdrawn_at").asc(nulls_first=True), "due_on", "id"),
            )
        )
        .order_by("principle__order", "id")
    )
    items = [
        RecommendationFollowUp(
            recommendation=r, actions=[action_row(a, today=today) for a in r.actions.all()]
        )
        for r in recommendations
    ]
    not_recognised = Recommendation.objects.filter(
        cycle=cycle,
        unit=unit,
        answer__recognition=Recognition.NIET_HERKEND,
        answer__response__status=ResponseStatus.INGEDIEND,
    ).count()
    return UnitFollowUp(
        cycle=cycle,
        unit=unit,
        response=response_of(cycle, unit),
        items=items,
        not_recognised=not_recognised,
        today=today,
    )


def unit_actions_all_cycles(unit: BusinessUnit, *, today: date) -> list[ActionRow]:
    """Every follow-up action of `unit` over all cycles, with its cycle and recommendation, its
    state and its effect measurements (oldest first), by due date. Two queries. For the list of
    a unit's improvement actions from the audit and herstel together (DOMAIN.md §7)."""
    actions = (
        FollowUpAction.objects.filter(unit=unit)
        .select_related("cycle", "recommendation__principle")
        .prefetch_related(
            Prefetch(
                "measurements", queryset=EffectMeasurement.objects.order_by("measured_on", "id")
            )
        )
        .order_by("due_on", "id")
    )
    return [action_row(action, today=today) for action in actions]


def follow_up_counts_by_unit(*, today: date) -> dict[int, tuple[int, int]]:
    """Per unit id: how many follow-up actions it has over all cycles, and how many of those
    lack an effect measurement although done or past their due date (cancelled ones left out).
    One query; the database's version of the flag on the unit's list of improvement actions."""
    lacking = (
        ~Q(status=ActionStatus.VERVALLEN)
        & ~_has_effect()
        & (Q(status=ActionStatus.GEREED) | Q(due_on__lt=today))
    )
    return {
        row["unit_id"]: (row["n"], row["lacking"])
        for row in FollowUpAction.objects.values("unit_id")
        .annotate(n=Count("id"), lacking=Count("id", filter=lacking))
        .order_by()
    }


# --- counting by state ----------------------------------------------------------------------


def _has_effect() -> Exists:
    return Exists(EffectMeasurement.objects.filter(action=OuterRef("pk")))


def _state_counts(*, today: date, within: Q) -> dict:
    """`Count`s per state of the actions matching `within`, the database's version of
    `findings.rules.follow_up_state` (tested against it)."""
    not_done = Q(status__in=NOT_DONE)
    done = Q(status=ActionStatus.GEREED)
    cancelled = Q(status=ActionStatus.VERVALLEN)
    return {
        "due": Count("id", filter=within & ~cancelled),
        "open": Count("id", filter=within & not_done & Q(due_on__gte=today)),
        "overdue": Count("id", filter=within & not_done & Q(due_on__lt=today)),
        "done_without_effect": Count("id", filter=within & done & ~_has_effect()),
        "done_with_effect": Count("id", filter=within & done & _has_effect()),
        "cancelled": Count("id", filter=within & cancelled),
    }


@dataclass(frozen=True)
class StateCounts:
    """How many actions stand where. `due` leaves out cancelled actions; it is the sum of open,
    overdue, done without and done with effect measured."""

    due: int = 0
    open: int = 0
    overdue: int = 0
    done_without_effect: int = 0
    done_with_effect: int = 0
    cancelled: int = 0

    def __add__(self, other: "StateCounts") -> "StateCounts":
        return StateCounts(
            **{f: getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__}
        )

    @classmethod
    def of(cls, row: dict) -> "StateCounts":
        return cls(**{f: row.get(f, 0) for f in cls.__dataclass_fields__})


@dataclass(frozen=True)
class CycleUnitRow:
    """One unit in the follow-up overview of a cycle."""

    unit: BusinessUnit
    response_status: str | None
    recognised: int
    without_action: int
    counts: StateCounts


def cycle_follow_up(cycle: AuditCycle, *, today: date) -> list[CycleUnitRow]:
    """Per unit of `cycle` with a management response or actions: whether the response is
    submitted, how many recommendations it recognised (and how many of those have no action
    yet), and its actions by state. Four queries."""
    responses = dict(
        ManagementResponse.objects.filter(unit_report__cycle=cycle).values_list(
            "unit_report__unit_id", "status"
        )
    )
    recognised = {
        row["unit_id"]: row
        for row in Recommendation.objects.filter(
            cycle=cycle,
            answer__recognition__in=RECOGNISED,
            answer__response__status=ResponseStatus.INGEDIEND,
        )
        .values("unit_id")
        .annotate(
            n=Count("id"),
            without_action=Count(
                "id", filter=~Exists(FollowUpAction.objects.filter(recommendation=OuterRef("pk")))
            ),
        )
        .order_by()
    }
    counts = {
        row["unit_id"]: StateCounts.of(row)
        for row in FollowUpAction.objects.filter(cycle=cycle)
        .values("unit_id")
        .annotate(**_state_counts(today=today, within=Q()))
        .order_by()
    }
    unit_ids = responses.keys() | recognised.keys() | counts.keys()
    units = BusinessUnit.objects.filter(pk__in=unit_ids).order_by("name")
    return [
        CycleUnitRow(
            unit=unit,
            response_status=responses.get(unit.pk),
            recognised=recognised.get(unit.pk, {}).get("n", 0),
            without_action=recognised.get(unit.pk, {}).get("without_action", 0),
            counts=counts.get(unit.pk, StateCounts()),
        )
        for unit in units
    ]


# --- the per-tertaal overview ---------------------------------------------------------------


@dataclass(frozen=True)
class TertaalRow:
    unit: BusinessUnit
    counts: StateCounts
    backlog: int  # still not done, due in an earlier tertaal


@dataclass(frozen=True)
class TertaalOverview:
    """Per unit, the actions due in `tertaal` by state as of `today`, and what is still open
    from earlier tertalen."""

    tertaal: Tertaal
    today: date
    rows: list[TertaalRow]
    totals: StateCounts = field(default_factory=StateCounts)
    backlog: int = 0


def tertaal_overview(
    *, tertaal: Tertaal, today: date, unit: BusinessUnit | None = None
) -> TertaalOverview:
    """Per unit (every unit with actions, or only `unit`): of the actions due in `tertaal` (all
    cycles) how many are open, overdue, done without effect measured (a gap) and done with
    effect measured, plus the actions from earlier tertalen that are still not done. Two
    queries."""
    actions = FollowUpAction.objects.filter(due_on__lte=tertaal.end)
    if unit is None:
        # Every unit that has follow-up actions at all; a unit without any is not listed.
        units = BusinessUnit.objects.filter(
            pk__in=FollowUpAction.objects.values("unit_id")
        ).order_by("name")
    else:
        actions = actions.filter(unit=unit)
        units = BusinessUnit.objects.filter(pk=unit.pk)
    in_tertaal = Q(due_on__gte=tertaal.start, due_on__lte=tertaal.end)
    by_unit = {
        row["unit_id"]: row
        for row in actions.values("unit_id")
        .annotate(
            **_state_counts(today=today, within=in_tertaal),
            backlog=Count("id", filter=Q(due_on__lt=tertaal.start, status__in=NOT_DONE)),
        )
        .order_by()
    }
    rows = [
        TertaalRow(
            unit=u,
            counts=StateCounts.of(by_unit.get(u.pk, {})),
            backlog=by_unit.get(u.pk, {}).get("backlog", 0),
        )
        for u in units
    ]
    totals = StateCounts()
    for row in rows:
        totals += row.counts
    return TertaalOverview(
        tertaal=tertaal,
        today=today,
        rows=rows,
        totals=totals,
        backlog=sum(row.backlog for row in rows),
    )


def tertaal_choices(*, today: date, unit: BusinessUnit | None = None) -> list[Tertaal]:
    """The tertalen to choose from: from the earliest to the latest due date of any action (of
    `unit`), and always the current tertaal with the one before and after. One query."""
    actions = FollowUpAction.objects.all()
    if unit is not None:
        actions = actions.filter(unit=unit)
    bounds = actions.aggregate(first=Min("due_on"), last=Max("due_on"))
    current = tertaal_of(today)
    first = min(filter(None, [bounds["first"], _shift(current, -1).start]))
    last = max(filter(None, [bounds["last"], _shift(current, 1).start]))
    choices, t = [], tertaal_of(first)
    end = tertaal_of(last)
    while t <= end:
        choices.append(t)
        t = _shift(t, 1)
    return choices


def _shift(tertaal: Tertaal, n: int) -> Tertaal:
    index = tertaal.year * 3 + tertaal.number - 1 + n
    return Tertaal(index // 3, index % 3 + 1)


def parse_tertaal(value: str) -> Tertaal | None:
    """A tertaal from its form value "2032-1"; None when it is not one."""
    year_text, sep, number = value.partition("-")
    year = parse_int(year_text, minimum=2000, maximum=2100)
    if not sep or year is None or number not in {"1", "2", "3"}:
        return None
    return Tertaal(year, int(number))


def tertaal_value(tertaal: Tertaal) -> str:
    return f"{tertaal.year}-{tertaal.number}"


# --- where a person finds their follow-up ---------------------------------------------------


@dataclass(frozen=True)
class FollowUpEntry:
    cycle: AuditCycle
    unit: BusinessUnit


def follow_up_entries(user: User) -> list[FollowUpEntry]:
    """The follow-up pages `user` may open, newest cycle first: for a unit's board its unit in
    every cycle with a submitted response or actions; for an auditor the units assigned to them.
    (The coordination team goes through each cycle's overview.)"""
    entries: list[FollowUpEntry] = []
    if has_any_role(user, Role.DIRECTIE) and user.business_unit_id is not None:
        cycle_ids = set(
            ManagementResponse.objects.filter(
                unit_report__unit_id=user.business_unit_id, status=ResponseStatus.INGEDIEND
            ).values_list("unit_report__cycle_id", flat=True)
        ) | set(
            FollowUpAction.objects.filter(unit_id=user.business_unit_id).values_list(
                "cycle_id", flat=True
            )
        )
        entries += [
            FollowUpEntry(cycle=c, unit=user.business_unit)
            for c in AuditCycle.objects.filter(pk__in=cycle_ids).order_by("-year")
        ]
    if has_any_role(user, Role.TOETSER):
        entries += [
            FollowUpEntry(cycle=a.cycle, unit=a.unit)
            for a in Assignment.objects.filter(auditor=user)
            .select_related("cycle", "unit")
            .order_by("-cycle__year", "unit__name")
        ]
    return entries


# --- history --------------------------------------------------------------------------------

_MEASUREMENT_FIELD_LABELS = {
    "measured_value": gettext_lazy("gemeten waarde"),
    "measured_on": gettext_lazy("meetdatum"),
    "conclusion": gettext_lazy("conclusie"),
    "next_steps": gettext_lazy("wat volgt"),
    "withdrawn": gettext_lazy("ingetrokken"),
}

_VALUE_LABELS = {
    "status": dict(ActionStatus.choices),
    "conclusion": dict(EffectConclusion.choices),
}


def action_history(action: FollowUpAction) -> list[HistoryEntry]:
    """The recorded changes of an action and its effect measurements, newest first. One
    query."""
    return history_for(
        action,
        fmt=ChangeFormat(
            model=FollowUpAction, fields=_MEASUREMENT_FIELD_LABELS, values=_VALUE_LABELS
        ),
    )
