"""Notifications of herstelacties (issue 16 §3), each to the people who act next and nobody
else (herstel/permissions.py):

- informing (issue 20; each asks its recipients to take note, `uwvkms.notifications`):
  an action started → its fixed contact persons who are users (and whoever is added to the
  working group later), who read the action as members; the DT's decision of step 2A recorded
  (or corrected) → the RvB members, who read every action ("the RvB is informed");

- waiting for the DT's step-2A decision → the DT members of the lead division, and those of the
  divisions involved through the working group (who record their view);
- waiting for the RvB's step-2B decision → the RvB;
- waiting for SBK (SZW to inform after the RvB's decision, or the note to the minister after
  its intended decision) → SBK's advisers; waiting for the minister's answer → SBK's advisers,
  who record it (rules.sbk_tasks, the SBK overview's rule);
- a communication task set out by the issuemanager → its owner, when a user, who updates it;
- a section of the advice asked of SBK (step 1) → SBK's advisers, who write it;
- in step 3 without a go/no-go → the lead division's advisers and DT members, who record it;
- in the daily job: an open evaluation due within HERSTEL_EVALUATION_REMINDER_DAYS, or overdue
  → the lead division's advisers, who record the evaluations.

Called by the services inside their transaction. Titles name the action only: no clients,
amounts or advice (mail leaves the building)."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from herstel.constants import INFORM_CONTACTS_KIND, INFORM_RVB_KIND, STEP_2, Obligation, Step
from herstel.models import Evaluation, GoDecision, Herstelactie
from herstel.rules import evaluation_due_on, evaluation_reminder_occasion, sbk_tasks
from herstel.selectors.actions import decision_facts, involved_unit_ids
from uwvkms.constants import Role
from uwvkms.notifications import NotificationKind, notify
from uwvkms.reminders import Reminder
from uwvkms.selectors import users_with_role

CONTACTS_INFORMED = NotificationKind(
    INFORM_CONTACTS_KIND,
    gettext_lazy("Herstelactie gestart: u bent als contactpersoon ingelicht"),
)
RVB_INFORMED = NotificationKind(
    INFORM_RVB_KIND,
    gettext_lazy("Besluit van de DT over een herstelactie: de RvB wordt geïnformeerd"),
)
AWAITING_DT = NotificationKind(
    "herstel.herstelactie.awaiting_dt", gettext_lazy("Herstelactie wacht op besluit DT (stap 2A)")
)
AWAITING_RVB = NotificationKind(
    "herstel.herstelactie.awaiting_rvb",
    gettext_lazy("Herstelactie wacht op besluit RvB (stap 2B)"),
)
AWAITING_SBK = NotificationKind(
    "herstel.herstelactie.awaiting_sbk",
    gettext_lazy("Herstelactie wacht op SBK (SZW informeren of nota aan de minister)"),
)
AWAITING_MINISTER = NotificationKind(
    "herstel.herstelactie.awaiting_minister",
    gettext_lazy("Herstelactie wacht op het antwoord van de minister"),
)
GO_DUE = NotificationKind(
    "herstel.herstelactie.go_due", gettext_lazy("Herstelactie wacht op een go/no-go (stap 3)")
)
COMMUNICATION_TASK_SET = NotificationKind(
    "herstel.communication_task.set", gettext_lazy("Communicatietaak voor u")
)
ADVICE_SECTION_ASKED = NotificationKind(
    "herstel.advice_section.asked",
    gettext_lazy("SBK gevraagd een onderdeel van het advies te schrijven"),
)
EVALUATION_DUE = NotificationKind(
    "herstel.evaluation.due", gettext_lazy("Evaluatie van een herstelactie binnenkort")
)
EVALUATION_OVERDUE = NotificationKind(
    "herstel.evaluation.overdue", gettext_lazy("Evaluatie van een herstelactie over de datum")
)
EVALUATION_ESCALATED = NotificationKind(
    "herstel.evaluation.escalated",
    gettext_lazy("Evaluatie van een herstelactie blijft over de datum (escalatie)"),
)
EVALUATION_KINDS = {
    "due": EVALUATION_DUE,
    "overdue": EVALUATION_OVERDUE,
    "escalated": EVALUATION_ESCALATED,
}

# Which of SBK's open obligations (rules.sbk_tasks) is told as which kind.
SBK_TASK_KINDS = {
    Obligation.SZW_INFORMED: AWAITING_SBK,
    Obligation.MINISTER_NOTE: AWAITING_SBK,
    Obligation.MINISTER_APPROVAL: AWAITING_MINISTER,
}


def _title(herstelactie: Herstelactie) -> str:
    # The action's title only (see the module's docstring).
    return _("Herstelactie ‘%(title)s’") % {"title": herstelactie.title}


def _lead(role: Role, herstelactie: Herstelactie):
    """The active users with `role` in the action's lead division."""
    return users_with_role(role).filter(business_unit_id=herstelactie.lead_unit_id)


