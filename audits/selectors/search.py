"""Search providers of the audit fieldwork (issue 21 §5, `uwvkms.search`), and the scope of a
user's audit capacities that every provider of the audit chain filters with.

Interviews (their interviewees' names and functions, their notes, and where they were held: the
district or department) are found by whoever may open the interview's page
(`interview_get_for_user`): the auditors on the unit's audit team and the coordination team;
never the unit's board (notes name people), never a withdrawn interview.
Document files are found by file name or document type ("jaarplan") by whoever may download
them (`document_file_get_for_user`): the unit's auditors and the coordination team any current
file, the unit's own board the files of delivered documents. Files delivered for an extra item
of a request list are found by file name or the item's title by the unit's audit team, the
coordination team and the unit's own board (`request_item_file_get`); search does not serve a
quality contact (the request page lists their files). Nothing in a withdrawn cycle."""

from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.constants import DocumentStatus
from audits.models import (
    Assignment,
    DocumentFile,
    Interview,
    Interviewee,
    InterviewNote,
    RequestItemFile,
)
from audits.selectors.capacities import roles_of
from uwvkms.constants import Role
from uwvkms.search import (
    SearchHit,
    SearchKind,
    SearchTerms,
    contains_matches,
    register,
    text_matches,
)

INTERVIEWS = SearchKind("interviews", gettext_lazy("Interviews"), 50)
DOCUMENTS = SearchKind("documenten", gettext_lazy("Documenten"), 60)


@dataclass(frozen=True)
class AuditScope:
    """Where a user holds which audit capacity (`audits.rules.capacities_held`), as filters:
    the coordination team everywhere, an auditor at the (cycle, unit) pairs of their
    assignments, a board member at their own unit, the RvB cycle-wide."""

    coordinator: bool
    auditor_pairs: frozenset[tuple[int, int]]
    board_unit_id: int | None
    rvb: bool

    def is_auditor_at(self, cycle_id: int, unit_id: int) -> bool:
        return (cycle_id, unit_id) in self.auditor_pairs

    def sees_all_at(self, cycle_id: int, unit_id: int) -> bool:
        """AUDITOR or COORDINATOR there: what the evidence pages call `sees_all`."""
        return self.coordinator or self.is_auditor_at(cycle_id, unit_id)

    def team_filter(self, prefix: str = "") -> Q | None:
        """A filter on (cycle, unit) for where the user is AUDITOR or COORDINATOR; None when
        nowhere. `prefix` leads to the model's `cycle` and `unit` ("interview__")."""
        if self.coordinator:
            return Q(**{f"{prefix}cycle__withdrawn_at__isnull": True})
        if not self.auditor_pairs:
            return None
        return pairs_filter(self.auditor_pairs, prefix) & Q(
            **{f"{prefix}cycle__withdrawn_at__isnull": True}
        )


def pairs_filter(pairs, prefix: str = "") -> Q:
    """A filter for the rows at one of the (cycle id, unit id) `pairs`: one term per cycle."""
    by_cycle: dict[int, set[int]] = {}
    for cycle_id, unit_id in pairs:
        by_cycle.setdefault(cycle_id, set()).add(unit_id)
    condition = Q(pk__in=[])
    for cycle_id, unit_ids in by_cycle.items():
        condition |= Q(**{f"{prefix}cycle_id": cycle_id, f"{prefix}unit_id__in": sorted(unit_ids)})
    return condition


def audit_scope_of(user) -> AuditScope:
    """The audit scope of `user`: one query for a Toetser (their assignments), none for anyone
    else; remembered on the request's user object, so the providers of one search share it."""
    if not hasattr(user, "_audit_scope"):
        user._audit_scope = _audit_scope(user)
    return user._audit_scope


def _audit_scope(user) -> AuditScope:
    roles = roles_of(user)
    pairs = frozenset()
    if Role.TOETSER in roles:
        pairs = frozenset(
            Assignment.objects.filter(auditor=user).values_list("cycle_id", "unit_id")
        )
    return AuditScope(
        coordinator=Role.COORDINATIETEAM in roles,
        auditor_pairs=pairs,
        board_unit_id=user.business_unit_id if Role.DIRECTIE in roles else None,
        rvb=Role.RVB in roles,
    )


