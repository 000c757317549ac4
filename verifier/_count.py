"""Counting object instances from pixels inside a planned group box.

Steps: model the local background from the box's border ring (a trimmed colour plane,
so gradients work), mark pixels far from it, close small gaps so one sprite's parts
join, fill holes, label connected components, then keep the components that look like
instances of one kind: alike in size and shape. The plan's box and count only bound how
big an instance can be; they never decide how many there are.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from scipy import ndimage

from tessera.contract import Box, ObjectGroup
from tessera.verifier._pixels import (
    BackgroundModel,
    FloatImage,
    clamp_box,
    fit_background,
    foreground_distance,
    rgb_to_lab,
    ring_mask,
)

FOREGROUND_DELTA_E = 14.0  # colour distance from the background model that counts as painted
CLOSING_FRACTION = 0.08  # closing size as a fraction of an instance: sprites are at least 25% apart
MIN_SIDE_FRACTION = 0.2  # a component smaller than this share of the largest plausible instance is debris
AREA_TOLERANCE = (0.55, 1.8)  # an instance's area relative to the reference instance
SIDE_TOLERANCE = (0.7, 1.45)  # its width and height relative to the reference
PANEL_FILL = 0.92  # a flat blob filling this much of its bounding box is a rectangle
FILL_TOLERANCE = 0.15  # its fill ratio (area / bbox area) relative to the reference


@dataclass(frozen=True)
class Component:
    """One connected blob of foreground, in canvas pixels."""

    box: Box
    area: int
    flat: bool  # one uniform colour: a painted panel, not a sprite
    label: int  # its number in the search box's labelling

    @property
    def fill(self) -> float:
        return self.area / self.box.area

    @property
    def side(self) -> int:
        return max(self.box.w, self.box.h)


@dataclass(frozen=True)
class InstanceCount:
    """What was counted in one group box."""

    element_id: str
    instances: list[Component]
    rejected: list[Component]
    search_box: Box
    mask: np.ndarray = field(repr=False)  # foreground of the accepted instances, search-box sized
    pixels: np.ndarray = field(repr=False)  # RGB of the accepted instances' pixels, N x 3
    # RGB of each instance's own painted pixels (N x 3 each), in the order of `instances`: its colour is its own
    instance_pixels: list[np.ndarray] = field(default_factory=list, repr=False)

    @property
    def count(self) -> int:
        return len(self.instances)

    @property
    def evidence(self) -> str:
        boxes = ", ".join(f"({c.box.x},{c.box.y},{c.box.w}x{c.box.h})" for c in self.instances[:20])
        more = f" and {len(self.instances) - 20} more" if len(self.instances) > 20 else ""
        rejected = f"; {len(self.rejected)} blob(s) unlike an instance ignored" if self.rejected else ""
        return f"{self.count} instance(s) in group {self.element_id!r}: {boxes or 'none'}{more}{rejected}"


def largest_instance_side(group: ObjectGroup) -> float:
    """An upper bound on an instance's side: n non-overlapping squares of side s need n*s^2 <= box area."""
    box = group.placed_box
    return min(math.sqrt(box.area / group.count), box.w, box.h)


def count_instances(canvas: FloatImage, group: ObjectGroup) -> InstanceCount:
    """Count the instances painted inside `group.placed_box` (clamped to the canvas)."""
    height, width = canvas.shape[:2]
    rect = clamp_box(group.placed_box, width, height)
    if rect is None:
        empty = Box(x=0, y=0, w=1, h=1)
        return InstanceCount(group.id, [], [], empty, np.zeros((1, 1), bool), np.zeros((0, 3), np.float32))
    x0, y0, x1, y1 = rect
    search = Box(x=x0, y=y0, w=x1 - x0, h=y1 - y0)
    patch = canvas[y0:y1, x0:x1]
    background = _ring_model(canvas, rect)
    distance = foreground_distance(patch, background)
    foreground = distance > FOREGROUND_DELTA_E
    bound = largest_instance_side(group)
    closing = max(1, round(CLOSING_FRACTION * _typical_side(foreground, bound)))
    joined = ndimage.binary_closing(foreground, structure=np.ones((3, 3), bool), iterations=closing, border_value=0)
    joined = ndimage.binary_fill_holes(joined | foreground)
    labels, n = ndimage.label(joined, structure=np.ones((3, 3), bool))
    components = _components(labels, n, patch, x0, y0)
    instances, rejected = _select_instances(components, bound)
    kept = np.isin(labels, [c.label for c in instances]) & foreground
    own = [_own_pixels(patch, labels, foreground, c, x0, y0) for c in instances]
    return InstanceCount(group.id, instances, rejected, search, kept, patch[kept], own)


