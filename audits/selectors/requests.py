"""Reads of evidence requests to the unit (issue 21 §1), with the access checks their views rely
on.

Who sees what: the unit's audit team and the coordination team read the team's page of a unit's
request list (the lead auditor sends and changes it, the auditors ask for more); the unit's board
and its quality contacts read the unit's page (and answer its open items). A quality contact
sees nothing else of the audit: every other audit page refuses them (they hold no other
capacity). Everyone else gets 403; an unknown cycle, unit or item 404."""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from audits.constants import (
    AUDIT_TEAM,
    COORDINATION,
    FIELDWORK_OPEN,
    REQUEST_ITEM_OPEN,
    UNIT_SIDE,
    AuditCapacity,
    RequestItemStatus,
    StandardDocumentUse,
)
from audits.models import (
    AssessedPrinciple,
    AuditCycle,
    DocumentCheck,
    DocumentFile,
    DocumentType,
    EvidenceRequest,
    EvidenceRequestItem,
    QualityContact,
    RequestItemFile,
    RequestMessage,
)
from audits.request_rules import request_item_actions, standard_document_use
from audits.selectors.capacities import require_audit_capacity
from audits.selectors.cycles import cycle_get, unit_get
from audits.selectors.evidence import file_value
from uwvkms.constants import Role
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import BusinessUnit, User
from uwvkms.permissions import has_any_role
from uwvkms.selectors import history_for


@dataclass
class RequestPage:
    """A unit's request list as one user may see it: the cycle, the unit, the list (None when
    none was sent yet), its items (withdrawn ones included, struck through) and the user's
    capacities there."""

    cycle: AuditCycle
    unit: BusinessUnit
    capacities: frozenset[AuditCapacity]
    request: EvidenceRequest | None = None
    items: list[EvidenceRequestItem] = field(default_factory=list)

    @property
    def fieldwork_open(self) -> bool:
        return self.cycle.status in FIELDWORK_OPEN

    @property
    def is_lead(self) -> bool:
        return AuditCapacity.LEAD_AUDITOR in self.capacities

    @property
    def can_send(self) -> bool:
        return self.is_lead and self.fieldwork_open

    @property
    def can_delete_files(self) -> bool:
        """The unit's auditors delete delivered files into quarantine while fieldwork is open
        (`services.requests.request_file_delete`)."""
        return bool(self.capacities & AUDIT_TEAM) and self.fieldwork_open

    @property
    def open_count(self) -> int:
        return sum(1 for item in self.items if item.is_open and not item.is_withdrawn)

    def actions_for(self, item: EvidenceRequestItem) -> frozenset[str]:
        return request_item_actions(
            status=item.status,
            capacities=self.capacities,
            fieldwork_open=self.fieldwork_open,
            withdrawn=item.is_withdrawn,
        )


def _items(request: EvidenceRequest) -> list[EvidenceRequestItem]:
    """The items of `request` with their files and thread. Five queries, whatever the number
    of items."""
    items = list(
        EvidenceRequestItem.with_withdrawn.filter(request=request)
        .select_related("document_type", "answered_by", "withdrawn_by")
        .prefetch_related(
            Prefetch(
                "document_files",
                queryset=DocumentFile.objects.select_related("uploaded_by").order_by(
                    "uploaded_at", "id"
                ),
            ),
            Prefetch("extra_files", queryset=RequestItemFile.objects.select_related("uploaded_by")),
            Prefetch("messages", queryset=RequestMessage.objects.select_related("author")),
        )
        .order_by("order", "id")
    )
    for item in items:
        item.files = [*item.document_files.all(), *item.extra_files.all()]
    return items


def _page(*, user: User, year: int, unit_id: int, allowed) -> RequestPage:
    cycle = cycle_get(year=year)
    unit = unit_get(unit_id=unit_id)
    capacities = require_audit_capacity(user, allowed=allowed, cycle=cycle, unit=unit)
    page = RequestPage(cycle=cycle, unit=unit, capacities=capacities)
    page.request = (
        EvidenceRequest.objects.filter(cycle=cycle, unit=unit).select_related("sent_by").first()
    )
    if page.request is not None:
        page.request.cycle = cycle
        page.items = _items(page.request)
    return page


