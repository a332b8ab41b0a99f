"""Writes of the findings of a unit (DOMAIN.md §4): observations and good practices, quotes
from confirmed interviews, and recommendations, per assessed principle. Each write is atomic,
guarded by the item's version (optimistic locking) and recorded old → new. Findings change only
while the unit's report is a concept and the cycle is not yet published."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from audits.constants import AUDIT_TEAM, COORDINATION
from audits.models import AuditCycle, Interview, ManagementPrinciple
from audits.selectors import is_assessed, require_audit_capacity
from findings.constants import FindingKind, Priority
from findings.events import (
    FINDING_CREATED,
    FINDING_DELETED,
    FINDING_UPDATED,
    QUOTE_CREATED,
    QUOTE_DELETED,
    QUOTE_UPDATED,
    RECOMMENDATION_CREATED,
    RECOMMENDATION_DELETED,
    RECOMMENDATION_UPDATED,
)
from findings.models import Finding, Quote, Recommendation, RecommendationResponse, UnitReport
from findings.selectors.findings import interview_label, quotable_interviews
from findings.unit_report_rules import findings_lock_reason
from uwvkms.changes import changes_between
from uwvkms.comments import has_comments
from uwvkms.models import BusinessUnit, User
from uwvkms.review import Reviewable, review_reset_after_change
from uwvkms.services import audit_event_record
from uwvkms.versioning import version_check


class FindingsLocked(ValidationError):
    """The unit's report is no longer a concept (or the cycle is published): findings are fixed."""


# --- Shared guards --------------------------------------------------------------------------------


def unit_report_lock(*, actor: User, cycle: AuditCycle, unit: BusinessUnit) -> UnitReport:
    """The report of `unit` in `cycle`, locked for this transaction; created as a concept when
    missing. Every write to the report's content or status goes through this lock, so a
    finding cannot slip in while the report is being agreed."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM | COORDINATION, cycle=cycle, unit=unit)
    report = UnitReport.objects.select_for_update().filter(cycle=cycle, unit=unit).first()
    if report is None:
        try:
            with transaction.atomic():
                report = UnitReport.objects.create(cycle=cycle, unit=unit, updated_by=actor)
        except IntegrityError:  # created concurrently by someone else
            pass
        report = UnitReport.objects.select_for_update().get(cycle=cycle, unit=unit)
    return report


def _require_auditor_of(actor: User, item: models.Model) -> None:
    """PermissionDenied unless `actor` is on the audit team of the item's unit in its cycle:
    only they write findings (DOMAIN.md §4)."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=item.cycle, unit=item.unit_id)


def _lock_for_findings(*, actor: User, cycle: AuditCycle, unit: BusinessUnit) -> UnitReport:
    report = unit_report_lock(actor=actor, cycle=cycle, unit=unit)
    cycle = AuditCycle.with_withdrawn.get(pk=cycle.pk)
    reason = findings_lock_reason(
        unit=str(unit),
        report_status=report.status,
        cycle_year=cycle.year,
        cycle_status=cycle.status,
        cycle_withdrawal=cycle.withdrawal_summary() if cycle.is_withdrawn else "",
    )
    if reason:
        raise FindingsLocked(reason)
    return report


def _check_principle(*, cycle: AuditCycle, unit: BusinessUnit, principle: ManagementPrinciple):
    if not is_assessed(cycle=cycle, unit=unit, principle=principle):
        raise ValidationError(
            {
                "principle": _("%(principle)s wordt bij %(unit)s niet getoetst.")
                % {"principle": principle, "unit": unit}
            }
        )


def _check_interview(*, cycle: AuditCycle, unit: BusinessUnit, interview: Interview):
    """A quote comes only from a confirmed interview at the unit itself (DOMAIN.md §2)."""
    if not quotable_interviews(cycle=cycle, unit=unit).filter(pk=interview.pk).exists():
        raise ValidationError(
            {
                "interview": _(
                    "Een citaat komt uit een bevestigd interview bij %(unit)s in deze toetscyclus."
                )
                % {"unit": unit}
            }
        )


def _lock_item(model: type[models.Model], item: models.Model, expected_version: int):
    """The item locked for this transaction, refused when it is gone or moved past
    `expected_version` since the user opened it."""
    current = model.objects.select_for_update().filter(pk=item.pk).first()
    version_check(current, expected_version=expected_version, what=_("Dit onderdeel"))
    return current


def _values(item: models.Model, fields: tuple[str, ...]) -> dict:
    """The recorded values of `item`: principles by name, interviews by date and place."""
    values = {}
    for name in fields:
        value = getattr(item, name)
        if name == "principle":
            value = value.name
        elif name == "interview":
            value = interview_label(value)
        values[name] = value
    return values


