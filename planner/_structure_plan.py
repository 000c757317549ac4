"""The brief's structures as design parts in one block of the rules plan: lists, tables, a chart, cards, a form, a
navigation bar.

Every structure the brief gives entries for is drawn, all of them in one frame the layout engine sets out, so the
block sits beside the texts like a picture: on the right of a wide canvas, in the bottom half of a square or
tall one (a row of cards wants the width of a wide one too: KPI and step cards take the bottom band, tiers the
bottom half), a navigation bar alone the top band, or the whole canvas when nothing else is drawn. Nothing is
made up: a chart without figures or a list without entries is left out, and `unplanned_reason` says why, for
the coverage map. `_structure_parts` makes each structure's nodes.
"""

from __future__ import annotations

from collections.abc import Sequence

from tessera.contract import (
    Box,
    Canvas,
    Constraints,
    Element,
    Frame,
    Insets,
    RequiredCount,
    RequiredStructure,
    RequiredText,
)
from tessera.planner._blocks import BlockRequest
from tessera.planner._extract_spans import unique_id
from tessera.planner._palette import ColorScheme
from tessera.planner._picture_layout import margin_of
from tessera.planner._pictures import Extent, Spot
from tessera.planner._structure_parts import PartLook, Room, figure_of, icon_name, part_look, structure_part

BLOCK_ID = "structures"
_ROW_KINDS = frozenset({"tiers", "kpis", "nav"})  # set out side by side: they want the canvas's width
_HUGGING_KINDS = frozenset({"bullets", "numbered", "table"})  # as wide as their words: centred under centred text
_NODE_BASE = {
    "bullets": "bullets", "numbered": "numbered-list", "pairs": "pairs", "prices": "prices", "table": "table",
    "chart": "chart", "steps": "steps", "kpis": "kpis", "tiers": "tiers", "fields": "form", "nav": "nav",
    "icons": "icons",
}  # fmt: skip
_MISSING = {
    "bullets": "bullet texts not given", "numbered": "list items not given", "pairs": "values not given",
    "prices": "items and prices not given", "table": "table rows not given", "chart": "chart data not given",
    "steps": "steps not given", "kpis": "KPI figures not given", "tiers": "tier names and prices not given",
    "fields": "form fields not given", "nav": "navigation items not given",
    "icons": "icon names not given",
}  # fmt: skip


def unplanned_reason(structure: RequiredStructure) -> str | None:
    """Why a structure is not drawn ("chart data not given"), or None when it is."""
    if not structure.items:
        return _MISSING[structure.structure]
    if structure.structure == "chart" and any(figure_of(item.value) is None for item in structure.items):
        return "chart figures could not be read as numbers"
    if structure.structure == "kpis" and any(not item.value for item in structure.items):
        return "KPI figures not given"
    unknown = [item.label for item in structure.items if icon_name(item.label) is None]
    if structure.structure == "icons" and unknown:
        return f"no icon in the icon set for {', '.join(repr(label) for label in unknown[:3])}"
    return None


def structure_node_ids(constraints: Constraints) -> dict[str, str]:
    """The id of the plan node that draws each drawn structure, by the structure's constraint id."""
    structures, node_ids = _drawn_with_ids(constraints)
    return {s.id: node_id for s, node_id in zip(structures, node_ids, strict=True)}


def structure_blocks(constraints: Constraints, canvas: Canvas, scheme: ColorScheme) -> list[BlockRequest]:
    """One block holding every structure of the brief that can be drawn; none when there is nothing to draw."""
    structures, node_ids = _drawn_with_ids(constraints)
    if not structures:
        return []
    spot, extent = _place_for(structures, canvas, _has_other_content(constraints, structures))
    look = part_look(scheme)

    def fill(box: Box) -> list[Frame | Element]:
        return [_block(box, canvas, spot, structures, node_ids, look)]

    carries = frozenset({s.id for s in structures} | _texts_drawn(constraints, structures))
    return [BlockRequest(BLOCK_ID, spot, extent, fill, carries)]


