"""Checks of the plan's icons: each is drawn again from the shared set and compared with the pixels where it lies.

The icon is rasterised (resvg) in the square the renderer uses (`square_in` of its laid-out box). The pixels
there are read as how far each one goes from the local background towards the icon's colour (pixels of any other
colour count as no ink), and the two coverage maps are compared twice: as a whole (IoU: a missing or unrelated
icon scores near 0) and patch by patch, because icons that differ only in a badge or a dot ('circle' and
'circle-dot') overlap almost wholly. The largest patch where the coverages differ by more than half, once lines
a pixel thin (the antialiased edges of a resampled render) are opened away, must stay under half a stroke's
square. Measured over families that differ by a badge ('circle', 'circle-dot', 'circle-check', 'circle-x',
'user', 'user-plus'...), this tells them apart from 24 px up; at 20 px 'circle-check' and 'circle-x' look alike
to it. A name the set lacks fails without measuring.

An icon whose square is over `MAX_COMPARED_SIDE` px is compared at that size: both the set's drawing and the
pixels are taken down to it (the pixels by area averaging, which keeps a blended edge pixel on the line between
background and icon colour), so a 3840 px icon costs what a 512 px one does, and the patch limit scales with it.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray
from PIL import Image
from scipy import ndimage

from tessera.contract import Box, CheckStatus, ConstraintCheck, IconElement, hex_to_rgb
from tessera.contract.icons import Icon, find_icon, icon_set, square_in, stroke_units
from tessera.contract.svg import rasterise
from tessera.verifier._pixels import clamp_box, delta_e, rgb_to_lab
from tessera.verifier._scene import Scene

MIN_IOU = 0.75  # of the two coverages; the same icon scores about 1, a render resampled 1.5x or 2x above 0.9
MAX_PATCH_STROKES = 0.5  # the largest disagreeing patch, in squares of the icon's stroke width
MIN_CONTRAST_DELTA_E = 10.0  # an icon closer than this to what lies behind it cannot be seen
OFF_LINE_SHARE = 0.5  # a pixel this far (of the icon-background distance) off the line between them is other ink
MIN_SIDE = 4  # px: a smaller square has nothing to compare
# px: a larger square is compared scaled down to this side; a glyph's shape shows at 512 px as well as at 3840, and
# the float maps of a 3840 px square took 900 MB.
MAX_COMPARED_SIDE = 512


def icon_checks(scene: Scene) -> list[ConstraintCheck]:
    """One check per icon of the plan, with origin "plan"."""
    return [_icon_check(scene, icon) for icon in scene.plan.elements if isinstance(icon, IconElement)]


def _icon_check(scene: Scene, element: IconElement) -> ConstraintCheck:
    expected = f"icon {element.name!r} in {element.color}"
    icon = find_icon(element.name)
    if icon is None:
        close = ", ".join(repr(name) for name in icon_set().suggest(element.name)) or "none"
        return _check(
            element, element.box, status="failed", expected=expected,
            measured=f"icon {element.name!r} is not in the set",
            evidence=f"the icon set (Tabler) has no icon or alias {element.name!r}; close names: {close}",
        )  # fmt: skip
    square = square_in(element.box) if element.box is not None else None
    visible = clamp_box(square, scene.width, scene.height) if square is not None else None
    if square is None or visible is None or min(visible[2] - visible[0], visible[3] - visible[1]) < MIN_SIDE:
        return _check(
            element, element.box, status="not_verified", expected=expected,
            measured="not measured: the icon has no box on the canvas big enough to compare",
            evidence="not verified: the laid-out plan puts the icon off the canvas, or in under "
            f"{MIN_SIDE} px",
        )  # fmt: skip
    return _compare(scene, element, icon, square, visible, expected)


def _compare(
    scene: Scene, element: IconElement, icon: Icon, square: Box, visible: tuple[int, int, int, int], expected: str
) -> ConstraintCheck:
    drawn, patch, scale = _coverage_and_pixels(scene, element, icon, square, visible)
    where = f"its {square.w}x{square.h} square at ({square.x},{square.y})"
    behind = _background(patch, drawn)
    contrast = float(delta_e(rgb_to_lab(np.array(hex_to_rgb(element.color))), rgb_to_lab(behind)))
    if contrast < MIN_CONTRAST_DELTA_E:
        return _check(
            element, square, status="failed", expected=expected,
            measured=f"{element.color} does not stand out from what lies behind it (ΔE {contrast:.1f})",
            evidence=f"the pixels around the icon in {where} are within ΔE {MIN_CONTRAST_DELTA_E:g} of its colour, "
            "so it cannot be seen: give the icon a colour that contrasts with its background",
        )  # fmt: skip
    measured = _ink(patch, behind, element.color)
    iou = _soft_iou(drawn, measured)
    stroke = stroke_units(square.w) * square.w / icon.width
    # Measured on the compared pixels, counted in the square's own: each compared pixel stands for 1/scale² of them.
    patch_px = round(_largest_disagreement(drawn, measured) / scale**2)
    same = iou >= MIN_IOU and patch_px < MAX_PATCH_STROKES * stroke**2
    compared = "" if scale == 1 else f" (both taken down to {drawn.shape[1]}x{drawn.shape[0]} px to compare)"
    return _check(
        element, square, status="passed" if same else "failed", expected=expected,
        measured=f"ink overlaps the set's {icon.name!r} with IoU {iou:.2f}; the largest patch where they differ "
        f"is {patch_px} px",
        evidence=f"{icon.name!r} drawn again from the icon set in {where} and compared with the pixels there"
        f"{compared}, ink read as the pixels' shift from the background towards {element.color}: the IoU of the two "
        f"coverages must be at least {MIN_IOU:g}, and no patch where they differ may reach "
        f"{MAX_PATCH_STROKES * stroke**2:.0f} px (half the square of its {stroke:.1f} px stroke)",
    )  # fmt: skip


def _coverage_and_pixels(
    scene: Scene, element: IconElement, icon: Icon, square: Box, visible: tuple[int, int, int, int]
) -> tuple[NDArray[np.float32], NDArray[np.float32], float]:
    """The set's coverage of the visible part of the square and the pixels there, at most `MAX_COMPARED_SIDE` px
    a side, and the scale they were taken at (1: the square's own pixels)."""
    x0, y0, x1, y1 = visible
    if square.w <= MAX_COMPARED_SIDE:
        drawn = _alpha(icon, element.color, square.w)[y0 - square.y : y1 - square.y, x0 - square.x : x1 - square.x]
        return drawn, scene.canvas[y0:y1, x0:x1].astype(np.float32), 1.0
    scale = MAX_COMPARED_SIDE / square.w
    # The compared pixels that lie wholly on the canvas, in the scaled square's coordinates...
    left, top = math.ceil((x0 - square.x) * scale), math.ceil((y0 - square.y) * scale)
    right, bottom = math.floor((x1 - square.x) * scale), math.floor((y1 - square.y) * scale)
    drawn = _alpha(icon, element.color, MAX_COMPARED_SIDE)[top:bottom, left:right]
    # ... and the canvas area each of them covers, averaged (a box filter over exactly that area).
    source = (
        square.x + left / scale - x0, square.y + top / scale - y0,
        square.x + right / scale - x0, square.y + bottom / scale - y0,
    )  # fmt: skip
    region = Image.fromarray(scene.canvas[y0:y1, x0:x1])
    taken = region.resize((right - left, bottom - top), Image.Resampling.BOX, box=source)
    return drawn, np.asarray(taken, dtype=np.float32), scale


def _alpha(icon: Icon, color: str, side: int) -> NDArray[np.float32]:
    """The icon's coverage (0..1) per pixel, drawn as the renderer draws it."""
    rgba = np.asarray(rasterise(icon.svg(color, side)))
    return (rgba[..., 3] / 255.0).astype(np.float32)


def _background(patch: NDArray[np.float32], drawn: NDArray[np.float32]) -> NDArray[np.float32]:
    """The colour behind the icon: the median of the pixels the icon leaves bare (all of them if it covers all)."""
    bare = patch[drawn == 0]
    return np.median(bare if len(bare) else patch.reshape(-1, 3), axis=0).astype(np.float32)


def _ink(patch: NDArray[np.float32], behind: NDArray[np.float32], color: str) -> NDArray[np.float32]:
    """How far each pixel lies from the background towards the icon's colour (0..1), as alpha blending puts it;
    0 for pixels off that line (another colour painted there is not this icon)."""
    towards = np.array(hex_to_rgb(color), dtype=np.float32) - behind
    shifted = patch - behind
    share = np.clip(shifted @ towards / float(towards @ towards), 0.0, 1.0)
    off_line = np.linalg.norm(shifted - share[..., None] * towards, axis=-1)
    return np.where(off_line > OFF_LINE_SHARE * float(np.linalg.norm(towards)), 0.0, share).astype(np.float32)


def _soft_iou(expected: NDArray[np.float32], measured: NDArray[np.float32]) -> float:
    """Intersection over union of two coverage maps (0..1 per pixel): a half-covered edge pixel counts half, so
    8-bit rounding at a stroke's edge changes nothing."""
    union = float(np.maximum(expected, measured).sum())
    return 0.0 if union == 0 else float(np.minimum(expected, measured).sum()) / union


def _largest_disagreement(expected: NDArray[np.float32], measured: NDArray[np.float32]) -> int:
    """Pixels in the largest patch where the coverages differ by more than half, lines a pixel thin left out."""
    differ = ndimage.binary_opening(np.abs(expected - measured) > 0.5, np.ones((2, 2), dtype=bool))
    labels, count = ndimage.label(differ)
    return 0 if count == 0 else int(np.bincount(labels.ravel())[1:].max())


def _check(
    element: IconElement, box: Box | None, *, status: CheckStatus, expected: str, measured: str, evidence: str
) -> ConstraintCheck:
    return ConstraintCheck(
        constraint_id=element.id, kind="icon", origin="plan", status=status,
        expected=expected, measured=measured, evidence=evidence, element_ids=[element.id], box=box,
    )  # fmt: skip
