"""Reads of herstelacties with the access checks every view relies on (who is who: see
herstel/permissions.py). An action the user may not see does not exist for them (404)."""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast
from django.http import Http404

from herstel.constants import (
    ALL_STEPS,
    EXECUTION_MOVES,
    FORUM_RULES,
    FROM_EXECUTION,
    INFORM_RVB_KIND,
    MINISTER_CONTACT_RIGHT,
    MOVES_WITH_REASON,
    NOTIFICATION_RULES,
    STEP_2,
    AdviceSection,
    Capacity,
    Forum,
    Mandate,
    NotificationKind,
    Operation,
    Outcome,
    Step,
    StepMove,
    TaskStatus,
)
from herstel.models import (
    Advice,
    CommunicationMember,
    CommunicationTask,
    CriterionJudgement,
    Decision,
    Herstelactie,
    MandateRaise,
    Notification,
    WorkingGroupMember,
)
from herstel.permissions import (
    is_fez_adviser,
    may,
    may_record_decision,
    may_record_notification,
    may_start,
    reads_every_action,
    role_capacities,
)
from herstel.rules import (
    CriterionJudged,
    DecisionFacts,
    MandateRouting,
    advice_gaps,
    criteria_from,
    enrichment_refusal,
    forum_part_done,
    mandate_for,
    minister_contact_refusal,
    move_blockers,
    moves_for,
    obligations_checklist,
    raisable_mandates,
    view_refusal,
)
from herstel.selectors.execution import execution_facts
from uwvkms.constants import Role
from uwvkms.models import USER_FACTS, User
from uwvkms.models import Notification as CoreNotification
from uwvkms.permissions import has_any_role


def _group_membership(user: User):
    """True where `user` is in the working group or the communication working group."""
    return Exists(
        WorkingGroupMember.objects.filter(herstelactie=OuterRef("pk"), user=user)
    ) | Exists(CommunicationMember.objects.filter(herstelactie=OuterRef("pk"), user=user))


def _task_ownership(user: User):
    """True where `user` owns a (standing) task of the action's communication track."""
    return Exists(CommunicationTask.objects.filter(herstelactie=OuterRef("pk"), owner_user=user))


def _membership(user: User):
    """True where `user` is in the working group or the communication working group, or owns a
    (standing) task of the communication track: they see the action."""
    return _group_membership(user) | _task_ownership(user)


def involving_members() -> QuerySet[WorkingGroupMember]:
    """THE definition of a division's involvement in an action (the one place it is made): the
    working group members whose business unit is thereby involved, i.e. the users the lead
    advisers added explicitly. The fixed contact persons (`contact_point` set) are put into
    every working group when an action starts; they do not make their directorate involved."""
    return WorkingGroupMember.objects.filter(
        contact_point__isnull=True, user__business_unit__isnull=False
    )


def involves_unit(unit_id: int, action=None):
    """True where unit `unit_id` is involved in the action (`involving_members`): a division
    whose DT takes part in step 2A (the lead unit is excluded by the callers, where its DT holds
    Capacity.DT). `action` defaults to the outer query's action."""
    return Exists(
        involving_members().filter(
            herstelactie=OuterRef("pk") if action is None else action,
            user__business_unit_id=unit_id,
        )
    )


def involved_unit_ids(action: Herstelactie) -> frozenset[int]:
    """The divisions involved in `action` (`involving_members`), other than the lead unit. One
    query."""
    return frozenset(
        involving_members()
        .filter(herstelactie=action)
        .exclude(user__business_unit_id=action.lead_unit_id)
        .values_list("user__business_unit_id", flat=True)
    )


def _is_board(user: User) -> bool:
    return user.business_unit_id is not None and has_any_role(user, Role.DIRECTIE)


