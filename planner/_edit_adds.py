"""New parts the plan did not have: an icon ("add a star icon next to the title", "add an icon of a bell"), things
of a class it does not draw yet ("add a balloon", "add 3 stars at the bottom") and a logo placeholder ("add a logo
placeholder top-left"), each with the constraint that checks it on the new image.

A new part goes where the clause says: beside a part it names (in that part's row or column, or over its box), in
a region of the canvas, else next to the title."""

from __future__ import annotations

import re

from tessera.contract import (
    RequiredCount,
    RequiredPosition,
    RequiredStructure,
    RequiredText,
    StructureItem,
    drawing_for,
)
from tessera.contract.edits import PatchOperation
from tessera.contract.reading import Region
from tessera.planner._colors import best_ink, readable_shade
from tessera.planner._edit_clauses import Clause
from tessera.planner._edit_draft import ClauseRefused, Draft, Json, NodeAt
from tessera.planner._edit_layout import box_in_region
from tessera.planner._edit_paint import backdrop_colors, backdrop_of, plan_accent
from tessera.planner._edit_targets import elements_said, find_part, object_groups
from tessera.planner._edit_words import region_in
from tessera.planner._numbers import NUMBER_WORD_PATTERN, number_word_value, plural, singular
from tessera.planner._structure_parts import icon_name

