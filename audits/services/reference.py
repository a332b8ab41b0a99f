"""Writes of the reference texts of Bijlage 2 of the UWV-wide report (DOMAIN.md §5), kept by the
coordination team: each with optimistic locking and a history row old → new."""

from django.db import transaction
from django.utils.translation import gettext as _

from audits.constants import COORDINATION, ReferenceTextKey
from audits.events import PRINCIPLE_TEXTS_CHANGED, REFERENCE_TEXT_CHANGED
from audits.models import ManagementPrinciple, ReferenceText
from audits.selectors.capacities import require_audit_capacity
from uwvkms.changes import created
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import created_meanwhile, model_update, version_check


def _tidy(text: str) -> str:
    """The text as typed, without trailing spaces or blank lines at either end."""
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip()


@transaction.atomic
def principle_texts_update(
    *,
    actor: User,
    principle: ManagementPrinciple,
    definition: str,
    uwv_specific: str,
    expected_version: int,
) -> ManagementPrinciple:
    """Set what Bijlage 2 says of `principle`: its general (ISO-derived) definition and what it
    asks at UWV ("UWV specifiek"). `expected_version` is the version the user opened; a save
    over a newer one is refused with `EditConflict` and nothing changes. Records
    `audits.principle.texts_changed` with old → new; a save that changes nothing stores
    nothing."""
    require_audit_capacity(actor, allowed=COORDINATION)
    principle = ManagementPrinciple.objects.select_for_update().get(pk=principle.pk)
    changes = model_update(
        principle,
        actor=actor,
        data={"definition": _tidy(definition), "uwv_specific": _tidy(uwv_specific)},
        expected_version=expected_version,
        what=_("De omschrijving van %(principle)s") % {"principle": principle.name},
    )
    if changes:
        audit_event_record(
            event=PRINCIPLE_TEXTS_CHANGED, actor=actor, target=principle, changes=changes
        )
    return principle


@transaction.atomic
def reference_text_update(
    *, actor: User, key: ReferenceTextKey, text: str, expected_version: int
) -> ReferenceText:
    """Set the reference text kept under `key` (e.g. Bijlage 2's introduction).
    `expected_version` is the version the user opened (0 while there was none); a save over a
    newer one is refused with `EditConflict`. Records `audits.reference_text.changed` with
    old → new; a save that changes nothing stores nothing."""
    require_audit_capacity(actor, allowed=COORDINATION)
    key = ReferenceTextKey(key)
    what = _("De tekst %(name)s") % {"name": key.label}
    current = ReferenceText.objects.select_for_update().filter(key=key).first()
    version_check(current, expected_version=expected_version, what=what)
    data = {"text": _tidy(text)}
    if current is None:
        stored = ReferenceText(key=key, updated_by=actor, **data)
        stored.full_clean(validate_constraints=False)
        with created_meanwhile(what):
            stored.save()
        audit_event_record(
            event=REFERENCE_TEXT_CHANGED, actor=actor, target=stored, changes=created(data)
        )
        return stored
    changes = model_update(current, actor=actor, data=data)
    if changes:
        audit_event_record(
            event=REFERENCE_TEXT_CHANGED, actor=actor, target=current, changes=changes
        )
    return current
