"""Checks of the plan's named parts: each container with a role (a card, a button, an input) shows its own look.

A part's texts and objects are checked as leaves; what only the part itself has is its look. Where the plan gives
it a solid fill or a border, the band just inside the part's edge (inside the corner radius, outside the
children, which sit in the padding's room) must show that colour on most of its pixels: a button whose fill was
never drawn, or was painted over, fails. A part with no look of its own (a table in lines or stripes) is judged by
the looks it is drawn with: the solid fills and borders of its frames that have no role (a table's stripes) and
its shapes (a table's rules), each of which must show its colour. A pixel shows a colour when it lies near it and
nearer it than to what lies around the part, so a fill close to the page's colour that was never drawn still
fails. A part whose look is a gradient, or whose fills and rules cannot be told from what lies around it, is
listed as not verified: nothing here measures it, and it is never reported as passed. A part with no look at all
(a list, a plain table) draws nothing of its own and has no check of its own: its texts, icons and objects are
checked as leaves.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from tessera.contract import Box, CheckStatus, ConstraintCheck, Frame, GradientBackground, ShapeElement, hex_to_rgb
from tessera.verifier._pixels import Mask, clamp_box, delta_e, rgb_to_lab, ring_mask
from tessera.verifier._scene import Scene

SHOWN_SHARE = 0.6  # of the edge band's pixels (a rule's length) within MATCH_DELTA_E of the part's colour
MATCH_DELTA_E = 12.0  # CIE76; antialiased edges and soft shadows stay well inside it
MIN_SEPARATION_DELTA_E = 3.0  # a look closer than this to what lies around the part cannot be told from it
BAND = 4  # px: how deep into the part the band reaches (a border's own width, if thinner)
AROUND = 6  # px: the ring outside the part whose colour is what lies behind it
RULES = ("divider", "line")  # shapes drawn as a rule along their box's longer side


@dataclass(frozen=True)
class _Look:
    """A colour a node must show: on the band `depth` px inside its box (corners cut by `radius`), or, for a rule
    (`depth` 0), somewhere across each pixel of its length."""

    node_id: str
    box: Box
    color: str
    depth: int
    radius: int = 0


def part_checks(scene: Scene) -> list[ConstraintCheck]:
    """One check per container with a role and a look, with origin "plan"."""
    checks = (_part_check(scene, frame) for frame in scene.plan.frames() if frame.role is not None)
    return [check for check in checks if check is not None]


def _part_check(scene: Scene, frame: Frame) -> ConstraintCheck | None:
    box = frame.box
    if box is None:
        return _unverified(frame, box, f"a {frame.role}", "the plan was not laid out (no box)")
    own = _own_look(frame, box)
    if own is None:
        return _drawn_with_check(scene, frame, box)
    behind = _behind(scene, box)
    expected = f"a {frame.role} in {own.color}"
    share = _shown_share(scene, own, behind)
    where = f"{box.w}x{box.h} at ({box.x},{box.y})"
    if share is None:
        return _unverified(
            frame, box, expected, f"the {frame.role}'s box {where} leaves no edge band to sample, or its colour "
            "is that of what lies around it",
        )  # fmt: skip
    return _check(
        frame, box, status="passed" if share >= SHOWN_SHARE else "failed", expected=expected,
        measured=f"{100 * share:.0f}% of its edge band shows {own.color}",
        evidence=f"pixels within {BAND} px inside the edge of its box {where} (corners left out), "
        f"compared with {own.color} (CIE76 ΔE < {MATCH_DELTA_E:g}, and nearer it than to what lies around the "
        f"part); at least {100 * SHOWN_SHARE:.0f}% must match",
    )  # fmt: skip


def _drawn_with_check(scene: Scene, frame: Frame, box: Box) -> ConstraintCheck | None:
    """A part with no solid look of its own, judged by the fills, borders and rules it is drawn with; None when it
    draws nothing of its own."""
    looks = _inner_looks(frame)
    gradient = isinstance(frame.fill, GradientBackground)
    if not looks and not gradient:
        return None
    behind = _behind(scene, box)
    shares = {look: _shown_share(scene, look, behind) for look in looks}
    measured = {look: share for look, share in shares.items() if share is not None}
    expected = f"a {frame.role} drawn with its fills and rules"
    if not measured:
        reason = (
            "its gradient fill is not measured"
            if gradient
            else "its fills and rules cannot be told from what lies around it"
        )
        return _unverified(frame, box, f"a {frame.role}", reason)
    missing = [f"{look.node_id!r} {100 * share:.0f}% {look.color}" for look, share in measured.items()
               if share < SHOWN_SHARE]  # fmt: skip
    shown = len(measured) - len(missing)
    return _check(
        frame, box, status="failed" if missing else "passed", expected=expected,
        measured=f"{shown} of {len(measured)} fills and rules show their colour"
        + (f"; not shown: {', '.join(missing)}" if missing else ""),
        evidence=f"each fill or border of the {frame.role}'s frames without a role, on the band within {BAND} px "
        "inside its edge, and each rule, across its length, compared with its colour (CIE76 ΔE < "
        f"{MATCH_DELTA_E:g}, and nearer it than to what lies around the part); at least {100 * SHOWN_SHARE:.0f}% "
        "of each must match",
    )  # fmt: skip


def _own_look(frame: Frame, box: Box) -> _Look | None:
    """The colour the part's edge must show and how deep that band is: its border, else its solid fill."""
    if frame.border is not None:
        return _Look(frame.id, box, frame.border.color, min(BAND, frame.border.width), frame.radius)
    if frame.fill is None or isinstance(frame.fill, GradientBackground):
        return None
    return _Look(frame.id, box, frame.fill, BAND, frame.radius)


