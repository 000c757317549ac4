"""Charts: every kind draws inside its box in the plan's fonts, and the laid-out plan records each series' colour."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tessera.contract import ChartElement, LayoutPlan, RenderResult, Script, hex_to_rgb
from tessera.renderer import PlanRenderer
from tessera.renderer._fonts import FontBook

KINDS = ["bar", "column", "stacked_bar", "stacked_column", "line", "area", "pie", "donut", "scatter"]
BACKGROUND = "#F7F8FB"


def chart_plan(title_color: str = "#1F4FFF", **chart: Any) -> LayoutPlan:
    """A 1600x900 slide: a title above, the chart filling the rest."""
    fields: dict[str, Any] = {
        "kind": "chart", "id": "chart", "chart": "column", "title": "Revenue 2025",
        "categories": ["North", "South", "East", "West", "Central"],
        "series": [{"name": "Revenue", "values": [42, 55, 30, 71, 48]}],
    }  # fmt: skip
    return LayoutPlan.model_validate({
        "canvas": {"width": 1600, "height": 900},
        "background": {"kind": "solid", "color": BACKGROUND},
        "root": {"kind": "frame", "id": "root", "layout": "column", "padding": 72, "gap": 40, "children": [
            {"kind": "text", "id": "title", "text": "Quarterly revenue", "role": "title", "color": title_color},
            fields | chart,
        ]},
    })  # fmt: skip


def two_series(kind: str) -> dict[str, Any]:
    return {
        "chart": kind,
        "x_values": [1, 2, 3, 4, 5] if kind == "scatter" else None,
        "series": [
            {"name": "Online", "values": [20, 25, 31, 40, 44]},
            {"name": "Retail", "values": [30, 28, 26, 22, 18]},
        ],
    }


def laid_out_chart(result: RenderResult) -> ChartElement:
    assert result.manifest.plan is not None
    chart = result.manifest.plan.element("chart")
    assert isinstance(chart, ChartElement)
    return chart


@pytest.mark.parametrize("kind", KINDS)
def test_every_chart_kind_draws_inside_its_box(renderer: PlanRenderer, kind: str) -> None:
    result = renderer.render(chart_plan(**two_series(kind)))
    chart = laid_out_chart(result)
    box = chart.placed_box
    item = next(item for item in result.manifest.items if item.element_id == "chart")
    assert item.kind == "chart"
    assert item.ink_box is not None and item.ink_box.intersection(box) == item.ink_box
    pixels = np.asarray(result.image, dtype=np.int16)
    inside = pixels[box.y : box.bottom, box.x : box.right]
    painted = np.abs(inside - np.array(hex_to_rgb(BACKGROUND))).max(axis=-1) > 40
    assert 0.005 < painted.mean() < 0.8  # marks and labels, not a blank box and not a filled one
    below = pixels[box.bottom + 2 :]
    assert (np.abs(below - np.array(hex_to_rgb(BACKGROUND))).max(axis=-1) <= 2).all()  # nothing spills out


@pytest.mark.parametrize("kind", ["column", "stacked_bar", "line", "area"])
def test_each_series_is_drawn_in_the_colour_the_laid_out_plan_records(renderer: PlanRenderer, kind: str) -> None:
    result = renderer.render(chart_plan(**two_series(kind)))
    chart = laid_out_chart(result)
    box = chart.placed_box
    inside = np.asarray(result.image, dtype=np.int16)[box.y : box.bottom, box.x : box.right]
    for series in chart.series:
        assert series.color is not None
        exact = (np.abs(inside - np.array(hex_to_rgb(series.color))).max(axis=-1) <= 2).sum()
        assert exact > 500, f"{series.name} is not drawn in {series.color}"


def test_the_first_series_takes_the_title_colour_and_the_next_a_different_hue(renderer: PlanRenderer) -> None:
    chart = laid_out_chart(renderer.render(chart_plan(title_color="#0E7C66", **two_series("column"))))
    first, second = (series.color for series in chart.series)
    assert first == "#0E7C66"
    assert second is not None and second != first


def test_a_series_colour_given_in_the_plan_is_kept(renderer: PlanRenderer) -> None:
    series = [{"name": "Plan", "values": [1, 2, 3, 4, 5], "color": "#AA3377"}, {"name": "Actual", "values": [2] * 5}]
    chart = laid_out_chart(renderer.render(chart_plan(series=series)))
    assert [s.color for s in chart.series][0] == "#AA3377"
    assert chart.series[1].color not in (None, "#AA3377")


@pytest.mark.parametrize(("script", "title", "categories"), [
    ("latin", "Revenue 2025", ["North", "South", "East", "West", "Central"]),
    ("han", "年度收入", ["北部", "南部", "东部", "西部", "中部"]),
])  # fmt: skip
def test_chart_text_is_set_in_the_noto_face_of_its_script(
    renderer: PlanRenderer, script: Script, title: str, categories: list[str]
) -> None:
    result = renderer.render(chart_plan(script=script, title=title, categories=categories))
    item = next(item for item in result.manifest.items if item.element_id == "chart")
    face = FontBook((Path("/usr/share/fonts"),)).text_face(script, "regular")
    assert item.font_file == str(face.path)
    assert item.font_size is not None and item.font_size >= 10


def test_dollar_signs_in_labels_are_drawn_as_written_not_as_maths(renderer: PlanRenderer) -> None:
    result = renderer.render(chart_plan(title="From $5 to $10", unit="$", value_labels=True))
    assert laid_out_chart(result).title == "From $5 to $10"  # mathtext would have raised or eaten the dollars


def test_a_pie_with_several_series_draws_the_first_and_says_so(renderer: PlanRenderer) -> None:
    result = renderer.render(chart_plan(**(two_series("pie") | {"categories": ["A", "B", "C", "D", "E"]})))
    assert any("only its first series" in notice for notice in result.manifest.notices)


def test_a_small_chart_keeps_its_labels_at_ten_pixels_or_more(renderer: PlanRenderer) -> None:
    plan = LayoutPlan.model_validate({
        "canvas": {"width": 320, "height": 240},
        "background": {"kind": "solid", "color": "#FFFFFF"},
        "root": {"kind": "frame", "id": "root", "padding": 8, "children": [
            {"kind": "chart", "id": "chart", "chart": "line", "categories": ["Jan", "Feb", "Mar"],
             "series": [{"name": "Users", "values": [3, 5, 4]}]},
        ]},
    })  # fmt: skip
    item = next(item for item in renderer.render(plan).manifest.items if item.element_id == "chart")
    assert item.font_size == 10


@pytest.mark.parametrize(
    ("unit", "label"),
    [("$", "$1,200"), ("$M", "$1,200M"), ("€k", "€1,200k"), ("%", "1,200%"), ("kg", "1,200 kg"), (None, "1,200")],
)
def test_a_currency_sign_leads_and_the_rest_of_the_unit_follows(unit: str | None, label: str) -> None:
    from tessera.renderer._chart import _format_value

    assert _format_value(1200, unit) == label
