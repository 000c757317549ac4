"""A container with a role shows its own look: its fill or border on the band inside its edge."""

from __future__ import annotations

from PIL import Image, ImageDraw

from tessera.contract import Box, ConstraintCheck, Constraints, LayoutPlan, TextElement
from tessera.verifier import RenderVerifier

BUTTON = Box(x=200, y=300, w=400, h=120)
LABEL = TextElement(id="label", box=Box(x=240, y=330, w=320, h=60), text="Sign up", color="#FFFFFF")


def _plan(**button: object) -> LayoutPlan:
    frame = {"kind": "frame", "id": "cta", "role": "button", "box": BUTTON.model_dump(), **button}
    frame["children"] = [LABEL.model_dump()]
    return LayoutPlan.model_validate(
        {
            "schema_version": 2,
            "canvas": {"width": 800, "height": 600},
            "background": {"kind": "solid", "color": "#FFFFFF"},
            "root": {"kind": "frame", "id": "root", "layout": "stack", "children": [frame]},
        }
    )


def _image(fill: str | None, outline: str | None = None, radius: int = 16) -> Image.Image:
    image = Image.new("RGB", (800, 600), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    corners = (BUTTON.x, BUTTON.y, BUTTON.right - 1, BUTTON.bottom - 1)
    draw.rounded_rectangle(corners, radius=radius, fill=fill, outline=outline, width=2 if outline else 0)
    return image


def _part(plan: LayoutPlan, image: Image.Image) -> ConstraintCheck:
    report = RenderVerifier().verify(image, plan, Constraints(brief="a sign-up button"))
    return next(c for c in report.checks if c.kind == "part")


def test_a_button_drawn_in_its_fill_passes() -> None:
    check = _part(_plan(fill="#1F4FFF", radius=16), _image("#1F4FFF"))
    assert check.passed and check.verified and check.origin == "plan"
    assert check.constraint_id == "cta" and check.box == BUTTON
    assert check.measured == "100% of its edge band shows #1F4FFF"


def test_a_button_whose_fill_was_never_drawn_fails() -> None:
    check = _part(_plan(fill="#1F4FFF", radius=16), _image(None))
    assert not check.passed and check.verified
    assert check.measured == "0% of its edge band shows #1F4FFF"


def test_an_input_is_checked_by_its_border() -> None:
    plan = _plan(fill="#FFFFFF", border={"color": "#333333", "width": 2}, radius=16)
    assert _part(plan, _image("#FFFFFF", outline="#333333")).passed
    assert not _part(plan, _image("#FFFFFF")).passed


def test_a_part_with_no_look_of_its_own_has_no_check_of_its_own_only_its_contents() -> None:
    report = RenderVerifier().verify(_image(None), _plan(), Constraints(brief="a sign-up button"))
    assert [check.kind for check in report.checks] == ["text"]


def test_a_part_with_a_gradient_fill_is_not_verified_never_passed_silently() -> None:
    gradient = {"kind": "linear_gradient", "start": "#1F4FFF", "end": "#7A1FFF"}
    check = _part(_plan(fill=gradient), _image("#1F4FFF"))
    assert check.status == "not_verified"
    assert "gradient fill is not measured" in check.evidence
