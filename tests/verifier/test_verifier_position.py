"""Position checks: measured subjects in canvas regions, and below/above a reference text."""

from __future__ import annotations

import pytest

from tessera.contract import Box, ObjectGroup, RequiredPosition, TextElement


def _headline(y: int) -> TextElement:
    return TextElement(id="headline", box=Box(x=64, y=y, w=896, h=140), text="Grand Opening", font_weight="bold")


@pytest.mark.parametrize(
    ("y", "region", "passes"),
    [(48, "top", True), (48, "bottom", False), (440, "center", True), (440, "top", False), (820, "bottom", True)],
)
def test_text_region(y, region, passes, painter, plan_of, constraints_of, span, verifier) -> None:
    plan = plan_of([_headline(y)])
    constraint = RequiredPosition(id="c", subject_kind="text", subject="Grand Opening", region=region, source=span)
    check = verifier.verify(painter.render(plan), plan, constraints_of(constraint)).checks[0]
    assert check.passed is passes, check.evidence


@pytest.mark.parametrize(
    ("box", "region", "passes"),
    [
        (Box(x=32, y=32, w=400, h=200), "top-left", True),
        (Box(x=592, y=32, w=400, h=200), "top-left", False),
        (Box(x=592, y=32, w=400, h=200), "top-right", True),
        (Box(x=32, y=760, w=400, h=200), "bottom-left", True),
        (Box(x=700, y=300, w=300, h=400), "right", True),
        (Box(x=24, y=300, w=300, h=400), "right", False),
        (Box(x=24, y=300, w=300, h=400), "left", True),
    ],
)
def test_object_region(box, region, passes, painter, plan_of, constraints_of, span, verifier) -> None:
    plan = plan_of([ObjectGroup(id="g", box=box, object_class="star", count=2)])
    constraint = RequiredPosition(id="c", subject_kind="objects", subject="stars", region=region, source=span)
    check = verifier.verify(painter.render(plan), plan, constraints_of(constraint)).checks[0]
    assert check.passed is passes, check.evidence


def test_objects_drawn_elsewhere_than_planned_are_judged_where_they_are(
    painter, plan_of, constraints_of, span, verifier
) -> None:
    group = ObjectGroup(id="g", box=Box(x=32, y=32, w=960, h=960), object_class="cat", count=1)
    drawn = plan_of([group.model_copy(update={"box": Box(x=700, y=700, w=300, h=300)})])
    constraint = RequiredPosition(id="c", subject_kind="objects", subject="cat", region="top-left", source=span)
    check = verifier.verify(painter.render(drawn), plan_of([group]), constraints_of(constraint)).checks[0]
    assert not check.passed
    assert check.box is not None and check.box.x >= 700


@pytest.mark.parametrize(
    ("objects_y", "relation", "passes"),
    [(400, "below", True), (400, "above", False), (20, "above", True), (20, "below", False)],
)
def test_objects_relative_to_a_headline(
    objects_y, relation, passes, painter, plan_of, constraints_of, span, verifier
) -> None:
    plan = plan_of(
        [_headline(200), ObjectGroup(id="g", box=Box(x=64, y=objects_y, w=896, h=200), object_class="balloon", count=3)]
    )
    constraint = RequiredPosition(
        id="c", subject_kind="objects", subject="balloons", relation=relation, reference="Grand Opening", source=span
    )
    check = verifier.verify(painter.render(plan), plan, constraints_of(constraint)).checks[0]
    assert check.passed is passes, check.evidence
    assert set(check.element_ids) == {"g", "headline"}


def test_a_subject_not_on_the_canvas_fails(painter, plan_of, constraints_of, span, verifier) -> None:
    plan = plan_of([_headline(200)])
    image = painter.render(plan_of([]))  # the headline was never drawn
    constraint = RequiredPosition(id="c", subject_kind="text", subject="Grand Opening", region="top", source=span)
    check = verifier.verify(image, plan, constraints_of(constraint)).checks[0]
    assert not check.passed
    assert check.measured == "not found on the canvas"
