"""The composed scene: the brief's counted things, with their relations, as one block of the rules plan.

"A red kite above two tall trees" becomes a scene: two tall trees standing on a patch of ground and a red kite
over them, sizes in proportion, each relation true of the boxes as drawn (`_scene_compose`). Instances side by
side are one object group in a row (lines of them, a grid); an instance apart from the others, or one whose row
would reach over another thing, is a group of its own: a group's box holds only its own drawings, so the
verifier's pixel counter counts each exactly. A thing that carries text ("a sign that reads OPEN") is
drawn as that thing, a panel on a post with the words on it. A scene is made when the brief relates things to
each other, or asks for a scene and counts things; otherwise counted things go in the poster's rows.

What the scene cannot satisfy (A left of B and B left of A) is left out of the block's `carries`, and
`unsatisfied_relations` finds, in any plan, the relations between things that its boxes do not satisfy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tessera.contract import (
    Border,
    Box,
    Canvas,
    Constraints,
    ElementId,
    Frame,
    LayoutPlan,
    Node,
    ObjectGroup,
    Region,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredStructure,
    RequiredText,
    ShapeElement,
    TextElement,
    hex_to_rgb,
    rgb_to_hex,
)
from tessera.contract.relations import relation_holds
from tessera.planner._blocks import BlockRequest
from tessera.planner._extract import count_styles, picture_requests
from tessera.planner._extract_colors import color_from_words
from tessera.planner._extract_spans import unique_id
from tessera.planner._looks import SpriteLookup, group_look
from tessera.planner._numbers import plural, singular
from tessera.planner._palette import ColorScheme
from tessera.planner._picture_layout import margin_of
from tessera.planner._pictures import Spot
from tessera.planner._scene_compose import Composition, Link, Thing, as_box, compose, painted_rect, runs, union
from tessera.planner._scene_sizes import drawn_sizes, painted_extent, proportions, size_factor

SCENE_ID = "scene"
MAX_INSTANCES = 40  # more instances than this are drawn in rows, where they stay countable
MAX_SIDE_PX = 420  # the largest sprite: bitmap emoji turn blocky beyond about 4x their 109 px strike
MAX_SIDE_SHARE = 0.3  # of the canvas's height: the largest sprite beside text, as big as the poster's groups get
ALONE_SIDE_SHARE = 0.45  # the same for a scene that has the canvas to itself
FLOOR_OVERHANG = 0.06  # of the composition's width: how far the ground patch reaches past it on each side
FLOOR_SHARE = 0.1  # of the scene's height inside the margins: the ground strip under the ground line
FLOOR_TINT = 0.07  # the floor is the background moved this far towards the ink: visible, never counted as a thing
_Z_FLOOR, _Z_FIRST_THING = 1, 3
RENDERED_GAP = 0.3  # of a cell's side: the gap the renderer keeps between a group's cells
_CHECKED_PX = 3000.0  # a composition is checked as boxes on a canvas this big
_SIGN_FILL, _SIGN_EDGE, _SIGN_INK, _POST = "#F6E7C8", "#8A6A3B", "#2B2118", "#7A5C33"
_PANEL_SHARE = 0.62  # of a sign's height: the panel; the post takes the rest
_POST_SHARE = 0.07  # of a sign's width: its post


@dataclass(frozen=True)
class SceneReading:
    """The things of a scene (one per count, keyed by the count's id), the relations between them, and the texts
    each thing carries."""

    things: list[Thing]
    links: list[Link]
    counts: dict[str, RequiredCount]
    carried: dict[str, list[RequiredText]]


def scene_blocks(
    constraints: Constraints, canvas: Canvas, scheme: ColorScheme, sprite_for: SpriteLookup | None
) -> list[BlockRequest]:
    """One block holding the composed scene, or none when the brief does not make a scene."""
    reading = read_scene(constraints)
    if reading is None:
        return []
    composition = compose(reading.things, reading.links)
    held = {link.id for link in reading.links if _holds(link, reading, composition)}
    carries = {*reading.counts, *held, *(t.id for texts in reading.carried.values() for t in texts)}
    looks = _looks(constraints, reading, sprite_for)
    colors = _colors(constraints, reading)

    def fill(box: Box) -> list[Node]:
        return scene_nodes(reading, composition, box, canvas, scheme, looks, colors)

    alone = not _other_content(constraints, frozenset(carries))
    placed = _asked_place(constraints, reading)
    spot: Spot = "background" if alone else placed[0] if placed else "bottom"
    if placed and not alone:
        carries.add(placed[1])
    return [BlockRequest(SCENE_ID, spot, "half", fill, frozenset(carries))]


# Where a scene goes for a thing asked for in a region of the canvas ("a cake in the middle").
_SPOTS: dict[Region, Spot] = {
    "center": "center", "top": "top", "top-left": "top", "top-right": "top", "left": "left", "right": "right",
    "bottom": "bottom", "bottom-left": "bottom", "bottom-right": "bottom",
}  # fmt: skip


def _asked_place(constraints: Constraints, reading: SceneReading) -> tuple[Spot, str] | None:
    """(the scene's spot, the position's id) for the first thing of the scene the brief puts in a region."""
    classes = [t.object_class for t in reading.things]
    for position in constraints.items:
        if (
            isinstance(position, RequiredPosition)
            and position.region is not None
            and position.relation is None
            and position.subject_kind == "objects"
            and any(_same_class(position.subject, c) for c in classes)
        ):
            return _SPOTS[position.region], position.id
    return None


def read_scene(constraints: Constraints) -> SceneReading | None:
    """The scene the brief describes, or None: no relation between things, and no scene asked for."""
    counts = [c for c in constraints.items if isinstance(c, RequiredCount)]
    relations = [
        p
        for p in constraints.items
        if isinstance(p, RequiredPosition)
        and p.relation is not None
        and p.subject_kind == "objects"
        and p.reference_kind == "objects"
        and p.reference
    ]
    # A brief that asks for pictures reads as a scene too ("a photo of a beach"): its counted things go beside
    # the picture in rows unless the brief relates them.
    asked_scene = constraints.document == "scene" and not picture_requests(constraints)
    if not counts or not (relations or asked_scene):
        return None
    if sum(c.count for c in counts) > MAX_INSTANCES:
        return None
    real = {c.id: (proportions(c.object_class).size, size_factor(c.attributes)) for c in counts}
    sizes = drawn_sizes(real)
    things = [Thing(c.id, c.object_class, c.count, sizes[c.id], proportions(c.object_class)) for c in counts]
    links = [link for link in (_link(p, counts) for p in relations) if link is not None]
    carried = _carried_texts(constraints, counts)
    return SceneReading(things, links, {c.id: c for c in counts}, carried)


def _same_class(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return a == b or singular(a) == singular(b)


def _link(position: RequiredPosition, counts: list[RequiredCount]) -> Link | None:
    """The relation between the counts its classes name; the reference is another count of the subject's class
    when the brief relates two things of one class ("a red car left of a blue car")."""
    subjects = [c.id for c in counts if _same_class(c.object_class, position.subject)]
    references = [c.id for c in counts if position.reference and _same_class(c.object_class, position.reference)]
    if not subjects or not references or position.relation is None:
        return None
    reference = next((r for r in references if r != subjects[0]), references[0])
    second = None
    if position.second_reference:
        seconds = [c.id for c in counts if _same_class(c.object_class, position.second_reference)]
        if not seconds:
            return None
        second = seconds[0]
    return Link(position.id, position.relation, subjects[0], reference, second)


def _carried_texts(constraints: Constraints, counts: list[RequiredCount]) -> dict[str, list[RequiredText]]:
    """The texts set on a counted thing ("a sign that reads OPEN"), by the thing's count id."""
    carried: dict[str, list[RequiredText]] = {}
    for text in (t for t in constraints.items if isinstance(t, RequiredText) and t.carrier):
        owner = next((c for c in counts if _same_class(c.object_class, text.carrier or "")), None)
        if owner is not None and len(carried.get(owner.id, [])) < owner.count:
            carried.setdefault(owner.id, []).append(text)
    return carried


def _other_content(constraints: Constraints, carried: frozenset[str]) -> bool:
    """Whether the brief has anything the scene does not carry that needs room of its own: texts, structures."""
    return any(isinstance(c, RequiredText | RequiredStructure) and c.id not in carried for c in constraints.items)


def _looks(
    constraints: Constraints, reading: SceneReading, sprite_for: SpriteLookup | None
) -> dict[str, tuple[str, str | None]]:
    styles = count_styles(constraints)
    return {key: group_look(count, styles.get(key), sprite_for) for key, count in reading.counts.items()}


def _colors(constraints: Constraints, reading: SceneReading) -> dict[str, str | None]:
    """Each thing's colour: the brief's colour for its class, else its colour word."""
    asked = [c for c in constraints.items if isinstance(c, RequiredColor) and c.target == "objects" and c.subject]
    colors: dict[str, str | None] = {}
    for key, count in reading.counts.items():
        own = next((c.color for c in asked if _same_class(c.subject or "", count.object_class)), None)
        words = [a.word for a in count.attributes if a.kind == "color"]
        colors[key] = own or (color_from_words(words) if words else None)
    return colors


# --- checking relations ------------------------------------------------------------------------------------------


def _painted_boxes(composition: Composition, reading: SceneReading, key: str) -> list[Box]:
    """Where the thing's drawings are expected, as boxes of a canvas the whole composition fits."""
    thing = next(t for t in reading.things if t.key == key)
    extent = union(p.square for p in composition.placed)
    scale = _CHECKED_PX / max(extent.w, extent.h)
    return [as_box(painted_rect(p, thing), scale, -extent.x * scale, -extent.y * scale) for p in composition.of(key)]


def _depth(composition: Composition, subject: str, reference: str) -> bool:
    return min(p.z for p in composition.of(subject)) > max(p.z for p in composition.of(reference))


def _holds(link: Link, reading: SceneReading, composition: Composition) -> bool:
    """Whether the relation holds on the composed scene's painted boxes."""
    second = _painted_boxes(composition, reading, link.second) if link.second else []
    return relation_holds(
        link.relation,
        _painted_boxes(composition, reading, link.subject),
        _painted_boxes(composition, reading, link.reference),
        second,
        subject_in_front=_depth(composition, link.subject, link.reference),
    )


def unsatisfied_relations(constraints: Constraints, plan: LayoutPlan) -> list[RequiredPosition]:
    """The brief's relations between things that `plan`'s boxes do not satisfy, in brief order.

    Each thing is found as the plan's object groups of its class (or the panels named after it, for a thing
    that carries text), each instance where its drawing is expected in its box; a relation with a side the
    plan lacks is unsatisfied. Works on any plan whose groups have boxes: the rules planner's, a model's, a user's.
    """
    missing = []
    for position in constraints.items:
        if not isinstance(position, RequiredPosition) or position.relation is None:
            continue
        if position.subject_kind != "objects" or position.reference_kind != "objects" or not position.reference:
            continue
        subject, reference = _plan_instances(plan, position.subject), _plan_instances(plan, position.reference)
        second = _plan_instances(plan, position.second_reference) if position.second_reference else []
        in_front = _plan_in_front(plan, position.subject, position.reference)
        boxes = [[box for box, _ in side] for side in (subject, reference, second)]
        if not relation_holds(position.relation, boxes[0], boxes[1], boxes[2], subject_in_front=in_front):
            missing.append(position)
    return missing


def _plan_groups(plan: LayoutPlan, object_class: str) -> list[ObjectGroup]:
    return [g for g in plan.object_groups() if g.box is not None and _same_class(g.object_class, object_class)]


def _plan_instances(plan: LayoutPlan, object_class: str) -> list[tuple[Box, int]]:
    """(expected painted box, z) of every instance of the class in the plan."""
    found: list[tuple[Box, int]] = []
    for group in _plan_groups(plan, object_class):
        if group.arrangement != "row":  # a grid or a scatter: its instances somewhere in its box
            found.append((group.placed_box, group.z))
            continue
        for cell in _cells(group.placed_box, group.count):
            found.append((_expected_drawing(cell, group), group.z))
    found += [
        (frame.placed_box, frame.z)
        for frame in plan.frames()
        if frame.box is not None and frame.name and _same_class(frame.name, object_class)
    ]
    return found


def _cells(box: Box, count: int) -> list[Box]:
    """Where a group's instances roughly are: square cells in a row along the box's longer side, a row gap apart
    and centred, as the renderer arranges a row."""
    along_x = box.w >= box.h
    length, depth = (box.w, box.h) if along_x else (box.h, box.w)
    side = min(depth, length / (count + RENDERED_GAP * (count - 1)))
    start = (length - side * (count + RENDERED_GAP * (count - 1))) / 2
    offsets = [round(start + n * side * (1 + RENDERED_GAP)) for n in range(count)]
    s, across = max(1, round(side)), (depth - round(side)) // 2
    if along_x:
        return [Box(x=box.x + o, y=box.y + across, w=s, h=s) for o in offsets]
    return [Box(x=box.x + across, y=box.y + o, w=s, h=s) for o in offsets]


def _expected_drawing(cell: Box, group: ObjectGroup) -> Box:
    """Where a drawing of the group's class lands in a cell: the largest square, the class's aspect, standing on
    the cell's bottom when the group is anchored there, else centred."""
    side = min(cell.w, cell.h)
    w, h = painted_extent(side, proportions(group.object_class).aspect)
    x = cell.x + (cell.w - w) / 2
    y = cell.bottom - h if group.anchor in ("bottom", "bottom-left", "bottom-right") else cell.y + (cell.h - h) / 2
    return Box(x=round(x), y=round(y), w=max(1, round(w)), h=max(1, round(h)))


def _plan_in_front(plan: LayoutPlan, subject: str, reference: str) -> bool | None:
    subjects, references = _plan_instances(plan, subject), _plan_instances(plan, reference)
    if not subjects or not references:
        return None
    return min(z for _, z in subjects) > max(z for _, z in references)


# --- drawing ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """How the composition maps onto the block: pixels per unit, the offset, and the ground line."""

    scale: float
    dx: float
    dy: float
    ground: int
    floor: Box  # the ground patch the things stand on


def _fit(composition: Composition, box: Box, canvas: Canvas) -> _Frame:
    """The largest scale at which the composition fits the block inside its margins, standing on a ground patch
    (deeper where things stand in front), the two centred in the block together."""
    margin = margin_of(canvas)
    inner = Box(x=box.x + margin, y=box.y + margin, w=max(1, box.w - 2 * margin), h=max(1, box.h - 2 * margin))
    extent = union(p.square for p in composition.placed)
    largest = max(p.square.w for p in composition.placed)
    floor = FLOOR_SHARE * inner.h if composition.grounded else 0.0
    alone = box.h >= canvas.height
    biggest = min(MAX_SIDE_PX, (ALONE_SIDE_SHARE if alone else MAX_SIDE_SHARE) * canvas.height)
    scale = min(inner.w / extent.w, (inner.h - floor) / extent.h, biggest / largest)
    dx = inner.x + (inner.w - extent.w * scale) / 2 - extent.x * scale
    above, below = -extent.y * scale, max(0.0, extent.bottom) * scale
    depth = max(floor, below + FLOOR_SHARE * floor) if composition.grounded else below
    ground = inner.y + (inner.h - above - depth) / 2 + above
    width = extent.w * scale
    patch = Box(
        x=round(max(inner.x, dx + extent.x * scale - FLOOR_OVERHANG * width)),
        y=round(ground),
        w=max(1, round(min(inner.w, width * (1 + 2 * FLOOR_OVERHANG)))),
        h=max(1, round(depth)),
    )
    return _Frame(scale, dx, ground, round(ground), patch)


def scene_nodes(
    reading: SceneReading,
    composition: Composition,
    box: Box,
    canvas: Canvas,
    scheme: ColorScheme,
    looks: dict[str, tuple[str, str | None]],
    colors: dict[str, str | None],
) -> list[Node]:
    """The scene's nodes in `box`: a floor when things stand on the ground, then every instance."""
    frame = _fit(composition, box, canvas)
    nodes: list[Node] = []
    if composition.grounded:
        nodes.append(_floor(frame, scheme))
    depths = sorted({p.z for p in composition.placed})
    taken: set[str] = {SCENE_ID, "scene-floor"}
    things = {t.key: t for t in reading.things}
    for run in sorted(runs(composition.placed, things), key=lambda run: (run[0].z, run[0].thing, run[0].index)):
        thing = things[run[0].thing]
        z = _Z_FIRST_THING + depths.index(run[0].z)
        squares = [as_box(p.square, frame.scale, frame.dx, frame.dy) for p in run]
        texts = reading.carried.get(thing.key, [])
        if texts:
            for placed, square in zip(run, squares, strict=True):
                words = texts[placed.index] if placed.index < len(texts) else None
                nodes += _sign(thing, square, z, words, taken)
            continue
        look, prompt = looks[thing.key]
        nodes.append(
            ObjectGroup(
                id=_group_id(thing.object_class, taken),
                box=_union_box(squares),
                z=z,
                anchor="bottom",
                object_class=thing.object_class,
                count=len(run),
                arrangement="grid" if run[0].block else "row",
                color=colors.get(thing.key),
                look="generated" if look == "generated" else "sprite",
                prompt=prompt,
            )
        )
    return nodes


def _union_box(boxes: list[Box]) -> Box:
    x0, y0 = min(b.x for b in boxes), min(b.y for b in boxes)
    return Box(x=x0, y=y0, w=max(b.right for b in boxes) - x0, h=max(b.bottom for b in boxes) - y0)


def _group_id(object_class: str, taken: set[str]) -> ElementId:
    """The class's plural as an id ('traffic-cones'), numbered from the second group of a class on."""
    return unique_id(re.sub(r"[^a-z0-9]+", "-", plural(object_class).lower()).strip("-")[:36] or "things", taken)


def _instance_id(object_class: str, taken: set[str]) -> ElementId:
    """'<class>-<n>' with the first n not yet taken."""
    slug = re.sub(r"[^a-z0-9]+", "-", object_class.lower()).strip("-")[:30] or "thing"
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
        id="scene-floor", box=patch, z=_Z_FLOOR, shape="rounded_rectangle", fill=tone, corner_radius=patch.h // 2
    )


