"""The dashboard templates: navigation in a sidebar or a top bar, KPI cards with the label small, the figure large
and a change in colour, charts and tables in cards; no dashboard without figures to show."""

from __future__ import annotations

from tessera.contract import (
    AssetElement,
    AssetInfo,
    ChartElement,
    Frame,
    IconElement,
    RequiredStructure,
    Supplied,
    TextElement,
)
from tessera.planner._templates._dashboards import SidebarDashboard, TopBarDashboard
from tessera.planner._templates._data_parts import delta_color, is_delta, kpi_cards
from tests.planner.templates._print_helpers import brief_strings, material_for, material_of, node, texts, walk

STORE = (
    "A dashboard 'Store overview' with navigation: Overview, Orders, Customers, Reports, Settings and KPIs: "
    "Revenue $128,400, Orders 3,912, Refund rate 1.8% and a line chart of daily revenue: Sep 1 3.6, Sep 5 3.9, "
    "Sep 10 4.1"
)
WEEKLY = "A dashboard titled 'Weekly overview' with KPIs: revenue $1.2M, users 48k, churn 2.1%"


def test_the_sidebar_holds_the_navigation_with_the_first_item_current_and_icons_for_all() -> None:
    design = SidebarDashboard().compose(material_for(STORE))
    sidebar = design.root.children[0]
    assert isinstance(sidebar, Frame) and sidebar.role == "sidebar"
    (nav,) = [n for n in walk(sidebar) if isinstance(n, Frame) and n.role == "nav"]
    assert [t.text for t in texts(nav)] == ["Overview", "Orders", "Customers", "Reports", "Settings"]
    assert [t.font_weight for t in texts(nav)][:2] == ["bold", "regular"]
    icons = [n.name for n in walk(nav) if isinstance(n, IconElement)]
    assert icons == ["layout-dashboard", "shopping-cart", "users", "chart-bar", "settings"]


def test_kpi_cards_set_the_label_small_over_the_figure_large() -> None:
    design = SidebarDashboard().compose(material_for(STORE))
    cards = [n for n in walk(design.root) if isinstance(n, Frame) and n.role == "card" and (n.name or "")[:3] == "KPI"]
    assert len(cards) == 3
    for card in cards:
        label, value = texts(card)[:2]
        assert (label.font_size or 0) < (value.font_size or 0)
        assert value.font_weight == "bold" and label.align == value.align == "left"
    assert [texts(card)[1].text for card in cards] == ["$128,400", "3,912", "1.8%"]


def test_the_chart_sits_in_a_card_on_the_page() -> None:
    design = SidebarDashboard().compose(material_for(STORE))
    (chart,) = [n for n in walk(design.root) if isinstance(n, ChartElement)]
    holder = next(n for n in walk(design.root) if isinstance(n, Frame) and chart in n.children)
    assert holder.role == "card" and chart.chart == "line"


def test_a_change_is_green_when_it_rises_and_red_when_it_falls() -> None:
    material = material_for(WEEKLY)
    kpis = material.slots.structure("kpis")
    assert kpis is not None
    items = [
        item.model_copy(update={"cells": [delta]})
        for item, delta in zip(kpis.items, ["+12%", "-3%", "4%"], strict=True)
    ]
    changed = material.constraints.model_copy(
        update={
            "items": [kpis.model_copy(update={"items": items}) if c is kpis else c for c in material.constraints.items]
        }
    )
    material = material_of(changed)
    structure = material.slots.structure("kpis")
    assert isinstance(structure, RequiredStructure)
    row = kpi_cards(material, structure, 1600)
    notes = {t.text: t.color for t in texts(row) if t.id.endswith("-note-1")}
    assert notes["+12%"] == delta_color(material, "+12%") != notes["-3%"]
    assert (is_delta("+12%"), is_delta("-3%"), is_delta("4%")) == (True, True, False)


def test_without_navigation_the_top_bar_layout_is_the_one_that_fits() -> None:
    material = material_for(WEEKLY)
    assert SidebarDashboard().fit(material) is None
    assert TopBarDashboard().fit(material) == 0.9
    design = TopBarDashboard().compose(material)
    title = node(design.root, "title")
    assert isinstance(title, TextElement) and title.text == "Weekly overview"
    assert {t.text for t in texts(design.root)} <= brief_strings(material)


def test_a_dashboard_with_nothing_to_show_is_declined() -> None:
    material = material_for("A dashboard 'Ops' with navigation: Home, Alerts, Settings")
    assert SidebarDashboard().fit(material) is None
    assert TopBarDashboard().fit(material) is None


def test_the_users_logo_heads_the_sidebar() -> None:
    material = material_for(STORE)
    supplied = Supplied(assets=[AssetInfo(name="logo", width=300, height=300)])
    design = SidebarDashboard().compose(material_of(material.constraints.model_copy(update={"supplied": supplied})))
    sidebar = design.root.children[0]
    assert isinstance(sidebar, Frame) and isinstance(sidebar.children[0], AssetElement)
    assert sidebar.children[0].name == "logo"
