"""The figures of herstelacties: the management information of one action (step 3) and the
central overview of all actions for FEZ and SBK, with SBK's list of what needs informing SZW or
a note to the minister. Every amount is added up by the database over whole cents (exact), and
each page reads in a fixed number of queries however many actions and dossiers there are."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from herstel.constants import STEP_2, Forum, Mandate, NotificationKind, Outcome, Step
from herstel.models import (
    Decision,
    DossierImport,
    DossierSnapshot,
    ExecutionPlan,
    Herstelactie,
    Notification,
)
from herstel.money import euros
from herstel.rules import (
    DecisionFacts,
    Estimate,
    SbkTask,
    average_estimate,
    progress_percent,
    sbk_tasks,
)
from herstel.selectors.dossiers import DossierTotals, dossier_totals, totals_per_action
from herstel.selectors.execution import execution_plan_of
from uwvkms.query import parse_int

# --- Management information of one action -------------------------------------------------------


@dataclass(frozen=True)
class TrendWeek:
    """The figures at the end of one week: the last snapshot taken in that ISO week."""

    year: int
    week: int
    taken_at: datetime.datetime
    total: int
    te_beoordelen: int
    beoordeeld: int
    afgehandeld: int
    paid_cents: int
    to_pay_cents: int
    recovered_cents: int
    written_off_cents: int

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def assessed(self) -> int:
        return self.beoordeeld + self.afgehandeld

    @property
    def progress(self) -> int:
        return progress_percent(self.assessed, self.total)

    @property
    def paid(self):
        return euros(self.paid_cents)

    @property
    def to_pay(self):
        return euros(self.to_pay_cents)

    @property
    def recovered(self):
        return euros(self.recovered_cents)

    @property
    def written_off(self):
        return euros(self.written_off_cents)


def weekly_trend(snapshots) -> list[TrendWeek]:
    """Per ISO week (in Dutch time) the last snapshot of that week, oldest week first."""
    weeks: dict[tuple[int, int], TrendWeek] = {}
    for snap in sorted(snapshots, key=lambda s: (s.taken_at, s.pk or 0)):
        year, week, _day = timezone.localtime(snap.taken_at).isocalendar()
        weeks[(year, week)] = TrendWeek(
            year=year,
            week=week,
            taken_at=snap.taken_at,
            total=snap.total,
            te_beoordelen=snap.te_beoordelen,
            beoordeeld=snap.beoordeeld,
            afgehandeld=snap.afgehandeld,
            paid_cents=snap.paid_cents,
            to_pay_cents=snap.to_pay_cents,
            recovered_cents=snap.recovered_cents,
            written_off_cents=snap.written_off_cents,
        )
    return [weeks[key] for key in sorted(weeks)]


@dataclass(frozen=True)
class ManagementInformation:
    """What the stakeholders of one action are told (the process guide, step 3): progress
    (assessed out of total), the counts per status and outcome, the four amount totals, the
    dossiers still to assess times an estimated average amount (entered or derived, and which),
    and the trend per week."""

    action: Herstelactie
    totals: DossierTotals
    estimate: Estimate
    estimate_basis: str
    trend: list[TrendWeek]
    last_import: DossierImport | None
    measured_at: datetime.datetime
    plan: ExecutionPlan | None = None  # the plan of approach, with the entered estimate

    @property
    def progress(self) -> int:
        return progress_percent(self.totals.assessed, self.totals.total)

    @property
    def average(self):
        return euros(self.estimate.average_cents)

    @property
    def remaining_amount(self):
        return euros(self.estimate.remaining_cents)


def management_information(action: Herstelactie) -> ManagementInformation:
    """The management information of one action (four queries, however many dossiers)."""
    totals = dossier_totals(action)
    plan = execution_plan_of(action)
    entered = plan.estimated_average_cents if plan else None
    estimate = average_estimate(
        entered_cents=entered,
        assessed=totals.assessed,
        assessed_total_cents=totals.assessed_amount_cents,
        remaining=totals.remaining,
    )
    return ManagementInformation(
        action=action,
        totals=totals,
        estimate=estimate,
        estimate_basis=plan.estimate_basis if plan and entered is not None else "",
        trend=weekly_trend(DossierSnapshot.objects.filter(herstelactie=action)),
        last_import=DossierImport.objects.filter(herstelactie=action)
        .select_related("imported_by")
        .order_by("-imported_at", "-id")
        .first(),
        measured_at=timezone.now(),
        plan=plan,
    )


# --- The central overview ---------------------------------------------------------------------


STEP_ORDER = {step.value: index for index, step in enumerate(Step)}
MANDATE_ORDER = {mandate.value: index for index, mandate in enumerate(Mandate)}


@dataclass(frozen=True)
class OverviewRow:
    """One action in the overview with its dossier figures and estimate."""

    action: Herstelactie
    totals: DossierTotals
    estimate: Estimate

    @property
    def progress(self) -> int:
        return progress_percent(self.totals.assessed, self.totals.total)

    @property
    def remaining_amount(self):
        return euros(self.estimate.remaining_cents)


# sort key (as in the URL) → (label, function of a row)
SORTS = {
    "titel": lambda r: r.action.title.lower(),
    "divisie": lambda r: r.action.lead_unit.name.lower(),
    "stap": lambda r: STEP_ORDER.get(r.action.step, 99),
    "mandaat": lambda r: MANDATE_ORDER.get(r.action.mandate, -1),
    "gestart": lambda r: r.action.started_at,
    "dossiers": lambda r: r.totals.total,
    "voortgang": lambda r: r.progress,
    "nabetaald": lambda r: r.totals.paid_cents,
    "nog_te_betalen": lambda r: r.totals.to_pay_cents,
    "teruggevorderd": lambda r: r.totals.recovered_cents,
    "afgeboekt": lambda r: r.totals.written_off_cents,
    "restwaarde": lambda r: r.estimate.remaining_cents or 0,
}
DEFAULT_SORT = "-gestart"


@dataclass(frozen=True)
class OverviewFilters:
    """What the overview is narrowed to and sorted by (from the query string)."""

    unit: int | None = None
    step: str = ""
    mandate: str = ""
    issue: bool = False
    text: str = ""
    sort: str = DEFAULT_SORT

    @classmethod
    def from_query(cls, query) -> "OverviewFilters":
        sort = query.get("sorteer", DEFAULT_SORT)
        return cls(
            # Not a division's id (text, "²", too large): the filter is ignored.
            unit=parse_int(query.get("divisie", ""), minimum=1),
            step=query.get("stap", "") if query.get("stap", "") in Step.values else "",
            mandate=query.get("mandaat", "") if query.get("mandaat", "") in Mandate.values else "",
            issue=query.get("issue", "") == "1",
            text=query.get("zoek", "").strip()[:100],
            sort=sort if sort.lstrip("-") in SORTS else DEFAULT_SORT,
        )


@dataclass(frozen=True)
class Overview:
    rows: list[OverviewRow]
    filters: OverviewFilters
    totals: DossierTotals = field(default_factory=DossierTotals)
    remaining_cents: int = 0

    @property
    def remaining_amount(self):
        return euros(self.remaining_cents)


def overview(filters: OverviewFilters) -> Overview:
    """Every action (the overview is for FEZ, SBK and the RvB, who read all), filtered and
    sorted, with per action the dossier figures added up by the database, and the totals over
    the rows shown. Two queries however many actions and dossiers."""
    actions = Herstelactie.objects.select_related("lead_unit", "execution_plan")
    if filters.unit:
        actions = actions.filter(lead_unit_id=filters.unit)
    if filters.step:
        actions = actions.filter(step=filters.step)
    if filters.mandate:
        actions = actions.filter(mandate=filters.mandate)
    if filters.issue:
        actions = actions.filter(is_issue=True)
    if filters.text:
        actions = actions.filter(Q(title__icontains=filters.text))
    actions = list(actions)
    per_action = totals_per_action([a.pk for a in actions]) if actions else {}
    rows = []
    for action in actions:
        totals = per_action.get(action.pk, DossierTotals())
        plan = getattr(action, "execution_plan", None)
        rows.append(
            OverviewRow(
                action=action,
                totals=totals,
                estimate=average_estimate(
                    entered_cents=plan.estimated_average_cents if plan else None,
                    assessed=totals.assessed,
                    assessed_total_cents=totals.assessed_amount_cents,
                    remaining=totals.remaining,
                ),
            )
        )
    key = SORTS[filters.sort.lstrip("-")]
    rows.sort(key=lambda r: (r.action.pk,))  # a stable tie-break: oldest first
    rows.sort(key=key, reverse=filters.sort.startswith("-"))
    return Overview(
        rows=rows,
        filters=filters,
        totals=_sum_totals(row.totals for row in rows),
        remaining_cents=sum(row.estimate.remaining_cents or 0 for row in rows),
    )


def _sum_totals(totals) -> DossierTotals:
    """The per-action totals added up (integers: exact)."""
    names = DossierTotals.__dataclass_fields__
    summed = dict.fromkeys(names, 0)
    for item in totals:
        for name in names:
            summed[name] += getattr(item, name)
    return DossierTotals(**summed)


# --- SBK: what needs informing SZW or a note to the minister -----------------------------------


@dataclass(frozen=True)
class SbkRow:
    action: Herstelactie
    tasks: list[SbkTask]


def sbk_overview() -> list[SbkRow]:
    """The actions in step 2 for which SBK still has to inform SZW, write the note to the
    minister or record the minister's answer, each with what is open and whether it can be
    done now; ready ones first. Three queries however many actions."""
    actions = list(
        Herstelactie.objects.filter(step__in=STEP_2)
        .exclude(mandate="")
        .select_related("lead_unit")
        .order_by("started_at", "id")
    )
    ids = [a.pk for a in actions]
    latest: dict[int, dict[Forum, Outcome]] = {pk: {} for pk in ids}
    for action_id, forum, outcome in (
        Decision.objects.filter(herstelactie_id__in=ids, correction__isnull=True)
        .order_by("recorded_at", "id")
        .values_list("herstelactie_id", "forum", "outcome")
    ):
        latest[action_id][Forum(forum)] = Outcome(outcome)
    kinds: dict[int, set[NotificationKind]] = {pk: set() for pk in ids}
    for action_id, kind in (
        Notification.objects.filter(herstelactie_id__in=ids)
        .values_list("herstelactie_id", "kind")
        .distinct()
    ):
        kinds[action_id].add(NotificationKind(kind))
    rows = []
    for action in actions:
        facts = DecisionFacts(latest=latest[action.pk], notifications=frozenset(kinds[action.pk]))
        tasks = sbk_tasks(step=action.step, mandate=action.mandate, facts=facts)
        if tasks:
            rows.append(SbkRow(action, tasks))
    rows.sort(key=lambda row: not any(task.ready for task in row.tasks))
    return rows
