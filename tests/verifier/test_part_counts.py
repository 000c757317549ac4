"""A brief's count of tiers, steps, icons or rows is checked against the design's own parts, not only object groups.

Real renders (the renderer lays the trees out), checked by the real verifier.
"""

from __future__ import annotations

from typing import Any

import pytest

from tessera.contract import ConstraintCheck, Constraints, LayoutPlan, RequiredCount, SourceSpan
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier

SPAN = SourceSpan(start=0, end=0, quote="a test brief")


def _tier(name: str) -> dict[str, Any]:
    return {
        "kind": "frame", "id": f"tier-{name.lower()}", "role": "card", "name": f"tier {name}", "padding": 24,
        "children": [{"kind": "text", "id": f"{name.lower()}-name", "text": name, "role": "heading"}],
    }  # fmt: skip


def _count(root_children: list[dict[str, Any]], object_class: str, count: int) -> ConstraintCheck:
    plan = LayoutPlan.model_validate(
        {
            "schema_version": 2,
            "canvas": {"width": 1200, "height": 800},
            "background": {"kind": "solid", "color": "#F4F4F4"},
            "root": {
                "kind": "frame",
                "id": "root",
                "layout": "row",
                "padding": 48,
                "gap": 24,
                "children": root_children,
            },
        }  # fmt: skip
    )
    result = PlanRenderer().render(plan)
    assert result.manifest.plan is not None
    constraints = Constraints(
        brief="a test brief",
        items=[RequiredCount(id="count", object_class=object_class, count=count, source=SPAN)],
    )
    report = RenderVerifier().verify(result.image, result.manifest.plan, constraints)
    return next(c for c in report.checks if c.constraint_id == "count")


def test_three_tier_cards_make_three_tiers() -> None:
    check = _count([_tier("Starter"), _tier("Team"), _tier("Business")], "tiers", 3)
    assert check.passed and check.measured == "3 tiers in the plan (parts)"
    assert check.element_ids == ["tier-starter", "tier-team", "tier-business"]


def test_two_tier_cards_for_three_tiers_fail() -> None:
    check = _count([_tier("Starter"), _tier("Team")], "tiers", 3)
    assert not check.passed and check.measured == "2 tiers in the plan (parts)"


@pytest.mark.parametrize(("noun", "count"), [("steps", 4), ("items", 4)])
def test_list_items_count_as_steps_or_items(noun: str, count: int) -> None:
    steps = {"kind": "list", "id": "how", "marker": "number", "items": ["Order", "Pack", "Ship", "Enjoy"]}
    check = _count([steps], noun, count)
    assert check.passed and check.element_ids == ["how.1", "how.2", "how.3", "how.4"]


def test_icons_count_as_icons() -> None:
    icons = [{"kind": "icon", "id": f"i{n}", "name": name} for n, name in enumerate(["rocket", "mail", "user"])]
    assert _count(icons, "icons", 3).passed
    assert not _count(icons, "icons", 4).passed


def test_a_noun_nothing_carries_is_not_in_the_plan() -> None:
    check = _count([_tier("Starter")], "unicorns", 2)
    assert not check.passed and check.measured == "not in plan"


def test_a_word_inside_another_word_does_not_count() -> None:
    frontier = {**_tier("Frontier"), "name": "frontier plan"}
    assert _count([frontier], "tier", 1).measured == "not in plan"


def test_toggles_count_as_toggles_or_switches() -> None:
    toggles = [{"kind": "control", "id": f"t{n}", "control": "toggle", "value": 1} for n in range(3)]
    assert _count(toggles, "toggles", 3).passed
    assert _count(toggles, "switches", 3).passed
    assert not _count(toggles, "sliders", 3).passed
