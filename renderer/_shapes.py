"""Shapes: rectangles, rounded rectangles, ellipses and rules, filled and stroked, anti-aliased."""

from __future__ import annotations

from typing import Literal

from PIL import Image, ImageChops, ImageDraw

from tessera.contract import Box, ShapeElement, hex_to_rgb

Outline = Literal["rectangle", "rounded_rectangle", "ellipse"]

_SUPERSAMPLE = 4  # curves are drawn this many times larger and box-filtered down
_LARGE_AREA = 1 << 21  # above this many pixels, supersample 2x only, to bound memory
_DEFAULT_INK = "#111111"


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
    if element.shape == "line":
        return _paint_line(canvas, element)
    box = element.box
    target = (box.x, box.y, box.right, box.bottom)
    if element.fill is not None:
        canvas.paste(hex_to_rgb(element.fill), target, outline_mask(box.w, box.h, element.shape, element.corner_radius))
    if element.stroke is not None and element.stroke_width > 0:
        ring = ring_mask(box.w, box.h, element.shape, element.corner_radius, element.stroke_width)
        canvas.paste(hex_to_rgb(element.stroke), target, ring)
    return box


def _paint_line(canvas: Image.Image, element: ShapeElement) -> Box:
    """A rule through the middle of the box, along its longer side."""
    box = element.box
    color = element.stroke or element.fill or _DEFAULT_INK
    if box.w >= box.h:
        thickness = min(element.stroke_width or box.h, box.h)
        rule = Box(x=box.x, y=box.y + (box.h - thickness) // 2, w=box.w, h=thickness)
    else:
        thickness = min(element.stroke_width or box.w, box.w)
        rule = Box(x=box.x + (box.w - thickness) // 2, y=box.y, w=thickness, h=box.h)
    canvas.paste(hex_to_rgb(color), (rule.x, rule.y, rule.right, rule.bottom))
    return rule
