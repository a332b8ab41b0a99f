"""The UWV-wide report of a cycle (DOMAIN.md §5), the deliverable the RvB reads: one view-model of
plain values (so a published version can store it as its data snapshot), one template, shared by the
HTML page and the PDF. The narrative sections the data cannot write come from `ReportNarrative`
(the coordination team's text) or a generated default."""

import dataclasses
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.constants import DocumentStatus, InterviewStatus
from audits.models import (
    AssessedPrinciple,
    AuditCycle,
    DocumentCheck,
    Interview,
    ManagementPrinciple,
)
from audits.selectors import current_draws, exclusions_of
from findings.constants import FindingKind, NarrativeKey, Recognition, UnitReportStatus
from findings.models import (
    Finding,
    MainFinding,
    Quote,
    RecommendationResponse,
    UnitReport,
)
from findings.report.chart import bar_chart
from findings.report.pdf import html_to_pdf
from findings.selectors.narratives import narrative_texts
from findings.selectors.ratings import rating_summary
from findings.selectors.rollup import BoardRecommendation, BoardReference, rollup_board
from maturity.constants import LEVEL_MEANINGS, MaturityLevel, ScoreStatus
from maturity.models import CalibrationSession, Score
from maturity.selectors import EMPTY_ROLLUP, frameworks_of_cycle, level_descriptors
from maturity.selectors import rollup_by_principle as maturity_rollup
from uwvkms.models import BusinessUnit

AUTHOR = "Coördinatieteam Interne Toets KMS"

# Bijlage 2: what each of UWV's eight management principles asks (our own summary).
PRINCIPLE_SUMMARIES = {
    "klantgerichtheid": "De behoeften en verwachtingen van cliënten en interne klanten zijn bekend "
    "en sturen de dienstverlening; klantinformatie wordt gemeten en benut om te verbeteren.",
    "leiderschap": "Leidinggevenden geven richting, maken doelen en kwaliteitsbeleid concreet en "
    "scheppen de voorwaarden waarin medewerkers kwaliteit kunnen leveren.",
    "vakmanschap": "Medewerkers zijn bekwaam, worden ontwikkeld en betrokken, en hun kennis wordt "
    "gedeeld en geborgd.",
    "procesbenadering": "Werk is georganiseerd als samenhangende processen met eigenaren, "
    "afspraken en meetpunten, ook over de grenzen van bedrijfsonderdelen heen.",
    "continu-leren": "Afwijkingen, klachten en signalen worden structureel geanalyseerd; "
    "verbeteringen worden doorgevoerd en hun effect wordt vastgesteld.",
    "besturing": "Taken, verantwoordelijkheden en bevoegdheden zijn belegd; eigenaren nemen "
    "besluiten op basis van feiten en leggen die vast.",
    "operationele-kwaliteit": "Juistheid, tijdigheid, volledigheid en efficiëntie van producten en "
    "diensten worden aantoonbaar vastgesteld tegen interne en externe normen.",
    "sturen-verantwoorden": "Plannen, doelen en indicatoren vormen een gesloten PDCA-cyclus; "
    "rapportages leiden tot bijsturing en verantwoording.",
}


# --- the view-model: plain values only (strings, numbers, lists), see `snapshot` -------------


@dataclass(frozen=True)
class Heading:
    """A numbered heading with its anchor; the ToC and the template use the same instance."""

    number: str
    title: str
    anchor: str
    level: int  # 1 chapter, 2 section


@dataclass(frozen=True)
class Footnote:
    """A footnote: a float in the PDF (numbered by WeasyPrint), a numbered note in the HTML."""

    number: int
    text: str


@dataclass(frozen=True)
class Narrative:
    """A narrative section: its paragraphs, and whether it is the generated default."""

    key: str
    paragraphs: list[str]
    is_default: bool


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
class ExampleUnit:
    """A unit that sets a good example: its mean level over its assessed principles."""

    unit: str
    mean: str
    principles: list[str]
    practices: int


@dataclass(frozen=True)
class AttentionArea:
    principle: str
    level: int
    units: list[str]


@dataclass(frozen=True)
class PrincipleChapter:
    heading: Heading
    sections: list[Heading]  # algemeen, instrumenten, leren, verbetering
    code: str
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
class ResponseItem:
    unit: str
    text: str


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
    name: str
    summary: str
    in_scope: bool


