"""Layout lint: each finding fires on a crafted layout and stays quiet on a clean one."""

from __future__ import annotations

from tessera.contract import Box, ObjectGroup, ShapeElement, TextElement, VerificationReport

HEADLINE = TextElement(id="headline", box=Box(x=64, y=64, w=896, h=160), text="Grand Opening", font_weight="bold", z=10)


def _lint(verifier, painter, plan, constraints_of) -> VerificationReport:
    return verifier.verify(painter.render(plan), plan, constraints_of())


def _codes(report: VerificationReport) -> list[tuple[str, str, str]]:
    return [(f.code, f.severity, f.element_id) for f in report.lint]


def test_a_clean_layout_with_a_panel_under_the_text_has_no_findings(painter, plan_of, constraints_of, verifier) -> None:
    panel = ShapeElement(id="panel", box=Box(x=32, y=40, w=960, h=210), z=1, fill="#264653")
    text = HEADLINE.model_copy(update={"color": "#ffffff"})
    group = ObjectGroup(id="g", box=Box(x=64, y=400, w=896, h=240), object_class="star", count=3)
    report = _lint(verifier, painter, plan_of([panel, text, group]), constraints_of)
    assert report.lint == []
    assert report.passed


def test_text_overlapped_by_an_object_group_is_an_error(painter, plan_of, constraints_of, verifier) -> None:
    group = ObjectGroup(id="g", box=Box(x=600, y=100, w=300, h=300), object_class="star", count=1)
    report = _lint(verifier, painter, plan_of([HEADLINE, group]), constraints_of)
    finding = next(f for f in report.lint if f.code == "text_overlap")
    assert (finding.element_id, finding.other_id, finding.severity) == ("headline", "g", "error")
    assert finding.box == Box(x=600, y=100, w=300, h=124)
    assert not report.passed


def test_text_under_a_higher_shape_is_an_error(painter, plan_of, constraints_of, verifier) -> None:
    cover = ShapeElement(id="sticker", box=Box(x=800, y=40, w=180, h=120), z=20, fill="#e63946")
    report = _lint(verifier, painter, plan_of([HEADLINE, cover]), constraints_of)
    assert ("text_overlap", "error", "headline") in _codes(report)


def test_boxes_past_the_canvas_edge_are_off_canvas(painter, plan_of, constraints_of, verifier) -> None:
    text = HEADLINE.model_copy(update={"box": Box(x=400, y=64, w=896, h=160)})
    group = ObjectGroup(id="g", box=Box(x=64, y=900, w=400, h=200), object_class="star", count=2)
    codes = _codes(_lint(verifier, painter, plan_of([text, group]), constraints_of))
    assert ("off_canvas", "error", "headline") in codes
    assert ("off_canvas", "error", "g") in codes


def test_text_drawn_bigger_than_its_box_is_clipped(painter, plan_of, constraints_of, verifier, save_sample) -> None:
    planned = TextElement(
        id="t", box=Box(x=262, y=400, w=500, h=90), text="Grand Opening Sale", font_size=96, font_weight="bold"
    )
    plan = plan_of([planned])
    image = painter.render(plan)
    save_sample(image)
    report = verifier.verify(image, plan, constraints_of())
    assert ("text_clipped", "error", "t") in _codes(report)


def test_text_that_fits_its_box_is_not_clipped(painter, plan_of, constraints_of, verifier) -> None:
    plan = plan_of(
        [TextElement(id="t", box=Box(x=112, y=400, w=800, h=120), text="Grand Opening Sale", font_weight="bold")]
    )
    assert "text_clipped" not in [f.code for f in _lint(verifier, painter, plan, constraints_of).lint]


def test_a_rule_just_below_a_text_box_is_not_taken_for_its_overflowing_ink(
    painter, plan_of, constraints_of, verifier
) -> None:
    text = TextElement(id="t", box=Box(x=112, y=400, w=800, h=120), text="Grand Opening Sale", font_weight="bold")
    rule = ShapeElement(id="rule", box=Box(x=440, y=528, w=144, h=6), fill="#111111")
    assert "text_clipped" not in [f.code for f in _lint(verifier, painter, plan_of([text, rule]), constraints_of).lint]


def test_contrast_below_three_is_an_error_and_below_four_and_a_half_a_warning(
    painter, plan_of, constraints_of, verifier
) -> None:
    faint = HEADLINE.model_copy(update={"color": "#c8c8c8"})  # about 1.6:1 on white
    middling = TextElement(
        id="sub", box=Box(x=64, y=400, w=896, h=120), text="Saturday", color="#7a7a7a"
    )  # about 4.3:1
    report = _lint(verifier, painter, plan_of([faint, middling], background="#ffffff"), constraints_of)
    assert ("low_contrast", "error", "headline") in _codes(report)
    assert ("low_contrast", "warning", "sub") in _codes(report)
    warning = next(f for f in report.lint if f.element_id == "sub")
    assert "contrast 4." in warning.message


def test_overlapping_object_groups_are_an_error(painter, plan_of, constraints_of, verifier) -> None:
    a = ObjectGroup(id="cats", box=Box(x=64, y=400, w=500, h=300), object_class="cat", count=2)
    b = ObjectGroup(id="cars", box=Box(x=400, y=500, w=500, h=300), object_class="car", count=2)
    report = _lint(verifier, painter, plan_of([a, b]), constraints_of)
    assert [(f.code, f.element_id, f.other_id) for f in report.lint] == [("object_overlap", "cats", "cars")]
