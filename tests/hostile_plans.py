"""Plans that ask for far more work than their size in bytes suggests (issue 17): each must be drawn or refused with
a 4xx, in bounded time and memory. Shared by the renderer's property tests and the services' memory tests.

Each is plan JSON as a client sends it. `TINY_BOX_HUGE_TEXT_V1` is the issue's own request, word for word; the
others are its relatives in plan version 2, each at the schema's limits (contract/plan.py).
"""

from __future__ import annotations

from typing import Any

from tessera.contract.plan import MAX_CHILDREN, MAX_DEPTH, MAX_EDGE

WHITE = {"kind": "solid", "color": "#FFFFFF"}
LONG_LINE = "W" * 500
MIXED_LINE = ("Wide wording, Ширина, 广阔的文字, 넓은, نص عريض, ") * 12


def _plan(width: int, height: int, *children: dict[str, Any], layout: str = "stack", **root: Any) -> dict[str, Any]:
    frame = {"kind": "frame", "id": "root", "layout": layout, "children": list(children), **root}
    return {"canvas": {"width": width, "height": height}, "background": WHITE, "root": frame}


def _text(node_id: str, text: str = LONG_LINE, **fields: Any) -> dict[str, Any]:
    return {"kind": "text", "id": node_id, "text": text[:500], **fields}


TINY_BOX_HUGE_TEXT_V1: dict[str, Any] = {
    "canvas": {"width": 512, "height": 512},
    "background": WHITE,
    "elements": [
        {"kind": "text", "id": "t", "box": {"x": 0, "y": 0, "w": 1, "h": 1}, "text": LONG_LINE, "font_size": 800}
    ],
}

TINY_BOX_HUGE_TEXT = _plan(512, 512, _text("t", box={"x": 0, "y": 0, "w": 1, "h": 1}, font_size=800))


def _nested(depth: int) -> dict[str, Any]:
    # Every level holds a bordered, padded frame and a text at the largest size; the deepest holds only the text.
    if depth == MAX_DEPTH:
        return _text(f"t{depth}", font_size=800)
    frame = {"kind": "frame", "id": f"f{depth}", "layout": "row", "padding": 3, "border": {"color": "#000000"}}
    return {**frame, "children": [_nested(depth + 1), _text(f"t{depth}", max_font_size=800)]}


DEEP_NESTING = _plan(MAX_EDGE, MAX_EDGE, _nested(1), layout="column")


def _column(name: str, count: int) -> dict[str, Any]:
    texts = [_text(f"{name}{index}", MIXED_LINE) for index in range(count)]
    return {"kind": "frame", "id": name, "layout": "column", "wrap": True, "children": texts}


# The root, two frames and as many texts as a frame may hold: 1199 nodes, one under the schema's limit of 1200.
THOUSANDS_OF_LEAVES = _plan(
    MAX_EDGE, MAX_EDGE, _column("a", MAX_CHILDREN - 2), _column("b", MAX_CHILDREN - 1), layout="row"
)

LONG_CELL = ("Quarterly revenue by region, restated " * 4)[:120]
BIG_TABLE = _plan(
    MAX_EDGE,
    2160,
    {"kind": "table", "id": "table", "header": [f"Column {c} " * 10 for c in range(12)],
     "rows": [[LONG_CELL] * 12 for _ in range(40)], "style": "grid"},
    layout="column",
)  # fmt: skip

BIG_CHART = _plan(
    MAX_EDGE,
    MAX_EDGE,
    {"kind": "chart", "id": "chart", "chart": "stacked_column", "title": "T" * 120, "value_labels": True,
     "legend": True, "categories": [(f"{c:03d} " + "category " * 14)[:120] for c in range(60)],
     "series": [{"name": f"series {s} " * 6, "values": [1e12 * (s + 1) + c for c in range(60)]} for s in range(8)],
     "x_title": "X" * 80, "y_title": "Y" * 80, "unit": "$" * 16},
    layout="column",
)  # fmt: skip

HUGE_ICON = _plan(
    MAX_EDGE,
    MAX_EDGE,
    {"kind": "icon", "id": "icon", "name": "rocket", "box": {"x": 0, "y": 0, "w": MAX_EDGE, "h": MAX_EDGE}},
)

WIDE_CANVAS_FULL_OF_TEXT = _plan(
    MAX_EDGE,
    480,
    *(_text(f"t{index}", MIXED_LINE, width=96, height=48) for index in range(100)),
    layout="row",
    wrap=True,
)

HOSTILE_PLANS: dict[str, dict[str, Any]] = {
    "tiny box, huge text (v1, the issue's request)": TINY_BOX_HUGE_TEXT_V1,
    "tiny box, huge text": TINY_BOX_HUGE_TEXT,
    "deep nesting": DEEP_NESTING,
    "thousands of leaves": THOUSANDS_OF_LEAVES,
    "40x12 table of long cells": BIG_TABLE,
    "chart at max series and values": BIG_CHART,
    "icon at 3840 px": HUGE_ICON,
    "3840x480 canvas full of text": WIDE_CANVAS_FULL_OF_TEXT,
}