def _create(
    *, actor: User, item: models.Model, fields: tuple[str, ...], event: str
) -> models.Model:
    _lock_for_findings(actor=actor, cycle=item.cycle, unit=item.unit)
    item.updated_by = actor
    item.full_clean()
    item.save()
    audit_event_record(
        event=event, actor=actor, target=item, changes=changes_between({}, _values(item, fields))
    )
    return item


def _update(
    *,
    actor: User,
    item: models.Model,
    expected_version: int,
    fields: tuple[str, ...],
    new_values: dict,
    event: str,
) -> models.Model:
    _lock_for_findings(actor=actor, cycle=item.cycle, unit=item.unit)
    current = _lock_item(type(item), item, expected_version)
    old = _values(current, fields)
    for name, value in new_values.items():
        setattr(current, name, value)
    changes = changes_between(old, _values(current, fields))
    if not changes:
        return current  # saved unchanged: nothing to record
    touched = current.touch(actor)
    current.full_clean()
    current.save(update_fields=[*new_values, *touched])
    audit_event_record(event=event, actor=actor, target=current, changes=changes)
    if isinstance(current, Reviewable):  # a finding or recommendation changed after review
        review_reset_after_change(current, actor=actor)
    return current


def _delete(
    *,
    actor: User,
    item: models.Model,
    expected_version: int,
    fields: tuple[str, ...],
    event: str,
    extra_changes: dict | None = None,
) -> None:
    """Delete `item`; the deletion is recorded on the unit's report, as the item is gone."""
    report = _lock_for_findings(actor=actor, cycle=item.cycle, unit=item.unit)
    current = _lock_item(type(item), item, expected_version)
    if has_comments(current):  # its thread stays, so it stays too
        raise ValidationError(
            _(
                "Dit kan niet worden verwijderd: er zijn reacties op geplaatst, en reacties "
                "blijven bewaard. Pas de tekst zo nodig aan."
            ),
            code="commented",
        )
    changes = changes_between(_values(current, fields), {}) | (extra_changes or {})
    try:
        with transaction.atomic():
            current.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _(
                "Dit kan niet worden verwijderd: er is al op voortgebouwd (bijvoorbeeld een vervolgactie)."
            )
        ) from exc
    audit_event_record(event=event, actor=actor, target=report, changes=changes)


# --- Observations and good practices -----------------------------------------------------------

_FINDING_FIELDS = ("principle", "kind", "text")


@transaction.atomic
def finding_create(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    principle: ManagementPrinciple,
    kind: FindingKind | str,
    text: str,
) -> Finding:
    """Write an observation or a good practice ("waar kunnen we van elkaar leren") about an
    assessed principle at `unit`."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)
    _check_principle(cycle=cycle, unit=unit, principle=principle)
    finding = Finding(cycle=cycle, unit=unit, principle=principle, kind=kind, text=text.strip())
    return _create(actor=actor, item=finding, fields=_FINDING_FIELDS, event=FINDING_CREATED)


@transaction.atomic
def finding_update(
    *,
    actor: User,
    finding: Finding,
    expected_version: int,
    principle: ManagementPrinciple,
    kind: FindingKind | str,
    text: str,
) -> Finding:
    """Change an observation or good practice; refused (`EditConflict`) when it changed
    since the user opened it at `expected_version`."""
    _require_auditor_of(actor, finding)
    _check_principle(cycle=finding.cycle, unit=finding.unit, principle=principle)
    return _update(
        actor=actor,
        item=finding,
        expected_version=expected_version,
        fields=_FINDING_FIELDS,
        new_values={"principle": principle, "kind": kind, "text": text.strip()},
        event=FINDING_UPDATED,
    )


@transaction.atomic
def finding_delete(*, actor: User, finding: Finding, expected_version: int) -> None:
    """Delete an observation or good practice; the deletion is recorded with its text."""
    _require_auditor_of(actor, finding)
    _delete(
        actor=actor,
        item=finding,
        expected_version=expected_version,
        fields=_FINDING_FIELDS,
        event=FINDING_DELETED,
    )


# --- Recommendations -----------------------------------------------------------------------------

_RECOMMENDATION_FIELDS = ("principle", "title", "text", "priority")


@transaction.atomic
def recommendation_create(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    principle: ManagementPrinciple,
    title: str,
    text: str,
    priority: Priority | str,
) -> Recommendation:
    """Write a recommendation ("waar is verbetering nodig") to `unit` for an assessed
    principle: a title, an explanation and a priority."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)
    _check_principle(cycle=cycle, unit=unit, principle=principle)
    recommendation = Recommendation(
        cycle=cycle,
        unit=unit,
        principle=principle,
        title=title.strip(),
        text=text.strip(),
        priority=priority,
    )
    return _create(
        actor=actor,
        item=recommendation,
        fields=_RECOMMENDATION_FIELDS,
        event=RECOMMENDATION_CREATED,
    )


