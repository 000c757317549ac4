"""What the LLM planner does when the model's plan still breaks the brief after a repair: merge, or replace.

First element by element (`merge_elements`): the model's design is kept, what it nearly carries is finished in
place (a bullet its list misses, a count off by some, a text in the wrong case), and for every item it still
leaves out, the rule planner's nodes that carry that item join the model's content frame where the layout has
room. Notes say what came from which planner.

When that cannot be done (no room, a part pinned inside a scene, a picture left out), whole plans are merged
(`merge_with_rules`): the model-free planner lays out every required string and count (so the hard constraints
hold by construction), dressed in the model's background colour as if the brief had asked for it. When the brief
names a background, or the model never wrote a valid plan, the rule planner's plan is used as it is. The model's
pictures are kept where they lie when each has a box on the canvas and they leave room for the rest; a picture
the layout engine would place (no box) has no place to keep before the plan is laid out. Otherwise (or when there
are none) the rule planner places the pictures the brief asks for itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tessera.contract import (
    WCAG_AA_CONTRAST,
    Canvas,
    ChartElement,
    Constraint,
    Constraints,
    CoverageEntry,
    Element,
    Frame,
    LayoutPlan,
    ListElement,
    PictureElement,
    Planner,
    PlanResult,
    RequiredColor,
    RequiredCount,
    RequiredStructure,
    RequiredText,
    SourceSpan,
    TableElement,
    TextElement,
    backdrop_colors,
)
from tessera.planner._check import check_plan
from tessera.planner._colors import best_ink, readable_shade, worst_contrast
from tessera.planner._coverage import coverage_map
from tessera.planner._extract_spans import unique_id
from tessera.planner._llm_room import has_room
from tessera.planner._picture_layout import content_areas


def _background_color(plan: LayoutPlan) -> str:
    return backdrop_colors(plan.background)[0]


def merge_with_rules(
    model_plan: LayoutPlan | None,
    constraints: Constraints,
    canvas: Canvas,
    rules: Planner,
    seed: int,
    style_seed: int | None = None,
) -> tuple[PlanResult, str]:
    """The rule planner's plan, in the model's background where the brief leaves it open; and what was kept."""
    asks_background = any(isinstance(c, RequiredColor) and c.target == "background" for c in constraints.items)
    pictures = usable_pictures(model_plan, canvas) if model_plan is not None else []
    kept = f" around the model's {len(pictures)} picture(s)" if pictures else _unplaced_pictures(model_plan)
    if model_plan is None or asks_background:
        return _plan(rules, constraints, canvas, pictures, seed, style_seed), f"the rule planner wrote the plan{kept}"
    color = _background_color(model_plan)
    chosen = RequiredColor(
        id="model-background",
        target="background",
        color=color,
        source=SourceSpan(start=0, end=0, quote="(the model's background)"),
    )
    dressed = constraints.model_copy(update={"items": [*constraints.items, chosen]})
    result = _plan(rules, dressed, canvas, pictures, seed, style_seed)
    return result, (
        f"the rule planner laid out every required string and count{kept} on the model's background {color}"
    )


def usable_pictures(plan: LayoutPlan, canvas: Canvas) -> list[PictureElement]:
    """The plan's pictures when every one has a box on the canvas and they leave room for the text; else none."""
    pictures = [p for p in plan.pictures() if p.box is not None and p.box.inside(canvas.width, canvas.height)]
    if len(pictures) != len(plan.pictures()) or not content_areas(canvas, [p.placed_box for p in pictures]):
        return []
    return pictures


def _unplaced_pictures(plan: LayoutPlan | None) -> str:
    """Why the model's pictures were not kept, when one of them had no box for the rule planner to keep."""
    if plan is None or all(p.box is not None for p in plan.pictures()):
        return ""
    return (
        " (the model's pictures were left to the layout engine, so they had no place to keep; "
        "the rule planner placed the brief's pictures)"
    )


