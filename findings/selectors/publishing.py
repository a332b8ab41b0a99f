"""Reads of published report versions (DOMAIN.md §5): who may see which version, the stored PDF
with its hash checked, and what changed between two versions' snapshots."""

import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.models import AssessedPrinciple, AuditCycle
from findings.models import (
    Finding,
    PublishState,
    Recommendation,
    ReportSection,
    ReportStatus,
    ReportVersion,
    UnitReport,
)
from findings.rules import definitive_report_gaps, units_not_agreed
from findings.selectors.rollup import excluded_unit_ids
from uwvkms.constants import Role
from uwvkms.models import User
from uwvkms.permissions import has_any_role

LABEL_PATTERN = re.compile(r"^(\d{1,3})\.(\d{1,3})$")
IN_PROGRESS = (PublishState.QUEUED, PublishState.RUNNING)

# Who reads published versions; only the coordination team also sees the ones not done yet.
VERSION_READERS = (Role.COORDINATIETEAM, Role.RVB)


class ReportIntegrityError(Exception):
    """The stored PDF no longer matches the hash recorded when it was published."""


def report_versions_for_user(*, user: User, cycle: AuditCycle | None) -> QuerySet[ReportVersion]:
    """The cycle's versions this user may see (every cycle's with `cycle` None): the
    coordination team every version with its progress, the RvB only published ones; anyone else
    is refused (403)."""
    if has_any_role(user, Role.COORDINATIETEAM):
        versions = ReportVersion.objects.all()
    elif has_any_role(user, Role.RVB):
        versions = ReportVersion.objects.filter(state=PublishState.DONE)
    else:
        raise PermissionDenied
    if cycle is not None:
        versions = versions.filter(cycle=cycle)
    return versions.select_related("cycle", "requested_by").defer("snapshot")


def units_blocking_definitive(cycle: AuditCycle) -> list[str]:
    """Names of the counted units whose unit report is not agreed yet (see
    `findings.rules.units_not_agreed`). Three queries, whatever the number of units."""
    excluded = excluded_unit_ids(cycle)
    counted = {
        unit_id: name
        for unit_id, name in AssessedPrinciple.objects.filter(cycle=cycle)
        .values_list("unit_id", "unit__name")
        .distinct()
        if unit_id not in excluded
    }
    status = {
        counted[unit_id]: status
        for unit_id, status in UnitReport.objects.filter(
            cycle=cycle, unit_id__in=counted
        ).values_list("unit_id", "status")
    }
    return units_not_agreed(counted_units=counted.values(), report_status=status)


def definitive_not_ready(cycle: AuditCycle, *, parts=None) -> str:
    """Why `cycle`'s report cannot be Definitief now, or "": a counted unit's report not
    agreed, or its content not done (`report_content_gaps`; `parts` when the report was just
    built). Asked when a Definitief version is requested, retried and rendered."""
    not_agreed = units_blocking_definitive(cycle)
    if not_agreed:
        return _(
            "Een definitieve versie kan pas als elk rapport per bedrijfsonderdeel is "
            "afgestemd. Nog niet afgestemd: %(units)s. Publiceer zolang een conceptversie."
        ) % {"units": ", ".join(not_agreed)}
    if gaps := report_content_gaps(cycle, parts=parts):
        return _("Een definitieve versie kan pas als het rapport af is. Nog open: %(gaps)s") % {
            "gaps": " ".join(gaps)
        }
    return ""


def report_content_gaps(cycle: AuditCycle, *, parts=None) -> list[str]:
    """What the report's chapters and sections still lack for a Definitief version
    (`findings.rules.definitive_report_gaps`): its structure stored, every part akkoord (four
    eyes), no chosen block empty without "niet van toepassing"."""
    from findings.report.uwv import build_uwv_report  # noqa: PLC0415 (the report reads selectors)

    if not ReportSection.objects.filter(cycle=cycle).exists():
        return [
            _(
                "de opbouw van het rapport is nog niet vastgelegd; leg die vast, schrijf de "
                "paragrafen en laat elk akkoord geven."
            )
        ]
    return definitive_report_gaps(parts if parts is not None else build_uwv_report(cycle).parts)


def label_key(label: str) -> tuple[int, int]:
    """ "1.10" sorts after "1.9": versions compare as numbers."""
    match = LABEL_PATTERN.match(label)
    if not match:
        raise ValueError(label)
    return int(match.group(1)), int(match.group(2))


