"""Dashboard templates: a sidebar of navigation beside the page, or a top bar over it; either way a heading, a row
of KPI cards (label small, figure large, change in colour) and the charts and tables in cards on the page.

A dashboard needs something to show: KPIs, a chart or a table. Without one, no dashboard template fits (a page of
navigation alone is not a dashboard, and no figures are made up).
"""

from __future__ import annotations

from dataclasses import dataclass

from tessera.contract import (
    DocumentKind,
    Frame,
    IconElement,
    Insets,
    Node,
    RequiredStructure,
    StructureKind,
    relative_luminance,
)
from tessera.planner._colors import best_ink, shift_lightness, worst_contrast
from tessera.planner._palette import MIN_CONTRAST
from tessera.planner._templates._base import Design, Material, Used
from tessera.planner._templates._data_parts import carded, footer, heading, kpi_cards, logo, place

_KINDS: frozenset[DocumentKind] = frozenset({"dashboard"})
_DATA_KINDS: tuple[StructureKind, ...] = ("kpis", "chart", "table", "pairs")
_PANEL_KINDS: tuple[StructureKind, ...] = ("chart", "table", "pairs", "bullets", "numbered", "steps", "prices")
_SIDEBAR_SHARE = 0.17  # of the canvas width
# Navigation words and the icon each takes; a bar shows icons only when every item has one.
_NAV_ICONS = {
    "overview": "layout-dashboard", "dashboard": "layout-dashboard", "home": "home", "orders": "shopping-cart",
    "order": "shopping-cart", "customers": "users", "users": "users", "clients": "users", "team": "users-group",
    "reports": "chart-bar", "analytics": "chart-line", "statistics": "chart-bar", "stats": "chart-bar",
    "settings": "settings", "products": "package", "inventory": "packages", "messages": "messages",
    "inbox": "inbox", "calendar": "calendar", "billing": "credit-card", "payments": "credit-card",
    "invoices": "file-invoice", "help": "help", "support": "help", "sales": "report-money",
    "revenue": "report-money", "marketing": "speakerphone", "campaigns": "speakerphone", "projects": "folder",
    "tasks": "checklist", "files": "files", "documents": "files", "profile": "user", "account": "user",
    "notifications": "bell", "shipping": "truck", "deliveries": "truck", "students": "school", "courses": "book",
    "patients": "clipboard-heart", "finance": "coin", "logout": "logout", "search": "search",
    "integrations": "plug", "security": "shield-lock", "leads": "user-plus",
}  # fmt: skip
_DARK_SIDEBAR = "#141A26"
_QUIET_NAV_INK = "#C7CDD9"


def _has_data(material: Material) -> bool:
    return material.slots.structure(*_DATA_KINDS) is not None


def _nav_icons(structure: RequiredStructure) -> list[str] | None:
    """An icon per navigation item when every item's first word names one, else None."""
    icons = [_NAV_ICONS.get(item.label.split(" ")[0].lower()) for item in structure.items]
    return None if None in icons else [icon for icon in icons if icon]


@dataclass(frozen=True)
class _Bar:
    """The colours of a navigation bar: its fill, its text, the quieter text of the other items, the current
    item's pill."""

    fill: str
    ink: str
    quiet: str
    current: str


def _bar_colors(material: Material, *, sidebar: bool) -> _Bar:
    """A dark sidebar on a light page (the page's headline colour when it is dark enough), the page's surface on a
    dark one; a top bar on the surface."""
    scheme = material.style.scheme
    light_page = relative_luminance(scheme.behind[0]) >= 0.18
    if sidebar and light_page:
        fill = scheme.headline if relative_luminance(scheme.headline) < 0.05 else _DARK_SIDEBAR
    else:
        fill = material.style.look.surface
    ink = best_ink([fill], [material.style.look.card_ink, "#FFFFFF", "#111111"])
    quiet_choice = _QUIET_NAV_INK if relative_luminance(fill) < 0.18 else material.style.look.card_muted
    quiet = quiet_choice if worst_contrast(quiet_choice, [fill]) >= MIN_CONTRAST else ink
    current = shift_lightness(fill, 0.08 if relative_luminance(fill) < 0.18 else -0.06)
    return _Bar(fill, ink, quiet, current)


