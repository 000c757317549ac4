"""Counting generated instances inside a planned group box with an open-vocabulary detector.

The detector sees a crop of the group box (plus a margin), not the whole canvas: detectors
such as OWLv2 resize every input to a fixed square (960 px), so a group box a quarter of the
canvas wide would lose three quarters of its pixels, and a crop keeps things of the same
class drawn elsewhere (a picture, another group) out of this group's count. The margin lets
an instance touching the box's edge be seen whole; a detection then belongs to the group
when its centre lies inside the box. Detections below the threshold are dropped, and
overlapping boxes (IoU at or above `DUPLICATE_IOU`) are one instance seen twice.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from tessera.contract import Box, Detection, Detector, ObjectGroup
from tessera.verifier._pixels import clamp_box

MARGIN_FRACTION = 0.1  # crop margin as a share of the box's shorter side
DUPLICATE_IOU = 0.5  # boxes overlapping this much are the same instance (greedy, best score first)
EVIDENCE_BOXES = 20


@dataclass(frozen=True)
class DetectedCount:
    """What a detector counted in one group box, and what it ignored and why."""

    element_id: str
    detector: str
    threshold: float
    search_box: Box  # the crop the detector saw, in canvas pixels
    instances: list[Detection]  # kept detections, canvas pixels, best score first
    duplicates: list[Detection]
    below_threshold: list[Detection]
    outside: list[Detection]

    @property
    def count(self) -> int:
        return len(self.instances)

    @property
    def evidence(self) -> str:
        shown = self.instances[:EVIDENCE_BOXES]
        boxes = ", ".join(f"({d.box.x},{d.box.y},{d.box.w}x{d.box.h}) {d.score:.2f}" for d in shown)
        more = f" and {self.count - len(shown)} more" if self.count > len(shown) else ""
        s = self.search_box
        text = (
            f"{self.count} instance(s) in group {self.element_id!r} found by {self.detector} at score ≥ "
            f"{self.threshold:.2f} on the crop ({s.x},{s.y},{s.w}x{s.h}): {boxes or 'none'}{more}"
        )
        ignored = [
            f"{len(self.duplicates)} duplicate box(es) (IoU ≥ {DUPLICATE_IOU}) merged" if self.duplicates else "",
            f"{len(self.below_threshold)} below the threshold" if self.below_threshold else "",
            f"{len(self.outside)} centred outside the group box" if self.outside else "",
        ]
        return "; ".join([text, *(i for i in ignored if i)])


def count_detections(canvas: np.ndarray, group: ObjectGroup, detector: Detector) -> DetectedCount:
    """Count the instances of `group.object_class` that `detector` finds inside `group.placed_box`."""
    height, width = canvas.shape[:2]
    margin = round(MARGIN_FRACTION * min(group.placed_box.w, group.placed_box.h))
    rect = clamp_box(group.placed_box, width, height, margin)
    if rect is None:  # the box lies off the canvas: nothing there to detect
        return DetectedCount(group.id, detector.name, detector.threshold, group.placed_box, [], [], [], [])
    x0, y0, x1, y1 = rect
    crop = Image.fromarray(np.ascontiguousarray(canvas[y0:y1, x0:x1]))
    found = [_shifted(d, x0, y0) for d in detector.detect(crop, [group.object_class])]
    below = [d for d in found if d.score < detector.threshold]
    confident = [d for d in found if d.score >= detector.threshold]
    outside = [d for d in confident if not _centre_inside(d.box, group.placed_box)]
    inside = [d for d in confident if _centre_inside(d.box, group.placed_box)]
    instances, duplicates = deduplicate(inside)
    search = Box(x=x0, y=y0, w=x1 - x0, h=y1 - y0)
    return DetectedCount(group.id, detector.name, detector.threshold, search, instances, duplicates, below, outside)


def deduplicate(detections: list[Detection]) -> tuple[list[Detection], list[Detection]]:
    """Greedy non-maximum suppression: (kept, suppressed), best score first, whatever the label."""
    kept: list[Detection] = []
    suppressed: list[Detection] = []
    for detection in sorted(detections, key=lambda d: d.score, reverse=True):
        if any(iou(detection.box, k.box) >= DUPLICATE_IOU for k in kept):
            suppressed.append(detection)
        else:
            kept.append(detection)
    return kept, suppressed


def iou(a: Box, b: Box) -> float:
    """Intersection over union of two boxes."""
    overlap = a.intersection(b)
    if overlap is None:
        return 0.0
    return overlap.area / (a.area + b.area - overlap.area)


def _centre_inside(box: Box, region: Box) -> bool:
    cx, cy = box.center
    return region.x <= cx <= region.right and region.y <= cy <= region.bottom


def _shifted(detection: Detection, dx: int, dy: int) -> Detection:
    """A detection in crop pixels moved to canvas pixels."""
    b = detection.box
    return Detection(label=detection.label, box=Box(x=b.x + dx, y=b.y + dy, w=b.w, h=b.h), score=detection.score)
