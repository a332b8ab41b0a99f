"""Who may do what in a herstelactie (DOMAIN.md §6; issue 7, "Who may do what").

The people of the process guide map onto the roles of the organisation core like this:

| in the process guide | in uwvkms |
|---|---|
| advisers of the lead division | `Role.HERSTEL_ADVISEUR` whose business unit is the action's lead unit |
| DT members of the lead division | `Role.DIRECTIE` whose business unit is the action's lead unit |
| DT members of a division involved | `Role.DIRECTIE` whose business unit is another unit whose user the lead advisers added to the working group (not as a fixed contact person) |
| RvB members | `Role.RVB` |
| SBK | `Role.SBK` ("SBK (herstel)"), assigned by the Beheerder |
| FEZ | `Role.FEZ` ("FEZ (herstel)"), assigned by the Beheerder |
| Directie Communicatie | `Role.COMMUNICATIE` ("Communicatie (herstel)"), assigned by the Beheerder |
| Issuemanagement (the issuemanager of an issue) | the holder of `Role.COMMUNICATIE` whom Communicatie designated on the action (`Herstelactie.issuemanager`) |
| working-group members | users recorded as members of the working group or the communication working group |
| owner of a communication task | a user set as owner of a standing communication task (`Capacity.TASK_OWNER`) |

SBK and FEZ are explicit roles (issue 19): before, they followed from the abbreviation of the
user's business unit, editable reference data, so renaming a unit to "SBK" granted reading every
herstelactie. Migration uwvkms 0008_capacity_roles gave them to the Herstel-adviseurs of SBK and
FEZ of the time; a unit's name or abbreviation now grants nothing.

Each of these is a `Capacity`; a user may hold several for one action. Advisers of the lead
division edit steps 1–2 and move the steps, and keep the control measures in every step, also
after closing (EDIT_MEASURES, the one write on a closed action); in step 1 they ask SBK to write
sections of the advice, and SBK writes those sections only, in step 1 (the lead advisers still
write every section). DT members record 2A (the DTs of the divisions involved record their view
beside the lead DT's decision; both may enrich the advice to the RvB); both are notified when
the action reaches 2A. RvB members record 2B and may raise the mandate; SBK records the SZW
contacts, the note to the minister and the minister's answer; from 2B on the RvB and SBK record
the contacts with the minister (withdrawn with a reason when recorded in error); working-group
members read. The RvB, SBK and Communicatie read every action (the RvB is always informed; SBK
keeps the central overview and the contact with SZW; Communicatie judges the public impact).
Everyone else sees nothing of an action: its pages answer 404.

Documents in the action's dossier (the advice, the note to the minister, the plan of approach,
decision documents, evaluation reports, the kapstokverhaal, other documents), in every open step
(DOCUMENT_UPLOADERS): the lead advisers every kind but the kapstokverhaal; SBK the note to the
minister, decision documents and other documents; the DT and the RvB decision documents; the
issuemanager the kapstokverhaal and other documents. Everyone who reads the action downloads
them (FEZ reading only the figures does not).
The communication track (issue 20, the process guide's "Communicatie"): Communicatie declares an
action an issue or withdraws that status, always with a reason, and designates one of its people
as the action's issuemanager (changeable, with a reason). The issuemanager holds the regie: the
communication working group, the kapstokverhaal with its joint approach, and a task per
discipline (woordvoering, public affairs, interne communicatie, C&A, each involved division).
A task's owner, when a user, is notified, reads the action's communication track and updates
their task. The lead advisers, SBK, Communicatie and the issuemanager comment on the
kapstokverhaal; only the issuemanager writes it. An issuemanager is one only on their own
action: on another action they are Communicatie and read.

Steps 3 and 4: only the advisers of the lead division record the project structure, import and
edit dossiers, enter the estimated average amount and record the evaluations; they and the DT
members of the lead division record the go/no-go. Whoever reads an action reads its dossiers
and management information, except someone who reads it only through the Communicatie role or
as a task's owner: they read the action's overview, its communication track, its documents and
its timeline, not its dossiers, the dossier export or the management information (404,
`ActionAccess.reads_dossiers`); a task owner who is nothing else gets 404 on the advice and
the decisions too (`reads_decision_making`). FEZ (financial questions) reads the financial figures of
every action: the management information of each action and the central overview with its
export, but nothing else of an action it is not otherwise part of (those pages stay 404). The
central overview is for FEZ, SBK and the RvB; SBK's list of what needs informing SZW or a note
to the minister is for SBK and the RvB. The list of a business unit's improvement actions (audit
follow-up and control measures together) is for the unit's own board, and for the coordination
team, FEZ, SBK and the RvB for every unit.

Any Herstel-adviseur may start an action. The list of fixed contact persons is maintained by the
Beheerder and by SBK (the holders of the role SBK (herstel), the central point for herstelacties).

The tables of who may do what, and in which step, are data in constants.py; the functions here
only read them.
"""

