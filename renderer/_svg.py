"""The laid-out plan as an SVG document, the same picture as the raster one.

Texts stay live `<text>`: one per line, a `<tspan>` per piece the raster draws in one call (a face's segment,
split further where its direction changes), each at the pen position and baseline the raster used, in the exact
font family the raster used. Frames, shapes, icons, QR codes, controls and charts are vector; pictures, sprites and
generated regions are the raster's pixels, embedded as PNG and cut to their boxes.
"""

from __future__ import annotations

import base64
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import segno
from PIL import Image

from tessera.contract import (
    Box,
    ChartElement,
    ControlElement,
    DrawnItem,
    Element,
    Frame,
    GradientBackground,
    IconElement,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    QrElement,
    ShapeElement,
    SolidBackground,
    TextElement,
    script_runs,
)
from tessera.contract.bidi import RTL_SCRIPTS, run_levels, visual_order
from tessera.contract.icons import find_icon, square_in
from tessera.contract.plan import clamped_box
from tessera.renderer._chart import chart_svg
from tessera.renderer._controls import control_svg
from tessera.renderer._fallback import FaceChain, Segment
from tessera.renderer._fonts import FontBook, FontFace, load_font
from tessera.renderer._frames import has_look
from tessera.renderer._icons import PLACEHOLDER_COLOR, PLACEHOLDER_ICON
from tessera.renderer._line import inline_emoji, placed_pieces
from tessera.renderer._qr import ERROR_CORRECTION, QUIET_ZONE
from tessera.renderer._shapes import DEFAULT_INK, DIVIDER_THICKNESS, QUIET_DIVIDER, line_rule
from tessera.renderer._text import TextLayout

Painter = Callable[[Image.Image], object]


@dataclass(frozen=True)
class RasterPart:
    """Pixels the SVG embeds as they were painted: an RGBA image and where its corner lies on the canvas."""

    x: int
    y: int
    image: Image.Image


@dataclass
class SvgSources:
    """What only painting knows, kept while painting for the SVG: every text's layout, every raster part's pixels."""

    texts: dict[str, TextLayout] = field(default_factory=dict)
    rasters: dict[str, RasterPart] = field(default_factory=dict)

    def keep_pixels(self, leaf: Element, canvas: Image.Image, item: DrawnItem, fonts: FontBook) -> None:
        """Keep the pixels of a picture or object group just painted on `canvas` (others draw as vectors).

        Pictures and generated instances are cut from the canvas (opaque in their boxes); sprites are painted
        again over black and over white, which gives their colours and their alpha exactly.
        """
        from tessera.renderer._objects import paint_objects

        if isinstance(leaf, PictureElement):
            self._cut(leaf.id, canvas, leaf.placed_box)
        elif isinstance(leaf, ObjectGroup) and item.generator is not None and item.ink_box is not None:
            self._cut(leaf.id, canvas, item.ink_box)
        elif isinstance(leaf, ObjectGroup):
            part = matted(lambda layer: paint_objects(layer, leaf, fonts), canvas.size)
            if part is not None:
                self.rasters[leaf.id] = part

    def _cut(self, node_id: str, canvas: Image.Image, box: Box) -> None:
        inside = box.intersection(Box(x=0, y=0, w=canvas.width, h=canvas.height))
        if inside is not None:
            crop = canvas.crop((inside.x, inside.y, inside.right, inside.bottom)).convert("RGBA")
            self.rasters[node_id] = RasterPart(inside.x, inside.y, crop)


def matted(paint: Painter, size: tuple[int, int]) -> RasterPart | None:
    """What `paint` leaves on a canvas of `size`, as RGBA cut to its ink: painted over black and over white, the
    difference is how much of the ground shows through (1 - alpha), and the black one is colour times alpha."""
    over_black, over_white = Image.new("RGB", size, (0, 0, 0)), Image.new("RGB", size, (255, 255, 255))
    paint(over_black)
    paint(over_white)
    black = np.asarray(over_black, dtype=np.float32)
    white = np.asarray(over_white, dtype=np.float32)
    alpha = np.clip(255.0 - (white - black).mean(axis=2), 0.0, 255.0)
    rows, columns = np.nonzero(alpha > 0)
    if not len(rows):
        return None
    top, bottom, left, right = rows.min(), rows.max() + 1, columns.min(), columns.max() + 1
    a = alpha[top:bottom, left:right]
    colour = black[top:bottom, left:right] * 255.0 / np.maximum(a, 1.0)[..., None]
    rgba = np.dstack([np.clip(colour, 0, 255), a]).round().astype(np.uint8)
    return RasterPart(int(left), int(top), Image.fromarray(rgba, "RGBA"))


