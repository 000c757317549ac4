"""The composed scene: the brief's counted things, with their relations, as one block of the rules plan.

"A red kite above two tall trees" becomes a scene: two tall trees standing on a patch of ground and a red kite
over them, sizes in proportion, each relation true of the boxes as drawn (`_scene_compose`, drawn by
`_scene_draw`). Instances side by side are one object group in a row (lines of them, a grid); an instance apart
from the others, or one whose row would reach over another thing, is a group of its own: a group's box holds only
its own drawings, so the verifier's pixel counter counts each exactly. Words written on a thing ("a sign that
reads OPEN", "a mug that says ...") go on that thing (`_scene_carriers`). A scene is made when the brief relates
things to each other, writes words on a thing, or asks for a scene and counts things; otherwise counted things go
in the poster's rows.

What the scene cannot satisfy (A left of B and B left of A) is left out of the block's `carries`, and
`unsatisfied_relations` finds, in any plan, the relations between things that its boxes do not satisfy.
"""

from __future__ import annotations

from dataclasses import dataclass

from tessera.contract import (
    Box,
    Canvas,
    Constraints,
    LayoutPlan,
    Node,
    ObjectGroup,
    Region,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredStructure,
    RequiredText,
)
from tessera.contract.relations import relation_holds
from tessera.planner._blocks import BlockRequest
from tessera.planner._extract import count_styles, picture_requests
from tessera.planner._extract_colors import color_from_words
from tessera.planner._looks import SpriteLookup, group_look
from tessera.planner._numbers import singular
from tessera.planner._palette import ColorScheme
from tessera.planner._pictures import Spot
from tessera.planner._scene_carriers import carriers_of, is_panel, names_thing, panel_proportions
from tessera.planner._scene_compose import Composition, Link, Thing, as_box, compose, painted_rect, union
from tessera.planner._scene_draw import SCENE_ID, SceneLooks, scene_nodes
from tessera.planner._scene_sizes import Proportions, drawn_sizes, painted_extent, proportions, size_factor

MAX_INSTANCES = 40  # more instances than this are drawn in rows, where they stay countable
RENDERED_GAP = 0.3  # of a cell's side: the gap the renderer keeps between a group's cells
_CHECKED_PX = 3000.0  # a composition is checked as boxes on a canvas this big
_LEVEL = frozenset({"next_to", "facing"})  # relations whose things stand level: a board there stands on the ground
_BITMAP_SPRITE = "emoji:"  # the sprite ids of emoji drawn from the bitmap font, which turn blocky when large
# What a material looks like, for a thing the brief gives a material and no colour ("a wooden table").
_MATERIAL_COLORS: dict[str, str] = {
    "wooden": "#9A6A3A", "wood": "#9A6A3A", "timber": "#9A6A3A", "bamboo": "#B08D4A", "wicker": "#A8794A",
    "straw": "#C9A659", "brick": "#A4553A", "stone": "#8C8A84", "granite": "#8C8A84", "concrete": "#8F8F8A",
    "metal": "#7C8389", "metallic": "#7C8389", "steel": "#7C8389", "iron": "#5F6469", "copper": "#B8733A",
    "bronze": "#A0703A", "brass": "#B59A3A", "leather": "#7A4E2D", "clay": "#B8684A", "cardboard": "#B88A5A",
}  # fmt: skip


@dataclass(frozen=True)
class SceneReading:
    """The things of a scene (one per count, keyed by the count's id, and one per carrier nobody counted), the
    relations between them, the texts each thing carries, and which things are board-like panels (and whether
    posts hold each up: not one that must stand level with a thing beside it)."""

    things: list[Thing]
    links: list[Link]
    counts: dict[str, RequiredCount]
    carried: dict[str, list[RequiredText]]
    panels: dict[str, bool]


def scene_blocks(
    constraints: Constraints, canvas: Canvas, scheme: ColorScheme, sprite_for: SpriteLookup | None
) -> list[BlockRequest]:
    """One block holding the composed scene, or none when the brief does not make a scene."""
    reading = read_scene(constraints, sprite_for)
    if reading is None:
        return []
    composition = compose(reading.things, reading.links)
    held = {link.id for link in reading.links if _holds(link, reading, composition)}
    asked = {c.id for c in constraints.items if isinstance(c, RequiredCount)}
    carries = {*(asked & set(reading.counts)), *held, *(t.id for texts in reading.carried.values() for t in texts)}
    looks = SceneLooks(
        things={t.key: t for t in reading.things},
        looks=_looks(constraints, reading, sprite_for),
        colors=_colors(constraints, reading),
        carried=reading.carried,
        text_colors=_text_colors(constraints),
        panels=reading.panels,
        bitmaps=frozenset(key for key, c in reading.counts.items() if _drawn_from_bitmap(c.object_class, sprite_for)),
    )

    def fill(box: Box) -> list[Node]:
        return scene_nodes(looks, composition, box, canvas, scheme)

    alone = not _other_content(constraints, frozenset(carries))
    placed = _asked_place(constraints, reading)
    spot: Spot = "background" if alone else placed[0] if placed else "bottom"
    if placed and not alone:
        carries.add(placed[1])
    return [BlockRequest(SCENE_ID, spot, "half", fill, frozenset(carries))]