@dataclass(frozen=True)
class UwvReport:
    """Everything the UWV-wide report shows (DOMAIN.md §5), as plain values."""

    year: int
    title: str
    status: str
    version: str
    date: str
    generated_at: datetime
    author: str
    toc: list[Heading]
    h: dict[str, Heading]  # the fixed chapters and sections by key
    narratives: dict[str, Narrative]
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
    examples_execution: list[ExampleUnit]
    examples_other: list[ExampleUnit]
    attention: list[AttentionArea]
    # findings
    main_findings: list[MainFindingItem]
    chapters: list[PrincipleChapter]
    basic: PrincipleChapter | None
    # responses and the audit's rating
    recognition: RecognitionCounts
    responses: list[ResponseItem]
    rating_count: int
    rating_average: str | None
    rating_by_role: list[tuple[str, int, str | None]]
    # appendices
    frameworks: list[FrameworkItem]
    generic_levels: list[FrameworkLevel]
    all_principles: list[PrincipleSummary]
    footnotes: dict[str, Footnote] = field(default_factory=dict)

    def snapshot(self) -> dict:
        """The report's data as JSON-serialisable values, stored with a published version."""
        return _plain(self)


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# --- building it -----------------------------------------------------------------------------


def _decimal(value) -> str:
    return number_format(value, decimal_pos=2)


def _figures(figures) -> Figures:
    mean = figures.mean
    return Figures(
        mean=_decimal(mean.unrounded) if mean else None,
        rounded=int(mean.rounded) if mean else None,
        scored_units=figures.scored_units,
        assessed_units=figures.assessed_units,
        minimum=figures.minimum,
        maximum=figures.maximum,
        distribution=list(figures.distribution),
    )


class _Numbering:
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
        heading = Heading(number=number, title=title, anchor=anchor, level=1)
        self.toc.append(heading)
        return heading

    def section_heading(self, title: str, anchor: str) -> Heading:
        self.section += 1
        heading = Heading(
            number=f"{self._prefix}.{self.section}", title=title, anchor=anchor, level=2
        )
        self.toc.append(heading)
        return heading


