"""Writes of the narrative sections of the UWV-wide report (DOMAIN.md §5): the coordination
team's own text per cycle and section, with optimistic locking and a history row per change."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits.constants import COORDINATION
from audits.models import AuditCycle
from audits.selectors import require_audit_capacity
from findings.constants import NarrativeKey
from findings.models import ReportNarrative
from uwvkms.formats import local_datetime
from uwvkms.models import User
from uwvkms.services import audit_event_record


class NarrativeConflict(ValidationError):
    """Someone else saved the section after this user opened it."""


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
    version is refused with `NarrativeConflict`. An empty text goes back to the generated
    default. Records `findings.report_narrative.changed` (or `.reset`)."""
    require_audit_capacity(actor, allowed=COORDINATION)
    key = NarrativeKey(key)
    text = text.replace("\r\n", "\n").strip()
    with transaction.atomic():
        current = (
            ReportNarrative.objects.select_for_update()
            .select_related("updated_by")
            .filter(cycle=cycle, key=key)
            .first()
        )
        current_version = current.version if current else 0
        if current_version != expected_version:
            raise NarrativeConflict(
                _(
                    "Deze tekst is intussen gewijzigd door %(who)s (%(when)s). Uw invoer is niet "
                    "opgeslagen; bekijk de actuele tekst en pas die zo nodig aan."
                )
                % {
                    "who": current.updated_by if current else "–",
                    "when": local_datetime(current.updated_at) if current else "–",
                }
            )
        event = (
            "findings.report_narrative.reset" if not text else "findings.report_narrative.changed"
        )
        if current is None:
            narrative = ReportNarrative(cycle=cycle, key=key, text=text, updated_by=actor)
            narrative.full_clean()
            narrative.save()
            audit_event_record(
                event=event, actor=actor, target=narrative, changes={"text": ["", text]}
            )
            return narrative
        if text == current.text:
            return current
        old = current.text
        current.text = text
        current.version += 1
        current.updated_by = actor
        current.full_clean()
        current.save(update_fields=["text", "version", "updated_by", "updated_at"])
        audit_event_record(event=event, actor=actor, target=current, changes={"text": [old, text]})
        return current
