"""Relations between drawn things, judged on the boxes measured from the pixels: each relation holds on a right
layout and fails on a swapped one, and the evidence names both boxes and the rule."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tessera.contract import Box, ObjectGroup, RequiredPosition
from tessera.contract.reading import Relation


@dataclass(frozen=True)
class Layout:
    """Groups of one instance each: (id, class, box, z)."""

    things: tuple[tuple[str, str, Box, int], ...]

    def groups(self) -> list[ObjectGroup]:
        return [ObjectGroup(id=id_, object_class=cls, box=box, z=z, count=1) for id_, cls, box, z in self.things]


def _b(x: int, y: int, side: int) -> Box:
    return Box(x=x, y=y, w=side, h=side)


def _layout(*things: tuple[str, str, Box, int]) -> Layout:
    return Layout(things)


# relation, subject, reference, second reference, a layout where it holds, one where it does not
CASES: list[tuple[Relation, str, str, str | None, Layout, Layout]] = [
    ("left_of", "cat", "tree", None,
     _layout(("c", "cat", _b(100, 400, 200), 5), ("t", "tree", _b(600, 400, 200), 5)),
     _layout(("c", "cat", _b(600, 400, 200), 5), ("t", "tree", _b(100, 400, 200), 5))),
    ("right_of", "cat", "tree", None,
     _layout(("c", "cat", _b(600, 400, 200), 5), ("t", "tree", _b(100, 400, 200), 5)),
     _layout(("c", "cat", _b(100, 400, 200), 5), ("t", "tree", _b(600, 400, 200), 5))),
    ("above", "star", "tree", None,
     _layout(("s", "star", _b(412, 100, 200), 5), ("t", "tree", _b(412, 500, 200), 5)),
     _layout(("s", "star", _b(412, 500, 200), 5), ("t", "tree", _b(412, 100, 200), 5))),
    ("below", "cat", "star", None,
     _layout(("c", "cat", _b(412, 600, 200), 5), ("s", "star", _b(412, 150, 200), 5)),
     _layout(("c", "cat", _b(412, 150, 200), 5), ("s", "star", _b(412, 600, 200), 5))),
    ("on_top_of", "star", "tree", None,
     _layout(("s", "star", _b(462, 392, 100), 6), ("t", "tree", _b(362, 450, 300), 5)),
     _layout(("s", "star", _b(462, 800, 100), 6), ("t", "tree", _b(362, 450, 300), 5))),
    ("under", "apple", "tree", None,
     _layout(("a", "apple", _b(462, 560, 100), 6), ("t", "tree", _b(312, 300, 400), 5)),
     _layout(("a", "apple", _b(462, 100, 100), 6), ("t", "tree", _b(312, 300, 400), 5))),
    ("next_to", "cat", "tree", None,
     _layout(("c", "cat", _b(300, 400, 200), 5), ("t", "tree", _b(520, 400, 200), 5)),
     _layout(("c", "cat", _b(40, 400, 200), 5), ("t", "tree", _b(780, 400, 200), 5))),
    ("facing", "cat", "car", None,
     _layout(("c", "cat", _b(300, 400, 200), 5), ("r", "car", _b(520, 400, 200), 5)),
     _layout(("c", "cat", _b(300, 100, 200), 5), ("r", "car", _b(520, 700, 200), 5))),
    ("between", "cat", "tree", "tree",
     _layout(("c", "cat", _b(412, 400, 200), 5), ("t1", "tree", _b(100, 400, 200), 5),
             ("t2", "tree", _b(724, 400, 200), 5)),
     _layout(("c", "cat", _b(100, 400, 200), 5), ("t1", "tree", _b(412, 400, 200), 5),
             ("t2", "tree", _b(724, 400, 200), 5))),
    ("between", "cat", "tree", "car",
     _layout(("c", "cat", _b(412, 400, 200), 5), ("t", "tree", _b(100, 400, 200), 5),
             ("r", "car", _b(724, 400, 200), 5)),
     _layout(("c", "cat", _b(724, 400, 200), 5), ("t", "tree", _b(100, 400, 200), 5),
             ("r", "car", _b(412, 400, 200), 5))),
    ("in_front_of", "cat", "tree", None,
     _layout(("c", "cat", _b(560, 560, 200), 6), ("t", "tree", _b(312, 300, 400), 5)),
     _layout(("c", "cat", _b(560, 560, 200), 4), ("t", "tree", _b(312, 300, 400), 5))),
    ("behind", "cat", "tree", None,
     _layout(("c", "cat", _b(250, 250, 200), 4), ("t", "tree", _b(312, 300, 400), 5)),
     _layout(("c", "cat", _b(560, 560, 200), 6), ("t", "tree", _b(312, 300, 400), 5))),
    ("inside", "apple", "tree", None,
     _layout(("a", "apple", _b(462, 450, 100), 6), ("t", "tree", _b(312, 300, 400), 5)),
     _layout(("a", "apple", _b(100, 100, 100), 6), ("t", "tree", _b(312, 300, 400), 5))),
    ("around", "star", "tree", None,
     _layout(("s1", "star", _b(150, 450, 100), 5), ("s2", "star", _b(774, 450, 100), 5),
             ("s3", "star", _b(250, 200, 100), 5), ("s4", "star", _b(674, 200, 100), 5),
             ("t", "tree", _b(362, 362, 300), 5)),
     _layout(("s1", "star", _b(40, 450, 100), 5), ("s2", "star", _b(40, 700, 100), 5),
             ("s3", "star", _b(40, 200, 100), 5), ("s4", "star", _b(190, 200, 100), 5),
             ("t", "tree", _b(462, 362, 300), 5))),
]  # fmt: skip
IDS = [f"{c[0]}-{c[3] or 'one'}" for c in CASES]


def _check(case, layout: Layout, painter, plan_of, constraints_of, span, verifier):  # type: ignore[no-untyped-def]
    relation, subject, reference, second, _, _ = case
    plan = plan_of(layout.groups())
    constraint = RequiredPosition(
        id="c", subject_kind="objects", subject=subject, relation=relation, reference_kind="objects",
        reference=reference, second_reference=second, source=span,
    )  # fmt: skip
    return verifier.verify(painter.render(plan), plan, constraints_of(constraint)).checks[0]


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_relation_holds_on_a_right_layout(case, painter, plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    check = _check(case, case[4], painter, plan_of, constraints_of, span, verifier)
    assert check.passed, check.evidence
    assert f"{case[0]} holds" in check.evidence


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_a_relation_fails_on_a_swapped_layout(case, painter, plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    check = _check(case, case[5], painter, plan_of, constraints_of, span, verifier)
    assert not check.passed, check.evidence
    assert f"{case[0]} does not hold" in check.evidence


def test_the_evidence_names_both_boxes_and_the_rule(painter, plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    check = _check(CASES[0], CASES[0][4], painter, plan_of, constraints_of, span, verifier)
    assert "'cat': 1 box(es) (" in check.evidence and "'tree': 1 box(es) (" in check.evidence
    assert "left of the reference's centre line" in check.evidence
    assert set(check.element_ids) == {"c", "t"}


def test_a_relation_to_a_thing_not_drawn_fails_and_says_so(painter, plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    plan = plan_of([ObjectGroup(id="c", object_class="cat", box=_b(100, 400, 200), count=1)])
    constraint = RequiredPosition(
        id="c", subject_kind="objects", subject="cat", relation="left_of", reference_kind="objects",
        reference="piano", source=span,
    )  # fmt: skip
    check = verifier.verify(painter.render(plan), plan, constraints_of(constraint)).checks[0]
    assert not check.passed and "not found on the canvas" in check.evidence


def test_groups_the_brief_asks_to_overlap_are_no_lint_error(painter, plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    layout = CASES[10][4]  # a cat in front of a tree
    plan = plan_of(layout.groups())
    asked = RequiredPosition(
        id="c", subject_kind="objects", subject="cat", relation="in_front_of", reference_kind="objects",
        reference="tree", source=span,
    )  # fmt: skip
    beside = asked.model_copy(update={"relation": "next_to"})
    image = painter.render(plan)
    assert [f.code for f in verifier.verify(image, plan, constraints_of(asked)).lint] == []
    assert "object_overlap" in [f.code for f in verifier.verify(image, plan, constraints_of(beside)).lint]


def test_things_joined_through_a_chain_of_overlapping_relations_may_overlap(  # type: ignore[no-untyped-def]
    painter, plan_of, constraints_of, span, verifier
) -> None:
    # books on a table in front of an armchair: the books overlap the armchair as well as the table
    plan = plan_of([
        ObjectGroup(id="armchair", object_class="armchair", box=_b(400, 300, 300), z=4, count=1),
        ObjectGroup(id="table", object_class="table", box=_b(550, 420, 260), z=5, count=1),
        ObjectGroup(id="books", object_class="book", box=_b(560, 330, 100), z=6, count=1),
    ])  # fmt: skip
    on_table, table_in_front = (
        RequiredPosition(
            id=f"c{n}",
            subject_kind="objects",
            subject=subject,
            relation=relation,
            reference_kind="objects",
            reference=reference,
            source=span,
        )  # fmt: skip
        for n, (subject, relation, reference) in enumerate(
            [("book", "on_top_of", "table"), ("table", "in_front_of", "armchair")]
        )
    )
    image = painter.render(plan)
    assert [f.code for f in verifier.verify(image, plan, constraints_of(on_table, table_in_front)).lint] == []
    assert "object_overlap" in [f.code for f in verifier.verify(image, plan, constraints_of(on_table)).lint]