def _nav(material: Material, used: Used, structure: RequiredStructure, bar: _Bar, *, vertical: bool) -> Frame:
    """The navigation items, the first as the current page on a pill, each after its icon where all have one."""
    node_id = material.structure_id(structure)
    icons = _nav_icons(structure)
    size = material.scale.size(0)
    items: list[Node] = []
    for n, item in enumerate(structure.items, start=1):
        current = n == 1
        ink = bar.ink if current else bar.quiet
        children: list[Node] = []
        if icons:
            side = round(1.1 * size)
            children.append(
                IconElement(id=f"{node_id}-{n}-icon", name=icons[n - 1], color=ink, width=side, height=side)
            )
        label = material.text(f"{node_id}-{n}", item.label, "label", size, color=ink,
                              weight="bold" if current else "regular", width="hug")  # fmt: skip
        children.append(label)
        pad = material.unit(0.014)
        items.append(
            Frame(
                id=f"{node_id}-{n}-item",
                layout="row",
                gap=material.unit(0.016),
                align="center",
                padding=Insets(top=pad, bottom=pad, left=round(1.3 * pad), right=round(1.3 * pad)),
                fill=bar.current if current else None,
                radius=round(material.style.radius * material.short),
                children=children,
            )
        )
    place(material, used, structure)
    return Frame(
        id=node_id,
        role="nav",
        name="navigation",
        padding=1,  # the bar around it pads it; a nav's own default padding would squeeze a sidebar's items
        layout="column" if vertical else "row",
        gap=material.unit(0.006),
        align="stretch" if vertical else "center",
        children=items,
    )


def _button(material: Material, used: Used) -> Frame | None:
    """The brief's call to action as the page's one primary button, top right."""
    cta = material.slots.first("cta")
    if cta is None:
        return None
    look = material.style.look
    used.add(cta)
    pad = material.unit(0.014)
    return Frame(
        id="action",
        role="button",
        name=f"{cta.text} button"[:80],
        fill=look.button,
        radius=round(material.style.radius * material.short),
        padding=Insets(top=pad, bottom=pad, left=2 * pad, right=2 * pad),
        align="center",
        children=[
            material.text(
                "action-label",
                cta,
                "label",
                material.scale.size(0),
                color=look.button_ink,
                weight="bold",
                align="center",
                width="hug",
            )
        ],  # fmt: skip
    )


