"""Charts as inline SVG: bars, a pie or a line, with the figures written out.

:func:`figure` gives a chart (:mod:`finsam_ledger.exports.charts`) as an
HTML ``<figure>``: an ``<svg>`` with ``role="img"``, an ``aria-label``
that reads every category and value aloud, a ``<title>`` (the chart's
title, and one per bar, slice and point), then the title as the caption.
Every value is also printed as text beside its bar, slice or point, the
Swedish way (:func:`~finsam_ledger.exports.layout.swedish`: no-break space
between thousands, a decimal comma, a true minus), so the chart reads on
paper and in grey. The SVG refers to nothing outside itself (no fonts,
images, links or scripts); text and axes take the page's text colour
(``currentColor``), so it shows on a dark page too. It is well-formed XML.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from html import escape

from finsam_ledger.exports.charts import Chart, Series
from finsam_ledger.exports.layout import swedish
from finsam_ledger.model.table import Unit

WIDTH = 640
FONT = "Calibri, 'Helvetica Neue', Arial, sans-serif"
CHAR = 6.2  # the width of a character at 11px, roughly
LINE = 18
# Series colours: dark and light blue tell apart in grey too.
PALETTE = ("#1f4e79", "#9dc3e6", "#c55a11", "#548235", "#bf9000", "#7030a0")
BAR_PALETTE = ("#9dc3e6", "#1f4e79", "#c55a11", "#548235")  # budget light, utfall dark
DARK = frozenset({"#1f4e79", "#c55a11", "#548235", "#7030a0"})  # white text on these
GUIDANCE = "#c00000"
UNIT_WORD: dict[Unit, str] = {"kr": "kr", "tkr": "tkr", "%": "%", "st": "st"}
AXIS_TEXT: dict[Unit, str] = {"kr": "kr", "tkr": "tkr", "%": "%", "st": "antal"}


def value_text(value: Decimal, unit: Unit) -> str:
    """A value as printed on a chart: ``2 849 693``, ``68,2 %``."""
    return swedish(value) + ("\u00a0%" if unit == "%" else "")


def spoken(value: Decimal, unit: Unit) -> str:
    """A value with its unit, for the aria-label and the tooltips: ``2 849 693 kr``."""
    return f"{swedish(value)}\u00a0{UNIT_WORD[unit]}"


def _n(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")


def _a(text: str) -> str:
    return escape(text, quote=True)


def _text(x: float, y: float, content: str, anchor: str = "start", extra: str = "") -> str:
    anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{_n(x)}" y="{_n(y)}"{anchor_attr}{extra}>{_a(content)}</text>'


def _tip(what: str, value: Decimal, unit: Unit) -> str:
    """A tooltip: ``<title>Enter, Budget 2021: 2 878 200 kr</title>``."""
    return f"<title>{_a(what)}: {_a(spoken(value, unit))}</title>"


def _fitted(text: str, width: float) -> str:
    """The text, shortened with an ellipsis to about ``width`` pixels (full text in a title)."""
    chars = max(int(width / CHAR), 4)
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _label(x: float, y: float, text: str, width: float, anchor: str = "end") -> str:
    shown = _fitted(text, width)
    if shown == text:
        return _text(x, y, text, anchor)
    anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{_n(x)}" y="{_n(y)}"{anchor_attr}><title>{_a(text)}</title>{_a(shown)}</text>'


def ticks(lo: Decimal, hi: Decimal, count: int = 5) -> list[Decimal]:
    """Round axis steps (1, 2, 2.5 or 5 times a power of ten) covering ``lo`` to ``hi``."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    base = Decimal(1).scaleb(raw.adjusted())
    step = next(
        m * base
        for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
        if m * base >= raw
    )
    start = (lo / step).to_integral_value(rounding=ROUND_FLOOR) * step
    end = (hi / step).to_integral_value(rounding=ROUND_CEILING) * step
    return [start + step * i for i in range(int((end - start) / step) + 1)]


