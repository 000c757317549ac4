"""Every cell of a table and every item of a list is read back as its own check, from real renders and real OCR:
a cell or an item painted with another string fails its own check and nothing else."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image

from tessera.contract import Constraints, LayoutPlan, VerificationReport
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier

HEADER = ["Drink", "Small", "Large"]
ROWS = [["Espresso", "$2.80", "$3.40"], ["Flat white", "$3.90", "$4.60"], ["Cold brew", "$4.20", "$5.10"]]
ITEMS = ["Unlimited projects", "Shared workspaces", "Priority support"]


def plan_of(*children: dict[str, Any]) -> LayoutPlan:
    return LayoutPlan.model_validate(
        {
            "schema_version": 2,
            "canvas": {"width": 1024, "height": 768},
            "background": {"kind": "solid", "color": "#FFFFFF"},
            "root": {"kind": "frame", "id": "root", "padding": 64, "gap": 48, "children": list(children)},
        }
    )


def price_table(rows: list[list[str]] = ROWS, style: str = "lines") -> dict[str, Any]:
    return {"kind": "table", "id": "prices", "header": HEADER, "rows": rows, "style": style, "color": "#3F2A1D"}


def feature_list(items: list[str] = ITEMS) -> dict[str, Any]:
    return {"kind": "list", "id": "features", "items": items, "marker": "number", "marker_color": "#B45309"}


@pytest.fixture(scope="module")
def renderer() -> PlanRenderer:
    return PlanRenderer()


def rendered(renderer: PlanRenderer, plan: LayoutPlan) -> tuple[Image.Image, LayoutPlan]:
    result = renderer.render(plan)
    assert result.manifest.plan is not None
    return result.image, result.manifest.plan


def verified(verifier: RenderVerifier, image: Image.Image, laid_out: LayoutPlan) -> VerificationReport:
    return verifier.verify(image, laid_out, Constraints(brief="a coffee menu"))


def painted_instead(renderer: PlanRenderer, planned: LayoutPlan, painted: LayoutPlan, node_id: str) -> Image.Image:
    """The image of `painted`, which must lay `node_id` out exactly where `planned` does."""
    image, painted_layout = rendered(renderer, painted)
    _, planned_layout = rendered(renderer, planned)
    assert painted_layout.node(node_id).box == planned_layout.node(node_id).box
    return image


def test_every_cell_of_a_rendered_table_is_its_own_passing_text_check(
    renderer: PlanRenderer, verifier: RenderVerifier
) -> None:
    image, laid_out = rendered(renderer, plan_of(price_table(style="grid")))
    report = verified(verifier, image, laid_out)
    texts = {check.constraint_id: check for check in report.checks if check.kind == "text"}
    cells = {f"prices.h{c}" for c in (1, 2, 3)} | {f"prices.r{r}c{c}" for r in (1, 2, 3) for c in (1, 2, 3)}
    assert set(texts) == cells
    assert all(check.passed and check.verified and check.origin == "plan" for check in texts.values())
    (table,) = [check for check in report.checks if check.kind == "part"]
    assert table.constraint_id == "prices" and table.passed and table.verified  # its grid's outer line was seen


def test_a_cell_painted_with_another_price_fails_exactly_its_own_check(
    renderer: PlanRenderer, verifier: RenderVerifier
) -> None:
    wrong = [row.copy() for row in ROWS]
    wrong[1][2] = "$4.80"
    planned = plan_of(price_table(style="stripes"))
    image = painted_instead(renderer, planned, plan_of(price_table(wrong, style="stripes")), "prices.r2c3")
    report = verified(verifier, image, rendered(renderer, planned)[1])
    failed = [check for check in report.checks if check.failed]
    assert [check.constraint_id for check in failed] == ["prices.r2c3"]
    assert "4.80" in failed[0].measured


def test_a_list_item_painted_with_another_string_fails_exactly_its_own_check(
    renderer: PlanRenderer, verifier: RenderVerifier
) -> None:
    planned = plan_of(feature_list())
    painted = plan_of(feature_list([ITEMS[0], "Shared workplaces", ITEMS[2]]))
    image = painted_instead(renderer, planned, painted, "features.2t")
    report = verified(verifier, image, rendered(renderer, planned)[1])
    assert [check.constraint_id for check in report.checks if check.failed] == ["features.2t"]
    numbers = [check for check in report.checks if check.constraint_id.endswith("m")]
    assert [check.constraint_id for check in numbers] == ["features.1m", "features.2m", "features.3m"]
    assert all(check.passed for check in numbers)