from collections.abc import Iterable

from herstel.constants import (
    DOCUMENT_UPLOADERS,
    FORUM_RULES,
    NOTIFICATION_RULES,
    OPERATION_RIGHTS,
    Capacity,
    DocumentKind,
    Forum,
    NotificationKind,
    Operation,
)
from uwvkms.constants import Role
from uwvkms.permissions import has_any_role


def is_sbk_adviser(user) -> bool:
    """SBK in herstelacties: holds the role "SBK (herstel)" (whatever their business unit)."""
    return has_any_role(user, Role.SBK)


def is_fez_adviser(user) -> bool:
    """FEZ in herstelacties: holds the role "FEZ (herstel)"; reads the financial figures of every
    action."""
    return has_any_role(user, Role.FEZ)


def is_communicatie(user) -> bool:
    """Directie Communicatie in herstelacties: holds the role "Communicatie (herstel)"."""
    return has_any_role(user, Role.COMMUNICATIE)


def role_capacities(
    user,
    *,
    lead_unit_id: int,
    issuemanager_id: int | None = None,
    involved_unit_ids: Iterable[int] = (),
) -> frozenset[Capacity]:
    """The capacities `user` holds for an action led by `lead_unit_id` (with issuemanager
    `issuemanager_id`) through their role and unit (membership of the working group comes on
    top, see selectors). The issuemanager must hold the Communicatie role: whoever loses it is
    no longer issuemanager. `involved_unit_ids`: the divisions involved, i.e. the other units
    of a member the lead advisers added to the working group, not of a fixed contact person
    (`selectors.actions.involving_members`); their DT members take part in step 2A."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    held = set()
    in_lead_unit = user.business_unit_id is not None and user.business_unit_id == lead_unit_id
    if in_lead_unit and has_any_role(user, Role.HERSTEL_ADVISEUR):
        held.add(Capacity.LEAD_ADVISER)
    if in_lead_unit and has_any_role(user, Role.DIRECTIE):
        held.add(Capacity.DT)
    if (
        not in_lead_unit
        and user.business_unit_id is not None
        and user.business_unit_id in set(involved_unit_ids)
        and has_any_role(user, Role.DIRECTIE)
    ):
        held.add(Capacity.INVOLVED_DT)
    if has_any_role(user, Role.RVB):
        held.add(Capacity.RVB)
    if is_sbk_adviser(user):
        held.add(Capacity.SBK)
    if is_communicatie(user):
        held.add(Capacity.COMMUNICATIE)
        if issuemanager_id is not None and issuemanager_id == user.pk:
            held.add(Capacity.ISSUEMANAGER)
    return frozenset(held)


def reads_every_action(user) -> bool:
    """Who reads every herstelactie: the RvB and SBK, and Communicatie (which judges every
    action's public impact). Communicatie does not read the financial figures or the central
    overview (`sees_every_action`)."""
    return sees_every_action(user) or is_communicatie(user)


def sees_every_action(user) -> bool:
    """The RvB and SBK read every herstelactie."""
    return has_any_role(user, Role.RVB) or is_sbk_adviser(user)


def reads_all_figures(user) -> bool:
    """FEZ, SBK and the RvB read the financial figures of every action (the management
    information and the central overview)."""
    return sees_every_action(user) or is_fez_adviser(user)


def may_see_overview(user) -> bool:
    """The central overview of all actions (totaaloverzicht) is for FEZ, SBK and the RvB."""
    return reads_all_figures(user)


def may_see_sbk_tasks(user) -> bool:
    """What needs informing SZW or a note to the minister: SBK's list; the RvB reads it too."""
    return has_any_role(user, Role.RVB) or is_sbk_adviser(user)


def may_see_every_unit_improvements(user) -> bool:
    """The improvement actions of every business unit (audit follow-up and herstel control
    measures together, DOMAIN.md §7): the coordination team, which reads every unit's follow-up,
    and the readers of the central overview (FEZ, SBK, the RvB). A unit's own board reads its own
    unit (selectors.improvements); nobody else reads this list."""
    return has_any_role(user, Role.COORDINATIETEAM) or may_see_overview(user)


def may_start(user) -> bool:
    """Any Herstel-adviseur may start a herstelactie."""
    return has_any_role(user, Role.HERSTEL_ADVISEUR)


def may_manage_contact_points(user) -> bool:
    """The fixed contact persons are maintained by the Beheerder and SBK's advisers."""
    return has_any_role(user, Role.BEHEERDER) or is_sbk_adviser(user)


def may(operation: Operation, *, capacities: Iterable[str], step: str) -> bool:
    """Whether someone with `capacities` may do `operation` while the action is in `step`."""
    right = OPERATION_RIGHTS[operation]
    return bool(right.by & set(capacities)) and step in right.steps


def may_by_capacity(operation: Operation, *, capacities: Iterable[str]) -> bool:
    """Whether `capacities` could ever do `operation` (whatever the step)."""
    return bool(OPERATION_RIGHTS[operation].by & set(capacities))


def may_record_decision(forum: Forum, *, capacities: Iterable[str]) -> bool:
    return FORUM_RULES[forum].recorded_by in set(capacities)


# Who reads the names of the people who took note of an informing notification (issue 20): the
# capacities that act in step 2. A working-group member who only reads sees the numbers.
_SEES_ACKNOWLEDGERS = frozenset({Capacity.LEAD_ADVISER, Capacity.DT, Capacity.RVB, Capacity.SBK})


def may_see_acknowledgers(capacities: Iterable[str]) -> bool:
    """Whether someone with `capacities` reads who took note of the informing, not only how
    many."""
    return bool(_SEES_ACKNOWLEDGERS & set(capacities))


def may_record_notification(kind: NotificationKind, *, capacities: Iterable[str]) -> bool:
    return bool(NOTIFICATION_RULES[kind].by & set(capacities))


def may_upload_kind(kind: str, *, capacities: Iterable[str]) -> bool:
    """Whether someone with `capacities` could ever upload (or withdraw) a document of `kind`,
    whatever the step (DOCUMENT_UPLOADERS)."""
    if kind not in DocumentKind.values:
        return False
    return bool(DOCUMENT_UPLOADERS[DocumentKind(kind)] & set(capacities))


def may_upload_document(kind: str, *, capacities: Iterable[str], step: str) -> bool:
    """Whether someone with `capacities` may upload (or withdraw) a document of `kind` while the
    action is in `step`: the step by OPERATION_RIGHTS, the kind by DOCUMENT_UPLOADERS."""
    held = set(capacities)
    return may(Operation.UPLOAD_DOCUMENT, capacities=held, step=step) and may_upload_kind(
        kind, capacities=held
    )


def uploadable_kinds(*, capacities: Iterable[str], step: str) -> list[DocumentKind]:
    """The kinds of document someone with `capacities` may upload now, in the order of
    DocumentKind (the upload form offers only these)."""
    held = set(capacities)
    return [kind for kind in DocumentKind if may_upload_document(kind, capacities=held, step=step)]
