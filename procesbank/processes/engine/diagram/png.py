"""The drawing of :mod:`procesbank.processes.engine.diagram.svg` as a PNG, with Pillow: the
same primitives and geometry, for documents that cannot hold SVG (a Word report).

Pure: Pillow, no Django.
"""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Sequence
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from procesbank.processes.engine.diagram.svg import (
    LINE_HEIGHT,
    STROKE,
    BoundsF,
    Circle,
    Drawing,
    Line,
    Point,
    Polygon,
    Rect,
    Text,
    extent_of,
)

#: The longest side of the image, in pixels: 2x the diagram's pixels for a sharp print,
#: less for a wide diagram, so a 400-task process stays a few megabytes.
MAX_SIDE = 6000
MAX_SCALE = 2.0
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSans.ttf",
)

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _font(size: int) -> Font:
    for path in FONT_FILES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def render_png(drawing: Drawing, view: BoundsF | None = None) -> tuple[bytes, float]:
    """The drawing (or the part ``view``, a tile of
    :func:`~procesbank.processes.engine.diagram.svg.tiles`) as PNG bytes, and the scale used
    (image pixels per diagram pixel)."""
    left, top, view_width, view_height = view or (
        drawing.x,
        drawing.y,
        drawing.width,
        drawing.height,
    )
    longest = max(view_width, view_height, 1.0)
    scale = min(MAX_SCALE, MAX_SIDE / longest)
    width = max(math.ceil(view_width * scale), 1)
    height = max(math.ceil(view_height * scale), 1)
    image = Image.new("RGB", (width, height), "white")
    canvas = ImageDraw.Draw(image)

    def at(point: Point) -> tuple[float, float]:
        return ((point[0] - left) * scale, (point[1] - top) * scale)

    for item in drawing.primitives:
        if view is not None:
            low, high = extent_of(item)
            if high < left or low > left + view_width:
                continue
        if isinstance(item, Rect):
            _rect(canvas, item, at, scale)
        elif isinstance(item, Circle):
            _circle(canvas, item, at, scale)
        elif isinstance(item, Polygon):
            points = [at(p) for p in item.points]
            canvas.polygon(
                points,
                fill=item.fill or None,
                outline=STROKE,
                width=max(round(item.stroke_width * scale), 1),
            )
        elif isinstance(item, Line):
            _polyline(
                canvas, [at(p) for p in item.points], item.stroke_width * scale, item.dash, scale
            )
        else:
            _text(image, canvas, item, at, scale)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue(), scale


def _rect(canvas: ImageDraw.ImageDraw, item: Rect, at: object, scale: float) -> None:
    x0, y0 = at((item.x, item.y))  # type: ignore[operator]
    x1, y1 = x0 + item.width * scale, y0 + item.height * scale
    width = max(round(item.stroke_width * scale), 1)
    if x1 <= x0 or y1 <= y0:
        return
    if item.dash:
        if item.fill:
            canvas.rectangle((x0, y0, x1, y1), fill=item.fill)
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]
        _polyline(canvas, corners, item.stroke_width * scale, item.dash, scale)
        return
    radius = min(item.radius * scale, (x1 - x0) / 2, (y1 - y0) / 2)
    canvas.rounded_rectangle(
        (x0, y0, x1, y1), radius=radius, fill=item.fill or None, outline=STROKE, width=width
    )


def _circle(canvas: ImageDraw.ImageDraw, item: Circle, at: object, scale: float) -> None:
    cx, cy = at((item.cx, item.cy))  # type: ignore[operator]
    r = item.r * scale
    if r <= 0:
        return
    if item.dash:
        if item.fill:
            canvas.ellipse((cx - r, cy - r, cx + r, cy + r), fill=item.fill)
        ring = [
            (cx + r * math.cos(2 * math.pi * i / 48), cy + r * math.sin(2 * math.pi * i / 48))
            for i in range(49)
        ]
        _polyline(canvas, ring, item.stroke_width * scale, item.dash, scale)
        return
    canvas.ellipse(
        (cx - r, cy - r, cx + r, cy + r),
        fill=item.fill or None,
        outline=STROKE,
        width=max(round(item.stroke_width * scale), 1),
    )


def _polyline(
    canvas: ImageDraw.ImageDraw,
    points: Sequence[tuple[float, float]],
    width: float,
    dash: Sequence[float],
    scale: float,
) -> None:
    stroke = max(round(width), 1)
    if not dash:
        canvas.line(list(points), fill=STROKE, width=stroke, joint="curve")
        return
    pattern = [max(d * scale, 1.0) for d in dash]
    index, left, drawing = 0, pattern[0], True
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        done = 0.0
        while done < length:
            step = min(left, length - done)
            if drawing:
                a, b = done / length, (done + step) / length
                canvas.line(
                    [
                        (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                        (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b),
                    ],
                    fill=STROKE,
                    width=stroke,
                )
            done += step
            left -= step
            if left <= 1e-9:
                index = (index + 1) % len(pattern)
                left, drawing = pattern[index], not drawing


def _text(
    image: Image.Image, canvas: ImageDraw.ImageDraw, item: Text, at: object, scale: float
) -> None:
    font = _font(max(round(item.size * scale), 6))
    step = item.size * LINE_HEIGHT * scale
    x, y = at((item.x, item.y))  # type: ignore[operator]
    if not item.vertical:
        anchor = "mm" if item.anchor == "middle" else "lm"
        for i, line in enumerate(item.lines):
            canvas.text((x, y + i * step), line, font=font, fill=STROKE, anchor=anchor)
        return
    # Draw the lines on their own image, turn it a quarter to the left and paste it centred.
    widths = [canvas.textlength(line, font=font) for line in item.lines] or [0.0]
    box_width = int(max(widths)) + 4
    box_height = int(step * len(item.lines)) + 4
    label = Image.new("RGBA", (box_width, box_height), (255, 255, 255, 0))
    label_canvas = ImageDraw.Draw(label)
    for i, line in enumerate(item.lines):
        label_canvas.text(
            (box_width / 2, step / 2 + 2 + i * step), line, font=font, fill=STROKE, anchor="mm"
        )
    turned = label.rotate(90, expand=True)
    image.paste(turned, (int(x - turned.width / 2), int(y - turned.height / 2)), turned)
