"""The UWV-wide report's view-model (DOMAIN.md §5): plain values only (strings, numbers, lists),
so a published version can store it as its data snapshot (`UwvReport.snapshot`), and the small
helpers that turn the apps' values into them."""

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext


@dataclass(frozen=True)
class Heading:
    """A numbered heading with its anchor; the ToC and the template use the same instance."""

    number: str
    title: str
    anchor: str
    level: int  # 1 chapter, 2 section, 3 a heading within a section (not in the ToC)


@dataclass(frozen=True)
class Footnote:
    """A footnote: a float in the PDF (numbered by WeasyPrint), a numbered note in the HTML."""

    number: int
    text: str


@dataclass(frozen=True)
class Figures:
    """A principle's roll-up figures as text: the mean to two decimals ("2,67"), rounded, the
    scored and assessed units, lowest–highest and the distribution over levels 1–5."""

    mean: str | None
    rounded: int | None
    scored_units: int
    assessed_units: int
    minimum: int | None
    maximum: int | None
    distribution: list[int]


@dataclass(frozen=True)
class ChartBar:
    name: str
    value: str | None
    label_y: str
    bar_y: str
    bar_width: str
    value_x: str
    value_y: str


@dataclass(frozen=True)
class Chart:
    """The bar chart's geometry (from findings.report.chart) with plain labels."""

    width: str
    height: str
    left: str
    right_edge: str
    plot_top: str
    axis_y: str
    tick_end_y: str
    tick_label_y: str
    axis_title_x: str
    axis_title_y: str
    bar_height: str
    bars: list[ChartBar]
    ticks: list[tuple[int, str]]


@dataclass(frozen=True)
class MaturityLine:
    principle: str
    overall: Figures
    execution: Figures
    other: Figures


@dataclass(frozen=True)
class UnitItem:
    """A finding, good practice or quote, naming its unit."""

    unit: str
    text: str


@dataclass(frozen=True)
class RecommendationItem:
    unit: str
    title: str
    text: str
    priority: str
    themes: list[str]


@dataclass(frozen=True)
class AttentionArea:
    principle: str
    level: int
    units: list[str]


@dataclass(frozen=True)
class PrincipleData:
    """What the generated blocks of a principle's chapter show: its definition, figures and the
    counted units' items."""

    code: str
    is_basic: bool
    name: str
    definition: str
    figures: Figures
    execution: Figures
    other: Figures
    observations: list[UnitItem]
    good_practices: list[UnitItem]
    recommendations: list[RecommendationItem]
    quotes: list[UnitItem]


@dataclass(frozen=True)
class BlockView:
    """A generated block as placed in a chapter or section: empty when it has nothing to show,
    not applicable when the team said so; `footnote` is its generated footnote at first use."""

    key: str
    label: str
    empty: bool
    not_applicable: bool
    footnote: Footnote | None = None


@dataclass(frozen=True)
class MaterialView:
    """Material the team placed in a part: a good example (`unit`, the good practice as
    `source`, the team's explanation as `text`), a quote (`unit`, the passage as `text`) or a
    UWV-level observation or recommendation (`title`, `text`)."""

    kind: str
    unit: str
    title: str
    text: str
    source: str = ""


@dataclass(frozen=True)
class ExampleGroup:
    """The good examples of a part in one group (with or without execution processes), under a
    heading within the section (4.2.1, 4.2.2)."""

    heading: "Heading"
    examples: list[MaterialView]


@dataclass(frozen=True)
class PartView:
    """A chapter (level 1) or section (level 2) of the report: its heading, the team's text
    (`text` as written, `content` parsed, footnotes and headings numbered), the generated blocks
    after it, its status, the principle its chapter is about, and (a chapter) its sections. The
    hoofdbevindingen placed in it as sections come first (`main_findings`)."""

    heading: Heading
    text: str
    content: list
    blocks: list[BlockView]
    status: str
    principle: PrincipleData | None
    main_findings: list["MainFindingItem"]
    sections: list["PartView"]
    is_appendix: bool = False
    example_groups: list[ExampleGroup] = field(default_factory=list)
    materials: list[MaterialView] = field(default_factory=list)  # quotes and UWV-level texts


@dataclass(frozen=True)
class MainFindingItem:
    heading: Heading
    title: str
    description: str
    advice: str
    units: list[str]
    principles: list[str]


@dataclass(frozen=True)
class ThreadItem:
    title: str
    units: list[str]
    principles: list[str]


@dataclass(frozen=True)
class DrawItem:
    unit: str
    places: list[str]
    candidates: int


@dataclass(frozen=True)
class UnitStatusItem:
    unit: str
    status: str
    agreed_on: str
    agreed_with: str
    response_submitted: bool


@dataclass(frozen=True)
class ExclusionItem:
    unit: str
    reason: str


@dataclass(frozen=True)
class RecognitionCounts:
    herkend: int
    deels: int
    niet: int
    unanswered: int

    @property
    def answered(self) -> int:
        return self.herkend + self.deels + self.niet


@dataclass(frozen=True)
class FrameworkLevel:
    level: int
    label: str
    text: str


@dataclass(frozen=True)
class FrameworkItem:
    principle: str
    definition: str
    levels: list[FrameworkLevel]


@dataclass(frozen=True)
class PrincipleSummary:
    """A management principle as Bijlage 2 describes it: its general definition and what it asks
    at UWV, each as paragraphs (`paragraphs_of`), from the reference data."""

    name: str
    definition: list[str]
    uwv_specific: list[str]
    in_scope: bool


