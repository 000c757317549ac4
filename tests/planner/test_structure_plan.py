"""The rules planner draws the brief's structures as design parts: lists, tables, charts, cards, forms, a nav bar;
a structure without its entries (a chart without data) is not drawn, and says why."""

from __future__ import annotations

import pytest

from tessera.contract import (
    Box,
    Canvas,
    ChartElement,
    Constraints,
    ControlElement,
    Frame,
    LayoutPlan,
    ListElement,
    RequiredStructure,
    SourceSpan,
    StructureItem,
    TableElement,
    TextElement,
)
from tessera.planner import RulePlanner, extract_constraints
from tessera.planner._palette import scheme_for
from tessera.planner._structure_plan import (
    BLOCK_ID,
    structure_blocks,
    structure_node_ids,
    unplanned_reason,
)

SQUARE = Canvas(width=1024, height=1024)
WIDE = Canvas(width=1920, height=1080)


def _plan(brief: str, canvas: Canvas = SQUARE) -> LayoutPlan:
    """The generic layout's plan (a document of no particular kind: slides, menus and dashboards get design
    templates, tested in tests/planner/templates)."""
    constraints = extract_constraints(brief).model_copy(update={"document": "document"})
    return RulePlanner().plan(constraints, canvas).plan


def _frames(plan: LayoutPlan, role: str) -> list[Frame]:
    return [frame for frame in plan.frames() if frame.role == role]


def _texts_in(frame: Frame) -> list[str]:
    found = []
    for child in frame.children:
        if isinstance(child, TextElement):
            found.append(child.text)
        elif isinstance(child, Frame):
            found += _texts_in(child)
    return found


def test_bullets_are_a_bulleted_list_beside_the_title() -> None:
    plan = _plan("A slide titled 'Why us' with three bullet points: fast setup, no code, free trial", WIDE)
    bullets = plan.element("bullets")
    assert isinstance(bullets, ListElement)
    assert (bullets.marker, bullets.items) == ("bullet", ["Fast setup", "No code", "Free trial"])
    block = plan.node(BLOCK_ID)
    assert block.box is not None and block.box.x > WIDE.width / 2  # on the right of a wide canvas
    assert [t.text for t in plan.texts()] == ["Why us"]


def test_numbered_items_are_a_numbered_list() -> None:
    plan = _plan("A poster 'Recipe' with a numbered list: preheat the oven, mix, bake")
    numbered = plan.element("numbered-list")
    assert isinstance(numbered, ListElement) and numbered.marker == "number"
    block = plan.node(BLOCK_ID)
    assert block.box is not None and block.box.y >= SQUARE.height / 2  # the bottom half of a square canvas


@pytest.mark.parametrize(
    ("brief", "node_id", "rows"),
    [
        ("A menu 'Luigi': Margherita $12, Pepperoni $14", "prices", [["Margherita", "$12"], ["Pepperoni", "$14"]]),
        ("A poster 'Budget' with Rent: 1200, Food: 400", "pairs", [["Rent", "1200"], ["Food", "400"]]),
    ],
)
def test_prices_and_pairs_are_a_two_column_table_with_figures_right_aligned(
    brief: str, node_id: str, rows: list[list[str]]
) -> None:
    table = _plan(brief).element(node_id)
    assert isinstance(table, TableElement)
    assert (table.rows, table.column_align, table.header) == (rows, ["left", "right"], [])


def test_a_table_keeps_its_header_and_rows() -> None:
    table = _plan("A slide 'Team' with a table with columns Name, Role and rows: Ann, Design; Bob, Dev").element(
        "table"
    )
    assert isinstance(table, TableElement)
    assert (table.header, table.rows) == (["Name", "Role"], [["Ann", "Design"], ["Bob", "Dev"]])


@pytest.mark.parametrize(
    ("brief", "kind", "values", "unit"),
    [
        ("A slide 'Sales' with a bar chart of revenue by region: North 40, South 25", "bar", [40.0, 25.0], None),
        ("A poster 'Costs' with a pie chart showing 45% rent, 55% food", "pie", [45.0, 55.0], "%"),
        ("A slide 'Users' with a line chart: Jan 1.2k, Feb 1.5k", "line", [1.2, 1.5], "k"),
    ],
)
def test_a_chart_has_the_asked_type_and_the_brief_s_figures(
    brief: str, kind: str, values: list[float], unit: str | None
) -> None:
    chart = _plan(brief, WIDE).element("chart")
    assert isinstance(chart, ChartElement)
    assert (chart.chart, chart.series[0].values, chart.unit) == (kind, values, unit)
    assert chart.categories[0] in ("North", "Rent", "Jan")


def test_a_chart_without_data_is_not_drawn_and_says_why() -> None:
    constraints = extract_constraints("A slide 'Revenue' with a bar chart of revenue by region")
    chart = next(c for c in constraints.items if isinstance(c, RequiredStructure))
    assert unplanned_reason(chart) == "chart data not given"
    assert structure_blocks(constraints, WIDE, scheme_for(None, None, 0)) == []
    plan = RulePlanner().plan(constraints, WIDE).plan
    assert not [e for e in plan.elements if isinstance(e, ChartElement)]


def test_kpis_without_figures_are_not_drawn_and_say_why() -> None:
    constraints = extract_constraints("A dashboard 'Sales' with KPI cards for revenue, orders and refunds")
    kpis = next(c for c in constraints.items if isinstance(c, RequiredStructure))
    assert unplanned_reason(kpis) == "KPI figures not given"
    assert structure_blocks(constraints, WIDE, scheme_for(None, None, 0)) == []


