"""The revision request the LLM planner sends: what failed, and which failures are the plan's own words."""

from __future__ import annotations

from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    SolidBackground,
    TextElement,
    VerificationReport,
)
from tessera.planner._prompts import revise_messages


def _check(origin: str, element: str, passed: bool = False) -> ConstraintCheck:
    return ConstraintCheck.model_validate(
        {
            "constraint_id": f"text-{element}",
            "kind": "text",
            "origin": origin,
            "passed": passed,
            "expected": "the text, exactly",
            "measured": f"{element}: read 'Helo'",
            "element_ids": [element],
        }
    )


def test_a_failed_check_from_the_plan_is_marked_and_its_words_are_kept() -> None:
    plan = LayoutPlan(
        canvas=Canvas(width=512, height=512),
        background=SolidBackground(color="#FFFFFF"),
        elements=[
            TextElement(id="headline", box=Box(x=16, y=16, w=480, h=80), text="Hello"),
            TextElement(id="tagline", box=Box(x=16, y=120, w=480, h=40), text="Made here"),
        ],
    )
    report = VerificationReport(checks=[_check("brief", "headline", passed=True), _check("plan", "tagline")])
    user = revise_messages(plan, Constraints(brief="A card saying 'Hello'."), report, 1, 12, None)[-1]["content"]
    failed = user.split("Failed checks")[1].split("Checks that passed")[0]
    assert "text text-tagline (a text or group of the plan itself, not of the brief)" in failed
    assert "text-headline" not in failed
    assert "never by changing its words" in user