def herstelacties_for_user(user: User) -> QuerySet[Herstelactie]:
    """The actions `user` may see: every action for the RvB, SBK and Communicatie; the actions
    led by their unit for its advisers and DT members; the actions whose working group they are
    in or whose communication task they own; for a DT member, the actions that involve their
    division through the working group."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Herstelactie.objects.none()
    actions = Herstelactie.objects.all()
    if reads_every_action(user):
        return actions
    visible = _membership(user)
    if user.business_unit_id is not None and has_any_role(
        user, Role.HERSTEL_ADVISEUR, Role.DIRECTIE
    ):
        visible |= Q(lead_unit_id=user.business_unit_id)
    if _is_board(user):
        visible |= involves_unit(user.business_unit_id)
    return actions.filter(visible)


MEMBER_FACT = "herstel_member"
UNIT_LEADS_FACT = "herstel_unit_leads"


def _member_subquery():
    """Whether the outer user is in the working group or the communication working group of
    any action, as a subquery."""
    member = (
        Exists(WorkingGroupMember.objects.filter(user=OuterRef("pk")))
        | Exists(CommunicationMember.objects.filter(user=OuterRef("pk")))
        | Exists(CommunicationTask.objects.filter(owner_user=OuterRef("pk")))
    )
    return ExpressionWrapper(member, output_field=BooleanField())


def _unit_leads_subquery():
    """Whether the outer user's business unit leads any action or is involved in one through
    its working group (`involving_members`: its DT then takes part in step 2A), as a
    subquery."""
    return Exists(Herstelactie.objects.filter(lead_unit_id=OuterRef("business_unit_id"))) | Exists(
        involving_members().filter(user__business_unit_id=OuterRef("business_unit_id"))
    )


TASK_OWNER_FACT = "herstel_task_owner"


def _task_owner_subquery():
    """Whether the outer user owns an open communication task (not withdrawn, not gereed) of an
    action not closed, as a subquery: the work queue asks for the tasks only then."""
    return Exists(
        CommunicationTask.objects.filter(
            owner_user=OuterRef("pk"), herstelactie__step__in=ALL_STEPS
        ).exclude(status=TaskStatus.GEREED)
    )


def register_user_facts() -> None:
    """Load what the navigation bar needs to know about herstel with the user's roles (no
    query of its own on every page)."""
    USER_FACTS[MEMBER_FACT] = _member_subquery
    USER_FACTS[UNIT_LEADS_FACT] = _unit_leads_subquery
    USER_FACTS[TASK_OWNER_FACT] = _task_owner_subquery


def _sees_some_action(user: User) -> bool:
    """`herstelacties_for_user(user).exists()` for a user who does not see every action, read
    from the facts loaded with their roles."""
    if not user.is_active:
        return False
    if user.fact(MEMBER_FACT):
        return True
    return (
        user.business_unit_id is not None
        and has_any_role(user, Role.HERSTEL_ADVISEUR, Role.DIRECTIE)
        and bool(user.fact(UNIT_LEADS_FACT))
    )


def sees_herstelacties(user: User) -> bool:
    """Whether the herstel pages are for `user` at all: advisers (who may start one), the RvB
    and SBK, and anyone who can see at least one action."""
    if not getattr(user, "is_authenticated", False):
        return False
    # Asked by the navigation bar on every page: remembered for the request's user object.
    if not hasattr(user, "_sees_herstelacties"):
        user._sees_herstelacties = (
            may_start(user) or reads_every_action(user) or _sees_some_action(user)
        )
    return user._sees_herstelacties


def require_herstel_user(user: User) -> None:
    """403 for a user who has nothing to do with herstelacties."""
    if not sees_herstelacties(user):
        raise PermissionDenied


# Who reads an action for the communication track only: Directie Communicatie (the issue
# judgement) and the owner of a communication task (their task). Holding nothing else, they read
# the overview, the communication track, the documents and the timeline; not the dossiers or the
# figures (ActionAccess.reads_dossiers).
COMMUNICATION_READERS = frozenset({Capacity.COMMUNICATIE, Capacity.TASK_OWNER})


@dataclass
class ActionAccess:
    """An action as one user may see it: their capacities and what those allow now."""

    action: Herstelactie
    capacities: frozenset[Capacity]
    unit_id: int | None = None  # the user's business unit (an involved DT's own view)
    rights: dict[str, bool] = field(init=False)

    def __post_init__(self):
        step = self.action.step
        self.rights = {
            operation.value: may(operation, capacities=self.capacities, step=step)
            for operation in Operation
        }

    def may(self, operation: Operation) -> bool:
        return self.rights[operation]

    @property
    def decision_forums(self) -> list[Forum]:
        """The forums whose decisions this user records now (their capacity and the step), as
        long as their part is not done (`forum_part_done`: the DT decides once)."""
        return [
            forum
            for forum in self.recording_forums
            if not forum_part_done(forum, self.action.mandate, self.decision_facts)
        ]

    @property
    def recording_forums(self) -> list[Forum]:
        """The forums whose decisions this user records in the action's step."""
        return [
            forum
            for forum, rule in FORUM_RULES.items()
            if rule.step == self.action.step
            and may_record_decision(forum, capacities=self.capacities)
        ]

    @property
    def correctable_forums(self) -> set[Forum]:
        """The forums whose decisions this user may correct (once the advice was submitted)."""
        if self.action.step == Step.STAP_1:
            return set()
        return {f for f in Forum if may_record_decision(f, capacities=self.capacities)}

    @property
    def withdrawable_forums(self) -> set[Forum]:
        """The forums whose standing decisions this user may withdraw now: those they record,
        while the action is in the step where that forum decides
        (`rules.decision_withdrawal_refusal`)."""
        return {
            f
            for f in Forum
            if FORUM_RULES[f].step == self.action.step
            and may_record_decision(f, capacities=self.capacities)
        }

    @property
    def notification_kinds(self) -> list[NotificationKind]:
        return [
            kind
            for kind, right in NOTIFICATION_RULES.items()
            if self.action.step in right.steps
            and may_record_notification(kind, capacities=self.capacities)
        ]

    @property
    def may_record_view(self) -> bool:
        """The DT of an involved division records its view now (2A)."""
        return view_refusal(step=self.action.step, capacities=self.capacities) is None

    @property
    def may_enrich(self) -> bool:
        """A DT adds to the advice to the RvB now (2A, RvB or minister mandate)."""
        return (
            enrichment_refusal(
                mandate=self.action.mandate, step=self.action.step, capacities=self.capacities
            )
            is None
        )

    @property
    def raisable_mandates(self) -> list[Mandate]:
        """The mandates the RvB may raise the mandate to now (2B, only upwards)."""
        return raisable_mandates(
            current=self.action.mandate or None, step=self.action.step, capacities=self.capacities
        )

    @property
    def may_record_minister_contact(self) -> bool:
        """The RvB or SBK record (and withdraw) a contact with the minister: from step 2B on,
        under the RvB's or the RvB and minister's mandate (rules.minister_contact_refusal)."""
        return bool(MINISTER_CONTACT_RIGHT.by & self.capacities) and not (
            minister_contact_refusal(mandate=self.action.mandate or None, step=self.action.step)
        )

    @property
    def is_reader_only(self) -> bool:
        return self.capacities <= {Capacity.MEMBER, Capacity.FEZ, Capacity.TASK_OWNER}

    @property
    def figures_only(self) -> bool:
        """FEZ reading the figures of an action it is not otherwise part of: only the
        management information is for them."""
        return self.capacities == {Capacity.FEZ}

    @property
    def reads_dossiers(self) -> bool:
        """Whether the dossiers, their export and the management information (with its export)
        are for this user: not for a reader who holds only Communicatie and/or the ownership of
        a communication task (issue 20 gives them the issue judgement and the communication
        track); those pages answer them 404 (`herstelactie_get_for_dossiers`)."""
        return not self.capacities <= COMMUNICATION_READERS

    @property
    def reads_decision_making(self) -> bool:
        """Whether the advice and the decisions (with the note to the minister) are for this
        user: not for someone who only owns a communication task; those pages answer them 404
        (`herstelactie_get_for_decision_making`)."""
        return self.capacities != {Capacity.TASK_OWNER}

    @property
    def task_owner_only(self) -> bool:
        return self.capacities == {Capacity.TASK_OWNER}

    @property
    def from_execution(self) -> bool:
        """Steps 3 and 4 (and closed): the execution and evaluation pages are there."""
        return self.action.step in FROM_EXECUTION

    @cached_property
    def decision_facts(self) -> DecisionFacts:
        """The action's `decision_facts`, read once for the page: its moves and its
        obligations both ask."""
        return decision_facts(self.action)

    @cached_property
    def advice_state(self) -> "AdviceState":
        """The action's `advice_state`, read once for the page: the move to the DT and the
        page itself both ask."""
        return advice_state(self.action)


