"""UI controls (toggle, checkbox, radio, progress bar, slider) drawn in their state, as vector shapes.

Each control is one SVG group in canvas coordinates (`control_svg`): the SVG writer embeds it as it is, and the
raster is that group rasterised by resvg (antialiased) and laid over the canvas by its alpha. The "on" colour is
the control's `color` (the layout fills in the plan's accent where the plan left it out).

- toggle: a pill track 11:6, as big as the box allows and centred in it; on: the track in the colour and the
  white knob at the right; off: a light grey track, the knob at the left. The knob has a soft shadow.
- checkbox: a square with rounded corners, centred; on: filled in the colour with a white check mark; off: a grey
  outline.
- radio: a circle, centred; on: an outline in the colour around a dot of it; off: a grey outline.
- progress: a pill track across the whole box in a pale tint of the colour, its first `value` share in the colour
  (cut to the track's rounded ends, so the share shown is exactly `value`).
- slider: the same track, as thick as a third of the box, and a knob of the colour as tall as the box whose centre
  lies at `value` of the way between the two places where the knob just touches the box's ends; the track is in
  the colour up to the knob.
"""

from __future__ import annotations

import math
from xml.sax.saxutils import quoteattr

from PIL import Image

from tessera.contract import Box, ControlElement, DrawnItem, hex_to_rgb, rgb_to_hex
from tessera.contract.plan import clamped_box
from tessera.contract.svg import rasterise
from tessera.renderer._colors import mix

OFF_TRACK = "#D5D9DE"  # a toggle's track when off: light enough that it never reads as an accent
OFF_OUTLINE = "#9AA0A6"  # an unchecked checkbox's or radio's outline
KNOB = "#FFFFFF"
TRACK_TINT = 0.82  # a bar's empty track: the colour this far towards white
_TOGGLE_ASPECT = 11 / 6  # 2.2 x 1.2 em
_SLIDER_TRACK = 1 / 3  # of the box's height: a slider's track thickness


def draw_control(image: Image.Image, element: ControlElement) -> DrawnItem:
    """Paint `element` in its box over `image`; what was drawn."""
    box = element.placed_box
    document = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{box.w}" height="{box.h}" '
        f'viewBox="{box.x} {box.y} {box.w} {box.h}">{control_svg(element)}</svg>'
    )
    layer = rasterise(document)
    image.paste(layer, (box.x, box.y), layer)
    painted = layer.getchannel("A").getbbox()
    ink = None
    if painted is not None:
        left, top, right, bottom = painted
        drawn = clamped_box(box.x + left, box.y + top, right - left, bottom - top)
        ink = drawn.intersection(Box(x=0, y=0, w=image.width, h=image.height))
    return DrawnItem(element_id=element.id, kind="control", box=box, ink_box=ink)


def control_svg(element: ControlElement) -> str:
    """The control as one SVG group in canvas coordinates, marked with its node id."""
    box, color = element.placed_box, element.color or "#222222"
    shapes = {
        "toggle": _toggle,
        "checkbox": _checkbox,
        "radio": _radio,
        "progress": _progress,
        "slider": _slider,
    }[element.control](box, color, element.value, _safe_id(element.id))
    return f"<g data-node={quoteattr(element.id)}>{shapes}</g>"


def _toggle(box: Box, color: str, value: float, key: str) -> str:
    height = min(box.h, box.w / _TOGGLE_ASPECT)
    width = height * _TOGGLE_ASPECT
    left, top = box.x + (box.w - width) / 2, box.y + (box.h - height) / 2
    on = value >= 0.5
    inset = height * 0.1
    radius = height / 2 - inset
    cx = left + width - inset - radius if on else left + inset + radius
    cy = top + height / 2
    shadow = _soft_shadow(key, height)
    return (
        f"{shadow}"
        f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(width)}" height="{_n(height)}" rx="{_n(height / 2)}" '
        f'fill="{color if on else OFF_TRACK}"/>'
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(radius)}" fill="{KNOB}" filter="url(#{key}-shadow)"/>'
    )


