"""Drawing a composed scene in its block: the scale that fits it, the ground patch, one object group per run of
instances, board-like carriers as panels, and a label plaque for the words written on a drawn thing.

The scene is as big as its block allows (its largest drawing at most a share of the canvas, and no bitmap emoji
past the size where it turns blocky), standing on a ground patch deep enough for the labels under things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tessera.contract import (
    Box,
    Canvas,
    ElementId,
    Node,
    ObjectGroup,
    RequiredText,
    ShapeElement,
    hex_to_rgb,
    rgb_to_hex,
)
from tessera.planner._extract_spans import unique_id
from tessera.planner._numbers import plural
from tessera.planner._palette import ColorScheme
from tessera.planner._picture_layout import margin_of
from tessera.planner._scene_carriers import LabelSize, label_nodes, label_size, panel_nodes
from tessera.planner._scene_compose import Composition, Placed, Thing, as_box, painted_rect, runs, union

SCENE_ID = "scene"
FLOOR_ID = "scene-floor"
MAX_SIDE_PX = 420  # a bitmap emoji's largest side: it turns blocky beyond about 4x its 109 px strike
MAX_SIDE_SHARE = 0.4  # of the canvas's height: the largest drawing of a scene beside text
ALONE_SIDE_SHARE = 0.55  # the same for a scene that has the canvas to itself
FLOOR_OVERHANG = 0.06  # of the composition's width: how far the ground patch reaches past it on each side
FLOOR_SHARE = 0.1  # of the scene's height inside the margins: the ground strip under the ground line
GROUND_DROP = 0.75  # of the free height above and below a grounded scene: the share that goes above it
FLOOR_TINT = 0.07  # the floor is the background moved this far towards the ink: visible, never counted as a thing
LABEL_GAP = 0.25  # of a label's font size: the space between a thing and its label
_Z_FLOOR, _Z_FIRST_THING = 1, 3
_FITS = 3  # fits of the scene at most: each makes room under the ground for the labels the one before placed


@dataclass(frozen=True)
class SceneLooks:
    """How the scene's things are drawn, by thing key: look and prompt, colour, the texts each carries (and the
    brief's colour for a text, by text id); which are board-like panels; which are bitmap emoji."""

    things: dict[str, Thing]
    looks: dict[str, tuple[str, str | None]]
    colors: dict[str, str | None]
    carried: dict[str, list[RequiredText]]
    text_colors: dict[str, str]
    panels: dict[str, bool]  # board-like things, and whether posts (an easel, a stand) hold each up
    bitmaps: frozenset[str]


@dataclass(frozen=True)
class _Frame:
    """How the composition maps onto the block: pixels per unit, the offset, the ground line, the ground patch and
    the room the scene has inside the block's margins."""

    scale: float
    dx: float
    dy: float
    ground: int
    floor: Box
    inner: Box
    below: float  # the room kept under the ground line: the floor's, or more for labels

    def box(self, placed: Placed) -> Box:
        return as_box(placed.square, self.scale, self.dx, self.dy)


@dataclass(frozen=True)
class _Label:
    """Words on a drawn thing, on a plaque under it (or over it)."""

    owner: str  # the instance's id: '<class>-<n>'
    plaque: Box
    size: LabelSize
    z: int
    text: RequiredText
    under: bool


