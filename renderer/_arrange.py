"""Where each instance of an object group goes: same-size cells with a clear gap, centred in the box."""

from __future__ import annotations

import hashlib
import math
import random
from typing import Literal

from tessera.contract import Box
from tessera.contract.plan import clamped_box

Arrangement = Literal["row", "grid", "scatter"]

GAP_RATIO = 0.3  # gap between cells as a share of the cell's longer side; counters need at least 0.25
_ONE_ROW_SHARE = 0.6  # a single row is kept while its cells are at least this share of the best layout's
_SCATTER_SHRINK = 0.62  # scattered cells are this share of the grid cell, so random placement has room
_SCATTER_TRIES = 300  # random candidates per instance before shrinking the cells
_SCATTER_ROUNDS = 6


def arrange(box: Box, count: int, arrangement: Arrangement, *, aspect: float = 1.0, seed: str = "") -> list[Box]:
    """`count` equal cells of width/height `aspect` inside `box`, none closer than the gap.

    A row stays one row unless the cells would get much smaller than in a few
    rows; a grid is the near-square one with the largest cells; scatter places
    smaller cells at random positions drawn from `seed`, so the same seed gives
    the same picture. When the box is too small for even 1-pixel cells the cells
    overflow it, still centred.
    """
    if arrangement == "grid":
        return _grid_cells(box, count, aspect, _best_grid(box, count, aspect))
    if arrangement == "scatter":
        return _scatter_cells(box, count, aspect, seed)
    return _row_cells(box, count, aspect)


def gap_for(width: int, height: int) -> int:
    """The clear space kept between cells of this size."""
    return max(1, math.ceil(GAP_RATIO * max(width, height)))


def _cell(height: int, aspect: float) -> tuple[int, int]:
    return max(1, round(height * aspect)), max(1, height)


def _cell_height(box: Box, cols: int, rows: int, aspect: float) -> int:
    """The largest cell height whose `cols` x `rows` block fits the box (1 at least)."""
    spread = GAP_RATIO * max(aspect, 1.0)
    estimate = min(box.w / (cols * aspect + (cols - 1) * spread), box.h / (rows + (rows - 1) * spread))
    height = max(1, math.floor(estimate))
    while height > 1:
        w, h = _cell(height, aspect)
        g = gap_for(w, h)
        if cols * w + (cols - 1) * g <= box.w and rows * h + (rows - 1) * g <= box.h:
            break
        height -= 1
    return height


def _best_grid(box: Box, count: int, aspect: float) -> tuple[int, int]:
    """(cols, rows) giving the largest cells; ties go to fewer empty cells, then the squarer grid."""

    def score(cols: int) -> tuple[int, int, int]:
        rows = math.ceil(count / cols)
        return (_cell_height(box, cols, rows, aspect), -(cols * rows - count), -abs(cols - rows))

    cols = max(range(1, count + 1), key=score)
    return cols, math.ceil(count / cols)


def _block(box: Box, row_lengths: list[int], width: int, height: int) -> list[Box]:
    """Cells laid out row by row, each row centred, the whole block centred in the box."""
    gap = gap_for(width, height)
    block_h = len(row_lengths) * height + (len(row_lengths) - 1) * gap
    top = box.y + (box.h - block_h) // 2
    cells = []
    for row, length in enumerate(row_lengths):
        row_w = length * width + (length - 1) * gap
        left = box.x + (box.w - row_w) // 2
        y = top + row * (height + gap)
        cells += [clamped_box(left + i * (width + gap), y, width, height) for i in range(length)]
    return cells


def _grid_cells(box: Box, count: int, aspect: float, shape: tuple[int, int]) -> list[Box]:
    cols, rows = shape
    width, height = _cell(_cell_height(box, cols, rows, aspect), aspect)
    lengths = [min(cols, count - r * cols) for r in range(rows)]
    return _block(box, lengths, width, height)


def _row_cells(box: Box, count: int, aspect: float) -> list[Box]:
    sizes = {rows: _cell_height(box, math.ceil(count / rows), rows, aspect) for rows in range(1, count + 1)}
    best = max(sizes, key=lambda rows: (sizes[rows], -rows))
    rows = 1 if sizes[1] >= _ONE_ROW_SHARE * sizes[best] else best
    width, height = _cell(sizes[rows], aspect)
    base, extra = divmod(count, rows)
    lengths = [base + (1 if r < extra else 0) for r in range(rows)]
    return _block(box, lengths, width, height)


def _scatter_cells(box: Box, count: int, aspect: float, seed: str) -> list[Box]:
    """Random non-overlapping cells, retried smaller when the box gets crowded; a grid as the last resort."""
    rng = random.Random(int.from_bytes(hashlib.sha256(seed.encode()).digest()[:8], "big"))
    shape = _best_grid(box, count, aspect)
    height = max(1, math.floor(_cell_height(box, *shape, aspect) * _SCATTER_SHRINK))
    for _ in range(_SCATTER_ROUNDS):
        width, h = _cell(height, aspect)
        placed = _try_scatter(box, count, width, h, gap_for(width, h), rng)
        if placed is not None:
            return _centred(box, placed, width, h)
        height = max(1, math.floor(height * 0.9))
    return _grid_cells(box, count, aspect, shape)


def _try_scatter(
    box: Box, count: int, width: int, height: int, gap: int, rng: random.Random
) -> list[tuple[int, int]] | None:
    if width > box.w or height > box.h:
        return None
    placed: list[tuple[int, int]] = []
    for _ in range(count):
        for _ in range(_SCATTER_TRIES):
            x, y = rng.randint(0, box.w - width), rng.randint(0, box.h - height)
            if all(abs(x - px) >= width + gap or abs(y - py) >= height + gap for px, py in placed):
                placed.append((x, y))
                break
        else:
            return None
    return placed


def _centred(box: Box, placed: list[tuple[int, int]], width: int, height: int) -> list[Box]:
    """The scattered cells shifted so their joint bounding box sits in the middle of the box."""
    left, top = min(x for x, _ in placed), min(y for _, y in placed)
    right, bottom = max(x for x, _ in placed) + width, max(y for _, y in placed) + height
    dx = (box.w - (right - left)) // 2 - left
    dy = (box.h - (bottom - top)) // 2 - top
    return [clamped_box(box.x + x + dx, box.y + y + dy, width, height) for x, y in placed]
