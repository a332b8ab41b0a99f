"""Publishing the UWV-wide report (DOMAIN.md §5): the coordination team asks for a version, a
background task renders it once and stores the PDF with its SHA-256 and the data snapshot it came
from. A published version never changes; there is no update path, only a new version."""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from audits.models import AuditCycle
from findings.events import (
    REPORT_VERSION_FAILED,
    REPORT_VERSION_PUBLISHED,
    REPORT_VERSION_REQUESTED,
    REPORT_VERSION_RETRIED,
    REPORT_VERSION_STALLED,
)
from findings.models import PublishState, ReportStatus, ReportVersion
from findings.notifications import notify_report_version_done, notify_report_version_failed
from findings.selectors.publishing import (
    IN_PROGRESS,
    LABEL_PATTERN,
    definitive_not_ready,
    publish_refusal,
)
from uwvkms.constants import Role
from uwvkms.models import User
from uwvkms.permissions import has_any_role
from uwvkms.services import audit_event_record

logger = logging.getLogger(__name__)


class PublishRefused(Exception):
    """Publishing is not possible now; the message says why, in Dutch, for the page."""


def render_failed_explanation() -> str:
    """What the page says of a failed render: for people; the technical cause is in the log."""
    return _(
        "Het opmaken van de pdf is mislukt door een technische fout. Er is niets gepubliceerd. "
        "Probeer het opnieuw; lukt het weer niet, meld dan het tijdstip aan de beheerder."
    )


class DefinitiveNotReady(Exception):
    """A Definitief version found, when it was rendered, content that was not ready (a section
    edited back to concept after the version was asked for): nothing is published. Its message
    is for people."""


def render_stalled_explanation(minutes: int) -> str:
    return _(
        "Het opmaken is gestopt: er was %(minutes)s minuten geen voortgang, waarschijnlijk "
        "doordat de verwerker is uitgevallen. Er is niets gepubliceerd; probeer het opnieuw."
    ) % {"minutes": minutes}


@dataclass(frozen=True)
class RenderedReport:
    """What the renderer hands back: the PDF, the same report as Word, and the snapshot of the
    data they came from."""

    pdf: bytes
    snapshot: dict
    docx: bytes = b""


@transaction.atomic
def report_version_publish(
    *, actor: User, cycle: AuditCycle, label: str, report_status: str
) -> ReportVersion:
    """Ask for a new published version `label` ("1.0", "2.0") of the cycle's report, with the
    status printed on it (Concept for the RvB's review, or Definitief). The version is queued;
    the PDF is rendered once by the background task `findings.tasks.report_version_render_task`
    after this transaction commits. Only the coordination team publishes, and a Definitief
    version only once every counted unit's report is agreed (`units_not_agreed`). A label is used once
    per cycle and must be higher than every earlier one; one version renders at a time."""
    if not has_any_role(actor, Role.COORDINATIETEAM):
        raise PermissionDenied
    label = label.strip()
    if not LABEL_PATTERN.match(label):
        raise ValidationError({"label": _("Een versie ziet eruit als 1.0 of 2.1.")})
    if report_status not in ReportStatus.values:
        raise ValidationError({"report_status": _("Kies Concept of Definitief.")})
    # Lock the cycle row: two coordinators publishing at once are served one after the other,
    # so they can never both queue a render or take the same label (also for a first version,
    # when there are no version rows to lock yet).
    AuditCycle.objects.select_for_update().filter(pk=cycle.pk).first()
    now = timezone.now()
    report_versions_fail_stalled(now=now, cycle=cycle)
    refusal = publish_refusal(cycle=cycle, label=label, report_status=report_status)
    if refusal:
        raise PublishRefused(refusal)
    version = ReportVersion(
        cycle=cycle,
        label=label,
        report_status=report_status,
        state=PublishState.QUEUED,
        requested_by=actor,
        requested_at=now,
        progress_at=now,
    )
    version.full_clean()
    version.save()
    audit_event_record(
        event=REPORT_VERSION_REQUESTED,
        actor=actor,
        target=version,
        changes={"label": [None, label], "report_status": [None, report_status]},
    )
    transaction.on_commit(lambda: _enqueue(version))
    return version


