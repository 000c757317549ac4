"""Checks of the plan's named parts: each container with a role (a card, a button, an input) shows its own look.

A part's texts and objects are checked as leaves; what only the part itself has is its look. Where the plan gives
it a solid fill or a border, the band just inside the part's edge (inside the corner radius, outside the
children, which sit in the padding's room) must show that colour on most of its pixels: a button whose fill was
never drawn, or was painted over, fails. A part with no look of its own, or a gradient fill, is listed as not
verified: nothing here measures it, and it is never reported as passed.
"""

from __future__ import annotations

import numpy as np

from tessera.contract import Box, ConstraintCheck, Frame, GradientBackground, hex_to_rgb
from tessera.verifier._pixels import clamp_box, delta_e, rgb_to_lab, ring_mask
from tessera.verifier._scene import Scene

SHOWN_SHARE = 0.6  # of the edge band's pixels within MATCH_DELTA_E of the part's colour
MATCH_DELTA_E = 12.0  # CIE76; antialiased edges and soft shadows stay well inside it
BAND = 4  # px: how deep into the part the band reaches (a border's own width, if thinner)


def part_checks(scene: Scene) -> list[ConstraintCheck]:
    """One check per container with a role, with origin "plan"."""
    return [_part_check(scene, frame) for frame in scene.plan.frames() if frame.role is not None]


def _part_check(scene: Scene, frame: Frame) -> ConstraintCheck:
    expected_look = _expected_look(frame)
    box = frame.box
    if expected_look is None or box is None:
        reason = (
            "it has no solid fill or border of its own" if box is not None else "the plan was not laid out (no box)"
        )
        return _check(
            frame, box, passed=True, verified=False, expected=f"a {frame.role}",
            measured=f"not measured: {reason}",
            evidence=f"not verified: {reason}; only the {frame.role}'s contents are checked",
        )  # fmt: skip
    color, depth = expected_look
    share = _shown_share(scene, box, frame.radius, color, depth)
    where = f"{box.w}x{box.h} at ({box.x},{box.y})"
    if share is None:
        return _check(
            frame, box, passed=True, verified=False, expected=f"a {frame.role} in {color}",
            measured="not measured: the part lies off the canvas or is too small to sample",
            evidence=f"not verified: the {frame.role}'s box {where} leaves no edge band to sample",
        )  # fmt: skip
    return _check(
        frame, box, passed=share >= SHOWN_SHARE, verified=True, expected=f"a {frame.role} in {color}",
        measured=f"{100 * share:.0f}% of its edge band shows {color}",
        evidence=f"pixels within {BAND} px inside the edge of its box {where} (corners left out), "
        f"compared with {color} (CIE76 ΔE < {MATCH_DELTA_E:g}); at least {100 * SHOWN_SHARE:.0f}% must match",
    )  # fmt: skip


def _expected_look(frame: Frame) -> tuple[str, int] | None:
    """The colour the part's edge must show and how deep that band is: its border, else its solid fill."""
    if frame.border is not None:
        return frame.border.color, min(BAND, frame.border.width)
    if frame.fill is None or isinstance(frame.fill, GradientBackground):
        return None
    return frame.fill, BAND


def _shown_share(scene: Scene, box: Box, radius: int, color: str, depth: int) -> float | None:
    """The share of the band just inside `box`'s edge (corners cut by the radius) that shows `color`."""
    clamped = clamp_box(box, scene.width, scene.height)
    if clamped is None:
        return None
    x0, y0, x1, y1 = clamped
    patch = scene.canvas[y0:y1, x0:x1]
    height, width = patch.shape[:2]
    if min(height, width) < 2 * depth + 2:
        return None
    band = ring_mask(height, width, depth)
    corner = min(radius, height // 2, width // 2)
    if corner:
        # A rounded corner shows what lies behind the part: leave the corner squares out of the band.
        for rows in (slice(0, corner), slice(height - corner, height)):
            for columns in (slice(0, corner), slice(width - corner, width)):
                band[rows, columns] = False
    if not band.any():
        return None
    target = rgb_to_lab(np.array([[hex_to_rgb(color)]], dtype=np.float32))[0, 0]
    distances = delta_e(rgb_to_lab(patch[band].astype(np.float32)[None, :, :])[0], target)
    return float(np.mean(distances < MATCH_DELTA_E))


def _check(
    frame: Frame, box: Box | None, *, passed: bool, verified: bool, expected: str, measured: str, evidence: str
) -> ConstraintCheck:
    return ConstraintCheck(
        constraint_id=frame.id, kind="part", origin="plan", passed=passed, verified=verified,
        expected=expected, measured=measured, evidence=evidence, element_ids=[frame.id], box=box,
    )  # fmt: skip
