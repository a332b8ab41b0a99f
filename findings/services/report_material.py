"""Writes of the material the coordination team places in a section of the UWV-wide report
(issue 18): good examples picked from the counted units' good practices with the team's
explanation, quotes picked from confirmed interviews, the units' reports and their management
responses (faithful to the source, attributed to the unit's report), and UWV-level observations
and recommendations with what they rest on. A change of material is a change of the section's
content: its writer becomes the last editor and an akkoord lapses (four eyes saw other
content). An excluded unit's material is refused: it appears nowhere in the report."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audits.constants import COORDINATION, InterviewStatus
from audits.selectors import require_audit_capacity
from findings.constants import FindingKind, MaterialKind, SectionStatus
from findings.events import (
    REPORT_MATERIAL_ADDED,
    REPORT_MATERIAL_CHANGED,
    REPORT_MATERIAL_WITHDRAWN,
)
from findings.models import (
    Finding,
    ManagementResponse,
    Quote,
    Recommendation,
    ReportMaterial,
    ReportSection,
    Theme,
)
from findings.rules import quote_passage_problem
from findings.selectors.rollup import excluded_unit_ids
from findings.services.report_structure import section_locked
from uwvkms import markup
from uwvkms.changes import created
from uwvkms.models import User
from uwvkms.services import audit_event_record
from uwvkms.versioning import model_update, version_check
from uwvkms.withdrawal import withdraw

WHAT = gettext_lazy("Dit materiaal")


def _section_content_changed(section: ReportSection, actor: User) -> None:
    """The section's content changed through its material: `actor` is its last editor, an
    akkoord lapses; the section's version moves on."""
    data = {"edited_by": actor}
    if section.status == SectionStatus.AKKOORD:
        data |= {"status": SectionStatus.CONCEPT, "approved_by": None, "approved_at": None}
    if section.edited_by_id != actor.pk or len(data) > 1:
        model_update(section, actor=actor, data=data)


def _source_of(*, cycle_id: int, kind: str, finding, quote, response):
    """The unit and the source text of a picked example or quote, checked to belong to the
    cycle and to be what the kind needs."""
    if kind == MaterialKind.VOORBEELD and (
        finding is None or finding.kind != FindingKind.GOEDE_PRAKTIJK
    ):
        raise ValidationError({"finding": _("Kies een goede praktijk van een onderdeel.")})
    sources = [s for s in (finding, quote, response) if s is not None]
    if len(sources) != 1:
        raise ValidationError(_("Kies één bron."))
    source = sources[0]
    if isinstance(source, ManagementResponse):
        report = source.unit_report
        if report.cycle_id != cycle_id or source.submitted_at is None:
            raise ValidationError({"response": _("Kies een ingediende reactie van deze toets.")})
        return report.unit_id, source.overall
    if source.cycle_id != cycle_id:
        raise ValidationError(_("Deze bron hoort niet bij deze toets."))
    if isinstance(source, Quote) and source.interview.status != InterviewStatus.BEVESTIGD:
        raise ValidationError({"quote": _("Alleen een bevestigd interview is een bron.")})
    return source.unit_id, source.text


