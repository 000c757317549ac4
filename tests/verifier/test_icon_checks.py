"""Icons and QR codes are checked from the pixels: an icon against the set's own drawing of it in its square, a QR
code by decoding it. A render is verified against the laid-out plan it should show."""

from __future__ import annotations

import pytest
from PIL import Image

from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    Element,
    IconElement,
    LayoutPlan,
    QrElement,
    SolidBackground,
)
from tessera.contract.fakes import FakeOcrEngine
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier

LEFT = Box(x=64, y=64, w=128, h=128)
RIGHT = Box(x=320, y=64, w=128, h=128)
CODE = Box(x=64, y=256, w=192, h=192)


@pytest.fixture(scope="module")
def renderer() -> PlanRenderer:
    return PlanRenderer()


def _plan(*elements: Element, background: str = "#F4F1EA") -> LayoutPlan:
    return LayoutPlan(
        canvas=Canvas(width=512, height=512), background=SolidBackground(color=background), elements=list(elements)
    )


def _rendered(renderer: PlanRenderer, plan: LayoutPlan) -> tuple[Image.Image, LayoutPlan]:
    result = renderer.render(plan)
    assert result.manifest.plan is not None
    return result.image, result.manifest.plan


def _checks(image: Image.Image, laid: LayoutPlan) -> dict[str, ConstraintCheck]:
    report = RenderVerifier(ocr=FakeOcrEngine()).verify(image, laid, Constraints(brief="icons"))
    return {check.constraint_id: check for check in report.checks if check.kind in ("icon", "qr")}


def _icon(element_id: str, name: str, box: Box, color: str = "#1F4FFF") -> IconElement:
    return IconElement(id=element_id, name=name, color=color, box=box)


def test_a_rendered_icon_passes_its_check(renderer: PlanRenderer) -> None:
    image, laid = _rendered(renderer, _plan(_icon("cart", "shopping-cart", LEFT)))
    check = _checks(image, laid)["cart"]
    assert check.passed and check.verified and check.origin == "plan"
    assert "IoU 1.00" in check.measured


def test_a_missing_icon_fails_only_its_own_check(renderer: PlanRenderer) -> None:
    _, laid = _rendered(renderer, _plan(_icon("mail", "mail", LEFT), _icon("heart", "heart", RIGHT)))
    without_heart, _ = _rendered(renderer, _plan(_icon("mail", "mail", LEFT)))
    checks = _checks(without_heart, laid)
    assert checks["mail"].passed
    assert not checks["heart"].passed and "IoU 0.00" in checks["heart"].measured


@pytest.mark.parametrize(
    ("planned", "drawn"), [("calendar", "user"), ("circle-check", "circle-x"), ("circle", "circle-dot")]
)
def test_a_different_icon_in_its_place_fails(renderer: PlanRenderer, planned: str, drawn: str) -> None:
    _, laid = _rendered(renderer, _plan(_icon("mark", planned, LEFT)))
    image, _ = _rendered(renderer, _plan(_icon("mark", drawn, LEFT)))
    assert not _checks(image, laid)["mark"].passed


def test_an_icon_the_set_lacks_fails_naming_close_names(renderer: PlanRenderer) -> None:
    image, laid = _rendered(renderer, _plan(_icon("when", "calender", LEFT)))
    check = _checks(image, laid)["when"]
    assert not check.passed
    assert check.measured == "icon 'calender' is not in the set" and "'calendar'" in check.evidence


def test_an_icon_in_the_colour_of_its_background_fails(renderer: PlanRenderer) -> None:
    image, laid = _rendered(renderer, _plan(_icon("ghost", "ghost", LEFT, color="#F4F1EA")))
    check = _checks(image, laid)["ghost"]
    assert not check.passed and "does not stand out" in check.measured


def test_a_qr_code_that_decodes_to_its_data_passes(renderer: PlanRenderer) -> None:
    image, laid = _rendered(renderer, _plan(QrElement(id="link", data="https://example.org/a", box=CODE)))
    check = _checks(image, laid)["link"]
    assert check.passed and check.measured == "decoded 'https://example.org/a'"


def test_a_qr_code_with_other_data_fails(renderer: PlanRenderer) -> None:
    _, laid = _rendered(renderer, _plan(QrElement(id="link", data="https://example.org/a", box=CODE)))
    image, _ = _rendered(renderer, _plan(QrElement(id="link", data="https://example.org/b", box=CODE)))
    check = _checks(image, laid)["link"]
    assert not check.passed and "'https://example.org/b'" in check.measured


def test_a_missing_qr_code_fails(renderer: PlanRenderer) -> None:
    _, laid = _rendered(renderer, _plan(QrElement(id="link", data="https://example.org/a", box=CODE)))
    image, _ = _rendered(renderer, _plan(_icon("mail", "mail", LEFT)))
    check = _checks(image, laid)["link"]
    assert not check.passed and check.measured == "no QR code could be decoded there"


def test_a_light_on_dark_qr_code_is_read_too(renderer: PlanRenderer) -> None:
    code = QrElement(id="link", data="Café ☕", color="#FFFFFF", background="#1B2A41", box=CODE)
    image, laid = _rendered(renderer, _plan(code))
    assert _checks(image, laid)["link"].passed