def build_uwv_report(
    cycle: AuditCycle,
    *,
    status: str = "Concept",
    version: str = "",
    generated_at: datetime | None = None,
) -> UwvReport:
    """The UWV-wide report of `cycle`. A constant number of queries, whatever the number of
    units, principles and findings."""
    generated_at = generated_at or timezone.now()
    # Read once, shared with the roll-up board and the appendices.
    every_principle = list(ManagementPrinciple.objects.order_by("order", "name"))
    in_cycle = set(cycle.principles.values_list("id", flat=True))
    principles = [p for p in every_principle if p.id in in_cycle]
    regular = [p for p in principles if not p.is_basic]
    basic_principle = next((p for p in principles if p.is_basic), None)
    units = {u.id: u for u in BusinessUnit.objects.order_by("name")}
    exclusions = list(exclusions_of(cycle))
    excluded = {e.unit_id for e in exclusions}
    scope = list(
        AssessedPrinciple.objects.filter(cycle=cycle).values_list("unit_id", "principle_id")
    )
    assessed_unit_ids = {u for u, _p in scope}
    counted_ids = sorted(assessed_unit_ids - excluded, key=lambda u: units[u].name)
    figures = maturity_rollup(cycle)

    # Headings, in reading order.
    n = _Numbering()
    h = {}
    h["inleiding"] = n.chapter_heading(_("Inleiding en aanleiding"), "inleiding")
    h["leeswijzer"] = n.section_heading(_("Leeswijzer"), "leeswijzer")
    h["dank"] = n.section_heading(_("Woord van dank"), "dankwoord")
    h["samenvatting"] = n.chapter_heading(_("Managementsamenvatting"), "samenvatting")
    h["goed"] = n.section_heading(_("Wat gaat er goed?"), "wat-gaat-goed")
    h["samenvatting_hoofd"] = n.section_heading(_("Hoofdbevindingen"), "samenvatting-hoofd")
    h["methodiek"] = n.chapter_heading(_("Scope en methodiek"), "methodiek")
    h["scope"] = n.section_heading(_("Scope"), "scope")
    h["waarderend"] = n.section_heading(_("Waarderend onderzoek"), "waarderend-onderzoek")
    h["bronnen"] = n.section_heading(_("Documentatieonderzoek en interviews"), "bronnen")
    h["model"] = n.section_heading(_("Volwassenheidsmodel en kalibratie"), "kalibratie")
    h["afstemming"] = n.section_heading(
        _("Afstemming per bedrijfsonderdeel en rode draden"), "afstemming"
    )
    h["disclaimer"] = n.section_heading(_("Disclaimer"), "disclaimer")
    h["volwassenheid"] = n.chapter_heading(_("Volwassenheid KMS"), "volwassenheid")
    h["totaal"] = n.section_heading(_("Totaal UWV"), "totaal-uwv")
    h["voorbeelden"] = n.section_heading(_("Goede voorbeelden"), "goede-voorbeelden")
    h["aandacht"] = n.section_heading(_("Aandachtsgebieden"), "aandachtsgebieden")
    h["hoofdbevindingen"] = n.chapter_heading(_("Hoofdbevindingen UWV"), "hoofdbevindingen")

    board = rollup_board(
        cycle,
        reference=BoardReference(
            units=units,
            principles={p.id: p for p in every_principle},
            in_cycle=in_cycle,
            excluded=excluded,
        ),
    )
    main_findings = []
    for row in board.themes:
        if row.main_finding is None:
            continue
        main_findings.append(
            MainFindingItem(
                heading=n.section_heading(
                    _("Hoofdbevinding %(n)s: %(title)s")
                    % {"n": len(main_findings) + 1, "title": row.main_finding.title},
                    f"hoofdbevinding-{len(main_findings) + 1}",
                ),
                title=row.main_finding.title,
                description=row.theme.description,
                advice=row.main_finding.advice,
                units=[u.name for u in row.units],
                principles=[p.name for p in row.principles],
            )
        )
    themes_of_recommendation: dict[int, list[str]] = defaultdict(list)
    for board_row in board.recommendations:
        themes_of_recommendation[board_row.recommendation.pk] = [t.title for t in board_row.themes]

    items = _items_by_principle(
        cycle, units=units, excluded=excluded, recommendations=board.recommendations
    )
    frameworks = {
        entry.principle.id: entry.framework
        for entry in frameworks_of_cycle(cycle, principles=principles)
    }

    def chapter(principle) -> PrincipleChapter:
        rollup = figures.get(principle.id, EMPTY_ROLLUP)
        heading = n.chapter_heading(principle.name, f"principe-{principle.code}")
        sections = [
            n.section_heading(_("Algemeen"), f"principe-{principle.code}-algemeen"),
            n.section_heading(
                _("Waargenomen kwaliteitsinstrumenten"), f"principe-{principle.code}-instrumenten"
            ),
            n.section_heading(
                _("Waar kunnen we van elkaar leren?"), f"principe-{principle.code}-leren"
            ),
            n.section_heading(
                _("Waar is verbetering nodig binnen de bedrijfsonderdelen?"),
                f"principe-{principle.code}-verbetering",
            ),
        ]
        found = items.get(principle.id, {})
        framework = frameworks.get(principle.id)
        return PrincipleChapter(
            heading=heading,
            sections=sections,
            code=principle.code,
            name=principle.name,
            definition=framework.definition.strip() if framework else "",
            figures=_figures(rollup.all),
            execution=_figures(rollup.execution),
            other=_figures(rollup.other),
            observations=found.get("observations", []),
            good_practices=found.get("good_practices", []),
            recommendations=[
                RecommendationItem(
                    unit=units[r.unit_id].name,
                    title=r.title,
                    text=r.text,
                    priority=str(r.get_priority_display()),
                    themes=themes_of_recommendation.get(r.pk, []),
                )
                for r in found.get("recommendations", [])
            ],
            quotes=found.get("quotes", []),
        )

    chapters = [chapter(p) for p in regular]
    basic = chapter(basic_principle) if basic_principle else None
    if basic is None:
        h["basic"] = n.chapter_heading(_("Basic Kwaliteitsmanagement"), "basic")
    h["reacties"] = n.chapter_heading(_("Managementreacties en beschouwing"), "reacties")
    h["reacties_unit"] = n.section_heading(_("Managementreacties"), "management-reacties")
    h["beoordeling"] = n.section_heading(_("Beoordeling van de toets"), "beoordeling")
    h["beschouwing"] = n.section_heading(_("Beschouwing"), "beschouwing")
    h["bijlage1"] = n.chapter_heading(
        _("UWV Volwassenheidsmodel"), "bijlage-1", number=_("Bijlage 1")
    )
    h["bijlage2"] = n.chapter_heading(
        _("UWV Managementprincipes"), "bijlage-2", number=_("Bijlage 2")
    )

    maturity_lines = [
        MaturityLine(
            principle=p.name,
            overall=_figures(figures.get(p.id, EMPTY_ROLLUP).all),
            execution=_figures(figures.get(p.id, EMPTY_ROLLUP).execution),
            other=_figures(figures.get(p.id, EMPTY_ROLLUP).other),
        )
        for p in principles
    ]
    chart = bar_chart([(p, figures.get(p.id, EMPTY_ROLLUP).all) for p in principles])
    examples, attention = _examples_and_attention(
        cycle, units=units, excluded=excluded, principles=principles, items=items
    )

    # An excluded unit's material stays out of the report entirely (DOMAIN.md §5): its evidence,
    # report, response and answers too, not only its scores and findings.
    documents = (
        DocumentCheck.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .aggregate(
            total=Count("id"), delivered=Count("id", filter=Q(status=DocumentStatus.GELEVERD))
        )
    )
    interviews = (
        Interview.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .aggregate(
            total=Count("id"), confirmed=Count("id", filter=Q(status=InterviewStatus.BEVESTIGD))
        )
    )
    unit_reports = list(
        UnitReport.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .select_related("response")
        .order_by("unit__name")
    )
    responses = []
    for report in unit_reports:
        response = getattr(report, "response", None)
        if response is not None and response.submitted_at and response.overall.strip():
            responses.append(ResponseItem(unit=units[report.unit_id].name, text=response.overall))
    recognition = (
        RecommendationResponse.objects.filter(
            recommendation__cycle=cycle, response__submitted_at__isnull=False
        )
        .exclude(recommendation__unit_id__in=excluded)
        .aggregate(
            herkend=Count("id", filter=Q(recognition=Recognition.HERKEND)),
            deels=Count("id", filter=Q(recognition=Recognition.DEELS_HERKEND)),
            niet=Count("id", filter=Q(recognition=Recognition.NIET_HERKEND)),
        )
    )
    total_recommendations = sum(1 for row in board.recommendations if not row.excluded)
    ratings = rating_summary(cycle, with_comments=False)

    narratives = _narratives(
        cycle,
        status=status,
        principles=[p.name for p in regular],
        main_findings=[m.title for m in main_findings],
        examples=examples,
        unit_count=len(counted_ids),
    )

    return UwvReport(
        year=cycle.year,
        title=_("Interne Toets KMS %(year)s") % {"year": cycle.year},
        status=status,
        version=version,
        date=_long_date(generated_at),
        generated_at=generated_at,
        author=AUTHOR,
        toc=n.toc,
        h=h,
        narratives=narratives,
        principles_in_scope=[p.name for p in principles],
        units_assessed=[units[u].name for u in counted_ids],
        units_with_execution=sum(1 for u in counted_ids if units[u].has_execution_processes),
        units_without_execution=sum(1 for u in counted_ids if not units[u].has_execution_processes),
        exclusions=[ExclusionItem(unit=e.unit.name, reason=e.reason) for e in exclusions],
        documents_checked=documents["total"],
        documents_delivered=documents["delivered"],
        interviews_held=interviews["total"],
        interviews_confirmed=interviews["confirmed"],
        draws=[
            DrawItem(
                unit=d.unit.name,
                places=[name for name, _kind in d.drawn],
                candidates=len(d.candidates),
            )
            for d in current_draws(cycle)
            if d.unit_id not in excluded
        ],
        calibration_sessions=CalibrationSession.objects.filter(cycle=cycle).count(),
        unit_statuses=[
            UnitStatusItem(
                unit=units[r.unit_id].name,
                status=str(r.get_status_display()),
                agreed_on=_long_date(r.agreed_on) if r.agreed_on else "",
                agreed_with=r.agreed_with,
                response_submitted=bool(getattr(r, "response", None) and r.response.submitted_at),
            )
            for r in unit_reports
        ],
        thread_threshold=board.threshold,
        threads=[
            ThreadItem(
                title=row.theme.title,
                units=[u.name for u in row.units],
                principles=[p.name for p in row.principles],
            )
            for row in board.threads
        ],
        chart=Chart(
            width=chart.width,
            height=chart.height,
            left=chart.left,
            right_edge=chart.right_edge,
            plot_top=chart.plot_top,
            axis_y=chart.axis_y,
            tick_end_y=chart.tick_end_y,
            tick_label_y=chart.tick_label_y,
            axis_title_x=chart.axis_title_x,
            axis_title_y=chart.axis_title_y,
            bar_height=chart.bar_height,
            bars=[
                ChartBar(
                    name=bar.principle.name,
                    value=_decimal(bar.figures.mean.unrounded) if bar.figures.mean else None,
                    label_y=bar.label_y,
                    bar_y=bar.bar_y,
                    bar_width=bar.bar_width,
                    value_x=bar.value_x,
                    value_y=bar.value_y,
                )
                for bar in chart.bars
            ],
            ticks=[(tick.level, tick.x) for tick in chart.ticks],
        ),
        maturity=maturity_lines,
        examples_execution=examples["execution"],
        examples_other=examples["other"],
        attention=attention,
        main_findings=main_findings,
        chapters=chapters,
        basic=basic,
        recognition=RecognitionCounts(
            herkend=recognition["herkend"],
            deels=recognition["deels"],
            niet=recognition["niet"],
            unanswered=max(
                total_recommendations
                - recognition["herkend"]
                - recognition["deels"]
                - recognition["niet"],
                0,
            ),
        ),
        responses=responses,
        rating_count=ratings.count,
        rating_average=number_format(ratings.average, decimal_pos=1)
        if ratings.average is not None
        else None,
        rating_by_role=[
            (
                r.label,
                r.count,
                number_format(r.average, decimal_pos=1) if r.average is not None else None,
            )
            for r in ratings.by_role
        ],
        frameworks=[
            FrameworkItem(
                principle=p.name,
                definition=frameworks[p.id].definition.strip() if p.id in frameworks else "",
                levels=[
                    FrameworkLevel(level=d.level.value, label=str(d.level.label), text=d.text)
                    for d in level_descriptors(frameworks[p.id])
                ],
            )
            for p in principles
            if p.id in frameworks
        ],
        generic_levels=[
            FrameworkLevel(
                level=level.value, label=str(level.label), text=str(LEVEL_MEANINGS[level])
            )
            for level in MaturityLevel
        ],
        all_principles=[
            PrincipleSummary(
                name=p.name,
                summary=PRINCIPLE_SUMMARIES.get(p.code, ""),
                in_scope=any(q.id == p.id for q in principles),
            )
            for p in every_principle
            if not p.is_basic
        ],
        footnotes=_footnotes(
            {
                "afronding": _(
                    "Het gemiddelde is het rekenkundig gemiddelde van de ingediende scores van de "
                    "onderdelen waar het principe is getoetst, getoond met twee decimalen en "
                    "rekenkundig afgerond (2,5 wordt 3). Een niet getoetst principe telt niet mee, "
                    "ook niet als nul."
                ),
                "uitsluiting": _(
                    "Niet meegeteld (niet representatief getoetst): %(units)s. Hun bevindingen en "
                    "aanbevelingen staan in hun eigen rapport, niet in de UWV-brede cijfers."
                )
                % {"units": "; ".join(f"{e.unit.name}: {e.reason}" for e in exclusions)}
                if exclusions
                else "",
                "basic": _(
                    "De Basics zijn UWV-brede afspraken over standaard managementprocessen. Basic "
                    "Kwaliteitsmanagement is geen managementprincipe; het wordt per onderdeel wel op "
                    "dezelfde schaal gescoord."
                ),
            }
        ),
    )


