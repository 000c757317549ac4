"""Where pictures go on the canvas, and the room they leave for text and sprite groups.

A picture asked for a half, a band, a side or a quarter bleeds to the canvas edges, like a magazine cover; one
asked for a corner or the centre sits inside the margins; one with no place becomes the hero (the top half of a
square or tall canvas, the right side of a wide one). A background picture covers the whole canvas under
everything. The rest of the layout goes into the largest free rectangle beside the pictures, or above and below
a picture in the centre, so no text is ever hidden under a picture.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product

from tessera.contract import Box, Canvas, PictureElement
from tessera.planner._pictures import Extent, PictureRequest, PictureStyle, Spot

Z_BACKGROUND_PICTURE = 0
Z_PICTURE = 2
BACKGROUND_SHARE = 0.9  # a picture covering this much of the canvas is a background: text goes over it on panels
MIN_AREA_SHARE = 0.2  # the free room must be at least this share of the canvas for the layout to go there
_SHARES: dict[str, float] = {"half": 0.5, "band": 0.4, "side": 0.45, "hero": 0.5, "hero-wide": 0.45}
_CORNER_SHARE = 0.42  # of the short edge: the side of a corner picture
_CENTER_SIZE = (0.74, 0.36)  # of the content width and the canvas height: a picture in the centre


@dataclass(frozen=True)
class PlacedPicture:
    """A picture request and the box it got."""

    id: str
    prompt: str
    style: PictureStyle
    box: Box
    spot: Spot | None
    background: bool

    def element(self) -> PictureElement:
        return PictureElement(
            id=self.id,
            box=self.box,
            z=Z_BACKGROUND_PICTURE if self.background else Z_PICTURE,
            prompt=self.prompt,
            style=self.style,
        )


def margin_of(canvas: Canvas) -> int:
    return round(0.06 * min(canvas.width, canvas.height))


def _int_box(x: float, y: float, w: float, h: float) -> Box:
    x0, y0 = round(x), round(y)
    return Box(x=x0, y=y0, w=max(1, round(x + w) - x0), h=max(1, round(y + h) - y0))


def _edge_box(canvas: Canvas, side: str, share: float) -> Box:
    """A box bleeding to three canvas edges, `share` of the canvas deep on `side`."""
    W, H = canvas.width, canvas.height
    if side == "top":
        return _int_box(0, 0, W, share * H)
    if side == "bottom":
        return _int_box(0, H - round(share * H), W, round(share * H))
    if side == "left":
        return _int_box(0, 0, share * W, H)
    return _int_box(W - round(share * W), 0, round(share * W), H)


def _hero(canvas: Canvas) -> tuple[str, float]:
    """The side and share of a picture the brief gives no place: on top when tall or square, on the right when wide."""
    if canvas.width > 1.25 * canvas.height:
        return "right", _SHARES["hero-wide"]
    return "top", _SHARES["hero"]


def picture_box(canvas: Canvas, spot: Spot | None, extent: Extent) -> Box:
    """The box of a picture asked for `spot` at `extent` (see the module docstring)."""
    W, H, m = canvas.width, canvas.height, margin_of(canvas)
    if spot == "background":
        return Box(x=0, y=0, w=W, h=H)
    if spot is None:
        hero_side, share = _hero(canvas)
        return _edge_box(canvas, hero_side, share)
    if spot == "center":
        w, h = _CENTER_SIZE[0] * (W - 2 * m), _CENTER_SIZE[1] * H
        return _int_box((W - w) / 2, (H - h) / 2, w, h)
    vertical, _, horizontal = spot.partition("-")
    if spot in ("left", "right"):
        horizontal, vertical = spot, ""
    if vertical and horizontal:
        if extent == "quarter":
            x = 0 if horizontal == "left" else W / 2
            y = 0 if vertical == "top" else H / 2
            return _int_box(x, y, W / 2, H / 2)
        side = _CORNER_SHARE * min(W, H)
        x = m if horizontal == "left" else W - m - side
        y = m if vertical == "top" else H - m - side
        return _int_box(x, y, side, side)
    return _edge_box(canvas, vertical or horizontal, _SHARES.get(extent, 0.5))


def _opposite(box: Box, canvas: Canvas) -> tuple[Spot, Extent]:
    """Where a second unplaced picture goes: across from the first."""
    cx, cy = box.center
    if box.w >= 0.9 * canvas.width:
        return ("bottom" if cy < canvas.height / 2 else "top"), "band"
    return ("right" if cx < canvas.width / 2 else "left"), "side"


def place_pictures(canvas: Canvas, requests: list[PictureRequest], taken_ids: set[str]) -> list[PlacedPicture]:
    """A box for each request; one that would overlap an earlier picture moves across from it or is left out."""
    placed: list[PlacedPicture] = []
    for n, request in enumerate(requests, start=1):
        box = picture_box(canvas, request.spot, request.extent)
        background = request.spot == "background"
        if not background and any(p.box.intersection(box) for p in placed if not p.background):
            first = next(p for p in placed if not p.background)
            box = picture_box(canvas, *_opposite(first.box, canvas))
            if any(p.box.intersection(box) for p in placed if not p.background):
                continue
        picture_id = "background-picture" if background else ("picture" if n == 1 else f"picture-{n}")
        while picture_id in taken_ids:
            picture_id += "-x"
        taken_ids.add(picture_id)
        placed.append(
            PlacedPicture(picture_id, request.prompt or "a picture", request.style, box, request.spot, background)
        )
    return placed


def is_background(box: Box, canvas: Canvas) -> bool:
    """Whether a picture box covers (nearly) the whole canvas, so text belongs over it rather than beside it."""
    covered = box.intersection(Box(x=0, y=0, w=canvas.width, h=canvas.height))
    return covered is not None and covered.area >= BACKGROUND_SHARE * canvas.width * canvas.height


def _largest_free(canvas: Canvas, obstacles: list[Box]) -> Box | None:
    """The largest rectangle of the canvas that touches no obstacle (a full-width one wins a near tie)."""
    W, H = canvas.width, canvas.height
    xs = sorted({0, W, *(min(W, max(0, v)) for b in obstacles for v in (b.x, b.right))})
    ys = sorted({0, H, *(min(H, max(0, v)) for b in obstacles for v in (b.y, b.bottom))})
    best: tuple[float, Box] | None = None
    for (x0, x1), (y0, y1) in product(
        [(a, b) for a in xs for b in xs if b > a], [(a, b) for a in ys for b in ys if b > a]
    ):
        candidate = Box(x=x0, y=y0, w=x1 - x0, h=y1 - y0)
        if any(candidate.intersection(b) for b in obstacles):
            continue
        # Text reads best in wide rows and very thin strips make poor columns.
        aspect = max(candidate.w / candidate.h, candidate.h / candidate.w)
        score = candidate.area * (1.08 if candidate.w == W else 1.0) * (0.6 if aspect > 4 else 1.0)
        if best is None or score > best[0]:
            best = (score, candidate)
    return best[1] if best else None


def content_areas(canvas: Canvas, pictures: list[Box]) -> list[Box]:
    """Where the rest of the layout goes: the whole canvas, the largest free rectangle, or two rooms (the bands
    above and below a picture in the centre; beside a corner picture and the band across the rest).
    Empty when pictures leave too little room."""
    obstacles = [b for b in pictures if not is_background(b, canvas)]
    full = Box(x=0, y=0, w=canvas.width, h=canvas.height)
    if not obstacles:
        return [full]
    center = [b for b in obstacles if _is_centered(b, canvas)]
    if len(obstacles) == 1 and center:
        box = center[0]
        return [
            Box(x=0, y=0, w=canvas.width, h=box.y),
            Box(x=0, y=box.bottom, w=canvas.width, h=canvas.height - box.bottom),
        ]
    if len(obstacles) == 1 and (beside := _corner_areas(canvas, obstacles[0])):
        return beside
    free = _largest_free(canvas, obstacles)
    if free is None or free.area < MIN_AREA_SHARE * full.area:
        return []
    return [free]


def _corner_areas(canvas: Canvas, box: Box) -> list[Box] | None:
    """Around a corner picture, the room beside it and the band across the rest, lead lines first.

    A designer sets the headline beside a corner photo rather than leaving that quarter empty and
    crowding everything below. None when the picture is not in a corner or either room is too small.
    """
    W, H = canvas.width, canvas.height
    top, bottom = box.y < 0.25 * H and box.bottom < 0.75 * H, box.bottom > 0.75 * H and box.y > 0.25 * H
    left, right = box.x < 0.25 * W and box.right < 0.75 * W, box.right > 0.75 * W and box.x > 0.25 * W
    if not ((top or bottom) and (left or right)):
        return None
    x, w = (0, box.x) if right else (box.right, W - box.right)
    if top:
        beside, band = Box(x=x, y=0, w=w, h=box.bottom), Box(x=0, y=box.bottom, w=W, h=H - box.bottom)
    else:
        beside, band = Box(x=x, y=box.y, w=w, h=H - box.y), Box(x=0, y=0, w=W, h=box.y)
    if beside.w < 0.3 * W or band.h < 0.2 * H:
        return None
    return [beside, band] if top else [band, beside]


def _is_centered(box: Box, canvas: Canvas) -> bool:
    cx, cy = box.center
    return (
        abs(cx - canvas.width / 2) < 0.05 * canvas.width
        and abs(cy - canvas.height / 2) < 0.05 * canvas.height
        and box.y > 0.15 * canvas.height
        and box.bottom < 0.85 * canvas.height
    )


def area_margin(canvas: Canvas, area: Box) -> int:
    """Margins for a layout inside `area`: the canvas's own, so text keeps the same distance from the canvas
    edges and from a picture; a little less only when the area is too small for them."""
    return max(8, min(margin_of(canvas), round(0.12 * min(area.w, area.h))))


def area_fraction(area: Box, canvas: Canvas) -> float:
    return math.sqrt(area.area / (canvas.width * canvas.height))
