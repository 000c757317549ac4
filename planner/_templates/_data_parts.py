"""Parts the data templates share (slides, dashboards, infographics, papers): a page heading, a footer line, cards,
KPI cards with their deltas, and a chart or table in a card.

Each part takes only what the reading gives and marks what it placed in the template's `Used`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from tessera.contract import (
    AssetElement,
    Border,
    Element,
    Frame,
    Insets,
    Node,
    RequiredStructure,
    RequiredText,
    Shadow,
    TextPurpose,
    hex_to_rgb,
    rgb_to_hex,
)
from tessera.planner._colors import readable_shade, worst_contrast
from tessera.planner._palette import MIN_CONTRAST
from tessera.planner._templates._base import Material, Used

FOOTER_PURPOSES: tuple[TextPurpose, ...] = ("footer", "contact", "legal", "date", "author")
_DELTA = re.compile(r"^\s*[+\-\u2212\u25B2\u25BC\u2191\u2193]")
_LOGO_MAX_ASPECT = 3.0  # a wide wordmark grows wider, up to this many times its height
_RISE_INKS, _FALL_INKS = ("#15803D", "#4ADE80"), ("#B91C1C", "#F87171")  # for light cards, then for dark ones


def title_of(material: Material) -> RequiredText | None:
    """The page's title: the brief's title, else its product or brand name."""
    return material.slots.first("title", "product", "name", "brand")


def heading(
    material: Material,
    used: Used,
    width: int,
    *,
    step: int = 5,
    align: Literal["left", "center", "right"] = "left",
    kicker: bool = True,
    lines: int = 2,
) -> Frame | None:
    """The page's heading: a small line in the accent above (the brand, when it is not the title), the title fitted
    to `width` from type step `step`, and the subtitle or tagline under it; None when the brief gives none."""
    slots = material.slots
    title = title_of(material)
    scale = material.scale
    children: list[Node] = []
    brand = slots.first("brand")
    if kicker and brand is not None and brand is not title and brand not in used:
        size = scale.fitted(brand.text, 1, width, max_lines=1, lowest=0)
        children.append(
            material.text("kicker", brand, "label", size, color=material.style.look.accent, weight="bold", align=align)
        )
        used.add(brand)
    if title is not None:
        size = scale.fitted(title.text, step, width, max_lines=lines, lowest=max(2, step - 3))
        children.append(material.text("title", title, "title", size, align=align))
        used.add(title)
    for n, subtitle in enumerate(t for t in slots.of("subtitle", "tagline") if t not in used):
        size = scale.fitted(subtitle.text, 1, width, max_lines=2, lowest=0, bold=False)
        children.append(
            material.text(f"subtitle-{n + 1}" if n else "subtitle", subtitle, "subtitle", size, align=align,
                          weight="regular", color=material.style.muted)
        )  # fmt: skip
        used.add(subtitle)
    if not children:
        return None
    return Frame(id="heading", layout="column", gap=material.unit(0.012), children=children)


def footer(material: Material, used: Used, purposes: Sequence[TextPurpose] = FOOTER_PURPOSES) -> Frame | None:
    """A quiet footer line: sources, dates, contacts, small print; the last one set to the right when there are
    several. None when the brief gives none."""
    texts = [t for t in material.slots.of(*purposes) if t not in used]
    if not texts:
        return None
    size = material.scale.size(-1)
    children: list[Node] = []
    for n, text in enumerate(texts, start=1):
        last = n == len(texts) and n > 1
        children.append(
            material.text(f"footer-{n}", text, "footer", size, color=material.style.muted,
                          align="right" if last else "left", width="hug" if last else "fill")
        )  # fmt: skip
        used.add(text)
    return Frame(id="footer", layout="row", gap=material.unit(0.03), align="end", children=children)


def card(material: Material, node_id: str, name: str, children: Sequence[Node], **frame: object) -> Frame:
    """A card on the style's surface with its radius and a soft shadow; a hairline border where the card would
    not stand out from the page."""
    look = material.style.look
    behind = material.style.scheme.behind
    border = None
    if worst_contrast(look.surface, behind) < 1.1:
        border = Border(color=look.rule, width=max(1, round(material.short / 900)))
    settings: dict[str, object] = {
        "role": "card",
        "name": name[:80],
        "fill": look.surface,
        "radius": round(material.style.radius * material.short),
        "padding": material.unit(0.03),
        "gap": material.unit(0.012),
        "width": "fill",
        "border": border,
        "shadow": Shadow(color="#0F172A", opacity=0.08, blur=material.unit(0.02), dy=material.unit(0.004)),
        "children": list(children),
    }
    settings.update(frame)
    return Frame.model_validate({"id": node_id, **settings})


def delta_color(material: Material, words: str) -> str:
    """A change's colour: green for a rise, red for a fall, each readable on the card."""
    surface = material.style.look.surface
    inks = _FALL_INKS if words.strip()[:1] in "-\u2212\u25bc\u2193" else _RISE_INKS
    for ink in inks:
        shade = readable_shade(ink, [surface], MIN_CONTRAST)
        if shade is not None:
            return shade
    return material.style.look.card_ink


