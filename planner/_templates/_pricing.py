"""Pricing pages: tier cards side by side (or stacked on a tall canvas), each its name, its price large with the
period small, its features with checks and one button; the tier the brief recommends set on the accent.

The button's words are the brief's ("each with a 'Choose plan' button"), else the structural "Choose"; a
highlighted tier gets a badge only with words the brief gives ("Pro as most popular").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tessera.contract import (
    DocumentKind,
    Element,
    Frame,
    ListElement,
    Node,
    RequiredStructure,
    RequiredText,
    StructureItem,
    TextElement,
)
from tessera.planner._colors import shift_lightness
from tessera.planner._templates._base import Design, Material, Used
from tessera.planner._templates._commerce_parts import (
    badge,
    button,
    button_text,
    card_shadow,
    column,
    logo,
    logo_names,
    page,
    radius,
    row,
    rule,
    spacer,
    split_price,
)

_KINDS: frozenset[DocumentKind] = frozenset({"pricing"})
_HIGHLIGHT_VERBS = r"highlight\w*|recommend\w*|feature\w*|emphasi[sz]\w*|mark\w*|spotlight\w*"
_HIGHLIGHT_WORDS = r"most popular|best value|recommended|popular|highlighted|featured|best deal|top pick"
_STRUCTURAL_BUTTON = "Choose"  # the button's words when the brief gives none: what a tier card's button does


@dataclass(frozen=True)
class _Tiers:
    """What a pricing page sets: the tiers, the page's head, the button's words and the highlighted tier."""

    tiers: RequiredStructure
    title: RequiredText | None
    kicker: RequiredText | None
    subtitle: RequiredText | None
    action: RequiredText | None
    highlighted: int | None  # index of the recommended tier
    badge_words: RequiredText | str | None


def _read(material: Material) -> _Tiers | None:
    tiers = material.slots.structure("tiers")
    if tiers is None:
        return None
    slots = material.slots
    title = slots.first("title")
    brand = slots.first("brand", "product")
    if title is None:
        title, brand = brand, None
    action = button_text(material)
    subtitle = slots.first("subtitle", "tagline")
    highlighted, words = _highlight(material, tiers)
    given_badge = slots.first("badge")
    return _Tiers(tiers, title, brand, subtitle, action, highlighted, given_badge or words)


def _highlight(material: Material, tiers: RequiredStructure) -> tuple[int | None, str | None]:
    """The tier the brief recommends ("highlight Pro", "Pro as most popular") and the brief's words for why."""
    brief = material.constraints.brief
    for index, item in enumerate(tiers.items):
        label = re.escape(item.label)
        before = re.search(rf"\b(?:{_HIGHLIGHT_VERBS})\s+(?:the\s+)?['\"“‘]?{label}\b", brief, re.IGNORECASE)
        after = re.search(
            rf"\b{label}['\"”’]?\s*(?:tier|plan|option)?\s*(?:\(|,|-|—|as|is|being)?\s*(?:the\s+)?"
            rf"(?P<words>{_HIGHLIGHT_WORDS})",
            brief,
            re.IGNORECASE,
        )
        if after:
            words = after.group("words")
            shown = None if words.lower() in ("highlighted", "featured") else words[0].upper() + words[1:]
            return index, shown
        if before:
            return index, None
    return None, None


def _period_words(item: StructureItem) -> tuple[str, str | None]:
    return split_price(item.value) if item.value else ("", None)


@dataclass(frozen=True)
class _TierParts:
    """One tier's nodes before they are set out: its head (name, badge), price row, features and button, and
    the card's colours."""

    node_id: str
    label: str
    head: Frame
    price: Frame | None
    rule: Element | None
    features: ListElement | None
    button: Frame
    fill: str


def _shared_sizes(material: Material, read: _Tiers, inner: int, lift: int) -> tuple[int, int]:
    """One size for every tier's name and one for every price: the largest at which the longest fits its card
    (`inner` px wide), so the cards read as a set."""
    scale = material.scale
    name = min(scale.fitted(item.label, 2 + lift, inner, max_lines=1) for item in read.tiers.items)
    prices = [split_price(item.value) for item in read.tiers.items if item.value]
    price = min(
        (
            scale.fitted(f, 5 + lift, round(inner * (0.6 if p else 1.0)), max_lines=1, lowest=3 + lift)
            for f, p in prices
        ),
        default=scale.size(5 + lift),
    )
    return name, price