@transaction.atomic
def report_version_retry(*, actor: User, version: ReportVersion) -> ReportVersion:
    """Queue a failed version again: nothing of it was published, so its label is still free to
    use. A version that is done is never rendered again."""
    if not has_any_role(actor, Role.COORDINATIETEAM):
        raise PermissionDenied
    AuditCycle.objects.select_for_update().filter(pk=version.cycle_id).first()
    if ReportVersion.objects.filter(cycle_id=version.cycle_id, state__in=IN_PROGRESS).exists():
        raise PublishRefused(_("Er wordt al een versie opgemaakt; wacht tot die klaar is."))
    # What holds for asking a Definitief version holds for asking it again.
    if version.report_status == ReportStatus.DEFINITIEF and (
        not_ready := definitive_not_ready(version.cycle)
    ):
        raise PublishRefused(not_ready)
    updated = ReportVersion.objects.filter(pk=version.pk, state=PublishState.FAILED).update(
        state=PublishState.QUEUED, error="", task_id="", progress_at=timezone.now()
    )
    if not updated:
        raise PublishRefused(_("Alleen een mislukte versie kan opnieuw worden opgemaakt."))
    version.refresh_from_db()
    audit_event_record(
        event=REPORT_VERSION_RETRIED,
        actor=actor,
        target=version,
        changes={"state": [PublishState.FAILED, PublishState.QUEUED]},
    )
    transaction.on_commit(lambda: _enqueue(version))
    return version


# The background task that renders a version, named rather than imported: the task module calls
# this service, so importing it here would make the two import each other.
RENDER_TASK = "findings.tasks.report_version_render_task"


def _enqueue(version: ReportVersion) -> None:
    result = import_string(RENDER_TASK).enqueue(version_id=version.pk)
    # The immediate backend has already run the task; only a queued one still needs its id.
    ReportVersion.objects.filter(pk=version.pk, task_id="").update(task_id=str(result.id)[:64])


def report_version_render(
    *, version_id: int, render: Callable[[ReportVersion], RenderedReport] | None = None
) -> ReportVersion | None:
    """Render a queued version once and store it (run by the background task). Moves the
    version queued → running → done, or → failed with the error when rendering fails. A version
    that is not queued (already running, done or failed) is left alone: a task delivered twice
    never renders twice, and a published version is never touched again.

    Each claim counts an attempt, and every later write of this run names it: a worker that was
    given up on (`report_versions_fail_stalled`) and finishes after the version was retried can
    neither publish over the new attempt nor mark it failed; its file is removed again."""
    render = render or render_uwv_report_for_version
    if not ReportVersion.objects.filter(pk=version_id, state=PublishState.QUEUED).update(
        state=PublishState.RUNNING, progress_at=timezone.now(), attempt=F("attempt") + 1
    ):
        return None
    version = ReportVersion.objects.select_related("cycle", "requested_by").get(pk=version_id)
    mine = ReportVersion.objects.filter(
        pk=version_id, state=PublishState.RUNNING, attempt=version.attempt
    )
    field = ReportVersion._meta.get_field("pdf")
    stored = None
    stored_docx = None
    try:
        rendered = render(version)
        digest = hashlib.sha256(rendered.pdf).hexdigest()
        base = f"toets-kms-{version.cycle.year}-versie-{version.label}-{version.attempt}"
        stored = field.storage.save(
            field.generate_filename(version, f"{base}.pdf"), ContentFile(rendered.pdf)
        )
        word = {"docx": "", "docx_sha256": "", "docx_size": None}
        if rendered.docx:
            stored_docx = field.storage.save(
                field.generate_filename(version, f"{base}.docx"), ContentFile(rendered.docx)
            )
            word = {
                "docx": stored_docx,
                "docx_sha256": hashlib.sha256(rendered.docx).hexdigest(),
                "docx_size": len(rendered.docx),
            }
        with transaction.atomic():
            published = mine.update(
                state=PublishState.DONE,
                pdf=stored,
                pdf_sha256=digest,
                pdf_size=len(rendered.pdf),
                snapshot=rendered.snapshot,
                published_at=timezone.now(),
                **word,
            )
            if published:
                version.refresh_from_db()
                audit_event_record(
                    event=REPORT_VERSION_PUBLISHED,
                    actor=version.requested_by,
                    target=version,
                    changes={
                        "state": [PublishState.RUNNING, PublishState.DONE],
                        "pdf_sha256": [None, digest],
                        **({"docx_sha256": [None, word["docx_sha256"]]} if stored_docx else {}),
                    },
                )
                notify_report_version_done(version)
        if not published:
            logger.warning(
                "Report version %s attempt %s was given up on while it rendered: not published",
                version_id,
                version.attempt,
            )
            field.storage.delete(stored)
            if stored_docx is not None:
                field.storage.delete(stored_docx)
            return None
    except Exception as error:
        # The cause goes to the log (with its traceback); the page gets a Dutch explanation.
        logger.exception("Rendering report version %s failed", version_id)
        explanation = (
            str(error) if isinstance(error, DefinitiveNotReady) else render_failed_explanation()
        )
        for name in (stored, stored_docx):
            if name is not None:
                field.storage.delete(name)
        with transaction.atomic():
            if mine.update(state=PublishState.FAILED, error=explanation):
                version.refresh_from_db()
                audit_event_record(
                    event=REPORT_VERSION_FAILED,
                    actor=version.requested_by,
                    target=version,
                    changes={"state": [PublishState.RUNNING, PublishState.FAILED]},
                )
                notify_report_version_failed(version)
        raise
    return version


