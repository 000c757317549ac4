"""A character no installed font has is drawn as an empty box, named in a notice, and fails its own text's check."""

from __future__ import annotations

from tessera.contract import Constraints, LayoutPlan
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier


def test_a_tofu_glyph_fails_exactly_its_own_texts_check() -> None:
    plan = LayoutPlan.model_validate(
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
                    {"kind": "text", "id": "hours", "text": "Open \ue000 daily", "role": "subtitle"},
                ],
            },
        }  # fmt: skip
    )
    result = PlanRenderer().render(plan)
    assert any("'hours'" in notice and "U+E000" in notice for notice in result.manifest.notices)
    assert result.manifest.plan is not None
    report = RenderVerifier().verify(result.image, result.manifest.plan, Constraints(brief="a test brief"))
    assert [(c.constraint_id, c.passed) for c in report.checks] == [("title", True), ("hours", False)]
