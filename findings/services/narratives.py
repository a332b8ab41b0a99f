"""Writes of the narrative sections of the UWV-wide report (DOMAIN.md §5): the coordination
team's own text per cycle and section, with optimistic locking and a history row per change."""

from django.db import transaction
from django.utils.translation import gettext as _

from audits.constants import COORDINATION
from audits.models import AuditCycle
from audits.selectors import require_audit_capacity
from findings.constants import NarrativeKey
from findings.events import REPORT_NARRATIVE_CHANGED, REPORT_NARRATIVE_RESET
from findings.models import ReportNarrative
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import model_update, version_check


def narrative_save(
    *,
    actor: User,
    cycle: AuditCycle,
    key: NarrativeKey | str,
    text: str,
    expected_version: int,
) -> ReportNarrative:
    """Store the team's text of section `key`. `expected_version` is the version the user
    opened (0 while the section still showed its generated default); a save over a newer
    version is refused with `EditConflict`. An empty text goes back to the generated
    default. Records `findings.report_narrative.changed` (or `.reset`)."""
    require_audit_capacity(actor, allowed=COORDINATION)
    key = NarrativeKey(key)
    text = text.replace("\r\n", "\n").strip()
    with transaction.atomic():
        current = ReportNarrative.objects.select_for_update().filter(cycle=cycle, key=key)
        current = current.first()
        version_check(current, expected_version=expected_version, what=_("Deze tekst"))
        event = REPORT_NARRATIVE_RESET if not text else REPORT_NARRATIVE_CHANGED
        if current is None:
            narrative = ReportNarrative(cycle=cycle, key=key, text=text, updated_by=actor)
            narrative.full_clean()
            narrative.save()
            audit_event_record(
                event=event, actor=actor, target=narrative, changes={"text": ["", text]}
            )
            return narrative
        changes = model_update(current, actor=actor, data={"text": text})
        if changes:
            audit_event_record(event=event, actor=actor, target=current, changes=changes)
        return current
