"""Reads of the informing of a herstelactie (issue 20): who was informed through the app and who
took note, per obligation of step 2 and per member of the working group. The informing is made
by herstel/notifications.py through `uwvkms.notifications.notify(..., acknowledgement=True)`;
`uwvkms.notifications.informing_of` reads it back (one query, whatever the recipients)."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from herstel.constants import (
    INFORM_CONTACTS_KIND,
    INFORM_RVB_KIND,
    Mandate,
    NotificationKind,
    Obligation,
)
from herstel.models import Herstelactie, Notification, WorkingGroupMember
from herstel.permissions import may_see_acknowledgers
from herstel.rules import DecisionFacts, obligations_checklist
from uwvkms.notifications import Informed, Informing, informing_of

# The notification kind that asked SBK to inform SZW (herstel/notifications.py: AWAITING_SBK,
# asking SBK's advisers to take note only when it is about informing SZW).
AWAITING_SBK_KIND = "herstel.herstelactie.awaiting_sbk"

# Which inform obligation is met by which recorded kennisgeving, and which in-app informing
# belongs to it.
_INFORM_OBLIGATIONS: dict[Obligation, tuple[NotificationKind, str]] = {
    Obligation.RVB_INFORMED: (NotificationKind.RVB_INFORMED, INFORM_RVB_KIND),
    Obligation.SZW_INFORMED: (NotificationKind.SZW_INFORMED, AWAITING_SBK_KIND),
}


@dataclass
class InformingLine:
    """How one inform obligation stands: the notification sent through the app (to the RvB
    members; to SBK's advisers asking them to inform SZW) with who took note, and the
    kennisgevingen recorded by hand. `names`: whether the reader sees who took note, or only
    how many."""

    sent: Informing | None
    recorded: list[Notification] = field(default_factory=list)
    names: bool = False
    # SZW is outside the app: the notification asks SBK to inform it.
    asks_sbk: bool = False


@dataclass(frozen=True)
class ObligationRow:
    """One obligation of the mandate path, whether it is met, and for an inform obligation how."""

    obligation: Obligation
    label: str
    met: bool
    informing: InformingLine | None = None


class ObligationList(list):
    """The rows of the checklist; `informing`: those with something sent or recorded to show."""

    @property
    def informing(self) -> list[ObligationRow]:
        return [
            row
            for row in self
            if row.informing is not None and (row.informing.sent or row.informing.recorded)
        ]


def obligation_rows(
    action: Herstelactie, *, facts: DecisionFacts, capacities: Iterable[str]
) -> ObligationList | None:
    """The checklist of the action's mandate path (None before a mandate was fixed), the inform
    obligations with their informing. Two queries, whatever the number of recipients."""
    if not action.mandate:
        return None
    checklist = obligations_checklist(Mandate(action.mandate), facts)
    informs = [obligation for obligation, _met in checklist if obligation in _INFORM_OBLIGATIONS]
    sent, recorded = {}, {}
    if informs:
        sent = informing_of([action], [_INFORM_OBLIGATIONS[o][1] for o in informs])
        by_kind = {_INFORM_OBLIGATIONS[o][0] for o in informs}
        for row in (
            Notification.objects.filter(herstelactie=action, kind__in=by_kind)
            .select_related("recorded_by")
            .order_by("informed_on", "id")
        ):
            recorded.setdefault(row.kind, []).append(row)
    names = may_see_acknowledgers(capacities)
    rows = ObligationList()
    for obligation, met in checklist:
        line = None
        if obligation in _INFORM_OBLIGATIONS:
            recorded_kind, app_kind = _INFORM_OBLIGATIONS[obligation]
            line = InformingLine(
                sent=sent.get((str(action.pk), app_kind)),
                recorded=recorded.get(recorded_kind, []),
                names=names,
                asks_sbk=obligation == Obligation.SZW_INFORMED,
            )
        rows.append(ObligationRow(obligation, str(obligation.label), met, line))
    return rows


def contacts_informing(action: Herstelactie) -> Informing | None:
    """The contact persons (and later members) informed through the app that the action
    started, with who took note; None when nobody was. One query."""
    return informing_of([action], [INFORM_CONTACTS_KIND]).get(
        (str(action.pk), INFORM_CONTACTS_KIND)
    )


def members_with_informing(
    members: Iterable[WorkingGroupMember], informing: Informing | None
) -> list[WorkingGroupMember]:
    """The members, each with `.informed` (their `Informed`: when the app informed them and
    when they took note) when the app informed them. No query."""
    by_user: dict[int, Informed] = (
        {person.user.pk: person for person in informing.recipients} if informing else {}
    )
    members = list(members)
    for member in members:
        member.informed = by_user.get(member.user_id) if member.user_id else None
    return members
