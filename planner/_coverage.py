"""The coverage map: every item of a brief's reading, and the plan nodes that carry it or why none does.

An item is carried when the plan has a node that draws it: a text node (or a list item, table cell, chart label)
whose words contain the required string; object groups, named frames and icons of the thing's class whose
instances add up to its count; the nodes a relation or a region places; a list, table or chart with every entry
of a structure, an icon of each name of an icon set; a picture for each picture the brief asks for. Whether the
drawing then matches is the verifier's business: coverage only says that nothing the brief asked for was left
out of the plan. A brief in which nothing could be read at all is one not-planned entry, so it never passes on
an empty canvas.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tessera.contract import (
    AssetElement,
    ChartElement,
    Constraint,
    Constraints,
    CoverageEntry,
    Frame,
    IconElement,
    LayoutPlan,
    ListElement,
    Node,
    ObjectGroup,
    PictureElement,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredStructure,
    RequiredText,
    TableElement,
    TextElement,
)
from tessera.contract.icons import find_icon
from tessera.planner._assets import asset_requests
from tessera.planner._extract import picture_requests
from tessera.planner._scene import unsatisfied_relations
from tessera.planner._structure_parts import icon_name
from tessera.planner._structure_plan import unplanned_reason

_CLAUSE_CHARS = 600
_SPACE = re.compile(r"\s+")


def coverage_map(constraints: Constraints, plan: LayoutPlan) -> list[CoverageEntry]:
    """One entry per item of the reading (and per picture the brief asks for), in brief order."""
    strings = _strings_by_node(plan)
    unsatisfied = {p.id for p in unsatisfied_relations(constraints, plan) if _placed(plan, p)}
    entries = [_entry(item, plan, strings, unsatisfied) for item in constraints.items]
    entries += _picture_entries(constraints, plan)
    entries += _asset_entries(constraints, plan)
    entries += constraints.left_out
    if not entries:
        entries.append(_unread_brief(constraints.brief, plan))
    return sorted(entries, key=lambda e: e.span)


def _unread_brief(brief: str, plan: LayoutPlan) -> CoverageEntry:
    """The entry for a brief the reader found nothing in: carried by the plan's leaves (a user's or a model's own
    plan, each leaf then checked against itself), or not planned when there are none."""
    leaves = [leaf.id for leaf in plan.elements]
    return CoverageEntry(
        clause=brief[:_CLAUSE_CHARS],
        span=(0, len(brief)),
        status="planned" if leaves else "not_planned",
        nodes=leaves[:64],
        reason="the reader found nothing it can check in the brief: the plan's own elements are checked"
        if leaves
        else "nothing in the brief could be read as text to set, things to draw, structure or a picture; "
        "quote the words to set or name what to draw",
    )


def with_coverage(constraints: Constraints, plan: LayoutPlan) -> Constraints:
    """`constraints` with the coverage map of `plan`."""
    return constraints.model_copy(update={"coverage": coverage_map(constraints, plan)})


def _walk(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Frame):
        for child in node.children:
            yield from _walk(child)


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _strings_by_node(plan: LayoutPlan) -> dict[str, list[str]]:
    """Every string each leaf sets, by node id, whitespace collapsed."""
    strings: dict[str, list[str]] = {}
    for node in _walk(plan.root):
        found: list[str] = []
        if isinstance(node, TextElement):
            found = [node.text]
        elif isinstance(node, ListElement):
            found = list(node.items)
        elif isinstance(node, TableElement):
            found = [*node.header, *(cell for row in node.rows for cell in row)]
        elif isinstance(node, ChartElement):
            found = [node.title or "", *node.categories, node.x_title or "", node.y_title or ""]
        if found:
            strings[node.id] = [_squash(s) for s in found if s]
    return strings


def _placed(plan: LayoutPlan, relation: RequiredPosition) -> bool:
    """Whether every group of the relation's things has a box already, so the relation can be judged on the plan
    (a tree the layout engine places is judged on the drawn boxes, by the verifier)."""
    classes = {c.lower() for c in (relation.subject, relation.reference, relation.second_reference) if c}
    groups = [g for g in plan.object_groups() if g.object_class.lower() in classes]
    return all(g.box is not None for g in groups)


def _entry(item: Constraint, plan: LayoutPlan, strings: dict[str, list[str]], unsatisfied: set[str]) -> CoverageEntry:
    if isinstance(item, RequiredText):
        nodes = _text_nodes(item.text, strings)
        reason = "" if nodes else "no text node sets it"
    elif isinstance(item, RequiredCount):
        nodes, reason = _count_nodes(item, plan)
    elif isinstance(item, RequiredColor):
        nodes = _color_nodes(item, plan, strings)
        reason = "" if nodes else f"nothing it colours is in the plan ({item.subject})"
    elif isinstance(item, RequiredPosition) and item.id in unsatisfied:
        nodes, reason = [], f"no layout satisfies it together with the brief's other relations ({item.source.quote})"
    elif isinstance(item, RequiredPosition):
        nodes, reason = _position_nodes(item, plan, strings)
    else:
        nodes, reason = _structure_nodes(item, plan, strings)
    return CoverageEntry(
        clause=item.source.quote[:_CLAUSE_CHARS] or item.id,
        span=(item.source.start, item.source.end),
        status="planned" if nodes else "not_planned",
        nodes=nodes[:64],
        reason=reason[:300],
        item=item.id,
    )


def _text_nodes(text: str, strings: dict[str, list[str]], *, any_case: bool = False) -> list[str]:
    """The nodes whose strings contain `text`: a required text exactly, a structure's entry in any case ("fast
    setup" as a "Fast setup" bullet)."""
    wanted = _squash(text).casefold() if any_case else _squash(text)
    return [
        node_id for node_id, found in strings.items() if any(wanted in (s.casefold() if any_case else s) for s in found)
    ]