def _plan(
    rules: Planner,
    constraints: Constraints,
    canvas: Canvas,
    pictures: list[PictureElement],
    seed: int,
    style_seed: int | None = None,
) -> PlanResult:
    plan_around = getattr(rules, "plan_around", None)
    if pictures and plan_around is not None:
        return plan_around(constraints, canvas, pictures, seed=seed, style_seed=style_seed)
    return rules.plan(constraints, canvas, seed=seed, style_seed=style_seed)


# Items the merge takes nodes for: what a plan draws. Colours and positions are carried once what they describe is.
_DRAWN_KINDS = ("text", "count", "structure")
_LIST_STRUCTURES = ("bullets", "numbered", "steps")
_TABLE_STRUCTURES = ("table", "prices", "pairs")
# Frames that are a part of their own, taken whole; others (a panel, a section) are the rules plan's design.
_PART_ROLES = ("card", "button", "input", "badge", "tag", "chip", "avatar", "list_item", "list", "table")
_INKED = (TextElement, ListElement, TableElement, ChartElement)
# Frames the taken nodes do not go into: a part of its own (a button, a card) or the navigation.
_CLOSED_ROLES = ("button", "input", "badge", "tag", "chip", "avatar", "nav", "sidebar", "toolbar", "list", "table")


@dataclass
class _Merge:
    """The merge under way: the model's plan as it grows, and what was done to it, for the notes."""

    plan: LayoutPlan
    done: list[str] = field(default_factory=list)


def merge_elements(
    model_plan: LayoutPlan,
    constraints: Constraints,
    canvas: Canvas,
    rules: Planner,
    seed: int,
    style_seed: int | None = None,
) -> tuple[PlanResult, str] | None:
    """The model's plan with what it leaves out added from the rule planner's plan, element by element, where
    the model's design has room; None when it has none or something is still left out (then merge whole plans).

    First what the model nearly carries is completed in place (a bullet missing from its list, a count off by
    some, a text that differs in case or spacing); then, for every item still not planned, the rule planner's
    nodes that carry it (and nothing the model already carries) join the model's content frame, in brief order.
    """
    if not _background_as_asked(model_plan, constraints):
        return None
    merge = _Merge(model_plan)
    _complete_in_place(merge, constraints)
    missing = _missing_items(merge.plan, constraints)
    drawn = [c for c in constraints.items if c.kind in _DRAWN_KINDS]
    # A design that carries less than half of what the brief asks is no design of this brief (a small model's
    # reply of invented prose): the rule planner's whole plan serves better than anything added into it.
    if missing is None or len(missing) * 2 > len(drawn):
        return None
    if missing:
        rules_plan = _plan(rules, _dressed(constraints, merge.plan), canvas, [], seed, style_seed).plan
        if not _add_from_rules(merge, constraints, rules_plan, missing):
            return None
    if _anything_not_planned(merge.plan, constraints) or check_plan(merge.plan, constraints):
        return None
    rationale = f"{model_plan.rationale} Completed from the rule planner: {'; '.join(merge.done)}."
    plan = merge.plan.model_copy(update={"rationale": rationale.strip()[:2000]})
    kept = (
        f"kept the model's design (background {_background_color(model_plan)}, "
        f"{len(model_plan.frames()) + len(model_plan.elements)} nodes) and {'; '.join(merge.done)}"
    )
    return PlanResult(
        plan=plan, planner=rules.name, notes=[f"Merged element by element: {'; '.join(merge.done)}."]
    ), kept


def _background_as_asked(plan: LayoutPlan, constraints: Constraints) -> bool:
    """Whether the plan's background is the one the brief names, if it names one."""
    asked = [c.color for c in constraints.items if isinstance(c, RequiredColor) and c.target == "background"]
    return not asked or _background_color(plan).upper() == asked[0].upper()