class _Document:
    """The SVG being written: definitions (gradients, filters) and the body, with fresh ids for definitions."""

    def __init__(self) -> None:
        self.defs: list[str] = []
        self.body: list[str] = []
        self._count = 0

    def new_id(self, kind: str) -> str:
        self._count += 1
        return f"tessera-{kind}-{self._count}"

    def gradient(self, fill: GradientBackground, box: Box) -> str:
        """A linear gradient across `box` running as `linear_gradient` paints it; returns its `url(#...)`."""
        angle = math.radians(fill.angle_deg)
        dx, dy = math.cos(angle), math.sin(angle)
        corners = [0.0, box.w * dx, box.h * dy, box.w * dx + box.h * dy]
        low, high = min(corners), max(corners)
        gradient_id = self.new_id("gradient")
        self.defs.append(
            f'<linearGradient id="{gradient_id}" gradientUnits="userSpaceOnUse" '
            f'x1="{_n(box.x + low * dx)}" y1="{_n(box.y + low * dy)}" '
            f'x2="{_n(box.x + high * dx)}" y2="{_n(box.y + high * dy)}">'
            f'<stop offset="0" stop-color="{fill.start}"/><stop offset="1" stop-color="{fill.end}"/></linearGradient>'
        )
        return f"url(#{gradient_id})"


def plan_svg(
    plan: LayoutPlan,
    paint_order: Iterable[Frame | Element],
    items: Mapping[str, DrawnItem],
    sources: SvgSources,
    fonts: FontBook,
) -> str:
    """The laid-out `plan` as an SVG document, its nodes in `paint_order`, as `items` say they were drawn."""
    width, height = plan.canvas.width, plan.canvas.height
    document = _Document()
    _background(document, plan, width, height)
    for node in paint_order:
        if isinstance(node, Frame):
            if has_look(node):
                document.body.append(_frame(document, node))
        elif isinstance(node, TextElement):
            layout = sources.texts.get(node.id)
            if layout is not None:
                document.body.append(_text(node, layout, fonts))
        elif isinstance(node, ShapeElement):
            document.body.append(_shape(node))
        elif isinstance(node, IconElement):
            document.body.append(_icon(node))
        elif isinstance(node, QrElement):
            document.body.append(_qr(node))
        elif isinstance(node, ControlElement):
            document.body.append(control_svg(node))
        elif isinstance(node, ChartElement):
            document.body.append(_chart(node, plan, fonts))
        elif node.id in sources.rasters:
            document.body.append(_image(sources.rasters[node.id], node.id))
    defs = f"<defs>{''.join(document.defs)}</defs>" if document.defs else ""
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"{defs}{''.join(document.body)}</svg>\n"
    )


def _n(value: float) -> str:
    """A coordinate, to a hundredth of a pixel."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _node(node_id: str) -> str:
    return f"data-node={quoteattr(node_id)}"


def _background(document: _Document, plan: LayoutPlan, width: int, height: int) -> None:
    background = plan.background
    whole = Box(x=0, y=0, w=width, h=height)
    if isinstance(background, GradientBackground):
        fill = document.gradient(background, whole)
    elif isinstance(background, SolidBackground):
        fill = background.color
    else:  # transparent: nothing under the plan
        return
    document.body.append(f'<rect data-node="background" width="{width}" height="{height}" fill="{fill}"/>')


# Frames and shapes ---------------------------------------------------------------------------------------------------


def _radius(box: Box, radius: int) -> int:
    return max(0, min(radius, box.w // 2, box.h // 2))


def _rect(box: Box, radius: float, attributes: str, inset: float = 0.0) -> str:
    rx = f' rx="{_n(radius)}"' if radius > 0 else ""
    return (
        f'<rect x="{_n(box.x + inset)}" y="{_n(box.y + inset)}" width="{_n(box.w - 2 * inset)}" '
        f'height="{_n(box.h - 2 * inset)}"{rx} {attributes}/>'
    )


def _outline(box: Box, ellipse: bool, radius: int, attributes: str, inset: float = 0.0) -> str:
    """The shape filling `box` (an ellipse, or a rectangle with corners of `radius`), `inset` pixels in."""
    if ellipse:
        return (
            f'<ellipse cx="{_n(box.x + box.w / 2)}" cy="{_n(box.y + box.h / 2)}" rx="{_n(box.w / 2 - inset)}" '
            f'ry="{_n(box.h / 2 - inset)}" {attributes}/>'
        )
    return _rect(box, max(0.0, radius - inset), attributes, inset)


def _ring(box: Box, ellipse: bool, radius: int, color: str, width: int) -> str:
    """A stroke `width` pixels wide just inside the shape's edge, as `ring_mask` paints it."""
    if box.w - 2 * width <= 0 or box.h - 2 * width <= 0:
        return _outline(box, ellipse, radius, f'fill="{color}"')
    return _outline(box, ellipse, radius, f'fill="none" stroke="{color}" stroke-width="{width}"', width / 2)