def is_delta(words: str | None) -> bool:
    """Whether a figure is a change ("+12%", "-3 pts", "▲ 4%") rather than a level."""
    return bool(words and _DELTA.match(words))


def kpi_cards(
    material: Material, structure: RequiredStructure, width: int, *, value_step: int = 4, columns: int | None = None
) -> Frame:
    """The KPIs as cards side by side (or in a grid of `columns`): the label small, the figure large, a change
    under it in green or red."""
    look = material.style.look
    scale = material.scale
    node_id = material.structure_id(structure)
    count = len(structure.items)
    across = columns or count
    gap = material.unit(0.025)
    inner = (width - gap * (across - 1)) / across - 2 * material.unit(0.03)
    figures = [item.value or "" for item in structure.items]
    value_size = min(scale.fitted(f, value_step, inner, max_lines=1, lowest=1) for f in figures)
    cards: list[Node] = []
    for n, item in enumerate(structure.items, start=1):
        kpi_id = entry_id(node_id, "kpi", n)
        parts: list[Node] = [
            material.text(f"{kpi_id}-label", item.label, "caption", scale.size(0), color=look.card_muted),
            material.text(f"{kpi_id}-value", item.value or "", "heading", value_size, color=look.card_ink,
                          weight="bold", max_lines=1),
        ]  # fmt: skip
        for m, cell in enumerate(item.cells[:2], start=1):
            color = delta_color(material, cell) if is_delta(cell) else look.card_muted
            parts.append(
                material.text(f"{kpi_id}-note-{m}", cell, "caption", scale.size(-1), color=color,
                              weight="bold" if is_delta(cell) else "regular")
            )  # fmt: skip
        cards.append(card(material, kpi_id, f"KPI {item.label}", parts))
    if columns and columns < count:
        return Frame(id=node_id, layout="grid", columns=["1fr"] * columns, gap=gap, children=cards)
    return Frame(id=node_id, layout="row", gap=gap, children=cards)


def carded(material: Material, structure: RequiredStructure, width: int, height: int) -> Frame:
    """A chart, table or list in a card: the structure's own part, filling the card."""
    part = material.part(structure, width - 2 * material.unit(0.03), height - 2 * material.unit(0.03))
    part = _filling(part)
    node_id = f"{material.structure_id(structure)}-card"
    return card(material, node_id, f"{structure.structure} panel", [part], height="fill")


def _filling(part: Frame | Element) -> Frame | Element:
    """A part stretched to its card's width (a table hugs its words by default)."""
    if part.kind == "table":
        return part.model_copy(update={"width": "fill"})
    return part


def accent_on_background(material: Material) -> str:
    """The accent where it reads as large text on the page (numbers, dates, markers), else the ink."""
    scheme = material.style.scheme
    return readable_shade(scheme.accent, scheme.behind, 3.0) or scheme.ink


def margins(material: Material, *, top: float = 1.0, bottom: float = 1.0, sides: float = 1.0) -> Insets:
    """The page margin per side, as shares of the canvas's margin (a slide breathes more at top and sides)."""
    m = material.margin
    return Insets(top=round(m * top), bottom=round(m * bottom), left=round(m * sides), right=round(m * sides))


def place(material: Material, used: Used, *structures: RequiredStructure | None) -> None:
    """Mark `structures` placed, with the brief's texts they carry (a list's quoted entries are read both as the
    list and as texts; drawing the list draws them)."""
    for structure in structures:
        if structure is None:
            continue
        used.add(structure)
        strings = {structure.title or "", *structure.header}
        for item in structure.items:
            strings |= {item.label, item.value or "", *item.cells}
        for text in material.slots.texts:
            inside = structure.source.start <= text.source.start and text.source.end <= structure.source.end
            if inside and text.text in strings:
                used.add(text)


def tint(color: str, toward: str, share: float) -> str:
    """`color` moved `share` of the way toward `toward` (a pale tint of the accent on the page, for a disc)."""
    start, end = hex_to_rgb(color), hex_to_rgb(toward)
    return rgb_to_hex(a + (b - a) * share for a, b in zip(start, end, strict=True))


def entry_id(node_id: str, singular: str, n: int) -> str:
    """The id of a structure's n-th entry, as the shared parts name it: "kpi-2" under "kpis", else "<id>-2"."""
    return f"{singular}-{n}" if node_id == f"{singular}s" else f"{node_id}-{n}"


def logo(material: Material, used: Used, height: int) -> AssetElement | None:
    """The user's logo as a mark `height` px tall for the template's own place for it (a sidebar's head, a
    slide's corner); None when none was supplied or the brief puts it somewhere itself (then it keeps the box the
    brief's words give it, among the extras)."""
    request = next(
        (a for a in material.assets if a.role == "logo" and (a.span is None or a.region is None)),
        None,
    )
    if request is None:
        return None
    used.assets.add(request.name)
    width = max(1, round(height * min(_LOGO_MAX_ASPECT, request.asset.aspect)))
    return AssetElement(id=request.node_id, name=request.name, width=width, height=height)