def _dressed(constraints: Constraints, model_plan: LayoutPlan) -> Constraints:
    """The reading with the model's background as if the brief had asked for it, unless the brief names one, so
    that the rule planner's nodes are coloured to read on the model's page."""
    if any(isinstance(c, RequiredColor) and c.target == "background" for c in constraints.items):
        return constraints
    chosen = RequiredColor(
        id="model-background",
        target="background",
        color=_background_color(model_plan),
        source=SourceSpan(start=0, end=0, quote="(the model's background)"),
    )
    return constraints.model_copy(update={"items": [*constraints.items, chosen]})


def _not_planned(plan: LayoutPlan, constraints: Constraints) -> list[CoverageEntry]:
    """The coverage entries the plan leaves out, but for those no plan can carry (past the plan's limits)."""
    left_out = {(e.clause, e.span) for e in constraints.left_out}
    return [
        e for e in coverage_map(constraints, plan) if e.status == "not_planned" and (e.clause, e.span) not in left_out
    ]


def _anything_not_planned(plan: LayoutPlan, constraints: Constraints) -> bool:
    return bool(_not_planned(plan, constraints))


def _missing_items(plan: LayoutPlan, constraints: Constraints) -> list[Constraint] | None:
    """The drawn items the plan does not carry, in brief order; None when something else is not planned (a
    picture the brief asks for) that only the rule planner's whole plan places."""
    by_id = {c.id: c for c in constraints.items}
    missing: list[Constraint] = []
    for entry in _not_planned(plan, constraints):
        item = by_id.get(entry.item or "")
        if item is None:
            return None
        if item.kind in _DRAWN_KINDS:
            missing.append(item)
    return missing


def _complete_in_place(merge: _Merge, constraints: Constraints) -> None:
    """What the model nearly carries, finished where it stands: texts, counts, lists and tables."""
    for item in constraints.items:
        if isinstance(item, RequiredText):
            _exact_text(merge, item)
        elif isinstance(item, RequiredCount):
            _exact_count(merge, item)
        elif isinstance(item, RequiredStructure):
            _complete_structure(merge, item)


def _replace_leaf(merge: _Merge, leaf: Element, done: str) -> None:
    merge.plan = merge.plan.model_copy(update={"root": _replaced_node(merge.plan.root, leaf)})
    merge.done.append(done)


def _replaced_node(frame: Frame, leaf: Element) -> Frame:
    children = [
        _replaced_node(c, leaf) if isinstance(c, Frame) else (leaf if c.id == leaf.id else c) for c in frame.children
    ]
    return frame.model_copy(update={"children": children})


def _squashed(text: str) -> str:
    return " ".join(text.split()).casefold()


def _exact_text(merge: _Merge, item: RequiredText) -> None:
    texts = merge.plan.texts()
    if any(t.text == item.text for t in texts):
        return
    near = next((t for t in texts if _squashed(t.text) == _squashed(item.text)), None)
    if near is not None:
        _replace_leaf(merge, near.model_copy(update={"text": item.text}), f"'{near.id}' reads {item.text!r} exactly")


def _exact_count(merge: _Merge, item: RequiredCount) -> None:
    groups = [g for g in merge.plan.object_groups() if g.object_class.strip().lower() == item.object_class.lower()]
    if len(groups) == 1 and groups[0].count != item.count:
        group = groups[0]
        _replace_leaf(merge, group.model_copy(update={"count": item.count}), f"'{group.id}' draws {item.count}")


def _complete_structure(merge: _Merge, item: RequiredStructure) -> None:
    """A list or table of the model's that carries some of the structure's entries gets the others."""
    kinds = ListElement if item.structure in _LIST_STRUCTURES else TableElement
    if item.structure not in (*_LIST_STRUCTURES, *_TABLE_STRUCTURES):
        return
    for leaf in merge.plan.elements:
        if not isinstance(leaf, kinds):
            continue
        words = _squashed(" | ".join(leaf.items if isinstance(leaf, ListElement) else _cells(leaf)))
        absent = [e for e in item.items if _squashed(e.label) not in words]
        if not absent or len(absent) == len(item.items):
            continue
        labels = ", ".join(repr(e.label) for e in absent)
        if isinstance(leaf, ListElement):
            _replace_leaf(merge, leaf.model_copy(update={"items": [*leaf.items, *(e.label for e in absent)]}),
                          f"{labels} added to the model's list '{leaf.id}'")  # fmt: skip
        else:
            rows = [[e.label, *(e.cells or ([e.value] if e.value else []))] for e in absent]
            _replace_leaf(merge, leaf.model_copy(update={"rows": [*leaf.rows, *rows]}),
                          f"{labels} added to the model's table '{leaf.id}'")  # fmt: skip
        return