def _sign(thing: Thing, square: Box, z: int, text: RequiredText | None, taken: set[str]) -> list[Node]:
    """A thing that carries words: a panel (a frame named after the thing, so it is counted) on posts."""
    w, h = painted_extent(square.w, thing.proportions.aspect)
    left, top = square.x + (square.w - w) / 2, square.bottom - h
    panel = Box(x=round(left), y=round(top), w=max(8, round(w)), h=max(8, round(_PANEL_SHARE * h)))
    frame_id = _instance_id(thing.object_class, taken)
    posts = 1 if thing.proportions.aspect < 2 else 2
    post_w = max(3, round(_POST_SHARE * w))
    nodes: list[Node] = []
    for n in range(posts):
        x = panel.x + (panel.w - post_w) // 2 if posts == 1 else panel.x + round((0.15 + 0.7 * n) * panel.w)
        nodes.append(
            ShapeElement(
                id=f"{frame_id}-post-{n + 1}",
                box=Box(x=x, y=panel.bottom - 2, w=post_w, h=max(1, square.bottom - panel.bottom + 2)),
                z=z,
                fill=_POST,
            )
        )
    pad = max(4, round(0.1 * panel.h))
    children: list[Node] = []
    if text is not None:
        children.append(
            TextElement(
                id=f"{frame_id}-text",
                box=Box(x=panel.x + pad, y=panel.y + pad, w=max(1, panel.w - 2 * pad), h=max(1, panel.h - 2 * pad)),
                z=z + 1,
                text=text.text,
                script=text.script,
                language=text.language,
                role="label",
                font_weight="bold",
                max_font_size=max(8, round(0.42 * panel.h)),
                color=_SIGN_INK,
            )
        )
    nodes.append(
        Frame(
            id=frame_id,
            box=panel,
            z=z,
            layout="stack",
            fill=_SIGN_FILL,
            border=Border(color=_SIGN_EDGE, width=max(1, round(0.03 * panel.h))),
            radius=max(2, round(0.08 * panel.h)),
            role="panel",
            name=thing.object_class,
            children=children,
        )
    )
    return nodes