def _frame(document: _Document, frame: Frame) -> str:
    box = frame.placed_box
    radius = _radius(box, frame.radius)
    parts: list[str] = []
    shadow = frame.shadow
    if shadow is not None and shadow.opacity > 0:
        attributes = f'fill="{shadow.color}" fill-opacity="{_n(shadow.opacity)}"'
        if shadow.blur:
            filter_id = document.new_id("shadow")
            margin = 2 * shadow.blur
            document.defs.append(
                f'<filter id="{filter_id}" filterUnits="userSpaceOnUse" x="{box.x - margin}" y="{box.y - margin}" '
                f'width="{box.w + 2 * margin}" height="{box.h + 2 * margin}" color-interpolation-filters="sRGB">'
                f'<feGaussianBlur stdDeviation="{_n(shadow.blur / 2)}"/></filter>'
            )
            attributes += f' filter="url(#{filter_id})"'
        attributes += f' transform="translate({shadow.dx} {shadow.dy})"'
        parts.append(_rect(box, radius, attributes))
    if isinstance(frame.fill, GradientBackground):
        parts.append(_rect(box, radius, f'fill="{document.gradient(frame.fill, box)}"'))
    elif frame.fill is not None:
        parts.append(_rect(box, radius, f'fill="{frame.fill}"'))
    if frame.border is not None:
        parts.append(_ring(box, False, radius, frame.border.color, frame.border.width))
    return f"<g {_node(frame.id)}>{''.join(parts)}</g>"


