"""The bar chart of mean maturity per principle as a PNG (Pillow), for the Word report: Word
cannot show the inline SVG the HTML and PDF use. The geometry is `chart.bar_chart`'s, so the
picture is the same chart — bars, value labels, axis and its title — drawn at twice the size
for print."""

import io
from dataclasses import dataclass
from pathlib import Path

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from audits.models import ManagementPrinciple
from findings.report.chart import bar_chart
from maturity.selectors import PrincipleFigures

SCALE = 2  # 2x the SVG's user units: sharp when Word prints it at its width on A4
FONT_SIZE = 12  # as the SVG's font-size
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
INK = "#1a1a1a"
BAR = "#00526e"
MUTED = "#595959"


def _font(bold: bool, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans, as the PDF; Pillow's own font where DejaVu is not installed."""
    path = DEJAVU / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def axis_title() -> str:
    return _("Gemiddeld volwassenheidsniveau (1 Ad hoc – 5 Optimaliseren)")


def _mean_label(figures: PrincipleFigures) -> str:
    # The value as the page prints it: two decimals with a decimal comma in Dutch.
    return number_format(figures.mean.unrounded, decimal_pos=2) if figures.mean else ""


def bar_chart_alt_text(rows: list[tuple[ManagementPrinciple, PrincipleFigures]]) -> str:
    """What the picture shows, in words, for its alt text: every principle and its mean."""
    parts = [
        f"{principle.name} {_mean_label(figures) or _('geen score')}" for principle, figures in rows
    ]
    return f"{axis_title()}: {'; '.join(parts)}."


def bar_chart_png(rows: list[tuple[ManagementPrinciple, PrincipleFigures]]) -> bytes:
    """The chart of `rows` (principle, figures) as PNG bytes, `SCALE` times the SVG's size."""
    chart = bar_chart(rows)
    bars = [
        _Bar(
            bar.principle.name,
            _mean_label(bar.figures) or None,
            bar.label_y,
            bar.bar_y,
            bar.bar_width,
            bar.value_x,
            bar.value_y,
        )
        for bar in chart.bars
    ]
    return _draw(chart, bars=bars, ticks=[(tick.level, tick.x) for tick in chart.ticks])


def chart_png_of(chart) -> tuple[bytes, str]:
    """The UWV-wide report's chart (its plain view-model, `findings.report.uwv.model.Chart`) as
    PNG bytes, with its alt text in words."""
    bars = [
        _Bar(b.name, b.value, b.label_y, b.bar_y, b.bar_width, b.value_x, b.value_y)
        for b in chart.bars
    ]
    parts = [f"{bar.name} {bar.value or _('geen score')}" for bar in bars]
    return _draw(chart, bars=bars, ticks=list(chart.ticks)), f"{axis_title()}: {'; '.join(parts)}."


@dataclass(frozen=True)
class _Bar:
    name: str
    value: str | None  # the mean as printed ("2,67"), None: no score
    label_y: str
    bar_y: str
    bar_width: str
    value_x: str
    value_y: str


def _draw(chart, *, bars: list[_Bar], ticks: list[tuple[int, str]]) -> bytes:
    """Draw the chart's geometry (`chart`: its size, axis and plot; `bars` and `ticks`)."""

    def px(value: str) -> float:
        return float(value) * SCALE

    width, height = round(px(chart.width)), round(px(chart.height))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    regular = _font(False, FONT_SIZE * SCALE)
    bold = _font(True, FONT_SIZE * SCALE)
    line = SCALE  # the SVG's stroke-width 1

    left, axis_y = px(chart.left), px(chart.axis_y)
    for level, x_at in ticks:
        x = px(x_at)
        draw.line([(x, axis_y), (x, px(chart.tick_end_y))], fill=INK, width=line)
        # SVG places text on its baseline: anchor "ms" is middle/baseline, "ls" left/baseline.
        draw.text((x, px(chart.tick_label_y)), str(level), fill=INK, font=regular, anchor="ms")
    draw.line([(left, axis_y), (px(chart.right_edge), axis_y)], fill=INK, width=line)
    draw.line([(left, px(chart.plot_top)), (left, axis_y)], fill=INK, width=line)
    draw.text(
        (px(chart.axis_title_x), px(chart.axis_title_y)),
        axis_title(),
        fill=INK,
        font=regular,
        anchor="ms",
    )
    for bar in bars:
        draw.text(
            (left + 4 * SCALE, px(bar.label_y)), bar.name, fill=INK, font=regular, anchor="ls"
        )
        value_at = (px(bar.value_x), px(bar.value_y))
        if bar.value:
            top = px(bar.bar_y)
            right = left + px(bar.bar_width)
            draw.rectangle([left, top, right, top + px(chart.bar_height)], fill=BAR)
            draw.text(value_at, bar.value, fill=INK, font=bold, anchor="ls")
        else:
            draw.text(value_at, _("geen score"), fill=MUTED, font=regular, anchor="ls")

    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(192, 192))  # 96 dpi (CSS px) times SCALE
    return out.getvalue()