def _tick_text(value: Decimal, unit: Unit) -> str:
    number = int(value) if value == value.to_integral_value() else value.normalize()
    return value_text(Decimal(number), unit)


def _values(series: Iterable[Series]) -> list[Decimal]:
    return [v for s in series for v in s.values if v is not None]


def _legend(items: list[tuple[str, str, bool]], y: float) -> tuple[list[str], float]:
    """Swatches and names (colour, name, dashed line), wrapped; the parts and the height used."""
    parts: list[str] = []
    x, row = 0.0, 0
    for colour, name, dashed in items:
        width = 26 + len(name) * CHAR
        if x and x + width > WIDTH:
            x, row = 0.0, row + 1
        top = y + row * LINE
        if dashed:
            parts.append(
                f'<line x1="{_n(x)}" y1="{_n(top + 5)}" x2="{_n(x + 14)}" y2="{_n(top + 5)}" '
                f'stroke="{colour}" stroke-width="2" stroke-dasharray="4 3"/>'
            )
        else:
            parts.append(
                f'<rect x="{_n(x)}" y="{_n(top)}" width="10" height="10" fill="{colour}"/>'
            )
        parts.append(_text(x + 18, top + 9, name))
        x += width + 14
    return parts, (row + 1) * LINE


def summary(chart: Chart) -> str:
    """The chart in words (its aria-label): the title, then each series' values by category."""
    texts = []
    for series in chart.series:
        values = ", ".join(
            f"{category} {spoken(value, chart.unit)}"
            for category, value in zip(chart.categories, series.values, strict=True)
            if value is not None
        )
        texts.append(values if len(chart.series) == 1 else f"{series.name}: {values}")
    return f"{chart.title}. " + "; ".join(texts) + "."


def _bars(chart: Chart) -> tuple[list[str], float]:
    """Horizontal bars, one band per category, one bar per series, the value at its end."""
    palette = BAR_PALETTE if len(chart.series) > 1 else PALETTE
    parts, top = _legend(
        [(palette[i % len(palette)], s.name, False) for i, s in enumerate(chart.series)], 0
    )
    top += 8
    values = _values(chart.series)
    value_width = max(len(value_text(v, chart.unit)) for v in values) * CHAR + 8
    label_width = min(max(len(c) for c in chart.categories) * CHAR + 10, 230)
    negative = any(v < 0 for v in values)
    x0 = label_width + (value_width if negative else 0)
    x1 = WIDTH - value_width
    steps = ticks(min([Decimal(0), *values]), max([Decimal(0), *values]))
    lo, hi = float(steps[0]), float(steps[-1])

    def x(value: Decimal | float) -> float:
        return x0 + (float(value) - lo) / (hi - lo) * (x1 - x0)

    bar = 12.0 if len(chart.series) > 1 else 16.0
    band = bar * len(chart.series) + 10
    bottom = top + band * len(chart.categories)
    for step in steps:
        opacity = "0.6" if step == 0 else "0.15"
        parts.append(
            f'<line x1="{_n(x(step))}" y1="{_n(top)}" x2="{_n(x(step))}" y2="{_n(bottom)}" '
            f'stroke="currentColor" stroke-opacity="{opacity}"/>'
        )
        parts.append(_text(x(step), bottom + 14, _tick_text(step, chart.unit), "middle"))
    for c, category in enumerate(chart.categories):
        band_top = top + c * band + 5
        parts.append(
            _label(
                label_width - 8,
                band_top + bar * len(chart.series) / 2 + 4,
                category,
                label_width - 10,
            )
        )
        for s, series in enumerate(chart.series):
            value = series.values[c]
            if value is None:
                continue
            y = band_top + s * bar
            left, right = sorted((x(0), x(value)))
            colour = palette[s % len(palette)]
            parts.append(
                f'<rect class="bar" x="{_n(left)}" y="{_n(y)}" width="{_n(right - left)}" '
                f'height="{_n(bar - 1)}" fill="{colour}" data-value="{value}">'
                f"{_tip(f'{category}, {series.name}', value, chart.unit)}</rect>"
            )
            if value < 0:
                parts.append(
                    _text(
                        left - 4,
                        y + bar - 3,
                        value_text(value, chart.unit),
                        "end",
                        ' font-size="10"',
                    )
                )
            else:
                parts.append(
                    _text(
                        right + 4,
                        y + bar - 3,
                        value_text(value, chart.unit),
                        extra=' font-size="10"',
                    )
                )
    return parts, bottom + 22