def publish_refusal(*, cycle: AuditCycle, label: str, report_status: str) -> str:
    """Why `label` with `report_status` cannot be published now, or "": a Definitief version
    while a counted unit's report is not agreed, a version still being made, a label used
    before or not higher than every earlier one. The service refuses with it; the publish page
    asks for confirmation only when it is "" (a page never offers what will be refused)."""
    if report_status == ReportStatus.DEFINITIEF:
        not_agreed = units_blocking_definitive(cycle)
        if not_agreed:
            return _(
                "Een definitieve versie kan pas als elk rapport per bedrijfsonderdeel is "
                "afgestemd. Nog niet afgestemd: %(units)s. Publiceer zolang een conceptversie."
            ) % {"units": ", ".join(not_agreed)}
        if gaps := report_content_gaps(cycle):
            return _("Een definitieve versie kan pas als het rapport af is. Nog open: %(gaps)s") % {
                "gaps": " ".join(gaps)
            }
    existing = list(ReportVersion.objects.filter(cycle=cycle).values_list("label", "state"))
    if any(state in IN_PROGRESS for _label, state in existing):
        return _("Er wordt al een versie opgemaakt; wacht tot die klaar is.")
    if any(existing_label == label for existing_label, _state in existing):
        return _(
            "Versie %(label)s bestaat al. Een gepubliceerde versie verandert nooit: kies een "
            "nieuw versienummer."
        ) % {"label": label}
    highest = max((label_key(existing_label) for existing_label, _state in existing), default=None)
    if highest is not None and label_key(label) <= highest:
        return _("Een nieuwe versie moet hoger zijn dan %(highest)s.") % {
            "highest": "{}.{}".format(*highest)
        }
    return ""


def report_version_get_for_reader(*, user: User, cycle: AuditCycle, label: str) -> ReportVersion:
    """One version of the cycle for a reader (see `report_versions_for_user`); 404 when it does
    not exist or is not published and the reader is not of the coordination team."""
    try:
        return report_versions_for_user(user=user, cycle=cycle).defer(None).get(label=label)
    except ReportVersion.DoesNotExist as exc:
        raise Http404 from exc