def _inner_looks(frame: Frame) -> list[_Look]:
    """The looks the part is drawn with: its role-less frames' own looks and its shapes' fills and rules; a frame
    with a role inside it is a part of its own, checked by itself."""
    looks: list[_Look] = []
    for child in frame.children:
        if isinstance(child, Frame) and child.role is None:
            own = _own_look(child, child.box) if child.box is not None else None
            looks += ([own] if own is not None else []) + _inner_looks(child)
        elif isinstance(child, ShapeElement) and child.box is not None:
            looks += _shape_look(child, child.box)
    return looks


def _shape_look(shape: ShapeElement, box: Box) -> list[_Look]:
    if shape.shape in RULES and (shape.stroke or shape.fill):
        return [_Look(shape.id, box, shape.stroke or shape.fill or "", depth=0)]
    if shape.shape in ("rectangle", "rounded_rectangle") and shape.fill:
        return [_Look(shape.id, box, shape.fill, BAND, shape.corner_radius)]
    return []


def _behind(scene: Scene, box: Box) -> NDArray[np.float32] | None:
    """The Lab colour around `box` (the median of the ring just outside it), None when none of it is on the
    canvas."""
    grown = Box(x=box.x - AROUND, y=box.y - AROUND, w=box.w + 2 * AROUND, h=box.h + 2 * AROUND)
    outer = clamp_box(grown, scene.width, scene.height)
    if outer is None:
        return None
    x0, y0, x1, y1 = outer
    around = np.ones((y1 - y0, x1 - x0), dtype=bool)
    around[max(0, box.y - y0) : box.bottom - y0, max(0, box.x - x0) : box.right - x0] = False
    if not around.any():
        return None
    median = np.median(scene.canvas[y0:y1, x0:x1][around].reshape(-1, 3), axis=0)
    return rgb_to_lab(median.astype(np.float32))


def _shown_share(scene: Scene, look: _Look, behind: NDArray[np.float32] | None) -> float | None:
    """The share of the look's band (of a rule's length) that shows its colour; None when there is nothing to
    sample, or when its colour cannot be told from what lies behind the part."""
    target = rgb_to_lab(np.array(hex_to_rgb(look.color), dtype=np.float32))
    if behind is not None and float(delta_e(target, behind)) < MIN_SEPARATION_DELTA_E:
        return None
    clamped = clamp_box(look.box, scene.width, scene.height)
    if clamped is None:
        return None
    x0, y0, x1, y1 = clamped
    shows = _shows(scene.canvas[y0:y1, x0:x1], target, behind)
    if look.depth == 0:
        along = shows.any(axis=0) if shows.shape[1] >= shows.shape[0] else shows.any(axis=1)
        return float(along.mean())
    band = _band(shows.shape[0], shows.shape[1], look.depth, look.radius)
    return float(shows[band].mean()) if band is not None else None


def _shows(patch: NDArray[np.uint8], target: NDArray[np.float32], behind: NDArray[np.float32] | None) -> Mask:
    """Which pixels lie within MATCH_DELTA_E of the target colour and nearer it than to what lies behind."""
    lab = rgb_to_lab(patch.astype(np.float32))
    distance = delta_e(lab, target)
    near = distance < MATCH_DELTA_E
    return near if behind is None else near & (distance < delta_e(lab, behind))


def _band(height: int, width: int, depth: int, radius: int) -> Mask | None:
    """The band `depth` px inside a height x width box's edge, corners cut by `radius`; None when too small."""
    if min(height, width) < 2 * depth + 2:
        return None
    band = ring_mask(height, width, depth)
    corner = min(radius, height // 2, width // 2)
    if corner:
        # A rounded corner shows what lies behind the part: leave the corner squares out of the band.
        for rows in (slice(0, corner), slice(height - corner, height)):
            for columns in (slice(0, corner), slice(width - corner, width)):
                band[rows, columns] = False
    return band if band.any() else None


def _unverified(frame: Frame, box: Box | None, expected: str, reason: str) -> ConstraintCheck:
    return _check(
        frame, box, status="not_verified", expected=expected, measured=f"not measured: {reason}",
        evidence=f"not verified: {reason}; only the {frame.role}'s contents are checked",
    )  # fmt: skip


def _check(
    frame: Frame, box: Box | None, *, status: CheckStatus, expected: str, measured: str, evidence: str
) -> ConstraintCheck:
    return ConstraintCheck(
        constraint_id=frame.id, kind="part", origin="plan", status=status,
        expected=expected, measured=measured, evidence=evidence, element_ids=[frame.id], box=box,
    )  # fmt: skip
