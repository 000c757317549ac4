"""Checking any plan (a planner's or a user's edit) against the brief's hard constraints before it is drawn."""

from __future__ import annotations

from tessera.contract import Box, Constraints, Element, LayoutPlan, RequiredCount, RequiredText, TextElement
from tessera.planner._numbers import plural, singular


def _same_class(a: str, b: str) -> bool:
    return singular(a.strip().lower()) == singular(b.strip().lower())


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def _things(object_class: str, count: int) -> str:
    return f"{count} {plural(object_class) if count != 1 else object_class}"


def check_plan(plan: LayoutPlan, constraints: Constraints) -> list[str]:
    """Problems of `plan` against the hard constraints, one sentence each saying what to change; empty when fine.

    Checks that every required string is the exact text of one text leaf, that every count has a group of
    exactly that count, that every box lies on the canvas, and that no text box is covered by an element drawn
    at the same or a higher z (text hidden under a picture included; text over a lower picture is the design).
    Nodes without a box are left to the layout engine, so only the nodes that have one are checked for place.
    """
    return [
        *_text_problems(plan, constraints),
        *_count_problems(plan, constraints),
        *_canvas_problems(plan),
        *_overlap_problems(plan),
    ]


def _text_problems(plan: LayoutPlan, constraints: Constraints) -> list[str]:
    problems = []
    texts = plan.texts()
    for required in (c for c in constraints.items if isinstance(c, RequiredText)):
        carriers = [t for t in texts if t.text == required.text]
        if len(carriers) > 1:
            ids = ", ".join(f"'{t.id}'" for t in carriers)
            problems.append(
                f"The required text {required.text!r} appears in {len(carriers)} text elements ({ids}); "
                "keep it in exactly one."
            )
        elif not carriers:
            near = next(
                (t for t in texts if _normalized(t.text) == _normalized(required.text) or required.text in t.text), None
            )
            if near is not None:
                problems.append(
                    f"Text element '{near.id}' reads {near.text!r} but the brief requires exactly {required.text!r}; "
                    f"change its text to {required.text!r}."
                )
            else:
                problems.append(
                    f"No text element carries the required text {required.text!r}; "
                    f"add a text element whose text is exactly {required.text!r}."
                )
    return problems


def _count_problems(plan: LayoutPlan, constraints: Constraints) -> list[str]:
    problems = []
    groups = plan.object_groups()
    for required in (c for c in constraints.items if isinstance(c, RequiredCount)):
        same_class = [g for g in groups if _same_class(g.object_class, required.object_class)]
        # A scene may split one class into several groups (a row per place); their instances add up.
        drawn = sum(g.count for g in same_class)
        if drawn == required.count:
            continue
        if len(same_class) == 1:
            group = same_class[0]
            problems.append(
                f"Object group '{group.id}' draws {_things(group.object_class, group.count)} but the brief asks for "
                f"exactly {required.count}; set its count to {required.count}."
            )
        elif same_class:
            ids = ", ".join(f"'{g.id}'" for g in same_class)
            problems.append(
                f"Object groups {ids} draw {_things(required.object_class, drawn)} together but the brief asks for "
                f"exactly {required.count}; make their counts add up to {required.count}."
            )
        else:
            problems.append(
                f"No object group draws the {_things(required.object_class, required.count)} the brief asks for; "
                f"add a group with object_class '{required.object_class}' and count {required.count}."
            )
    return problems


def _canvas_problems(plan: LayoutPlan) -> list[str]:
    width, height = plan.canvas.width, plan.canvas.height
    return [
        f"Element '{node.id}' (x={box.x}, y={box.y}, {box.w}x{box.h}) extends past the {width}x{height} canvas; "
        "move or shrink it to lie within the canvas."
        for node in [*plan.frames(), *plan.elements]
        if (box := node.box) is not None and not box.inside(width, height)
    ]


def _placed(elements: list[Element]) -> list[tuple[Element, Box]]:
    return [(element, element.box) for element in elements if element.box is not None]


def _overlap_problems(plan: LayoutPlan) -> list[str]:
    problems = []
    reported: set[frozenset[str]] = set()
    placed = _placed(plan.elements)
    for text, text_box in placed:
        if not isinstance(text, TextElement):
            continue
        for other, other_box in placed:
            if other.id == text.id or other.z < text.z:
                continue
            overlap = text_box.intersection(other_box)
            pair = frozenset((text.id, other.id))
            if overlap is None or pair in reported:
                continue
            reported.add(pair)
            problems.append(_covered(text, other, overlap))
    return problems


def _covered(text: TextElement, other: Element, overlap: Box) -> str:
    if other.kind == "picture":
        return (
            f"Text '{text.id}' is hidden under picture '{other.id}' (z {other.z} over z {text.z}) across "
            f"{overlap.w}x{overlap.h} px; move the text off the picture, or give '{other.id}' a lower z than "
            "the text and put a panel behind the text."
        )
    kind = {"text": "text", "objects": "object group"}.get(other.kind, "shape")
    return (
        f"Text '{text.id}' is covered by {kind} '{other.id}' (z {other.z} over z {text.z}) across "
        f"{overlap.w}x{overlap.h} px; move one of them apart or give '{other.id}' a lower z than the text."
    )
