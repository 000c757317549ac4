"""A frame's look, painted under its children: a soft shadow, a solid or gradient fill and a border, corners rounded."""

from __future__ import annotations

from PIL import Image, ImageFilter

from tessera.contract import Box, Frame, GradientBackground, Shadow, hex_to_rgb
from tessera.renderer._background import linear_gradient
from tessera.renderer._shapes import Outline, outline_mask, ring_mask


def has_look(frame: Frame) -> bool:
    """Whether painting `frame` leaves anything on the canvas."""
    return frame.fill is not None or frame.border is not None or (frame.shadow is not None and frame.shadow.opacity > 0)


def paint_frame(canvas: Image.Image, frame: Frame) -> Box | None:
    """Paint the frame's shadow, fill and border inside (the shadow also around) its box; returns the part of the box
    on the canvas, or None when the frame has no look or lies off the canvas."""
    if not has_look(frame):
        return None
    box = frame.placed_box
    outline: Outline = "rounded_rectangle" if frame.radius else "rectangle"
    shape = outline_mask(box.w, box.h, outline, frame.radius)
    target = (box.x, box.y, box.right, box.bottom)
    if frame.shadow is not None and frame.shadow.opacity > 0:
        _paint_shadow(canvas, box, shape, frame.shadow)
    if isinstance(frame.fill, GradientBackground):
        canvas.paste(linear_gradient(box.w, box.h, frame.fill), target, shape)
    elif frame.fill is not None:
        canvas.paste(hex_to_rgb(frame.fill), target, shape)
    if frame.border is not None:
        ring = ring_mask(box.w, box.h, outline, frame.radius, frame.border.width)
        canvas.paste(hex_to_rgb(frame.border.color), target, ring)
    return box.intersection(Box(x=0, y=0, w=canvas.width, h=canvas.height))


def _paint_shadow(canvas: Image.Image, box: Box, shape: Image.Image, shadow: Shadow) -> None:
    """The frame's shape, blurred, offset and faded, in the shadow colour under where the frame will be."""
    margin = 2 * shadow.blur
    mask = Image.new("L", (box.w + 2 * margin, box.h + 2 * margin), 0)
    mask.paste(shape, (margin, margin))
    if shadow.blur:
        # A Gaussian of radius blur/2 fades out over about the blur distance, as CSS box-shadow's blur does.
        mask = mask.filter(ImageFilter.GaussianBlur(shadow.blur / 2))
    mask = mask.point(lambda value: round(value * shadow.opacity))
    left, top = box.x - margin + shadow.dx, box.y - margin + shadow.dy
    canvas.paste(hex_to_rgb(shadow.color), (left, top, left + mask.width, top + mask.height), mask)
