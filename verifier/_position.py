"""Where a measured box sits on the canvas: its region, with forgiving rules (relations between boxes are the
contract's, `tessera.contract.relations`)."""

from __future__ import annotations

from tessera.contract import Box, Region
from tessera.contract.relations import CENTER_BAND, EDGE_BAND


def in_region(box: Box, region: Region, width: int, height: int) -> bool:
    """Whether `box`'s centre lies in `region` of a width x height canvas.

    Rules (centre (cx, cy) as fractions of the canvas):
    - top / bottom / left / right: cy < 0.4 / cy > 0.6 / cx < 0.4 / cx > 0.6 (the other axis is free);
    - top-left, top-right, bottom-left, bottom-right: the centre is in that quadrant;
    - center: 0.3 <= cx <= 0.7 and 0.3 <= cy <= 0.7.
    """
    cx, cy = box.center[0] / width, box.center[1] / height
    top, bottom, left, right = cy < EDGE_BAND, cy > 1 - EDGE_BAND, cx < EDGE_BAND, cx > 1 - EDGE_BAND
    lo, hi = CENTER_BAND
    rules = {
        "top": top,
        "bottom": bottom,
        "left": left,
        "right": right,
        "top-left": cx < 0.5 and cy < 0.5,
        "top-right": cx >= 0.5 and cy < 0.5,
        "bottom-left": cx < 0.5 and cy >= 0.5,
        "bottom-right": cx >= 0.5 and cy >= 0.5,
        "center": lo <= cx <= hi and lo <= cy <= hi,
    }
    return rules[region]


def union(boxes: list[Box]) -> Box | None:
    """The smallest box holding all of `boxes`; None for none."""
    if not boxes:
        return None
    x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
    x1, y1 = max(b.right for b in boxes), max(b.bottom for b in boxes)
    return Box(x=x0, y=y0, w=x1 - x0, h=y1 - y0)


def describe(box: Box, width: int, height: int) -> str:
    """A box and its centre as canvas fractions, for evidence."""
    cx, cy = box.center
    return f"box ({box.x},{box.y},{box.w}x{box.h}), centre at {cx / width:.0%} across, {cy / height:.0%} down"
