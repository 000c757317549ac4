"""Every element of the plan is checked: what no brief constraint covers is checked as the plan states it.

Real pixels from the test painter, read by real tesseract.
"""

from __future__ import annotations

import pytest

from tessera.contract import (
    Box,
    ObjectGroup,
    PictureElement,
    RequiredCount,
    RequiredText,
    ShapeElement,
    TextElement,
    VerificationReport,
)
from tessera.verifier import RenderVerifier

TITLE = TextElement(id="title", box=Box(x=64, y=64, w=896, h=180), text="Harbour Lights", font_weight="bold")
WHEN = TextElement(id="when", box=Box(x=112, y=300, w=800, h=90), text="Friday 8pm")
STARS = ObjectGroup(id="stars", box=Box(x=96, y=560, w=832, h=220), object_class="star", count=4)


@pytest.fixture
def harbour(plan_of, painter):
    """A plan of two texts and a group, and its render."""
    plan = plan_of([TITLE, WHEN, STARS])
    return plan, painter.render(plan)


def _by_id(report: VerificationReport) -> dict[str, tuple[str, str, bool]]:
    return {c.constraint_id: (c.kind, c.origin, c.status) for c in report.checks}


def test_a_brief_that_asks_for_nothing_still_gets_every_text_read_and_every_group_counted(
    harbour, constraints_of, verifier: RenderVerifier
) -> None:
    plan, image = harbour
    report = verifier.verify(image, plan, constraints_of())
    assert _by_id(report) == {
        "title": ("text", "plan", "passed"),
        "when": ("text", "plan", "passed"),
        "stars": ("count", "plan", "passed"),
    }
    assert report.passed
    assert report.summary() == "passed 3, failed 0, not verified 0 (all from the plan)"
    when = next(c for c in report.checks if c.constraint_id == "when")
    assert when.measured == "when: read 'Friday 8pm'" and when.element_ids == ["when"]


def test_an_element_a_brief_constraint_covers_is_checked_once_as_the_brief_asks(
    harbour, constraints_of, span, verifier: RenderVerifier
) -> None:
    plan, image = harbour
    constraints = constraints_of(
        RequiredText(id="text-1", text="Harbour Lights", source=span),
        RequiredCount(id="count-star", object_class="stars", count=4, source=span),
    )
    report = verifier.verify(image, plan, constraints)
    assert _by_id(report) == {
        "text-1": ("text", "brief", "passed"),
        "count-star": ("count", "brief", "passed"),
        "when": ("text", "plan", "passed"),
    }
    assert report.summary() == "passed 3, failed 0, not verified 0 (2 from the brief, 1 from the plan)"


def test_a_line_drawn_wrong_fails_its_plan_check_though_the_brief_quotes_only_part_of_it(
    plan_of, painter, constraints_of, span, verifier: RenderVerifier
) -> None:
    plan = plan_of([TITLE])
    image = painter.render(plan_of([TITLE.model_copy(update={"text": "Harbour Lihgts"})]))
    report = verifier.verify(image, plan, constraints_of(RequiredText(id="text-1", text="Harbour", source=span)))
    assert _by_id(report) == {"text-1": ("text", "brief", "passed"), "title": ("text", "plan", "failed")}
    assert not report.passed
    assert report.failures()[0].measured == "title: read 'Harbour Lihgts'"


def test_a_text_in_the_background_colour_fails_naming_its_element(
    plan_of, painter, constraints_of, verifier: RenderVerifier
) -> None:
    invisible = WHEN.model_copy(update={"color": "#f4efe6"})  # the painter's default background
    plan = plan_of([TITLE, invisible])
    report = verifier.verify(painter.render(plan), plan, constraints_of())
    [failed] = report.failures()
    assert (failed.constraint_id, failed.origin, failed.element_ids) == ("when", "plan", ["when"])


def test_each_text_has_its_own_check_and_groups_of_one_class_are_counted_together(
    plan_of, painter, constraints_of, verifier: RenderVerifier
) -> None:
    twin = WHEN.model_copy(update={"id": "when-again", "box": Box(x=112, y=420, w=800, h=90)})
    left = STARS.model_copy(update={"box": Box(x=96, y=560, w=400, h=200), "count": 2})
    right = STARS.model_copy(update={"id": "more-stars", "box": Box(x=528, y=560, w=400, h=200), "count": 3})
    plan = plan_of([WHEN, twin, left, right])
    report = verifier.verify(painter.render(plan), plan, constraints_of())
    assert [(c.constraint_id, c.element_ids, c.passed) for c in report.checks] == [
        ("when", ["when"], True),
        ("when-again", ["when-again"], True),
        ("stars", ["stars", "more-stars"], True),
    ]
    assert report.checks[2].expected == "exactly 5 star"


def test_a_picture_is_listed_as_not_verified(plan_of, painter, constraints_of, verifier: RenderVerifier) -> None:
    picture = PictureElement(id="harbour", box=Box(x=64, y=600, w=896, h=360), prompt="a harbour at night")
    plan = plan_of([TITLE, picture])
    report = verifier.verify(painter.render(plan), plan, constraints_of())
    check = next(c for c in report.checks if c.constraint_id == "harbour")
    assert (check.kind, check.origin, check.status) == ("picture", "plan", "not_verified")
    assert report.passed
    assert report.summary() == "passed 1, failed 0, not verified 1 (all from the plan)"


def test_an_empty_plan_fails_because_it_draws_nothing(
    plan_of, painter, constraints_of, verifier: RenderVerifier
) -> None:
    plan = plan_of([])
    report = verifier.verify(painter.render(plan), plan, constraints_of())
    [check] = report.checks
    assert (check.kind, check.origin, check.passed, check.measured) == ("plan", "plan", False, "the plan draws nothing")
    assert not report.passed
    assert report.summary() == "passed 0, failed 1, not verified 0 (all from the plan)"


def test_shapes_alone_with_a_brief_asking_nothing_are_not_a_measured_pass(
    plan_of, painter, constraints_of, verifier: RenderVerifier
) -> None:
    panel = ShapeElement(id="panel", box=Box(x=64, y=64, w=896, h=896), fill="#223344")
    plan = plan_of([panel])
    report = verifier.verify(painter.render(plan), plan, constraints_of())
    [check] = report.checks
    assert (check.kind, check.status) == ("plan", "not_verified")
    assert report.summary() == "passed 0, failed 0, not verified 1 (all from the plan)"


def test_a_report_written_before_origin_existed_loads_its_checks_as_from_the_brief() -> None:
    old = {"checks": [{"constraint_id": "c", "kind": "text", "passed": True, "expected": "'A'", "measured": "'A'"}]}
    report = VerificationReport.model_validate(old)
    assert report.checks[0].origin == "brief"
    assert report.summary() == "passed 1, failed 0, not verified 0"
