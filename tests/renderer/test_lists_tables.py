"""Lists and tables: expanded into frames and texts before layout, set at one size, markers on the first line,
numbers flush right, and rules, stripes and grid lines painted where the style asks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tessera.contract import (
    Box,
    Frame,
    IconElement,
    LayoutPlan,
    PlanError,
    RenderResult,
    ShapeElement,
    TextElement,
    drawn_parts,
)
from tessera.renderer import PlanRenderer
from tessera.renderer._expand import expand
from tessera.renderer._fonts import FontBook

FONTS = FontBook((Path("/usr/share/fonts"),))
INK = "#1E1E1E"
ACCENT = "#B45309"


def plan_of(*children: dict[str, Any], width: int = 1024, height: int = 1024, **root: Any) -> LayoutPlan:
    return LayoutPlan.model_validate(
        {
            "schema_version": 2,
            "canvas": {"width": width, "height": height},
            "background": {"kind": "solid", "color": "#FFFFFF"},
            "root": {"kind": "frame", "id": "root", "padding": 64, "gap": 32, **root, "children": list(children)},
        }
    )


def a_list(**fields: Any) -> dict[str, Any]:
    return {
        "kind": "list",
        "id": "points",
        "items": ["Plans you can read", "Checked from pixels"],
        "color": INK,
        **fields,
    }


def a_table(**fields: Any) -> dict[str, Any]:
    return {
        "kind": "table",
        "id": "menu",
        "header": ["Drink", "Price"],
        "rows": [["Espresso", "$2.80"], ["Flat white", "$13.90"], ["Cold brew", "$4.20"], ["Tea", "$3"]],
        "color": INK,
        **fields,
    }


def expanded(plan: LayoutPlan, node_id: str) -> Frame:
    node = expand(plan, FONTS).node(node_id)
    assert isinstance(node, Frame)
    return node


def laid_out(result: RenderResult) -> LayoutPlan:
    assert result.manifest.plan is not None
    return result.manifest.plan


def box_of(result: RenderResult, node_id: str) -> Box:
    return laid_out(result).node(node_id).placed_box


def ink_of(result: RenderResult, node_id: str) -> Box:
    item = next(item for item in result.manifest.items if item.element_id == node_id)
    assert item.ink_box is not None
    return item.ink_box


def pixel(result: RenderResult, x: int, y: int) -> tuple[int, int, int]:
    red, green, blue = result.image.getpixel((x, y))
    return red, green, blue


@pytest.fixture(scope="module")
def renderer() -> PlanRenderer:
    return PlanRenderer()


# Expansion ------------------------------------------------------------------------------------------------------


def test_a_list_becomes_a_column_of_item_rows_that_keeps_the_lists_id_and_place() -> None:
    plan = plan_of(a_list(width=600, anchor="right", z=3))
    frame = expanded(plan, "points")
    assert (frame.role, frame.layout, frame.name) == ("list", "column", "list of 2 items")
    assert (frame.width, frame.anchor, frame.z) == (600, "right", 3)
    assert [row.id for row in frame.children] == ["points.1", "points.2"]
    first = frame.children[0]
    assert isinstance(first, Frame) and first.layout == "row"
    slot, text = first.children
    assert isinstance(slot, Frame) and isinstance(text, TextElement)
    assert (text.id, text.text, text.align, text.width) == ("points.1t", "Plans you can read", "left", "fill")
    bullet = slot.children[0]
    assert isinstance(bullet, ShapeElement) and (bullet.id, bullet.shape, bullet.fill) == ("points.1m", "ellipse", INK)


def test_a_numbered_lists_markers_are_texts_counting_from_one_in_the_marker_colour() -> None:
    frame = expanded(plan_of(a_list(marker="number", marker_color=ACCENT)), "points")
    numbers = [row.children[0] for row in frame.children if isinstance(row, Frame)]
    assert all(isinstance(number, TextElement) for number in numbers)
    assert [(n.id, n.text, n.color, n.align) for n in numbers if isinstance(n, TextElement)] == [
        ("points.1m", "1.", ACCENT, "right"),
        ("points.2m", "2.", ACCENT, "right"),
    ]


def test_a_check_list_puts_a_check_icon_before_each_item() -> None:
    frame = expanded(plan_of(a_list(marker="check", marker_color=ACCENT)), "points")
    for number, row in enumerate(frame.children, start=1):
        assert isinstance(row, Frame)
        slot = row.children[0]
        assert isinstance(slot, Frame)
        icon = slot.children[0]
        assert isinstance(icon, IconElement) and (icon.id, icon.name, icon.color) == (
            f"points.{number}m",
            "check",
            ACCENT,
        )


def test_an_icon_list_uses_its_icon_and_refuses_to_guess_one() -> None:
    frame = expanded(plan_of(a_list(marker="icon", icon="star")), "points")
    assert "star" in frame.model_dump_json()
    with pytest.raises(PlanError, match="no icon"):
        expand(plan_of(a_list(marker="icon")), FONTS)


def test_a_right_aligned_list_hangs_its_markers_on_the_right() -> None:
    frame = expanded(plan_of(a_list(align="right")), "points")
    row = frame.children[0]
    assert isinstance(row, Frame) and [child.id for child in row.children] == ["points.1t", "points.1s"]


def test_a_table_becomes_a_grid_of_header_and_body_cells_with_rules_between_rows() -> None:
    table = a_table(rows=[["Espresso", "$2.80"], ["Flat white"]], width=700)
    frame = expanded(plan_of(table), "menu")
    assert (frame.role, frame.layout, frame.name, frame.width) == ("table", "grid", "table 2x2", 700)
    assert frame.columns == ["1fr", "auto"]
    ids = [child.id for child in frame.children]
    assert ids == [
        "menu.h1f",
        "menu.h2f",
        "menu.hl",
        "menu.r1c1f",
        "menu.r1c2f",
        "menu.r1l",
        "menu.r2c1f",
        "menu.r2c2f",
    ]
    texts = {text.id: text for text in expand(plan_of(table), FONTS).texts()}
    assert set(texts) == {"menu.h1", "menu.h2", "menu.r1c1", "menu.r1c2", "menu.r2c1"}
    assert texts["menu.h1"].font_weight == "bold" and texts["menu.r1c1"].font_weight == "regular"
    padded = frame.children[-1]
    assert isinstance(padded, Frame) and padded.children == []  # the short row's missing cell: an empty frame
    rule = frame.children[2]
    assert isinstance(rule, ShapeElement) and (rule.shape, rule.column_span) == ("divider", 2)


def test_number_columns_are_right_aligned_and_text_columns_left_unless_the_plan_says() -> None:
    rows = [["Total Fat", "12g", "18%", "1,284", "−3", "—"], ["Protein", "5 g", "—", "982", "+4", "2 cups"]]
    texts = expand(plan_of(a_table(header=[], rows=rows)), FONTS).texts()
    aligns = {text.id: text.align for text in texts if text.id.startswith("menu.r1")}
    expected = ["left", "right", "right", "right", "right", "left"]  # "2 cups" is not a measure
    assert aligns == {f"menu.r1c{column}": align for column, align in enumerate(expected, start=1)}
    assert expanded(plan_of(a_table(header=[], rows=rows)), "menu").columns == ["1fr", *["auto"] * 5]
    given = expand(plan_of(a_table(column_align=["center", "left"])), FONTS).texts()
    assert {text.align for text in given if text.id.endswith("c2") or text.id == "menu.h2"} == {"left"}


def test_a_table_id_taken_by_another_node_is_refused() -> None:
    plan = plan_of(a_table(), {"kind": "text", "id": "menu.r1c1", "text": "Coffee"})
    with pytest.raises(PlanError, match="'menu.r1c1'"):
        expand(plan, FONTS)


def test_the_largest_table_fits_but_tables_that_overfill_a_plan_are_refused_with_what_to_change() -> None:
    rows = [[f"{row}.{column}" for column in range(12)] for row in range(40)]
    largest = expand(plan_of(a_table(header=[f"h{c}" for c in range(12)], rows=rows)), FONTS)
    assert len(largest.texts()) == 12 * 41
    tables = [a_table(id=f"menu{index}", header=[], rows=rows) for index in range(3)]
    with pytest.raises(PlanError, match=r"table 'menu\d' take the plan past its bounds \(.+\): shorten or split"):
        expand(plan_of(*tables), FONTS)


def test_a_list_nested_too_deep_to_hold_its_rows_is_refused_with_what_to_change() -> None:
    nested: dict[str, Any] = a_list()
    for depth in range(11):
        nested = {"kind": "frame", "id": f"frame-{depth}", "children": [nested]}
    with pytest.raises(PlanError, match="list 'points' take .* nested more than 12 deep .* nest them less deep"):
        expand(plan_of(nested), FONTS)


def test_a_plan_without_lists_or_tables_is_left_as_it_is() -> None:
    plan = plan_of({"kind": "text", "id": "title", "text": "Coffee"})
    assert expand(plan, FONTS) is plan


# Layout and painting --------------------------------------------------------------------------------------------


def test_list_items_are_laid_out_in_order_each_after_its_marker(renderer: PlanRenderer) -> None:
    result = renderer.render(plan_of(a_list(items=["One", "Two", "Three"])))
    tops = [box_of(result, f"points.{n}t").y for n in (1, 2, 3)]
    assert tops == sorted(tops) and len(set(tops)) == 3
    for n in (1, 2, 3):
        marker, text = box_of(result, f"points.{n}m"), box_of(result, f"points.{n}t")
        assert marker.right < text.x
    assert len({box_of(result, f"points.{n}t").x for n in (1, 2, 3)}) == 1


def test_a_bullet_sits_on_the_first_line_of_a_wrapped_item(renderer: PlanRenderer) -> None:
    long_item = "Every string on the canvas is checked by reading it back from the pixels, so nothing ships misspelt"
    result = renderer.render(plan_of(a_list(items=["Short", long_item], width=500)))
    one_line = box_of(result, "points.1m").center[1] - box_of(result, "points.1t").y
    wrapped = box_of(result, "points.2m").center[1] - box_of(result, "points.2t").y
    assert ink_of(result, "points.2t").h > 2 * ink_of(result, "points.1t").h  # it did wrap
    assert abs(wrapped - one_line) <= 1  # beside the first line, as a one-line item's, not the item's middle


def test_a_list_with_a_fixed_box_sets_its_items_inside_it(renderer: PlanRenderer) -> None:
    place = Box(x=300, y=500, w=400, h=300)
    result = renderer.render(plan_of(a_list(box=place.model_dump())))
    assert box_of(result, "points") == place
    assert all(box_of(result, f"points.{n}").intersection(place) == box_of(result, f"points.{n}") for n in (1, 2))


def test_a_bullets_centre_is_on_the_middle_of_the_small_letters(renderer: PlanRenderer) -> None:
    result = renderer.render(plan_of(a_list(items=["xxxx"])))
    ink, bullet = ink_of(result, "points.1t"), box_of(result, "points.1m")
    assert abs(bullet.center[1] - ink.center[1]) <= 1.5


def test_numbers_end_in_one_column_and_every_item_starts_alike(renderer: PlanRenderer) -> None:
    items = [f"Step {n}" for n in range(1, 12)]
    result = renderer.render(plan_of(a_list(items=items, marker="number"), height=1400))
    number_rights = {ink_of(result, f"points.{n}m").right for n in (1, 9, 10, 11)}
    assert max(number_rights) - min(number_rights) <= 1
    assert len({box_of(result, f"points.{n}t").x for n in range(1, 12)}) == 1
    assert all(ink_of(result, f"points.{n}m").right < box_of(result, f"points.{n}t").x for n in range(1, 12))


def test_items_and_their_numbers_share_one_size(renderer: PlanRenderer) -> None:
    items = ["Go", "A much longer item that wraps over more than one line of the narrow list", "Stop"]
    result = renderer.render(plan_of(a_list(items=items, marker="number", width=420)))
    sizes = {text.font_size for text in laid_out(result).texts() if text.id.startswith("points.")}
    assert len(sizes) == 1


def test_a_table_in_a_tall_row_keeps_to_its_rows(renderer: PlanRenderer) -> None:
    tall = {"kind": "shape", "id": "panel", "width": 200, "height": 800, "fill": "#DDDDDD"}
    result = renderer.render(plan_of(a_table(), tall, layout="row"))
    header, rule = box_of(result, "menu.h1f"), box_of(result, "menu.hl")
    assert rule.y == header.bottom  # the rows are not spread over the row's height
    assert box_of(result, "menu").bottom == box_of(result, "menu.r4c1f").bottom < box_of(result, "panel").bottom


def test_number_cells_end_in_one_column_and_text_cells_start_in_one(renderer: PlanRenderer) -> None:
    result = renderer.render(plan_of(a_table()))
    price_rights = [ink_of(result, cell).right for cell in ("menu.h2", "menu.r1c2", "menu.r2c2", "menu.r4c2")]
    assert max(price_rights) - min(price_rights) <= 2
    assert len({box_of(result, cell).x for cell in ("menu.h1", "menu.r1c1", "menu.r2c1", "menu.r4c1")}) == 1
    assert box_of(result, "menu.r1c1").x == box_of(result, "menu").x  # open style: flush with the table's edge


def test_cells_and_the_header_share_one_size(renderer: PlanRenderer) -> None:
    result = renderer.render(plan_of(a_table(rows=[["A rather long description of the drink", "$2.80"]], width=500)))
    sizes = {text.font_size for text in laid_out(result).texts()}
    assert len(sizes) == 1


def test_lines_paint_a_rule_under_the_header_and_between_rows_only(renderer: PlanRenderer) -> None:
    result = renderer.render(plan_of(a_table(rule_color="#FF0000")))
    table = box_of(result, "menu")
    for rule_id in ("menu.hl", "menu.r1l", "menu.r3l"):
        rule = box_of(result, rule_id)
        assert (rule.x, rule.w) == (table.x, table.w)
        across = [
            (pixel(result, table.x + 2, y), pixel(result, table.right - 2, y)) for y in range(rule.y, rule.bottom)
        ]
        assert ((255, 0, 0), (255, 0, 0)) in across, rule_id
    assert laid_out(result).node("menu").model_dump_json().count('"divider"') == 4  # header + between 4 rows


def test_stripes_fill_every_other_row_and_header_fill_the_header(renderer: PlanRenderer) -> None:
    result = renderer.render(plan_of(a_table(style="stripes", rule_color="#00FF00", header_fill="#0000FF")))
    for cell_frame, expected in (
        ("menu.h1f", (0, 0, 255)),
        ("menu.r1c1f", (0, 255, 0)),
        ("menu.r2c2f", (255, 255, 255)),
        ("menu.r3c2f", (0, 255, 0)),
    ):
        cell = box_of(result, cell_frame)
        assert pixel(result, cell.x + 2, cell.y + 2) == expected, cell_frame


def test_grid_draws_a_line_around_every_cell(renderer: PlanRenderer) -> None:
    result = renderer.render(plan_of(a_table(style="grid", rule_color="#FF0000")))
    table, cell = box_of(result, "menu"), box_of(result, "menu.r2c2f")
    middle_x, middle_y = cell.x + cell.w // 2, cell.y + cell.h // 2
    for x, y in ((cell.x, middle_y), (cell.right - 1, middle_y), (middle_x, cell.y), (middle_x, cell.bottom - 1)):
        assert pixel(result, x, y) == (255, 0, 0)
    assert pixel(result, table.x, table.y + table.h // 2) == (255, 0, 0)
    assert pixel(result, middle_x, middle_y - cell.h // 4) != (255, 0, 0)


def test_plain_tables_paint_nothing_but_their_text(renderer: PlanRenderer) -> None:
    result = renderer.render(plan_of(a_table(style="plain", color="#000000")))
    pixels = np.asarray(result.image.convert("RGB"))
    table = box_of(result, "menu")
    region = pixels[table.y : table.bottom, table.x : table.right]
    greys = np.abs(region.astype(int) - region[..., :1].astype(int)).max() == 0
    assert greys  # black text on white: no coloured rule or fill anywhere


def test_drawn_shows_the_table_and_list_as_parts_and_each_cell_and_item_as_text(renderer: PlanRenderer) -> None:
    result = renderer.render(plan_of(a_table(rows=[["Tea", "$3"]]), a_list(items=["Hot", "Cold"])))
    parts = {part.id: part for part in drawn_parts(result.manifest, laid_out(result))}
    assert (parts["menu"].kind, parts["menu"].name, parts["menu"].text) == ("table", "table 1x2", "Drink Price Tea $3")
    assert (parts["points"].kind, parts["points"].text) == ("list", "Hot Cold")
    assert (parts["menu.r1c2"].kind, parts["menu.r1c2"].text) == ("text", "$3")
    assert (parts["points.2t"].kind, parts["points.2t"].text) == ("text", "Cold")