def _same_class(name: str | None, object_class: str) -> bool:
    return name is not None and name.strip().lower() == object_class.strip().lower()


def _count_nodes(item: RequiredCount, plan: LayoutPlan) -> tuple[list[str], str]:
    """The groups, named frames and icons of the class, when their instances add up to the count; else a
    picture whose prompt names it (the generator, not the plan, then draws it)."""
    groups = [
        n for n in _walk(plan.root) if isinstance(n, ObjectGroup) and _same_class(n.object_class, item.object_class)
    ]
    named = [
        n
        for n in _walk(plan.root)
        if (isinstance(n, Frame) and _same_class(n.name, item.object_class))
        or (isinstance(n, IconElement) and _same_class(n.name, item.object_class))
    ]
    drawn = sum(g.count for g in groups) + len(named)
    if drawn == item.count:
        return [n.id for n in [*groups, *named]], ""
    if drawn:
        return [], f"the plan draws {drawn} {item.object_class}, the brief asks for {item.count}"
    word = re.compile(rf"\b{re.escape(item.object_class)}", re.IGNORECASE)
    pictures = [n.id for n in _walk(plan.root) if isinstance(n, PictureElement) and word.search(n.prompt)]
    if pictures:
        return pictures, f"drawn inside the picture {pictures[0]!r}: its generator, not the plan, sets the count"
    return [], f"no object group, icon or picture draws '{item.object_class}'"


def _color_nodes(item: RequiredColor, plan: LayoutPlan, strings: dict[str, list[str]]) -> list[str]:
    """The nodes the colour applies to; whether they show it is measured by the colour's own check."""
    if item.target in ("background", "accent"):
        return ["root"]
    if item.target == "text":  # one text, or every text ("white text")
        return _text_nodes(item.subject, strings) if item.subject else list(strings)
    return [
        n.id
        for n in _walk(plan.root)
        if isinstance(n, ObjectGroup) and item.subject and _same_class(n.object_class, item.subject)
    ]


def _subject_nodes(kind: str, subject: str, plan: LayoutPlan, strings: dict[str, list[str]]) -> list[str]:
    if kind == "text":
        return _text_nodes(subject, strings)
    return [
        n.id
        for n in _walk(plan.root)
        if (isinstance(n, ObjectGroup) and _same_class(n.object_class, subject))
        or (isinstance(n, Frame | IconElement) and _same_class(n.name, subject))
    ]


def _position_nodes(item: RequiredPosition, plan: LayoutPlan, strings: dict[str, list[str]]) -> tuple[list[str], str]:
    subject = _subject_nodes(item.subject_kind, item.subject, plan, strings)
    if not subject:
        return [], f"'{item.subject}' is not in the plan, so nothing stands where the brief puts it"
    references = [r for r in (item.reference, item.second_reference) if r and item.relation]
    found = [_subject_nodes(item.reference_kind, r, plan, strings) for r in references]
    missing = [r for r, nodes in zip(references, found, strict=True) if not nodes]
    if missing:
        return [], f"'{missing[0]}' is not in the plan, so '{item.subject}' cannot stand {item.relation} it"
    return [*subject, *(n for nodes in found for n in nodes)], ""


