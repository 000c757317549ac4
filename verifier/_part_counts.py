"""Counts of things a design is made of rather than drawn as objects: tiers, steps, cards, icons, list items, rows.

A brief's "three pricing tiers" or "five steps" is a count; a tree plan sets such things as containers (a card per
tier), list items, table rows or icons, not as an object group. The parts that carry the counted noun are found
in the laid-out plan, in this order, the first kind that has any:

1. containers whose role or name has the noun as a word ("card", "button"; a frame named "tier Pro");
2. icons whose name is the noun, or every icon when the noun is "icon"; then controls of that type (toggle or
   switch, checkbox, radio button, progress bar, slider);
3. the items of lists, when the noun is a word for list items (item, step, point, bullet, tip, reason...);
4. the rows of tables, when the noun is "row".

Their number is the plan's, read from its structure; that each one shows on the canvas is what its own checks
measure (its texts read back, its look found, its icon matched), so the count check names them.
"""

from __future__ import annotations

import re

from tessera.contract import ControlElement, Frame, IconElement, LayoutPlan
from tessera.verifier._scene import singular

LIST_ITEM_WORDS = frozenset(
    {"item", "step", "point", "bullet", "bullet point", "tip", "reason", "feature", "benefit", "entry", "line"}
)
_TABLE_ROW_WORDS = frozenset({"row", "table row"})
_CONTROL_WORDS = {
    "toggle": "toggle", "switch": "toggle", "checkbox": "checkbox", "check box": "checkbox", "radio": "radio",
    "radio button": "radio", "progress bar": "progress", "progress": "progress", "slider": "slider",
}  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


def counted_parts(plan: LayoutPlan, object_class: str) -> tuple[str, list[str]]:
    """What kind of part carries `object_class` in the plan, and the ids of those parts (none: empty)."""
    wanted = singular(object_class)
    frames = [f.id for f in plan.frames() if _names(f, wanted)]
    if frames:
        return "part", frames
    icons = [i.id for i in plan.elements if isinstance(i, IconElement) and wanted in ("icon", singular(i.name))]
    if icons:
        return "icon", icons
    controls = [
        c.id for c in plan.elements if isinstance(c, ControlElement) and _CONTROL_WORDS.get(wanted) == c.control
    ]
    if controls:
        return "control", controls
    if wanted in LIST_ITEM_WORDS or wanted.split(" ")[-1] in LIST_ITEM_WORDS:
        items = [row.id for frame in plan.frames() if frame.role == "list" for row in frame.children]
        if items:
            return "list item", items
    if wanted in _TABLE_ROW_WORDS:
        rows = [cell.id for f in plan.frames() if f.role == "table" for cell in f.children if _is_first_cell(cell)]
        if rows:
            return "table row", rows
    return "", []


def _names(frame: Frame, wanted: str) -> bool:
    """Whether a frame's role, or a word (or the words) of its name, is the counted noun."""
    if frame.id == "root" or frame.role in ("list", "table"):  # a list's or table's name is the renderer's
        return False
    if frame.role is not None and singular(frame.role.replace("_", " ")) == wanted:
        return True
    if not frame.name:
        return False
    words = " ".join(singular(word) for word in _WORD.findall(frame.name.lower()))
    return f" {wanted} " in f" {words} "


def _is_first_cell(node: object) -> bool:
    """A body row's first cell frame (`<table>.r<r>c1f`): one per row of the table."""
    return isinstance(node, Frame) and re.search(r"\.r\d+c1f?$", node.id) is not None