def sbk_advisers():
    """SBK's advisers: the active holders of the role "SBK (herstel)" (permissions.is_sbk_adviser,
    as one query)."""
    return users_with_role(Role.SBK)


def notify_step_reached(herstelactie: Herstelactie) -> None:
    """Tell whoever acts in the step the action just reached that it waits for them: the DT of
    the lead division (and of the divisions involved) in step 2A, the RvB in step 2B, the lead division's advisers and DT in
    step 3 while no go/no-go is recorded (the process guide: a go/no-go moment, usually DT/MT,
    before the dossiers are handled). Other steps notify nobody here."""
    if herstelactie.step == Step.STAP_2A:
        # The lead DT decides; the DTs of the divisions involved record their view beside it.
        kind = AWAITING_DT
        recipients = list(
            users_with_role(Role.DIRECTIE).filter(
                business_unit_id__in={
                    herstelactie.lead_unit_id,
                    *involved_unit_ids(herstelactie),
                }
            )
        )
    elif herstelactie.step == Step.STAP_2B:
        kind, recipients = AWAITING_RVB, list(users_with_role(Role.RVB))
    elif (
        herstelactie.step == Step.STAP_3
        and not GoDecision.objects.filter(herstelactie=herstelactie).exists()
    ):
        kind = GO_DUE
        recipients = [
            *_lead(Role.HERSTEL_ADVISEUR, herstelactie),
            *_lead(Role.DIRECTIE, herstelactie),
        ]
    else:
        return
    notify(
        kind=kind,
        recipients=recipients,
        title=_title(herstelactie),
        # The go/no-go is recorded on the execution page; the decisions are on the action's.
        url=reverse("herstel:execution", args=[herstelactie.pk])
        if kind == GO_DUE
        else herstelactie.get_absolute_url(),
        target=herstelactie,
    )


def inform_contacts(herstelactie: Herstelactie, users, *, actor) -> None:
    """Inform the working group's contact persons who are users that the action started (the
    process guide, step 1: "inlichten contactpersonen alle divisies/directies"), asking each to
    take note. They read the action as members; the actor, who did it, is not told."""
    notify(
        kind=CONTACTS_INFORMED,
        recipients=[user for user in users if user is not None and user.pk != actor.pk],
        title=_title(herstelactie),
        url=herstelactie.get_absolute_url(),
        target=herstelactie,
        acknowledgement=True,
    )


def inform_rvb(herstelactie: Herstelactie) -> None:
    """Inform the RvB members of the DT's decision just recorded (step 2A: "divisie/directie
    informeert RvB over besluit"), asking each to take note: sent, the RvB counts as informed
    (rules.obligation_met). Links to the decisions, which the RvB reads for every action.
    Withdrawing the decision leaves what was sent standing (the RvB was told; the DT has to
    record its decision again, which is sent again and asks again)."""
    notify(
        kind=RVB_INFORMED,
        recipients=users_with_role(Role.RVB),
        title=_title(herstelactie),
        url=reverse("herstel:decisions", args=[herstelactie.pk]),
        target=herstelactie,
        acknowledgement=True,
    )


def sbk_ready(herstelactie: Herstelactie) -> frozenset[Obligation]:
    """SBK's obligations for the action that can be done now (rules.sbk_tasks: SZW to inform,
    the note to the minister, the minister's answer to record). Two queries; none outside
    step 2 or without a mandate."""
    if herstelactie.step not in STEP_2 or not herstelactie.mandate:
        return frozenset()
    return frozenset(
        task.obligation
        for task in sbk_tasks(
            step=herstelactie.step,
            mandate=herstelactie.mandate,
            facts=decision_facts(herstelactie),
        )
        if task.ready
    )


def notify_sbk_tasks(herstelactie: Herstelactie, *, before: frozenset[Obligation]) -> None:
    """Tell SBK's advisers of each of its tasks that became ready by the change just made
    (`before`: `sbk_ready` before it), once per kind: a task that was ready already was told
    when it became so. Links to the action's decisions, where SBK records it. Asked to inform
    SZW, the advisers are asked to take note as well (issue 20: the decisions page shows who
    did; SZW itself is outside the app, SBK records how and when it was informed)."""
    new = sbk_ready(herstelactie) - before
    for kind in dict.fromkeys(SBK_TASK_KINDS[obligation] for obligation in sorted(new)):
        notify(
            kind=kind,
            recipients=sbk_advisers(),
            title=_title(herstelactie),
            url=reverse("herstel:decisions", args=[herstelactie.pk]),
            target=herstelactie,
            acknowledgement=kind == AWAITING_SBK and Obligation.SZW_INFORMED in new,
        )


