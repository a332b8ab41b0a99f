"""The events the herstel app records in the event log, each with its Dutch label (see
`uwvkms.events`: the one place a label is looked up), and the kind of moment each is on the
timeline of a herstelactie."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from uwvkms.events import Event

ACTION_STARTED = Event("herstel.action.started", _("Herstelactie gestart in stap 1"))
WORKING_GROUP_FORMED = Event(
    "herstel.working_group.formed", _("Vaste contactpersonen ingelicht; werkgroep gevormd")
)
STEP_MOVED = Event("herstel.step.moved", _("Naar een andere stap"))
DECISION_RECORDED = Event("herstel.decision.recorded", _("Besluit vastgelegd"))
DECISION_CORRECTED = Event("herstel.decision.corrected", _("Besluit gecorrigeerd"))
DECISION_WITHDRAWN = Event("herstel.decision.withdrawn", _("Besluit ingetrokken"))
DT_VIEW_RECORDED = Event("herstel.dt_view.recorded", _("Zienswijze DT betrokken divisie"))
DT_VIEW_CORRECTED = Event(
    "herstel.dt_view.corrected", _("Zienswijze DT betrokken divisie gecorrigeerd")
)
DT_VIEW_WITHDRAWN = Event(
    "herstel.dt_view.withdrawn", _("Zienswijze DT betrokken divisie ingetrokken")
)
ADVICE_ENRICHED = Event("herstel.advice.enriched", _("Aanvulling op het advies door de DT"))
MANDATE_RAISED = Event("herstel.mandate.raised", _("Besluitvormingsmandaat verhoogd door de RvB"))
MINISTER_CONTACT_RECORDED = Event(
    "herstel.minister_contact.recorded", _("Contact van de RvB met de minister")
)
MINISTER_CONTACT_WITHDRAWN = Event(
    "herstel.minister_contact.withdrawn", _("Contact van de RvB met de minister ingetrokken")
)
INFORMAL_ROUND_RECORDED = Event("herstel.informal_round.recorded", _("Informele ronde"))
NOTIFICATION_RECORDED = Event("herstel.notification.recorded", _("Kennisgeving"))
ACTION_UPDATED = Event("herstel.action.updated", _("Gegevens gewijzigd"))
ACTION_LEAD_UNIT_CHANGED = Event(
    "herstel.action.lead_unit_changed", _("Leidende divisie gewijzigd")
)
ADVICE_UPDATED = Event("herstel.advice.updated", _("Advies gewijzigd"))
MEASURE_ADDED = Event("herstel.measure.added", _("Beheersmaatregel toegevoegd"))
# Only in rows written before measures were withdrawn instead of removed.
MEASURE_REMOVED = Event("herstel.measure.removed", _("Beheersmaatregel verwijderd"))
MEASURE_UPDATED = Event("herstel.measure.updated", _("Beheersmaatregel gewijzigd"))
MEASURE_WITHDRAWN = Event("herstel.measure.withdrawn", _("Beheersmaatregel ingetrokken"))
ADVICE_SECTION_ASSIGNED = Event(
    "herstel.advice_section.assigned", _("SBK gevraagd een adviesonderdeel te schrijven")
)
ADVICE_SECTION_ASSIGNMENT_WITHDRAWN = Event(
    "herstel.advice_section.assignment_withdrawn", _("Vraag aan SBK ingetrokken")
)
ADVICE_SECTION_WRITTEN = Event(
    "herstel.advice_section.written", _("Adviesonderdeel geschreven door SBK")
)
MEMBER_ADDED = Event("herstel.member.added", _("Lid toegevoegd aan de werkgroep"))
MEMBER_REMOVED = Event("herstel.member.removed", _("Lid uit de werkgroep gehaald"))
CONSULTATION_RECORDED = Event("herstel.consultation.recorded", _("Belangengroep geraadpleegd"))
ISSUE_MARKED = Event("herstel.issue.marked", _("Gemarkeerd als issue"))
ISSUE_UNMARKED = Event("herstel.issue.unmarked", _("Niet langer een issue"))
COMMUNICATION_MEMBER_ADDED = Event(
    "herstel.communication_member.added", _("Lid toegevoegd aan de communicatiewerkgroep")
)
COMMUNICATION_MEMBER_REMOVED = Event(
    "herstel.communication_member.removed", _("Lid uit de communicatiewerkgroep gehaald")
)
KAPSTOK_SAVED = Event("herstel.kapstok.saved", _("Kapstokverhaal opgeslagen"))
KAPSTOK_STATUS_CHANGED = Event("herstel.kapstok.status_changed", _("Status kapstokverhaal"))
ISSUEMANAGER_SET = Event("herstel.issuemanager.set", _("Issuemanager aangewezen"))
# Written by the kapstokverhaal's own comments until they moved onto the one comment mechanism
# (migration 0015; now `uwvkms.events.COMMENT_*` under the comment): declared still, so the
# event log and the timeline name the rows recorded before.
KAPSTOK_COMMENTED = Event("herstel.kapstok.commented", _("Reactie op het kapstokverhaal"))
KAPSTOK_COMMENT_WITHDRAWN = Event(
    "herstel.kapstok.comment_withdrawn", _("Reactie op het kapstokverhaal ingetrokken")
)
COMMUNICATION_TASK_ADDED = Event("herstel.communication_task.added", _("Communicatietaak uitgezet"))
COMMUNICATION_TASK_UPDATED = Event(
    "herstel.communication_task.updated", _("Communicatietaak bijgewerkt")
)
COMMUNICATION_TASK_WITHDRAWN = Event(
    "herstel.communication_task.withdrawn", _("Communicatietaak ingetrokken")
)
EXECUTION_PLAN_UPDATED = Event(
    "herstel.execution_plan.updated", _("Projectstructuur en plan van aanpak gewijzigd")
)
GO_DECISION_RECORDED = Event("herstel.go_decision.recorded", _("Go/no-go vastgelegd"))
DOSSIERS_IMPORTED = Event("herstel.dossiers.imported", _("Dossiers geïmporteerd"))
# An edit is recorded once, in DossierChange, and the timeline reads it there under this label;
# the event log holds this name only in rows written before that.
DOSSIER_UPDATED = Event("herstel.dossier.updated", _("Dossier gewijzigd"))
ESTIMATE_SET = Event("herstel.estimate.set", _("Geschat gemiddeld bedrag gewijzigd"))
EVALUATION_PLANNED = Event("herstel.evaluation.planned", _("Evaluatie gepland"))
EVALUATION_SAVED = Event("herstel.evaluation.saved", _("Evaluatie bijgewerkt"))
EVALUATION_COMPLETED = Event("herstel.evaluation.completed", _("Evaluatie afgerond"))
EVALUATION_CANCELLED = Event("herstel.evaluation.cancelled", _("Evaluatie afgezegd"))
DOCUMENT_UPLOADED = Event("herstel.document.uploaded", _("Document toegevoegd aan het dossier"))
DOCUMENT_WITHDRAWN = Event("herstel.document.withdrawn", _("Document ingetrokken"))

CONTACT_POINT_CREATED = Event("herstel.contact_point.created", _("Vaste contactpersoon toegevoegd"))
CONTACT_POINT_UPDATED = Event("herstel.contact_point.updated", _("Vaste contactpersoon gewijzigd"))
CONTACT_POINT_ACTIVATED = Event(
    "herstel.contact_point.activated", _("Vaste contactpersoon weer actief")
)
CONTACT_POINT_DEACTIVATED = Event(
    "herstel.contact_point.deactivated", _("Vaste contactpersoon niet meer actief")
)


class Kind(StrEnum):
    """What kind of moment an event is on the timeline of a herstelactie."""

    STEP = "step"
    DECISION = "decision"
    NOTIFICATION = "notification"
    CHANGE = "change"


KIND_LABELS = {
    Kind.STEP: _("Stap"),
    Kind.DECISION: _("Besluit"),
    Kind.NOTIFICATION: _("Kennisgeving"),
    Kind.CHANGE: _("Wijziging"),
}

# Every other event of an action is a change.
TIMELINE_KINDS: dict[str, Kind] = {
    ACTION_STARTED: Kind.STEP,
    WORKING_GROUP_FORMED: Kind.NOTIFICATION,
    STEP_MOVED: Kind.STEP,
    DECISION_RECORDED: Kind.DECISION,
    DECISION_CORRECTED: Kind.DECISION,
    DECISION_WITHDRAWN: Kind.DECISION,
    INFORMAL_ROUND_RECORDED: Kind.DECISION,
    DT_VIEW_RECORDED: Kind.DECISION,
    DT_VIEW_CORRECTED: Kind.DECISION,
    DT_VIEW_WITHDRAWN: Kind.DECISION,
    MANDATE_RAISED: Kind.DECISION,
    MINISTER_CONTACT_RECORDED: Kind.NOTIFICATION,
    MINISTER_CONTACT_WITHDRAWN: Kind.NOTIFICATION,
    NOTIFICATION_RECORDED: Kind.NOTIFICATION,
    GO_DECISION_RECORDED: Kind.DECISION,
    EVALUATION_PLANNED: Kind.STEP,
    EVALUATION_COMPLETED: Kind.STEP,
}
DOSSIER_REFERENCES_REMOVED = Event(
    "herstel.dossiers.references_removed", _("Dossierreferenties verwijderd na de bewaartermijn")
)