def paragraphs_of(text: str) -> list[str]:
    """A kept text as its paragraphs: a blank line starts a new one; a single line break stays
    inside its paragraph (HTML `linebreaksbr`, a Word line break)."""
    return [
        part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if part.strip()
    ]


def team_sentence(*, bck: int, fez: int, unknown: int) -> str:
    """The method section's sentence on the audit team (DOMAIN.md §2: auditors from the second
    line, BC&K and FEZ): how many auditors, and how many from each home organisation; the
    auditors whose home organisation was not recorded are counted as such. No auditors: no
    sentence.

    >>> team_sentence(bck=7, fez=5, unknown=0)
    'Het toetsteam bestond uit 12 toetsers: 7 van BC&K en 5 van FEZ.'"""
    total = bck + fez + unknown
    if not total:
        return ""
    team = ngettext(
        "Het toetsteam bestond uit %(n)s toetser",
        "Het toetsteam bestond uit %(n)s toetsers",
        total,
    ) % {"n": total}
    parts = []
    if bck:
        parts.append(gettext("%(n)s van BC&K") % {"n": bck})
    if fez:
        parts.append(gettext("%(n)s van FEZ") % {"n": fez})
    if unknown:
        parts.append(
            ngettext(
                "%(n)s van wie de thuisorganisatie niet is vastgelegd",
                "%(n)s van wie de thuisorganisatie niet is vastgelegd",
                unknown,
            )
            % {"n": unknown}
        )
    if len(parts) == 1 and not unknown:
        org = gettext("BC&K") if bck else gettext("FEZ")
        return gettext("%(team)s van %(org)s.") % {"team": team, "org": org}
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + gettext(" en ") + parts[-1]
    return gettext("%(team)s: %(listed)s.") % {"team": team, "listed": listed}


@dataclass(frozen=True)
class UwvReport:
    """Everything the UWV-wide report shows (DOMAIN.md §5), as plain values."""

    year: int
    title: str
    status: str
    version: str
    date: str  # the team's report date, or the day of publication (a Dutch long date)
    generated_at: datetime
    author: str
    addressees: str  # to whom the report goes ("de Raad van Bestuur en de Groepsraad")
    toc: list[Heading]
    parts: list[PartView]  # the chapters in reading order, each with its sections
    # scope and method
    principles_in_scope: list[str]
    units_assessed: list[str]
    units_with_execution: int
    units_without_execution: int
    exclusions: list[ExclusionItem]
    documents_checked: int
    documents_delivered: int
    interviews_held: int
    interviews_confirmed: int
    draws: list[DrawItem]
    calibration_sessions: int
    unit_statuses: list[UnitStatusItem]
    thread_threshold: int
    threads: list[ThreadItem]
    # maturity
    chart: Chart
    maturity: list[MaturityLine]
    attention: list[AttentionArea]
    # findings
    main_findings: list[MainFindingItem]
    # responses and the audit's rating
    recognition: RecognitionCounts
    rating_count: int
    rating_average: str | None
    rating_by_role: list[tuple[str, int, str | None]]
    # appendices
    frameworks: list[FrameworkItem]
    generic_levels: list[FrameworkLevel]
    all_principles: list[PrincipleSummary]
    principles_introduction: list[str]  # Bijlage 2's introduction, as paragraphs
    footnotes: list[Footnote] = field(default_factory=list)  # every footnote, in reading order
    # the audit team by home organisation (issue 21 §6), for the method section
    team_bck: int = 0
    team_fez: int = 0
    team_unknown: int = 0

    @property
    def team_sentence(self) -> str:
        return team_sentence(bck=self.team_bck, fez=self.team_fez, unknown=self.team_unknown)

    def snapshot(self) -> dict:
        """The report's data as JSON-serialisable values, stored with a published version (the
        parsed text left out: the text as written says the same)."""
        return _plain(self)


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.name != "content"
        }
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# --- values for the model ---------------------------------------------------------------------


def decimal_text(value) -> str:
    return number_format(value, decimal_pos=2)


def figures_of(figures) -> Figures:
    """A principle's roll-up figures (maturity's `PrincipleFigures`) as text."""
    mean = figures.mean
    return Figures(
        mean=decimal_text(mean.unrounded) if mean else None,
        rounded=int(mean.rounded) if mean else None,
        scored_units=figures.scored_units,
        assessed_units=figures.assessed_units,
        minimum=figures.minimum,
        maximum=figures.maximum,
        distribution=list(figures.distribution),
    )


def long_date(value) -> str:
    return date_format(timezone.localtime(value) if isinstance(value, datetime) else value, "j F Y")


class Numbering:
    """Hands out chapter and section numbers in reading order."""

    def __init__(self) -> None:
        self.chapter = 0
        self.section = 0
        self.toc: list[Heading] = []

    def chapter_heading(self, title: str, anchor: str, *, number: str | None = None) -> Heading:
        if number is None:
            self.chapter += 1
            number = str(self.chapter)
        self.section = 0
        self._prefix = number
        self._numbered = number.isdigit()
        heading = Heading(number=number, title=title, anchor=anchor, level=1)
        self.toc.append(heading)
        return heading

    def section_heading(self, title: str, anchor: str) -> Heading:
        self.section += 1
        # An appendix's sections are not numbered ("Bijlage 1.1" reads wrong).
        number = f"{self._prefix}.{self.section}" if self._numbered else ""
        heading = Heading(number=number, title=title, anchor=anchor, level=2)
        self.toc.append(heading)
        return heading