# "add the icon", but "put a star icon": "put the star icon at the top" moves the one there is.
_ADD = r"^\s*(?:please\s+)?(?:(?:add|insert|include|draw)\s+(?:in\s+)?|(?:put|place|show)\s+(?=an?\s|\d|one\s|two\s))"
_ICON = re.compile(
    _ADD + r"(?:an?\s+|one\s+)?(?!the\s)(?:(?P<name>[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)\s+icon"
    r"|icon\s+(?:of\s+|for\s+|showing\s+)?(?:an?\s+|the\s+)?(?P<named>[a-z][a-z-]*))\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_THINGS = re.compile(
    _ADD + rf"(?P<n>\d+|{NUMBER_WORD_PATTERN}|an?|another|one)\s+(?:more\s+|extra\s+|additional\s+)?"
    r"(?P<noun>[a-z][a-z-]*)\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_LOGO = re.compile(_ADD + r"(?:an?\s+|our\s+)?logo(?:\s+placeholder)?\b(?P<rest>.*)$", re.IGNORECASE)
# Nouns other rules add (a list's bullet, a chart's category, a text) or that name no thing to draw.
_NOT_THINGS = frozenset(
    ("bullet", "bullets", "point", "points", "item", "items", "entry", "entries", "category", "bar", "column",
     "slice", "row", "caption", "title", "subtitle", "text", "line", "heading", "label", "note", "footer", "tagline",
     "quote", "price", "button", "badge", "card", "icon", "icons", "logo", "more", "new")
)  # fmt: skip
_BESIDE = re.compile(
    r"\b(?P<how>next to|beside|by|near|left of|right of|before|after|above|over|on top of|below|under|beneath)\s+"
    r"(?P<what>.+)$",
    re.IGNORECASE,
)
_AFTER = ("after", "below", "under", "beneath", "right of")
_MARGIN_SHARE = 0.06


def add_icon(clause: Clause, draft: Draft) -> bool:
    """ "add a star icon next to the title", "add an icon of a bell", "add a bell icon at the top"."""
    said = _ICON.search(clause.masked())
    if said is None:
        return False
    word = (said.group("name") or said.group("named")).strip()
    name = icon_name(word) or icon_name(word.split()[-1])
    if name is None:
        raise ClauseRefused(f"the icon set has no icon for '{word}': name another, e.g. 'a star icon', 'a bell icon'")
    short = _short_edge(draft)
    near = _near(draft, said.group("rest"))
    size = round(0.09 * short)
    if near is not None and near[0].kind == "text" and isinstance(near[0].node.get("font_size"), int):
        size = max(32, min(round(0.15 * short), round(int(near[0].node["font_size"]) * 0.9)))
    node: Json = {"kind": "icon", "id": _new_id(draft, f"edit-{name}-icon"), "name": name, "width": size,
                  "height": size}  # fmt: skip
    where = place_by(draft, node, near, region_in(said.group("rest")), size, size)
    placed = draft.find(str(node["id"]))
    accent = plan_accent(draft) or _title_ink(draft) or "#111111"
    behind = backdrop_of(draft, placed)
    draft.set_field(placed, "color", readable_shade(accent, behind, 3.0) or best_ink(behind, minimum=3.0))
    draft.changes.append(f"added a {name} icon {where}")
    draft.add_item(
        RequiredStructure(
            id=draft.constraint_id("icons-edit"),
            structure="icons",
            items=[StructureItem(label=name)],
            source=draft.span(clause),
        )
    )
    return True


def add_things(clause: Clause, draft: Draft) -> bool:
    """ "add a balloon", "add 3 stars at the bottom": things of a class the plan does not draw yet, with their
    count (a class it draws already is a change of its count)."""
    if clause.quotes:
        return False
    said = _THINGS.search(clause.masked())
    if said is None or said.group("noun").lower() in _NOT_THINGS:
        return False
    noun = said.group("noun").lower()
    if object_groups(draft, noun) or drawing_for(noun) is None:
        return False
    n_word = said.group("n").lower()
    count = (
        1 if n_word in ("a", "an", "another", "one") else int(n_word) if n_word.isdigit() else number_word_value(n_word)
    )
    if count is None or not 1 <= count <= 100:
        raise ClauseRefused(f"'{said.group('n')}' {noun} is not a count the plan can draw (1 to 100)")
    object_class = singular(noun)
    short = _short_edge(draft)
    size = round(0.2 * short) if count <= 3 else round(0.12 * short)
    width, _ = _canvas(draft)
    margin = round(_MARGIN_SHARE * short)
    row_w = min(width - 2 * margin, count * size + (count - 1) * size // 4)
    node: Json = {"kind": "objects", "id": _new_id(draft, plural(object_class)), "object_class": object_class,
                  "count": count, "arrangement": "row", "look": "sprite"}  # fmt: skip
    region = region_in(said.group("rest"))
    where = place_by(draft, node, _near(draft, said.group("rest")), region or "bottom", row_w, size)
    shown = object_class if count == 1 else plural(object_class)
    draft.changes.append(f"added {count} {shown} {where}")
    span = draft.span(clause)
    draft.add_item(
        RequiredCount(
            id=draft.constraint_id(f"count-{object_class}"), object_class=object_class, count=count, source=span
        )  # fmt: skip
    )
    if region is not None:
        draft.add_item(
            RequiredPosition(
                id=draft.constraint_id("position-edit"),
                subject_kind="objects",
                subject=object_class,
                region=region,
                source=span,
            )  # fmt: skip
        )
    return True


def add_logo(clause: Clause, draft: Draft) -> bool:
    """ "add a logo placeholder top-left": a bordered box that reads LOGO, where the image will go (an edit carries
    no image file; a run with the logo passed as an asset draws the logo itself)."""
    said = _LOGO.search(clause.masked())
    if said is None:
        return False
    short = _short_edge(draft)
    w, h = round(0.22 * short), round(0.09 * short)
    behind = backdrop_colors(draft)
    ink = best_ink(behind, minimum=4.5)
    label: Json = {"kind": "text", "id": _new_id(draft, "edit-logo-label"), "text": "LOGO", "role": "label",
                   "font_weight": "bold", "font_size": round(h * 0.4), "max_font_size": round(h * 0.4),
                   "color": ink, "align": "center", "letter_spacing": 0.1}  # fmt: skip
    node: Json = {"kind": "frame", "id": _new_id(draft, "edit-logo"), "layout": "column", "align": "center",
                  "justify": "center", "border": {"color": ink, "width": max(2, round(short / 400))},
                  "padding": {"top": h // 8, "bottom": h // 8, "left": h // 3, "right": h // 3},
                  "radius": round(h * 0.15), "name": "logo placeholder", "children": [label]}  # fmt: skip
    where = place_by(draft, node, _near(draft, said.group("rest")), region_in(said.group("rest")) or "top-left", w, h)
    draft.changes.append(f"added a logo placeholder {where}")
    draft.add_item(
        RequiredText(id=draft.constraint_id("text-edit"), text="LOGO", role="label", source=draft.span(clause))
    )
    return True


def _near(draft: Draft, rest: str) -> tuple[NodeAt, str] | None:
    """The part the words place a new one by ("next to the title") and how, or None."""
    beside = _BESIDE.search(rest)
    if beside is None:
        return None
    part = find_part(draft, beside.group("what"))
    if part is None:
        raise ClauseRefused(f"say which part to put it {beside.group('how')}: {elements_said(draft)}")
    return part.nodes[0], beside.group("how").lower()


def place_by(draft: Draft, node: Json, near: tuple[NodeAt, str] | None, region: Region | None, w: int, h: int) -> str:
    """Add `node` (w x h) by a part, in a region, else by the title (else at the top); where, in words. In a flow a
    text fills its row's width and things their frame's; an icon or a box keeps its size."""
    if near is None and region is None:
        title = next((at for at in draft.leaves() if at.kind == "text" and at.node.get("role") == "title"), None)
        near = (title, "next to") if title is not None else None
        region = None if title is not None else "top"
    root = draft.doc["root"]
    assert isinstance(root, dict)
    if near is not None:
        at, how = near
        after = how in _AFTER
        box = at.node.get("box")
        if isinstance(box, dict):
            gap = max(8, h // 4)
            y = int(box["y"]) + int(box["h"]) + gap if after else int(box["y"]) - h - gap
            height = int(draft.doc["canvas"]["height"])
            if y < 0 or y + h > height:
                after = not after
                y = int(box["y"]) + int(box["h"]) + gap if after else int(box["y"]) - h - gap
            x = int(box["x"]) + (int(box["w"]) - w) // 2
            y = _clear_of(draft, x, y, w, h, gap, down=after)
            placed = {**node, "box": {"x": max(0, x), "y": max(0, min(height - h, y)), "w": w, "h": h}}
            draft.apply([PatchOperation(op="add", path="/root/children/-", value=placed)])
            return f"{'below' if after else 'above'} the {_named(at)}"
        parent_path, index = at.path.rsplit("/children/", 1)
        parent = at.parent or {}
        sized = {
            **node,
            "width": "fill" if node["kind"] in ("objects", "text") else w,
            "height": "hug" if node["kind"] == "text" else h,
        }
        slot = int(index) + (1 if after else 0)
        draft.apply([PatchOperation(op="add", path=f"{parent_path}/children/{slot}", value=sized)])
        if parent.get("layout") == "row":
            return f"{'after' if after else 'before'} the {_named(at)}"
        return f"{'below' if after else 'above'} the {_named(at)}"
    assert region is not None
    if root.get("layout") == "stack":
        box = box_in_region(draft, w, h, region)
        gap = max(8, h // 4)
        box["y"] = _clear_of(draft, int(box["x"]), int(box["y"]), w, h, gap, down=not region.startswith("bottom"))
        placed = {**node, "box": box}
        draft.apply([PatchOperation(op="add", path="/root/children/-", value=placed)])
    else:
        first = region.startswith("top")
        sized = {
            **node,
            "width": "fill" if node["kind"] in ("objects", "text") else w,
            "height": "hug" if node["kind"] == "text" else h,
        }
        horizontal = "left" if "left" in region else "right" if "right" in region else None
        if horizontal is not None and root.get("layout") == "column":
            sized["anchor"] = horizontal
        draft.apply([PatchOperation(op="add", path="/root/children/0" if first else "/root/children/-", value=sized)])
    return f"at the {region}"


def _clear_of(draft: Draft, x: int, y: int, w: int, h: int, gap: int, *, down: bool) -> int:
    """The y nearest `y`, away from the part it is placed by, where a w x h box overlaps no placed box (an accent
    bar under a title, a caption)."""
    boxes = [at.node["box"] for at in draft.nodes() if isinstance(at.node.get("box"), dict)]
    for _ in range(len(boxes)):
        hit = next(
            (b for b in boxes if x < b["x"] + b["w"] and b["x"] < x + w and y < b["y"] + b["h"] and b["y"] < y + h),
            None,
        )
        if hit is None:
            break
        y = int(hit["y"]) + int(hit["h"]) + gap if down else int(hit["y"]) - h - gap
    return y


def _named(at: NodeAt) -> str:
    if at.kind == "text":
        return f"{at.node.get('role', 'text')} '{str(at.node['text'])[:40]}'"
    return str(at.node.get("role") or at.kind)


def _title_ink(draft: Draft) -> str | None:
    title = next((at for at in draft.leaves() if at.kind == "text" and at.node.get("role") == "title"), None)
    return str(title.node["color"]) if title is not None else None


def _new_id(draft: Draft, base: str) -> str:
    taken = draft.node_ids()
    return base if base not in taken else next(f"{base}-{n}" for n in range(2, 1000) if f"{base}-{n}" not in taken)


def _canvas(draft: Draft) -> tuple[int, int]:
    canvas = draft.doc["canvas"]
    assert isinstance(canvas, dict)
    return int(canvas["width"]), int(canvas["height"])


def _short_edge(draft: Draft) -> int:
    return min(_canvas(draft))
