"""The UWV-wide report of a cycle (DOMAIN.md §5), the deliverable the RvB reads: one view-model of
plain values (so a published version can store it as its data snapshot), one template, shared by
the HTML page and the PDF.

- `model`: the view-model (dataclasses) and the helpers that make its values;
- `structure`: the chapters and sections (the default, the previous cycle's, the team's);
- `blocks`: the generated blocks the team can place in them;
- `build`: `build_uwv_report`, reading the facts once through `front` (chapters 1–4),
  `principles` (hoofdbevindingen and principle chapters) and `responses` (chapter 10 and the
  appendices), then walking the structure in reading order;
- `texts`: the fixed texts, the generated blocks' footnotes and the front matter;
- `render`: HTML and PDF."""

from findings.report.uwv.build import build_uwv_report
from findings.report.uwv.model import (
    AttentionArea,
    BlockView,
    Chart,
    ChartBar,
    DrawItem,
    ExclusionItem,
    Figures,
    Footnote,
    FrameworkItem,
    FrameworkLevel,
    Heading,
    MainFindingItem,
    MaturityLine,
    PartView,
    PrincipleData,
    PrincipleSummary,
    RecognitionCounts,
    RecommendationItem,
    ThreadItem,
    UnitItem,
    UnitStatusItem,
    UwvReport,
)
from findings.report.uwv.render import render_uwv_report_html, render_uwv_report_pdf
from findings.report.uwv.texts import AUTHOR

__all__ = [
    "AUTHOR",
    "AttentionArea",
    "Chart",
    "ChartBar",
    "DrawItem",
    "ExclusionItem",
    "Figures",
    "Footnote",
    "FrameworkItem",
    "FrameworkLevel",
    "BlockView",
    "Heading",
    "MainFindingItem",
    "MaturityLine",
    "PartView",
    "PrincipleData",
    "PrincipleSummary",
    "RecognitionCounts",
    "RecommendationItem",
    "ThreadItem",
    "UnitItem",
    "UnitStatusItem",
    "UwvReport",
    "build_uwv_report",
    "render_uwv_report_html",
    "render_uwv_report_pdf",
]