def _drawn_from_bitmap(object_class: str, sprite_for: SpriteLookup | None) -> bool:
    return sprite_for is not None and str(sprite_for(object_class) or "").startswith(_BITMAP_SPRITE)


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


def read_scene(constraints: Constraints, sprite_for: SpriteLookup | None = None) -> SceneReading | None:
    """The scene the brief describes, or None: no relation between things, no words written on a thing, and no
    scene asked for. `sprite_for` tells which carriers no drawing shows (they are drawn as panels)."""
    asked = [c for c in constraints.items if isinstance(c, RequiredCount)]
    carriers = carriers_of(constraints, asked)
    counts = asked + carriers.uncounted
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
    if not counts or not (relations or carriers.texts or asked_scene):
        return None
    if sum(c.count for c in counts) > MAX_INSTANCES:
        return None
    links = [link for link in (_link(p, counts) for p in relations) if link is not None]
    level = {key for link in links if link.relation in _LEVEL for key in (link.subject, link.reference)}
    panels = {
        c.id: c.id not in level
        for c in counts
        if c.id in carriers.texts
        and (is_panel(c.object_class) or (sprite_for is not None and sprite_for(c.object_class) is None))
    }
    shapes = {c.id: _proportions(c, carriers.texts.get(c.id, []), panels.get(c.id)) for c in counts}
    sizes = drawn_sizes({c.id: (shapes[c.id].size, size_factor(c.attributes)) for c in counts})
    things = [Thing(c.id, c.object_class, c.count, sizes[c.id], shapes[c.id]) for c in counts]
    return SceneReading(things, links, {c.id: c for c in counts}, carriers.texts, panels)


def _proportions(count: RequiredCount, texts: list[RequiredText], held: bool | None) -> Proportions:
    """The class's proportions; a board-like carrier's (`held` not None) are shaped by its words."""
    base = proportions(count.object_class)
    return base if held is None else panel_proportions(base, count.object_class, texts, held)


def _same_class(a: str, b: str) -> bool:
    a, b = a.lower().strip(), b.lower().strip()
    return a == b or singular(a) == singular(b)


def _link(position: RequiredPosition, counts: list[RequiredCount]) -> Link | None:
    """The relation between the counts its classes name; the reference is another count of the subject's class
    when the brief relates two things of one class ("a red car left of a blue car")."""
    subjects = _counts_of(counts, position.subject)
    references = _counts_of(counts, position.reference or "")
    if not subjects or not references or position.relation is None:
        return None
    reference = next((r for r in references if r != subjects[0]), references[0])
    second = None
    if position.second_reference:
        seconds = _counts_of(counts, position.second_reference)
        if not seconds:
            return None
        second = seconds[0]
    return Link(position.id, position.relation, subjects[0], reference, second)


def _counts_of(counts: list[RequiredCount], name: str) -> list[str]:
    """The ids of the counts of a class: of that class, else of one it is the head noun of ("cake" for "birthday
    cake")."""
    same = [c.id for c in counts if _same_class(c.object_class, name)]
    return same or [c.id for c in counts if name and names_thing(name, c.object_class)]


def _other_content(constraints: Constraints, carried: frozenset[str]) -> bool:
    """Whether the brief has anything the scene does not carry that needs room of its own: texts, structures."""
    return any(isinstance(c, RequiredText | RequiredStructure) and c.id not in carried for c in constraints.items)


def _looks(
    constraints: Constraints, reading: SceneReading, sprite_for: SpriteLookup | None
) -> dict[str, tuple[str, str | None]]:
    styles = count_styles(constraints)
    return {key: group_look(count, styles.get(key), sprite_for) for key, count in reading.counts.items()}


def _colors(constraints: Constraints, reading: SceneReading) -> dict[str, str | None]:
    """Each thing's colour: the brief's colour for its class, else its colour word, else its material's."""
    asked = [c for c in constraints.items if isinstance(c, RequiredColor) and c.target == "objects" and c.subject]
    colors: dict[str, str | None] = {}
    for key, count in reading.counts.items():
        own = next((c.color for c in asked if _same_class(c.subject or "", count.object_class)), None)
        words = [a.word for a in count.attributes if a.kind == "color"]
        materials = [_MATERIAL_COLORS[a.word.lower()] for a in count.attributes if a.word.lower() in _MATERIAL_COLORS]
        colors[key] = own or (color_from_words(words) if words else None) or next(iter(materials), None)
    return colors


def _text_colors(constraints: Constraints) -> dict[str, str]:
    """The brief's colour for each text that has one, by text id."""
    asked = [c for c in constraints.items if isinstance(c, RequiredColor) and c.target == "text" and c.subject]
    texts = [t for t in constraints.items if isinstance(t, RequiredText)]
    return {t.id: c.color for t in texts for c in asked if c.subject == t.text}


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
