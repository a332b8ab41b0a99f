"""Reads of the assessment framework (toetskader) per principle and cycle (DOMAIN.md §3), with
the access checks its views rely on.

A cycle's framework for a principle exists once the coordination team first edits it. Until then
the framework shown is the one it would start from: the latest earlier cycle's framework for that
principle, else the generic meanings of the five levels. Reading never writes.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from audits.constants import BEFORE_PUBLICATION
from audits.models import AuditCycle, ManagementPrinciple
from audits.selectors import cycle_get, cycle_get_for_coordinator, cycles_for_user
from maturity.constants import MaturityLevel
from maturity.models import Framework
from maturity.selectors.levels import LevelMeanings, level_meanings
from uwvkms.history import ChangeFormat, HistoryEntry
from uwvkms.models import User
from uwvkms.selectors import history_for

# What a framework started from when no earlier cycle had one (see `framework_get_or_start`).
GENERIC_START = "generic"

# The framework's text fields, in the order the pages show them.
TEXT_FIELDS = (
    "definition",
    "hard_controls",
    "soft_controls",
    "research_questions",
    "level_1",
    "level_2",
    "level_3",
    "level_4",
    "level_5",
)


def framework_cycle_get_for_reader(*, user: User, year: int) -> AuditCycle:
    """The cycle of `year` for reading its framework: whoever may see the cycle (coordination
    team, RvB, admins, the auditors assigned in it); 403 for anyone else, 404 without a cycle."""
    cycle = cycle_get(year=year)
    if not cycles_for_user(user).filter(pk=cycle.pk).exists():
        raise PermissionDenied
    return cycle


def framework_cycle_get_for_editing(*, user: User, year: int) -> AuditCycle:
    """The cycle of `year` for editing its framework: the coordination team only (403)."""
    return cycle_get_for_coordinator(user=user, year=year)


def cycle_principle_get(*, cycle: AuditCycle, code: str) -> ManagementPrinciple:
    """A principle in the scope of `cycle` (Basic Kwaliteitsmanagement included when the cycle
    assesses it); 404 for any other."""
    principle = cycle.principles.filter(code=code).first()
    if principle is None:
        raise Http404
    return principle


def framework_editable(cycle: AuditCycle) -> bool:
    """The framework may change until the report is published: what its readers read is fixed."""
    return cycle.status in BEFORE_PUBLICATION


@dataclass(frozen=True)
class FrameworkEntry:
    """A principle's framework in a cycle as the pages show it. `framework` is unsaved
    (`version` 0) while the cycle has none yet; `based_on` is then the earlier cycle whose text it
    starts from, or None for the generic level meanings."""

    framework: Framework
    based_on: AuditCycle | None = None

    @property
    def principle(self) -> ManagementPrinciple:
        return self.framework.principle

    @property
    def stored(self) -> bool:
        return self.framework.pk is not None


def _start(
    *,
    cycle: AuditCycle,
    principle: ManagementPrinciple,
    earlier: Framework | None,
    meanings: LevelMeanings | None = None,
) -> FrameworkEntry:
    if earlier is None:
        meanings = meanings if meanings is not None else level_meanings()
        texts = {f"level_{level.value}": meanings[level].meaning for level in MaturityLevel}
    else:
        texts = {field: getattr(earlier, field) for field in TEXT_FIELDS}
    framework = Framework(cycle=cycle, principle=principle, version=0, **texts)
    return FrameworkEntry(framework=framework, based_on=earlier.cycle if earlier else None)


def framework_start(*, cycle: AuditCycle, principle: ManagementPrinciple) -> FrameworkEntry:
    """The unsaved framework a cycle's framework for `principle` starts from: the latest
    earlier cycle's, else the generic level meanings (see the module docstring)."""
    earlier = (
        Framework.objects.select_related("cycle")
        .filter(principle=principle, cycle__year__lt=cycle.year, cycle__withdrawn_at__isnull=True)
        .order_by("-cycle__year")
        .first()
    )
    return _start(cycle=cycle, principle=principle, earlier=earlier)