def _cells(table: TableElement) -> list[str]:
    return [cell for row in table.rows for cell in row]


def _add_from_rules(merge: _Merge, constraints: Constraints, rules_plan: LayoutPlan, missing: list[Constraint]) -> bool:
    """The rule planner's nodes for the missing items added to the model's content frame; False when they
    cannot move (pinned parts inside them) or the model's design has no room for them."""
    carried = _items_by_node(constraints, rules_plan)
    wanted = {item.id for item in missing}
    taken = _taken(rules_plan.root, carried, wanted)
    if not taken or any(_pinned_inside(node) for node in taken):
        return False
    ids = {n.id for n in [*merge.plan.frames(), *merge.plan.elements]}
    moved = [_in_flow(_renamed(node, ids), rules_plan.canvas) for node in taken]
    path = _content_frame(merge.plan, moved)
    if path is None:
        return False
    starts = {c.id: c.source.start for c in constraints.items}
    model_items = _items_by_node(constraints, merge.plan)
    model_order = {node_id: min((starts[i] for i in items), default=None) for node_id, items in model_items.items()}
    new_order = [min(starts[i] for i in carried[original.id] & wanted) for original in taken]
    behind = _backdrop(merge.plan, path)
    moved = [_readable(node, behind) for node in moved]
    children = _in_brief_order(list(path[-1].children), model_order, list(zip(moved, new_order, strict=True)))
    merge.plan = merge.plan.model_copy(update={"root": _with_children(merge.plan.root, path, children)})
    LayoutPlan.model_validate(merge.plan.model_dump())  # ids stay unique, the tree bounded
    for node, original in zip(moved, taken, strict=True):
        items = ", ".join(sorted(carried.get(original.id, set()) & wanted)) or "its part"
        merge.done.append(f"'{node.id}' ({items}) from the rule planner into '{path[-1].id}'")
    return True


def _items_by_node(constraints: Constraints, plan: LayoutPlan) -> dict[str, set[str]]:
    """The drawn items each node of `plan` carries, itself or through its descendants."""
    kinds = {c.id: c.kind for c in constraints.items}
    own: dict[str, set[str]] = {}
    for entry in coverage_map(constraints, plan):
        if entry.item and kinds.get(entry.item) in _DRAWN_KINDS:
            for node in entry.nodes:
                own.setdefault(node, set()).add(entry.item)
    carried: dict[str, set[str]] = {}

    def gather(node: Frame | Element) -> set[str]:
        found = set(own.get(node.id, set()))
        if isinstance(node, Frame):
            for child in node.children:
                found |= gather(child)
        carried[node.id] = found
        return found

    gather(plan.root)
    return carried


def _taken(frame: Frame, carried: dict[str, set[str]], wanted: set[str]) -> list[Frame | Element]:
    """The largest nodes below `frame` that carry only wanted items (and at least one), in tree order: a part
    (a card, a tier) whole, a frame that only arranges carriers (rows of dishes and prices) whole, and from a
    frame of the rules plan's own design (a colour block with its decoration) only the carriers."""
    taken: list[Frame | Element] = []
    for child in frame.children:
        items = carried.get(child.id, set())
        whole = not isinstance(child, Frame) or child.role in _PART_ROLES or _only_carriers(child, carried)
        if items and items <= wanted and whole:
            taken.append(child)
        elif items & wanted and isinstance(child, Frame):
            taken.extend(_taken(child, carried, wanted))
    return taken


