"""Writes of the UWV-wide report's structure and texts (issue 18): the coordination team starts
its cycle's structure (from the previous cycle's or the default), writes each chapter and
section on its own (title, text in the report markup, the generated blocks it shows), adds,
orders and removes sections, and moves their status concept → klaar voor review → akkoord with
four eyes. Every write locks the cycle, checks the version the writer opened and records old →
new in the event log."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.constants import COORDINATION
from audits.models import AuditCycle
from audits.selectors import require_audit_capacity
from audits.services.locks import cycle_lock
from findings.constants import SectionStatus
from findings.events import (
    REPORT_SECTION_ADDED,
    REPORT_SECTION_CHANGED,
    REPORT_SECTION_MOVED,
    REPORT_SECTION_STATUS,
    REPORT_SECTION_WITHDRAWN,
    REPORT_STRUCTURE_STARTED,
)
from findings.models import ReportSection
from findings.report.uwv.blocks import BLOCKS
from findings.report.uwv.structure import Part, parts_of_plans, principle_chapter_plan
from findings.rules import section_status_refusal
from findings.selectors.report_structure import starting_structure
from uwvkms import markup
from uwvkms.changes import created
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import model_update, version_check
from uwvkms.withdrawal import withdraw

WHAT = gettext_lazy("Deze paragraaf")


@transaction.atomic
def report_structure_start(*, actor: User, cycle: AuditCycle) -> list[ReportSection]:
    """Store the structure `cycle`'s report starts from (the previous cycle's titles, blocks and
    order, else the default), so the team can write and change it. Refused when the cycle has
    one already. Records `findings.report_structure.started` naming where it came from."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = cycle_lock(cycle.pk)
    if ReportSection.objects.filter(cycle=cycle).exists():
        raise ValidationError(_("Dit rapport heeft zijn opbouw al."), code="exists")
    parts, source = starting_structure(cycle, principles=list(cycle.principles.all()))
    rows = []
    for position, part in enumerate(parts, start=1):
        chapter = _create(cycle, part, actor=actor, position=position, chapter=None)
        rows.append(chapter)
        for index, section in enumerate(part.sections, start=1):
            rows.append(_create(cycle, section, actor=actor, position=index, chapter=chapter))
    audit_event_record(
        event=REPORT_STRUCTURE_STARTED,
        actor=actor,
        target=cycle,
        changes={"bron": [None, str(source.year) if source else _("standaardopbouw")]},
    )
    return rows


