"""Reads of the evidence quarantine: files the audit team deleted, kept (withdrawn) until the
retention period ends, for the coordination team to inspect and restore (issue 19 §4). Two
kinds of file land there: those of a document check (`DocumentFile`) and those a unit delivered
for an extra item of its request list (`RequestItemFile`, issue 21 §1)."""

from django.db.models import QuerySet
from django.http import Http404

from audits.constants import COORDINATION
from audits.models import AuditCycle, DocumentFile, RequestItemFile
from audits.selectors.capacities import require_audit_capacity
from audits.selectors.cycles import cycle_get
from uwvkms.models import User


def quarantine_cycle_get(*, user: User, year: int) -> AuditCycle:
    """The cycle whose quarantine `user` may see: the coordination team only (403 else)."""
    cycle = cycle_get(year=year)
    require_audit_capacity(user, allowed=COORDINATION, cycle=cycle)
    return cycle


def quarantined_files(cycle: AuditCycle) -> QuerySet[DocumentFile]:
    """The deleted files of `cycle` whose bytes the retention job has not removed yet, the latest
    deletion first, with what the page shows (a fixed number of queries)."""
    return (
        DocumentFile.with_withdrawn.filter(
            document_check__cycle=cycle, withdrawn_at__isnull=False, removed_on__isnull=True
        )
        .select_related(
            "document_check__unit", "document_check__document_type", "uploaded_by", "withdrawn_by"
        )
        .order_by("-withdrawn_at", "-id")
    )


def quarantined_file_get(*, user: User, year: int, file_id: int) -> DocumentFile:
    """One deleted file of the cycle, for the coordination team (403 for anyone else, 404 for a
    file that is not in quarantine)."""
    cycle = quarantine_cycle_get(user=user, year=year)
    document_file = quarantined_files(cycle).filter(pk=file_id).first()
    if document_file is None:
        raise Http404
    return document_file


def quarantined_request_files(cycle: AuditCycle) -> QuerySet[RequestItemFile]:
    """The deleted files delivered for extra request items of `cycle` whose bytes the retention
    job has not removed yet, the latest deletion first (a fixed number of queries)."""
    return (
        RequestItemFile.with_withdrawn.filter(
            item__request__cycle=cycle, withdrawn_at__isnull=False, removed_on__isnull=True
        )
        .select_related("item__request__unit", "uploaded_by", "withdrawn_by")
        .order_by("-withdrawn_at", "-id")
    )


def quarantined_request_file_get(*, user: User, year: int, file_id: int) -> RequestItemFile:
    """One deleted delivered file of the cycle, for the coordination team (403 for anyone else,
    404 for a file that is not in quarantine)."""
    cycle = quarantine_cycle_get(user=user, year=year)
    delivered = quarantined_request_files(cycle).filter(pk=file_id).first()
    if delivered is None:
        raise Http404
    return delivered