def _pie(chart: Chart) -> tuple[list[str], float]:
    """A pie from 12 o'clock, clockwise; a legend with each category's value beside it."""
    series = chart.series[0]
    r, cx, cy = 100.0, 110.0, 110.0
    present = [(c, v) for c, v in enumerate(series.values) if v is not None]
    total = float(sum((v for _, v in present if v > 0), Decimal(0)))
    parts: list[str] = []
    angle = -math.pi / 2
    name_width = max(len(chart.categories[c]) for c, _ in present) * CHAR
    for c, value in present:
        colour = PALETTE[c % len(PALETTE)]
        category = chart.categories[c]
        tip = _tip(category, value, chart.unit)
        share = float(value) / total if total and value > 0 else 0.0
        end = angle + share * 2 * math.pi
        attributes = f'class="slice" fill="{colour}" stroke="#fff" data-value="{value}"'
        if share >= 0.9999:
            parts.append(
                f'<circle {attributes} cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(r)}">{tip}</circle>'
            )
        elif share > 0:
            large = 1 if share > 0.5 else 0
            parts.append(
                f'<path {attributes} d="M{_n(cx)},{_n(cy)} '
                f"L{_n(cx + r * math.cos(angle))},{_n(cy + r * math.sin(angle))} "
                f"A{_n(r)},{_n(r)} 0 {large},1 "
                f"{_n(cx + r * math.cos(end))},{_n(cy + r * math.sin(end))} "
                f'Z">{tip}</path>'
            )
        if share >= 0.06:
            middle = (angle + end) / 2
            fill = "#fff" if colour in DARK else "#111"
            parts.append(
                _text(
                    cx + 0.64 * r * math.cos(middle),
                    cy + 0.64 * r * math.sin(middle) + 4,
                    value_text(value, chart.unit),
                    "middle",
                    f' fill="{fill}" font-size="10"',
                )
            )
        angle = end
    legend_x = 2 * cx + 30
    for row, (c, value) in enumerate(present):
        y = 30 + row * (LINE + 4)
        parts.append(
            f'<rect x="{_n(legend_x)}" y="{_n(y - 9)}" width="10" height="10" '
            f'fill="{PALETTE[c % len(PALETTE)]}"/>'
        )
        parts.append(_label(legend_x + 18, y, chart.categories[c], WIDTH - legend_x - 90, "start"))
        parts.append(
            _text(
                min(legend_x + 18 + name_width + 70, WIDTH - 4),
                y,
                value_text(value, chart.unit),
                "end",
            )
        )
    return parts, max(2 * cy, 30 + len(present) * (LINE + 4))