def _footnotes(texts: dict[str, str]) -> dict[str, Footnote]:
    """Number the footnotes that have a text, in the order the body uses them."""
    used = [key for key in ("uitsluiting", "afronding", "basic") if texts.get(key)]
    return {key: Footnote(number=i, text=texts[key]) for i, key in enumerate(used, start=1)}


def _long_date(value) -> str:
    from django.utils.dateformat import format as date_format  # noqa: PLC0415

    return date_format(timezone.localtime(value) if isinstance(value, datetime) else value, "j F Y")


def _items_by_principle(
    cycle: AuditCycle,
    *,
    units: dict[int, BusinessUnit],
    excluded: set[int],
    recommendations: list[BoardRecommendation],
) -> dict[int, dict[str, list]]:
    """principle id → observations, good practices, quotes (as UnitItems) and recommendations of
    the counted units. Two queries; the recommendations come from the roll-up board, whose
    order (unit name, principle, id) is the chapters' order within each principle."""
    items: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for principle_id, unit_id, kind, text in (
        Finding.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .order_by("principle__order", "unit__name", "id")
        .values_list("principle_id", "unit_id", "kind", "text")
    ):
        key = "good_practices" if kind == FindingKind.GOEDE_PRAKTIJK else "observations"
        items[principle_id][key].append(UnitItem(unit=units[unit_id].name, text=text))
    for principle_id, unit_id, text in (
        Quote.objects.filter(cycle=cycle)
        .exclude(unit_id__in=excluded)
        .order_by("principle__order", "unit__name", "id")
        .values_list("principle_id", "unit_id", "text")
    ):
        items[principle_id]["quotes"].append(UnitItem(unit=units[unit_id].name, text=text))
    for row in recommendations:
        if not row.excluded:
            recommendation = row.recommendation
            items[recommendation.principle_id]["recommendations"].append(recommendation)
    return items


