"""The structure of the UWV-wide report (issue 18): its chapters and sections in order, each with
a title, a stable link address and the generated blocks it shows by default.

A cycle's report starts from the previous cycle's structure, or else from the default here: the
chapters and sections of the 2023 report (titles only, never its prose), with the sections of
each principle chapter that the 2023 report wrote for that principle. The team then adds,
removes, renames and orders sections and chapters (`findings.services.report_structure`); this
module only describes plans, it reads and writes nothing."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_


@dataclass(frozen=True)
class SectionPlan:
    title: str
    anchor: str
    blocks: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChapterPlan:
    title: str
    anchor: str
    blocks: tuple[str, ...] = ()
    sections: tuple[SectionPlan, ...] = ()
    principle_id: int | None = None
    is_appendix: bool = False
    # Where it goes: before the principle chapters, or after them.
    after_principles: bool = False


def front_chapters() -> list[ChapterPlan]:
    """Chapters 1–5 of the default structure (introduction to hoofdbevindingen)."""
    return [
        ChapterPlan(
            _("Inleiding en aanleiding"),
            "inleiding",
            sections=(
                SectionPlan(_("Leeswijzer"), "leeswijzer", ("leeswijzer",)),
                SectionPlan(_("Woord van dank"), "dankwoord"),
            ),
        ),
        ChapterPlan(
            _("Managementsamenvatting"),
            "samenvatting",
            sections=(
                SectionPlan(_("Wat gaat er goed?"), "wat-gaat-goed"),
                SectionPlan(
                    _("Hoofdbevindingen"), "samenvatting-hoofdbevindingen", ("hoofdbevindingen",)
                ),
            ),
        ),
        ChapterPlan(
            _("Scope en methodiek"),
            "methodiek",
            sections=(
                SectionPlan(_("Scope"), "scope", ("scope",)),
                SectionPlan(_("Waarderend onderzoek"), "waarderend-onderzoek"),
                SectionPlan(_("Documentatieonderzoek en interviews"), "bronnen", ("bronnen",)),
                SectionPlan(_("Volwassenheidsmodel en kalibratie"), "kalibratie", ("kalibratie",)),
                SectionPlan(
                    _("Afstemming per bedrijfsonderdeel en rode draden"),
                    "afstemming",
                    ("afstemming", "rode_draden"),
                ),
                SectionPlan(_("Disclaimer"), "disclaimer"),
            ),
        ),
        ChapterPlan(
            _("Volwassenheid kwaliteitsmanagementsysteem van UWV"),
            "volwassenheid",
            sections=(
                SectionPlan(_("Totaal UWV"), "totaal-uwv", ("grafiek", "cijfers")),
                SectionPlan(_("Volwassenheid: goede voorbeelden"), "goede-voorbeelden"),
                SectionPlan(_("Volwassenheid: aandachtsgebieden"), "aandachtsgebieden"),
            ),
        ),
        ChapterPlan(
            _("Hoofdbevindingen UWV"), "hoofdbevindingen", blocks=("hoofdbevindingen_uitgewerkt",)
        ),
    ]


# Per principle (by code) the sections the 2023 report wrote between "Algemeen" and the two
# closing sections; a principle not named here gets the instruments section only.
_LEARN = "leren"
_IMPROVE = "verbetering"
PRINCIPLE_SECTIONS = {
    "sturen-verantwoorden": (
        (N_("Plannen en doelstellingen"), "plannen"),
        (N_("Rapportages en KPI-set"), "rapportages"),
        (N_("Effectmetingen verbetermaatregelen"), "effectmetingen"),
        (N_("Onderlinge samenwerking"), "samenwerking"),
    ),
    "operationele-kwaliteit": (
        (N_("Waargenomen kwaliteitsinstrumenten"), "instrumenten"),
        (N_("PDCA rondmaken"), "pdca"),
        (N_("Kwaliteitsnormen en -doelstellingen"), "normen"),
    ),
}
BASIC_SECTIONS = (
    (N_("Gebruik van standaard documenten"), "standaard-documenten"),
    (N_("De definitie en scope van kwaliteit"), "definitie-kwaliteit"),
    (N_("Goed voorbeeld"), "goed-voorbeeld"),
)


def principle_chapter_plan(principle) -> ChapterPlan:
    """The default chapter of one principle (or of Basic Kwaliteitsmanagement)."""
    prefix = f"principe-{principle.code}"
    if principle.is_basic:
        sections = tuple(
            SectionPlan(_(title), f"{prefix}-{anchor}") for title, anchor in BASIC_SECTIONS
        )
        return ChapterPlan(
            principle.name, prefix, ("principe_cijfers",), sections, principle_id=principle.id
        )
    middle = PRINCIPLE_SECTIONS.get(
        principle.code, ((N_("Waargenomen kwaliteitsinstrumenten"), "instrumenten"),)
    )
    sections = (
        SectionPlan(_("Algemeen"), f"{prefix}-algemeen", ("principe_cijfers",)),
        *(SectionPlan(_(title), f"{prefix}-{anchor}") for title, anchor in middle),
        SectionPlan(_("Waar kunnen we van elkaar leren?"), f"{prefix}-{_LEARN}"),
        SectionPlan(
            _("Waar is verbetering nodig binnen de bedrijfsonderdelen?"), f"{prefix}-{_IMPROVE}"
        ),
    )
    return ChapterPlan(principle.name, prefix, (), sections, principle_id=principle.id)


def closing_chapters(*, chapter_10_title: str) -> list[ChapterPlan]:
    """Chapter 10 (the management responses and the team's view) and the two appendices."""
    return [
        ChapterPlan(chapter_10_title, "reacties", ("herkenning",), after_principles=True),
        ChapterPlan(
            _("UWV Volwassenheidsmodel"),
            "bijlage-1",
            ("niveaus",),
            is_appendix=True,
            after_principles=True,
        ),
        ChapterPlan(
            _("UWV Managementprincipes"),
            "bijlage-2",
            ("principes",),
            is_appendix=True,
            after_principles=True,
        ),
    ]


def default_structure(principles, *, chapter_10_title: str) -> list[ChapterPlan]:
    """The default structure for a cycle assessing `principles` (in the order given; Basic
    Kwaliteitsmanagement last)."""
    ordered = [p for p in principles if not p.is_basic] + [p for p in principles if p.is_basic]
    return [
        *front_chapters(),
        *(principle_chapter_plan(p) for p in ordered),
        *closing_chapters(chapter_10_title=chapter_10_title),
    ]


@dataclass(frozen=True)
class Part:
    """A chapter or section as the report is built from it: stored (`row_id`) or planned."""

    title: str
    anchor: str
    blocks: tuple[str, ...] = ()
    not_applicable: tuple[str, ...] = ()
    text: str = ""
    status: str = "concept"
    principle_id: int | None = None
    is_appendix: bool = False
    sections: tuple["Part", ...] = ()
    row_id: int | None = None


def parts_of_plans(plans: list[ChapterPlan]) -> list[Part]:
    """A planned structure as parts (nothing written yet)."""
    return [
        Part(
            title=c.title,
            anchor=c.anchor,
            blocks=c.blocks,
            principle_id=c.principle_id,
            is_appendix=c.is_appendix,
            sections=tuple(
                Part(title=s.title, anchor=s.anchor, blocks=s.blocks) for s in c.sections
            ),
        )
        for c in plans
    ]


def fitted_to_principles(parts: list[Part], principles) -> list[Part]:
    """`parts` for a cycle assessing `principles`: the chapter of a principle not assessed
    left out, a default chapter added (after the last principle chapter, or before chapter 10)
    for an assessed principle without one."""
    wanted = {p.id: p for p in principles}
    kept = [p for p in parts if p.principle_id is None or p.principle_id in wanted]
    have = {p.principle_id for p in kept if p.principle_id is not None}
    missing = [p for p in principles if p.id not in have]
    if not missing:
        return kept
    missing = [p for p in missing if not p.is_basic] + [p for p in missing if p.is_basic]
    added = parts_of_plans([principle_chapter_plan(p) for p in missing])
    last_principle = max(
        (i for i, p in enumerate(kept) if p.principle_id is not None), default=None
    )
    if last_principle is None:
        # Before chapter 10 and the appendices: the first chapter after the hoofdbevindingen.
        index = next(
            (i for i, p in enumerate(kept) if p.anchor in ("reacties",) or p.is_appendix),
            len(kept),
        )
    else:
        index = last_principle + 1
    return kept[:index] + added + kept[index:]
