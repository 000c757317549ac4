"""Checks of the user's own images: each asset node of the plan shows something in its box.

The verifier never sees the asset's file, so it cannot compare pixels with it; what it can see is whether the box
holds anything but the page: the share of its pixels that differ clearly from the page's colour just around the
box. A box the renderer left empty (or painted the page's colour) fails.
"""

from __future__ import annotations

import numpy as np

from tessera.contract import AssetElement, ConstraintCheck
from tessera.verifier._pixels import clamp_box
from tessera.verifier._scene import Scene

RING_PX = 8  # the page around the box that the box is compared with
INK_DIFFERENCE = 40  # the largest channel difference from the page's colour that still counts as page
MIN_INK_SHARE = 0.02  # of the box's pixels: less than this shows nothing a viewer would see


def asset_checks(scene: Scene) -> list[ConstraintCheck]:
    """One check per asset node of the plan, with origin "plan"."""
    return [_asset_check(scene, asset) for asset in scene.plan.elements if isinstance(asset, AssetElement)]


def _asset_check(scene: Scene, element: AssetElement) -> ConstraintCheck:
    expected = f"the supplied image '{element.name}' drawn in its box"
    inside = clamp_box(element.box, scene.width, scene.height) if element.box is not None else None
    if inside is None:
        return ConstraintCheck(
            constraint_id=element.id, kind="asset", origin="plan", status="failed", expected=expected,
            measured="its box lies off the canvas: nothing of it can be seen",
            evidence="the laid-out plan puts the asset off the canvas", element_ids=[element.id], box=element.box,
        )  # fmt: skip
    x0, y0, x1, y1 = inside
    crop = scene.canvas[y0:y1, x0:x1].astype(np.int16)
    page = _page_colour(scene, inside)
    share = float((np.abs(crop - page).max(axis=2) > INK_DIFFERENCE).mean())
    passed = share >= MIN_INK_SHARE
    measured = f"{share:.0%} of its {x1 - x0}x{y1 - y0} box differs from the page" + ("" if passed else ": blank")
    return ConstraintCheck(
        constraint_id=element.id, kind="asset", origin="plan", status="passed" if passed else "failed",
        expected=expected, measured=measured,
        evidence=f"pixels of the box compared with the page's colour in the {RING_PX} px around it (the median); "
        f"at least {MIN_INK_SHARE:.0%} must differ by more than {INK_DIFFERENCE} in a channel",
        element_ids=[element.id], box=element.box,
    )  # fmt: skip


def _page_colour(scene: Scene, inside: tuple[int, int, int, int]) -> np.ndarray:
    """The median colour of the page around the box; the canvas's corner colour when the box fills the canvas."""
    x0, y0, x1, y1 = inside
    ax0, ay0, ax1, ay1 = _grown(inside, scene.width, scene.height, RING_PX)
    patch = scene.canvas[ay0:ay1, ax0:ax1]
    mask = np.ones(patch.shape[:2], dtype=bool)
    mask[y0 - ay0 : y1 - ay0, x0 - ax0 : x1 - ax0] = False
    ring = patch[mask]
    if ring.size == 0:
        ring = scene.canvas[:1, :1].reshape(-1, 3)
    return np.median(ring.reshape(-1, 3), axis=0).astype(np.int16)


def _grown(inside: tuple[int, int, int, int], width: int, height: int, margin: int) -> tuple[int, int, int, int]:
    x0, y0, x1, y1 = inside
    return max(0, x0 - margin), max(0, y0 - margin), min(width, x1 + margin), min(height, y1 + margin)