@transaction.atomic
def report_principle_chapters_add(*, actor: User, cycle: AuditCycle) -> list[ReportSection]:
    """Store a default chapter for every principle assessed in `cycle` that has none yet (one
    added to the cycle after the structure was stored), after the last principle chapter (or
    before chapter 10 and the appendices). Records `findings.report_section.added` per
    chapter."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = cycle_lock(cycle.pk)
    chapters = list(ReportSection.objects.filter(cycle=cycle, chapter=None).order_by("position"))
    have = {c.principle_id for c in chapters}
    missing = [p for p in cycle.principles.order_by("order", "name") if p.pk not in have]
    missing = [p for p in missing if not p.is_basic] + [p for p in missing if p.is_basic]
    if not missing or not chapters:
        return []
    last = max((c.position for c in chapters if c.principle_id is not None), default=None)
    if last is None:
        after = next((c for c in chapters if c.anchor == "reacties" or c.is_appendix), None)
        last = (after.position - 1) if after is not None else chapters[-1].position
    for row in reversed([c for c in chapters if c.position > last]):
        row.position += len(missing)
        row.save(update_fields=["position"])
    anchors = _anchors(cycle.pk)
    added = []
    for offset, part in enumerate(parts_of_plans([principle_chapter_plan(p) for p in missing])):
        if part.anchor in anchors:
            continue
        chapter = _create(cycle, part, actor=actor, position=last + 1 + offset, chapter=None)
        for index, section in enumerate(part.sections, start=1):
            _create(cycle, section, actor=actor, position=index, chapter=chapter)
        audit_event_record(
            event=REPORT_SECTION_ADDED,
            actor=actor,
            target=chapter,
            changes=created({"title": chapter.title, "anchor": chapter.anchor}),
        )
        added.append(chapter)
    return added


def _create(cycle, part: Part, *, actor, position: int, chapter) -> ReportSection:
    row = ReportSection(
        cycle=cycle,
        chapter=chapter,
        position=position,
        is_appendix=part.is_appendix,
        principle_id=part.principle_id,
        title=part.title,
        anchor=part.anchor,
        text=part.text,
        blocks=list(part.blocks),
        not_applicable=list(part.not_applicable),
        edited_by=actor,
        updated_by=actor,
    )
    row.full_clean(validate_constraints=False)
    row.save()
    return row


def section_locked(section: ReportSection) -> ReportSection:
    """`section`, locked with its cycle for this transaction; refused when either was
    withdrawn. Material writes (findings.services.report_material) lock through it too."""
    cycle_lock(section.cycle_id)
    locked = ReportSection.with_withdrawn.select_for_update().get(pk=section.pk)
    if locked.is_withdrawn:
        raise ValidationError(
            _("Deze paragraaf is uit het rapport gehaald. %(summary)s")
            % {"summary": locked.withdrawal_summary()},
            code="withdrawn",
        )
    return locked


def _anchors(cycle_id: int) -> set[str]:
    return set(ReportSection.objects.filter(cycle_id=cycle_id).values_list("anchor", flat=True))


def _clean_blocks(section: ReportSection, keys) -> list[str]:
    principle_chapter = (section.chapter or section).principle_id is not None
    chosen = []
    for key in keys:
        kind = BLOCKS.get(key)
        if kind is None or (kind.needs_principle and not principle_chapter):
            raise ValidationError(
                {"blocks": _("Dit onderdeel kan hier niet staan: %(key)s.") % {"key": key}}
            )
        if key not in chosen:
            chosen.append(key)
    return chosen


@transaction.atomic
def report_section_save(
    *,
    actor: User,
    section: ReportSection,
    title: str,
    text: str,
    blocks: list[str],
    not_applicable: list[str],
    expected_version: int,
) -> ReportSection:
    """Store a chapter's or section's title, the team's text (sanitised, in the report markup;
    links only to this report's chapters and sections) and the generated blocks it shows, with
    those declared "niet van toepassing" (a subset of them). A change of content makes `actor`
    its last editor and lets an akkoord lapse (back to concept). Refused with EditConflict over
    a newer version, with a ValidationError on bad markup. Records
    `findings.report_section.changed` with old → new."""
    require_audit_capacity(actor, allowed=COORDINATION)
    section = section_locked(section)
    version_check(section, expected_version=expected_version, what=WHAT)
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Geef de paragraaf een titel.")})
    text = markup.clean(text)
    if problems := markup.problems(text, anchors=_anchors(section.cycle_id)):
        raise ValidationError({"text": problems})
    chosen = _clean_blocks(section, blocks)
    data = {
        "title": title,
        "text": text,
        "blocks": chosen,
        "not_applicable": [key for key in chosen if key in set(not_applicable)],
    }
    if not any(getattr(section, field) != value for field, value in data.items()):
        return section
    data["edited_by"] = actor
    if section.status == SectionStatus.AKKOORD:
        # Four eyes saw other content: the akkoord lapses.
        data |= {"status": SectionStatus.CONCEPT, "approved_by": None, "approved_at": None}
    changes = model_update(section, actor=actor, data=data)
    audit_event_record(event=REPORT_SECTION_CHANGED, actor=actor, target=section, changes=changes)
    return section


@transaction.atomic
def report_section_status_set(
    *, actor: User, section: ReportSection, status: str, expected_version: int
) -> ReportSection:
    """Move a chapter or section to `status` (`findings.rules.section_status_refusal`: akkoord
    by another than its last editor). Records `findings.report_section.status`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    section = section_locked(section)
    version_check(section, expected_version=expected_version, what=WHAT)
    status = SectionStatus(status)
    if refusal := section_status_refusal(
        current=section.status, target=status, actor_id=actor.pk, edited_by_id=section.edited_by_id
    ):
        raise ValidationError(refusal, code="refused")
    akkoord = status == SectionStatus.AKKOORD
    changes = model_update(
        section,
        actor=actor,
        data={
            "status": status,
            "approved_by": actor if akkoord else None,
            "approved_at": timezone.now() if akkoord else None,
        },
    )
    audit_event_record(event=REPORT_SECTION_STATUS, actor=actor, target=section, changes=changes)
    return section


