"""Colour checks: background by ΔE, objects and text by dominant hue (lightness for greys), accents by area."""

from __future__ import annotations

import pytest

from tessera.contract import Box, ObjectGroup, RequiredColor, ShapeElement, TextElement


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
