"""Where things are: a region the clause names, a new leaf placed in one, a node moved to one, resized or taken out.

A node with a fixed box moves by its box; a node in a flow (a column, a row) moves by its order in every frame
above it, so the layout itself puts it first or last, and by its anchor where a stack or the cross axis decides.
"""

from __future__ import annotations

from pydantic import JsonValue

from tessera.contract.edits import PatchOperation
from tessera.contract.reading import Region
from tessera.planner._edit_draft import Draft, Json, NodeAt

_MARGIN_SHARE = 0.06  # of the short edge: how far a placed box keeps from the canvas's edge


def _canvas(draft: Draft) -> tuple[int, int]:
    canvas = draft.doc["canvas"]
    assert isinstance(canvas, dict)
    return int(canvas["width"]), int(canvas["height"])


def box_in_region(draft: Draft, w: int, h: int, region: Region, keep: tuple[int, int] | None = None) -> Json:
    """A w x h box in `region` of the canvas, a margin from its edges; `keep` (x, y) holds the axis the region
    leaves free ("top" keeps x)."""
    width, height = _canvas(draft)
    margin = round(_MARGIN_SHARE * min(width, height))
    w, h = min(w, width - 2 * margin), min(h, height - 2 * margin)
    centred_x, centred_y = (width - w) // 2, (height - h) // 2
    x = centred_x if keep is None else keep[0]
    y = centred_y if keep is None else keep[1]
    if "left" in region:
        x = margin
    elif "right" in region:
        x = width - margin - w
    elif region == "center":
        x = centred_x
    if region.startswith("top"):
        y = margin
    elif region.startswith("bottom"):
        y = height - margin - h
    elif region == "center":
        y = centred_y
    return {"x": x, "y": y, "w": max(1, w), "h": max(1, h)}


def place_new_leaf(draft: Draft, node: Json, region: Region, size_share: float) -> NodeAt:
    """Add a new text leaf in `region`: with a box over a stack root, else first or last in the root's flow."""
    width, height = _canvas(draft)
    font_size = max(14, round(size_share * min(width, height)))
    node = {**node, "font_size": font_size, "max_font_size": font_size}
    root = draft.doc["root"]
    assert isinstance(root, dict)
    if root.get("layout") == "stack":
        margin = round(_MARGIN_SHARE * min(width, height))
        wide = region in ("top", "bottom", "center")
        box_w = width - 2 * margin if wide else width // 2 - margin
        node["box"] = box_in_region(draft, box_w, round(font_size * 1.5), region)
        draft.apply([PatchOperation(op="add", path="/root/children/-", value=node)])
    else:
        node["width"] = "fill"
        first = region.startswith("top")
        draft.apply([PatchOperation(op="add", path="/root/children/0" if first else "/root/children/-", value=node)])
    return draft.find(str(node["id"]))


def remove_node(draft: Draft, at: NodeAt) -> str:
    """Take `at` out of the plan, with the frames that hold nothing else (a button with its label, an icon's
    cell); a grid left with fewer cells than columns gets as many columns as cells. The id removed."""
    target = at
    for ancestor in reversed(at.ancestors[1:]):  # never the root
        if _leaf_ids(ancestor) != _leaf_ids(target.node):
            break
        target = draft.find(str(ancestor["id"]))
    parent_path = target.path.rsplit("/children/", 1)[0]
    draft.remove(target.path)
    parent = next(n for n in draft.nodes() if n.path == parent_path)
    columns = parent.node.get("columns")
    children = parent.node.get("children") or []
    if parent.node.get("layout") == "grid" and isinstance(columns, list) and isinstance(children, list):
        spans_one = all(isinstance(c, dict) and c.get("column_span", 1) == 1 for c in children)
        if spans_one and 0 < len(children) < len(columns):
            draft.replace(f"{parent.path}/columns", columns[: len(children)])
    return target.id


def _leaf_ids(node: Json) -> set[str]:
    children = node.get("children")
    if not isinstance(children, list):
        return {str(node.get("id"))}
    found: set[str] = set()
    for child in children:
        if isinstance(child, dict):
            found |= _leaf_ids(child)
    return found


