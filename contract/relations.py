"""When a relation between drawn things holds: one test of boxes per relation, shared by planner and verifier.

The planner checks its composed scene with these tests before it says a relation is planned; the verifier runs
the same tests on the boxes it measures from the pixels. Each side is a list of instance boxes (one per drawn
instance of the thing); most tests compare the union of each side, "between" and "around" look at the instances.
The rules are forgiving where drawings are: a sprite's painted part never fills its box exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

from tessera.contract.plan import Box
from tessera.contract.reading import Region, Relation

MAX_SIDE_OVERLAP = 0.25  # of the smaller box: side-by-side things may touch, never cover each other
NEAR_GAP = 0.75  # of the larger instance's side: the widest gap that still reads as "next to"
RESTING_SINK = 0.4  # of the reference's height: how far into it a thing resting on its top may reach
RESTING_HOVER = 0.25  # of the subject's height: how far above the reference's top it may float
UNDER_DEPTH = 0.3  # of the reference's height: the top of a thing under another lies at least this far down it
DEPTH_SLACK = 0.1  # of the reference's height: how far a thing in front may stand higher than it
INSIDE_SLACK = 0.08  # of the container's side: how far a thing inside may poke out of its box

# Where a thing's centre lies when it is "in" a canvas region, as shares of the canvas: the verifier's test, and
# what an evidence picture shades.
EDGE_BAND = 0.4  # "top" means the centre is in the upper 40% of the canvas, and so on
CENTER_BAND = (0.3, 0.7)  # "center" means the centre is within the middle 40% both ways
REGION_AREAS: dict[Region, tuple[float, float, float, float]] = {
    "top": (0, 0, 1, EDGE_BAND), "bottom": (0, 1 - EDGE_BAND, 1, 1),
    "left": (0, 0, EDGE_BAND, 1), "right": (1 - EDGE_BAND, 0, 1, 1),
    "top-left": (0, 0, 0.5, 0.5), "top-right": (0.5, 0, 1, 0.5),
    "bottom-left": (0, 0.5, 0.5, 1), "bottom-right": (0.5, 0.5, 1, 1),
    "center": (CENTER_BAND[0], CENTER_BAND[0], CENTER_BAND[1], CENTER_BAND[1]),
}  # fmt: skip


def region_area(region: Region, width: int, height: int) -> Box:
    """The part of a width x height canvas where a thing's centre lies when it is in `region` (x0, y0, x1, y1 of
    `REGION_AREAS` in pixels)."""
    left, top, right, bottom = REGION_AREAS[region]
    x0, y0 = round(left * width), round(top * height)
    return Box(x=x0, y=y0, w=max(1, round(right * width) - x0), h=max(1, round(bottom * height) - y0))


RELATION_RULES: dict[Relation, str] = {
    "left_of": "the subject lies left of the reference's centre line, covering at most a quarter of it",
    "right_of": "the subject lies right of the reference's centre line, covering at most a quarter of it",
    "above": "the subject's centre is above the reference's top edge",
    "below": "the subject's centre is below the reference's bottom edge",
    "on_top_of": "the subject rests on the reference's top edge, over it",
    "under": "the subject is under the reference: below its upper part and within its width",
    "next_to": "the subject stands beside the reference, level with it, a short gap apart",
    "facing": "the subject stands beside the reference, level with it, a short gap apart",
    "between": "the subject's centre lies between an instance of each reference",
    "in_front_of": "the subject overlaps the reference, drawn over it and standing no further back",
    "behind": "the subject overlaps the reference, drawn under it and standing no further forward",
    "inside": "every instance of the subject lies within an instance of the reference",
    "around": "the subject's instances surround the reference's centre",
}
"""Each relation's test in words, for evidence and notes."""


