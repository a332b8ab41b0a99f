"""The audit chain's part in the review before submission (issue 21 §3, `uwvkms.review`): how
to read someone's standing at a unit's audit, and the two kinds of fieldwork this app holds
(interview records and document judgements)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audits.constants import FIELDWORK_OPEN, DocumentStatus
from audits.models import Assignment, DocumentCheck, Interview
from audits.selectors.capacities import roles_of
from audits.services.cycles import fieldwork_closed_message
from uwvkms.constants import Role
from uwvkms.review import ReviewKind, Standing, register_kind, register_standing


def review_standing(user, cycle_id: int, unit_id: int) -> Standing:
    """The user's standing at the unit's audit in the cycle: on its team (a Toetser assigned),
    its lead, the coordination team, and who leads it. One query for a Toetser or a coordinator,
    none for anyone else."""
    roles = roles_of(user)
    if not roles & {Role.TOETSER, Role.COORDINATIETEAM}:
        return Standing()
    team = list(
        Assignment.objects.filter(cycle_id=cycle_id, unit_id=unit_id).values_list(
            "auditor_id", "is_lead"
        )
    )
    mine = [is_lead for auditor_id, is_lead in team if auditor_id == user.pk]
    auditor = Role.TOETSER in roles and bool(mine)
    return Standing(
        is_team_auditor=auditor,
        is_lead=auditor and any(mine),
        is_coordinator=Role.COORDINATIETEAM in roles,
        lead_ids=frozenset(auditor_id for auditor_id, is_lead in team if is_lead),
    )


def interviews_for_review(cycle_id: int):
    """The cycle's interview records that count for the gate: every one not withdrawn."""
    return Interview.objects.filter(cycle_id=cycle_id).select_related("cycle", "unit", "location")


def document_checks_for_review(cycle_id: int):
    """The cycle's document judgements that count for the gate: those no longer open (a
    document not yet judged has nothing to review)."""
    return (
        DocumentCheck.objects.filter(cycle_id=cycle_id)
        .exclude(status=DocumentStatus.OPEN)
        .select_related("cycle", "document_type")
    )


def evidence_lock_reason(record) -> str | None:
    """Why an interview record or document judgement can no longer change (the cycle's
    fieldwork is closed, as `require_evidence_open` refuses), or None: the review's `editable`
    hook. No query: the record comes with its cycle."""
    cycle = record.cycle
    if cycle.status in FIELDWORK_OPEN:
        return None
    return fieldwork_closed_message(cycle, _("Het bewijs"))


def _document_check_url(check: DocumentCheck) -> str:
    return reverse(
        "audits:document_check", args=[check.cycle.year, check.unit_id, check.document_type_id]
    )


def register_review() -> None:
    register_standing(review_standing)
    register_kind(
        ReviewKind(
            slug="interview",
            label=_("Interviewverslag"),
            label_plural=_("Interviewverslagen"),
            model=Interview,
            records=interviews_for_review,
            title=lambda interview: f"{interview.location} · {interview.held_on:%d-%m-%Y}",
            url=lambda interview: interview.get_absolute_url(),
            order=10,
            editable=evidence_lock_reason,
        )
    )
    register_kind(
        ReviewKind(
            slug="document",
            label=_("Documentbeoordeling"),
            label_plural=_("Documentbeoordelingen"),
            model=DocumentCheck,
            records=document_checks_for_review,
            title=lambda check: check.document_type.name,
            url=_document_check_url,
            order=20,
            editable=evidence_lock_reason,
        )
    )