def team_request_get(*, user: User, year: int, unit_id: int) -> RequestPage:
    """The team's page of a unit's request list: the unit's auditors and the coordination
    team (reading). 403 for anyone else, the unit's board and quality contacts included."""
    return _page(user=user, year=year, unit_id=unit_id, allowed=AUDIT_TEAM | COORDINATION)


def unit_request_get(*, user: User, year: int, unit_id: int) -> RequestPage:
    """The unit's page of its request list: its board and its quality contacts. 403 for anyone
    else (another unit's board or contact included)."""
    return _page(user=user, year=year, unit_id=unit_id, allowed=UNIT_SIDE)


def request_item_get(page: RequestPage, item_id: int) -> EvidenceRequestItem:
    """An item of the page's list; 404 for one of another list (or none)."""
    for item in page.items:
        if item.pk == item_id:
            return item
    raise Http404


def active_document_types() -> QuerySet[DocumentType]:
    """The items of the documentation list in use, in their order (the request list's choice)."""
    return DocumentType.objects.filter(is_active=True).order_by("order", "name")


# How the changes of a request list, its items and its quality contacts read.
REQUEST_CHANGES = ChangeFormat(
    fields={
        "due_on": _("uiterlijk aanleveren op"),
        "note": _("toelichting voor het onderdeel"),
        "items": _("aantal stukken"),
        "title": _("gevraagd"),
        "explanation": _("toelichting"),
        "status": _("status"),
        "answer": _("toelichting van het onderdeel"),
        "files": _("bestand"),
        "malware_scan": _("virusscan"),
        "message": _("bericht"),
        "withdrawn": _("ingetrokken"),
        "quarantine": _("in quarantaine"),
        "user": _("kwaliteitscontactpersoon"),
        "ended": _("beëindigd"),
    },
    values={"status": RequestItemStatus},
    display=file_value,  # a delivered, deleted or restored file: name, size, start of its hash
)


def request_history(page: RequestPage) -> list[HistoryEntry]:
    """Every recorded change of the list and its items, newest first. One query."""
    if page.request is None:
        return []
    return history_for(page.request, *page.items, fmt=REQUEST_CHANGES)


def request_item_file_get(*, user: User, year: int, file_id: int) -> RequestItemFile:
    """A file delivered for an extra item, for its unit's team, the coordination team and the
    unit's side; 404 for an unknown file, 403 for anyone else."""
    cycle = cycle_get(year=year)
    try:
        document_file = RequestItemFile.objects.select_related("item__request").get(
            pk=file_id, item__request__cycle=cycle
        )
    except RequestItemFile.DoesNotExist as exc:
        raise Http404 from exc
    require_audit_capacity(
        user,
        allowed=AUDIT_TEAM | COORDINATION | UNIT_SIDE,
        cycle=cycle,
        unit=document_file.item.request.unit_id,
    )
    return document_file


# --- Quality contacts (the unit's board) -----------------------------------------------------


@dataclass
class ContactsPage:
    unit: BusinessUnit
    contacts: list[QualityContact]
    candidates: QuerySet[User]


def quality_contacts_page(*, user: User) -> ContactsPage:
    """The quality contacts of the board member's own unit (withdrawn ones included) and the
    unit's active users who could be designated. 403 for anyone but a unit's board."""
    if not has_any_role(user, Role.DIRECTIE) or user.business_unit_id is None:
        raise PermissionDenied
    unit = user.business_unit
    contacts = list(
        QualityContact.with_withdrawn.filter(unit=unit)
        .select_related("user", "designated_by", "withdrawn_by")
        .order_by("withdrawn_at", "designated_at", "id")
    )
    current = [c.user_id for c in contacts if not c.is_withdrawn]
    candidates = (
        User.objects.filter(business_unit=unit, is_active=True)
        .exclude(pk__in=current)
        .order_by("last_name", "first_name", "username")
    )
    return ContactsPage(unit=unit, contacts=contacts, candidates=candidates)