def scene_nodes(
    looks: SceneLooks, composition: Composition, box: Box, canvas: Canvas, scheme: ColorScheme
) -> list[Node]:
    """The scene's nodes in `box`: a floor when things stand on the ground, every instance, and the labels."""
    frame = _fit(composition, box, canvas, looks, 0.0)
    labels = _labels(looks, composition, frame, canvas)
    for _ in range(_FITS - 1):
        needed = max((label.plaque.bottom - frame.ground for label in labels if label.under), default=0)
        if frame.below >= needed:
            break
        frame = _fit(composition, box, canvas, looks, float(needed))
        labels = _labels(looks, composition, frame, canvas)
    nodes: list[Node] = [_floor(frame, scheme)] if composition.grounded else []
    taken: set[str] = {SCENE_ID, FLOOR_ID}
    depths = sorted({p.z for p in composition.placed})
    by_owner = {label.owner: label for label in labels}
    for run in sorted(runs(composition.placed, looks.things), key=lambda run: (run[0].z, run[0].thing, run[0].index)):
        thing = looks.things[run[0].thing]
        z = _Z_FIRST_THING + depths.index(run[0].z)
        texts = looks.carried.get(thing.key, [])
        if thing.key in looks.panels:
            for placed in run:
                words = texts[placed.index] if placed.index < len(texts) else None
                ink = looks.text_colors.get(words.id) if words is not None else None
                drawing = as_box(painted_rect(placed, thing), frame.scale, frame.dx, frame.dy)
                owner = _instance_id(thing.object_class, taken)
                colors = (looks.colors.get(thing.key), ink)
                nodes += panel_nodes(owner, thing.object_class, drawing, z, words, colors, looks.panels[thing.key])
            continue
        nodes.append(_group(thing, run, frame, z, looks, taken))
        for placed in run:
            label = by_owner.get(_owner(thing, placed))
            if label is not None:
                taken.add(label.owner)
                nodes += label_nodes(label.owner, label.plaque, label.size, label.z, label.text)
    return nodes


def _group(thing: Thing, run: list[Placed], frame: _Frame, z: int, looks: SceneLooks, taken: set[str]) -> ObjectGroup:
    look, prompt = looks.looks[thing.key]
    return ObjectGroup(
        id=_group_id(thing.object_class, taken),
        box=_union_box([frame.box(p) for p in run]),
        z=z,
        anchor="bottom",
        object_class=thing.object_class,
        count=len(run),
        arrangement="grid" if run[0].block else "row",
        color=looks.colors.get(thing.key),
        look="generated" if look == "generated" else "sprite",
        prompt=prompt,
    )


# --- the scale -----------------------------------------------------------------------------------------------------


def _fit(composition: Composition, box: Box, canvas: Canvas, looks: SceneLooks, reserve: float) -> _Frame:
    """The largest scale at which the composition fits the block inside its margins, standing on a ground patch
    (deeper where things stand in front), with at least `reserve` under the ground line for labels, the whole
    centred in the block."""
    margin = margin_of(canvas)
    inner = Box(x=box.x + margin, y=box.y + margin, w=max(1, box.w - 2 * margin), h=max(1, box.h - 2 * margin))
    extent = union(p.square for p in composition.placed)
    floor = FLOOR_SHARE * inner.h if composition.grounded else 0.0
    room = max(floor, reserve)
    scale = min(inner.w / extent.w, (inner.h - room) / extent.h, _largest_scale(composition, box, canvas, looks))
    dx = inner.x + (inner.w - extent.w * scale) / 2 - extent.x * scale
    above, below = -extent.y * scale, max(0.0, extent.bottom) * scale
    depth = max(floor, below + FLOOR_SHARE * floor) if composition.grounded else below
    kept = max(depth, reserve)
    # Things on the ground stand low, on the lower third line, with the floor reaching down to the margin (a room,
    # not a shelf floating mid-canvas); things in the air stay centred.
    free = inner.h - above - kept
    ground = inner.y + free * (GROUND_DROP if composition.grounded else 0.5) + above
    if composition.grounded:
        depth = max(depth, inner.y + inner.h - ground)
    width = extent.w * scale
    patch = Box(
        x=round(max(inner.x, dx + extent.x * scale - FLOOR_OVERHANG * width)),
        y=round(ground),
        w=max(1, round(min(inner.w, width * (1 + 2 * FLOOR_OVERHANG)))),
        h=max(1, round(depth)),
    )
    return _Frame(scale, dx, ground, round(ground), patch, inner, kept)


def _largest_scale(composition: Composition, box: Box, canvas: Canvas, looks: SceneLooks) -> float:
    """The scale at which the largest drawing reaches its share of the canvas, or a bitmap emoji its largest size."""
    alone = box.h >= canvas.height
    share = (ALONE_SIDE_SHARE if alone else MAX_SIDE_SHARE) * canvas.height
    largest = max(p.square.w for p in composition.placed)
    bitmaps = [p.square.w for p in composition.placed if p.thing in looks.bitmaps]
    return min(share / largest, MAX_SIDE_PX / max(bitmaps)) if bitmaps else share / largest


