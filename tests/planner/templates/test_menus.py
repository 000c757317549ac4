"""The menu templates: the venue's name on top, each section its heading and its dishes with the prices
right-aligned in one column; one column on a tall page, two columns of sections on a wide one; type set large
enough that a short menu does not leave the page empty; nothing made up."""

from __future__ import annotations

from tessera.contract import Frame, RequiredStructure, StructureItem, TableElement, TextElement
from tessera.planner._templates import Material
from tessera.planner._templates._menus import Columns, OneColumn
from tests.planner.templates._print_helpers import brief_strings, material_for, material_of, node, texts, walk

CAFE = "A cafe menu titled 'Luigi's': Margherita $12, Pepperoni $14, Veggie $13"
LONG = (
    "A cafe menu titled 'Bean There': Espresso $3, Latte $4, Cappuccino $4, Mocha $5, Tea $3, Chai $4, "
    "Cocoa $4, Juice $5"
)


def _sectioned(canvas: tuple[int, int]) -> Material:
    """A menu of three sections, as the reader gives "Starters: ...; Mains: ...; Desserts: ..."."""
    material = material_for("A restaurant menu titled 'The Copper Kettle'", canvas=canvas, kind="menu")
    sections = [
        ("Starters", [("Soup", "$6"), ("Salad", "$7")]),
        ("Mains", [("Steak", "$24"), ("Salmon", "$21"), ("Risotto", "$17")]),
        ("Desserts", [("Tart", "$8")]),
    ]
    items = list(material.constraints.items)
    for n, (title, dishes) in enumerate(sections, start=1):
        source = items[0].source
        entries = [StructureItem(label=label, value=value) for label, value in dishes]
        items.append(
            RequiredStructure(id=f"structure-{n}", structure="prices", title=title, items=entries, source=source)
        )
    constraints = material.constraints.model_copy(update={"items": items})
    return material_of(constraints, canvas=canvas)


def _tables(root: Frame) -> list[TableElement]:
    return [n for n in walk(root) if isinstance(n, TableElement)]


def test_prices_are_one_right_aligned_column_beside_the_dishes() -> None:
    design = OneColumn().compose(material_for(CAFE))
    (table,) = _tables(design.root)
    assert table.rows == [["Margherita", "$12"], ["Pepperoni", "$14"], ["Veggie", "$13"]]
    assert (table.column_align, table.width) == (["left", "right"], "fill")


def test_the_venue_heads_the_menu_and_nothing_is_made_up() -> None:
    material = material_for(CAFE)
    design = OneColumn().compose(material)
    title = node(design.root, "title")
    assert isinstance(title, TextElement) and (title.text, title.align) == ("Luigi's", "center")
    assert {t.text for t in texts(design.root)} <= brief_strings(material)


def test_a_short_menu_is_set_larger_than_a_long_one() -> None:
    (short,) = _tables(OneColumn().compose(material_for(CAFE)).root)
    (long,) = _tables(OneColumn().compose(material_for(LONG)).root)
    body = material_for(CAFE).scale.body
    assert (short.font_size or 0) > (long.font_size or 0) >= body


def test_each_section_has_its_heading_over_a_rule_and_its_own_table() -> None:
    material = _sectioned((1024, 1536))
    design = OneColumn().compose(material)
    headings = [t.text for t in texts(design.root) if t.role == "heading"]
    assert headings == ["Starters", "Mains", "Desserts"]
    assert [len(t.rows) for t in _tables(design.root)] == [2, 3, 1]


def test_a_wide_page_sets_three_sections_in_three_columns_in_order() -> None:
    material = _sectioned((1754, 1240))
    assert (Columns().fit(material) or 0) > (OneColumn().fit(material) or 0)
    design = Columns().compose(material)
    columns = [node(design.root, f"column-{n}") for n in (1, 2, 3)]
    assert [[c.id for c in col.children] for col in columns if isinstance(col, Frame)] == [
        ["prices-section"],
        ["prices-2-section"],
        ["prices-3-section"],
    ]


def test_a_squarer_page_sets_them_in_two_columns_the_longest_as_short_as_it_can_be() -> None:
    design = Columns().compose(_sectioned((1200, 1100)))
    left, right = node(design.root, "column-1"), node(design.root, "column-2")
    assert isinstance(left, Frame) and isinstance(right, Frame)
    assert [c.id for c in left.children] == ["prices-section"]
    assert [c.id for c in right.children] == ["prices-2-section", "prices-3-section"]


def test_one_section_never_takes_two_columns() -> None:
    assert Columns().fit(material_for(CAFE, canvas=(1920, 1080))) is None
