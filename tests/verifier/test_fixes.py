"""Every failed check says what change of the plan would make it pass, from what was measured."""

from __future__ import annotations

import pytest

from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    LintFinding,
    ObjectGroup,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    ShapeElement,
    SolidBackground,
    SourceSpan,
    TextElement,
)
from tessera.verifier._fixes import lint_with_fixes, with_fixes
from tessera.verifier._glyph_coverage import families_with

_SPAN = SourceSpan(start=0, end=4, quote="test")
_HOURS = TextElement(id="hours", box=Box(x=40, y=300, w=600, h=40), text="Open daily", font_size=14)
_HEADLINE = TextElement(id="headline", box=Box(x=40, y=40, w=600, h=120), text="GRAND OPENING", font_size=80)
_STICKER = ShapeElement(id="sticker", box=Box(x=200, y=30, w=200, h=140), z=50, fill="#F2C14E")
_APPLES = ObjectGroup(id="apples", box=Box(x=40, y=400, w=300, h=100), object_class="apple", count=4)


def _plan(*elements: TextElement | ShapeElement | ObjectGroup) -> LayoutPlan:
    return LayoutPlan(canvas=Canvas(), background=SolidBackground(color="#FFFFFF"), elements=list(elements))


def _failed(cid: str, kind: str, measured: str, element_ids: list[str], origin: str = "brief") -> ConstraintCheck:
    return ConstraintCheck.model_validate(
        {
            "constraint_id": cid,
            "kind": kind,
            "origin": origin,
            "status": "failed",
            "expected": "as asked",
            "measured": measured,
            "element_ids": element_ids,
        }  # fmt: skip
    )


def _fix(check: ConstraintCheck, plan: LayoutPlan, *items: object) -> str:
    constraints = Constraints.model_validate({"brief": "a test brief", "items": list(items)})
    return with_fixes([check], plan, constraints)[0].fix


def test_a_misread_small_text_is_asked_larger_or_bolder() -> None:
    check = _failed("hours", "text", "hours: read 'Open dai1y'", ["hours"], origin="plan")
    assert _fix(check, _plan(_HOURS)) == "set 'hours' larger (min 18 px) or bolder, on a plainer background"


def test_a_covered_text_names_what_covers_it() -> None:
    check = _failed("text-1", "text", "headline: read 'GRAND'", ["headline"])
    required = RequiredText(id="text-1", text="GRAND OPENING", source=_SPAN)
    assert _fix(check, _plan(_HEADLINE, _STICKER), required).startswith("move 'sticker' off 'headline'")


def test_a_text_the_plan_does_not_carry_is_asked_to_be_added() -> None:
    check = _failed("text-1", "text", "not in plan", [])
    required = RequiredText(id="text-1", text="Saturday 10 AM", source=_SPAN)
    assert _fix(check, _plan(), required) == "add a text element carrying 'Saturday 10 AM'"


def test_words_run_together_ask_for_letter_spacing() -> None:
    text = _HOURS.model_copy(update={"text": "Log in"})
    check = _failed("hours", "text", "hours: read 'Login'", ["hours"], origin="plan")
    assert "letter spacing of 'hours'" in _fix(check, _plan(text))


def test_a_character_no_installed_font_has_says_so() -> None:
    text = _HOURS.model_copy(update={"text": "Open \ue000 daily"})
    check = _failed("hours", "text", "hours: read 'Open D daily'", ["hours"], origin="plan")
    assert _fix(check, _plan(text)) == (
        "no installed font has U+E000 ('\\ue000'): install one, or leave the character out"
    )


def test_a_letter_only_its_scripts_own_font_has_names_that_font() -> None:
    families = families_with("ሰ")
    if not families:
        pytest.skip("no Ethiopic font installed (fonts-noto-core has Noto Sans Ethiopic)")
    text = _HOURS.model_copy(update={"text": "ሰላም"})
    check = _failed("hours", "text", "hours: read ''", ["hours"], origin="plan")
    fix = _fix(check, _plan(text))
    assert fix.startswith("set U+1230 ('ሰ') of 'hours' in a font that has it: ")
    assert families[0] in fix


def test_a_wrong_count_asks_for_exactly_the_number_with_room() -> None:
    check = _failed("count-apple", "count", "3 apple(s) counted", ["apples"])
    required = RequiredCount(id="count-apple", object_class="apple", count=4, source=_SPAN)
    assert _fix(check, _plan(_APPLES), required).startswith("draw exactly 4 apples in a box with room for 4")


def test_a_wrong_colour_names_the_colour() -> None:
    check = _failed("color-apple", "color", "dominant #2A9D8F", ["apples"])
    required = RequiredColor(id="color-apple", target="objects", subject="apple", color="#D62828", source=_SPAN)
    assert _fix(check, _plan(_APPLES), required) == "colour the apples #D62828"


def test_a_misplaced_subject_is_moved_into_its_region_or_relation() -> None:
    check = _failed("position-1", "position", "centre at (900, 900)", ["logo"])
    region = RequiredPosition(id="position-1", subject_kind="text", subject="logo", region="top-left", source=_SPAN)
    relation = RequiredPosition(
        id="position-1", subject_kind="text", subject="date", relation="below", reference="OPEN", source=_SPAN
    )
    assert _fix(check, _plan(), region) == "move 'logo' into the top-left region"
    assert _fix(check, _plan(), relation) == "move 'date' below 'OPEN'"


def test_a_clause_not_planned_is_asked_to_be_carried() -> None:
    check = _failed("coverage-1", "coverage", "not planned: no element", []).model_copy(
        update={"expected": "planned: free parking"}
    )
    assert _fix(check, _plan()) == "add a text element carrying 'free parking', or the element that draws it"


def test_passed_checks_and_checks_a_contradiction_names_get_no_fix() -> None:
    passed = ConstraintCheck(constraint_id="text-1", kind="text", passed=True, expected="x", measured="y")
    named = _failed("position-1", "position", "centre at (1, 1)", [])
    contradiction = ConstraintCheck(
        constraint_id="contradiction-1", kind="contradiction", status="failed", expected="x", measured="y",
        conflicts=["position-1", "position-2"],
    )  # fmt: skip
    region = RequiredPosition(id="position-1", subject_kind="text", subject="logo", region="top", source=_SPAN)
    constraints = Constraints(brief="a test brief", items=[region])
    fixed = with_fixes([passed, named, contradiction], _plan(), constraints)
    assert [c.fix for c in fixed] == ["", "", ""]


def test_a_lint_finding_ends_with_its_fix() -> None:
    finding = LintFinding(code="off_canvas", element_id="hours", message="'hours' runs 40 px past the right edge")
    [fixed] = lint_with_fixes([finding])
    assert fixed.message == (
        "'hours' runs 40 px past the right edge — fix: move 'hours' inside the canvas, within its margins"
    )