def notify_task_owner(task, *, actor) -> None:
    """Tell the owner of a communication task just set out, when a user, that it is theirs:
    they read the action's communication track and update the task there. The issuemanager who
    set it out is not told (they know)."""
    if task.owner_user_id is None or task.owner_user_id == actor.pk:
        return
    notify(
        kind=COMMUNICATION_TASK_SET,
        recipients=[task.owner_user],
        title=_("Communicatietaak voor u: %(action)s") % {"action": _title(task.herstelactie)},
        url=reverse("herstel:communication", args=[task.herstelactie_id]),
        target=task.herstelactie,
    )


def notify_section_asked(herstelactie: Herstelactie) -> None:
    """Tell SBK's advisers that the lead advisers asked SBK to write a section of the advice
    (step 1); they write it on the advice page."""
    notify(
        kind=ADVICE_SECTION_ASKED,
        recipients=sbk_advisers(),
        title=_title(herstelactie),
        url=reverse("herstel:advice", args=[herstelactie.pk]),
        target=herstelactie,
    )


# --- the daily reminders of evaluations -----------------------------------------------------


def evaluation_reminders(today: datetime.date) -> list[Reminder]:
    """The open (planned, not completed) evaluations of actions in step 4 that are due within
    HERSTEL_EVALUATION_REMINDER_DAYS or overdue (rules.evaluation_reminder_occasion) → the lead
    division's advisers; overdue by more than HERSTEL_EVALUATION_ESCALATION_DAYS → its DT as
    well. The first is due HERSTEL_EVALUATION_DUE_DAYS after execution ended (the overdue rule
    of the action's page); a later one on its planned date. Three queries at most, whatever the
    number of evaluations; the daily job sends each once per occasion."""
    remind_days = settings.HERSTEL_EVALUATION_REMINDER_DAYS
    escalate_days = settings.HERSTEL_EVALUATION_ESCALATION_DAYS
    period = settings.HERSTEL_EVALUATION_DUE_DAYS
    due: list[tuple[Evaluation, str]] = []
    for evaluation in (
        Evaluation.objects.filter(herstelactie__step=Step.STAP_4, completed_on__isnull=True)
        .select_related("herstelactie")
        .order_by("herstelactie_id", "number")
    ):
        action = evaluation.herstelactie
        due_on = (
            evaluation_due_on(action.execution_ended_on, period)
            if evaluation.number == 1 and action.execution_ended_on
            else evaluation.planned_on
        )
        occasion = evaluation_reminder_occasion(
            due_on=due_on, today=today, remind_days=remind_days, escalate_days=escalate_days
        )
        if occasion:
            due.append((evaluation, occasion))
    if not due:
        return []
    advisers, boards = defaultdict(list), defaultdict(list)
    for user in users_with_role(Role.HERSTEL_ADVISEUR).filter(
        business_unit_id__in={e.herstelactie.lead_unit_id for e, _occasion in due}
    ):
        advisers[user.business_unit_id].append(user)
    escalated = {e.herstelactie.lead_unit_id for e, occasion in due if occasion == "escalated"}
    if escalated:
        for user in users_with_role(Role.DIRECTIE).filter(business_unit_id__in=escalated):
            boards[user.business_unit_id].append(user)
    return [
        Reminder(
            kind=EVALUATION_KINDS[occasion],
            target=evaluation,
            occasion=occasion,
            title=_title(evaluation.herstelactie),
            url=reverse("herstel:evaluation", args=[evaluation.herstelactie_id]),
            recipients=[
                *advisers.get(evaluation.herstelactie.lead_unit_id, []),
                *(
                    boards.get(evaluation.herstelactie.lead_unit_id, [])
                    if occasion == "escalated"
                    else []
                ),
            ],
        )
        for evaluation, occasion in due
    ]


def register_reminders() -> None:
    """Add the evaluations to the daily job (`manage.py stuur_herinneringen`)."""
    from uwvkms.reminders import REMINDER_SOURCES  # noqa: PLC0415

    if evaluation_reminders not in REMINDER_SOURCES:
        REMINDER_SOURCES.append(evaluation_reminders)