def _examples_and_attention(cycle, *, units, excluded, principles, items):
    """Good examples: per group (with and without execution processes) the counted units whose
    mean submitted level is 3 or higher, best first (at most three). Areas of attention: per
    principle the counted units with a submitted level of 2 or lower. One query."""
    levels: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for unit_id, principle_id, level in (
        Score.objects.filter(cycle=cycle, status=ScoreStatus.INGEDIEND, level__isnull=False)
        .exclude(unit_id__in=excluded)
        .values_list("unit_id", "principle_id", "level")
    ):
        levels[unit_id].append((principle_id, level))
    names = {p.id: p.name for p in principles}
    practices: dict[str, int] = defaultdict(int)
    for found in items.values():
        for item in found.get("good_practices", []):
            practices[item.unit] += 1
    examples: dict[str, list[ExampleUnit]] = {"execution": [], "other": []}
    ranked = sorted(
        levels.items(),
        key=lambda kv: (-sum(lv for _p, lv in kv[1]) / len(kv[1]), units[kv[0]].name),
    )
    for unit_id, scored in ranked:
        mean = Decimal(sum(lv for _p, lv in scored)) / len(scored)
        if mean < 3:
            continue
        group = examples["execution" if units[unit_id].has_execution_processes else "other"]
        if len(group) < 3:
            group.append(
                ExampleUnit(
                    unit=units[unit_id].name,
                    mean=_decimal(mean.quantize(Decimal("0.01"))),
                    principles=[names[p] for p, lv in scored if lv >= 3 and p in names],
                    practices=practices.get(units[unit_id].name, 0),
                )
            )
    attention = []
    for principle in principles:
        for level in (1, 2):
            low = sorted(
                units[u].name
                for u, scored in levels.items()
                if any(p == principle.id and lv == level for p, lv in scored)
            )
            if low:
                attention.append(AttentionArea(principle=principle.name, level=level, units=low))
    return examples, attention