def quality_contact_get(*, user: User, pk: int) -> QualityContact:
    """A current quality contact of the board member's own unit; 404 for any other."""
    page = quality_contacts_page(user=user)
    for contact in page.contacts:
        if contact.pk == pk and not contact.is_withdrawn:
            return contact
    raise Http404


def quality_contact_history(contacts: list[QualityContact]) -> list[HistoryEntry]:
    """Who designated and ended which quality contact, when and why. One query."""
    return history_for(*contacts, fmt=REQUEST_CHANGES)


# --- Open items: the work queue, the cockpit --------------------------------------------------


def open_items_filter(prefix: str = "items__") -> Q:
    return Q(**{f"{prefix}status__in": REQUEST_ITEM_OPEN, f"{prefix}withdrawn_at__isnull": True})


def open_requests_of_unit(unit_id: int) -> QuerySet[EvidenceRequest]:
    """The unit's request lists in cycles whose fieldwork is open that still have open items,
    with how many (`open_items`). One query."""
    return (
        EvidenceRequest.objects.filter(
            unit_id=unit_id, cycle__status__in=FIELDWORK_OPEN, cycle__withdrawn_at__isnull=True
        )
        .annotate(open_items=Count("items", filter=open_items_filter()))
        .filter(open_items__gt=0)
        .select_related("cycle", "unit")
        .order_by("due_on", "id")
    )


def open_request_items_by_unit(cycle: AuditCycle) -> dict[int, int]:
    """unit id → how many items of its request list are still open (sent lists only). One
    query."""
    return dict(
        EvidenceRequest.objects.filter(cycle=cycle)
        .annotate(open_items=Count("items", filter=open_items_filter()))
        .values_list("unit_id", "open_items")
    )


# --- The cross-unit view (coordination team) ------------------------------------------------


@dataclass(frozen=True)
class StandardDocumentsView:
    """Units (rows) × documents of the documentation list (columns), each cell a
    `StandardDocumentUse`; with the totals per document."""

    cycle: AuditCycle
    document_types: list[DocumentType]
    rows: list[tuple[BusinessUnit, list[StandardDocumentUse]]]
    totals: list[dict[str, int]]


def standard_documents(cycle: AuditCycle) -> StandardDocumentsView:
    """How each unit in the cycle's scope stands on each document of the documentation list in
    use: what the report's "Gebruik van standaard documenten" rests on (`standard_document_use`).
    Four queries, whatever the number of units and documents."""
    unit_ids = set(AssessedPrinciple.objects.filter(cycle=cycle).values_list("unit_id", flat=True))
    units = list(BusinessUnit.objects.filter(pk__in=unit_ids).order_by("name"))
    document_types = list(active_document_types())
    items = {
        (unit_id, type_id): status
        for unit_id, type_id, status in EvidenceRequestItem.objects.filter(
            request__cycle=cycle, document_type__isnull=False
        ).values_list("request__unit_id", "document_type_id", "status")
    }
    checks = {
        (unit_id, type_id): status
        for unit_id, type_id, status in DocumentCheck.objects.filter(cycle=cycle).values_list(
            "unit_id", "document_type_id", "status"
        )
    }
    rows = []
    totals = [dict.fromkeys(StandardDocumentUse.values, 0) for _d in document_types]
    for unit in units:
        cells = []
        for index, document_type in enumerate(document_types):
            key = (unit.pk, document_type.pk)
            use = standard_document_use(
                requested=key in items, item_status=items.get(key), check_status=checks.get(key)
            )
            totals[index][use] += 1
            cells.append(use)
        rows.append((unit, cells))
    return StandardDocumentsView(
        cycle=cycle, document_types=document_types, rows=rows, totals=totals
    )


def standard_documents_table(view: StandardDocumentsView) -> tuple[str, list, list]:
    """The cross-unit view as one sheet (title, header, rows) for `uwvkms.exports`."""
    header = ["Onderdeel", *[d.name for d in view.document_types]]
    rows = [[unit.name, *[str(cell.label) for cell in cells]] for unit, cells in view.rows]
    return (f"Standaard documenten {view.cycle.year}", header, rows)