def test_steps_are_a_row_of_cards_with_their_dates() -> None:
    plan = _plan("A poster 'Our story' with a timeline: 2019 founded, 2021 Series A, 2024 IPO")
    cards = _frames(plan, "card")
    assert [card.id for card in cards] == ["step-1", "step-2", "step-3"]
    assert _texts_in(cards[0]) == ["2019", "Founded"]


def test_steps_in_a_narrow_block_are_a_numbered_list() -> None:
    steps = _plan("A slide 'Plan' with steps: plan, build, ship, measure", WIDE).element("steps")
    assert isinstance(steps, ListElement) and steps.marker == "number"


def test_kpis_are_cards_with_the_figure_over_its_label() -> None:
    plan = _plan("A dashboard 'Week' with KPIs: revenue $1.2M, users 48k, churn 2.1%", WIDE)
    cards = _frames(plan, "card")
    assert [(card.id, card.name) for card in cards] == [("kpi-1", "KPI Revenue"), ("kpi-2", "KPI Users"),
                                                         ("kpi-3", "KPI Churn")]  # fmt: skip
    assert _texts_in(cards[0]) == ["$1.2M", "Revenue"]
    value = plan.element("kpi-1-value")
    assert isinstance(value, TextElement) and value.font_weight == "bold"


def test_tiers_are_cards_with_name_price_features_and_a_button() -> None:
    plan = _plan(
        "A pricing page 'Plans' with three pricing tiers: Basic $9 (1 user), Pro $29 (5 users), Team $99", WIDE
    )
    cards = _frames(plan, "card")
    assert [card.name for card in cards] == ["pricing tier Basic", "pricing tier Pro", "pricing tier Team"]
    price = plan.element("tier-2-price")
    assert isinstance(price, TextElement) and (price.text, price.role) == ("$29", "price")
    features = plan.element("tier-1-features")
    assert isinstance(features, ListElement) and (features.items, features.marker) == (["1 user"], "check")
    assert len(_frames(plan, "button")) == 3


def test_fields_are_labelled_inputs_and_one_primary_button() -> None:
    plan = _plan("A screen 'Welcome' with a login form with email and password fields and a Sign in button")
    inputs = _frames(plan, "input")
    assert [frame.name for frame in inputs] == ["Email field", "Password field"]
    assert [_texts_in(b) for b in _frames(plan, "button")] == [["Sign in"]]
    assert isinstance(plan.element("email-label"), TextElement)


def test_a_form_without_a_named_button_gets_one_worded_for_it() -> None:
    plan = _plan("A poster 'Join' with a sign-up form with name and email fields")
    assert [_texts_in(b) for b in _frames(plan, "button")] == [["Create account"]]


def test_a_check_box_entry_is_a_checkbox_control() -> None:
    plan = _plan("A poster 'Hi' with a login form with email, password and a remember me checkbox")
    assert [c.control for c in plan.elements if isinstance(c, ControlElement)] == ["checkbox"]


def test_navigation_is_a_nav_bar_with_its_items_in_the_top_band() -> None:
    plan = _plan("A website header 'Acme' with a nav bar with Home, About, Blog", WIDE)
    nav = _frames(plan, "nav")
    assert len(nav) == 1 and _texts_in(nav[0]) == ["Home", "About", "Blog"]
    block = plan.node(BLOCK_ID)
    assert block.box is not None and block.box.y == 0


def test_structures_alone_take_the_whole_canvas() -> None:
    plan = _plan("bullets: fast setup, no code, free trial")
    assert plan.node(BLOCK_ID).box == Box(x=0, y=0, w=SQUARE.width, h=SQUARE.height)


def test_two_structures_share_the_one_block() -> None:
    plan = _plan(
        "A slide 'Q3' with bullets: revenue up, churn down and a bar chart of revenue: North 40, South 25", WIDE
    )
    block = plan.node(BLOCK_ID)
    assert isinstance(block, Frame)
    assert [child.id for child in block.children] == ["bullets", "chart"]


def test_quoted_entries_are_carried_by_the_block_and_not_set_again() -> None:
    constraints = extract_constraints("A poster 'Why us' with bullets: 'Fast setup', 'No code'")
    (block,) = structure_blocks(constraints, SQUARE, scheme_for(None, None, 0))
    structure = next(c for c in constraints.items if isinstance(c, RequiredStructure))
    assert structure.id in block.carries and {"text-2", "text-3"} <= block.carries
    plan = RulePlanner().plan(constraints, SQUARE).plan
    assert [t.text for t in plan.texts()] == ["Why us"]


def test_the_block_takes_its_colours_from_the_scheme() -> None:
    scheme = scheme_for("#14213D", "#FCA311", 0)
    constraints = extract_constraints("A poster 'Why us' with bullets: fast setup, no code")
    (block,) = structure_blocks(constraints, SQUARE, scheme)
    (frame,) = block.fill(Box(x=0, y=512, w=1024, h=512))
    assert isinstance(frame, Frame)
    bullets = frame.children[0]
    assert isinstance(bullets, ListElement)
    assert (bullets.color, bullets.marker_color) == (scheme.ink, "#FCA311")


def test_node_ids_are_given_per_structure() -> None:
    constraints = Constraints(
        brief="x" * 40,
        items=[
            RequiredStructure(
                id=f"structure-{n}",
                structure="bullets",
                items=[StructureItem(label="A"), StructureItem(label="B")],
                source=SourceSpan(start=0, end=1, quote="x"),
            )
            for n in (1, 2)
        ],
    )
    assert structure_node_ids(constraints) == {"structure-1": "bullets", "structure-2": "bullets-2"}
