"""Reads of what is recorded on an action: the working group and consultations, measures,
decisions with their corrections, informal rounds, notifications, the communication track; and
the list of fixed contact persons. Callers pass an action they got through the access-checked
getter in `actions.py`; objects inside an action are fetched only within that action."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, QuerySet
from django.http import Http404

from herstel.constants import DIRECTORATE_ORDER, Directorate
from herstel.models import (
    AdviceEnrichment,
    CommunicationMember,
    CommunicationTask,
    ContactPoint,
    ControlMeasure,
    Decision,
    DtView,
    Herstelactie,
    InformalRound,
    InterestGroupConsultation,
    Kapstokverhaal,
    MandateRaise,
    MinisterContact,
    Notification,
    QuestionAnswer,
    WorkingGroupMember,
)
from herstel.permissions import may_manage_contact_points
from herstel.rules import superseding_mandate
from uwvkms.constants import Role
from uwvkms.models import User


def members_of(action: Herstelactie) -> QuerySet[WorkingGroupMember]:
    return WorkingGroupMember.objects.filter(herstelactie=action).select_related(
        "user", "user__business_unit"
    )


def member_get(*, action: Herstelactie, pk: int) -> WorkingGroupMember:
    member = members_of(action).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def consultations_of(action: Herstelactie) -> QuerySet[InterestGroupConsultation]:
    return InterestGroupConsultation.objects.filter(herstelactie=action).select_related(
        "recorded_by"
    )


def measures_of(action: Herstelactie) -> QuerySet[ControlMeasure]:
    return ControlMeasure.objects.filter(herstelactie=action)


def measures_with_withdrawn(action: Herstelactie) -> QuerySet[ControlMeasure]:
    """Every control measure of the action, the withdrawn ones too (shown struck through)."""
    return ControlMeasure.with_withdrawn.filter(herstelactie=action).select_related(
        "updated_by", "withdrawn_by"
    )


def measure_get(*, action: Herstelactie, pk: int) -> ControlMeasure:
    """A current (not withdrawn) control measure of the action; 404 otherwise."""
    measure = measures_of(action).filter(pk=pk).first()
    if measure is None:
        raise Http404
    return measure


def people() -> QuerySet[User]:
    """Active users to choose from (working group, contact persons), with their unit."""
    return User.objects.filter(is_active=True).select_related("business_unit")


# --- Step 2 -----------------------------------------------------------------------------------


def decisions_of(action: Herstelactie) -> list[Decision]:
    """Every decision record of the action, oldest first, withdrawn ones too (the page strikes
    them through with the reason), each with `corrected_by` (the record that replaced it, or
    None) and `superseded_by` (the mandate a raise put in place of a final decision recorded
    before it, `rules.superseding_mandate`; or None). Two queries."""
    decisions = list(
        Decision.with_withdrawn.filter(herstelactie=action)
        .select_related("recorded_by", "withdrawn_by", "document_file")
        .order_by("recorded_at", "id")
    )
    raises = raises_of(action)
    replaced = {d.corrects_id: d for d in decisions if d.corrects_id}
    for decision in decisions:
        decision.corrected_by = replaced.get(decision.pk)
        decision.superseded_by = superseded_by(decision, raises)
    return decisions


def raises_of(action: Herstelactie) -> list[tuple[str, str, object]]:
    """The raises of the action's mandate as (old, new, when), for `superseded_by`. One query."""
    return list(
        MandateRaise.objects.filter(herstelactie=action).values_list(
            "old_mandate", "new_mandate", "raised_at"
        )
    )


def superseded_by(decision: Decision, raises: list[tuple[str, str, object]]):
    """The mandate that superseded `decision` (a final decision recorded before a raise of its
    mandate), or None."""
    return superseding_mandate(
        outcome=decision.outcome,
        mandate=decision.mandate,
        recorded_at=decision.recorded_at,
        raises=raises,
    )


def decision_get(*, action: Herstelactie, pk: int, withdrawn_too: bool = False) -> Decision:
    """A decision record of the action; 404 otherwise, and for a withdrawn one unless
    `withdrawn_too`."""
    decisions = Decision.with_withdrawn if withdrawn_too else Decision.objects
    decision = decisions.filter(herstelactie=action, pk=pk).first()
    if decision is None:
        raise Http404
    return decision


def is_corrected(decision: Decision) -> bool:
    """Whether a standing correction replaced `decision`. One query."""
    return Decision.objects.filter(corrects=decision).exists()


def dt_views_of(action: Herstelactie) -> list[DtView]:
    """Every view of the involved divisions' DTs, oldest first, withdrawn ones too, each with
    `corrected_by` (the record that replaced it, or None). One query."""
    views = list(
        DtView.with_withdrawn.filter(herstelactie=action)
        .select_related("business_unit", "recorded_by", "withdrawn_by")
        .order_by("recorded_at", "id")
    )
    replaced = {v.corrects_id: v for v in views if v.corrects_id}
    for view in views:
        view.corrected_by = replaced.get(view.pk)
    return views


