"""Free space on a canvas: where a box of a given size fits without touching any other box."""

from __future__ import annotations

import math

import numpy as np

from tessera.contract import Box


def free_spot(
    width: int,
    height: int,
    obstacles: list[Box],
    size: tuple[int, int],
    near: tuple[float, float],
    area: Box | None = None,
    pad: int = 0,
) -> Box | None:
    """The box of `size` inside `area` (default: the canvas) nearest to `near` that touches no obstacle.

    Obstacles are kept `pad` pixels away. The search runs on a coarse grid, so positions snap to its cells.
    """
    w, h = size
    cell = max(4, min(width, height) // 128)
    cols, rows = math.ceil(width / cell), math.ceil(height / cell)
    blocked = np.zeros((rows, cols), dtype=bool)
    region = area or Box(x=0, y=0, w=width, h=height)
    x0, y0 = max(0, region.x), max(0, region.y)
    x1, y1 = min(width, region.right), min(height, region.bottom)
    blocked[:, : math.ceil(x0 / cell)] = True
    blocked[: math.ceil(y0 / cell), :] = True
    blocked[:, x1 // cell :] = True
    blocked[y1 // cell :, :] = True
    for box in obstacles:
        bx0, by0 = max(0, (box.x - pad) // cell), max(0, (box.y - pad) // cell)
        bx1, by1 = math.ceil((box.right + pad) / cell), math.ceil((box.bottom + pad) / cell)
        if bx1 > 0 and by1 > 0:
            blocked[by0:by1, bx0:bx1] = True
    need_c, need_r = math.ceil(w / cell), math.ceil(h / cell)
    if need_c > cols or need_r > rows:
        return None
    summed = np.zeros((rows + 1, cols + 1), dtype=np.int64)
    summed[1:, 1:] = blocked.cumsum(axis=0).cumsum(axis=1)
    window = (
        summed[need_r:, need_c:] - summed[:-need_r, need_c:] - summed[need_r:, :-need_c] + summed[:-need_r, :-need_c]
    )
    free_r, free_c = np.nonzero(window == 0)
    if free_r.size == 0:
        return None
    centers_x = free_c * cell + w / 2
    centers_y = free_r * cell + h / 2
    best = int(np.argmin((centers_x - near[0]) ** 2 + (centers_y - near[1]) ** 2))
    x, y = int(free_c[best] * cell), int(free_r[best] * cell)
    if x + w > width or y + h > height:
        return None
    return Box(x=x, y=y, w=w, h=h)
