"""Any canvas from 64 to 3840 px a side, aspect up to 8:1, is planned and drawn at exactly the size asked for."""

from __future__ import annotations

import pytest

from tessera.contract import Canvas, LayoutPlan, RenderResult
from tessera.planner import RulePlanner, extract_constraints
from tessera.renderer import PlanRenderer

BRIEF = "A sign with the headline 'OPEN' and two stars."
SIZES = [(1920, 1080), (1080, 1920), (1080, 1080), (1584, 396), (1000, 1001), (64, 64), (3840, 480), (480, 3840)]


def _plan(width: int, height: int, brief: str = BRIEF) -> LayoutPlan:
    return RulePlanner().plan(extract_constraints(brief), Canvas(width=width, height=height)).plan


@pytest.fixture(scope="module", params=SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def drawn(request: pytest.FixtureRequest, renderer: PlanRenderer) -> tuple[LayoutPlan, RenderResult]:
    plan = _plan(*request.param)
    return plan, renderer.render(plan)


def test_the_image_has_exactly_the_canvas_size(drawn: tuple[LayoutPlan, RenderResult]) -> None:
    plan, result = drawn
    assert result.image.size == (plan.canvas.width, plan.canvas.height)


def test_every_element_is_planned_on_the_canvas(drawn: tuple[LayoutPlan, RenderResult]) -> None:
    plan, _ = drawn
    assert all(element.box.inside(plan.canvas.width, plan.canvas.height) for element in plan.elements)


def test_the_text_fits_its_box(drawn: tuple[LayoutPlan, RenderResult]) -> None:
    _, result = drawn
    assert result.manifest.notices == []
    assert not any(item.clipped for item in result.manifest.items)


@pytest.mark.parametrize("size", [(64, 64), (96, 64), (64, 512)])
def test_a_small_canvas_plans_text_no_smaller_than_the_renderer_sets(size: tuple[int, int]) -> None:
    plan = _plan(*size, brief="A badge with the text 'OK'.")
    result = PlanRenderer().render(plan)
    text = next(item for item in result.manifest.items if item.kind == "text")
    assert text.font_size is not None and text.font_size >= 10
    assert not text.clipped and text.box.inside(*size)  # the ink fits the box, and the box the canvas
