"""Herstel's lines of the work queue (issue 16 §1, see `uwvkms.workqueue`): what waits on each
person in the steps of a herstelactie (DOMAIN.md §6). The DT members of the lead division: the
2A decision and the go/no-go; those of a division involved: their view in 2A; the RvB: the 2B decision; the readers of the overview (RvB, FEZ, SBK): its totals; the lead
division's advisers: the advice of step 1, what blocks the next step in steps 2 and 3, and the
evaluation of step 4 (with its due date); SBK: its open tasks towards SZW and
the minister (the SBK overview's rule), and the sections of the advice asked of it in step 1;
the owner of a communication task: the task while it is not done."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from herstel.constants import (
    ALL_STEPS,
    MOVES_WITH_REASON,
    STEP_2,
    Capacity,
    Forum,
    Mandate,
    Obligation,
    Step,
    StepMove,
    TaskStatus,
)
from herstel.models import (
    AdviceSectionAssignment,
    CommunicationTask,
    Decision,
    DtView,
    Evaluation,
    GoDecision,
    Herstelactie,
)
from herstel.permissions import is_sbk_adviser, may_see_overview
from herstel.rules import (
    DecisionFacts,
    ExecutionFacts,
    evaluation_due_on,
    move_blockers,
    moves_for,
    obligations_checklist,
)
from herstel.selectors.actions import TASK_OWNER_FACT, decision_facts_of, involves_unit
from herstel.selectors.execution import evaluation_period_days, execution_facts_of
from herstel.selectors.figures import sbk_overview
from uwvkms.constants import Role
from uwvkms.models import User
from uwvkms.permissions import has_any_role
from uwvkms.workqueue import Urgency, WorkItem, register


def _standing(forum: Forum):
    """Whether the action has a standing (uncorrected) decision of `forum`."""
    return Exists(
        Decision.objects.filter(herstelactie=OuterRef("pk"), forum=forum, correction__isnull=True)
    )


def herstel_work_items(user: User, today: datetime.date) -> list[WorkItem]:
    """Herstel's work of `user`: one query as DT and for the RvB, six at most as lead adviser,
    five for SBK, one more for the readers of the overview (RvB, FEZ, SBK), and one for
    the owners of an open communication task."""
    items: list[WorkItem] = []
    unit_id = user.business_unit_id
    if has_any_role(user, Role.DIRECTIE) and unit_id is not None:
        items += _dt_items(unit_id)
    if has_any_role(user, Role.RVB):
        items += _rvb_items()
    if may_see_overview(user):
        items += _overview_totals()
    if has_any_role(user, Role.HERSTEL_ADVISEUR) and unit_id is not None:
        items += _adviser_items(unit_id)
    if is_sbk_adviser(user):
        items += _sbk_items()
        items += _section_items()
    if user.fact(TASK_OWNER_FACT):  # loaded with the roles: no query for those who own none
        items += _task_items(user)
    return items


def _dt_items(unit_id: int) -> list[WorkItem]:
    """Actions led by the DT's division waiting for its 2A decision, or in execution without a
    go/no-go; actions in 2A that involve the division through the working group without its
    view yet."""
    actions = (
        Herstelactie.objects.alias(
            dt_decided=_standing(Forum.DT),
            go_recorded=Exists(GoDecision.objects.filter(herstelactie=OuterRef("pk"))),
            involved=involves_unit(unit_id),
            view_given=Exists(
                DtView.objects.filter(
                    herstelactie=OuterRef("pk"), business_unit_id=unit_id, correction__isnull=True
                )
            ),
        )
        .filter(
            Q(lead_unit_id=unit_id)
            & (Q(step=Step.STAP_2A, dt_decided=False) | Q(step=Step.STAP_3, go_recorded=False))
            # A division involved through the working group: its DT's view in 2A.
            | (~Q(lead_unit_id=unit_id) & Q(step=Step.STAP_2A, involved=True, view_given=False))
        )
        .order_by("started_at", "id")
    )
    items = []
    for action in actions:
        if action.lead_unit_id != unit_id:
            items.append(
                WorkItem(
                    kind=_("Zienswijze 2A"),
                    title=_("Herstelactie ‘%(title)s’ vraagt de zienswijze van uw divisie")
                    % {"title": action.title},
                    detail=_(
                        "Stap 2A: uw divisie is betrokken via de werkgroep; leg de zienswijze "
                        "van de DT op het advies vast."
                    ),
                    url=reverse("herstel:decisions", args=[action.pk]),
                    urgency=Urgency.ACTION,
                )
            )
        elif action.step == Step.STAP_2A:
            items.append(
                WorkItem(
                    kind=_("Besluit 2A"),
                    title=_("Herstelactie ‘%(title)s’ wacht op het besluit van de DT")
                    % {"title": action.title},
                    detail=_(
                        "Stap 2A: bespreek het advies en leg het besluit of de kennisname vast."
                    ),
                    url=reverse("herstel:decisions", args=[action.pk]),
                    urgency=Urgency.ACTION,
                )
            )
        else:
            items.append(
                WorkItem(
                    kind=_("Go/no-go"),
                    title=_("Herstelactie ‘%(title)s’ wacht op een go/no-go")
                    % {"title": action.title},
                    detail=_("Stap 3: de uitvoering begint pas na een go-besluit."),
                    url=reverse("herstel:execution", args=[action.pk]),
                    urgency=Urgency.ACTION,
                )
            )
    return items


def _rvb_items() -> list[WorkItem]:
    """Actions in step 2B without a standing RvB decision."""
    actions = (
        Herstelactie.objects.alias(rvb_decided=_standing(Forum.RVB))
        .filter(step=Step.STAP_2B, rvb_decided=False)
        .select_related("lead_unit")
        .order_by("started_at", "id")
    )
    return [
        WorkItem(
            kind=_("Besluit 2B"),
            title=_("Herstelactie ‘%(title)s’ wacht op het besluit van de RvB")
            % {"title": action.title},
            detail=_("Leidende divisie: %(unit)s · mandaat: %(mandate)s")
            % {
                "unit": action.lead_unit.name,
                "mandate": action.get_mandate_display() or _("nog niet bepaald"),
            },
            url=reverse("herstel:decisions", args=[action.pk]),
            urgency=Urgency.ACTION,
        )
        for action in actions
    ]


# The phases of the RvB's overview line, in the order of the steps (DOMAIN.md §6).
RUNNING_PHASES = (
    (gettext_lazy("in advies"), (Step.STAP_1,)),
    (
        gettext_lazy("in besluitvorming"),
        (Step.STAP_2A, Step.STAP_2B, Step.MINISTER),
    ),
    (gettext_lazy("in uitvoering"), (Step.STAP_3,)),
    (gettext_lazy("in evaluatie"), (Step.STAP_4,)),
)


def _overview_totals() -> list[WorkItem]:
    """For those who read the central overview (the RvB, FEZ, SBK), for information: how many
    actions run, per phase, and how many are closed (one grouped count)."""
    per_step = dict(Herstelactie.objects.values_list("step").annotate(n=Count("id")).order_by())
    running = sum(n for step, n in per_step.items() if step not in (Step.GESLOTEN, Step.BEEINDIGD))
    if not per_step:
        return []
    phases = ", ".join(
        f"{sum(per_step.get(step, 0) for step in steps)} {label}" for label, steps in RUNNING_PHASES
    )
    ended = per_step.get(Step.GESLOTEN, 0) + per_step.get(Step.BEEINDIGD, 0)
    return [
        WorkItem(
            kind=_("Overzicht"),
            title=ngettext("%(count)s herstelactie loopt", "%(count)s herstelacties lopen", running)
            % {"count": running},
            detail=_("%(phases)s · %(ended)s afgesloten") % {"phases": phases, "ended": ended},
            url=reverse("herstel:overview"),
            urgency=Urgency.PROGRESS,
        )
    ]


def _adviser_items(unit_id: int) -> list[WorkItem]:
    """The lead division's open actions: in step 1 the advice to complete and put to the DT;
    in step 2 and 3 what still blocks the next step, as the action's page computes it
    (`rules.move_blockers`), or that it can be made now; in step 4 the evaluation, due the
    configured period after execution ended. Six queries at most, whatever the number of
    actions."""
    first_done = Evaluation.objects.filter(
        herstelactie=OuterRef("pk"), number=1, completed_on__isnull=False
    )
    actions = list(
        Herstelactie.objects.filter(lead_unit_id=unit_id, step__in=ADVISER_STEPS)
        .annotate(first_evaluated=Exists(first_done))
        .order_by("started_at", "id")
    )
    decided = decision_facts_of([a.pk for a in actions if a.step in STEP_2])
    executing = execution_facts_of([a.pk for a in actions if a.step == Step.STAP_3])
    items = []
    period = evaluation_period_days()
    for action in actions:
        if action.step == Step.STAP_1:
            items.append(
                WorkItem(
                    kind=_("Advies"),
                    title=_("Herstelactie ‘%(title)s’: advies opstellen") % {"title": action.title},
                    detail=_(
                        "Stap 1: breng de situatie in kaart en leg het advies voor aan de DT."
                    ),
                    url=reverse("herstel:advice", args=[action.pk]),
                    urgency=Urgency.ACTION,
                )
            )
        elif action.step == Step.STAP_4:
            due = (
                evaluation_due_on(action.execution_ended_on, period)
                if action.execution_ended_on and not action.first_evaluated
                else None
            )
            items.append(
                WorkItem(
                    kind=_("Evaluatie"),
                    title=_("Herstelactie ‘%(title)s’: evaluatie") % {"title": action.title},
                    detail=_(
                        "Stap 4: evalueer de ervaring van klanten, het proces en de maatregelen."
                    )
                    if due
                    else _("Stap 4: rond de evaluatie af en sluit de herstelactie."),
                    url=reverse("herstel:evaluation", args=[action.pk]),
                    urgency=Urgency.ACTION,
                    due_on=due,
                )
            )
        else:
            items.append(
                _next_step_item(
                    action,
                    facts=decided.get(action.pk, DecisionFacts(latest={})),
                    execution=executing.get(action.pk, ExecutionFacts()),
                )
            )
    return items


# The steps in which the lead division's advisers have something to do or to follow.
ADVISER_STEPS = (Step.STAP_1, *sorted(STEP_2), Step.STAP_3, Step.STAP_4)


def _next_step_item(
    action: Herstelactie, *, facts: DecisionFacts, execution: ExecutionFacts
) -> WorkItem:
    """Step 2 or 3: the forward moves the advisers may make now, or what the next one waits
    for (the move out of the step: to execution, to evaluation)."""
    forward = [
        move
        for move in moves_for(action.step, [Capacity.LEAD_ADVISER])
        if move not in MOVES_WITH_REASON and move != StepMove.END_WITHOUT_EXECUTION
    ]
    blockers = {
        move: move_blockers(
            step=action.step,
            move=move,
            mandate=action.mandate or None,
            advice_gaps=[],
            facts=facts,
            execution=execution,
        )
        for move in forward
    }
    ready = [move for move in forward if not blockers[move]]
    in_execution = action.step == Step.STAP_3
    url = (
        reverse("herstel:execution", args=[action.pk])
        if in_execution
        else reverse("herstel:decisions", args=[action.pk])
    )
    if ready:
        return WorkItem(
            kind=_("Volgende stap"),
            title=_("Herstelactie ‘%(title)s’: %(move)s")
            % {"title": action.title, "move": ", ".join(str(m.label) for m in ready)},
            detail=_("Alles wat deze stap vraagt is gedaan."),
            url=url,
            urgency=Urgency.ACTION,
        )
    if in_execution:
        detail = "; ".join(str(b) for b in blockers.get(StepMove.TO_EVALUATION, []))
    else:
        # Step 2 is left once every obligation of the mandate's path is met: the checklist.
        open_obligations = [
            str(obligation.label)
            for obligation, met in obligations_checklist(Mandate(action.mandate), facts)
            if not met
        ]
        detail = _("Nog niet gedaan: %s") % "; ".join(open_obligations)
    return WorkItem(
        kind=_("Uitvoering") if in_execution else _("Besluitvorming"),
        title=_("Herstelactie ‘%(title)s’ (%(step)s)")
        % {"title": action.title, "step": action.get_step_display()},
        detail=detail,
        url=url,
        urgency=Urgency.ACTION if in_execution else Urgency.PROGRESS,
    )


# SBK's obligations as a to-do (the obligation's label says what must have happened).
SBK_TODO = {
    Obligation.SZW_INFORMED: gettext_lazy("SZW informeren over het besluit"),
    Obligation.MINISTER_NOTE: gettext_lazy("met SZW de nota aan de minister opstellen"),
    Obligation.MINISTER_APPROVAL: gettext_lazy("het antwoord van de minister vastleggen"),
}


def _sbk_items() -> list[WorkItem]:
    """SBK's open tasks that can be done now (the SBK overview's rule, three queries), each
    linking to the action's decisions, where SBK records it."""
    return [
        WorkItem(
            kind=_("SBK"),
            title=_("Herstelactie ‘%(title)s’: %(tasks)s")
            % {
                "title": row.action.title,
                "tasks": ", ".join(str(SBK_TODO[t.obligation]) for t in row.tasks if t.ready),
            },
            detail=_("Leidende divisie: %(unit)s") % {"unit": row.action.lead_unit.name},
            url=reverse("herstel:decisions", args=[row.action.pk]),
            urgency=Urgency.ACTION,
        )
        for row in sbk_overview()
        if any(task.ready for task in row.tasks)
    ]


