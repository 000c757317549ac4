"""Shapes: rectangles, rounded rectangles, ellipses, rules, dividers and arrows, filled and stroked, anti-aliased.

A line, divider or arrow takes its colour from `stroke`, else `fill`, else near-black ink; a divider with
neither is that ink at a fifth of its strength, so it reads as a quiet rule on any background.
"""

from __future__ import annotations

from typing import Literal

from PIL import Image, ImageChops, ImageDraw

from tessera.contract import Box, ShapeElement, hex_to_rgb
from tessera.contract.plan import clamped_box

Outline = Literal["rectangle", "rounded_rectangle", "ellipse"]

_SUPERSAMPLE = 4  # curves are drawn this many times larger and box-filtered down
_LARGE_AREA = 1 << 21  # above this many pixels, supersample 2x only, to bound memory
DEFAULT_INK = "#111111"
QUIET_DIVIDER = 51  # coverage (of 255) of a divider without a colour of its own
DIVIDER_THICKNESS = 2  # px, when the divider has no stroke width


def outline_mask(width: int, height: int, outline: Outline, radius: int = 0) -> Image.Image:
    """Coverage (mode L) of a shape filling a `width` x `height` box; curved edges anti-aliased."""
    if outline == "rectangle" or (outline == "rounded_rectangle" and radius <= 0):
        return Image.new("L", (width, height), 255)
    factor = _SUPERSAMPLE if width * height <= _LARGE_AREA else 2
    big = Image.new("L", (width * factor, height * factor), 0)
    draw = ImageDraw.Draw(big)
    corners = (0, 0, width * factor - 1, height * factor - 1)
    if outline == "ellipse":
        draw.ellipse(corners, fill=255)
    else:
        draw.rounded_rectangle(corners, radius=min(radius, width // 2, height // 2) * factor, fill=255)
    return big.reduce(factor)


def ring_mask(width: int, height: int, outline: Outline, radius: int, thickness: int) -> Image.Image:
    """Coverage of a stroke `thickness` pixels wide running just inside the shape's edge."""
    outer = outline_mask(width, height, outline, radius)
    inner_w, inner_h = width - 2 * thickness, height - 2 * thickness
    if inner_w <= 0 or inner_h <= 0:
        return outer
    inner = Image.new("L", (width, height), 0)
    inner.paste(outline_mask(inner_w, inner_h, outline, max(0, radius - thickness)), (thickness, thickness))
    return ImageChops.subtract(outer, inner)


def paint_shape(canvas: Image.Image, element: ShapeElement) -> Box:
    """Draw `element` on `canvas`; returns the box it covers."""
    shape = element.shape
    if shape == "line":
        return _paint_line(canvas, element)
    if shape == "divider":
        return _paint_divider(canvas, element)
    if shape == "arrow":
        return _paint_arrow(canvas, element)
    box = element.placed_box
    target = (box.x, box.y, box.right, box.bottom)
    if element.fill is not None:
        canvas.paste(hex_to_rgb(element.fill), target, outline_mask(box.w, box.h, shape, element.corner_radius))
    if element.stroke is not None and element.stroke_width > 0:
        ring = ring_mask(box.w, box.h, shape, element.corner_radius, element.stroke_width)
        canvas.paste(hex_to_rgb(element.stroke), target, ring)
    return box


def line_rule(element: ShapeElement) -> tuple[Box, str]:
    """A line's rule (through the middle of its box, along its longer side) and its colour: one geometry for the
    raster and the SVG."""
    box = element.placed_box
    color = element.stroke or element.fill or DEFAULT_INK
    if box.w >= box.h:
        thickness = min(element.stroke_width or box.h, box.h)
        return clamped_box(box.x, box.y + (box.h - thickness) // 2, box.w, thickness), color
    thickness = min(element.stroke_width or box.w, box.w)
    return clamped_box(box.x + (box.w - thickness) // 2, box.y, thickness, box.h), color


def _paint_line(canvas: Image.Image, element: ShapeElement) -> Box:
    rule, color = line_rule(element)
    canvas.paste(hex_to_rgb(color), (rule.x, rule.y, rule.right, rule.bottom))
    return rule


def _paint_divider(canvas: Image.Image, element: ShapeElement) -> Box:
    """A thin horizontal rule across the whole box, through its middle."""
    box = element.placed_box
    thickness = min(box.h, element.stroke_width or DIVIDER_THICKNESS)
    rule = clamped_box(box.x, box.y + (box.h - thickness) // 2, box.w, thickness)
    color = element.stroke or element.fill
    strength = 255 if color is not None else QUIET_DIVIDER
    mask = Image.new("L", (rule.w, rule.h), strength)
    canvas.paste(hex_to_rgb(color or DEFAULT_INK), (rule.x, rule.y, rule.right, rule.bottom), mask)
    return rule


def _paint_arrow(canvas: Image.Image, element: ShapeElement) -> Box:
    """A shaft with a triangular head: from the box's left to its right edge, or top to bottom when it is taller."""
    box = element.placed_box
    along, across = (box.w, box.h) if box.w >= box.h else (box.h, box.w)
    thickness = min(across, element.stroke_width or max(2, round(across / 8)))
    head_width = min(across, 4 * thickness)
    head_length = min(along / 2, 1.2 * head_width)
    factor = _SUPERSAMPLE
    big = Image.new("L", (along * factor, across * factor), 0)
    draw = ImageDraw.Draw(big)
    middle = across * factor / 2
    shaft_end = (along - head_length) * factor + 1  # a pixel under the head, so no seam shows
    draw.rectangle((0, middle - thickness * factor / 2, shaft_end, middle + thickness * factor / 2 - 1), fill=255)
    tip = along * factor - 1
    base = (along - head_length) * factor
    draw.polygon(
        [(base, middle - head_width * factor / 2), (tip, middle), (base, middle + head_width * factor / 2)], fill=255
    )
    mask = big.reduce(factor)
    if box.w < box.h:
        mask = mask.transpose(Image.Transpose.TRANSPOSE)
    color = element.stroke or element.fill or DEFAULT_INK
    canvas.paste(hex_to_rgb(color), (box.x, box.y, box.right, box.bottom), mask)
    ink = mask.getbbox()
    if ink is None:
        return box
    return Box(x=box.x + ink[0], y=box.y + ink[1], w=ink[2] - ink[0], h=ink[3] - ink[1])