# --- labels -------------------------------------------------------------------------------------------------------


def _labels(looks: SceneLooks, composition: Composition, frame: _Frame, canvas: Canvas) -> list[_Label]:
    """A label for each text written on a drawn (not board-like) thing: under the thing, or over it where
    something stands under it, within the scene's room."""
    squares = [(p, frame.box(p)) for p in composition.placed]
    depths = sorted({p.z for p in composition.placed})
    short_edge = min(canvas.width, canvas.height)
    found: list[_Label] = []
    for placed, square in squares:
        thing = looks.things[placed.thing]
        texts = looks.carried.get(thing.key, [])
        if thing.key in looks.panels or placed.index >= len(texts):
            continue
        drawing = as_box(painted_rect(placed, thing), frame.scale, frame.dx, frame.dy)
        widest = min(frame.inner.w, round(max(square.w, drawing.w) * 1.25))
        size = label_size(texts[placed.index], drawing.w, widest, short_edge)
        gap = max(6, round(LABEL_GAP * size.font))
        x = min(max(frame.inner.x, drawing.x + (drawing.w - size.w) // 2), frame.inner.right - size.w)
        under = Box(x=x, y=square.bottom + gap, w=size.w, h=size.h)
        over = Box(x=x, y=drawing.y - gap - size.h, w=size.w, h=size.h)
        others = [box for other, box in squares if other is not placed] + [label.plaque for label in found]
        blocked = any(under.intersection(box) for box in others)
        use_over = blocked and not any(over.intersection(box) for box in others)
        z = _Z_FIRST_THING + len(depths) + 1  # over every thing, so no drawing covers the words
        found.append(
            _Label(_owner(thing, placed), over if use_over else under, size, z, texts[placed.index], not use_over)
        )
    return found


def _owner(thing: Thing, placed: Placed) -> str:
    """The id of an instance that carries a label: '<class>-<n>', n from 1 in instance order."""
    return f"{_thing_slug(thing.object_class)}-{placed.index + 1}"


# --- nodes and ids ---------------------------------------------------------------------------------------------------


def _union_box(boxes: list[Box]) -> Box:
    x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
    return Box(x=x0, y=y0, w=max(b.right for b in boxes) - x0, h=max(b.bottom for b in boxes) - y0)


def _slug(name: str, limit: int) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:limit]


# The ids the rules planner gives its texts ('label-1', 'body-2'): a thing of the scene is never named like them.
_TEXT_IDS = frozenset({"headline", "subheading", "body", "label", "footer"})


def _thing_slug(object_class: str) -> str:
    slug = _slug(object_class, 30) or "thing"
    return f"{slug}-thing" if slug in _TEXT_IDS else slug


def _group_id(object_class: str, taken: set[str]) -> ElementId:
    """The class's plural as an id ('traffic-cones'), numbered from the second group of a class on."""
    return unique_id(_slug(plural(object_class), 36) or "things", taken)


def _instance_id(object_class: str, taken: set[str]) -> ElementId:
    """'<class>-<n>' with the first n not yet taken."""
    slug = _thing_slug(object_class)
    n = 1
    while f"{slug}-{n}" in taken:
        n += 1
    taken.add(f"{slug}-{n}")
    return f"{slug}-{n}"


def _floor(frame: _Frame, scheme: ColorScheme) -> ShapeElement:
    """The ground the things stand on: a soft patch of the background a shade towards the ink, under them."""
    behind = hex_to_rgb(scheme.behind[-1])
    ink = hex_to_rgb(scheme.ink)
    tone = rgb_to_hex(b + (i - b) * FLOOR_TINT for b, i in zip(behind, ink, strict=True))
    patch = frame.floor
    return ShapeElement(
        id=FLOOR_ID,
        box=patch,
        z=_Z_FLOOR,
        shape="rounded_rectangle",
        fill=tone,
        corner_radius=min(patch.h // 2, round(FLOOR_SHARE * frame.inner.h / 2)),
    )