def _page(material: Material, used: Used, width: int, height: int, *, titled: bool) -> list[Node]:
    """The page beside or under the navigation: the heading and button, the KPI cards, then the panels (charts,
    tables, lists in cards, two to a row), then whatever else the brief asks for."""
    children: list[Node] = []
    top_row: list[Node] = []
    if titled:
        top = heading(material, used, round(width * 0.7), step=4, kicker=False, lines=1)
        if top is not None:
            top_row.append(top.model_copy(update={"width": "fill"}))
    button = _button(material, used)
    if button is not None:
        top_row.append(button)
    if top_row:
        children.append(Frame(id="topbar", layout="row", align="center", gap=material.unit(0.03), children=top_row))
    panels = material.slots.all_structures(*_PANEL_KINDS)
    for kpis in material.slots.all_structures("kpis"):
        columns = None if len(kpis.items) <= 4 or material.wide else 2
        # KPIs alone take the page: larger figures, the row in the middle of the room.
        row = kpi_cards(material, kpis, width, columns=columns, value_step=4 if panels else 6)
        children.append(row if panels else Frame(id="kpi-room", height="fill", justify="center", children=[row]))
        place(material, used, kpis)
    foot = footer(material, used)
    if panels:
        across = 2 if len(panels) > 1 and material.canvas.width >= material.canvas.height else 1
        panel_width = (width - material.unit(0.03) * (across - 1)) // across
        rows = -(-len(panels) // across)
        panel_height = max(material.unit(0.2), (height // 2) // rows)
        cards: list[Node] = []
        for panel in panels:
            cards.append(carded(material, panel, panel_width, panel_height))
            place(material, used, panel)
        children.append(
            Frame(
                id="panels",
                layout="grid",
                columns=["1fr"] * across,
                rows=["1fr"] * rows,
                gap=material.unit(0.03),
                height="fill",
                children=cards,
            )
        )
    children += material.extras(used, width)
    if foot is not None:
        children.append(foot)
    return children


@dataclass(frozen=True)
class SidebarDashboard:
    """A dark sidebar on the left with the brand and the navigation; the page on a light surface beside it."""

    name: str = "dashboard-sidebar"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        if not _has_data(material) or material.slots.structure("nav") is None:
            return None
        return 0.9 if material.wide else 0.6

    def compose(self, material: Material) -> Design:
        used = Used()
        bar = _bar_colors(material, sidebar=True)
        side_width = round(_SIDEBAR_SHARE * material.canvas.width)
        side: list[Node] = []
        mark = logo(material, used, material.scale.size(4))
        if mark is not None:
            side.append(mark)
        brand = material.slots.first("brand")
        if brand is not None:
            size = material.scale.fitted(brand.text, 3, side_width - 2 * material.unit(0.025), max_lines=2, lowest=1)
            side.append(material.text("brand", brand, "heading", size, color=bar.ink, weight="bold"))
            used.add(brand)
        nav = material.slots.structure("nav")
        assert nav is not None  # fit() requires it
        side.append(_nav(material, used, nav, bar, vertical=True))
        sidebar = Frame(
            id="sidebar",
            role="sidebar",
            name="sidebar",
            fill=bar.fill,
            width=side_width,
            height="fill",
            gap=material.unit(0.05),
            padding=Insets(
                top=material.margin, bottom=material.margin, left=material.unit(0.022), right=material.unit(0.022)
            ),
            children=side,
        )
        main_width = material.canvas.width - side_width - 2 * material.margin
        page = _page(material, used, main_width, material.canvas.height - 2 * material.margin, titled=True)
        main = Frame(
            id="main",
            layout="column",
            width="fill",
            height="fill",
            gap=material.unit(0.035),
            padding=material.margin,
            children=page,
        )
        root = Frame(id="root", layout="row", children=[sidebar, main])
        return Design(self.name, root, "A sidebar of navigation; KPI cards over the charts, on cards.")


@dataclass(frozen=True)
class TopBarDashboard:
    """A bar across the top with the brand (or title) and the navigation; the page under it."""

    name: str = "dashboard-topbar"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        if not _has_data(material):
            return None
        return 0.8 if material.slots.structure("nav") is not None else 0.9

    def compose(self, material: Material) -> Design:
        used = Used()
        nav = material.slots.structure("nav")
        brand = material.slots.first("brand")
        width = material.canvas.width - 2 * material.margin
        children: list[Node] = []
        if nav is not None or brand is not None or any(a.role == "logo" for a in material.assets):
            bar = _bar_colors(material, sidebar=False)
            bar_children: list[Node] = []
            mark = logo(material, used, material.scale.size(3))
            if mark is not None:
                bar_children.append(mark)
            if brand is not None:
                size = material.scale.fitted(brand.text, 2, width // 3, max_lines=1, lowest=0)
                bar_children.append(material.text("brand", brand, "heading", size, color=bar.ink, weight="bold"))
                used.add(brand)
            else:
                bar_children.append(Frame(id="bar-spacer", width="fill"))
            if nav is not None:
                bar_children.append(_nav(material, used, nav, bar, vertical=False))
            pad = material.unit(0.02)
            children.append(
                Frame(
                    id="topnav",
                    role="header",
                    name="top bar",
                    layout="row",
                    align="center",
                    justify="space_between",
                    fill=bar.fill,
                    gap=material.unit(0.04),
                    padding=Insets(top=pad, bottom=pad, left=material.margin, right=material.margin),
                    children=bar_children,
                )
            )
        page = _page(material, used, width, round(material.canvas.height * 0.8), titled=True)
        children.append(
            Frame(
                id="main",
                layout="column",
                width="fill",
                height="fill",
                gap=material.unit(0.035),
                padding=material.margin,
                children=page,
            )
        )
        root = Frame(id="root", layout="column", children=children)
        return Design(self.name, root, "A top bar with the navigation; KPI cards over the charts, on cards.")


DASHBOARD_TEMPLATES = (SidebarDashboard(), TopBarDashboard())
