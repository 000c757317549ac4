"""Packaging labels: the brand block first and prominent, the product's name, its variant, the key claims as
badges, the facts in a real table, and the legal lines (net weight, ingredients) small at the foot.

The brand is never set smaller than a tagline or a claim: with a product name it heads the label in the accent,
without one it is the label's title. A nutrition panel (a facts table the brief calls nutrition facts) is set as
the familiar black-ruled box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tessera.contract import (
    Border,
    DocumentKind,
    Frame,
    Node,
    RequiredStructure,
    RequiredText,
    ShapeElement,
    TableElement,
    TextElement,
)
from tessera.planner._templates._base import Design, Material, TypeScale, Used
from tessera.planner._templates._commerce_parts import (
    badge,
    card_shadow,
    column,
    logo,
    logo_names,
    page,
    radius,
    row,
    rule,
    spacer,
)
from tessera.planner._typeset import fit_text

_KINDS: frozenset[DocumentKind] = frozenset({"label"})
_NET_AMOUNT = re.compile(r"\d\s?(?:g|kg|mg|ml|cl|l|oz|fl\.? ?oz|lbs?|pcs|st)\b", re.IGNORECASE)
_VARIANT_CHARS = 32
_NUTRITION = re.compile(
    r"nutrition|nutrient|calorie|n[äa]hrwert|valeurs? nutritionnelles?|informaci[óo]n nutricional|栄養|营养",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Label:
    """What a label sets: brand, product, variant, description lines, claims, facts, and the legal lines split
    into the amount (net weight, volume) and the rest (ingredients, storage)."""

    brand: RequiredText | None
    product: RequiredText | None
    variant: RequiredText | None
    description: list[RequiredText]
    claims: list[RequiredText]
    facts: RequiredStructure | None
    amounts: list[RequiredText]
    legal: list[RequiredText]

    @property
    def lead(self) -> RequiredText | None:
        """The label's largest line: the product's quoted name, else the brand ("'Green Valley' olive oil": the
        brand leads and "olive oil" names the product under it)."""
        if self.brand is not None and (self.product is None or not self.product.quoted):
            return self.brand
        return self.product or self.brand

    @property
    def second(self) -> RequiredText | None:
        """The brand block's other line: the brand over a quoted product name, or the product's words under the
        brand."""
        other = self.brand if self.lead is self.product else self.product
        return other if other is not self.lead else None


def _read(material: Material) -> _Label:
    slots = material.slots
    brand = slots.first("brand")
    product = slots.first("product", "title")
    short_lines = [t for t in slots.of("body") if len(t.text) <= _VARIANT_CHARS]
    # "variant 'Light roast'": a short line beside the product names its variant.
    variant = slots.first("subtitle", "tagline") or (short_lines[0] if short_lines else None)
    taken = {t.id for t in (brand, product, variant) if t is not None}
    description = [t for t in slots.of("body", "caption", "name") if t.id not in taken]
    legal = slots.of("legal", "footer")
    amounts = [t for t in legal if _NET_AMOUNT.search(t.text) and len(t.text) <= 24]
    rest = [t for t in legal if t not in amounts]
    facts = slots.structure("table", "pairs")
    return _Label(brand, product, variant, description, slots.of("badge"), facts, amounts, rest)


def _used(material: Material, label: _Label) -> Used:
    used = Used(assets=logo_names(material))
    used.add(label.brand, label.product, label.variant, label.facts, *label.description)
    used.add(*label.claims, *label.amounts, *label.legal)
    return used


@dataclass(frozen=True)
class _Ink:
    ink: str
    muted: str
    accent: str
    rule: str


def _ink(material: Material) -> _Ink:
    look = material.style.look
    return _Ink(look.card_ink, look.card_muted, look.card_accent, look.rule)


def _brand_block(
    material: Material, label: _Label, scale: TypeScale, width: int, ink: _Ink, align: Literal["left", "center"]
) -> list[Node]:
    """Logo, then the brand block: the brand tracked in the accent over a quoted product name, or the brand as
    the title with the product's words under it; never smaller than the claims and the variant."""
    nodes: list[Node] = []
    mark = logo(material, scale.size(5))
    if mark is not None:
        nodes.append(mark)
    lead, second = label.lead, label.second
    lead_size = _lead_size(lead, scale, width)[0] if lead is not None else scale.size(6)
    # The second line sits a step under the lead and never under the variant (step 2).
    second_size = max(scale.size(2), min(round(lead_size / 1.25), scale.size(3)))
    if second is not None and lead is label.product:
        size = min(second_size, scale.fitted(second.text, 3, width, max_lines=1, lowest=2))
        brand = material.text("brand", second, "subtitle", size, color=ink.accent, weight="bold", align=align)
        nodes.append(brand.model_copy(update={"letter_spacing": 0.08}))
    if lead is not None:
        node_id = "product" if lead is label.product else "brand"
        nodes.append(material.text(node_id, lead, "title", lead_size, color=ink.ink, align=align))
    if second is not None and lead is label.brand:
        size = min(second_size, scale.fitted(second.text, 3, width, max_lines=2, lowest=2))
        nodes.append(material.text("product", second, "subtitle", size, color=ink.accent, weight="bold", align=align))
    return nodes


