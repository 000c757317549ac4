"""Revisions work from the report's revisable failures and their fixes: contradictions, and the checks they name,
are left alone; a text no font family of the plan can draw is not enlarged for nothing; the LLM's request shows
each failure's fix and the planning errors apart."""

from __future__ import annotations

from tessera.contract import (
    Canvas,
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    PlanResult,
    SolidBackground,
    TextElement,
    VerificationReport,
)
from tessera.planner import RulePlanner
from tessera.planner._prompts import revise_messages


def _headline(plan: LayoutPlan) -> TextElement:
    return next(t for t in plan.texts() if t.text == "GRAND OPENING")


def _failed_text(element_id: str, fix: str) -> ConstraintCheck:
    return ConstraintCheck(
        constraint_id="text-1", kind="text", status="failed", expected="the text 'GRAND OPENING' (latin), exactly",
        measured=f"{element_id}: read 'GRAND 0PENING'", element_ids=[element_id], fix=fix,
    )  # fmt: skip


def _contradiction(*ids: str) -> ConstraintCheck:
    return ConstraintCheck(
        constraint_id="contradiction-1", kind="contradiction", status="failed",
        expected="checks that one image can pass together",
        measured="'GRAND OPENING' is asked into the top and into the bottom region; no image can pass them all",
        conflicts=list(ids),
    )  # fmt: skip


def test_a_check_a_contradiction_names_is_left_alone(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    plan = launch_result.plan
    named = _failed_text(_headline(plan).id, fix="set it larger")
    report = VerificationReport(checks=[named, _contradiction("text-1")])
    revised = planner.revise(plan, launch_constraints, report, attempt=1)
    assert _headline(revised.plan) == _headline(plan)
    assert any("left 1 contradiction(s) alone" in note for note in revised.notes)


def test_a_text_only_an_unnamed_font_draws_is_not_enlarged(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    plan = launch_result.plan
    headline = _headline(plan)
    fix = f"set U+1230 ('ሰ') of '{headline.id}' in a font that has it: Noto Sans Ethiopic"
    report = VerificationReport(checks=[_failed_text(headline.id, fix)])
    revised = planner.revise(plan, launch_constraints, report, attempt=1)
    assert _headline(revised.plan) == headline
    assert any("no font family a plan can name" in note and "Noto Sans Ethiopic" in note for note in revised.notes)


def test_a_revision_note_carries_the_reports_fix(
    planner: RulePlanner, launch_result: PlanResult, launch_constraints: Constraints
) -> None:
    headline = _headline(launch_result.plan)
    fix = f"set '{headline.id}' larger (min 18 px) or bolder, on a plainer background"
    report = VerificationReport(checks=[_failed_text(headline.id, fix)])
    revised = planner.revise(launch_result.plan, launch_constraints, report, attempt=1)
    assert any(f"the report's fix: {fix}" in note for note in revised.notes)


def test_the_llm_request_shows_each_fix_and_the_planning_errors_apart(launch_constraints: Constraints) -> None:
    headline = TextElement(id="headline", text="GRAND OPENING")
    plan = LayoutPlan(canvas=Canvas(), background=SolidBackground(color="#FFFFFF"), elements=[headline])
    misread = _failed_text("headline", fix="set 'headline' larger (min 18 px) or bolder, on a plainer background")
    position = ConstraintCheck(
        constraint_id="position-1", kind="position", status="failed", expected="top", measured="bottom"
    )
    report = VerificationReport(checks=[misread, position, _contradiction("position-1")])
    user = revise_messages(plan, launch_constraints, report, 1, 12, None)[-1]["content"]
    failed, rest = user.split("Failed checks")[1].split("Planning errors")
    assert "text text-1" in failed and "Fix: set 'headline' larger (min 18 px)" in failed
    assert "position-1" not in failed
    assert "into the top and into the bottom region" in rest.split("Layout errors")[0].split("Current plan")[0]