def herstelactie_get_for_user(*, user: User, pk: int) -> ActionAccess:
    """The action with the user's capacities; 404 when it does not exist or they may not see
    it (everyone else sees nothing of an action, not even that it exists). One query."""
    return _get(user=user, pk=pk, figures=False)


def herstelactie_get_for_figures(*, user: User, pk: int) -> ActionAccess:
    """The action for its financial figures (management information and its export): everyone
    who reads the action but the readers of the communication track only
    (`ActionAccess.reads_dossiers`), and FEZ for every action. 404 for anyone else."""
    access = _get(user=user, pk=pk, figures=True)
    if not access.reads_dossiers:
        raise Http404
    return access


def herstelactie_get_for_dossiers(*, user: User, pk: int) -> ActionAccess:
    """The action for its dossiers (and their export and import): everyone who reads the
    action but the readers of the communication track only (`ActionAccess.reads_dossiers`).
    404 for anyone else."""
    access = _get(user=user, pk=pk, figures=False)
    if not access.reads_dossiers:
        raise Http404
    return access


def herstelactie_get_for_decision_making(*, user: User, pk: int) -> ActionAccess:
    """The action for its advice (step 1) and its decision-making (step 2): everyone who reads
    the action but the owner of a communication task who is nothing else to it
    (`ActionAccess.reads_decision_making`). 404 for anyone else."""
    access = _get(user=user, pk=pk, figures=False)
    if not access.reads_decision_making:
        raise Http404
    return access


