"""A covered headline and a hidden balloon: the verifier fails exactly those, and revision fixes them.

Real planner, renderer, verifier and tesseract throughout.
"""

from __future__ import annotations

import pytest

from tessera.agents import Engine, RunRequest, Settings
from tessera.contract import Box, Canvas, LayoutPlan, ShapeElement
from tessera.planner import RulePlanner, extract_constraints
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier

pytestmark = pytest.mark.slow

BRIEF = (
    "A launch poster on a deep blue background. Headline 'GRAND OPENING'. "
    "Below it 'Saturday 10 AM'. Exactly 5 red balloons across the top."
)


def _sabotaged_plan() -> LayoutPlan:
    """The rule planner's plan plus a sticker over the headline and a patch over the third balloon."""
    constraints = extract_constraints(BRIEF)
    plan = RulePlanner().plan(constraints, Canvas()).plan
    headline = next(t for t in plan.texts() if t.text == "GRAND OPENING")
    balloons = plan.object_groups()[0]
    third = PlanRenderer().render(plan).manifest.items[plan.elements.index(balloons)].instance_boxes[2]
    sticker = ShapeElement(
        id="sticker",
        box=Box(
            x=headline.box.x + headline.box.w // 4, y=headline.box.y - 10, w=headline.box.w // 2, h=headline.box.h + 20
        ),
        z=50,
        shape="rounded_rectangle",
        fill="#F2C14E",
        corner_radius=24,
    )
    patch = ShapeElement(
        id="patch", box=Box(x=third.x - 4, y=third.y - 4, w=third.w + 8, h=third.h + 8), z=50, fill="#7A8B99"
    )
    return plan.with_elements([*plan.elements, sticker, patch])


def test_the_report_fails_exactly_the_covered_text_and_the_hidden_object() -> None:
    constraints = extract_constraints(BRIEF)
    plan = _sabotaged_plan()
    report = RenderVerifier().verify(PlanRenderer().render(plan).image, plan, constraints)
    failed = {c.constraint_id: c for c in report.failures()}
    headline_check = next(c for c in report.checks if c.kind == "text" and "GRAND OPENING" in c.expected)
    count_check = next(c for c in report.checks if c.kind == "count")
    assert set(failed) == {headline_check.constraint_id, count_check.constraint_id}
    assert count_check.measured.startswith("4 ")
    assert (headline_check.error_rate or 0) > 0


def test_revision_moves_the_occluders_and_the_run_passes(settings: Settings) -> None:
    outcome = Engine(settings).generate(RunRequest(brief=BRIEF, plan=_sabotaged_plan(), effort="medium"))
    assert outcome.passed, outcome.report.model_dump_json(indent=1)
    assert outcome.revisions >= 1
    assert not outcome.iterations[0].passed
    final = {e.id: e for e in outcome.plan.elements}
    headline = next(t for t in outcome.plan.texts() if t.text == "GRAND OPENING")
    balloons = outcome.plan.object_groups()[0]
    for occluder in ("sticker", "patch"):
        if occluder in final:
            box = final[occluder].box
            assert box.intersection(headline.box) is None or final[occluder].z < headline.z
            assert box.intersection(balloons.box) is None or final[occluder].z < balloons.z