def _section_items() -> list[WorkItem]:
    """Actions in step 1 with sections of the advice asked of SBK (not withdrawn): one line
    per action, naming the sections, linking to the advice, where SBK writes them (one
    query)."""
    asked: dict[int, list] = {}
    for assignment in (
        AdviceSectionAssignment.objects.filter(advice__herstelactie__step=Step.STAP_1)
        .select_related("advice__herstelactie")
        .order_by("advice__herstelactie__started_at", "advice__herstelactie_id", "asked_at", "id")
    ):
        asked.setdefault(assignment.advice.herstelactie_id, []).append(assignment)
    return [
        WorkItem(
            kind=_("Adviesonderdeel"),
            title=_("Herstelactie ‘%(title)s’: SBK schrijft %(sections)s")
            % {
                "title": rows[0].advice.herstelactie.title,
                "sections": ", ".join(str(a.get_section_display()).lower() for a in rows),
            },
            detail=_("Stap 1: de adviseurs van de leidende divisie vragen SBK dit te schrijven."),
            url=reverse("herstel:advice", args=[action_id]),
            urgency=Urgency.ACTION,
        )
        for action_id, rows in asked.items()
    ]


def _task_items(user: User) -> list[WorkItem]:
    """The communication tasks `user` owns that are not done, of actions not closed (one
    query)."""
    tasks = (
        CommunicationTask.objects.filter(owner_user_id=user.pk, herstelactie__step__in=ALL_STEPS)
        .exclude(status=TaskStatus.GEREED)
        .select_related("herstelactie", "business_unit")
        .order_by("due_on", "id")
    )
    return [
        WorkItem(
            kind=_("Communicatietaak"),
            title=_("Herstelactie ‘%(title)s’: %(discipline)s")
            % {"title": task.herstelactie.title, "discipline": task.discipline_label},
            detail=task.description,
            url=reverse("herstel:communication", args=[task.herstelactie_id]),
            urgency=Urgency.ACTION,
            due_on=task.due_on,
        )
        for task in tasks
    ]


def register_work_queue() -> None:
    """Put herstel's lines on every home page's work queue."""
    register(herstel_work_items)