def _with_user_facts(actions: QuerySet[Herstelactie], user: User) -> QuerySet[Herstelactie]:
    """`actions` annotated with what the capacities of `user` on each depend on."""
    actions = actions.annotate(is_member=_group_membership(user), owns_task=_task_ownership(user))
    if _is_board(user):
        actions = actions.annotate(involves_unit=involves_unit(user.business_unit_id))
    return actions


def _capacities_on(user: User, action: Herstelactie, *, figures: bool) -> frozenset[Capacity]:
    """The capacities of `user` on `action` (annotated by `_with_user_facts`)."""
    board = _is_board(user)
    involved = ({user.business_unit_id} if board and action.involves_unit else set()) - {
        action.lead_unit_id
    }
    capacities = set(
        role_capacities(
            user,
            lead_unit_id=action.lead_unit_id,
            issuemanager_id=action.issuemanager_id,
            involved_unit_ids=involved,
        )
    )
    if action.is_member:
        capacities.add(Capacity.MEMBER)
    if action.owns_task:
        capacities.add(Capacity.TASK_OWNER)
    if figures and is_fez_adviser(user):
        capacities.add(Capacity.FEZ)
    return frozenset(capacities)


def capacity_holders(action: Herstelactie, capacities) -> QuerySet[User]:
    """The active users who hold one of `capacities` on `action`: the query form of
    `_capacities_on` (with `role_capacities`) for a list of who may read something (the mention
    list of the action's thread). FEZ (figures only) is not supported. One query when
    evaluated."""
    capacities = set(capacities)
    if Capacity.FEZ in capacities:
        raise ValueError("FEZ holds its capacity for the figures only.")

    def role(name: Role) -> Q:
        return Q(groups__name=name.value)

    lead_unit = Q(business_unit_id=action.lead_unit_id)
    holds = Q(pk__in=[])
    if Capacity.LEAD_ADVISER in capacities:
        holds |= lead_unit & role(Role.HERSTEL_ADVISEUR)
    if Capacity.DT in capacities:
        holds |= lead_unit & role(Role.DIRECTIE)
    if Capacity.INVOLVED_DT in capacities:
        involved = involving_members().filter(herstelactie=action)
        holds |= (
            role(Role.DIRECTIE)
            & Q(business_unit_id__in=involved.values("user__business_unit_id"))
            & ~lead_unit
        )
    if Capacity.RVB in capacities:
        holds |= role(Role.RVB)
    if Capacity.SBK in capacities:
        holds |= role(Role.SBK)
    if Capacity.COMMUNICATIE in capacities:
        holds |= role(Role.COMMUNICATIE)
    if Capacity.ISSUEMANAGER in capacities and action.issuemanager_id is not None:
        holds |= role(Role.COMMUNICATIE) & Q(pk=action.issuemanager_id)
    if Capacity.MEMBER in capacities:
        holds |= Q(
            pk__in=WorkingGroupMember.objects.filter(herstelactie=action).values("user_id")
        ) | Q(pk__in=CommunicationMember.objects.filter(herstelactie=action).values("user_id"))
    if Capacity.TASK_OWNER in capacities:
        holds |= Q(
            pk__in=CommunicationTask.objects.filter(herstelactie=action).values("owner_user_id")
        )
    return User.objects.filter(holds, is_active=True).distinct()