def _drawn_with_ids(constraints: Constraints) -> tuple[list[RequiredStructure], list[str]]:
    """The structures that can be drawn, and the id of the node each one becomes."""
    structures = [c for c in constraints.items if isinstance(c, RequiredStructure) and unplanned_reason(c) is None]
    taken: set[str] = {BLOCK_ID}
    return structures, [unique_id(_NODE_BASE[s.structure], taken) for s in structures]


def _has_other_content(constraints: Constraints, structures: Sequence[RequiredStructure]) -> bool:
    """Whether the plan draws anything beside the block: a text it does not hold, or a counted group."""
    inside = _texts_drawn(constraints, structures)
    return any(
        (isinstance(c, RequiredText) and c.id not in inside) or isinstance(c, RequiredCount) for c in constraints.items
    )


def _place_for(structures: Sequence[RequiredStructure], canvas: Canvas, shared: bool) -> tuple[Spot | None, Extent]:
    """Where the block goes: the whole canvas when nothing else is drawn; the top band for a navigation bar alone;
    the right side of a wide canvas unless a row of cards wants its width; else the bottom half, or the bottom
    band for a row of short cards."""
    if not shared:
        return "background", "full"
    kinds = {s.structure for s in structures}
    if kinds == {"nav"}:
        return "top", "band"
    if canvas.width >= 1.25 * canvas.height and not kinds & _ROW_KINDS:
        return "right", "side"
    # A row of short cards needs less height than tiers with their features and buttons.
    return "bottom", "half" if kinds - {"kpis", "steps", "nav"} else "band"


def _texts_drawn(constraints: Constraints, structures: Sequence[RequiredStructure]) -> set[str]:
    """The ids of the brief's texts a structure draws: its quoted entries ("bullets: 'Fast', 'Simple'")."""
    carried = set()
    for text in (c for c in constraints.items if isinstance(c, RequiredText)):
        for structure in structures:
            inside = structure.source.start <= text.source.start and text.source.end <= structure.source.end
            if inside and text.text in _strings_of(structure):
                carried.add(text.id)
    return carried


def _strings_of(structure: RequiredStructure) -> set[str]:
    """Every string a structure sets."""
    strings = {structure.title or "", *structure.header}
    for item in structure.items:
        strings |= {item.label, item.value or "", *item.cells}
    return strings - {""}


def _block(
    box: Box,
    canvas: Canvas,
    spot: Spot | None,
    structures: Sequence[RequiredStructure],
    node_ids: Sequence[str],
    look: PartLook,
) -> Frame:
    """The block's frame on `box`: its structures in a column (or side by side in a wide, short block), inside
    the canvas's margins on the outer sides and half of them towards the text."""
    margin = margin_of(canvas)
    short = min(canvas.width, canvas.height)
    kinds = {s.structure for s in structures}
    padding = _padding(spot, margin)
    side_by_side = len(structures) > 1 and box.w > 1.6 * box.h and not kinds & _ROW_KINDS
    centred = spot != "right" and kinds <= _HUGGING_KINDS
    room = Room(
        short=short,
        width=box.w - padding.left - padding.right,
        height=box.h - padding.top - padding.bottom,
        shared=len(structures) > 1,
        centred=centred,
    )
    return Frame(
        id=BLOCK_ID,
        box=box,
        layout="row" if side_by_side else "column",
        padding=padding,
        gap=round(0.05 * short),
        align="center" if centred else "stretch",
        justify="start" if kinds == {"nav"} else "center",
        children=[structure_part(s, node_id, look, room) for s, node_id in zip(structures, node_ids, strict=True)],
    )


def _padding(spot: Spot | None, margin: int) -> Insets:
    """The canvas margin on the block's outer sides and half of it on the side that faces the text."""
    sides = {"top": margin, "right": margin, "bottom": margin, "left": margin}
    facing = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}.get(spot or "")
    if facing:
        sides[facing] = margin // 2
    return Insets(**sides)
