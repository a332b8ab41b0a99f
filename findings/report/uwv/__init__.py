"""The UWV-wide report of a cycle (DOMAIN.md §5), the deliverable the RvB reads: one view-model of
plain values (so a published version can store it as its data snapshot), one template, shared by
the HTML page and the PDF.

- `model`: the view-model (dataclasses) and the helpers that make its values;
- `build`: `build_uwv_report`, reading once and building the chapters in reading order through
  `front` (chapters 1–4), `principles` (5–9) and `responses` (10 and the appendices);
- `texts`: the narratives (the coordination team's or a generated default) and footnotes;
- `render`: HTML and PDF."""

from findings.report.uwv.build import build_uwv_report
from findings.report.uwv.model import (
    AttentionArea,
    Chart,
    ChartBar,
    DrawItem,
    ExampleUnit,
    ExclusionItem,
    Figures,
    Footnote,
    FrameworkItem,
    FrameworkLevel,
    Heading,
    MainFindingItem,
    MaturityLine,
    Narrative,
    PrincipleChapter,
    PrincipleSummary,
    RecognitionCounts,
    RecommendationItem,
    ResponseItem,
    ThreadItem,
    UnitItem,
    UnitStatusItem,
    UwvReport,
)
from findings.report.uwv.render import render_uwv_report_html, render_uwv_report_pdf
from findings.report.uwv.texts import (
    AUTHOR,
    PRINCIPLE_SUMMARIES,
    default_narratives,
    default_texts_of,
)

__all__ = [
    "AUTHOR",
    "PRINCIPLE_SUMMARIES",
    "AttentionArea",
    "Chart",
    "ChartBar",
    "DrawItem",
    "ExampleUnit",
    "ExclusionItem",
    "Figures",
    "Footnote",
    "FrameworkItem",
    "FrameworkLevel",
    "Heading",
    "MainFindingItem",
    "MaturityLine",
    "Narrative",
    "PrincipleChapter",
    "PrincipleSummary",
    "RecognitionCounts",
    "RecommendationItem",
    "ResponseItem",
    "ThreadItem",
    "UnitItem",
    "UnitStatusItem",
    "UwvReport",
    "build_uwv_report",
    "default_narratives",
    "default_texts_of",
    "render_uwv_report_html",
    "render_uwv_report_pdf",
]
