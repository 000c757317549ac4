"""Icon sets end to end outside the reader: the templates, the shared part, the coverage map and the verifier's
structure check find each named icon by the name the icon set knows it by."""

from __future__ import annotations

import pytest
from PIL import Image

from tessera.contract import (
    Box,
    Canvas,
    Constraints,
    Frame,
    IconElement,
    LayoutPlan,
    RequiredStructure,
    SolidBackground,
    SourceSpan,
    StructureItem,
    TextElement,
)
from tessera.planner._coverage import coverage_map
from tessera.planner._structure_parts import icon_columns, icon_grid, icon_name, part_look
from tessera.planner._structure_plan import unplanned_reason
from tessera.planner._templates import Template
from tessera.planner._templates._icon_sets import IconsSheet, IconsTiles
from tessera.verifier._coverage_checks import check_structure
from tessera.verifier._scene import Scene
from tests.planner.templates._print_helpers import material_for, material_of, node, texts, walk

NAMES = ["home", "search", "settings", "user", "bell", "mail"]
BRIEF = "an icon set of 6 icons: home, search, settings, user, bell, mail"


def _icon_set(labels: list[str], brief: str = BRIEF, title: str | None = None) -> Constraints:
    """A hand-made reading of an icon set (the reader's own is tested with the reader)."""
    structure = RequiredStructure(
        id="structure-1",
        structure="icons",
        title=title,
        items=[StructureItem(label=label) for label in labels],
        source=SourceSpan(start=0, end=len(brief), quote=brief),
    )
    return Constraints(brief=brief, items=[structure], document="icon_set", canvas=Canvas(width=1024, height=1024))


def _icons(root: Frame) -> list[IconElement]:
    return [n for n in walk(root) if isinstance(n, IconElement)]


@pytest.mark.parametrize("template", [IconsTiles(), IconsSheet()], ids=lambda t: t.name)
def test_an_icon_set_is_one_grid_of_same_sized_icons_in_one_colour(template: Template) -> None:
    material = material_of(_icon_set(NAMES))
    design = template.compose(material)
    icons = _icons(design.root)
    assert [i.name for i in icons] == NAMES
    assert len({(i.width, i.height, i.color) for i in icons}) == 1
    grid = node(design.root, "icons")
    assert isinstance(grid, Frame) and grid.layout == "grid" and len(grid.columns) == 3
    assert texts(design.root) == []  # no labels unless the brief asks for them


def test_labels_are_set_only_when_the_brief_asks_for_them() -> None:
    brief = "an icon set of 4 labelled icons: home, search, cart, heart"
    design = IconsTiles().compose(material_of(_icon_set(["home", "search", "shopping cart", "heart"], brief)))
    assert [t.text for t in texts(design.root)] == ["home", "search", "shopping cart", "heart"]
    assert [i.name for i in _icons(design.root)] == ["home", "search", "shopping-cart", "heart"]


def test_the_title_leads_the_set() -> None:
    material = material_for("An icon set titled 'Pulse UI' of 4 icons: home, search, user, mail")
    if material.slots.structure("icons") is None:
        pytest.skip("the reader does not read this phrasing yet")
    design = IconsTiles().compose(material)
    assert texts(design.root)[0].text == "Pulse UI"


def test_icon_templates_need_an_icon_set() -> None:
    material = material_for("An icon set for a weather app", kind="icon_set")
    assert IconsTiles().fit(material) is None and IconsSheet().fit(material) is None


def test_icon_names_resolve_through_the_icon_set() -> None:
    assert [icon_name(n) for n in ("mail", "shopping cart", "Settings", "calendar event")] == [
        "mail", "shopping-cart", "settings", "calendar-event",
    ]  # fmt: skip
    assert icon_name("zzzqqq") is None
    unknown = _icon_set(["home", "zzzqqq"]).items[0]
    assert isinstance(unknown, RequiredStructure)
    assert unplanned_reason(unknown) == "no icon in the icon set for 'zzzqqq'"


@pytest.mark.parametrize(("count", "wide", "columns"), [(3, False, 3), (6, False, 3), (6, True, 6), (8, False, 4),
                                                        (9, False, 3), (12, False, 4), (16, False, 4)])  # fmt: skip
def test_rows_of_an_icon_grid_are_even(count: int, wide: bool, columns: int) -> None:
    assert icon_columns(count, wide) == columns


def test_the_shared_part_draws_every_icon_on_a_tile() -> None:
    structure = _icon_set(NAMES).items[0]
    assert isinstance(structure, RequiredStructure)
    material = material_of(_icon_set(NAMES))
    grid = icon_grid(structure, "icons", part_look(material.style.scheme), material.room(800, 600))
    tiles = [n for n in walk(grid) if isinstance(n, Frame) and n.role == "card"]
    assert [t.name for t in tiles] == [f"icon {n}" for n in NAMES]


def test_coverage_finds_each_icon_by_name_and_names_a_missing_one() -> None:
    constraints = _icon_set(NAMES)
    material = material_of(constraints)
    root = IconsTiles().compose(material).root
    plan = LayoutPlan(canvas=material.canvas, background=SolidBackground(color="#FFFFFF"), root=root)
    (entry,) = coverage_map(constraints, plan)
    assert entry.status == "planned" and entry.nodes == [f"icons-{n}" for n in range(1, 7)]
    fewer = root.model_copy(update={"children": []})
    plan = LayoutPlan(canvas=material.canvas, background=SolidBackground(color="#FFFFFF"), root=fewer)
    (entry,) = coverage_map(constraints, plan)
    assert entry.status == "not_planned" and "'home'" in entry.reason


def _laid_out(icons: list[tuple[str, str]]) -> LayoutPlan:
    children = [
        IconElement(id=node_id, name=name, box=Box(x=40 + 120 * n, y=40, w=96, h=96))
        for n, (node_id, name) in enumerate(icons)
    ]
    text = TextElement(id="title", text="home", box=Box(x=40, y=200, w=300, h=60))
    root = Frame(id="root", box=Box(x=0, y=0, w=1024, h=1024), children=[*children, text])
    return LayoutPlan(canvas=Canvas(width=1024, height=1024), background=SolidBackground(color="#FFFFFF"), root=root)


def test_the_verifier_checks_icons_by_name_not_by_words() -> None:
    structure = _icon_set(["home", "shopping cart", "envelope"]).items[0]
    assert isinstance(structure, RequiredStructure)
    image = Image.new("RGB", (1024, 1024), "white")
    drawn = Scene(image, _laid_out([("a", "home"), ("b", "shopping-cart"), ("c", "mail")]), ocr=None)  # type: ignore[arg-type]
    check = check_structure(structure, drawn, None)
    assert check.passed and check.element_ids == ["a", "b", "c"]
    # A text that says "home" is no icon: the check names what is missing.
    missing = Scene(image, _laid_out([("b", "shopping-cart")]), ocr=None)  # type: ignore[arg-type]
    check = check_structure(structure, missing, None)
    assert not check.passed and check.measured == "missing: home, envelope"
