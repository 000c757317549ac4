"""Checks of the plan's UI controls: each shows the state the plan gives it, measured from the pixels in its box.

A pixel shows the control's colour (the laid-out plan records it: the accent where the plan left it out) when it
lies within `MATCH_DELTA_E` of it.

- progress: the share of the columns of its box whose middle pixel shows the colour must be within `TOLERANCE` of
  `value` (the renderer fills exactly that share of the track).
- slider: the knob (a disc of the colour as tall as the box) is found as the rows and the right edge of the
  colour; its centre, between the two places where it just touches the box's ends, gives the value.
- toggle, checkbox, radio: on when the colour covers at least `ON_SHARE` of the box (on, they fill a half or
  more of it with the colour; off, they show none of it: a grey track, a grey outline), off when less; the state
  must be the plan's (`value` 0.5 or more is on).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from tessera.contract import Box, CheckStatus, ConstraintCheck, ControlElement, hex_to_rgb
from tessera.verifier._pixels import clamp_box, delta_e, rgb_to_lab
from tessera.verifier._scene import Scene

MATCH_DELTA_E = 12.0  # CIE76: antialiased edges count about half their pixels
TOLERANCE = 0.05  # of the track: how far a bar's measured share may lie from its value
ON_SHARE = 0.1  # of the box showing the colour, from which a toggle, checkbox or radio reads as on
MIN_SIDE = 4  # px: a smaller box has nothing to measure


def control_checks(scene: Scene) -> list[ConstraintCheck]:
    """One check per control of the plan, with kind "part" and origin "plan"."""
    return [_control_check(scene, control) for control in scene.plan.elements if isinstance(control, ControlElement)]


def _control_check(scene: Scene, control: ControlElement) -> ConstraintCheck:
    box, color = control.box, control.color
    expected = _expected(control)
    clamped = clamp_box(box, scene.width, scene.height) if box is not None else None
    if (
        box is None
        or color is None
        or clamped is None
        or min(clamped[2] - clamped[0], clamped[3] - clamped[1]) < MIN_SIDE
    ):
        return _check(
            control, box, status="not_verified", expected=expected,
            measured="not measured: the control has no colour or no box on the canvas big enough to measure",
            evidence="not verified: measure a laid-out plan (the renderer's), whose controls have a box and a colour",
        )  # fmt: skip
    x0, y0, x1, y1 = clamped
    shows = _shows(scene.canvas[y0:y1, x0:x1], color)
    where = f"its box {box.w}x{box.h} at ({box.x},{box.y})"
    if control.control == "progress":
        return _bar_check(control, box, expected, float(shows[shows.shape[0] // 2].mean()), where, color)
    if control.control == "slider":
        return _bar_check(control, box, expected, _knob_share(shows), where, color)
    share = float(shows.mean())
    on = share >= ON_SHARE
    return _check(
        control, box, status="passed" if on == (control.value >= 0.5) else "failed", expected=expected,
        measured=f"{'on' if on else 'off'}: {100 * share:.0f}% of its box shows {color}",
        evidence=f"pixels of {where} compared with {color} (CIE76 ΔE < {MATCH_DELTA_E:g}); at least "
        f"{100 * ON_SHARE:.0f}% showing it reads as on, less as off",
    )  # fmt: skip


def _bar_check(
    control: ControlElement, box: Box, expected: str, share: float | None, where: str, color: str
) -> ConstraintCheck:
    if share is None:
        return _check(
            control, box, status="failed", expected=expected,
            measured=f"no knob in {color} found",
            evidence=f"no pixel of {where} shows {color} (CIE76 ΔE < {MATCH_DELTA_E:g}): the slider's knob is missing",
        )  # fmt: skip
    how = (
        "the share of its columns whose middle pixel shows"
        if control.control == "progress"
        else "where its knob's centre lies between its ends, the knob read as the rows and right edge showing"
    )
    return _check(
        control, box, status="passed" if abs(share - control.value) <= TOLERANCE else "failed", expected=expected,
        measured=f"{100 * share:.0f}% filled",
        evidence=f"in {where}, {how} {color} (CIE76 ΔE < {MATCH_DELTA_E:g}); it must lie within "
        f"{100 * TOLERANCE:.0f} points of {100 * control.value:.0f}%",
    )  # fmt: skip


def _shows(patch: NDArray[np.uint8], color: str) -> NDArray[np.bool_]:
    """Which pixels of `patch` show `color`."""
    target = rgb_to_lab(np.array(hex_to_rgb(color), dtype=np.float32))
    return delta_e(rgb_to_lab(patch), target) < MATCH_DELTA_E


def _knob_share(shows: NDArray[np.bool_]) -> float | None:
    """A slider's value from its knob: a disc of the colour whose height (the rows showing the colour) is its
    diameter and whose right edge is the rightmost column showing it; its centre travels from a radius in from
    the left end to a radius in from the right one."""
    rows, columns = np.nonzero(shows)
    if len(columns) == 0:
        return None
    height, width = shows.shape
    radius = (int(rows.max()) - int(rows.min()) + 1) / 2
    travel = width - 2 * radius
    if travel <= 0:
        return None
    centre = int(columns.max()) + 1 - radius
    return float(np.clip((centre - radius) / travel, 0.0, 1.0))


def _expected(control: ControlElement) -> str:
    if control.control in ("progress", "slider"):
        return f"a {control.control} at {100 * control.value:.0f}%"
    return f"a {control.control}, {'on' if control.value >= 0.5 else 'off'}"


def _check(
    control: ControlElement,
    box: Box | None,
    *,
    status: CheckStatus,
    expected: str,
    measured: str,
    evidence: str,
) -> ConstraintCheck:
    return ConstraintCheck(
        constraint_id=control.id, kind="part", origin="plan", status=status,
        expected=expected, measured=measured, evidence=evidence, element_ids=[control.id], box=box,
    )  # fmt: skip