def _shape(element: ShapeElement) -> str:
    box = element.placed_box
    if element.shape == "line":
        rule, color = line_rule(element)
        ruled = _rect(rule, 0, f'fill="{color}"')
        return f"<g {_node(element.id)}>{ruled}</g>"
    if element.shape == "divider":
        thickness = min(box.h, element.stroke_width or DIVIDER_THICKNESS)
        rule = clamped_box(box.x, box.y + (box.h - thickness) // 2, box.w, thickness)
        own = element.stroke or element.fill
        paint = f'fill="{own}"'
        if own is None:
            paint = f'fill="{DEFAULT_INK}" fill-opacity="{QUIET_DIVIDER / 255:.3f}"'
        return f"<g {_node(element.id)}>{_rect(rule, 0, paint)}</g>"
    if element.shape == "arrow":
        return _arrow(element)
    ellipse = element.shape == "ellipse"
    radius = _radius(box, element.corner_radius) if element.shape == "rounded_rectangle" else 0
    parts = []
    if element.fill is not None:
        parts.append(_outline(box, ellipse, radius, f'fill="{element.fill}"'))
    if element.stroke is not None and element.stroke_width > 0:
        parts.append(_ring(box, ellipse, radius, element.stroke, element.stroke_width))
    return f"<g {_node(element.id)}>{''.join(parts)}</g>"


def _arrow(element: ShapeElement) -> str:
    """A shaft and a triangular head along the box's longer side, as `_paint_arrow` draws it."""
    box = element.placed_box
    along, across = (box.w, box.h) if box.w >= box.h else (box.h, box.w)
    thickness = min(across, element.stroke_width or max(2, round(across / 8)))
    head_width = min(across, 4 * thickness)
    head_length = min(along / 2, 1.2 * head_width)
    middle, base = across / 2, along - head_length
    points = [
        (0.0, middle - thickness / 2),
        (base, middle - thickness / 2),
        (base, middle - head_width / 2),
        (along, middle),
        (base, middle + head_width / 2),
        (base, middle + thickness / 2),
        (0.0, middle + thickness / 2),
    ]
    if box.w < box.h:
        points = [(y, x) for x, y in points]
    path = " ".join(f"{_n(box.x + x)},{_n(box.y + y)}" for x, y in points)
    color = element.stroke or element.fill or DEFAULT_INK
    return f'<polygon {_node(element.id)} points="{path}" fill="{color}"/>'


# Icons, QR codes, charts, pixels -------------------------------------------------------------------------------------


def _icon(element: IconElement) -> str:
    square = square_in(element.placed_box)
    icon, color = find_icon(element.name), element.color
    if icon is None:
        icon, color = find_icon(PLACEHOLDER_ICON), PLACEHOLDER_COLOR
    if icon is None:
        return ""
    document = icon.svg(color, square.w)
    return document.replace("<svg ", f'<svg {_node(element.id)} x="{square.x}" y="{square.y}" ', 1)


def _qr(element: QrElement) -> str:
    """The code as `draw_qr` paints it: the square in the background colour, the dark modules as one path."""
    square = square_in(element.placed_box)
    code = segno.make_qr(element.data, error=ERROR_CORRECTION)
    matrix = [list(row) for row in code.matrix_iter(scale=1, border=QUIET_ZONE)]
    modules = len(matrix)
    scale = max(1, square.w // modules)
    side = modules * scale
    left, top = square.x + (square.w - side) // 2, square.y + (square.h - side) // 2
    runs: list[str] = []
    for row_index, row in enumerate(matrix):
        column = 0
        while column < modules:
            if not row[column]:
                column += 1
                continue
            start = column
            while column < modules and row[column]:
                column += 1
            x, y, length = left + start * scale, top + row_index * scale, (column - start) * scale
            runs.append(f"M{x} {y}h{length}v{scale}h-{length}z")
    background = _rect(square, 0, f'fill="{element.background}"')
    dark = f'<path d="{"".join(runs)}" fill="{element.color}" shape-rendering="crispEdges"/>'
    return f'<g {_node(element.id)} shape-rendering="crispEdges">{background}{dark}</g>'


_SVG_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_STYLE = re.compile(r"<style\b.*?</style>", re.DOTALL)
_SIZE = re.compile(r'\s(width|height)="[^"]*"')
_VIEW_BOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')


def _chart(element: ChartElement, plan: LayoutPlan, fonts: FontBook) -> str:
    """matplotlib's SVG of the chart, nested at its box; its stylesheet's defaults become inherited attributes."""
    document = _STYLE.sub("", _SVG_PROLOGUE.sub("", chart_svg(element, plan, fonts), count=1), count=1)
    root_end = document.index(">")
    root, rest = document[:root_end], document[root_end:]
    view_box = _VIEW_BOX.search(root)
    width, height = (view_box.group(1), view_box.group(2)) if view_box else (element.placed_box.w, element.placed_box.h)
    box = element.placed_box
    root = _SIZE.sub("", root).replace(
        "<svg ",
        f'<svg {_node(element.id)} x="{box.x}" y="{box.y}" width="{width}" height="{height}" '
        'stroke-linejoin="round" stroke-linecap="butt" ',
        1,
    )
    return root + rest


def _image(part: RasterPart, node_id: str) -> str:
    buffer = io.BytesIO()
    part.image.save(buffer, format="PNG", optimize=True)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<image {_node(node_id)} x="{part.x}" y="{part.y}" width="{part.image.width}" height="{part.image.height}" '
        f'preserveAspectRatio="none" xlink:href="data:image/png;base64,{data}"/>'
    )


# Text ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Run:
    """One stretch of a line in one face and one direction, where the raster put it."""

    order: tuple[int, int, int]  # the line's logical order: segment, piece of it, directional part of it
    x: float
    text: str
    face: FontFace


def _text(element: TextElement, layout: TextLayout, fonts: FontBook) -> str:
    """One `<text>` per line, a `<tspan>` per run in logical order, each at the x the raster drew it at; inline
    emoji as images over the text (a colour bitmap font is not something SVG renderers draw)."""
    chain = FaceChain.of(element, fonts)
    tracking = element.letter_spacing * layout.size
    primary = chain.primary
    lines: list[str] = []
    emoji: list[str] = []
    for (x, baseline), line in zip(layout.origins, layout.lines, strict=True):
        if not line:
            continue
        runs: list[_Run] = []
        for number, piece in enumerate(placed_pieces(chain, layout.size, line, tracking)):
            segment, at = piece.segment, x + piece.x
            if segment.face.color:
                emoji.append(_emoji(segment, layout.size, at, baseline))
            for part, (offset, text) in enumerate(_directional(segment, layout.size)):
                runs.append(_Run((piece.index, number, part), at + offset, text, segment.face))
        spans = "".join(_tspan(run, baseline, primary) for run in sorted(runs, key=lambda run: run.order))
        lines.append(
            f'<text xml:space="preserve" font-family={quoteattr(primary.family)}{_face_style(primary)} '
            f'font-size="{layout.size}">{spans}</text>'
        )
    return f'<g {_node(element.id)} fill="{element.color}">{"".join(lines)}{"".join(emoji)}</g>'


def _tspan(run: _Run, baseline: int, primary: FontFace) -> str:
    face = ""
    if run.face != primary:
        face = f" font-family={quoteattr(run.face.family)}{_face_style(run.face, primary)}"
    hidden = ' fill-opacity="0"' if run.face.color else ""
    return f'<tspan x="{_n(run.x)}" y="{baseline}"{face}{hidden}>{escape(run.text)}</tspan>'


def _face_style(face: FontFace, parent: FontFace | None = None) -> str:
    """font-weight and font-style as the face's file is cut (a face without a bold or italic cut stays plain)."""
    weight, style = _cut(face)
    parent_weight, parent_style = _cut(parent) if parent is not None else ("normal", "normal")
    found = ""
    if weight != parent_weight or parent is None and weight != "normal":
        found += f' font-weight="{weight}"'
    if style != parent_style or parent is None and style != "normal":
        found += f' font-style="{style}"'
    return found


def _cut(face: FontFace) -> tuple[str, str]:
    name = face.path.stem
    weight = "bold" if "Bold" in name else "normal"
    style = "italic" if "Italic" in name else "oblique" if "Oblique" in name else "normal"
    return weight, style


def _directional(segment: Segment, size: int) -> list[tuple[float, str]]:
    """The segment as parts of one direction each, in logical order, with their offsets from the segment's pen.

    A segment set right to left can hold numbers or Latin (raqm orders them inside the one call); as separate
    runs each SVG renderer lays out alike, whatever its own bidi does."""
    rtl_letters = any(run.script in RTL_SCRIPTS for run in script_runs(segment.text))
    if not rtl_letters and not segment.rtl:
        return [(0.0, segment.text)]
    pieces = [
        (part, level)
        for run in script_runs(segment.text)
        for piece, level in run_levels(run.text, run.script in RTL_SCRIPTS, segment.rtl)
        for part in _edge_spaces_apart(piece)
    ]
    if len(pieces) < 2:
        return [(0.0, segment.text)]
    font = load_font(segment.face, size)
    offsets = [0.0] * len(pieces)
    pen = 0.0
    for index in visual_order([level for _, level in pieces]):
        text, level = pieces[index]
        offsets[index] = pen
        pen += font.getlength(text, direction="rtl" if level % 2 else "ltr", language=segment.language)
    return [(offset, text) for offset, (text, _) in zip(offsets, pieces, strict=True)]


def _edge_spaces_apart(text: str) -> list[str]:
    """`text` with the spaces at its ends as pieces of their own: a renderer's bidi would move a right-to-left
    run's trailing space to the far end of its chunk, where the raster does not have it."""
    core = text.strip(" ")
    if not core:
        return [text]
    start = text.index(core)
    return [part for part in (text[:start], core, text[start + len(core) :]) if part]


def _emoji(segment: Segment, size: int, pen: float, baseline: int) -> str:
    image, (left, top) = inline_emoji(segment, size)
    return _image(RasterPart(round(pen + left), round(baseline + top), image.convert("RGBA")), f"emoji:{segment.text}")
