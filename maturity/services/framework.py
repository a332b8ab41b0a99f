"""Writes of the assessment framework (toetskader, DOMAIN.md §3): atomic, guarded by the
framework's version, every change recorded old → new per field."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audits.constants import COORDINATION
from audits.models import AuditCycle, ManagementPrinciple
from audits.selectors import require_audit_capacity
from audits.services.locks import cycle_lock
from maturity.events import FRAMEWORK_CHANGED, FRAMEWORK_STARTED
from maturity.models import Framework
from maturity.selectors.framework import (
    GENERIC_START,
    TEXT_FIELDS,
    framework_editable,
    framework_start,
)
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import model_update, version_check


@dataclass(frozen=True)
class FrameworkSaved:
    framework: Framework
    created: bool  # the cycle had no framework for the principle yet
    changed: list[str]  # the fields whose text changed


def _lock_editable_cycle(cycle: AuditCycle, principle: ManagementPrinciple) -> AuditCycle:
    """Lock `cycle` and refuse unless its framework may change: `principle` in its scope and
    the report not yet published."""
    cycle = cycle_lock(cycle.pk)
    if not framework_editable(cycle):
        raise ValidationError(
            _(
                "Het toetskader kan niet meer worden gewijzigd: toetscyclus %(year)s is "
                "gepubliceerd en het rapport ligt vast."
            )
            % {"year": cycle.year}
        )
    if not cycle.principles.filter(pk=principle.pk).exists():
        raise ValidationError(
            _("%(principle)s valt niet in de scope van toetscyclus %(year)s.")
            % {"principle": principle, "year": cycle.year}
        )
    return cycle


@transaction.atomic
def framework_get_or_start(
    *, actor: User, cycle: AuditCycle, principle: ManagementPrinciple
) -> Framework:
    """The framework of `principle` in `cycle`, created when missing from the latest earlier
    cycle's framework for the principle, else from the generic level meanings. Creating it
    records which text it started from. Only until the cycle is published."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _lock_editable_cycle(cycle, principle)
    framework = Framework.objects.filter(cycle=cycle, principle=principle).first()
    if framework is not None:
        return framework
    entry = framework_start(cycle=cycle, principle=principle)
    framework = entry.framework
    framework.version = 1
    framework.updated_by = actor
    framework.full_clean()
    framework.save()
    audit_event_record(
        event=FRAMEWORK_STARTED,
        actor=actor,
        target=framework,
        changes={
            "based_on": [None, entry.based_on.year if entry.based_on else GENERIC_START],
            **{
                field: [None, getattr(framework, field)]
                for field in TEXT_FIELDS
                if getattr(framework, field)
            },
        },
    )
    return framework


@transaction.atomic
def framework_update(
    *,
    actor: User,
    cycle: AuditCycle,
    principle: ManagementPrinciple,
    expected_version: int,
    definition: str,
    hard_controls: str,
    soft_controls: str,
    research_questions: str,
    level_1: str,
    level_2: str,
    level_3: str,
    level_4: str,
    level_5: str,
) -> FrameworkSaved:
    """Set the framework of `principle` in `cycle`: definition, hard and soft controls,
    research questions and the five level descriptors. The first edit creates the cycle's
    framework (see `framework_get_or_start`), so earlier cycles keep theirs.

    `expected_version` is the version the user saw (0 while the cycle had none); when the
    framework moved on since, the save is refused with `EditConflict` and nothing changes.
    Every change is recorded old → new per field; an unchanged save stores nothing more.
    Only until the cycle is published."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = _lock_editable_cycle(cycle, principle)
    framework = Framework.objects.select_for_update().filter(cycle=cycle, principle=principle)
    framework = framework.first()
    version_check(framework, expected_version=expected_version, what=_("Dit toetskader"))
    created = framework is None
    if created:
        framework = framework_get_or_start(actor=actor, cycle=cycle, principle=principle)

    texts = {
        "definition": definition,
        "hard_controls": hard_controls,
        "soft_controls": soft_controls,
        "research_questions": research_questions,
        "level_1": level_1,
        "level_2": level_2,
        "level_3": level_3,
        "level_4": level_4,
        "level_5": level_5,
    }
    changes = model_update(
        framework, actor=actor, data={field: text.strip() for field, text in texts.items()}
    )
    if changes:
        audit_event_record(event=FRAMEWORK_CHANGED, actor=actor, target=framework, changes=changes)
    return FrameworkSaved(framework=framework, created=created, changed=list(changes))


def frameworks_copy(*, actor: User, previous: AuditCycle, cycle: AuditCycle) -> dict:
    """Copy the framework texts of `previous` to `cycle`, a new cycle based on it (registered
    with `audits.services.cycle_setup.register_cycle_copier`, so a cycle "op basis van 2024"
    starts from 2024's toetskader; still editable). Only principles in the new cycle's scope;
    each copy records where it started from. Returns the change for the opening event."""
    require_audit_capacity(actor, allowed=COORDINATION)
    copies = Framework.objects.bulk_create(
        Framework(
            cycle=cycle,
            principle_id=earlier.principle_id,
            version=1,
            updated_by=actor,
            **{field: getattr(earlier, field) for field in TEXT_FIELDS},
        )
        for earlier in Framework.objects.filter(
            cycle=previous, principle__in=cycle.principles.all()
        ).order_by("principle__order")
    )
    for framework in copies:
        audit_event_record(
            event=FRAMEWORK_STARTED,
            actor=actor,
            target=framework,
            changes={
                "based_on": [None, previous.year],
                **{
                    field: [None, getattr(framework, field)]
                    for field in TEXT_FIELDS
                    if getattr(framework, field)
                },
            },
        )
    return {"frameworks": [None, len(copies)]}