def move_node(draft: Draft, at: NodeAt, region: Region) -> None:
    """Put `at` in `region`: its box moved there (size kept), or first/last in every flow above it and anchored
    where a stack or the cross axis decides."""
    box = at.node.get("box")
    if isinstance(box, dict):
        w, h = int(box["w"]), int(box["h"])
        keep = (int(box["x"]), int(box["y"]))
        draft.set_field(at, "box", box_in_region(draft, w, h, region, keep))
        return
    vertical = "top" if region.startswith("top") else "bottom" if region.startswith("bottom") else None
    horizontal = "left" if "left" in region else "right" if "right" in region else None
    chain = [*at.ancestors, at.node]
    for depth, frame in enumerate(chain[:-1]):
        child = chain[depth + 1]
        layout = frame.get("layout")
        wanted = vertical if layout == "column" else horizontal if layout == "row" else None
        if wanted is not None:
            _reorder(draft, str(child["id"]), first=wanted in ("top", "left"))
        if layout == "stack":
            draft.set_field(draft.find(str(child["id"])), "anchor", region)
    moved = draft.find(at.id)
    if horizontal is not None and moved.parent is not None and moved.parent.get("layout") == "column":
        draft.set_field(moved, "anchor", horizontal)
    if moved.kind in ("text", "list") and horizontal is not None:
        draft.set_field(moved, "align", horizontal)
    elif moved.kind == "text" and region == "center":
        draft.set_field(moved, "align", "center")


def _reorder(draft: Draft, node_id: str, *, first: bool) -> None:
    at = draft.find(node_id)
    parent_path, index = at.path.rsplit("/children/", 1)
    siblings = at.parent.get("children") if at.parent else None
    last = len(siblings) - 1 if isinstance(siblings, list) else 0
    if (first and index == "0") or (not first and int(index) == last):
        return
    target = f"{parent_path}/children/{0 if first else last}"
    draft.apply([PatchOperation.model_validate({"op": "move", "path": target, "from": at.path})])


def scale_node(draft: Draft, at: NodeAt, factor: float) -> None:
    """Make `at` `factor` times its size: a text's font, a box about its centre, fixed sizes; a node that fills
    its room gets more room from narrower gaps and padding in the frames above it."""
    node = at.node
    if at.kind in ("text", "list", "table") and isinstance(node.get("font_size"), int):
        size = _bounded(round(int(node["font_size"]) * factor), 8, 800)
        draft.set_field(at, "font_size", size)
        if at.kind == "text":
            draft.set_field(at, "max_font_size", max(size, int(node.get("max_font_size") or 8)) if factor > 1 else size)
    elif at.kind == "text":
        cap = _bounded(round(int(node.get("max_font_size") or 400) * factor), 8, 800)
        draft.set_field(at, "max_font_size", cap)
    box = node.get("box")
    if isinstance(box, dict):
        draft.set_field(at, "box", _scaled_box(draft, box, factor))
        return
    grown = False
    for name in ("width", "height"):
        value = node.get(name)
        if isinstance(value, int):
            draft.set_field(at, name, _bounded(round(value * factor), 1, 3840))
            grown = True
    if at.kind == "frame":
        for inside in [n for n in draft.nodes() if n.path.startswith(at.path + "/") and n.kind == "text"]:
            scale_node(draft, inside, factor)
        return
    if not grown and at.kind not in ("text", "list", "table") and factor > 1:
        _roomier(draft, at, factor)


def _roomier(draft: Draft, at: NodeAt, factor: float) -> None:
    """More room for a node that fills what its frames leave: their gaps and padding shrink by `factor`."""
    for frame in at.ancestors:
        found = draft.find(str(frame["id"]))
        gap = frame.get("gap")
        if isinstance(gap, int) and gap:
            draft.set_field(found, "gap", round(gap / (factor * 2)))
        padding = frame.get("padding")
        if isinstance(padding, int) and padding:
            draft.set_field(found, "padding", round(padding / (factor * 2)))
        elif isinstance(padding, dict):
            draft.set_field(found, "padding", {side: round(int(v) / (factor * 2)) for side, v in padding.items()})


def _scaled_box(draft: Draft, box: Json, factor: float) -> JsonValue:
    width, height = _canvas(draft)
    w = _bounded(round(int(box["w"]) * factor), 1, width)
    h = _bounded(round(int(box["h"]) * factor), 1, height)
    cx, cy = int(box["x"]) + int(box["w"]) / 2, int(box["y"]) + int(box["h"]) / 2
    x = _bounded(round(cx - w / 2), 0, width - w)
    y = _bounded(round(cy - h / 2), 0, height - h)
    return {"x": x, "y": y, "w": w, "h": h}


def _bounded(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