@transaction.atomic
def recommendation_update(
    *,
    actor: User,
    recommendation: Recommendation,
    expected_version: int,
    principle: ManagementPrinciple,
    title: str,
    text: str,
    priority: Priority | str,
) -> Recommendation:
    """Change a recommendation (optimistic locking as `finding_update`)."""
    _require_auditor_of(actor, recommendation)
    _check_principle(cycle=recommendation.cycle, unit=recommendation.unit, principle=principle)
    return _update(
        actor=actor,
        item=recommendation,
        expected_version=expected_version,
        fields=_RECOMMENDATION_FIELDS,
        new_values={
            "principle": principle,
            "title": title.strip(),
            "text": text.strip(),
            "priority": priority,
        },
        event=RECOMMENDATION_UPDATED,
    )


@transaction.atomic
def recommendation_delete(
    *, actor: User, recommendation: Recommendation, expected_version: int
) -> None:
    """Delete a recommendation. A concept answer of the board to it goes with it (recorded);
    a recommendation the roll-up team grouped into a theme stays until it is taken out there,
    so the grouping's own record stays true."""
    _require_auditor_of(actor, recommendation)
    _lock_for_findings(actor=actor, cycle=recommendation.cycle, unit=recommendation.unit)
    # Only a current theme holds it: a withdrawn one is no longer changed, so it could never
    # let the recommendation go (its grouping stays in the theme's history).
    if recommendation.memberships.filter(theme__withdrawn_at__isnull=True).exists():
        raise ValidationError(
            _(
                "Deze aanbeveling is bij het oprollen ingedeeld in een thema. Laat het "
                "coördinatieteam haar daar eerst uit halen."
            )
        )
    extra = {}
    answer = RecommendationResponse.objects.filter(recommendation=recommendation).first()
    if answer is not None:
        extra["answer"] = [answer.recognition, None]
        answer.delete()
    _delete(
        actor=actor,
        item=recommendation,
        expected_version=expected_version,
        fields=_RECOMMENDATION_FIELDS,
        event=RECOMMENDATION_DELETED,
        extra_changes=extra,
    )


# --- Quotes ----------------------------------------------------------------------------------

_QUOTE_FIELDS = ("principle", "interview", "text")


@transaction.atomic
def quote_create(
    *,
    actor: User,
    cycle: AuditCycle,
    unit: BusinessUnit,
    principle: ManagementPrinciple,
    interview: Interview,
    text: str,
) -> Quote:
    """Take a short quote from a confirmed interview at `unit`. The report attributes it to the
    unit's report ("Uit het rapport van Uitkeren"), never to a person (DOMAIN.md §5)."""
    require_audit_capacity(actor, allowed=AUDIT_TEAM, cycle=cycle, unit=unit)
    _check_principle(cycle=cycle, unit=unit, principle=principle)
    _check_interview(cycle=cycle, unit=unit, interview=interview)
    quote = Quote(
        cycle=cycle, unit=unit, principle=principle, interview=interview, text=text.strip()
    )
    return _create(actor=actor, item=quote, fields=_QUOTE_FIELDS, event=QUOTE_CREATED)


@transaction.atomic
def quote_update(
    *,
    actor: User,
    quote: Quote,
    expected_version: int,
    principle: ManagementPrinciple,
    interview: Interview,
    text: str,
) -> Quote:
    """Change a quote (optimistic locking as `finding_update`)."""
    _require_auditor_of(actor, quote)
    _check_principle(cycle=quote.cycle, unit=quote.unit, principle=principle)
    _check_interview(cycle=quote.cycle, unit=quote.unit, interview=interview)
    return _update(
        actor=actor,
        item=quote,
        expected_version=expected_version,
        fields=_QUOTE_FIELDS,
        new_values={"principle": principle, "interview": interview, "text": text.strip()},
        event=QUOTE_UPDATED,
    )


@transaction.atomic
def quote_delete(*, actor: User, quote: Quote, expected_version: int) -> None:
    _require_auditor_of(actor, quote)
    _delete(
        actor=actor,
        item=quote,
        expected_version=expected_version,
        fields=_QUOTE_FIELDS,
        event=QUOTE_DELETED,
    )
