"""Chart checks: a real render's title and labels are read back and its bars, lines and slices measured; a bar
drawn at another value, or a missing title, fails the chart's own check."""

from __future__ import annotations

from typing import Any

import pytest

from tessera.contract import ConstraintCheck, Constraints, LayoutPlan, VerificationReport
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier

VALUES = [42, 55, 30, 71, 48]
CATEGORIES = ["North", "South", "East", "West", "Central"]


@pytest.fixture(scope="module")
def renderer() -> PlanRenderer:
    return PlanRenderer()


def chart_plan(**chart: Any) -> LayoutPlan:
    """A 1600x900 slide: a title above, a chart filling the rest."""
    fields: dict[str, Any] = {
        "kind": "chart", "id": "chart", "chart": "column", "title": "Revenue 2025", "categories": CATEGORIES,
        "series": [{"name": "Revenue", "values": VALUES}], "unit": "$", "value_labels": True,
    }  # fmt: skip
    return LayoutPlan.model_validate({
        "canvas": {"width": 1600, "height": 900},
        "background": {"kind": "solid", "color": "#F7F8FB"},
        "root": {"kind": "frame", "id": "root", "layout": "column", "padding": 72, "gap": 40, "children": [
            {"kind": "text", "id": "title", "text": "Quarterly revenue", "role": "title", "color": "#1F4FFF"},
            fields | chart,
        ]},
    })  # fmt: skip


def verify_drawn(
    renderer: PlanRenderer, verifier: RenderVerifier, plan: LayoutPlan, drawn: LayoutPlan | None = None
) -> VerificationReport:
    """Verify the render of `drawn` (default: `plan`) against `plan` as laid out."""
    laid_out = renderer.render(plan).manifest.plan
    assert laid_out is not None
    image = renderer.render(drawn or plan).image
    return verifier.verify(image, laid_out, Constraints(brief="a chart"))


def plan_fields(plan: LayoutPlan) -> dict[str, Any]:
    """The chart's fields as planned, to draw it again with one of them changed."""
    return plan.element("chart").model_dump(exclude={"kind", "id", "box"}, exclude_none=True)


def chart_check(report: VerificationReport) -> ConstraintCheck:
    return next(check for check in report.checks if check.kind == "chart")


def test_a_rendered_column_chart_passes_with_its_labels_read_and_bars_measured(
    renderer: PlanRenderer, verifier: RenderVerifier
) -> None:
    report = verify_drawn(renderer, verifier, chart_plan())
    check = chart_check(report)
    assert check.passed and check.verified, check.measured
    assert check.origin == "plan" and check.element_ids == ["chart"]
    assert "read 6 of 6 labels" in check.measured
    assert "5 bars measured, all in proportion" in check.measured
    assert report.passed


def test_a_bar_drawn_at_another_value_fails_the_chart_check_alone_and_is_named(
    renderer: PlanRenderer, verifier: RenderVerifier
) -> None:
    changed = [42, 55, 45, 71, 48]  # East drawn at 45 instead of 30
    drawn = chart_plan(series=[{"name": "Revenue", "values": changed}])
    report = verify_drawn(renderer, verifier, chart_plan(), drawn)
    assert [check.kind for check in report.failures()] == ["chart"]
    measured = chart_check(report).measured
    assert "'East' of 'Revenue'" in measured
    assert all(f"'{name}' of" not in measured for name in ("North", "South", "West", "Central"))


def test_a_chart_drawn_without_its_title_fails_and_names_it(renderer: PlanRenderer, verifier: RenderVerifier) -> None:
    report = verify_drawn(renderer, verifier, chart_plan(), chart_plan(title=None))
    check = chart_check(report)
    assert not check.passed and check.verified
    assert "not found: 'Revenue 2025'" in check.measured


def test_a_chart_drawn_without_a_category_label_fails_and_names_it(
    renderer: PlanRenderer, verifier: RenderVerifier
) -> None:
    drawn = chart_plan(categories=["North", "South", "", "West", "Central"])
    check = chart_check(verify_drawn(renderer, verifier, chart_plan(), drawn))
    assert not check.passed
    assert "not found: 'East'" in check.measured


def test_a_stacked_bar_chart_passes_segment_by_segment(renderer: PlanRenderer, verifier: RenderVerifier) -> None:
    series = [{"name": "Online", "values": [20, 25, 31, 40]}, {"name": "Retail", "values": [30, 28, 26, 22]}]
    plan = chart_plan(chart="stacked_bar", categories=["Q1", "Q2", "Q3", "Q4"], series=series, unit="k")
    check = chart_check(verify_drawn(renderer, verifier, plan))
    assert check.passed and check.verified, check.measured
    assert "8 segments measured, all in proportion" in check.measured


def test_a_stacked_segment_drawn_at_another_value_fails(renderer: PlanRenderer, verifier: RenderVerifier) -> None:
    series = [{"name": "Online", "values": [20, 25, 31, 40]}, {"name": "Retail", "values": [30, 28, 26, 22]}]
    plan = chart_plan(chart="stacked_column", categories=["Q1", "Q2", "Q3", "Q4"], series=series, unit="k")
    changed = [series[0], {"name": "Retail", "values": [30, 28, 12, 22]}]
    check = chart_check(verify_drawn(renderer, verifier, plan, chart_plan(**(plan_fields(plan) | {"series": changed}))))
    assert not check.passed
    assert "'Q3' of 'Retail'" in check.measured


def test_a_line_chart_with_two_series_passes(renderer: PlanRenderer, verifier: RenderVerifier) -> None:
    series = [{"name": "Mobile", "values": [12, 15, 19, 24, 28]}, {"name": "Web", "values": [18, 17, 19, 20, 22]}]
    check = chart_check(verify_drawn(renderer, verifier, chart_plan(chart="line", series=series, value_labels=False)))
    assert check.passed and check.verified, check.measured
    assert "in proportion" in check.measured


def test_a_line_drawn_through_other_values_fails(renderer: PlanRenderer, verifier: RenderVerifier) -> None:
    plan = chart_plan(chart="line", value_labels=False)
    drawn = chart_plan(chart="line", value_labels=False, series=[{"name": "Revenue", "values": [42, 55, 70, 71, 48]}])
    check = chart_check(verify_drawn(renderer, verifier, plan, drawn))
    assert not check.passed
    assert "'East' of 'Revenue'" in check.measured


def test_a_donut_passes_slice_by_slice(renderer: PlanRenderer, verifier: RenderVerifier) -> None:
    check = chart_check(verify_drawn(renderer, verifier, chart_plan(chart="donut", unit="%")))
    assert check.passed and check.verified, check.measured
    assert "5 slices measured, all in proportion" in check.measured


def test_a_donut_slice_drawn_at_another_share_fails(renderer: PlanRenderer, verifier: RenderVerifier) -> None:
    drawn = chart_plan(chart="donut", unit="%", series=[{"name": "Revenue", "values": [42, 55, 60, 71, 48]}])
    check = chart_check(verify_drawn(renderer, verifier, chart_plan(chart="donut", unit="%"), drawn))
    assert not check.passed
    assert "'East'" in check.measured


def test_a_scatter_chart_is_not_verified_for_its_points(renderer: PlanRenderer, verifier: RenderVerifier) -> None:
    plan = chart_plan(chart="scatter", categories=[], x_values=[1, 2, 3, 4, 5])
    check = chart_check(verify_drawn(renderer, verifier, plan))
    assert check.status == "not_verified"
    assert "not verified" in check.measured
