"""Making the few-shot examples from the gallery: each hand-written plan shrunk to what the model writes, with the
reading it carries.

A gallery plan is a page of finished design; an example must be short enough for a prompt and written only in
the fields the model's schema has. Shrinking keeps the design (its frames, roles, fills, alignment) and cuts
repetition: the fourth KPI card, the fifth list item, a chart's later categories. Frames nested deeper than the
model's schema allows are flattened into a parent of the same layout first, which draws the same page. The
reading is derived from the shrunk plan (its texts by role, its lists, tables and charts as structures), so an
example never asks for more than its plan carries.

    python -m tessera.planner._llm_example_making docs/gallery   # rewrites tessera/prompts/examples/*.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tessera import contract
from tessera.contract import (
    ChartElement,
    Constraint,
    Constraints,
    DocumentKind,
    Element,
    Frame,
    Insets,
    LayoutPlan,
    ListElement,
    RequiredStructure,
    RequiredText,
    SourceSpan,
    StructureItem,
    StructureKind,
    TableElement,
    TextElement,
    TextPurpose,
)
from tessera.planner._llm_examples import EXAMPLES_FOR, Example, examples_dir
from tessera.planner._llm_schema import FRAME_DEPTH, FRAME_FIELDS, LEAF_FIELDS, PART_FIELDS, ROOT_FIELDS
from tessera.planner._prompts import plan_json

EXAMPLE_CHARS = 3600  # the longest example plan, as compact JSON: a prompt shows one or two beside the brief
MAX_EXAMPLE_NODES = 40  # as many nodes as the model may write for the largest brief


@dataclass(frozen=True)
class Trim:
    """How much repetition an example keeps: look-alike sibling frames (cards, nav items, menu dishes), list
    items, table rows and chart categories; `later_copies_once`: inside the second copy of a repeated part,
    its own repeated parts are kept once (the second menu section shows one dish)."""

    repeats: int
    items: int
    rows: int
    categories: int
    later_copies_once: bool = False


# From generous to tight; each example takes the first that brings it under the limits.
_TRIMS = (Trim(3, 4, 4, 6), Trim(3, 3, 3, 5), Trim(2, 3, 3, 4), Trim(2, 3, 3, 4, True), Trim(2, 2, 2, 4, True))
# The plan model of each leaf kind ("text": "TextElement"), to find the fields the model writes for it.
_LEAF_MODELS = {getattr(contract, name).model_fields["kind"].default: name for name in LEAF_FIELDS}
_NO_SPAN = SourceSpan(start=0, end=0, quote="(the example's plan)")
_PURPOSE_OF_ROLE: dict[str, TextPurpose] = {
    "title": "title", "subtitle": "subtitle", "body": "body", "caption": "caption", "price": "price",
    "footer": "footer",
}  # fmt: skip


def make_example(name: str, brief: str, document: DocumentKind, gallery_plan: LayoutPlan) -> Example:
    """The example of one gallery plan: the plan shrunk to fit a prompt, and the reading it carries."""
    for trim in _TRIMS:
        plan = shrink(gallery_plan, trim)
        if not plan.rationale:  # the gallery's plans have none; the model writes one, so its examples do too
            parts = ", ".join(child.id for child in plan.root.children)
            plan = plan.model_copy(update={"rationale": f"The {document.replace('_', ' ')} as a {plan.root.layout} "
                                           f"of {parts}."})  # fmt: skip
        if len(plan_json(plan)) <= EXAMPLE_CHARS and _node_count(plan) <= MAX_EXAMPLE_NODES:
            return Example(name=name, brief=brief, reading=reading_of(plan, brief, document), plan=plan)
    raise ValueError(f"the gallery plan {name!r} does not shrink under {EXAMPLE_CHARS} characters")


def shrink(plan: LayoutPlan, trim: Trim) -> LayoutPlan:
    """`plan` in the model's fields, nested no deeper than its schema, with repetition cut to `trim`."""
    root = _trimmed(plan.root, trim)
    assert isinstance(root, Frame)
    root = _flattened(_unwrapped(root))
    data = {
        "canvas": plan.canvas.model_dump(),
        "background": _written(plan.background.model_dump(mode="json"), PART_FIELDS.get(_background_model(plan))),
        "root": _written_node(root.model_dump(mode="json"), ROOT_FIELDS),
        "rationale": plan.rationale,
    }
    return LayoutPlan.model_validate(data)


def _background_model(plan: LayoutPlan) -> str:
    return type(plan.background).__name__


