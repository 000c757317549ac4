"""Colour checks: background by ΔE, objects by each instance's own dominant hue, text by its ink (lightness for
greys), accents by area; each carries the colour it measured."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from tessera.contract import Box, ObjectGroup, RequiredColor, ShapeElement, TextElement
from tessera.renderer import PlanRenderer
from tessera.verifier._color import colour_word


def _color_check(verifier, painter, plan, constraints_of, constraint):
    return verifier.verify(painter.render(plan), plan, constraints_of(constraint)).checks[0]


@pytest.mark.parametrize(
    ("background", "target", "passes"),
    [
        ("#1e5aa8", "#1e5aa8", True),
        (("#1e5aa8", "#1b5197"), "#1e5aa8", True),  # a gradient to a 10% darker shade is still that colour
        (("#ffffff", "#1e5aa8"), "#1e5aa8", False),  # mostly lighter than the target
        ("#c0392b", "#1e5aa8", False),
        ("#f7f7f2", "#ffffff", True),  # off-white reads as white
    ],
    ids=["solid", "darker-gradient", "white-to-blue", "red", "off-white"],
)
def test_background_colour(background, target, passes, painter, plan_of, constraints_of, span, verifier) -> None:
    plan = plan_of(
        [TextElement(id="t", box=Box(x=64, y=64, w=896, h=160), text="Sale", color="#ffffff")], background=background
    )
    check = _color_check(
        verifier, painter, plan, constraints_of, RequiredColor(id="c", target="background", color=target, source=span)
    )
    assert check.passed is passes, check.evidence
    assert check.measured.startswith("#")
    assert "ΔE" in check.measured


@pytest.mark.parametrize(
    ("sprite", "target", "passes"),
    [("balloon", "#e53935", True), ("apple", "#d62828", True), ("tree", "#2e7d32", True), ("balloon", "#2e7d32", False),
     ("tree", "#1565c0", False), ("balloon", "#ffffff", False)],
    ids=["red-balloons", "red-apples", "green-trees", "balloons-not-green", "trees-not-blue", "balloons-not-white"],
)  # fmt: skip
def test_object_colour_is_the_dominant_colour_of_the_counted_instances(
    sprite, target, passes, painter, plan_of, constraints_of, span, verifier
) -> None:
    plan = plan_of([ObjectGroup(id="g", box=Box(x=64, y=360, w=896, h=300), object_class=sprite, count=4)])
    check = _color_check(
        verifier,
        painter,
        plan,
        constraints_of,
        RequiredColor(id="c", target="objects", subject=f"{sprite}s", color=target, source=span),
    )
    assert check.passed is passes, check.evidence
    assert check.element_ids == ["g"]


@pytest.mark.parametrize(
    ("ink", "target", "passes"),
    [("#c1121f", "#e63946", True), ("#ffd60a", "#ffc300", True), ("#1a1a1a", "#000000", True),
     ("#c1121f", "#1d3557", False),
     ("#1a1a1a", "#ffffff", False)],
    ids=["red", "gold", "black", "red-not-navy", "black-not-white"],
)  # fmt: skip
def test_text_colour_is_the_measured_ink(ink, target, passes, painter, plan_of, constraints_of, span, verifier) -> None:
    background = "#1d3557" if ink == "#ffd60a" else "#f4efe6"
    plan = plan_of(
        [TextElement(id="t", box=Box(x=64, y=64, w=896, h=160), text="Summer Sale", font_weight="bold", color=ink)],
        background=background,
    )
    check = _color_check(
        verifier,
        painter,
        plan,
        constraints_of,
        RequiredColor(id="c", target="text", subject="Summer Sale", color=target, source=span),
    )
    assert check.passed is passes, check.evidence


def test_an_accent_colour_is_found_in_a_panel(painter, plan_of, constraints_of, span, verifier) -> None:
    plan = plan_of([ShapeElement(id="badge", box=Box(x=700, y=80, w=240, h=120), fill="#ff6b00")])
    assert _color_check(
        verifier, painter, plan, constraints_of, RequiredColor(id="c", target="accent", color="#ff6f0a", source=span)
    ).passed
    assert not _color_check(
        verifier, painter, plan, constraints_of, RequiredColor(id="c", target="accent", color="#7b2cbf", source=span)
    ).passed


def _rendered_apples(plan_of):  # type: ignore[no-untyped-def]
    """Four red apple sprites drawn by the real renderer in a row: the image and the plan as laid out."""
    group = ObjectGroup(id="g", box=Box(x=64, y=360, w=896, h=300), object_class="apple", count=4)
    result = PlanRenderer().render(plan_of([group]))
    return result.image.convert("RGB"), result.manifest.plan, result.manifest.items[0].instance_boxes


def _turn_green(image: Image.Image, box: Box, share: float = 1.0) -> None:
    """Rotate the hue of the top `share` of `box` by 120°: red turns green, the pale ground stays pale."""
    rect = (box.x, box.y, box.right, box.y + round(share * box.h))
    hsv = np.asarray(image.crop(rect).convert("HSV")).copy()
    hsv[..., 0] = (hsv[..., 0].astype(int) + 85) % 256
    image.paste(Image.fromarray(hsv, "HSV").convert("RGB"), rect[:2])


def _red_apples(constraints_of, span):  # type: ignore[no-untyped-def]
    return constraints_of(RequiredColor(id="c", target="objects", subject="apples", color="#d62828", source=span))


def test_each_instance_is_measured_on_its_own_and_one_recoloured_fails_by_name(
    plan_of, constraints_of, span, verifier
) -> None:  # type: ignore[no-untyped-def]
    image, plan, drawn = _rendered_apples(plan_of)
    right = verifier.verify(image, plan, _red_apples(constraints_of, span)).checks[0]
    assert right.passed, right.evidence
    assert right.measured.startswith("4 of 4 instance(s) red")
    _turn_green(image, drawn[1])
    check = verifier.verify(image, plan, _red_apples(constraints_of, span)).checks[0]
    assert check.status == "failed"
    assert check.measured.startswith("3 of 4 instance(s) red")
    assert "instance 2 at (" in check.evidence and "is mostly green" in check.evidence
    assert "instance 1 at" not in check.evidence
    assert colour_word(check.measured_color or "") == "green"
    assert len(check.instances) == 4


def test_a_sprite_whose_own_colour_is_mostly_another_fails(plan_of, constraints_of, span, verifier) -> None:  # type: ignore[no-untyped-def]
    image, plan, drawn = _rendered_apples(plan_of)
    _turn_green(image, drawn[0], share=0.7)  # a red cap is left: red in it, but mostly green
    check = verifier.verify(image, plan, _red_apples(constraints_of, span)).checks[0]
    assert check.status == "failed", check.evidence
    assert "instance 1 at (" in check.evidence and "is mostly green" in check.evidence


def test_text_and_background_colour_checks_carry_the_measured_colour(
    painter, plan_of, constraints_of, span, verifier
) -> None:  # type: ignore[no-untyped-def]
    text = TextElement(
        id="t", box=Box(x=64, y=64, w=896, h=160), text="Summer Sale", font_weight="bold", color="#c1121f"
    )
    plan = plan_of([text], background="#1d3557")
    ink = RequiredColor(id="ink", target="text", subject="Summer Sale", color="#e63946", source=span)
    ground = RequiredColor(id="ground", target="background", color="#1d3557", source=span)
    checks = verifier.verify(painter.render(plan), plan, constraints_of(ink, ground)).checks
    assert colour_word(checks[0].measured_color or "") == "red" and len(checks[0].instances) == 1
    assert checks[1].measured_color is not None and colour_word(checks[1].measured_color) == "blue"