@transaction.atomic
def report_material_add(
    *,
    actor: User,
    section: ReportSection,
    kind: str,
    text: str,
    title: str = "",
    finding: Finding | None = None,
    quote: Quote | None = None,
    response: ManagementResponse | None = None,
    themes: Iterable[Theme] = (),
    recommendations: Iterable[Recommendation] = (),
) -> ReportMaterial:
    """Place material of `kind` at the end of `section`. A good example needs a counted unit's
    good practice and the team's explanation (`text`); a quote one source and the passage
    (`text`) as the source says it; a UWV-level observation or recommendation a title and text,
    optionally with the rode draden and unit recommendations it rests on. Records
    `findings.report_material.added`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    section = section_locked(section)
    kind = MaterialKind(kind)
    text = markup.clean(text)
    title = " ".join(markup.clean(title).split())
    unit_id = None
    source_text = ""
    if kind in (MaterialKind.VOORBEELD, MaterialKind.CITAAT):
        unit_id, source_text = _source_of(
            cycle_id=section.cycle_id, kind=kind, finding=finding, quote=quote, response=response
        )
        if unit_id in excluded_unit_ids(section.cycle):
            raise ValidationError(
                _(
                    "Dit onderdeel is niet meegeteld in deze toets; zijn materiaal staat niet in "
                    "het UWV-brede rapport."
                )
            )
        if kind == MaterialKind.CITAAT and (problem := quote_passage_problem(text, source_text)):
            raise ValidationError({"text": problem})
        if kind == MaterialKind.VOORBEELD and not text:
            raise ValidationError({"text": _("Leg uit waarom dit een goed voorbeeld is.")})
        title = ""
    else:
        finding = quote = response = None
        if not title:
            raise ValidationError({"title": _("Geef een titel.")})
        if not text:
            raise ValidationError({"text": _("Schrijf de tekst.")})
    themes, recommendations = _basis(section, themes, recommendations)
    position = (section.materials.aggregate(last=Max("position"))["last"] or 0) + 1
    material = ReportMaterial(
        section=section,
        position=position,
        kind=kind,
        unit_id=unit_id,
        finding=finding,
        quote=quote,
        response=response,
        source_text=source_text,
        title=title,
        text=text,
        updated_by=actor,
    )
    material.full_clean()
    material.save()
    material.themes.set(themes)
    material.recommendations.set(recommendations)
    _section_content_changed(section, actor)
    audit_event_record(
        event=REPORT_MATERIAL_ADDED,
        actor=actor,
        target=material,
        changes=created({"kind": kind.label, "title": title, "text": text}),
    )
    return material


def _basis(section, themes, recommendations):
    """The rode draden and unit recommendations a UWV-level text rests on: of this cycle."""
    themes, recommendations = list(themes), list(recommendations)
    if any(t.cycle_id != section.cycle_id for t in themes) or any(
        r.cycle_id != section.cycle_id for r in recommendations
    ):
        raise ValidationError(_("Kies rode draden en aanbevelingen van deze toets."))
    return themes, recommendations


@transaction.atomic
def report_material_update(
    *,
    actor: User,
    material: ReportMaterial,
    title: str,
    text: str,
    themes: Iterable[Theme] = (),
    recommendations: Iterable[Recommendation] = (),
    expected_version: int,
) -> ReportMaterial:
    """Change the team's words of placed material (an example's explanation, a quote's
    passage, a UWV-level text and what it rests on), with the same checks as when it was added.
    Records `findings.report_material.changed` with old → new."""
    require_audit_capacity(actor, allowed=COORDINATION)
    # The cycle first, then the material: the order every write of the report locks in.
    section = section_locked(material.section)
    material = _locked(material)
    version_check(material, expected_version=expected_version, what=WHAT)
    text = markup.clean(text)
    data = {"text": text}
    if material.kind == MaterialKind.CITAAT:
        _unit, source_text = _source_of(
            cycle_id=section.cycle_id,
            kind=material.kind,
            finding=material.finding,
            quote=material.quote,
            response=material.response,
        )
        if problem := quote_passage_problem(text, source_text):
            raise ValidationError({"text": problem})
    elif material.kind in (MaterialKind.OBSERVATIE, MaterialKind.AANBEVELING):
        data["title"] = " ".join(markup.clean(title).split())
        if not data["title"]:
            raise ValidationError({"title": _("Geef een titel.")})
    if not text:
        raise ValidationError({"text": _("Schrijf de tekst.")})
    themes, recommendations = _basis(section, themes, recommendations)
    changes = model_update(material, actor=actor, data=data)
    before = (
        sorted(t.pk for t in material.themes.all()),
        sorted(r.pk for r in material.recommendations.all()),
    )
    after = (sorted(t.pk for t in themes), sorted(r.pk for r in recommendations))
    if material.kind in (MaterialKind.OBSERVATIE, MaterialKind.AANBEVELING) and before != after:
        material.themes.set(themes)
        material.recommendations.set(recommendations)
        changes |= {
            "rode draden": [before[0], after[0]],
            "aanbevelingen": [before[1], after[1]],
        }
    if changes:
        _section_content_changed(section, actor)
        audit_event_record(
            event=REPORT_MATERIAL_CHANGED, actor=actor, target=material, changes=changes
        )
    return material


def _locked(material: ReportMaterial) -> ReportMaterial:
    locked = ReportMaterial.with_withdrawn.select_for_update().get(pk=material.pk)
    if locked.is_withdrawn:
        raise ValidationError(
            _("Dit materiaal is al uit het rapport gehaald. %(summary)s")
            % {"summary": locked.withdrawal_summary()}
        )
    return locked


@transaction.atomic
def report_material_withdraw(
    *, actor: User, material: ReportMaterial, reason: str, expected_version: int
) -> ReportMaterial:
    """Take material out of its section with a reason; it stays in the record. Records
    `findings.report_material.withdrawn`."""
    require_audit_capacity(actor, allowed=COORDINATION)
    section = section_locked(material.section)
    material = _locked(material)
    version_check(material, expected_version=expected_version, what=WHAT)
    changes = withdraw(material, actor=actor, reason=reason, what=WHAT)
    _section_content_changed(section, actor)
    audit_event_record(
        event=REPORT_MATERIAL_WITHDRAWN,
        actor=actor,
        target=material,
        changes=changes,
        reason=reason,
    )
    return material