def _checkbox(box: Box, color: str, value: float, key: str) -> str:
    side = min(box.w, box.h)
    left, top = box.x + (box.w - side) / 2, box.y + (box.h - side) / 2
    corner = side * 0.22
    if value < 0.5:
        stroke = max(1.0, side * 0.08)
        return (
            f'<rect x="{_n(left + stroke / 2)}" y="{_n(top + stroke / 2)}" width="{_n(side - stroke)}" '
            f'height="{_n(side - stroke)}" rx="{_n(corner - stroke / 2)}" fill="none" stroke="{OFF_OUTLINE}" '
            f'stroke-width="{_n(stroke)}"/>'
        )
    points = " ".join(
        f"{_n(left + u * side)},{_n(top + v * side)}" for u, v in ((0.27, 0.52), (0.43, 0.68), (0.74, 0.35))
    )
    return (
        f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(side)}" height="{_n(side)}" rx="{_n(corner)}" fill="{color}"/>'
        f'<polyline points="{points}" fill="none" stroke="{KNOB}" stroke-width="{_n(side * 0.12)}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _radio(box: Box, color: str, value: float, key: str) -> str:
    side = min(box.w, box.h)
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    stroke = max(1.0, side * 0.08)
    on = value >= 0.5
    ring = (
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(side / 2 - stroke / 2)}" fill="none" '
        f'stroke="{color if on else OFF_OUTLINE}" stroke-width="{_n(stroke)}"/>'
    )
    dot = f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(side * 0.25)}" fill="{color}"/>' if on else ""
    return ring + dot


def _progress(box: Box, color: str, value: float, key: str) -> str:
    return _bar(box.x, box.y, box.w, box.h, color, box.x + value * box.w, key)


def _slider(box: Box, color: str, value: float, key: str) -> str:
    radius = min(box.h, box.w) / 2
    cx = box.x + radius + value * (box.w - 2 * radius)
    cy = box.y + box.h / 2
    thickness = max(2.0, box.h * _SLIDER_TRACK)
    bar = _bar(box.x, cy - thickness / 2, box.w, thickness, color, cx, key)
    return (
        f"{bar}{_soft_shadow(key, box.h)}"
        f'<circle cx="{_n(cx)}" cy="{_n(cy)}" r="{_n(radius * 0.94)}" fill="{color}" filter="url(#{key}-shadow)"/>'
    )


def _bar(left: float, top: float, width: float, height: float, color: str, filled_to: float, key: str) -> str:
    """A pill track from `left` with its part up to `filled_to` in `color`, the rest in a tint of it."""
    tint = rgb_to_hex(mix(hex_to_rgb(color), (255, 255, 255), TRACK_TINT))
    pill = f'x="{_n(left)}" y="{_n(top)}" width="{_n(width)}" height="{_n(height)}" rx="{_n(height / 2)}"'
    filled = ""
    if filled_to > left:
        filled = (
            f'<clipPath id="{key}-track"><rect {pill}/></clipPath>'
            f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(filled_to - left)}" height="{_n(height)}" '
            f'fill="{color}" clip-path="url(#{key}-track)"/>'
        )
    return f'<rect {pill} fill="{tint}"/>{filled}'


def _soft_shadow(key: str, size: float) -> str:
    """A filter that gives a knob a soft shadow just below it."""
    return (
        f'<filter id="{key}-shadow" x="-50%" y="-50%" width="200%" height="200%">'
        f'<feDropShadow dx="0" dy="{_n(max(0.5, size * 0.04))}" stdDeviation="{_n(max(0.5, size * 0.05))}" '
        'flood-color="#000000" flood-opacity="0.25"/></filter>'
    )


def _safe_id(node_id: str) -> str:
    """An SVG id for the control's filters and clips, unique in a document as node ids are (their characters are
    all valid in an XML id)."""
    return f"control-{node_id}"


def _n(value: float) -> str:
    """A coordinate, to a hundredth of a pixel."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") or math.isclose(value, 0.0) else text
