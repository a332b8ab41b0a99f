"""Reads of the evidence gathered at a unit (DOMAIN.md §2, "Evidence"): the documentation list,
document study, interviews and the evidence per principle, with the access checks every evidence
view relies on.

Who sees what: the auditors on a unit's audit team read and edit everything of that unit; the
coordination team reads everything; a unit's own board reads only its evidence overview (delivered
documents, confirmed interviews) and may download the files of delivered documents. Everyone
else gets 403.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.constants import (
    AUDIT_TEAM,
    COORDINATION,
    FIELDWORK_OPEN,
    AuditCapacity,
    DocumentStatus,
    InterviewStatus,
)
from audits.evidence_rules import EvidenceCount, EvidenceGap, evidence_gap
from audits.models import (
    AssessedPrinciple,
    Assignment,
    AuditCycle,
    District,
    DistrictDraw,
    DocumentCheck,
    DocumentFile,
    DocumentType,
    Interview,
    Interviewee,
    InterviewNote,
    InterviewQuestion,
    ManagementPrinciple,
)
from audits.selectors.capacities import require_audit_capacity
from audits.selectors.cycles import cycle_get, unit_get
from uwvkms.constants import Role
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role, require_role
from uwvkms.selectors import history_for


@dataclass(frozen=True)
class UnitEvidence:
    """A unit in a cycle as one user may see it, with the user's capacities there."""

    cycle: AuditCycle
    unit: BusinessUnit
    capacities: frozenset[AuditCapacity]

    @property
    def sees_all(self) -> bool:
        """Concept interviews, open checks and notes are for the audit team and coordinators."""
        return bool(self.capacities & (AUDIT_TEAM | COORDINATION))

    @property
    def is_auditor(self) -> bool:
        return AuditCapacity.AUDITOR in self.capacities

    @property
    def fieldwork_open(self) -> bool:
        return self.cycle.status in FIELDWORK_OPEN

    @property
    def can_edit(self) -> bool:
        """Only the unit's auditors edit, and only while fieldwork is open."""
        return self.is_auditor and self.fieldwork_open


def _unit_evidence(*, user: User, cycle: AuditCycle, unit: BusinessUnit, allowed) -> UnitEvidence:
    capacities = require_audit_capacity(user, allowed=allowed, cycle=cycle, unit=unit)
    return UnitEvidence(cycle=cycle, unit=unit, capacities=capacities)


def unit_evidence_get(
    *, user: User, year: int, unit_id: int, allow_board: bool = False
) -> UnitEvidence:
    """A unit's evidence for reading: its auditors and the coordination team, and its own board
    when `allow_board` (the evidence overview). 403 for anyone else, 404 for an unknown cycle or
    unit."""
    cycle = cycle_get(year=year)
    unit = unit_get(unit_id=unit_id)
    allowed = {AuditCapacity.AUDITOR, AuditCapacity.COORDINATOR} | (
        {AuditCapacity.BOARD} if allow_board else set()
    )
    return _unit_evidence(user=user, cycle=cycle, unit=unit, allowed=allowed)


def unit_evidence_get_for_editing(*, user: User, year: int, unit_id: int) -> UnitEvidence:
    """A unit's evidence for changing: only the auditors on its audit team (403 for anyone
    else, the coordination team and the unit's board included)."""
    cycle = cycle_get(year=year)
    unit = unit_get(unit_id=unit_id)
    return _unit_evidence(user=user, cycle=cycle, unit=unit, allowed={AuditCapacity.AUDITOR})


# --- The documentation list and the question set (coordination team) -----------------------


def document_types() -> QuerySet[DocumentType]:
    """The whole documentation list, in use or not, in its order, with how often each is used."""
    return DocumentType.objects.annotate(check_count=Count("checks"))


def document_type_get_for_coordinator(*, user: User, pk: int) -> DocumentType:
    require_role(user, Role.COORDINATIETEAM)
    try:
        return DocumentType.objects.get(pk=pk)
    except DocumentType.DoesNotExist as exc:
        raise Http404 from exc


def principles_with_question_counts() -> QuerySet[ManagementPrinciple]:
    return ManagementPrinciple.objects.annotate(
        active_questions=Count("questions", filter=Q(questions__is_active=True)),
        inactive_questions=Count("questions", filter=Q(questions__is_active=False)),
    )


