"""What has been recorded in a cycle, from every app of the audit chain: a cycle opened in error
is withdrawn only while nothing is (issue 17, "undo with a trace"), and a principle leaves the
scope only while nothing is recorded on it.

As with the readiness facts, the apps above audits register a provider in their
`AppConfig.ready()` (`provider(cycle, principle_ids) -> list[str]`, each entry a counted kind
of work in Dutch, "3 scores"), so audits never imports them. `principle_ids` None asks for the
whole cycle, a set for the work on those principles only."""

from collections.abc import Callable, Collection

from django.db.models import Q
from django.utils.translation import ngettext

from audits.constants import CycleStatus
from audits.models import AuditCycle, DocumentCheck, Interview, InterviewNote
from audits.rules import cycle_withdrawal_refusal

WorkProvider = Callable[[AuditCycle, Collection[int] | None], list[str]]

_providers: list[WorkProvider] = []


def register_recorded_work(provider: WorkProvider) -> None:
    """Add an app's provider (called from `AppConfig.ready()`; twice adds it once)."""
    if provider not in _providers:
        _providers.append(provider)


def _audit_work(cycle: AuditCycle, principle_ids: Collection[int] | None) -> list[str]:
    """Interviews (withdrawn ones are not work) and judged documents: one or two queries."""
    if principle_ids is not None:
        # A note counts when it holds notes or the questions asked; a document judged as
        # evidence of the principle counts too.
        notes = (
            InterviewNote.objects.filter(
                interview__cycle=cycle,
                interview__withdrawn_at__isnull=True,
                principle_id__in=principle_ids,
            )
            .filter(~Q(notes="") | Q(questions__isnull=False))
            .distinct()
            .count()
        )
        checks = (
            DocumentCheck.objects.filter(cycle=cycle, principles__in=principle_ids)
            .distinct()
            .count()
        )
        work = []
        if notes:
            work.append(
                ngettext("%(n)s interviewaantekening", "%(n)s interviewaantekeningen", notes)
                % {"n": notes}
            )
        if checks:
            work.append(
                ngettext("%(n)s documentbeoordeling", "%(n)s documentbeoordelingen", checks)
                % {"n": checks}
            )
        return work
    work = []
    interviews = Interview.objects.filter(cycle=cycle).count()
    if interviews:
        work.append(ngettext("%(n)s interview", "%(n)s interviews", interviews) % {"n": interviews})
    checks = DocumentCheck.objects.filter(cycle=cycle).count()
    if checks:
        work.append(
            ngettext("%(n)s documentbeoordeling", "%(n)s documentbeoordelingen", checks)
            % {"n": checks}
        )
    return work


def recorded_work(cycle: AuditCycle, principle_ids: Collection[int] | None = None) -> list[str]:
    """What is recorded in `cycle` (on `principle_ids` only, when given), per kind, by every
    registered app; empty when nothing is. A few count queries, whatever the amount of work."""
    work = _audit_work(cycle, principle_ids)
    for provider in _providers:
        work.extend(provider(cycle, principle_ids))
    return work


def withdrawal_refusal(cycle: AuditCycle) -> str | None:
    """Why `cycle` cannot be withdrawn now (`audits.rules.cycle_withdrawal_refusal`), or None:
    for the cycle page (no "Cyclus intrekken" then), the withdraw page and the service."""
    work = recorded_work(cycle) if cycle.status == CycleStatus.VOORBEREIDING else []
    return cycle_withdrawal_refusal(status=cycle.status, recorded_work=work)