def _lead_size(lead: RequiredText, scale: TypeScale, width: int) -> tuple[int, int]:
    """The lead's size and lines: on one line where it stays large there, else on two."""
    one = scale.fitted(lead.text, 6, width, max_lines=1, lowest=4)
    if fit_text(lead.text, one, one, width, 1, True).lines <= 1:
        return one, 1
    return scale.fitted(lead.text, 6, width, max_lines=2, lowest=3), 2


def _scale_for(material: Material, label: _Label, width: int, height: int) -> TypeScale:
    """The largest type, up to three steps above the page's, at which the label's content takes at most 75% of
    its `height`: a label with three claims sets them large rather than leaving its middle empty."""
    for lift in (3, 2, 1, 0):
        scale = TypeScale(round(material.scale.body * 1.25**lift))
        if _content_height(material, label, scale, width) <= 0.75 * height:
            return scale
    return material.scale


def _content_height(material: Material, label: _Label, scale: TypeScale, width: int) -> float:
    """About how tall the label's content is set at `scale` in `width` px."""
    body = scale.size(0)
    # The panel's own gaps (brand block, rules, spacers, details, foot) and those between the details' lines.
    lines_between = (label.variant is not None) + len(label.description) + bool(label.claims) + len(label.legal)
    needed = float((8 + lines_between) * material.unit(0.024))
    if label.lead is not None:
        size, lines = _lead_size(label.lead, scale, width)
        needed += 1.25 * size * lines
    needed += 1.3 * scale.size(3) if label.second else 0.0
    needed += 1.3 * scale.size(2) if label.variant else 0.0
    needed += 1.5 * body * len(label.description)
    if label.claims:
        pill = scale.size(1 if len(label.claims) <= 3 else 0)
        claims_wide = sum(len(c.text) * 0.62 * pill + 2.2 * pill for c in label.claims)
        rows = 1 + int(claims_wide // width)
        needed += 2.0 * pill * rows + 0.6 * pill * (rows - 1)
    needed += 1.9 * body * (len(label.facts.items) + 1) if label.facts else 0.0
    return needed + 1.5 * scale.size(-1) * len(label.legal) + 1.5 * body * bool(label.amounts)


def _details(
    material: Material, label: _Label, scale: TypeScale, ink: _Ink, align: Literal["left", "center"]
) -> list[Node]:
    """The variant in the accent, the description lines, and the claims as a row of badges."""
    nodes: list[Node] = []
    if label.variant is not None:
        nodes.append(
            material.text(
                "variant", label.variant, "subtitle", scale.size(2), color=ink.accent, weight="regular", align=align
            )
        )
    for n, line in enumerate(label.description, start=1):
        nodes.append(material.text(f"description-{n}", line, "body", scale.size(0), color=ink.ink, align=align))
    if label.claims:
        fill = material.style.look.button
        claim_step = 1 if len(label.claims) <= 3 else 0  # a few claims read from across the shelf
        pills: list[Node] = [
            badge(material, f"claim-{n}", claim, fill=fill, size=scale.size(claim_step))
            for n, claim in enumerate(label.claims, start=1)
        ]
        nodes.append(
            row(
                "claims",
                pills,
                gap=round(0.6 * scale.size(0)),
                wrap=True,
                justify="center" if align == "center" else "start",
            )
        )
    return nodes


def _facts(material: Material, label: _Label, width: int, height: int, ink: _Ink, size: int) -> list[Node]:
    """The facts table in the label's ink at `size`, as wide as the label."""
    if label.facts is None:
        return []
    part = material.part(label.facts, width, height)
    return [_recolour(part, ink, size)]


def _recolour(node: Node, ink: _Ink, size: int) -> Node:
    if isinstance(node, TableElement):
        update = {"color": ink.ink, "header_color": ink.ink, "rule_color": ink.rule, "width": "fill", "font_size": size}
        return node.model_copy(update=update)
    if isinstance(node, TextElement):
        return node.model_copy(update={"color": ink.ink})
    if isinstance(node, Frame):
        return node.model_copy(update={"children": [_recolour(c, ink, size) for c in node.children]})
    return node


def _legal(
    material: Material, label: _Label, scale: TypeScale, ink: _Ink, align: Literal["left", "center"]
) -> list[Node]:
    """The legal lines small and the net amount bold beside them (under them on a centred label)."""
    small = scale.size(-1)
    lines: list[Node] = [
        material.text(f"legal-{n}", t, "caption", small, color=ink.muted, align=align)
        for n, t in enumerate(label.legal, start=1)
    ]
    amounts: list[Node] = [
        material.text(
            f"amount-{n}",
            t,
            "label",
            scale.size(0),
            color=ink.ink,
            weight="bold",
            align="right" if align == "left" else align,
            width="hug",
        )
        for n, t in enumerate(label.amounts, start=1)
    ]
    if not lines and not amounts:
        return []
    if align == "center":
        return [column("legal", [*amounts, *lines], gap=round(0.4 * small), align="center")]
    left = column("legal-lines", lines, gap=round(0.3 * small), width="fill")
    return [row("legal", [left, *amounts], gap=scale.size(0), align="end")]


@dataclass(frozen=True)
class BrandPanel:
    """A white label on the page: the brand block flush left over a rule, the variant, the claims, then the facts
    and the legal lines at the foot (the gallery's product label)."""

    name: str = "label-panel"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        if _read(material).lead is None:
            return None
        return 0.9 if material.canvas.width >= material.canvas.height else 0.7

    def compose(self, material: Material) -> Design:
        label = _read(material)
        ink = _ink(material)
        pad = material.unit(0.07)
        width = material.canvas.width - 2 * material.margin - 2 * pad
        height = material.canvas.height - 2 * material.margin - 2 * pad
        scale = _scale_for(material, label, width, height)
        thick = max(2, material.short // 340)
        parts: list[Node] = _brand_block(material, label, scale, width, ink, "left")
        parts.insert(
            len(parts) - 1 if label.lead is label.product and label.second else len(parts),
            rule("top-rule", ink.ink, thick),
        )
        details = _details(material, label, scale, ink, "left")
        if details:
            parts += [spacer("spacer-top"), column("details", details, gap=material.unit(0.024))]
        parts.append(spacer("spacer"))
        parts += _facts(material, label, width, height // 3, ink, scale.size(0))
        foot = _legal(material, label, scale, ink, "left")
        if foot:
            parts += [rule("foot-rule", ink.rule, max(1, thick // 2)), *foot]
        parts += material.extras(_used(material, label), width)
        panel = column(
            "label",
            parts,
            gap=material.unit(0.024),
            fill=material.style.look.surface,
            radius=radius(material, 1.2),
            padding=pad,
            height="fill",
            shadow=card_shadow(material),
            role="panel",
            name="label",
        )
        root = page(material, [panel], gap=0)
        return Design(
            self.name, root, "A label panel: the brand block over a rule, claims as badges, legal lines at the foot."
        )


@dataclass(frozen=True)
class CentredLabel:
    """The whole canvas as a label inside a ruled border: everything centred, the brand block large on top, the
    claims in a row, the facts and legal lines at the foot."""

    name: str = "label-centred"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        if _read(material).lead is None:
            return None
        return 0.85 if material.canvas.height >= material.canvas.width else 0.6

    def compose(self, material: Material) -> Design:
        label = _read(material)
        ink = _ink(material)
        pad = material.unit(0.06)
        width = material.canvas.width - 2 * material.margin - 2 * pad
        height = material.canvas.height - 2 * material.margin - 2 * pad
        scale = _scale_for(material, label, width, height)
        gap = material.unit(0.03)
        top = _brand_block(material, label, scale, width, ink, "center")
        top.append(
            rule("brand-rule", ink.accent, max(2, material.short // 300)).model_copy(
                update={"width": material.unit(0.12)}
            )
        )
        parts: list[Node] = [column("top", top, gap=gap, align="center"), spacer("spacer-top")]
        details = _details(material, label, scale, ink, "center")
        if details:
            parts += [column("details", details, gap=gap, align="center"), spacer("spacer")]
        parts += _facts(material, label, width, height // 3, ink, scale.size(0))
        parts += _legal(material, label, scale, ink, "center")
        parts += material.extras(_used(material, label), width, align="center")
        panel = column(
            "label",
            parts,
            gap=gap,
            fill=material.style.look.surface,
            border=Border(color=ink.accent, width=max(2, material.short // 256)),
            radius=radius(material, 1.2),
            padding=pad,
            height="fill",
            role="panel",
            name="label",
        )
        root = page(material, [panel], gap=0)
        return Design(
            self.name, root, "A centred label in a ruled border: brand block on top, claims, facts and legal lines."
        )


@dataclass(frozen=True)
class NutritionPanel:
    """A facts panel: the product's name heavy over thick black rules, the facts as a ruled table, the legal
    lines small under it; for a brief whose table is nutrition facts."""

    name: str = "label-nutrition"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        label = _read(material)
        if label.facts is None:
            return None
        if _NUTRITION.search(material.constraints.brief):
            return 0.95
        return 0.2 if label.claims else 0.4

    def compose(self, material: Material) -> Design:
        label = _read(material)
        assert label.facts is not None
        black, white = "#111111", "#FFFFFF"
        ink = _Ink(black, "#333333", black, "#555555")
        scale = material.scale
        pad = material.unit(0.04)
        width = material.canvas.width - 2 * material.margin - 2 * pad
        height = material.canvas.height - 2 * material.margin - 2 * pad
        heavy, mid = max(6, material.short // 64), max(3, material.short // 160)
        rows = len(label.facts.items) + bool(label.facts.header) + bool(label.facts.title)
        table_size = max(scale.size(-1), min(scale.size(4), round(0.55 * height / (2.0 * rows))))
        parts: list[Node] = _brand_block(material, label, scale, width, ink, "left")
        parts += _details(material, label, scale, ink, "left")
        parts.append(_bar("rule-heavy", black, heavy))
        parts += _facts(material, label, width, round(0.6 * height), ink, table_size)
        parts.append(_bar("rule-mid", black, mid))
        lines = _legal(material, label, scale, ink, "left")
        parts += lines
        parts += material.extras(_used(material, label), width)
        panel = column(
            "panel",
            parts,
            gap=material.unit(0.02),
            fill=white,
            border=Border(color=black, width=max(2, material.short // 256)),
            padding=pad,
            radius=1,  # a nutrition panel is a square-cornered box
            role="panel",
            name="nutrition facts",
        )
        root = page(material, [panel], gap=0, justify="center")
        return Design(
            self.name, root, "A nutrition panel: the name heavy over thick rules, the facts as a ruled table."
        )


def _bar(node_id: str, color: str, thickness: int) -> ShapeElement:
    """A solid bar across the panel (the heavy rules of a nutrition panel)."""
    return ShapeElement(id=node_id, shape="rectangle", fill=color, height=thickness)


LABEL_TEMPLATES = (BrandPanel(), CentredLabel(), NutritionPanel())