def _line(chart: Chart) -> tuple[list[str], float]:
    """Lines over the categories: the figures with their values, a riktvärde dashed."""
    colours = []
    data_index = 0
    for series in chart.series:
        if series.guidance:
            colours.append(GUIDANCE)
        else:
            colours.append(PALETTE[data_index % len(PALETTE)])
            data_index += 1
    parts, top = _legend([(colours[i], s.name, s.guidance) for i, s in enumerate(chart.series)], 0)
    values = _values(chart.series)
    least, most = min([Decimal(0), *values]), max([Decimal(0), *values])
    steps = ticks(least, most + (most - least) * Decimal("0.08"))  # room for the top label
    lo, hi = float(steps[0]), float(steps[-1])
    axis_width = max(len(_tick_text(t, chart.unit)) for t in steps) * CHAR + 10
    x0, x1 = axis_width, WIDTH - 10.0
    top += 20
    bottom = top + 200
    band = (x1 - x0) / len(chart.categories)

    def y(value: Decimal) -> float:
        return bottom - (float(value) - lo) / (hi - lo) * (bottom - top)

    def x(c: int) -> float:
        return x0 + band * (c + 0.5)

    parts.append(
        _text(
            0, top - 8, AXIS_TEXT[chart.unit] if chart.unit != "%" else "%", extra=' font-size="10"'
        )
    )
    for step in steps:
        opacity = "0.6" if step == 0 else "0.15"
        parts.append(
            f'<line x1="{_n(x0)}" y1="{_n(y(step))}" x2="{_n(x1)}" y2="{_n(y(step))}" '
            f'stroke="currentColor" stroke-opacity="{opacity}"/>'
        )
        parts.append(_text(x0 - 6, y(step) + 4, _tick_text(step, chart.unit), "end"))
    for c, category in enumerate(chart.categories):
        parts.append(_label(x(c), bottom + 16, category, band - 4, "middle"))
    for s, series in enumerate(chart.series):
        colour = colours[s]
        points = [(c, v) for c, v in enumerate(series.values) if v is not None]
        runs: list[list[tuple[float, float]]] = []
        previous = -2
        for c, value in points:
            if c != previous + 1:
                runs.append([])
            runs[-1].append((x(c), y(value)))
            previous = c
        dash = ' stroke-dasharray="6 4"' if series.guidance else ""
        for run in runs:
            if series.guidance:  # across the whole band of the first and last category
                run = [(run[0][0] - band / 2, run[0][1]), *run, (run[-1][0] + band / 2, run[-1][1])]
            if len(run) > 1:
                path = " ".join(f"{_n(px)},{_n(py)}" for px, py in run)
                parts.append(
                    f'<polyline class="line" points="{path}" fill="none" stroke="{colour}" '
                    f'stroke-width="2"{dash}/>'
                )
        constant = series.guidance and len({v for _, v in points}) == 1
        for i, (c, value) in enumerate(points):
            tip = _tip(f"{chart.categories[c]}, {series.name}", value, chart.unit)
            if not series.guidance:
                parts.append(
                    f'<circle class="point" cx="{_n(x(c))}" cy="{_n(y(value))}" r="3.5" '
                    f'fill="{colour}" data-value="{value}">{tip}</circle>'
                )
                parts.append(_text(x(c), y(value) - 8, value_text(value, chart.unit), "middle"))
            elif not constant or i == len(points) - 1:
                label_x = x(c) + band / 2 - 2 if constant else x(c)
                parts.append(
                    _text(
                        label_x,
                        y(value) + 14,
                        value_text(value, chart.unit),
                        "end" if constant else "middle",
                        f' fill="{GUIDANCE}" font-size="10"',
                    )
                )
    return parts, bottom + 26


def svg(chart: Chart) -> str:
    """The chart as an ``<svg>`` element (well-formed XML, no external references)."""
    draw = {"bar": _bars, "pie": _pie, "line": _line}[chart.kind]
    parts, height = draw(chart)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {chart.kind}" role="img" '
        f'aria-label="{_a(summary(chart))}" width="{WIDTH}" height="{_n(height)}" '
        f'viewBox="0 0 {WIDTH} {_n(height)}" font-family="{_a(FONT)}" font-size="11" '
        f'fill="currentColor"><title>{_a(chart.title)}</title>{"".join(parts)}</svg>'
    )


def figure(chart: Chart) -> str:
    """The chart as an HTML ``<figure>``: the SVG, then its title as the caption."""
    return (
        f'<figure class="chart" id="{_a(chart.id)}">{svg(chart)}'
        f"<figcaption>{_a(chart.title)}</figcaption></figure>"
    )
