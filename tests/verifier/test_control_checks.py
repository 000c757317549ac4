"""Each control's state is measured from the pixels in its box: a bar's filled share, a switch's on or off."""

from __future__ import annotations

from typing import Literal

import pytest
from PIL import Image

from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    ControlElement,
    LayoutPlan,
    SolidBackground,
)
from tessera.contract.fakes import FakeOcrEngine
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier

Kind = Literal["toggle", "checkbox", "radio", "progress", "slider"]
BAR = Box(x=40, y=60, w=400, h=14)
SWITCH = Box(x=40, y=160, w=88, h=48)


@pytest.fixture(scope="module")
def renderer() -> PlanRenderer:
    return PlanRenderer()


def _plan(bar: float, switch: float, bar_kind: Kind = "progress", switch_kind: Kind = "toggle") -> LayoutPlan:
    return LayoutPlan(
        canvas=Canvas(width=512, height=256),
        background=SolidBackground(color="#FFFFFF"),
        elements=[
            ControlElement(id="bar", control=bar_kind, value=bar, box=BAR if bar_kind == "progress" else
                           BAR.model_copy(update={"h": 30})),
            ControlElement(id="switch", control=switch_kind, value=switch, color="#0B6E4F", box=SWITCH),
        ],
    )  # fmt: skip


def _rendered(renderer: PlanRenderer, plan: LayoutPlan) -> tuple[Image.Image, LayoutPlan]:
    result = renderer.render(plan)
    assert result.manifest.plan is not None
    return result.image, result.manifest.plan


def _checks(image: Image.Image, plan: LayoutPlan) -> dict[str, ConstraintCheck]:
    report = RenderVerifier(ocr=FakeOcrEngine()).verify(image, plan, Constraints(brief="a settings card"))
    return {check.constraint_id: check for check in report.checks if check.kind == "part"}


def test_a_progress_bar_drawn_at_its_value_passes_with_the_share_measured(renderer: PlanRenderer) -> None:
    checks = _checks(*_rendered(renderer, _plan(0.7, 1)))
    assert checks["bar"].passed and checks["bar"].verified
    assert checks["bar"].measured == "70% filled"
    assert checks["switch"].passed and checks["switch"].measured.startswith("on")


def test_a_progress_bar_drawn_at_another_value_fails_exactly_its_own_check(renderer: PlanRenderer) -> None:
    image, _ = _rendered(renderer, _plan(0.3, 1))
    _, planned = _rendered(renderer, _plan(0.7, 1))
    checks = _checks(image, planned)
    assert not checks["bar"].passed and checks["bar"].measured == "30% filled"
    assert checks["switch"].passed
    assert [c.constraint_id for c in checks.values() if not c.passed] == ["bar"]


@pytest.mark.parametrize("kind", ["toggle", "checkbox", "radio"])
def test_a_control_drawn_off_fails_against_a_plan_that_says_on(renderer: PlanRenderer, kind: Kind) -> None:
    image, _ = _rendered(renderer, _plan(0.5, 0, switch_kind=kind))
    _, planned = _rendered(renderer, _plan(0.5, 1, switch_kind=kind))
    checks = _checks(image, planned)
    assert not checks["switch"].passed and checks["switch"].measured.startswith("off")
    assert checks["bar"].passed


@pytest.mark.parametrize("value", [0.0, 0.25, 0.8, 1.0])
def test_a_slider_is_read_from_where_its_knob_lies(renderer: PlanRenderer, value: float) -> None:
    checks = _checks(*_rendered(renderer, _plan(value, 1, bar_kind="slider")))
    assert checks["bar"].passed, checks["bar"].measured


def test_a_slider_with_its_knob_elsewhere_fails(renderer: PlanRenderer) -> None:
    image, _ = _rendered(renderer, _plan(0.2, 1, bar_kind="slider"))
    _, planned = _rendered(renderer, _plan(0.6, 1, bar_kind="slider"))
    checks = _checks(image, planned)
    assert not checks["bar"].passed and checks["bar"].measured == "20% filled"