def framework_entry(*, cycle: AuditCycle, principle: ManagementPrinciple) -> FrameworkEntry:
    """The framework of `principle` in `cycle`: the stored one, or the unsaved one it would
    start from. Never writes."""
    framework = (
        Framework.objects.select_related("updated_by")
        .filter(cycle=cycle, principle=principle)
        .first()
    )
    if framework is None:
        return framework_start(cycle=cycle, principle=principle)
    return FrameworkEntry(framework=framework)


def framework_for(*, cycle: AuditCycle, principle: ManagementPrinciple) -> Framework:
    """The framework of `principle` in `cycle`, stored or as it would start (`version` 0)."""
    return framework_entry(cycle=cycle, principle=principle).framework


def frameworks_of_cycle(
    cycle: AuditCycle,
    *,
    principles: list[ManagementPrinciple] | None = None,
    meanings: LevelMeanings | None = None,
) -> list[FrameworkEntry]:
    """The framework of every principle in `cycle`'s scope, in the principles' order, stored or
    as it would start. Three queries, whatever the number of principles and cycles; two when
    the caller passes the cycle's `principles` (in their order) it has read already; one more
    for the generic level meanings when a framework starts from them and the caller did not
    pass `meanings`."""
    principles = list(cycle.principles.all()) if principles is None else principles
    stored = {
        f.principle_id: f
        for f in Framework.objects.filter(cycle=cycle).select_related("updated_by")
    }
    missing = [p.id for p in principles if p.id not in stored]
    earlier: dict[int, Framework] = {}
    if missing:
        for f in (
            Framework.objects.filter(
                principle_id__in=missing,
                cycle__year__lt=cycle.year,
                cycle__withdrawn_at__isnull=True,
            )
            .select_related("cycle")
            .order_by("principle_id", "-cycle__year")
        ):
            earlier.setdefault(f.principle_id, f)
    entries = []
    for p in principles:
        if p.id in stored:
            stored[p.id].principle = p
            entries.append(FrameworkEntry(framework=stored[p.id]))
        else:
            if p.id not in earlier and meanings is None:
                meanings = level_meanings()
            entries.append(
                _start(cycle=cycle, principle=p, earlier=earlier.get(p.id), meanings=meanings)
            )
    return entries


@dataclass(frozen=True)
class LevelDescriptor:
    """A maturity level with what it looks like for one principle this cycle."""

    level: MaturityLevel
    text: str
    generic: bool  # the framework leaves it empty: the generic meaning is shown


def level_descriptors(
    framework: Framework, *, meanings: LevelMeanings | None = None
) -> list[LevelDescriptor]:
    """The five levels with the framework's descriptors, the generic meaning (`meanings`, read
    here only when a descriptor is empty and the caller passed none) where the framework's
    descriptor is empty."""
    texts = [text.strip() for text in framework.descriptors()]
    if meanings is None and not all(texts):
        meanings = level_meanings()
    return [
        LevelDescriptor(level=level, text=text, generic=False)
        if text
        else LevelDescriptor(level=level, text=meanings[level].meaning, generic=True)
        for level, text in zip(MaturityLevel, texts, strict=True)
    ]


def _framework_field(key: str) -> str | None:
    return _("gebaseerd op") if key == "based_on" else None


def _framework_value(key: str, value) -> str | None:
    if key != "based_on" or value in (None, ""):
        return None
    if value == GENERIC_START:
        return _("de algemene niveaubeschrijvingen")
    return _("het toetskader van %(year)s") % {"year": value}


FRAMEWORK_CHANGES = ChangeFormat(
    model=Framework, field_label=_framework_field, display=_framework_value
)


def framework_history(framework: Framework) -> list[HistoryEntry]:
    """The recorded changes of a stored framework, newest first, as readable text; none for an
    unsaved one. One query."""
    return history_for(framework, fmt=FRAMEWORK_CHANGES)
