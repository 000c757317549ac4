"""Controls are drawn in their state inside their box, buttons take their variant's look, and the SVG holds both."""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

from tessera.contract import (
    Box,
    Canvas,
    ControlElement,
    Frame,
    LayoutPlan,
    SolidBackground,
    TextElement,
    hex_to_rgb,
)
from tessera.renderer import PlanRenderer

ACCENT = "#2563EB"
BOX = Box(x=100, y=100, w=88, h=48)
Kind = Literal["toggle", "checkbox", "radio", "progress", "slider"]


def _pixels(renderer: PlanRenderer, *controls: ControlElement, svg: bool = False) -> tuple[NDArray[np.int16], str]:
    plan = LayoutPlan(canvas=Canvas(width=512, height=512), background=SolidBackground(color="#FFFFFF"),
                      elements=list(controls))  # fmt: skip
    result = renderer.render(plan, svg=svg)
    return np.asarray(result.image.convert("RGB")).astype(np.int16), result.svg or ""


def _accent_share(pixels: NDArray[np.int16], box: Box, color: str = ACCENT) -> float:
    patch = pixels[box.y : box.bottom, box.x : box.right]
    return float((np.abs(patch - np.array(hex_to_rgb(color))).max(axis=-1) < 24).mean())


def _control(control: Kind, value: float, box: Box = BOX) -> ControlElement:
    return ControlElement(id="c", control=control, value=value, color=ACCENT, box=box)


def test_a_toggle_that_is_on_fills_its_track_with_the_accent_and_one_that_is_off_shows_none(
    renderer: PlanRenderer,
) -> None:
    on, _ = _pixels(renderer, _control("toggle", 1))
    off, _ = _pixels(renderer, _control("toggle", 0))
    assert _accent_share(on, BOX) > 0.4
    assert _accent_share(off, BOX) == 0
    # The white knob sits at the right when on, at the left when off.
    middle = BOX.y + BOX.h // 2
    assert (on[middle, BOX.right - 20] > 240).all() and (off[middle, BOX.x + 20] > 240).all()


def test_a_checked_checkbox_is_an_accent_square_with_a_white_mark_and_an_unchecked_one_a_grey_outline(
    renderer: PlanRenderer,
) -> None:
    square = Box(x=100, y=100, w=48, h=48)
    on, _ = _pixels(renderer, _control("checkbox", 1, square))
    off, _ = _pixels(renderer, _control("checkbox", 0, square))
    assert 0.6 < _accent_share(on, square) < 0.95  # the check mark is white
    assert (on[square.y : square.bottom, square.x : square.right] > 240).all(axis=-1).any()
    assert _accent_share(off, square) == 0
    assert (np.abs(off[square.y + 24, square.x + 1] - 0x9A) < 40).all()  # the outline's grey at the left edge


def test_a_radio_that_is_on_has_an_accent_dot_and_one_that_is_off_has_none(renderer: PlanRenderer) -> None:
    square = Box(x=100, y=100, w=48, h=48)
    on, _ = _pixels(renderer, _control("radio", 1, square))
    off, _ = _pixels(renderer, _control("radio", 0, square))
    assert (np.abs(on[124, 124] - np.array(hex_to_rgb(ACCENT))) < 8).all()
    assert (off[124, 124] > 240).all()


def test_a_progress_bar_shows_its_value_as_the_filled_share_of_its_track(renderer: PlanRenderer) -> None:
    bar = Box(x=50, y=100, w=400, h=12)
    pixels, _ = _pixels(renderer, _control("progress", 0.7, bar))
    row = np.abs(pixels[106, bar.x : bar.right] - np.array(hex_to_rgb(ACCENT))).max(axis=-1) < 24
    assert abs(row.mean() - 0.7) < 0.01
    assert not row[300:].any()  # the rest of the track is a pale tint