def _tier_parts(material: Material, read: _Tiers, index: int, item: StructureItem, inner: int, lift: int) -> _TierParts:
    """The nodes of one tier, `inner` px wide, its type `lift` steps up the scale: the highlighted tier inverts to
    the button's colour."""
    look = material.style.look
    scale = material.scale
    structure_id = material.structure_id(read.tiers)
    # "tier-2-price", as the shared tier cards name them, when the tiers are the page's only ones.
    node_id = f"tier-{index + 1}" if structure_id == "tiers" else f"{structure_id}-{index + 1}"
    highlighted = index == read.highlighted
    fill = look.button if highlighted else look.surface
    ink = look.button_ink if highlighted else look.card_ink
    muted = ink if highlighted else look.card_muted
    accent = ink if highlighted else look.card_accent
    gap = material.unit(0.018)

    name_size, price_size = _shared_sizes(material, read, inner, lift)
    head: list[Node] = [material.text(f"{node_id}-name", item.label, "heading", name_size, color=ink, width="hug")]
    if highlighted and read.badge_words:
        head.append(
            badge(material, f"{node_id}-badge", read.badge_words, fill=look.surface, size=scale.size(-1 + lift))
        )
    price = None
    figure, period = split_price(item.value) if item.value else ("", None)
    if figure:
        size = price_size
        figures: list[Node] = [
            material.text(f"{node_id}-price", figure, "price", size, color=accent, weight="bold", width="hug")
        ]
        if period:
            figures.append(
                material.text(f"{node_id}-period", period, "caption", scale.size(lift), color=muted, width="hug")
            )
        price = row(f"{node_id}-price-row", figures, gap=round(0.3 * scale.size(lift)), align="end")
    features = divider = None
    if item.cells:
        divider = rule(f"{node_id}-rule", shift_lightness(fill, 0.15 if highlighted else -0.1), material.short // 480)
        features = ListElement(
            id=f"{node_id}-features",
            items=list(item.cells),
            marker="check",
            color=ink,
            marker_color=accent,
            font_size=scale.size(lift),
            gap=round(0.45 * scale.size(lift)),
            family=material.style.body_family,
        )
    words = read.action or _STRUCTURAL_BUTTON
    label = words.text if isinstance(words, RequiredText) else words
    action = button(
        material,
        f"{node_id}-button",
        words,
        name=f"{label} {item.label} button",
        fill=look.surface if highlighted else look.button,
        ink=look.button if highlighted else look.button_ink,
        step=lift,
    )
    head_row = row(f"{node_id}-head", head, gap=gap, align="center", justify="space_between")
    return _TierParts(node_id, item.label, head_row, price, divider, features, action, fill)


def _card(
    material: Material, parts: _TierParts, children: list[Node], gap: int, height: Literal["fill", "hug"]
) -> Frame:
    return Frame(
        id=parts.node_id,
        role="card",
        name=f"pricing tier {parts.label}"[:80],
        fill=parts.fill,
        radius=radius(material, 1.2),
        padding=material.unit(0.034),
        gap=gap,
        width="fill",
        height=height,
        shadow=card_shadow(material),
        children=children,
    )


def _upright_card(material: Material, parts: _TierParts) -> Frame:
    """A card for a row of tiers: name, price, rule, features, then the button at the foot."""
    body = [parts.head, parts.price, parts.rule, parts.features, spacer(f"{parts.node_id}-spacer"), parts.button]
    return _card(material, parts, [n for n in body if n is not None], material.unit(0.018), "fill")


def _wide_card(material: Material, parts: _TierParts, inner: int) -> Frame:
    """A card for a stack of tiers: name and price on the left, features beside them, the button under both."""
    gap = material.unit(0.018)
    summary: list[Node] = [n for n in (parts.head, parts.price) if n is not None]
    top: list[Node] = [column(f"{parts.node_id}-summary", summary, gap=gap, width=round(0.42 * inner))]
    if parts.features is not None:
        top.append(parts.features)
    return _card(material, parts, [row(f"{parts.node_id}-body", top, gap=2 * gap), parts.button], 2 * gap, "hug")


def _lift(material: Material, read: _Tiers, room: float, *, stacked: bool) -> int:
    """How many steps up the scale the cards' type can go and still fit `room` px of height: few features on a
    big canvas set larger, rather than leaving the cards empty."""
    features = max((len(item.cells) for item in read.tiers.items), default=0)
    count = len(read.tiers.items) if stacked else 1
    for lift in (2, 1, 0):
        body = material.scale.size(lift)
        summary = 1.2 * material.scale.size(2 + lift) + 1.2 * material.scale.size(5 + lift)
        listed = features * 1.9 * body
        content = max(summary, listed) if stacked else summary + listed
        card = content + 2.3 * body + 4 * material.unit(0.018) + 2 * material.unit(0.034)
        # The estimate runs high for a stack (its cards' rows overlap), so a stack may take more of the room.
        if count * card + (count - 1) * material.unit(0.03) <= (0.95 if stacked else 0.85) * room:
            return lift
    return 0


def _head(material: Material, read: _Tiers, width: int, align: Literal["left", "center"]) -> list[Node]:
    """The page's head: logo, kicker, title and subtitle; nothing when the brief names none."""
    scale = material.scale
    nodes: list[Node] = []
    mark = logo(material, scale.size(4))
    if mark is not None:
        nodes.append(mark)
    if read.kicker is not None:
        nodes.append(
            material.text(
                "kicker",
                read.kicker,
                "subtitle",
                scale.size(1),
                color=material.style.look.accent,
                align=align,
                weight="bold",
                letter_spacing=0.08,
            )
        )
    if read.title is not None:
        size = scale.fitted(read.title.text, 6, width, max_lines=2, lowest=3)
        nodes.append(material.text("title", read.title, "title", size, align=align))
    if read.subtitle is not None:
        nodes.append(
            material.text(
                "subtitle",
                read.subtitle,
                "subtitle",
                scale.size(1),
                color=material.style.muted,
                align=align,
                weight="regular",
            )
        )
    return nodes


def _room_below(material: Material, head: list[Node]) -> float:
    """The height left for the tiers under the head (its lines estimated from their sizes)."""
    taken = sum(1.3 * node.font_size for node in head if isinstance(node, TextElement) and node.font_size)
    return material.canvas.height - 2 * material.margin - taken - material.unit(0.05)


def _used(material: Material, read: _Tiers) -> Used:
    used = Used(assets=logo_names(material))
    used.add(read.tiers, read.title, read.kicker, read.subtitle, read.action)
    if isinstance(read.badge_words, RequiredText):
        used.add(read.badge_words)
    return used


@dataclass(frozen=True)
class TierCards:
    """The tiers as cards side by side under a head, centred or flush left (the gallery's pricing page)."""

    name: str
    align: Literal["left", "center"]
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        read = _read(material)
        if read is None:
            return None
        count = len(read.tiers.items)
        per_card = (material.canvas.width - 2 * material.margin) / count
        if per_card < 9 * material.scale.size(0):
            return None  # too narrow for a name, a price and a feature line
        score = 0.9 if material.canvas.width >= material.canvas.height else 0.55
        return score - (0.05 if self.align == "left" else 0.0)

    def compose(self, material: Material) -> Design:
        read = _read(material)
        assert read is not None
        inner = material.canvas.width - 2 * material.margin
        gap = material.unit(0.028)
        count = len(read.tiers.items)
        card_width = round((inner - gap * (count - 1)) / count)
        inner_card = card_width - 2 * material.unit(0.034)
        head = _head(material, read, inner, self.align)
        lift = _lift(material, read, _room_below(material, head), stacked=False)
        cards = [
            _upright_card(material, _tier_parts(material, read, i, item, inner_card, lift))
            for i, item in enumerate(read.tiers.items)
        ]
        used = _used(material, read)
        children: list[Node] = []
        if head:
            children.append(
                column("head", head, gap=material.unit(0.014), align="center" if self.align == "center" else "stretch")
            )
        children.append(row(material.structure_id(read.tiers), cards, gap=gap, name="pricing tiers"))
        extras = material.extras(used, inner, align=self.align)
        if extras:
            children.append(column("extras", extras, gap=material.unit(0.012)))
        root = page(material, children, gap=material.unit(0.05), justify="center")
        emphasis = (
            f"; '{read.tiers.items[read.highlighted].label}' set on the accent" if read.highlighted is not None else ""
        )
        return Design(
            self.name, root, f"{count} pricing tiers as cards side by side under a {self.align} head{emphasis}."
        )


@dataclass(frozen=True)
class TierRows:
    """The tiers stacked, each a wide card: name and price on the left, features on the right, a button under
    them; for tall canvases and for more tiers than fit side by side."""

    name: str = "pricing-rows"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        read = _read(material)
        if read is None:
            return None
        count = len(read.tiers.items)
        if count > 6:
            return None
        if material.tall or material.canvas.width < material.canvas.height:
            return 0.9
        return 0.6 if count > 4 else 0.3

    def compose(self, material: Material) -> Design:
        read = _read(material)
        assert read is not None
        inner = material.canvas.width - 2 * material.margin
        inner_card = inner - 2 * material.unit(0.034)
        head = _head(material, read, inner, "left")
        lift = _lift(material, read, _room_below(material, head), stacked=True)
        cards = [
            _wide_card(material, _tier_parts(material, read, i, item, round(0.42 * inner_card), lift), inner_card)
            for i, item in enumerate(read.tiers.items)
        ]
        used = _used(material, read)
        children: list[Node] = []
        if head:
            children.append(column("head", head, gap=material.unit(0.014)))
        children.append(
            column(
                material.structure_id(read.tiers),
                cards,
                gap=material.unit(0.03),
                name="pricing tiers",
            )
        )
        extras = material.extras(used, inner)
        if extras:
            children.append(column("extras", extras, gap=material.unit(0.012)))
        root = page(material, children, gap=material.unit(0.045), justify="center")
        return Design(self.name, root, f"{len(cards)} pricing tiers stacked as wide cards, the head flush left.")


PRICING_TEMPLATES = (TierCards("pricing-cards", "center"), TierCards("pricing-cards-left", "left"), TierRows())