def _node_count(plan: LayoutPlan) -> int:
    return len(plan.frames()) + len(plan.elements)


def _signature(node: Frame | Element) -> tuple[Any, ...]:
    """What makes sibling frames look alike: the same part (role, layout) with the same number of children."""
    if not isinstance(node, Frame):
        return ("leaf", node.kind)
    return ("frame", node.role, node.layout, len(node.children))


def _trimmed(node: Frame | Element, trim: Trim) -> Frame | Element:
    if isinstance(node, ListElement):
        return node.model_copy(update={"items": node.items[: trim.items]})
    if isinstance(node, TableElement):
        return node.model_copy(update={"rows": node.rows[: trim.rows]})
    if isinstance(node, ChartElement):
        series = [s.model_copy(update={"values": s.values[: trim.categories]}) for s in node.series]
        return node.model_copy(update={"categories": node.categories[: trim.categories], "series": series})
    if not isinstance(node, Frame):
        return node
    kept: list[Frame | Element] = []
    seen: dict[tuple[Any, ...], int] = {}
    for child in node.children:
        signature = _signature(child)
        seen[signature] = seen.get(signature, 0) + 1
        if signature[0] == "leaf" or seen[signature] <= trim.repeats:
            # A later copy of a repeated part shows the pattern once more, not its own repetitions.
            inner = replace(trim, repeats=1) if trim.later_copies_once and seen[signature] > 1 else trim
            kept.append(_trimmed(child, inner))
    return node.model_copy(update={"children": kept})


def _has_look(frame: Frame) -> bool:
    """Whether the frame draws something or names a part, so that removing it would change the page."""
    return frame.fill is not None or frame.role is not None or frame.name is not None


def _unwrapped(frame: Frame) -> Frame:
    """Frames that only wrap one frame are merged into it (their padding added to its own)."""
    children = [_unwrapped(c) if isinstance(c, Frame) else c for c in frame.children]
    merged: list[Frame | Element] = []
    for child in children:
        if isinstance(child, Frame) and not _has_look(child) and len(child.children) == 1:
            inner = child.children[0]
            if isinstance(inner, Frame):
                padding = _side(child.padding) + _side(inner.padding)
                sizes = {edge: getattr(child, edge) for edge in ("width", "height") if getattr(inner, edge) == "hug"}
                child = inner.model_copy(update={"padding": padding, **sizes})
        merged.append(child)
    return frame.model_copy(update={"children": merged})


def _side(padding: int | Insets) -> int:
    """One padding for every side, as the model writes it: the mean of the sides."""
    if isinstance(padding, int):
        return padding
    return round((padding.top + padding.right + padding.bottom + padding.left) / 4)


def _depth(node: Frame | Element) -> int:
    """How many frames deep the node's deepest frame lies below it (0: no frames inside)."""
    if not isinstance(node, Frame):
        return -1
    return 1 + max((_depth(c) for c in node.children), default=-1)


def _flattened(root: Frame) -> Frame:
    """The tree with no frame deeper than the schema's depth: nested frames of their parent's layout (a column in
    a column) are merged into it, deepest first, which keeps the page; frames without a look go next."""
    for same_layout_only in (True, False):
        while _depth(root) > FRAME_DEPTH:
            flatter = _flatten_once(root, FRAME_DEPTH, same_layout_only)
            if flatter == root:
                break
            root = flatter
    if _depth(root) > FRAME_DEPTH:
        raise ValueError(f"frame {root.id!r} nests deeper than {FRAME_DEPTH} levels and cannot be flattened")
    return root


def _flatten_once(frame: Frame, room: int, same_layout_only: bool) -> Frame:
    """Merge into `frame` the first child frame on a too-deep path that can be merged; else recurse into it."""
    for index, child in enumerate(frame.children):
        if not isinstance(child, Frame) or _depth(child) < room:
            continue
        mergeable = not _has_look(child) and (child.layout == frame.layout or not same_layout_only)
        if mergeable and frame.layout != "stack":
            children = [*frame.children[:index], *child.children, *frame.children[index + 1 :]]
            return frame.model_copy(update={"children": children})
        deeper = _flatten_once(child, room - 1, same_layout_only)
        if deeper != child:
            return frame.model_copy(
                update={"children": [*frame.children[:index], deeper, *frame.children[index + 1 :]]}
            )
    return frame


def _written(data: dict[str, Any], fields: Sequence[str] | None) -> dict[str, Any]:
    return {key: value for key, value in data.items() if fields is None or key in fields}


