"""Small charts as SVG text, drawn on the server for the PDFs and the pages (no Django here).

WeasyPrint draws inline SVG as vector graphics, so a report's charts stay sharp when printed
and their figures stay in the file. Two kinds are enough for the house: grouped vertical bars
(per year: planned against realised, a cumulative cash flow) and a tornado (horizontal bars
around a base value). Geometry is in SVG user units (px); values are plain numbers in the
caller's unit, formatted by the caller's ``fmt`` (Danish thousands separators, say).

Every bar carries ``data-value`` with the value it stands for, so a test can check that its
height is proportional to the value.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

Formatter = Callable[[float], str]


def _plain(value: float) -> str:
    return f"{value:,.0f}"


@dataclass(frozen=True)
class Series:
    """One series of a bar chart: a label for the legend, one value per category (None leaves
    the bar out: not known yet), and a fill colour."""

    label: str
    values: Sequence[float | None]
    colour: str


@dataclass(frozen=True)
class TornadoBar:
    """One line of a tornado: the result (say NPV in DKK) with the line at its low and its high
    end."""

    label: str
    low: float
    high: float


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round axis ticks covering ``low``..``high`` (steps of 1, 2 or 5 times a power of ten)."""
    if high == low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _text(x: float, y: float, text: str, *, anchor: str = "middle", size: int = 10,
          weight: str = "normal", fill: str = "#1f2933") -> str:  # fmt: skip
    return (
        f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size}" text-anchor="{anchor}" '
        f'font-weight="{weight}" fill="{fill}">{escape(text)}</text>'
    )


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    width: int = 640,
    height: int = 240,
    fmt: Formatter = _plain,
) -> str:
    """Grouped vertical bars, one group per category, with a value axis through zero.

    The plot area runs from ``top`` to ``bottom``; a bar of value v is ``abs(v) * scale`` high,
    scale = plot height / (axis max - axis min), drawn up from the zero line (down when v < 0).
    """
    left, right, top, bottom = 78.0, 10.0, 36.0, height - 24.0
    values = [v for s in series for v in s.values if v is not None]
    ticks = nice_ticks(min([0.0, *values]), max([0.0, *values]))
    lowest, highest = ticks[0], ticks[-1]
    scale = (bottom - top) / (highest - lowest)

    def y_of(value: float) -> float:
        return bottom - (value - lowest) * scale

    zero = y_of(0.0)
    plot_width = width - left - right
    group = plot_width / max(len(categories), 1)
    bar = group * 0.8 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="svg-chart">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left:.2f}" y1="{y:.2f}" x2="{width - right:.2f}" y2="{y:.2f}" '
            f'stroke="#e2e6ea" stroke-width="1"/>'
        )
        parts.append(_text(left - 4, y + 3, fmt(tick), anchor="end", size=9))
    legend_x = left
    for item in series:
        parts.append(
            f'<rect x="{legend_x:.2f}" y="8" width="10" height="10" fill="{item.colour}"/>'
        )
        parts.append(_text(legend_x + 14, 17, item.label, anchor="start", size=10))
        legend_x += 24 + 6.2 * len(item.label)
    for index, category in enumerate(categories):
        x0 = left + index * group + group * 0.1
        for number, item in enumerate(series):
            value = item.values[index] if index < len(item.values) else None
            if value is None:
                continue
            y = min(zero, y_of(value))
            parts.append(
                f'<rect class="bar" x="{x0 + number * bar:.2f}" y="{y:.2f}" '
                f'width="{bar * 0.92:.2f}" height="{abs(value) * scale:.2f}" '
                f'fill="{item.colour}" data-series="{escape(item.label)}" '
                f'data-category="{escape(category)}" data-value="{value:.2f}"/>'
            )
        parts.append(_text(left + index * group + group / 2, height - 8, category, size=9))
    parts.append(
        f'<line x1="{left:.2f}" y1="{zero:.2f}" x2="{width - right:.2f}" y2="{zero:.2f}" '
        f'stroke="#52606d" stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def tornado_chart(
    bars: Sequence[TornadoBar],
    *,
    base: float,
    title: str,
    low_label: str,
    high_label: str,
    width: int = 640,
    fmt: Formatter = _plain,
) -> str:
    """Horizontal bars from ``base`` to each line's low and high result, widest first as given.

    A bar's length is ``abs(result - base) * scale``, scale = plot width / axis span.
    """
    label_width, right, top, row = 190.0, 14.0, 30.0, 22.0
    height = int(top + row * len(bars) + 30)
    values = [base, *(b.low for b in bars), *(b.high for b in bars)]
    ticks = nice_ticks(min(values), max(values))
    lowest, highest = ticks[0], ticks[-1]
    plot = width - label_width - right
    scale = plot / (highest - lowest)

    def x_of(value: float) -> float:
        return label_width + (value - lowest) * scale

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="svg-chart">',
        f"<title>{escape(title)}</title>",
        f'<rect x="{label_width:.2f}" y="8" width="10" height="10" fill="#b45309"/>',
        _text(label_width + 14, 17, low_label, anchor="start"),
        f'<rect x="{label_width + 30 + 6.2 * len(low_label):.2f}" y="8" width="10" height="10" '
        f'fill="#15803d"/>',
        _text(label_width + 44 + 6.2 * len(low_label), 17, high_label, anchor="start"),
    ]
    for tick in ticks:
        x = x_of(tick)
        parts.append(
            f'<line x1="{x:.2f}" y1="{top:.2f}" x2="{x:.2f}" y2="{height - 22:.2f}" '
            f'stroke="#e2e6ea" stroke-width="1"/>'
        )
        parts.append(_text(x, height - 8, fmt(tick), size=9))
    for index, item in enumerate(bars):
        y = top + index * row + 3
        label = item.label if len(item.label) <= 32 else item.label[:31] + "…"
        parts.append(_text(label_width - 6, y + 12, label, anchor="end", size=9))
        for value, colour, end in ((item.low, "#b45309", "low"), (item.high, "#15803d", "high")):
            x = min(x_of(base), x_of(value))
            length = abs(value - base) * scale
            parts.append(
                f'<rect class="bar" x="{x:.2f}" y="{y:.2f}" width="{length:.2f}" '
                f'height="{row - 6:.2f}" fill="{colour}" data-end="{end}" '
                f'data-category="{escape(item.label)}" data-value="{value:.2f}"/>'
            )
    base_x = x_of(base)
    parts.append(
        f'<line x1="{base_x:.2f}" y1="{top - 4:.2f}" x2="{base_x:.2f}" y2="{height - 22:.2f}" '
        f'stroke="#1f2933" stroke-width="1.2"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
