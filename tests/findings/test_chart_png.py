"""The bar chart as PNG (for the Word report): a real PNG at twice the SVG chart's size, one bar
per scored principle whose length follows its mean, "geen score" without a bar."""

import io

from PIL import Image

from audits.models import ManagementPrinciple
from findings.report.chart import bar_chart
from findings.report.chart_png import SCALE, bar_chart_alt_text, bar_chart_png
from maturity.rules import MeanLevel, PrincipleFigures

BAR_RGB = (0x00, 0x52, 0x6E)


def figures(total: int | None, count: int = 2) -> PrincipleFigures:
    mean = MeanLevel(count=count, total=total) if total is not None else None
    return PrincipleFigures(count, mean, None, None, (0, 0, 0, 0, 0))


ROWS = [
    (ManagementPrinciple(name="Klantgerichtheid", code="klant"), figures(4)),  # mean 2
    (ManagementPrinciple(name="Sturing", code="sturing"), figures(8)),  # mean 4
    (ManagementPrinciple(name="Operationele Kwaliteit", code="ok"), figures(None)),
]


def bar_pixels(image: Image.Image, bar_y: str, bar_height: str) -> int:
    """The bar colour's pixels on the row through the middle of a bar."""
    y = round((float(bar_y) + float(bar_height) / 2) * SCALE)
    return sum(1 for x in range(image.width) if image.getpixel((x, y)) == BAR_RGB)


def test_png_is_the_svg_chart_at_twice_its_size():
    png = bar_chart_png(ROWS)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png))
    image.verify()
    chart = bar_chart(ROWS)
    assert image.size == (int(chart.width) * 2, round(float(chart.height) * 2))


def test_bars_grow_with_the_mean_and_no_score_has_no_bar():
    image = Image.open(io.BytesIO(bar_chart_png(ROWS))).convert("RGB")
    chart = bar_chart(ROWS)
    two, four, none = (bar_pixels(image, bar.bar_y, chart.bar_height) for bar in chart.bars)
    assert none == 0
    assert two > 0
    assert four > two
    assert abs(four - 2 * two) <= 2  # the length is proportional to the mean (4 = twice 2)


def test_alt_text_says_every_principle_and_its_mean():
    text = bar_chart_alt_text(ROWS)
    assert "Klantgerichtheid 2,00" in text
    assert "Sturing 4,00" in text
    assert "Operationele Kwaliteit geen score" in text