def _own_pixels(
    patch: FloatImage, labels: np.ndarray, foreground: np.ndarray, component: Component, x0: int, y0: int
) -> np.ndarray:
    """The painted pixels of one component (N x 3), looked up within its own box."""
    b = component.box
    rows, cols = slice(b.y - y0, b.bottom - y0), slice(b.x - x0, b.right - x0)
    return patch[rows, cols][(labels[rows, cols] == component.label) & foreground[rows, cols]]


def _ring_model(canvas: np.ndarray, rect: tuple[int, int, int, int]) -> BackgroundModel:
    """Fit the background to a ring just inside and just outside the box, in the patch's coordinates."""
    height, width = canvas.shape[:2]
    x0, y0, x1, y1 = rect
    t = max(2, round(0.03 * min(x1 - x0, y1 - y0)))
    ox0, oy0, ox1, oy1 = max(0, x0 - t), max(0, y0 - t), min(width, x1 + t), min(height, y1 + t)
    outer = canvas[oy0:oy1, ox0:ox1]
    sample = ring_mask(oy1 - oy0, ox1 - ox0, 2 * t)
    model = fit_background(outer, sample)
    # re-express the plane in the inner patch's coordinates
    coef = model.coef.copy()
    coef[:, 0] += coef[:, 1] * (x0 - ox0) + coef[:, 2] * (y0 - oy0)
    return BackgroundModel(coef=coef, residual=model.residual)


def _typical_side(foreground: np.ndarray, bound: float) -> float:
    """The side of the larger raw blobs, capped by the plan's bound: sets how much closing is safe."""
    labels, n = ndimage.label(foreground, structure=np.ones((3, 3), bool))
    if n == 0:
        return bound
    slices = ndimage.find_objects(labels)
    sides = np.array([max(s[0].stop - s[0].start, s[1].stop - s[1].start) for s in slices], dtype=float)
    big = sides[sides >= 0.5 * sides.max()]
    return float(min(np.median(big), bound))


def _components(labels: np.ndarray, n: int, patch: FloatImage, x0: int, y0: int) -> list[Component]:
    components = []
    for index, sl in enumerate(ndimage.find_objects(labels), start=1):
        if sl is None:
            continue
        region = labels[sl] == index
        area = int(region.sum())
        box = Box(x=x0 + sl[1].start, y=y0 + sl[0].start, w=sl[1].stop - sl[1].start, h=sl[0].stop - sl[0].start)
        components.append(Component(box=box, area=area, flat=_is_flat(patch[sl][region]), label=index))
    return components


def _is_flat(pixels: np.ndarray) -> bool:
    """True when 90% of a blob's pixels are within ΔE 6 of its median colour (a fill, not artwork)."""
    if len(pixels) < 16:
        return False
    sample = pixels[:: max(1, len(pixels) // 4000)]
    lab = rgb_to_lab(sample)
    spread = np.sqrt(((lab - np.median(lab, axis=0)) ** 2).sum(axis=1))
    return bool((spread < 6.0).mean() > 0.9)


def _alike(c: Component, ref: Component) -> bool:
    lo, hi = AREA_TOLERANCE
    slo, shi = SIDE_TOLERANCE
    return (
        lo <= c.area / ref.area <= hi
        and slo <= c.box.w / ref.box.w <= shi
        and slo <= c.box.h / ref.box.h <= shi
        and abs(c.fill - ref.fill) <= FILL_TOLERANCE
    )


def _select_instances(components: list[Component], bound: float) -> tuple[list[Component], list[Component]]:
    """Keep the components that are alike and plausible as instances; return (instances, rejected)."""
    plausible = [c for c in components if MIN_SIDE_FRACTION * bound <= c.side <= 1.15 * bound + 2]
    rejected = [c for c in components if c not in plausible and c.side >= MIN_SIDE_FRACTION * bound]
    # a solid one-colour rectangle is a painted panel or a cover, never an instance
    rejected += [c for c in plausible if c.flat and c.fill >= PANEL_FILL]
    plausible = [c for c in plausible if not (c.flat and c.fill >= PANEL_FILL)]
    if not plausible:
        return [], rejected
    # artwork beats flat fills: a rectangle painted over a sprite is not an instance,
    # unless every candidate is flat (then the sprite itself is a flat shape)
    if any(not c.flat for c in plausible):
        rejected += [c for c in plausible if c.flat]
        plausible = [c for c in plausible if not c.flat]
    reference = _reference(plausible)
    instances = [c for c in plausible if _alike(c, reference)]
    rejected += [c for c in plausible if c not in instances]
    instances.sort(key=lambda c: (c.box.y, c.box.x))
    return instances, rejected


def _reference(candidates: list[Component]) -> Component:
    """The typical instance: the candidate whose area is the median of the larger candidates.

    With one or two candidates there is no majority; the larger is the reference, so a
    half-hidden sprite beside a whole one is not counted.
    """
    largest = max(c.area for c in candidates)
    big = sorted((c for c in candidates if c.area >= 0.25 * largest), key=lambda c: c.area)
    if len(big) <= 2:
        return big[-1]
    return big[len(big) // 2]