def _structure_nodes(item: RequiredStructure, plan: LayoutPlan, strings: dict[str, list[str]]) -> tuple[list[str], str]:
    """The nodes that set every entry of the structure (each entry's label somewhere in them, in any case).

    A structure the brief gives no usable entries for ("a bar chart of revenue by region", "three bullet points")
    is carried by a node of its shape that a model's or a user's plan fills with its own entries; the rules
    planner invents none, so with it such a structure is not planned, for the reason the reader gives.
    """
    reason = unplanned_reason(item)
    if reason is not None:
        own = [n.id for n in _walk(plan.root) if _has_shape_of(n, item)]
        if own:
            return own, f"{reason} in the brief: carried by the plan's own {', '.join(own[:3])}"
        wanted = "the values" if item.structure in ("chart", "kpis") else "the entries"
        return [], f"{reason} in the brief; give {wanted} to draw"
    if item.structure == "icons":
        return _icon_nodes(item, plan)
    carrying: list[str] = []
    for entry in item.items:
        nodes = _text_nodes(entry.label, strings, any_case=True)
        if not nodes:
            return [], f"'{entry.label[:60]}' ({item.structure}) is not in the plan"
        carrying += [n for n in nodes if n not in carrying]
    return carrying, ""


def _icon_nodes(item: RequiredStructure, plan: LayoutPlan) -> tuple[list[str], str]:
    """The icon nodes that draw the icon set's icons, each found by the name the icon set knows it by."""
    drawn: dict[str, list[str]] = {}
    for node in _walk(plan.root):
        icon = find_icon(node.name) if isinstance(node, IconElement) else None
        if icon is not None:
            drawn.setdefault(icon.name, []).append(node.id)
    carrying: list[str] = []
    for entry in item.items:
        nodes = drawn.get(icon_name(entry.label) or "", [])
        if not nodes:
            return [], f"no icon in the plan draws '{entry.label[:60]}' (icons)"
        carrying += [n for n in nodes if n not in carrying]
    return carrying, ""


_SHAPE_OF: dict[str, type | tuple[type, ...]] = {
    "bullets": ListElement,
    "numbered": ListElement,
    "steps": (ListElement, Frame),
    "pairs": (TableElement, ListElement, ChartElement),
    "table": TableElement,
    "prices": (TableElement, ListElement),
    "icons": IconElement,
}


def _chart_family(chart: str) -> str:
    """Bars either way are one family: people say "bar chart" for columns; likewise pie and donut, line and area."""
    return {"column": "bar", "stacked_bar": "bar", "stacked_column": "bar", "donut": "pie", "area": "line"}.get(
        chart, chart
    )


def _has_shape_of(node: Node, item: RequiredStructure) -> bool:
    """Whether `node` has the shape of the structure: a chart of the asked type, a list, a table, a part."""
    if item.structure == "chart":
        return isinstance(node, ChartElement) and (
            item.chart is None or _chart_family(node.chart) == _chart_family(item.chart)
        )
    if isinstance(node, Frame) and node.role is None:
        return False  # a bare layout frame is no part of anything
    shape = _SHAPE_OF.get(item.structure)
    if shape is not None:
        return isinstance(node, shape)
    return isinstance(node, Frame) and node.role not in ("list", "table")


def _picture_entries(constraints: Constraints, plan: LayoutPlan) -> list[CoverageEntry]:
    """One entry per picture the brief asks for: carried by a picture node, else left out (no room)."""
    pictures = [n for n in _walk(plan.root) if isinstance(n, PictureElement)]
    entries = []
    for n, request in enumerate(picture_requests(constraints)):
        carrier = next((p for p in pictures if p.prompt == request.prompt), pictures[n] if n < len(pictures) else None)
        entries.append(
            CoverageEntry(
                clause=constraints.brief[request.start : request.end][:_CLAUSE_CHARS],
                span=(request.start, request.end),
                status="planned" if carrier else "not_planned",
                nodes=[carrier.id] if carrier else [],
                reason="" if carrier else "no picture node shows it: the layout left it no room",
            )
        )
    return entries


def _asset_entries(constraints: Constraints, plan: LayoutPlan) -> list[CoverageEntry]:
    """One entry per asset the user supplied: carried by an asset node of its name. An asset the brief does not
    name stands at the brief's end, under its name."""
    drawn: dict[str, list[str]] = {}
    for node in _walk(plan.root):
        if isinstance(node, AssetElement):
            drawn.setdefault(node.name, []).append(node.id)
    end = len(constraints.brief)
    entries = []
    for request in asset_requests(constraints):
        start, stop = request.span or (end, end)
        nodes = drawn.get(request.name, [])
        entries.append(
            CoverageEntry(
                clause=constraints.brief[start:stop][:_CLAUSE_CHARS] or f"the supplied asset '{request.name}'",
                span=(start, stop),
                status="planned" if nodes else "not_planned",
                nodes=nodes[:64],
                reason="" if nodes else f"no asset node draws the supplied image '{request.name}'",
            )
        )
    return entries