def report_version_pdf(version: ReportVersion) -> bytes:
    """The stored PDF of a published version, exactly as published: its SHA-256 is checked
    against the recorded one, and a mismatch raises `ReportIntegrityError` (never serve altered
    bytes). A version that is not done has no PDF (404)."""
    if version.state != PublishState.DONE or not version.pdf:
        raise Http404
    storage = version.pdf.storage
    try:
        with storage.open(version.pdf.name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError as exc:
        raise ReportIntegrityError(f"{version}: stored PDF is missing") from exc
    if hashlib.sha256(data).hexdigest() != version.pdf_sha256:
        raise ReportIntegrityError(f"{version}: SHA-256 of the stored PDF does not match")
    return data


def report_version_docx(version: ReportVersion) -> bytes:
    """The stored Word file of a published version, checked as the PDF is
    (`report_version_pdf`). A version without one (published before Word export) is a 404."""
    if version.state != PublishState.DONE or not version.docx:
        raise Http404
    try:
        with version.docx.storage.open(version.docx.name, "rb") as handle:
            data = handle.read()
    except FileNotFoundError as exc:
        raise ReportIntegrityError(f"{version}: stored Word file is missing") from exc
    if hashlib.sha256(data).hexdigest() != version.docx_sha256:
        raise ReportIntegrityError(f"{version}: SHA-256 of the stored Word file does not match")
    return data


# --- Comparing two versions ----------------------------------------------------------------------

# Fields that name an item in a list of records, in order of preference: a change to a
# principle's mean is shown under the principle's name, not under "item 3".
IDENTIFYING_KEYS = (
    "anchor",
    "code",
    "key",
    "slug",
    "principle",
    "unit",
    "title",
    "name",
    "label",
    "year",
)


@dataclass(frozen=True)
class Change:
    """One difference between two snapshots: a value changed, or was added or removed."""

    path: str
    kind: str  # "changed" | "added" | "removed"
    old: object = None
    new: object = None

    @property
    def is_text(self) -> bool:
        return any(isinstance(v, str) and len(v) > 80 for v in (self.old, self.new))


@dataclass(frozen=True)
class SectionChanges:
    """The changes within one top-level part of the snapshot (e.g. the principles)."""

    section: str
    changes: list[Change] = field(default_factory=list)


def snapshot_compare(old: dict, new: dict) -> list[SectionChanges]:
    """What changed from snapshot `old` to snapshot `new`, grouped by top-level part. Lists of
    records are matched on an identifying field (a principle's code, a finding's title), so a
    reordered list is not a change; lists of plain values compare as sets (added/removed)."""
    flat_old, flat_new = _flatten(old), _flatten(new)
    sections: dict[str, list[Change]] = {}
    for path in sorted(flat_old.keys() | flat_new.keys(), key=_path_sort_key):
        before, after = flat_old.get(path, _MISSING), flat_new.get(path, _MISSING)
        if before == after:
            continue
        section, rest = path[0], " › ".join(str(p) for p in path[1:])
        if isinstance(before, frozenset) or isinstance(after, frozenset):
            before = before if isinstance(before, frozenset) else frozenset()
            after = after if isinstance(after, frozenset) else frozenset()
            changes = [Change(rest, "removed", old=v) for v in sorted(before - after, key=str)]
            changes += [Change(rest, "added", new=v) for v in sorted(after - before, key=str)]
        elif before is _MISSING:
            changes = [Change(rest, "added", new=after)]
        elif after is _MISSING:
            changes = [Change(rest, "removed", old=before)]
        else:
            changes = [Change(rest, "changed", old=before, new=after)]
        sections.setdefault(section, []).extend(changes)
    return [SectionChanges(section=name, changes=changes) for name, changes in sections.items()]


_MISSING = object()


def _path_sort_key(path: tuple) -> tuple:
    return tuple(str(p) for p in path)


def _flatten(value, path: tuple = ()) -> dict[tuple, object]:
    if isinstance(value, dict):
        flat: dict[tuple, object] = {}
        for key, item in value.items():
            flat.update(_flatten(item, (*path, str(key))))
        if not value and path:
            flat[path] = "{}"
        return flat
    if isinstance(value, list | tuple):
        if all(not isinstance(item, dict | list | tuple) for item in value):
            return {path or ("",): frozenset(value)}
        flat = {}
        for index, item in enumerate(value):
            flat.update(_flatten(item, (*path, _item_name(value, index, item))))
        return flat
    return {path or ("",): value}


def _item_name(items: list, index: int, item) -> str:
    if isinstance(item, dict):
        for key in IDENTIFYING_KEYS:
            name = item.get(key)
            if isinstance(name, str | int) and not isinstance(name, bool):
                same = sum(
                    1 for other in items if isinstance(other, dict) and other.get(key) == name
                )
                if same == 1:
                    return str(name)
    return f"#{index + 1}"


def phase_facts(cycle: AuditCycle, counted: dict[int, str]) -> dict:
    """Publishing's fact for the readiness of the cycle's next phase
    (`audits.selectors.readiness`): whether a Definitief version is published. One query."""
    return {
        "definitief_published": ReportVersion.objects.filter(
            cycle=cycle, state=PublishState.DONE, report_status=ReportStatus.DEFINITIEF
        ).exists()
    }


def recorded_work(cycle: AuditCycle, principle_ids) -> list[str]:
    """Findings' recorded work in `cycle` (on `principle_ids` only, when given), for
    `audits.selectors.recorded_work`: observations and good practices, recommendations, and
    (for the whole cycle) published report versions. A few count queries."""
    per_principle = {} if principle_ids is None else {"principle_id__in": principle_ids}
    work = []
    findings = Finding.objects.filter(cycle=cycle, **per_principle).count()
    if findings:
        work.append(ngettext("%(n)s bevinding", "%(n)s bevindingen", findings) % {"n": findings})
    recommendations = Recommendation.objects.filter(cycle=cycle, **per_principle).count()
    if recommendations:
        work.append(
            ngettext("%(n)s aanbeveling", "%(n)s aanbevelingen", recommendations)
            % {"n": recommendations}
        )
    if principle_ids is None:
        versions = ReportVersion.objects.filter(cycle=cycle).count()
        if versions:
            work.append(
                ngettext("%(n)s rapportversie", "%(n)s rapportversies", versions) % {"n": versions}
            )
    return work