def interview_hits(user, terms: SearchTerms) -> list[SearchHit]:
    """Interviews whose notes, interviewees (name, function) or place (district, department)
    match, for the auditors of the unit and the coordination team. Three queries, plus one for
    a Toetser; none for others."""
    scope = audit_scope_of(user)
    scope_filter = scope.team_filter()
    if scope_filter is None:
        return []
    current = scope.team_filter("interview__") & Q(interview__withdrawn_at__isnull=True)
    related = ("interview__cycle", "interview__unit", "interview__location")
    notes = text_matches(
        InterviewNote.objects.filter(current).select_related(*related, "principle"),
        ["notes"],
        terms,
    )
    people = text_matches(
        Interviewee.objects.filter(current).select_related(*related), ["name", "function"], terms
    )
    places = contains_matches(
        Interview.objects.filter(scope_filter).select_related("cycle", "unit", "location"),
        ["location__name"],
        terms,
    )
    best: dict[int, SearchHit] = {}
    for row, where in [
        *(
            (note, _("Aantekeningen bij %(principle)s") % {"principle": note.principle.name})
            for note in notes
        ),
        *((person, _("Geïnterviewde")) for person in people),
        *((place, _("Plaats")) for place in places),
    ]:
        interview = row if isinstance(row, Interview) else row.interview
        hit = SearchHit(
            title=_("Interview %(where)s, %(date)s")
            % {"where": interview.location.name, "date": interview.held_on.strftime("%d-%m-%Y")},
            url=interview.get_absolute_url(),
            context=f"{interview.unit.name} · {interview.cycle.year} · {where}",
            fragment=row.search_fragment,
            rank=row.search_rank,
        )
        if interview.pk not in best or hit.rank > best[interview.pk].rank:
            best[interview.pk] = hit
    return list(best.values())


def document_hits(user, terms: SearchTerms) -> list[SearchHit]:
    """Current files whose name matches, for whoever may download them (see the module
    docstring); the unit's auditors and the coordination team land on the document's check, the
    board on the download. One query, plus one for a Toetser."""
    scope = audit_scope_of(user)
    condition = scope.team_filter("document_check__")
    if scope.board_unit_id is not None:
        board = Q(
            document_check__unit_id=scope.board_unit_id,
            document_check__status=DocumentStatus.GELEVERD,
            document_check__cycle__withdrawn_at__isnull=True,
        )
        condition = board if condition is None else condition | board
    if condition is None:
        return []
    files = DocumentFile.objects.filter(condition).select_related(
        "document_check__cycle", "document_check__unit", "document_check__document_type"
    )
    hits = []
    fields = ["original_name", "document_check__document_type__name"]
    for document_file in contains_matches(files, fields, terms):
        check = document_file.document_check
        if scope.sees_all_at(check.cycle_id, check.unit_id):
            url = reverse(
                "audits:document_check",
                args=[check.cycle.year, check.unit_id, check.document_type_id],
            )
        else:
            url = reverse("audits:document_file", args=[check.cycle.year, document_file.pk])
        hits.append(
            SearchHit(
                title=document_file.original_name,
                url=url,
                context=f"{check.unit.name} · {check.cycle.year} · {check.document_type.name}",
                fragment=document_file.search_fragment,
                rank=document_file.search_rank,
            )
        )
    return hits


def request_file_hits(user, terms: SearchTerms) -> list[SearchHit]:
    """Current files delivered for an extra item of a request list whose name or item title
    matches, for the unit's audit team, the coordination team and the unit's own board (see
    the module docstring); the team lands on its request page, the board on the download. One
    query, plus one for a Toetser; none for anyone else."""
    scope = audit_scope_of(user)
    condition = scope.team_filter("item__request__")
    if scope.board_unit_id is not None:
        board = Q(
            item__request__unit_id=scope.board_unit_id,
            item__request__cycle__withdrawn_at__isnull=True,
        )
        condition = board if condition is None else condition | board
    if condition is None:
        return []
    files = RequestItemFile.objects.filter(condition).select_related(
        "item__request__cycle", "item__request__unit"
    )
    hits = []
    for request_file in contains_matches(files, ["original_name", "item__title"], terms):
        item = request_file.item
        cycle, unit = item.request.cycle, item.request.unit
        if scope.sees_all_at(cycle.pk, unit.pk):
            url = reverse("audits:team_request", args=[cycle.year, unit.pk])
        else:
            url = reverse("audits:request_file", args=[cycle.year, request_file.pk])
        hits.append(
            SearchHit(
                title=request_file.original_name,
                url=url,
                context=f"{unit.name} · {cycle.year} · {item.title}",
                fragment=request_file.search_fragment,
                rank=request_file.search_rank,
            )
        )
    return hits


def register_search() -> None:
    register(INTERVIEWS, interview_hits)
    register(DOCUMENTS, document_hits)
    register(DOCUMENTS, request_file_hits)