def _written_node(data: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """A node's data in the fields the model writes, its children likewise; boxes left to the layout engine."""
    written = _written(data, fields)
    written.pop("box", None)
    if "padding" in written:
        written["padding"] = _side(
            Insets(**written["padding"]) if isinstance(written["padding"], dict) else written["padding"]
        )
    if "children" in written:
        written["children"] = [_written_child(child) for child in written["children"]]
    return written


def _written_child(data: dict[str, Any]) -> dict[str, Any]:
    if data["kind"] == "frame":
        return _written_node(data, FRAME_FIELDS)
    leaf = _written_node(data, LEAF_FIELDS[_LEAF_MODELS[data["kind"]]])
    if "series" in leaf:
        leaf["series"] = [_written(s, PART_FIELDS["Series"]) for s in leaf["series"]]
    return leaf


def reading_of(plan: LayoutPlan, brief: str, document: DocumentKind) -> Constraints:
    """What the plan carries, as a reading: a required text per text leaf (its role, and the purpose the role
    names), and a structure per list, table and chart."""
    items: list[Constraint] = []
    for leaf in plan.elements:
        number = len(items) + 1
        if isinstance(leaf, TextElement):
            items.append(_required_text(leaf, number))
        elif isinstance(leaf, ListElement | TableElement | ChartElement):
            items.append(_structure(leaf, number))
    return Constraints(brief=brief, items=items, document=document, canvas=plan.canvas)


def _required_text(leaf: TextElement, number: int) -> RequiredText:
    return RequiredText(
        id=f"text-{number}",
        text=leaf.text,
        script=leaf.script,
        language=leaf.language,
        role=leaf.role,
        purpose=_PURPOSE_OF_ROLE.get(leaf.role),
        source=_NO_SPAN,
    )


def _structure(leaf: ListElement | TableElement | ChartElement, number: int) -> RequiredStructure:
    if isinstance(leaf, ListElement):
        kind: StructureKind = "numbered" if leaf.marker == "number" else "bullets"
        entries = [StructureItem(label=item) for item in leaf.items]
        return RequiredStructure(id=f"structure-{number}", structure=kind, items=entries, source=_NO_SPAN)
    if isinstance(leaf, TableElement):
        rows = [StructureItem(label=row[0], cells=row[1:]) for row in leaf.rows if row and row[0]]
        return RequiredStructure(
            id=f"structure-{number}", structure="table", items=rows, header=leaf.header, source=_NO_SPAN
        )
    values = leaf.series[0].values
    points = [StructureItem(label=c, value=f"{v:g}") for c, v in zip(leaf.categories, values, strict=False)]
    return RequiredStructure(
        id=f"structure-{number}", structure="chart", title=leaf.title, items=points, chart=leaf.chart,
        unit=leaf.unit, source=_NO_SPAN,
    )  # fmt: skip


def example_data(example: Example) -> dict[str, Any]:
    """The example as its shipped JSON file holds it: the plan as the model writes it, with its canvas."""
    return {
        "name": example.name,
        "brief": example.brief,
        "reading": example.reading.model_dump(mode="json", exclude_none=True),
        "plan": {"canvas": example.plan.canvas.model_dump(), **json.loads(plan_json(example.plan))},
    }


def gallery_examples(gallery: Path) -> list[Example]:
    """The example of every gallery plan a document kind shows, made afresh from `gallery`."""
    briefs = json.loads((gallery / "briefs.json").read_text(encoding="utf-8"))
    kinds = _kind_of_each()
    return [
        make_example(name, briefs[name], kind, LayoutPlan.model_validate_json(
            (gallery / f"{name}.json").read_text(encoding="utf-8")
        ))
        for name, kind in sorted(kinds.items())
    ]  # fmt: skip


def _kind_of_each() -> dict[str, DocumentKind]:
    """The document kind of each example: the first kind it leads, else the first that shows it."""
    kinds: dict[str, DocumentKind] = {}
    for leading in (True, False):
        for kind, names in EXAMPLES_FOR.items():
            for name in names[:1] if leading else names:
                kinds.setdefault(name, kind)
    return kinds


def write_examples(gallery: Path, folder: Path | None = None) -> list[Path]:
    """Make the examples from `gallery` and write one JSON file each into `folder` (default: the shipped one)."""
    folder = folder or examples_dir()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for example in gallery_examples(gallery):
        path = folder / f"{example.name}.json"
        path.write_text(json.dumps(example_data(example), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_examples(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/gallery")):
        print(path)