def _only_carriers(frame: Frame, carried: dict[str, set[str]]) -> bool:
    """Whether every child of the frame carries something (a row of KPI cards), so the frame only arranges them."""
    return all(carried.get(child.id) for child in frame.children)


def _pinned_inside(node: Frame | Element) -> bool:
    """Whether a node below `node` has a fixed place (a composed scene), so the part cannot join a flow."""
    return isinstance(node, Frame) and any(child.box is not None or _pinned_inside(child) for child in node.children)


def _renamed(node: Frame | Element, taken_ids: set[str]) -> Frame | Element:
    """`node` and its descendants with ids the model's plan does not use yet."""
    update: dict[str, object] = {"id": unique_id(node.id, taken_ids)}
    if isinstance(node, Frame):
        update["children"] = [_renamed(child, taken_ids) for child in node.children]
    return node.model_copy(update=update)


def _in_flow(node: Frame | Element, canvas: Canvas) -> Frame | Element:
    """A node the rule planner pinned, made to flow: as wide as its frame, as tall as it was (texts: as their
    lines need)."""
    if node.box is None:
        return node
    height: object = "hug" if isinstance(node, TextElement) else min(node.box.h, canvas.height // 2)
    return node.model_copy(update={"box": None, "width": "fill", "height": height})


def _content_frame(plan: LayoutPlan, new: list[Frame | Element]) -> list[Frame] | None:
    """The path from the root to the first open column or row (breadth first) with room for `new`."""
    queue: list[list[Frame]] = [[plan.root]]
    while queue:
        path = queue.pop(0)
        frame = path[-1]
        if frame.layout in ("column", "row") and has_room(plan.root, path, new, plan.canvas):
            return path
        queue.extend([*path, child] for child in frame.children if isinstance(child, Frame) and _open(child))
    return None


def _open(frame: Frame) -> bool:
    """Whether other content may join the frame: it flows, and it is no part of its own (a button, the nav)."""
    return frame.box is None and frame.role not in _CLOSED_ROLES


def _backdrop(plan: LayoutPlan, path: list[Frame]) -> list[str]:
    """The colours behind the frame at the end of `path`: the fill of the nearest filled frame, else the page's."""
    for frame in reversed(path):
        if isinstance(frame.fill, str):
            return [frame.fill]
        if frame.fill is not None:
            return [frame.fill.start, frame.fill.end]
    return backdrop_colors(plan.background)


def _readable(node: Frame | Element, behind: list[str]) -> Frame | Element:
    """`node` with its inks readable on `behind` (the rules plan chose them for another backdrop); a filled frame
    inside keeps its own, which its inks were chosen for."""
    if isinstance(node, Frame):
        if node.fill is not None:
            return node
        return node.model_copy(update={"children": [_readable(child, behind) for child in node.children]})
    if not isinstance(node, _INKED) or worst_contrast(node.color, behind) >= WCAG_AA_CONTRAST:
        return node
    shade = readable_shade(node.color, behind, WCAG_AA_CONTRAST)
    return node.model_copy(update={"color": best_ink(behind, [shade] if shade else [])})


def _in_brief_order(
    children: list[Frame | Element], order: dict[str, int | None], new: list[tuple[Frame | Element, int]]
) -> list[Frame | Element]:
    """`children` with each new node before the first child that carries something the brief names after it
    (a missing title goes first, a missing footer last), else at the end."""
    for node, start in new:
        later = next((i for i, child in enumerate(children) if _after(order.get(child.id), start)), len(children))
        children.insert(later, node)
    return children


def _after(child_start: int | None, start: int) -> bool:
    return child_start is not None and child_start > start


def _with_children(frame: Frame, path: list[Frame], children: list[Frame | Element]) -> Frame:
    """The tree with `children` for the frame at the end of `path`."""
    if frame is path[-1]:
        return frame.model_copy(update={"children": children})
    return frame.model_copy(
        update={
            "children": [
                _with_children(c, path, children) if isinstance(c, Frame) and any(c is p for p in path) else c
                for c in frame.children
            ]
        }
    )