def _get(*, user: User, pk: int, figures: bool) -> ActionAccess:
    if not getattr(user, "is_authenticated", False):
        raise Http404
    actions = _with_user_facts(Herstelactie.objects.select_related("lead_unit", "started_by"), user)
    action = actions.filter(pk=pk).first()
    if action is None:
        raise Http404
    capacities = _capacities_on(user, action, figures=figures)
    if not capacities:
        raise Http404
    return ActionAccess(action=action, capacities=capacities, unit_id=user.business_unit_id)


def dossier_reader_action_ids(user: User) -> set[int]:
    """The ids of the actions whose dossiers `user` reads: the rule of
    `herstelactie_get_for_dossiers` (capacities on the action, not a reader of the
    communication track only), for lists of what lies inside the dossiers (the search). One
    query, whatever the number of actions."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    actions = _with_user_facts(herstelacties_for_user(user), user).only(
        "id", "lead_unit_id", "issuemanager_id"
    )
    return {
        action.pk
        for action in actions
        if (capacities := _capacities_on(user, action, figures=False))
        and not capacities <= COMMUNICATION_READERS
    }


def overview_for_user(user: User) -> QuerySet[Herstelactie]:
    """The overview list: the actions the user may see, newest first, with what the list shows.
    A fixed number of queries however many rows."""
    return herstelacties_for_user(user).select_related("lead_unit").order_by("-started_at", "-id")


# --- The advice -------------------------------------------------------------------------------


def advice_of(action: Herstelactie) -> Advice:
    """The advice with its criteria in the order of Criterion (two queries)."""
    return Advice.objects.prefetch_related(
        Prefetch("criteria", queryset=CriterionJudgement.objects.order_by("id"))
    ).get(herstelactie=action)


def advice_inputs(action: Herstelactie) -> tuple[dict[str, str], dict[str, CriterionJudged]]:
    """The advice as plain values for the rules: section → text, criterion → judgement."""
    advice = advice_of(action)
    sections = {section: getattr(advice, section) for section in AdviceSection.values}
    criteria = {
        j.criterion: CriterionJudged(value=j.value, rationale=j.rationale, judged_by=j.judged_by)
        for j in advice.criteria.all()
    }
    return sections, criteria


@dataclass(frozen=True)
class AdviceState:
    """What the advice lacks and, once every criterion is judged, the mandate it leads to."""

    gaps: list[str]
    routing: MandateRouting | None


def advice_state(action: Herstelactie) -> AdviceState:
    sections, criteria = advice_inputs(action)
    judged = criteria_from({code: j.value for code, j in criteria.items()})
    return AdviceState(
        gaps=advice_gaps(sections=sections, criteria=criteria),
        routing=mandate_for(judged) if judged is not None else None,
    )


# --- Step 2 -----------------------------------------------------------------------------------


def current_decisions(action: Herstelactie) -> list[Decision]:
    """The decisions that stand: every record not replaced by a correction, oldest first."""
    return list(
        Decision.objects.filter(herstelactie=action, correction__isnull=True)
        .select_related("recorded_by", "corrects")
        .order_by("recorded_at", "id")
    )


def decision_facts(action: Herstelactie) -> DecisionFacts:
    """Per forum the outcome of its latest standing decision, the notifications recorded, those
    sent through the app and whether the RvB raised the mandate (two queries)."""
    return decision_facts_of([action.pk])[action.pk]


def decision_facts_of(action_ids: list[int]) -> dict[int, DecisionFacts]:
    """`decision_facts` for many actions at once (two queries, none without actions), for
    lists such as the work queue."""
    if not action_ids:
        return {}
    latest: dict[int, dict] = defaultdict(dict)
    for action_id, forum, outcome in (
        Decision.objects.filter(herstelactie_id__in=action_ids, correction__isnull=True)
        .order_by("recorded_at", "id")
        .values_list("herstelactie_id", "forum", "outcome")
    ):
        latest[action_id][Forum(forum)] = Outcome(outcome)
    kinds: dict[int, set] = defaultdict(set)
    sent: dict[int, set] = defaultdict(set)
    raised: set[int] = set()
    # In one query: the kennisgevingen recorded by hand, the RvB informed through the app (issue
    # 20: the notification to its members sent after the DT's decision), and whether the RvB
    # raised the mandate.
    recorded = (
        Notification.objects.filter(herstelactie_id__in=action_ids)
        .annotate(in_app=Value(False, output_field=BooleanField()))
        .values_list("herstelactie_id", "kind", "in_app")
        .order_by()
    )
    raises = (
        MandateRaise.objects.filter(herstelactie_id__in=action_ids)
        .annotate(
            marker=Value(_RAISED, output_field=CharField()),
            in_app=Value(False, output_field=BooleanField()),
        )
        .values_list("herstelactie_id", "marker", "in_app")
        .order_by()
    )
    in_app = (
        CoreNotification.objects.filter(
            object_type=Herstelactie._meta.label_lower,
            object_id__in=[str(pk) for pk in action_ids],
            kind=INFORM_RVB_KIND,
        )
        .annotate(
            action_id=Cast("object_id", IntegerField()),
            informed=Value(NotificationKind.RVB_INFORMED.value, output_field=CharField()),
            in_app=Value(True, output_field=BooleanField()),
        )
        .values_list("action_id", "informed", "in_app")
        .order_by()
    )
    for action_id, kind, by_app in recorded.union(raises, in_app).order_by():
        if kind == _RAISED:
            raised.add(action_id)
        else:
            (sent if by_app else kinds)[action_id].add(NotificationKind(kind))
    return {
        action_id: DecisionFacts(
            latest=latest[action_id],
            notifications=frozenset(kinds[action_id]),
            mandate_raised=action_id in raised,
            sent_in_app=frozenset(sent[action_id]),
        )
        for action_id in action_ids
    }


_RAISED = "mandate_raised"  # not a NotificationKind: marks a raise in the query above


@dataclass(frozen=True)
class MoveOption:
    """A move this user may make from the current step, and why it cannot be made yet."""

    move: str
    label: str
    blockers: list[str]
    needs_reason: bool


# Moves shown only when they can be made now.
ONLY_WHEN_POSSIBLE = frozenset({StepMove.END_WITHOUT_EXECUTION})


def move_options(access: ActionAccess) -> list[MoveOption]:
    """The moves the table allows this user from the action's step, each with what still
    blocks it (the UI shows only these). Ending without execution is offered only once the
    latest go/no-go is a no-go."""
    action = access.action
    moves = moves_for(action.step, access.capacities)
    if not moves:
        return []
    facts = access.decision_facts
    execution = execution_facts(action) if EXECUTION_MOVES & set(moves) else None
    options = []
    for move in moves:
        gaps = access.advice_state.gaps if move == StepMove.SUBMIT_ADVICE else []
        blockers = move_blockers(
            step=action.step,
            move=move,
            mandate=action.mandate or None,
            advice_gaps=gaps,
            facts=facts,
            execution=execution,
        )
        if move in ONLY_WHEN_POSSIBLE and blockers:
            continue  # offered only after a no-go, not as a standing option of every execution
        options.append(
            MoveOption(
                move=move.value,
                label=str(move.label),
                blockers=blockers,
                needs_reason=move in MOVES_WITH_REASON,
            )
        )
    return options


def obligations_of(
    action: Herstelactie, *, facts: DecisionFacts | None = None
) -> list[tuple[str, bool]] | None:
    """The checklist of the action's mandate path (None before a mandate was fixed). A page
    that has read the `decision_facts` already passes them in."""
    if not action.mandate:
        return None
    if facts is None:
        facts = decision_facts(action)
    return [
        (str(obligation.label), met)
        for obligation, met in obligations_checklist(Mandate(action.mandate), facts)
    ]


def in_step_2(action: Herstelactie) -> bool:
    return action.step in STEP_2