def _narratives(cycle, *, status, principles, main_findings, examples, unit_count):
    """The coordination team's texts, or the generated default per section."""
    stored = narrative_texts(cycle)
    defaults = default_narratives(
        cycle,
        principles=principles,
        main_findings=main_findings,
        examples=[e.unit for e in examples["execution"] + examples["other"]],
        unit_count=unit_count,
    )
    result = {}
    for key in NarrativeKey:
        text = stored.get(key.value)
        result[key.value] = Narrative(
            key=key.value,
            paragraphs=_paragraphs(text if text is not None else defaults[key.value]),
            is_default=text is None,
        )
    return result


def default_texts_of(cycle: AuditCycle) -> dict[str, str]:
    """The generated default of every narrative section of `cycle` (for the editing page)."""
    principles = list(cycle.principles.all())
    units = {u.id: u for u in BusinessUnit.objects.order_by("name")}
    excluded = {e.unit_id for e in exclusions_of(cycle)}
    counted = (
        set(AssessedPrinciple.objects.filter(cycle=cycle).values_list("unit_id", flat=True))
        - excluded
    )
    examples, _attention = _examples_and_attention(
        cycle, units=units, excluded=excluded, principles=principles, items={}
    )
    return default_narratives(
        cycle,
        principles=[p.name for p in principles if not p.is_basic],
        main_findings=list(
            MainFinding.objects.filter(theme__cycle=cycle, theme__withdrawn_at__isnull=True)
            .order_by("theme__title", "theme_id")
            .values_list("title", flat=True)
        ),
        examples=[e.unit for e in examples["execution"] + examples["other"]],
        unit_count=len(counted),
    )


