"""A character no installed font has is drawn as an empty box, named in a notice, and fails its own text's check."""

from __future__ import annotations

from tessera.contract import Constraints, LayoutPlan
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier


def _plan_with_hours(hours: str) -> LayoutPlan:
    return LayoutPlan.model_validate(
        {
            "schema_version": 2,
            "canvas": {"width": 1000, "height": 600},
            "background": {"kind": "solid", "color": "#FFFFFF"},
            "root": {
                "kind": "frame",
                "id": "root",
                "padding": 60,
                "gap": 40,
                "children": [
                    {"kind": "text", "id": "title", "text": "Grand Opening", "role": "title"},
                    {"kind": "text", "id": "hours", "text": hours, "role": "subtitle"},
                ],
            },
        }  # fmt: skip
    )


def test_a_tofu_glyph_fails_exactly_its_own_texts_check() -> None:
    plan = _plan_with_hours("Open \ue000 daily")
    result = PlanRenderer().render(plan)
    assert any("'hours'" in notice and "U+E000" in notice for notice in result.manifest.notices)
    assert result.manifest.plan is not None
    report = RenderVerifier().verify(result.image, result.manifest.plan, Constraints(brief="a test brief"))
    checks = [(c.constraint_id, c.passed) for c in report.checks if c.kind != "contradiction"]
    assert checks == [("title", True), ("hours", False)]


def test_a_character_no_installed_font_has_is_a_planning_error_with_a_fix_that_says_so() -> None:
    plan = _plan_with_hours("Open \ue000 daily")
    result = PlanRenderer().render(plan)
    assert result.manifest.plan is not None
    report = RenderVerifier().verify(result.image, result.manifest.plan, Constraints(brief="a test brief"))
    hours = next(c for c in report.checks if c.constraint_id == "hours")
    assert hours.fix == "no installed font has U+E000 ('\\ue000'): install one, or leave the character out"
    [contradiction] = [c for c in report.checks if c.kind == "contradiction"]
    assert contradiction.conflicts == ["plan:hours"] and "'hours' cannot be drawn" in contradiction.measured
