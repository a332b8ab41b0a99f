"""Writes of the five maturity levels' names and meanings (DOMAIN.md §3), kept by the
coordination team with optimistic locking and a history row old → new."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits.constants import COORDINATION
from audits.selectors import require_audit_capacity
from maturity.events import LEVEL_MEANING_CHANGED
from maturity.models import LevelMeaning
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import model_update


@transaction.atomic
def level_meaning_update(
    *, actor: User, level_meaning: LevelMeaning, name: str, meaning: str, expected_version: int
) -> LevelMeaning:
    """Set what a maturity level is called and what it means in general (Bijlage 1 of the
    UWV-wide report, the calibration page, a framework's empty descriptors). Neither may be
    empty. `expected_version` is the version the user opened; a save over a newer one is
    refused with `EditConflict` and nothing changes. Records `maturity.level_meaning.changed`
    with old → new; a save that changes nothing stores nothing."""
    require_audit_capacity(actor, allowed=COORDINATION)
    level_meaning = LevelMeaning.objects.select_for_update().get(pk=level_meaning.pk)
    data = {"name": " ".join(name.split()), "meaning": meaning.strip()}
    errors = {
        field: _("Vul dit in: een niveau zonder naam of betekenis zegt de lezer niets.")
        for field, value in data.items()
        if not value
    }
    if errors:
        raise ValidationError(errors)
    changes = model_update(
        level_meaning,
        actor=actor,
        data=data,
        expected_version=expected_version,
        what=_("De betekenis van niveau %(level)s") % {"level": level_meaning.level},
    )
    if changes:
        audit_event_record(
            event=LEVEL_MEANING_CHANGED, actor=actor, target=level_meaning, changes=changes
        )
    return level_meaning