@transaction.atomic
def report_section_add(
    *, actor: User, cycle: AuditCycle, chapter: ReportSection | None, title: str
) -> ReportSection:
    """Add a section at the end of `chapter` (None: a chapter before the appendices), with
    `title` and a link address made from it. Records `findings.report_section.added`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    cycle = cycle_lock(cycle.pk)
    if chapter is not None:
        chapter = section_locked(chapter)
        if chapter.cycle_id != cycle.pk or chapter.chapter_id is not None:
            raise ValidationError(_("Kies een hoofdstuk van dit rapport."))
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Geef de paragraaf een titel.")})
    anchors = _anchors(cycle.pk)
    # Link addresses are lower-case letters, digits and single hyphens (`uwvkms.markup`'s
    # anchors; a heading within a section gets "<address>--<n>", which no section can have).
    base = re.sub(r"-+", "-", slugify(title).replace("_", "-")).strip("-")[:70] or "paragraaf"
    anchor, n = base, 1
    while anchor in anchors:
        n += 1
        anchor = f"{base}-{n}"
    siblings = ReportSection.objects.filter(cycle=cycle, chapter=chapter)
    position = (siblings.aggregate(last=Max("position"))["last"] or 0) + 1
    if chapter is None:
        # A new chapter goes before the appendices: they move one place on.
        first_appendix = siblings.filter(is_appendix=True).order_by("position").first()
        if first_appendix is not None:
            position = first_appendix.position
            for row in siblings.filter(position__gte=position).order_by("-position"):
                row.position += 1
                row.save(update_fields=["position"])
    section = ReportSection.objects.create(
        cycle=cycle,
        chapter=chapter,
        position=position,
        title=title,
        anchor=anchor,
        edited_by=actor,
        updated_by=actor,
    )
    audit_event_record(
        event=REPORT_SECTION_ADDED,
        actor=actor,
        target=section,
        changes=created({"title": title, "anchor": anchor}),
    )
    return section


@transaction.atomic
def report_section_move(*, actor: User, section: ReportSection, up: bool) -> ReportSection:
    """Move a chapter among the chapters, or a section within its chapter, one place up or
    down (an appendix stays among the appendices). Records `findings.report_section.moved`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    section = section_locked(section)
    siblings = ReportSection.objects.filter(
        cycle_id=section.cycle_id, chapter_id=section.chapter_id, is_appendix=section.is_appendix
    )
    neighbour = (
        siblings.filter(position__lt=section.position).order_by("-position").first()
        if up
        else siblings.filter(position__gt=section.position).order_by("position").first()
    )
    if neighbour is None:
        raise ValidationError(
            _("Deze paragraaf staat al bovenaan.") if up else _("Deze paragraaf staat al onderaan.")
        )
    old = section.position
    section.position, neighbour.position = neighbour.position, old
    section.save(update_fields=["position"])
    neighbour.save(update_fields=["position"])
    audit_event_record(
        event=REPORT_SECTION_MOVED,
        actor=actor,
        target=section,
        changes={"position": [old, section.position]},
    )
    return section


@transaction.atomic
def report_section_withdraw(
    *, actor: User, section: ReportSection, reason: str, expected_version: int
) -> ReportSection:
    """Take a section (or a chapter with its sections) out of the report, with a reason; its
    text stays in the record. The chapter of an assessed principle stays: every assessed
    principle has one. Records `findings.report_section.withdrawn`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    section = section_locked(section)
    version_check(section, expected_version=expected_version, what=WHAT)
    if section.principle_id is not None:
        raise ValidationError(
            _(
                "Elk getoetst principe heeft een hoofdstuk in het rapport; haal alleen "
                "paragrafen weg."
            ),
            code="principle",
        )
    changes = withdraw(section, actor=actor, reason=reason, what=WHAT)
    for child in ReportSection.objects.select_for_update().filter(chapter=section):
        # Each section of the chapter keeps its own trace of going with it.
        audit_event_record(
            event=REPORT_SECTION_WITHDRAWN,
            actor=actor,
            target=child,
            changes=withdraw(child, actor=actor, reason=reason, what=WHAT),
            reason=reason,
        )
    audit_event_record(
        event=REPORT_SECTION_WITHDRAWN,
        actor=actor,
        target=section,
        changes=changes,
        reason=reason,
    )
    return section
