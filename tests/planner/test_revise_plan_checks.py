"""Revision handles the verifier's checks of the plan's own elements as it handles the brief's checks."""

from __future__ import annotations

from tessera.contract import (
    Box,
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    SolidBackground,
    TextElement,
    VerificationReport,
)
from tessera.planner import RulePlanner

CRAMPED = TextElement(id="when", box=Box(x=112, y=300, w=800, h=40), text="Friday 8pm")
PLAN = LayoutPlan(background=SolidBackground(color="#F4EFE6"), elements=[CRAMPED])


def _plan_failure(**fields: object) -> VerificationReport:
    check = ConstraintCheck.model_validate({"origin": "plan", "passed": False, "expected": "?", **fields})
    return VerificationReport(checks=[check])


def test_a_misread_text_of_the_plan_is_enlarged_like_a_text_of_the_brief(planner: RulePlanner) -> None:
    report = _plan_failure(constraint_id="when", kind="text", measured="when: read 'rriday 8pm'", element_ids=["when"])
    revised = planner.revise(PLAN, Constraints(brief="anything"), report, attempt=1)
    assert revised.plan.element("when").box.h > CRAMPED.box.h
    assert revised.plan.texts()[0].text == "Friday 8pm"
    assert any("'Friday 8pm'" in note for note in revised.notes)


def test_an_empty_plan_is_left_as_it_is_and_the_note_says_why(planner: RulePlanner) -> None:
    empty = LayoutPlan(background=SolidBackground(color="#F4EFE6"))
    report = _plan_failure(constraint_id="content", kind="plan", measured="the plan draws nothing")
    revised = planner.revise(empty, Constraints(brief="anything"), report, attempt=1)
    assert revised.plan.elements == []
    assert revised.notes == ["nothing to revise: the plan draws nothing, and revision never invents texts or objects"]