@transaction.atomic
def report_versions_fail_stalled(
    *, now: datetime | None = None, cycle: AuditCycle | None = None
) -> int:
    """Mark failed every version (of `cycle`, or of every cycle) that is still queued or
    rendering with no progress for REPORT_RENDER_STALL_MINUTES: its worker died (or none runs),
    and without this the cycle could never publish again. Returns how many were marked.

    Run by the publish service, by the version pages and by the daily job; a late worker that
    still finishes such a version finds it no longer running and publishes nothing."""
    now = now or timezone.now()
    minutes = settings.REPORT_RENDER_STALL_MINUTES
    stalled = ReportVersion.objects.select_for_update().filter(
        state__in=IN_PROGRESS, progress_at__lt=now - timedelta(minutes=minutes)
    )
    if cycle is not None:
        stalled = stalled.filter(cycle=cycle)
    marked = 0
    for version in stalled.defer("snapshot"):
        old_state = version.state
        updated = ReportVersion.objects.filter(pk=version.pk, state=old_state).update(
            state=PublishState.FAILED, error=render_stalled_explanation(minutes)
        )
        if not updated:
            continue
        logger.error(
            "Report version %s of %s stalled %s for over %s minutes: marked failed",
            version.label,
            version.cycle_id,
            old_state,
            minutes,
        )
        version.refresh_from_db()
        audit_event_record(
            event=REPORT_VERSION_STALLED,
            actor=None,
            target=version,
            changes={"state": [old_state, PublishState.FAILED]},
        )
        notify_report_version_failed(version)
        marked += 1
    return marked


def render_uwv_report_for_version(version: ReportVersion) -> RenderedReport:
    """Build the UWV-wide report as it stands now, with the version's status and label printed
    on it, and render it to PDF and Word: the snapshot and both files come from the same
    view-model."""
    from findings.report.uwv import build_uwv_report, render_uwv_report_pdf  # noqa: PLC0415
    from findings.report.uwv.word import render_uwv_report_docx  # noqa: PLC0415

    report = build_uwv_report(
        version.cycle,
        status=version.report_status,
        version=version.label,
        generated_at=timezone.now(),
        # Dated the day the team published it, not the day a retry renders it.
        published_at=version.requested_at,
    )
    # Checked again on what is rendered: a section may have gone back to concept after the
    # version was asked for.
    if version.report_status == ReportStatus.DEFINITIEF and (
        not_ready := definitive_not_ready(version.cycle, parts=report.parts)
    ):
        raise DefinitiveNotReady(
            _("Er is niets gepubliceerd: het rapport was bij het opmaken niet meer af. %(why)s")
            % {"why": not_ready}
        )
    return RenderedReport(
        pdf=render_uwv_report_pdf(report),
        snapshot=report.snapshot(),
        docx=render_uwv_report_docx(report),
    )