def _paragraphs(text: str) -> list[str]:
    """Plain text → paragraphs (blank line between); the template escapes them."""
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def _enumerate(names: list[str]) -> str:
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def default_narratives(
    cycle: AuditCycle,
    *,
    principles: list[str],
    main_findings: list[str],
    examples: list[str],
    unit_count: int,
) -> dict[str, str]:
    """A sensible starting text for each narrative section, from the cycle's data."""
    year = cycle.year
    inleiding = "\n\n".join(
        [
            _(
                "Jaarlijks toetst UWV of zijn kwaliteitsmanagementsysteem (KMS) werkt zoals "
                "bedoeld. De Interne Toets KMS %(year)s kijkt bij %(count)s "
                "bedrijfsonderdelen hoe de managementprincipes %(principles)s in de praktijk zijn "
                "ingericht en hoe volwassen het kwaliteitsmanagement daarin is."
            )
            % {"year": year, "count": unit_count, "principles": _enumerate(principles)},
            _(
                "De toets is geen oordeel over de kwaliteit van de dienstverlening zelf, maar over "
                "de manier waarop bedrijfsonderdelen die kwaliteit beheersen en verbeteren. Elk "
                "bedrijfsonderdeel ontving een eigen rapport; dit rapport brengt de lijnen UWV-"
                "breed samen voor de Raad van Bestuur."
            ),
        ]
    )
    dankwoord = _(
        "Wij danken de directies en medewerkers van de bedrijfsonderdelen voor hun openheid in de "
        "gesprekken en het aanleveren van de documentatie, en de toetsers uit de hele organisatie "
        "voor hun inzet naast hun eigen werk."
    )
    goed = (
        _(
            "Wij zien bij veel bedrijfsonderdelen een managementsysteem dat in opzet aanwezig is "
            "en waarin kwaliteit een vaste plek heeft in het gesprek tussen leiding en "
            "medewerkers. Goede voorbeelden vonden wij onder meer bij %(units)s."
        )
        % {"units": _enumerate(examples)}
        if examples
        else _(
            "Wij zien bij veel bedrijfsonderdelen een managementsysteem dat in opzet aanwezig is "
            "en waarin kwaliteit een vaste plek heeft in het gesprek tussen leiding en "
            "medewerkers."
        )
    )
    samenvatting = "\n\n".join(
        [
            goed,
            ngettext(
                "Over de bedrijfsonderdelen heen komt één hoofdbevinding naar voren: %(titles)s. "
                "Hoofdstuk 5 licht die toe met een UWV-breed advies.",
                "Over de bedrijfsonderdelen heen komen %(count)s hoofdbevindingen naar voren: "
                "%(titles)s. Hoofdstuk 5 licht ze toe, elk met een UWV-breed advies.",
                len(main_findings),
            )
            % {"count": len(main_findings), "titles": _enumerate(main_findings)}
            if main_findings
            else _("Er zijn (nog) geen hoofdbevindingen vastgesteld."),
        ]
    )
    beschouwing = _(
        "De uitkomsten laten zien dat het kwaliteitsmanagement van UWV op weg is naar het niveau "
        "waarop het systeem actief wordt gebruikt om te sturen. De hoofdbevindingen vragen een "
        "UWV-brede aanpak; het coördinatieteam volgt de opvolging van de aanbevelingen via de "
        "vervolgacties van de bedrijfsonderdelen en komt daar in de volgende toets op terug."
    )
    return {
        NarrativeKey.INLEIDING.value: inleiding,
        NarrativeKey.DANKWOORD.value: dankwoord,
        NarrativeKey.SAMENVATTING.value: samenvatting,
        NarrativeKey.BESCHOUWING.value: beschouwing,
    }


# --- rendering --------------------------------------------------------------------------------


def render_uwv_report_html(report: UwvReport, *, for_pdf: bool, request=None) -> str:
    """The report as HTML: the stand-alone print document (for_pdf) or the page body for the
    browser. Same template, same view-model."""
    template = "findings/report/uwv_report.html" if for_pdf else "findings/report/uwv_page.html"
    return render_to_string(
        template,
        {"report": report, "for_pdf": for_pdf, "UnitReportStatus": UnitReportStatus},
        request=request,
    )


def render_uwv_report_pdf(report: UwvReport) -> bytes:
    return html_to_pdf(render_uwv_report_html(report, for_pdf=True))
