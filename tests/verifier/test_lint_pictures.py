"""Layout lint with pictures: text set on a picture is the design, text under one is hidden, pictures stay on canvas.

The shared painter draws no pictures, so each test paints a picture's region itself where the pixels matter.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from tessera.contract import Box, PictureElement, ShapeElement, TextElement, VerificationReport

HEADLINE = TextElement(
    id="headline", box=Box(x=64, y=400, w=896, h=160), text="Fresh Daily", font_weight="bold", z=10, color="#111111"
)
BACKDROP = PictureElement(id="photo", box=Box(x=0, y=0, w=1024, h=1024), z=0, prompt="fresh bread")


def _photo_like(image: Image.Image, box: Box, seed: int = 1) -> None:
    """Busy mid-tone noise where a picture would be, as an unknown photo would look to the lint."""
    rng = np.random.default_rng(seed)
    patch = rng.integers(60, 200, size=(box.h, box.w, 3), dtype=np.uint8)
    image.paste(Image.fromarray(patch), (box.x, box.y))


def _lint(verifier, image, plan, constraints_of) -> VerificationReport:
    return verifier.verify(image, plan, constraints_of())


def _codes(report: VerificationReport) -> list[tuple[str, str, str, str | None]]:
    return [(f.code, f.severity, f.element_id, f.other_id) for f in report.lint]


def test_text_on_a_panel_over_a_background_picture_has_no_overlap_finding(
    painter, plan_of, constraints_of, verifier
) -> None:
    panel = ShapeElement(id="headline-panel", box=Box(x=40, y=380, w=944, h=200), z=2, fill="#FFFFFF")
    plan = plan_of([BACKDROP, panel, HEADLINE])
    image = painter.background(plan)
    _photo_like(image, BACKDROP.box)
    painter.shape(image, panel)
    painter.text(image, HEADLINE)
    report = _lint(verifier, image, plan, constraints_of)
    assert report.lint == [], report.lint


def test_text_above_a_region_picture_in_z_is_not_text_overlap(painter, plan_of, constraints_of, verifier) -> None:
    picture = PictureElement(id="lake", box=Box(x=0, y=0, w=1024, h=512), z=2, prompt="a mountain lake")
    text = HEADLINE.model_copy(update={"box": Box(x=64, y=420, w=896, h=160)})
    report = _lint(verifier, painter.render(plan_of([picture, text])), plan_of([picture, text]), constraints_of)
    assert not [f for f in report.lint if f.code == "text_overlap"]


def test_text_under_a_picture_is_hidden_and_an_error(painter, plan_of, constraints_of, verifier) -> None:
    picture = PictureElement(id="lake", box=Box(x=0, y=0, w=1024, h=512), z=20, prompt="a mountain lake")
    text = HEADLINE.model_copy(update={"box": Box(x=64, y=420, w=896, h=160)})
    plan = plan_of([text, picture])
    image = painter.render(plan)
    _photo_like(image, picture.box)
    report = _lint(verifier, image, plan, constraints_of)
    finding = next(f for f in report.lint if f.code == "text_overlap")
    assert (finding.element_id, finding.other_id, finding.severity) == ("headline", "lake", "error")
    assert finding.box == Box(x=64, y=420, w=896, h=92)
    assert "hidden under picture" in finding.message
    assert not report.passed


def test_a_picture_at_the_same_z_drawn_after_the_text_hides_it(painter, plan_of, constraints_of, verifier) -> None:
    picture = PictureElement(id="lake", box=Box(x=0, y=0, w=1024, h=512), z=10, prompt="a mountain lake")
    text = HEADLINE.model_copy(update={"box": Box(x=64, y=420, w=896, h=160)})
    plan = plan_of([text, picture])
    report = _lint(verifier, painter.render(plan), plan, constraints_of)
    assert ("text_overlap", "error", "headline", "lake") in _codes(report)


def test_a_picture_past_the_canvas_edge_is_off_canvas(painter, plan_of, constraints_of, verifier) -> None:
    picture = PictureElement(id="lake", box=Box(x=0, y=-64, w=1024, h=512), z=2, prompt="a mountain lake")
    text = HEADLINE.model_copy(update={"box": Box(x=64, y=600, w=896, h=160)})
    plan = plan_of([picture, text])
    report = _lint(verifier, painter.render(plan), plan, constraints_of)
    assert ("off_canvas", "error", "lake", None) in _codes(report)


def test_a_picture_on_the_canvas_is_not_off_canvas(painter, plan_of, constraints_of, verifier) -> None:
    picture = PictureElement(id="lake", box=Box(x=0, y=0, w=1024, h=512), z=2, prompt="a mountain lake")
    text = HEADLINE.model_copy(update={"box": Box(x=64, y=600, w=896, h=160)})
    plan = plan_of([picture, text])
    report = _lint(verifier, painter.render(plan), plan, constraints_of)
    assert not [f for f in report.lint if f.code == "off_canvas"]