def current_views(views: list[DtView]) -> list[DtView]:
    """The standing views among `views` (from `dt_views_of`): not withdrawn, not replaced."""
    return [v for v in views if not v.is_withdrawn and v.corrected_by is None]


def dt_view_get(*, action: Herstelactie, pk: int) -> DtView:
    """A standing view of the action; 404 otherwise."""
    view = DtView.objects.filter(herstelactie=action, pk=pk, correction__isnull=True).first()
    if view is None:
        raise Http404
    return view


def enrichments_of(action: Herstelactie) -> list[AdviceEnrichment]:
    """Every version of the DT's addition to the advice, newest first. One query."""
    return list(
        AdviceEnrichment.objects.filter(herstelactie=action)
        .select_related("recorded_by")
        .order_by("-version")
    )


def mandate_raises_of(action: Herstelactie) -> QuerySet[MandateRaise]:
    return MandateRaise.objects.filter(herstelactie=action).select_related("raised_by")


def minister_contacts_of(action: Herstelactie) -> QuerySet[MinisterContact]:
    """Every contact with the minister, the withdrawn ones too (shown struck through)."""
    return MinisterContact.with_withdrawn.filter(herstelactie=action).select_related(
        "recorded_by", "withdrawn_by"
    )


def minister_contact_get(*, action: Herstelactie, pk: int) -> MinisterContact:
    """A contact with the minister of the action (withdrawn too); 404 otherwise."""
    contact = minister_contacts_of(action).filter(pk=pk).first()
    if contact is None:
        raise Http404
    return contact


def informal_rounds_of(action: Herstelactie) -> QuerySet[InformalRound]:
    return InformalRound.objects.filter(herstelactie=action).select_related("recorded_by")


def notifications_of(action: Herstelactie) -> QuerySet[Notification]:
    return Notification.objects.filter(herstelactie=action).select_related(
        "recorded_by", "document_file"
    )


# --- Communication track ----------------------------------------------------------------------


def communication_members_of(action: Herstelactie) -> QuerySet[CommunicationMember]:
    return CommunicationMember.objects.filter(herstelactie=action).select_related("user")


def communication_member_get(*, action: Herstelactie, pk: int) -> CommunicationMember:
    member = communication_members_of(action).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def kapstok_versions(action: Herstelactie) -> list[Kapstokverhaal]:
    """Every version of the kapstokverhaal, newest first, with its Q&A (the comments on a
    version are its thread in `uwvkms.comments`). Two queries."""
    return list(
        Kapstokverhaal.objects.filter(herstelactie=action)
        .select_related("created_by")
        .prefetch_related(
            Prefetch("qas", queryset=QuestionAnswer.objects.order_by("order", "id")),
        )
        .order_by("-version")
    )


def kapstok_get(*, action: Herstelactie, version: int) -> Kapstokverhaal:
    for kapstok in kapstok_versions(action):
        if kapstok.version == version:
            return kapstok
    raise Http404


def communication_people() -> QuerySet[User]:
    """Who may be issuemanager: active holders of the role Communicatie (herstel)."""
    return (
        people()
        .filter(groups__name=Role.COMMUNICATIE)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def communication_tasks_of(action: Herstelactie) -> list[CommunicationTask]:
    """The tasks per discipline of the action's joint approach, withdrawn ones too (struck
    through), by due date. One query, however many tasks."""
    return list(
        CommunicationTask.with_withdrawn.filter(herstelactie=action)
        .select_related("business_unit", "owner_user", "updated_by", "withdrawn_by")
        .order_by(F("withdrawn_at").asc(nulls_first=True), "due_on", "id")
    )


def communication_task_get(*, action: Herstelactie, pk: int) -> CommunicationTask:
    task = (
        CommunicationTask.with_withdrawn.filter(herstelactie=action, pk=pk)
        .select_related("business_unit", "owner_user", "updated_by", "withdrawn_by")
        .first()
    )
    if task is None:
        raise Http404
    return task


# --- The fixed contact persons ----------------------------------------------------------------


@dataclass(frozen=True)
class DirectorateContacts:
    directorate: Directorate
    contact_points: list[ContactPoint]

    @property
    def has_active(self) -> bool:
        return any(point.is_active for point in self.contact_points)


def contact_points_by_directorate() -> list[DirectorateContacts]:
    """Every directorate of the process guide in its order, with its contact persons (active
    first); a directorate without one shows up empty. One query."""
    points: dict[str, list[ContactPoint]] = {value: [] for value in Directorate.values}
    for point in ContactPoint.objects.select_related("user").order_by("-is_active", "name"):
        points.setdefault(point.directorate, []).append(point)
    return [
        DirectorateContacts(Directorate(value), points[value])
        for value in sorted(points, key=lambda v: DIRECTORATE_ORDER.get(v, 99))
    ]


def require_contact_point_manager(user: User) -> None:
    if not may_manage_contact_points(user):
        raise PermissionDenied


def contact_point_get_for_manager(*, user: User, pk: int) -> ContactPoint:
    require_contact_point_manager(user)
    point = ContactPoint.objects.select_related("user").filter(pk=pk).first()
    if point is None:
        raise Http404
    return point
