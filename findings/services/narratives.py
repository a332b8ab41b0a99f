"""Writes of the UWV-wide report's front matter (DOMAIN.md §5): its date and to whom it goes,
with optimistic locking and a history row per change. The chapters and sections are written in
findings.services.report_structure."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.constants import COORDINATION
from audits.models import AuditCycle
from audits.selectors import require_audit_capacity
from findings.events import (
    REPORT_FRONT_MATTER_CHANGED,
)
from findings.models import ReportFrontMatter
from uwvkms.changes import created
from uwvkms.dates import happened_between
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import created_meanwhile, model_update, version_check


def report_date_problem(
    report_date: datetime.date | None, *, year: int, today: datetime.date
) -> str | None:
    """A report date is plausible from 1 January of the cycle's year up to today (the report
    of a 2022 cycle is not dated 2021, nor in the future). None: plausible (or empty)."""
    return happened_between(
        report_date,
        earliest=datetime.date(year, 1, 1),
        what=_("het begin van het toetsjaar %(year)s") % {"year": year},
        today=today,
    )


@transaction.atomic
def report_front_matter_save(
    *,
    actor: User,
    cycle: AuditCycle,
    report_date: datetime.date | None,
    addressees: str,
    expected_version: int,
) -> ReportFrontMatter:
    """Store the front matter of `cycle`'s UWV-wide report (DOMAIN.md §5): the report date
    (None: the day a version is published) and to whom it goes (empty: the default). `expected_version` is the version the user opened (0 while the defaults showed); a
    save over a newer one is refused with `EditConflict`, an implausible date with a
    ValidationError on `report_date`. Records `findings.report_front_matter.changed` with
    old → new."""
    require_audit_capacity(actor, allowed=COORDINATION)
    if problem := report_date_problem(report_date, year=cycle.year, today=timezone.localdate()):
        raise ValidationError({"report_date": problem})
    data = {
        "report_date": report_date,
        "addressees": " ".join(addressees.split()),
    }
    what = _("Het voorwerk van het rapport")
    current = ReportFrontMatter.objects.select_for_update().filter(cycle=cycle).first()
    version_check(current, expected_version=expected_version, what=what)
    if current is None:
        front = ReportFrontMatter(cycle=cycle, updated_by=actor, **data)
        front.full_clean(validate_constraints=False)
        with created_meanwhile(what):
            front.save()
        audit_event_record(
            event=REPORT_FRONT_MATTER_CHANGED, actor=actor, target=front, changes=created(data)
        )
        return front
    changes = model_update(current, actor=actor, data=data)
    if changes:
        audit_event_record(
            event=REPORT_FRONT_MATTER_CHANGED, actor=actor, target=current, changes=changes
        )
    return current