def test_a_slider_puts_its_knob_at_its_value(renderer: PlanRenderer) -> None:
    bar = Box(x=50, y=100, w=400, h=30)
    pixels, _ = _pixels(renderer, _control("slider", 0.25, bar))
    top_row = np.abs(pixels[103, bar.x : bar.right] - np.array(hex_to_rgb(ACCENT))).max(axis=-1) < 24
    knob = np.nonzero(top_row)[0].mean()
    assert abs(knob - (15 + 0.25 * 370)) < 2


def test_a_control_without_a_colour_takes_the_plans_accent_and_a_bar_fills_its_row() -> None:
    plan = LayoutPlan(
        canvas=Canvas(width=512, height=512),
        background=SolidBackground(color="#FFFFFF"),
        root=Frame(id="root", padding=32, gap=16, children=[
            TextElement(id="title", text="Settings", role="title", color="#7B2FBE"),
            ControlElement(id="bar", control="progress", value=0.5),
            Frame(id="row", layout="row", children=[ControlElement(id="switch", control="toggle", value=1)]),
        ]),
    )  # fmt: skip
    laid = PlanRenderer().render(plan).manifest.plan
    assert laid is not None
    bar, switch = laid.element("bar"), laid.element("switch")
    assert isinstance(bar, ControlElement) and isinstance(switch, ControlElement)
    assert bar.color == switch.color == "#7B2FBE"
    assert bar.placed_box.w == 512 - 64
    assert switch.placed_box.w < 2 * switch.placed_box.h  # a toggle keeps to its size


def _buttons_plan() -> LayoutPlan:
    def button(variant: Literal["primary", "secondary", "ghost"]) -> Frame:
        label = TextElement(id=f"{variant}-label", text=variant.title(), role="label", width="hug")
        return Frame(id=variant, role="button", variant=variant, children=[label])

    return LayoutPlan(
        canvas=Canvas(width=1024, height=512),
        background=SolidBackground(color="#F1F3F7"),
        root=Frame(id="root", layout="row", padding=64, gap=32, align="start", children=[
            TextElement(id="title", text="Plans", role="title", color="#0B6E4F", width="hug"),
            button("primary"), button("secondary"), button("ghost"),
        ]),
    )  # fmt: skip


def test_button_variants_are_filled_outlined_and_bare(renderer: PlanRenderer) -> None:
    laid = renderer.render(_buttons_plan()).manifest.plan
    assert laid is not None
    primary, secondary, ghost = (laid.node(name) for name in ("primary", "secondary", "ghost"))
    assert isinstance(primary, Frame) and isinstance(secondary, Frame) and isinstance(ghost, Frame)
    assert primary.fill == "#0B6E4F" and primary.border is None
    assert secondary.fill == "#FFFFFF" and secondary.border is not None and secondary.border.color == "#0B6E4F"
    assert ghost.fill is None and ghost.border is None
    for quiet in ("secondary", "ghost"):
        label = laid.element(f"{quiet}-label")
        assert isinstance(label, TextElement) and label.color == "#0B6E4F"


def test_a_secondary_button_keeps_a_label_colour_the_plan_chose(renderer: PlanRenderer) -> None:
    plan = _buttons_plan()
    label = plan.element("secondary-label")
    chosen = plan.with_elements([label.model_copy(update={"color": "#333333"}) if e.id == label.id else e
                                 for e in plan.elements])  # fmt: skip
    laid = renderer.render(chosen).manifest.plan
    assert laid is not None
    kept = laid.element("secondary-label")
    assert isinstance(kept, TextElement) and kept.color == "#333333"


def test_the_svg_draws_each_control_as_vector_shapes(renderer: PlanRenderer) -> None:
    _, svg = _pixels(renderer, _control("toggle", 1), svg=True)
    assert 'data-node="c"' in svg
    group = svg[svg.index('data-node="c"') :]
    assert "<rect" in group and "<circle" in group and ACCENT in group
    assert "<image" not in group