def relation_holds(
    relation: Relation,
    subject: Sequence[Box],
    reference: Sequence[Box],
    second: Sequence[Box] = (),
    *,
    subject_in_front: bool | None = None,
) -> bool:
    """Whether `relation` holds between the instance boxes of a subject and of a reference (and, for "between",
    of the second reference; empty: two instances of the reference). `subject_in_front`: whether the subject is
    drawn over the reference (None: unknown, judged from the boxes alone)."""
    if not subject or not reference:
        return False
    s, r = _union(subject), _union(reference)
    if relation in ("left_of", "right_of"):
        return _beside(s, r, relation == "left_of")
    if relation == "above":
        return s.center[1] <= r.y and s.bottom <= r.center[1]
    if relation == "below":
        return s.center[1] >= r.bottom and s.y >= r.center[1]
    if relation == "on_top_of":
        return _resting_on(s, r)
    if relation == "under":
        return r.x <= s.center[0] <= r.right and s.center[1] > r.center[1] and s.y >= r.y + UNDER_DEPTH * r.h
    if relation in ("next_to", "facing"):
        return _next_to(s, r, max(max(b.w, b.h) for b in [*subject, *reference]))
    if relation == "between":
        return _between(s, reference, second or reference)
    if relation in ("in_front_of", "behind"):
        return _in_depth(subject, reference, s, r, relation == "in_front_of", subject_in_front)
    if relation == "inside":
        return all(any(_within(b, container) for container in reference) for b in subject)
    return _around(subject, s, r)


def _union(boxes: Sequence[Box]) -> Box:
    x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
    x1, y1 = max(b.right for b in boxes), max(b.bottom for b in boxes)
    return Box(x=x0, y=y0, w=max(1, x1 - x0), h=max(1, y1 - y0))


def _overlap_share(a: Box, b: Box) -> float:
    """The overlap of two boxes as a share of the smaller one."""
    common = a.intersection(b)
    return 0.0 if common is None else common.area / min(a.area, b.area)


def _beside(s: Box, r: Box, left: bool) -> bool:
    clear = s.right <= r.center[0] if left else s.x >= r.center[0]
    return clear and _overlap_share(s, r) <= MAX_SIDE_OVERLAP


def _resting_on(s: Box, r: Box) -> bool:
    over = r.x <= s.center[0] <= r.right
    touching = r.y - RESTING_HOVER * s.h <= s.bottom <= r.y + RESTING_SINK * r.h
    return over and touching and s.center[1] < r.center[1]


def _next_to(s: Box, r: Box, side: int) -> bool:
    gap = max(s.x - r.right, r.x - s.right)
    level = min(s.bottom, r.bottom) - max(s.y, r.y) > 0
    return gap <= NEAR_GAP * side and level and _overlap_share(s, r) <= MAX_SIDE_OVERLAP


def _between(s: Box, first: Sequence[Box], second: Sequence[Box]) -> bool:
    """Some instance of each side has the subject's centre strictly between their centres, along the axis that
    separates those two the most, and neither covers the subject."""
    cx, cy = s.center
    for a in first:
        for b in second:
            if a == b:
                continue
            (ax, ay), (bx, by) = a.center, b.center
            along_x = abs(ax - bx) >= abs(ay - by)
            inside = min(ax, bx) < cx < max(ax, bx) if along_x else min(ay, by) < cy < max(ay, by)
            if inside and _overlap_share(s, a) <= MAX_SIDE_OVERLAP and _overlap_share(s, b) <= MAX_SIDE_OVERLAP:
                return True
    return False


def _in_depth(
    subject: Sequence[Box], reference: Sequence[Box], s: Box, r: Box, front: bool, subject_in_front: bool | None
) -> bool:
    overlapping = any(a.intersection(b) is not None for a in subject for b in reference)
    # Further back stands higher: a thing in front stands no higher than the other, one behind no lower.
    standing = s.bottom >= r.bottom - DEPTH_SLACK * r.h if front else s.bottom <= r.bottom + DEPTH_SLACK * r.h
    drawn = subject_in_front is None or subject_in_front == front
    return overlapping and standing and drawn


def _within(inner: Box, outer: Box) -> bool:
    slack_x, slack_y = INSIDE_SLACK * outer.w, INSIDE_SLACK * outer.h
    return (
        inner.x >= outer.x - slack_x
        and inner.right <= outer.right + slack_x
        and inner.y >= outer.y - slack_y
        and inner.bottom <= outer.bottom + slack_y
    )


def _around(subject: Sequence[Box], s: Box, r: Box) -> bool:
    """One instance: it spans the reference on one axis and covers its centre. Several: they lie on both sides of
    the reference's centre along one axis and their union covers that centre."""
    cx, cy = r.center
    covers = s.x <= cx <= s.right and s.y <= cy <= s.bottom
    if len(subject) == 1:
        return covers and ((s.x <= r.x and s.right >= r.right) or (s.y <= r.y and s.bottom >= r.bottom))
    across = any(b.center[0] < cx for b in subject) and any(b.center[0] > cx for b in subject)
    up_down = any(b.center[1] < cy for b in subject) and any(b.center[1] > cy for b in subject)
    return covers and (across or up_down)
