"""The material the demo's roll-up team picks for its 2023 report (issue 18), through the
services: good examples in 4.2 (two units with and two without execution processes, each with
the team's explanation), quotes from the three sources (a confirmed interview, a unit's report,
a management response) and a UWV-level recommendation resting on a rode draad. Picked from the
demo's own data, so it stays consistent with it; an excluded unit's material is never picked."""

from audits.models import AuditCycle
from findings.constants import MaterialKind
from findings.models import ReportMaterial, ReportSection
from findings.selectors.report_structure import material_candidates
from findings.services.report_material import report_material_add
from uwvkms.models import User

# Why the team shows an example, in turn (fictional, the team's words).
EXPLANATIONS = [
    "Hier is klantinformatie geen rapportage maar een vast gesprek: wat klanten zeggen, "
    "verandert de planning van dezelfde week.",
    "Dit onderdeel legt vooraf vast welk effect een verbetering moet hebben en kijkt na drie "
    "maanden of dat gelukt is.",
    "Een klein onderdeel dat laat zien dat een heldere jaarcyclus geen zware organisatie vraagt.",
    "De directie bespreekt haar eigen risico's met de teams en maakt zo sturing zichtbaar.",
]


def _passage(text: str, words: int = 14) -> str:
    """The first sentence of `text`, or its first `words` words: a faithful passage."""
    first = text.split(". ")[0].strip()
    picked = first.split()[:words]
    return " ".join(picked)


def _one_per_unit(findings):
    seen, picked = set(), []
    for finding in findings:
        if finding.unit_id not in seen:
            seen.add(finding.unit_id)
            picked.append(finding)
    return picked


def place_demo_material(*, cycle: AuditCycle, writer: User) -> None:
    """Place the 2023 material (skipped when the report has material already)."""
    if ReportMaterial.with_withdrawn.filter(section__cycle=cycle).exists():
        return
    candidates = material_candidates(cycle)
    part = {s.anchor: s for s in ReportSection.objects.filter(cycle=cycle)}
    with_execution = [f for f in candidates.good_practices if f.unit.has_execution_processes]
    without = [f for f in candidates.good_practices if not f.unit.has_execution_processes]
    examples = _one_per_unit(with_execution)[:2] + _one_per_unit(without)[:2]
    for finding, why in zip(examples, EXPLANATIONS, strict=False):
        report_material_add(
            actor=writer,
            section=part["goede-voorbeelden"],
            kind=MaterialKind.VOORBEELD,
            finding=finding,
            text=why,
        )
    if candidates.quotes:
        quote = candidates.quotes[0]
        report_material_add(
            actor=writer,
            section=part["principe-klantgerichtheid-algemeen"],
            kind=MaterialKind.CITAAT,
            quote=quote,
            text=quote.text,
        )
    quoted = {candidates.quotes[0].unit_id} if candidates.quotes else set()
    observations = [
        f for f in candidates.findings if f.kind == "observatie" and f.unit_id not in quoted
    ]
    if observations:
        report_material_add(
            actor=writer,
            section=part["principe-sturen-verantwoorden-algemeen"],
            kind=MaterialKind.CITAAT,
            finding=observations[0],
            text=_passage(observations[0].text),
        )
    if observations:
        quoted.add(observations[0].unit_id)
    responses = [r for r in candidates.responses if r.unit_report.unit_id not in quoted]
    if responses:
        response = responses[0]
        report_material_add(
            actor=writer,
            section=part["reacties"],
            kind=MaterialKind.CITAAT,
            response=response,
            text=_passage(response.overall),
        )
    report_material_add(
        actor=writer,
        section=part["principe-operationele-kwaliteit-verbetering"],
        kind=MaterialKind.AANBEVELING,
        title="Leg vooraf vast welk effect een verbetering moet hebben",
        text="Wij bevelen UWV-breed aan om bij elke verbetermaatregel vooraf de beoogde "
        "verandering en de indicator vast te leggen, en na een afgesproken periode te meten of "
        "die verandering is bereikt.",
        themes=candidates.themes[:1],
        recommendations=candidates.recommendations[:3],
    )
