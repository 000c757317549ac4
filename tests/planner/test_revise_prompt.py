"""The revision request the LLM planner sends: what failed, which failures are the plan's own words, and the plan
as it was laid out."""

from __future__ import annotations

import json

from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    Frame,
    LayoutPlan,
    SolidBackground,
    TextElement,
    VerificationReport,
)
from tessera.planner._prompts import plan_json, revise_messages

CANVAS = Canvas(width=512, height=512)


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


def _laid_out() -> LayoutPlan:
    """A card in a padded column, as the renderer hands it back: a box on every node, the size each text got."""
    card = Frame(
        id="card",
        role="card",
        fill="#F4F4F4",
        radius=12,
        padding=16,
        box=Box(x=16, y=16, w=480, h=184),
        children=[
            TextElement(id="headline", role="title", box=Box(x=32, y=32, w=448, h=80), text="Hello", font_size=64),
            TextElement(id="tagline", box=Box(x=32, y=128, w=448, h=56), text="Made here", font_size=21),
        ],
    )
    root = Frame(id="root", layout="column", padding=16, box=Box(x=0, y=0, w=512, h=512), children=[card])
    return LayoutPlan(canvas=CANVAS, background=SolidBackground(color="#FFFFFF"), root=root)


def _revise_prompt(plan: LayoutPlan, report: VerificationReport) -> str:
    return revise_messages(plan, Constraints(brief="A card saying 'Hello'."), report, 1, 12, None)[-1]["content"]


def test_a_failed_check_from_the_plan_is_marked_and_its_words_are_kept() -> None:
    report = VerificationReport(checks=[_check("brief", "headline", passed=True), _check("plan", "tagline")])
    user = _revise_prompt(_laid_out(), report)
    failed = user.split("Failed checks")[1].split("Checks that passed")[0]
    assert "text text-tagline (a text or group of the plan itself, not of the brief)" in failed
    assert "text-headline" not in failed
    assert "never by changing its words" in user


def test_the_revise_prompt_shows_every_laid_out_box_and_text_size() -> None:
    user = _revise_prompt(_laid_out(), VerificationReport(checks=[_check("plan", "tagline")]))
    assert "as it was laid out" in user
    assert '"box":{"x":32,"y":128,"w":448,"h":56}' in user and '"font_size":21' in user
    assert '"box":{"x":16,"y":16,"w":480,"h":184}' in user  # the card's own box


def test_the_plan_shown_to_the_model_validates_back_into_the_same_plan() -> None:
    plan = _laid_out()
    shown = json.loads(plan_json(plan))
    assert shown["root"]["children"][0]["kind"] == "frame" and shown["root"]["layout"] == "column"
    assert LayoutPlan.model_validate({**shown, "canvas": CANVAS.model_dump()}) == plan
