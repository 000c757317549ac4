"""The mock-up placeholder for a picture no generator drew: a soft panel in the plan's colours, framed and captioned."""

from __future__ import annotations

import colorsys

import numpy as np
from PIL import Image, ImageDraw

from tessera.contract import (
    RGB,
    Box,
    LayoutPlan,
    PictureElement,
    TextElement,
    backdrop_colors,
    detect_script,
    hex_to_rgb,
)
from tessera.renderer._colors import mix
from tessera.renderer._fonts import FontBook
from tessera.renderer._text import paint_text

_SLATE: RGB = (91, 107, 140)  # accent when the plan has no colour of its own
_MIN_SATURATION = 0.25
_CAPTION_CHARS = 70
_MIN_CAPTION_SIDE = 96  # smaller panels get the frame and the icon, no caption


def placeholder_accent(plan: LayoutPlan) -> RGB:
    """The plan's accent: the most colourful shape or object colour, else text colour, else background, else slate.

    Element colours come first so the panel stands apart from the background it sits on.
    """
    shapes = [c for shape in plan.shapes() for c in (shape.fill, shape.stroke) if c is not None]
    shapes += [g.color for g in plan.object_groups() if g.color is not None]
    for tier in (shapes, [t.color for t in plan.texts()], backdrop_colors(plan.background)):
        colourful = [rgb for rgb in map(hex_to_rgb, tier) if _colourfulness(rgb) > 0]
        if colourful:
            return max(colourful, key=_colourfulness)
    return _SLATE


def _colourfulness(rgb: RGB) -> float:
    """Saturation times value; 0 for greys, near-whites and near-blacks."""
    _, saturation, value = colorsys.rgb_to_hsv(*(c / 255 for c in rgb))
    return saturation * value if saturation >= _MIN_SATURATION and value >= 0.3 else 0.0


def placeholder(element: PictureElement, accent: RGB, fonts: FontBook) -> Image.Image:
    """A `box`-sized panel: a diagonal wash of the accent, a thin frame, a landscape icon and the prompt."""
    w, h = element.placed_box.w, element.placed_box.h
    panel = _wash(w, h, mix(accent, (255, 255, 255), 0.86), mix(accent, (255, 255, 255), 0.62))
    draw = ImageDraw.Draw(panel)
    frame = max(1, round(min(w, h) / 200))
    draw.rectangle((0, 0, w - 1, h - 1), outline=mix(accent, (0, 0, 0), 0.25), width=frame)
    captioned = min(w, h) >= _MIN_CAPTION_SIDE
    icon_side = max(4, round(min(w, h) * (0.22 if captioned else 0.4)))
    icon_centre = (w / 2, h * (0.42 if captioned else 0.5))
    _landscape_icon(draw, icon_centre, icon_side, mix(accent, (255, 255, 255), 0.25))
    if captioned:
        _caption(panel, element, mix(accent, (0, 0, 0), 0.55), fonts, top=round(h * 0.42 + icon_side * 0.75))
    return panel


def _wash(width: int, height: int, start: RGB, end: RGB) -> Image.Image:
    """A top-left to bottom-right gradient."""
    t = (np.arange(width, dtype=np.float32)[None, :] / max(1, width - 1)) * 0.5
    t = t + (np.arange(height, dtype=np.float32)[:, None] / max(1, height - 1)) * 0.5
    pixels = np.empty((height, width, 3), dtype=np.uint8)
    value = np.empty_like(t)
    # A channel at a time into one buffer: all three in float at once are a third of a gigabyte at 3840 px.
    for channel in range(3):
        np.multiply(t, np.float32(end[channel]) - np.float32(start[channel]), out=value)
        value += np.float32(start[channel])
        pixels[..., channel] = np.rint(value, out=value)
    return Image.fromarray(pixels, "RGB")


def _landscape_icon(draw: ImageDraw.ImageDraw, centre: tuple[float, float], side: int, ink: RGB) -> None:
    """The usual 'image goes here' glyph: a rounded frame with a sun and two hills."""
    cx, cy = centre
    left, top = cx - side / 2, cy - side * 0.38
    right, bottom = cx + side / 2, cy + side * 0.38
    stroke = max(1, round(side / 18))
    draw.rounded_rectangle((left, top, right, bottom), radius=side * 0.1, outline=ink, width=stroke)
    sun = side * 0.09
    draw.ellipse(
        (left + side * 0.22 - sun, top + side * 0.24 - sun, left + side * 0.22 + sun, top + side * 0.24 + sun), fill=ink
    )
    base = bottom - stroke
    draw.polygon([(left + stroke, base), (left + side * 0.38, top + side * 0.34), (left + side * 0.62, base)], fill=ink)
    draw.polygon(
        [(left + side * 0.42, base), (left + side * 0.68, top + side * 0.22), (right - stroke, base)], fill=ink
    )


def _caption(panel: Image.Image, element: PictureElement, ink: RGB, fonts: FontBook, top: int) -> None:
    """'PHOTO · <prompt>' in small type, at most two lines, under the icon."""
    prompt = element.prompt if len(element.prompt) <= _CAPTION_CHARS else element.prompt[: _CAPTION_CHARS - 1] + "…"
    text = f"{element.style.upper()} · {prompt}"
    margin = max(6, round(panel.width * 0.08))
    height = min(panel.height - top - margin, round(panel.height * 0.22))
    if height < 12 or panel.width - 2 * margin < 24:
        return
    script = detect_script(prompt)
    label = TextElement(
        id=f"{element.id}.caption"[:40],
        box=Box(x=margin, y=top, w=panel.width - 2 * margin, h=height),
        text=text,
        script=script,
        color="#{:02X}{:02X}{:02X}".format(*ink),
        max_font_size=max(10, min(22, round(panel.height * 0.05))),
        line_spacing=1.2,
    )
    paint_text(panel, label, fonts)