def principle_get_for_coordinator(*, user: User, code: str) -> ManagementPrinciple:
    require_role(user, Role.COORDINATIETEAM)
    try:
        return ManagementPrinciple.objects.get(code=code)
    except ManagementPrinciple.DoesNotExist as exc:
        raise Http404 from exc


def questions_of_principle(principle: ManagementPrinciple) -> QuerySet[InterviewQuestion]:
    return InterviewQuestion.objects.filter(principle=principle).order_by(
        "-is_active", "order", "id"
    )


def question_get(*, principle: ManagementPrinciple, pk: int) -> InterviewQuestion:
    try:
        return InterviewQuestion.objects.get(principle=principle, pk=pk)
    except InterviewQuestion.DoesNotExist as exc:
        raise Http404 from exc


# --- Scope and team of a unit -----------------------------------------------------------------


def assessed_principles(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[ManagementPrinciple]:
    """The principles assessed at `unit` in `cycle` (absent ones are left out)."""
    return ManagementPrinciple.objects.filter(
        id__in=AssessedPrinciple.objects.filter(cycle=cycle, unit=unit).values("principle_id")
    )


def audit_team(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[User]:
    """The auditors assigned to `unit` in `cycle`."""
    return User.objects.filter(
        id__in=Assignment.objects.filter(cycle=cycle, unit=unit).values("auditor_id")
    ).order_by("last_name", "first_name", "username")


def districts_of_unit(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[District]:
    """The candidate places to hold interviews at `unit` in `cycle`."""
    return District.objects.filter(cycle=cycle, unit=unit)


def drawn_place_names(*, cycle: AuditCycle, unit: BusinessUnit) -> list[str]:
    """The names of the places the current draw chose at `unit` in `cycle` (none before a
    draw). One query."""
    draw = DistrictDraw.objects.filter(cycle=cycle, unit=unit, is_current=True).first()
    return [name for name, _kind in draw.drawn] if draw is not None else []


def drawn_districts_of_unit(
    *, cycle: AuditCycle, unit: BusinessUnit, keep: int | None = None
) -> QuerySet[District]:
    """The places an interview at `unit` in `cycle` may be held: those drawn (issue 17), and
    `keep`, the place of the record being edited (drawn by an earlier draw: a redraw does not
    move an interview already held). Two queries."""
    drawn = {name.lower() for name in drawn_place_names(cycle=cycle, unit=unit)}
    ids = [
        pk
        for pk, name in districts_of_unit(cycle=cycle, unit=unit).values_list("pk", "name")
        if name.lower() in drawn or pk == keep
    ]
    return District.objects.filter(pk__in=ids)


# --- Document study ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistRow:
    document_type: DocumentType
    check: DocumentCheck | None


def document_checks(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[DocumentCheck]:
    return (
        DocumentCheck.objects.filter(cycle=cycle, unit=unit)
        .select_related("document_type", "updated_by")
        .prefetch_related("principles", "files")
    )


def document_checklist(*, cycle: AuditCycle, unit: BusinessUnit) -> list[ChecklistRow]:
    """Every item in use on the documentation list with its check at `unit`, if any, followed by
    checks of items no longer in use (their findings stay visible). Four queries."""
    checks = {check.document_type_id: check for check in document_checks(cycle=cycle, unit=unit)}
    rows = [
        ChecklistRow(document_type=t, check=checks.pop(t.id, None))
        for t in DocumentType.objects.filter(is_active=True)
    ]
    rows += [ChecklistRow(document_type=c.document_type, check=c) for c in checks.values()]
    return rows


def document_type_for_unit_get(*, ue: UnitEvidence, document_type_id: int) -> DocumentType:
    """An item of the documentation list to check at a unit: in use, or already checked there."""
    document_type = DocumentType.objects.filter(pk=document_type_id).first()
    if document_type is None or not (
        document_type.is_active
        or DocumentCheck.objects.filter(
            cycle=ue.cycle, unit=ue.unit, document_type=document_type
        ).exists()
    ):
        raise Http404
    return document_type


def document_check_for(
    *, cycle: AuditCycle, unit: BusinessUnit, document_type: DocumentType
) -> DocumentCheck | None:
    return (
        DocumentCheck.objects.select_related("updated_by")
        .prefetch_related(
            "principles",
            Prefetch("files", queryset=DocumentFile.objects.select_related("uploaded_by")),
        )
        .filter(cycle=cycle, unit=unit, document_type=document_type)
        .first()
    )


def document_file_get_for_user(*, user: User, year: int, file_id: int) -> DocumentFile:
    """A file of a document check, for download. The unit's auditors and the coordination team
    get any file; the unit's own board only files of delivered documents; anyone else 403."""
    cycle = cycle_get(year=year)
    document_file = (
        DocumentFile.objects.select_related("document_check__unit")
        .filter(pk=file_id, document_check__cycle=cycle)
        .first()
    )
    if document_file is None:
        raise Http404
    check = document_file.document_check
    allowed = {AuditCapacity.AUDITOR, AuditCapacity.COORDINATOR}
    if check.status == DocumentStatus.GELEVERD:
        allowed.add(AuditCapacity.BOARD)
    _unit_evidence(user=user, cycle=cycle, unit=check.unit, allowed=allowed)
    return document_file


def document_file_get_for_editing(*, user: User, year: int, file_id: int) -> DocumentFile:
    """A file to delete: only the auditors on the unit's audit team."""
    cycle = cycle_get(year=year)
    document_file = (
        DocumentFile.objects.select_related("document_check__unit", "document_check__cycle")
        .filter(pk=file_id, document_check__cycle=cycle)
        .first()
    )
    if document_file is None:
        raise Http404
    _unit_evidence(
        user=user,
        cycle=cycle,
        unit=document_file.document_check.unit,
        allowed={AuditCapacity.AUDITOR},
    )
    return document_file


# --- Interviews -----------------------------------------------------------------------------------


def interviews_of_unit(*, cycle: AuditCycle, unit: BusinessUnit) -> QuerySet[Interview]:
    """The interviews at `unit` in `cycle`, withdrawn ones included (the list shows them struck
    through, with who withdrew them, when and why), with place, people and notes prefetched."""
    return (
        Interview.with_withdrawn.filter(cycle=cycle, unit=unit)
        .select_related("location", "unit", "withdrawn_by")
        .prefetch_related(
            "interviewees",
            "auditors",
            Prefetch("notes", queryset=InterviewNote.objects.select_related("principle")),
        )
    )


def interview_get_for_user(
    *, user: User, year: int, pk: int, for_editing: bool = False
) -> tuple[Interview, UnitEvidence]:
    """An interview with how the user may see it: its unit's auditors (edit) and the
    coordination team (read). Interview notes name people, so the unit's board never sees them;
    the board sees confirmed interviews only as lines in the evidence overview. A withdrawn
    interview can be read (struck through, with the reason), not edited (404)."""
    cycle = cycle_get(year=year)
    manager = Interview.objects if for_editing else Interview.with_withdrawn
    interview = (
        manager.select_related("unit", "location", "cycle", "created_by", "withdrawn_by")
        .prefetch_related(
            Prefetch(
                "interviewees",
                queryset=Interviewee.objects.select_related("user", "confirmation_recorded_by"),
            ),
            "auditors",
            Prefetch(
                "notes",
                queryset=InterviewNote.objects.select_related("principle").prefetch_related(
                    "questions"
                ),
            ),
        )
        .filter(cycle=cycle, pk=pk)
        .first()
    )
    if interview is None:
        raise Http404
    allowed = (
        {AuditCapacity.AUDITOR}
        if for_editing
        else {AuditCapacity.AUDITOR, AuditCapacity.COORDINATOR}
    )
    ue = _unit_evidence(user=user, cycle=cycle, unit=interview.unit, allowed=allowed)
    return interview, ue


def unit_staff(*, unit: BusinessUnit) -> QuerySet[User]:
    """The active user accounts of `unit`: the accounts an interviewee of its interviews may be
    linked to, to confirm the record themselves."""
    return User.objects.filter(business_unit=unit, is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def questions_by_principle(
    *, principles, include: set[int] | frozenset[int] = frozenset()
) -> dict[int, list[InterviewQuestion]]:
    """principle id → its questions in use, plus any of `include` (questions already asked in a
    record, even if retired since). One query."""
    questions: dict[int, list[InterviewQuestion]] = {p.id: [] for p in principles}
    for question in InterviewQuestion.objects.filter(
        Q(is_active=True) | Q(id__in=include), principle_id__in=list(questions)
    ).order_by("order", "id"):
        questions[question.principle_id].append(question)
    return questions


# --- The evidence per principle ------------------------------------------------------------------


@dataclass(frozen=True)
class PrincipleEvidence:
    principle: ManagementPrinciple
    documents: list[DocumentCheck]
    interviews: list[Interview]
    gap: EvidenceGap


@dataclass(frozen=True)
class EvidenceOverview:
    """Per principle assessed at a unit, the delivered documents and confirmed interviews that
    evidence it, and what is still missing."""

    ue: UnitEvidence
    rows: list[PrincipleEvidence]
    unconfirmed_interviews: int | None  # only for those who see everything
    unchecked_documents: int | None

    @property
    def gap_count(self) -> int:
        return sum(1 for row in self.rows if row.gap == EvidenceGap.NO_EVIDENCE)


def evidence_overview(ue: UnitEvidence) -> EvidenceOverview:
    """The evidence overview of a unit (DOMAIN.md §2: only confirmed interviews count). A fixed
    number of queries, whatever the number of documents, files and interviews."""
    cycle, unit = ue.cycle, ue.unit
    principles = list(assessed_principles(cycle=cycle, unit=unit))
    delivered = list(
        DocumentCheck.objects.filter(cycle=cycle, unit=unit, status=DocumentStatus.GELEVERD)
        .select_related("document_type")
        .prefetch_related("principles", "files")
    )
    confirmed = list(
        Interview.objects.filter(cycle=cycle, unit=unit, status=InterviewStatus.BEVESTIGD)
        .select_related("location")
        .prefetch_related("notes")
    )
    rows = []
    for principle in principles:
        documents = [d for d in delivered if any(p.id == principle.id for p in d.principles.all())]
        interviews = [
            i for i in confirmed if any(n.principle_id == principle.id for n in i.notes.all())
        ]
        gap = evidence_gap(
            EvidenceCount(delivered_documents=len(documents), confirmed_interviews=len(interviews))
        )
        rows.append(PrincipleEvidence(principle, documents, interviews, gap))

    unconfirmed = unchecked = None
    if ue.sees_all:
        unconfirmed = (
            Interview.objects.filter(cycle=cycle, unit=unit)
            .exclude(status=InterviewStatus.BEVESTIGD)
            .count()
        )
        checked = DocumentCheck.objects.filter(cycle=cycle, unit=unit).exclude(
            status=DocumentStatus.OPEN
        )
        unchecked = (
            DocumentType.objects.filter(is_active=True)
            .exclude(id__in=checked.values("document_type_id"))
            .count()
        )
    return EvidenceOverview(
        ue=ue, rows=rows, unconfirmed_interviews=unconfirmed, unchecked_documents=unchecked
    )


@dataclass(frozen=True)
class UnitEvidenceSummary:
    unit: BusinessUnit
    delivered_documents: int
    confirmed_interviews: int
    interviews: int


def evidence_units_for_user(
    *, user: User, year: int
) -> tuple[AuditCycle, list[UnitEvidenceSummary]]:
    """The units of a cycle with counts of their evidence: every unit with principles in scope
    for the coordination team, the units on their teams for an auditor; 403 for anyone else,
    an auditor without a unit in this cycle included."""
    cycle = cycle_get(year=year)
    units = BusinessUnit.objects.filter(
        id__in=AssessedPrinciple.objects.filter(cycle=cycle).values("unit_id")
    )
    if not has_any_role(user, Role.COORDINATIETEAM):
        if not has_any_role(user, Role.TOETSER):
            raise PermissionDenied
        units = units.filter(
            id__in=Assignment.objects.filter(cycle=cycle, auditor=user).values("unit_id")
        )
        if not units.exists():  # an auditor without a unit in this cycle has nothing to see
            raise PermissionDenied
    documents = dict(
        DocumentCheck.objects.filter(cycle=cycle, status=DocumentStatus.GELEVERD)
        .values("unit_id")
        .annotate(n=Count("id"))
        .values_list("unit_id", "n")
    )
    interviews = {
        row["unit_id"]: row
        for row in Interview.objects.filter(cycle=cycle)
        .values("unit_id")
        .annotate(
            total=Count("id"), confirmed=Count("id", filter=Q(status=InterviewStatus.BEVESTIGD))
        )
    }
    return cycle, [
        UnitEvidenceSummary(
            unit=unit,
            delivered_documents=documents.get(unit.id, 0),
            confirmed_interviews=interviews.get(unit.id, {}).get("confirmed", 0),
            interviews=interviews.get(unit.id, {}).get("total", 0),
        )
        for unit in units
    ]


def board_evidence_cycles(user: User) -> list[AuditCycle]:
    """For a unit's board: the cycles in which its unit has evidence (a delivered document or a
    confirmed interview), newest first. Empty for anyone else."""
    if not has_any_role(user, Role.DIRECTIE) or user.business_unit_id is None:
        return []
    unit_id = user.business_unit_id
    return list(
        AuditCycle.objects.filter(
            Q(
                id__in=DocumentCheck.objects.filter(
                    unit_id=unit_id, status=DocumentStatus.GELEVERD
                ).values("cycle_id")
            )
            | Q(
                id__in=Interview.objects.filter(
                    unit_id=unit_id, status=InterviewStatus.BEVESTIGD
                ).values("cycle_id")
            )
        ).order_by("-year")
    )


# --- The recorded changes, ready to read -----------------------------------------------------------

_FIELD_LABELS = {
    "status": gettext_lazy("status"),
    "principles": gettext_lazy("bewijs voor"),
    "design_note": gettext_lazy("opzet"),
    "existence_note": gettext_lazy("bestaan"),
    "operation_note": gettext_lazy("werking"),
    "files": gettext_lazy("bestand"),
    "quarantine": gettext_lazy("in quarantaine"),
    "malware_scan": gettext_lazy("viruscontrole"),
    "held_on": gettext_lazy("datum"),
    "location": gettext_lazy("plaats"),
    "auditors": gettext_lazy("aanwezige toetsers"),
    "interviewees": gettext_lazy("geïnterviewden"),
    "confirmed_by": gettext_lazy("bevestigd door"),
    "confirmed_at": gettext_lazy("bevestigd op"),
    "correction_remarks": gettext_lazy("opmerkingen van de geïnterviewden"),
    "outside_period_reason": gettext_lazy("reden buiten de veldwerkperiode"),
    "withdrawn": gettext_lazy("ingetrokken"),
}


def _evidence_field(key: str) -> str | None:
    # Notes and questions are recorded per principle: "notes.<principle code>".
    kind, _dot, code = key.partition(".")
    if kind == "notes" and code:
        return _("aantekeningen %(principle)s") % {"principle": code}
    if kind == "questions" and code:
        return _("gestelde vragen %(principle)s") % {"principle": code}
    # A confirmation is recorded per interviewee: "confirmed.<name>".
    if kind == "confirmed" and code:
        return _("bevestiging van %(name)s") % {"name": code}
    return None


def file_value(key: str, value) -> str | None:
    # An uploaded or deleted file is recorded with its name, size and checksum.
    if isinstance(value, dict):
        return _("%(name)s (%(size)s bytes, SHA-256 %(sha)s…)") % {
            "name": value.get("name"),
            "size": value.get("size"),
            "sha": str(value.get("sha256", ""))[:12],
        }
    return None


EVIDENCE_CHANGES = ChangeFormat(
    fields=_FIELD_LABELS,
    values={"status": {**dict(DocumentStatus.choices), **dict(InterviewStatus.choices)}},
    field_label=_evidence_field,
    display=file_value,
)


def evidence_history(obj) -> list[HistoryEntry]:
    """The recorded changes of a document check or interview, newest first, ready to read. One
    query; none for an object not saved yet."""
    return history_for(obj, fmt=EVIDENCE_CHANGES)


@dataclass(frozen=True)
class EvidenceTotals:
    """A cycle's evidence over its counted units: documents on the lists and delivered,
    interviews held and confirmed (the UWV-wide report's method facts)."""

    documents_checked: int
    documents_delivered: int
    interviews_held: int
    interviews_confirmed: int


def evidence_totals(cycle: AuditCycle, *, excluded: set[int]) -> EvidenceTotals:
    """The evidence of `cycle` over its units except the `excluded` ones. Two queries."""
    documents = (
        DocumentCheck.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .aggregate(
            total=Count("id"), delivered=Count("id", filter=Q(status=DocumentStatus.GELEVERD))
        )
    )
    interviews = (
        Interview.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .aggregate(
            total=Count("id"), confirmed=Count("id", filter=Q(status=InterviewStatus.BEVESTIGD))
        )
    )
    return EvidenceTotals(
        documents_checked=documents["total"],
        documents_delivered=documents["delivered"],
        interviews_held=interviews["total"],
        interviews_confirmed=interviews["confirmed"],
    )
