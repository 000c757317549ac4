"""The planner and the user's material: where the brief puts each asset, every asset placed (named or not) and
covered, and data files filling the charts and tables the brief asks for."""

from __future__ import annotations

import pytest

from tessera.contract import (
    AssetElement,
    AssetInfo,
    BrandKit,
    Canvas,
    Constraints,
    DataTable,
    RequiredPosition,
    RequiredStructure,
    Supplied,
)
from tessera.planner import RulePlanner, coverage_map, extract_constraints, with_supplied
from tessera.planner._assets import asset_requests

LOGO = AssetInfo(name="logo", width=300, height=100)
PHOTO = AssetInfo(name="product-photo", width=400, height=300, media_type="image/jpeg")
SALES = DataTable(name="sales", header=["region", "sales"], rows=[["North", "120"], ["South", "95"], ["East", "143"]])


def _read(brief: str, **supplied: object) -> Constraints:
    return with_supplied(extract_constraints(brief), Supplied(**supplied))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("brief", "expected"),
    [
        ("A slide titled 'Q3' with our logo top-left", [("logo", "logo", "top-left", "our logo top-left")]),
        ("A flyer with the logo bottom right", [("logo", "logo", "bottom-right", "the logo bottom right")]),
        ("A flyer: the logo in the lower right", [("logo", "logo", "bottom-right", "the logo in the lower right")]),
        ("A poster for 'Acme', with the logo", [("logo", "logo", None, "the logo")]),
        ("A poster with the headline 'SALE'", [("logo", "logo", "bottom-right", None)]),
    ],
)  # fmt: skip
def test_the_brief_says_where_a_logo_goes_or_it_takes_a_corner(
    brief: str, expected: list[tuple[str, str, str | None, str | None]]
) -> None:
    constraints = _read(brief, assets=[LOGO])
    found = [
        (r.name, r.role, r.region, constraints.brief[r.span[0] : r.span[1]] if r.span else None)
        for r in asset_requests(constraints)
    ]
    assert found == expected


def test_a_photo_named_by_its_words_goes_where_they_say_and_each_asset_keeps_its_own_place() -> None:
    brief = "A product page for 'Trail Shoe' with the product photo on the right and our logo top-left"
    constraints = _read(brief, assets=[PHOTO, LOGO])
    requests = {r.name: (r.role, r.region) for r in asset_requests(constraints)}
    assert requests == {"product-photo": ("photo", "right"), "logo": ("logo", "top-left")}


def test_a_brand_logo_is_a_logo_whatever_its_file_was_called() -> None:
    constraints = _read("A poster with the headline 'SALE'", assets=[LOGO], brand=BrandKit(name="Acme", logo="logo"))
    [request] = asset_requests(constraints)
    assert request.role == "logo" and request.span is None


def test_place_words_that_belong_to_the_logo_do_not_move_the_title() -> None:
    constraints = _read("A slide titled 'Quarterly Review' with our logo top-left", assets=[LOGO])
    assert not [i for i in constraints.items if isinstance(i, RequiredPosition) and i.region == "top-left"]


def test_the_rules_plan_places_every_asset_and_the_coverage_map_says_so() -> None:
    constraints = _read("A poster with the headline 'OPEN' and our logo top-left", assets=[LOGO, PHOTO])
    plan = RulePlanner().plan(constraints, Canvas(width=1024, height=1024)).plan
    assert {e.name for e in plan.elements if isinstance(e, AssetElement)} == {"logo", "product-photo"}
    coverage = {e.clause: e for e in coverage_map(constraints, plan)}
    assert coverage["our logo top-left"].status == "planned" and coverage["our logo top-left"].nodes == ["asset-logo"]
    unnamed = coverage["the supplied asset 'product-photo'"]
    assert unnamed.status == "planned" and unnamed.span == (len(constraints.brief), len(constraints.brief))


def test_an_asset_the_plan_leaves_out_is_not_planned_with_the_reason() -> None:
    constraints = _read("A poster with the headline 'OPEN' and our logo top-left", assets=[LOGO])
    plan = RulePlanner().plan(extract_constraints("A poster with the headline 'OPEN'"), Canvas()).plan
    [entry] = [e for e in coverage_map(constraints, plan) if e.clause == "our logo top-left"]
    assert entry.status == "not_planned" and "no asset node draws the supplied image 'logo'" in entry.reason


def test_a_chart_without_figures_takes_them_from_the_data_the_brief_names() -> None:
    costs = DataTable(name="costs", header=["region", "cost"], rows=[["North", "1"]])
    constraints = _read("A slide with a bar chart of sales by region", data=[costs, SALES])
    [chart] = [i for i in constraints.items if isinstance(i, RequiredStructure)]
    assert [(e.label, e.value) for e in chart.items] == [("North", "120"), ("South", "95"), ("East", "143")]
    assert all(e.status == "planned" for e in coverage_map(constraints, RulePlanner().plan(constraints, Canvas()).plan))


def test_with_several_data_files_and_none_named_the_chart_stays_without_figures() -> None:
    costs = DataTable(name="costs", header=["region", "cost"], rows=[["North", "1"]])
    constraints = _read("A slide with a bar chart", data=[costs, SALES])
    [chart] = [i for i in constraints.items if isinstance(i, RequiredStructure)]
    assert chart.items == []


def test_a_table_the_brief_asks_for_takes_every_column() -> None:
    constraints = _read("A report page with a table of the sales", data=[SALES])
    [table] = [i for i in constraints.items if isinstance(i, RequiredStructure)]
    assert table.structure == "table" and table.header == ["region", "sales"]
    assert [(e.label, e.cells) for e in table.items] == [("North", ["120"]), ("South", ["95"]), ("East", ["143"])]


def test_a_column_of_words_is_no_chart_data() -> None:
    words = DataTable(name="notes", header=["region", "note"], rows=[["North", "good"], ["South", "fine"]])
    constraints = _read("A slide with a bar chart of notes", data=[words])
    [chart] = [i for i in constraints.items if isinstance(i, RequiredStructure)]
    assert chart.items == []


def test_template_extras_draw_each_asset_a_template_did_not_use() -> None:
    from tessera.planner._style import style_for
    from tessera.planner._templates import Material, Used, slots_of

    constraints = _read("A poster with the headline 'OPEN' and our logo top-left", assets=[LOGO, PHOTO])
    canvas = Canvas(width=1024, height=1536)
    material = Material(constraints, canvas, style_for(constraints, 0), 0, slots_of(constraints))
    extras = [n for n in material.extras(Used(), 800) if isinstance(n, AssetElement)]
    assert [(a.name, a.box is not None) for a in extras] == [("logo", True), ("product-photo", False)]
    assert extras[0].box is not None and extras[0].box.x < 200 and extras[0].box.y < 200  # the corner asked for
    used = Used(assets={"logo"})
    assert [n.name for n in material.extras(used, 800) if isinstance(n, AssetElement)] == ["product-photo"]
