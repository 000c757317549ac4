"""What a drawn thing looks like, to tell which object class an instance is: a car painted in the tree's box is a car.

A look is a coarse grid over the thing's painted box: how much of each cell its silhouette fills, and the mean
colour (Lab) of its painted pixels there, with its aspect ratio. Measured relative to its own box, it does not
depend on its size; coarse cells shrug off the thin halo the renderer may draw around a sprite. An instance's look
is compared with the look of the drawing its class is drawn from (`tessera.contract.drawings`), rasterised again.
A class drawn from the bitmap emoji font has no drawing to compare with, and an icon none of its own colours.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image
from scipy import ndimage

from tessera.contract import Drawing, drawing_for
from tessera.contract.drawings import variant_drawing, vector_drawing
from tessera.contract.icons import find_icon
from tessera.contract.svg import rasterise
from tessera.verifier._count import Component, InstanceCount
from tessera.verifier._pixels import Mask, delta_e, rgb_to_lab

GRID = 4  # cells a side
REFERENCE_SIDE = 96  # px: a class's drawing is rasterised this big to take its look
MIN_SIDE = 12  # px: a smaller instance is too coarse to tell what it is
SOLID = 64  # alpha above which a drawing's pixel is painted
COLOURED_CELL = 0.1  # a cell with less than this share painted has no colour of its own
DELTA_E_SCALE = 100.0  # a colour difference of this many ΔE weighs as much as a cell's whole silhouette
# Two drawings at least this far apart are told apart (a tree and a car: about 1.6; a deciduous tree and a pine
# tree: 0.3, a cat's face and a star: 0.56).
DISTINCT = 0.6
# An instance is taken for another class when it is at most this far from that class's drawing and less than this
# share of its distance from its own (a drawing painted where the plan put it: under 0.2 from its own).
LOOKS_LIKE = 0.5
SWITCH = 0.5


@dataclass(frozen=True)
class Look:
    """A thing's silhouette and colours on a GRID x GRID grid over its painted box, and that box's aspect."""

    coverage: NDArray[np.float64]  # GRID x GRID: share of each cell inside the silhouette
    colours: NDArray[np.float64] | None  # GRID x GRID x 3 Lab, NaN where a cell is hardly painted; None: not its own
    aspect: float  # width / height

    def distance(self, other: Look, *, colour: bool = True) -> float:
        """How unalike two looks are: the mean difference of their cells' silhouettes, of the logarithm of their
        aspects and, with `colour` where both have colours of their own, of their cells' colours."""
        shape = float(np.abs(self.coverage - other.coverage).mean())
        aspect = abs(float(np.log(self.aspect / other.aspect)))
        return shape + aspect + (self._colour_distance(other) if colour else 0.0)

    def _colour_distance(self, other: Look) -> float:
        if self.colours is None or other.colours is None:
            return 0.0
        both = ~np.isnan(self.colours[..., 0]) & ~np.isnan(other.colours[..., 0])
        if not both.any():
            return 0.0
        return float(delta_e(self.colours[both], other.colours[both]).mean()) / DELTA_E_SCALE


def look_of(rgb: NDArray[np.generic], painted: Mask, *, coloured: bool = True) -> Look | None:
    """The look of the painted pixels of `rgb` (H x W x 3); None when nothing is painted. Without `coloured` the
    colours are not the thing's own (an icon drawn in whatever colour it is given)."""
    rows, cols = np.nonzero(painted)
    if len(rows) == 0:
        return None
    top, bottom, left, right = rows.min(), rows.max() + 1, cols.min(), cols.max() + 1
    painted = painted[top:bottom, left:right]
    silhouette = ndimage.binary_fill_holes(painted)
    lab = rgb_to_lab(np.asarray(rgb[top:bottom, left:right], dtype=np.float32)) if coloured else None
    y_edges = np.linspace(0, bottom - top, GRID + 1).round().astype(int)
    x_edges = np.linspace(0, right - left, GRID + 1).round().astype(int)
    coverage = np.zeros((GRID, GRID))
    colours = np.full((GRID, GRID, 3), np.nan)
    for row in range(GRID):
        for col in range(GRID):
            cell = np.s_[y_edges[row] : y_edges[row + 1], x_edges[col] : x_edges[col + 1]]
            coverage[row, col] = silhouette[cell].mean() if silhouette[cell].size else 0.0
            if lab is not None and painted[cell].sum() > COLOURED_CELL * max(1, painted[cell].size):
                colours[row, col] = lab[cell][painted[cell]].mean(axis=0)
    return Look(coverage, colours if coloured else None, (right - left) / (bottom - top))


def instance_look(canvas: NDArray[np.generic], counted: InstanceCount, instance: Component) -> Look | None:
    """The look of one counted instance, from its own painted pixels; None when it is too small to tell."""
    box, search = instance.box, counted.search_box
    if min(box.w, box.h) < MIN_SIDE:
        return None
    painted = counted.mask[box.y - search.y : box.bottom - search.y, box.x - search.x : box.right - search.x]
    return look_of(canvas[box.y : box.bottom, box.x : box.right], painted)


@functools.lru_cache(maxsize=256)
def reference_look(object_class: str) -> Look | None:
    """The look of the drawing that draws `object_class`; None where there is none to compare with: no drawing, or
    one from the bitmap emoji font."""
    drawing = drawing_for(object_class)
    image = _rasterised(drawing) if drawing is not None else None
    if drawing is None or image is None:
        return None
    pixels = np.asarray(image)
    return look_of(pixels[..., :3], pixels[..., 3] > SOLID, coloured=drawing.emoji is not None)


def _rasterised(drawing: Drawing) -> Image.Image | None:
    """The drawing REFERENCE_SIDE px on its longer side (an icon in black); None when the bitmap font draws it."""
    if drawing.emoji is None:
        icon = find_icon(drawing.icon or "")
        return rasterise(icon.svg("#000000", REFERENCE_SIDE)) if icon is not None else None
    vector = (variant_drawing(drawing.variant) if drawing.variant else None) or vector_drawing(drawing.emoji)
    if vector is None:
        return None
    scale = REFERENCE_SIDE / max(vector.width, vector.height)
    view = (0.0, 0.0, float(vector.width), float(vector.height))
    return rasterise(vector.svg(view, round(vector.width * scale), round(vector.height * scale)))


def class_of(look: Look | None, own: str, classes: Sequence[str], *, colour: bool = True) -> str:
    """Which of `classes` an instance counted in a group of class `own` is: another class when it clearly looks
    like that class's drawing rather than its own, and the two drawings are told apart; else `own`. With `colour`
    false (a group drawn in a colour asked for) only silhouettes are compared."""
    mine = reference_look(own)
    if look is None or mine is None:
        return own
    own_distance = look.distance(mine, colour=colour)
    found, nearest = own, LOOKS_LIKE
    for other in classes:
        theirs = reference_look(other) if other != own else None
        if theirs is None or theirs.distance(mine, colour=colour) < DISTINCT:
            continue
        distance = look.distance(theirs, colour=colour)
        if distance <= nearest and distance < SWITCH * own_distance:
            found, nearest = other, distance
    return found
