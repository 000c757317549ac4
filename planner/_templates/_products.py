"""Product pages: the product's name large, its price in the accent, the description, one buy button and the
features with checks; the product's photo given half the page when the brief asks for a picture (or the user
supplies one), and no photo made up when it does not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from tessera.contract import (
    AssetElement,
    DocumentKind,
    Element,
    Frame,
    ListElement,
    Node,
    RequiredStructure,
    RequiredText,
    TableElement,
    TextElement,
)
from tessera.planner._extract import picture_requests
from tessera.planner._templates._base import Design, Material, TypeScale, Used
from tessera.planner._templates._commerce_parts import (
    button,
    button_text,
    card_shadow,
    column,
    extras_besides_pictures,
    logo,
    logo_names,
    page,
    photo_request,
    pictures,
    price_text,
    radius,
    row,
    texts_other_than,
)

_KINDS: frozenset[DocumentKind] = frozenset({"product"})


@dataclass(frozen=True)
class _Product:
    """What a product page sets: the name, the brand above it, the price, the description lines, the button's
    words and the features."""

    name: RequiredText | None
    brand: RequiredText | None
    price: RequiredText | None
    description: list[RequiredText]
    action: RequiredText | None
    features: RequiredStructure | None


def _read(material: Material) -> _Product | None:
    slots = material.slots
    name = slots.first("product", "title")
    brand = slots.first("brand")
    if name is None or (brand is not None and brand.quoted and not name.quoted):
        name, brand = brand, name  # "'Lumière' candle": the quoted name leads, the product's kind goes above it
    price = price_text(material)
    action = button_text(material)
    features = slots.structure("bullets", "numbered", "pairs")
    if name is None and features is None:
        return None  # nothing to set out as a product
    description = [
        t
        for t in texts_other_than(material, name, brand, price, action)
        if slots.purposes.get(t.id) in ("body", "subtitle", "tagline", "caption")
    ]
    return _Product(name, brand, price, description, action, features)


def _used(material: Material, product: _Product, *, photo: bool = False) -> Used:
    """What the page draws: the product's texts and features, the logo, and the user's photo when it is shown."""
    shown = photo_request(material) if photo else None
    used = Used(assets=logo_names(material) | ({shown.name} if shown else set()))
    used.add(product.name, product.brand, product.price, product.action, product.features, *product.description)
    return used


def _has_photo(material: Material) -> bool:
    return photo_request(material) is not None or bool(picture_requests(material.constraints))


def _info(material: Material, product: _Product, width: int, lift: int = 0) -> list[Node]:
    """The product's column, its type `lift` steps up the scale: brand, name, price, description, the button, then
    the features with checks."""
    scale = material.scale
    style = material.style
    nodes: list[Node] = []
    mark = logo(material, scale.size(4 + lift))
    if mark is not None:
        nodes.append(mark)
    if product.brand is not None:
        nodes.append(
            material.text(
                "brand",
                product.brand,
                "subtitle",
                scale.size(1 + lift),
                color=style.look.accent,
                weight="bold",
                letter_spacing=0.06,
            )
        )
    if product.name is not None:
        nodes.append(
            material.text("title", product.name, "title", scale.fitted(product.name.text, 6 + lift, width, lowest=3))
        )
    if product.price is not None:
        nodes.append(
            material.text("price", product.price, "price", scale.size(4 + lift), color=style.look.accent, weight="bold")
        )
    for n, line in enumerate(product.description, start=1):
        nodes.append(material.text(f"description-{n}", line, "body", scale.size(1 + lift), color=style.muted))
    if product.action is not None:
        width_of_button = min(width, round(max(10, 1.4 * len(product.action.text) + 4) * scale.size(1 + lift) * 0.6))
        nodes.append(
            button(
                material,
                "buy",
                product.action,
                name=f"{product.action.text} button",
                width=width_of_button,
                step=1 + lift,
            )
        )
    if product.features is not None:
        nodes.append(_features(material, product.features, lift))
    return nodes


def _features(material: Material, features: RequiredStructure, step: int = 0) -> Element | Frame:
    """The features as a list with checks (pairs as the shared two-column table)."""
    if features.structure == "pairs":
        return material.part(features, material.canvas.width // 2, material.canvas.height // 3)
    items = [f"{item.value} \u2014 {item.label}" if item.value else item.label for item in features.items]
    size = material.scale.size(step)
    listed = ListElement(
        id=material.structure_id(features),
        items=items,
        marker="check",
        color=material.style.scheme.ink,
        marker_color=material.style.look.accent,
        font_size=size,
        gap=round(0.5 * size),
        family=material.style.body_family,
    )
    if not features.title:
        return listed
    heading = material.text(f"{listed.id}-title", features.title, "heading", material.scale.size(step + 1))
    return column(f"{listed.id}-section", [heading, listed], gap=round(0.5 * size))


def _lift(material: Material, product: _Product, room: float, *, beside: bool) -> int:
    """How many steps up the scale the details can go and still take at most 80% of `room` px of height (with
    the features `beside` them, the taller of the two counts)."""
    for lift in (2, 1, 0):
        scale = TypeScale(round(material.scale.body * 1.25**lift))
        lead = 2.4 * scale.size(6) + 1.3 * scale.size(4) + 1.5 * scale.size(1) * len(product.description)
        lead += 2.6 * scale.size(1) if product.action else 0.0
        listed = 1.9 * scale.size(1) * len(product.features.items) + 2 * material.unit(0.05) if product.features else 0
        if (max(lead, listed) if beside else lead + listed) <= 0.8 * room:
            return lift
    return 0


@dataclass(frozen=True)
class PhotoAndDetails:
    """The photo on one side (half the width of a wide page, the top of a tall one), the details on the other;
    only when the brief asks for a picture or the user supplies the product's photo. `photo_first`: the photo on
    the left (or on top), else on the right (or under the details)."""

    name: str
    photo_first: bool
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        if _read(material) is None or not _has_photo(material):
            return None
        return 0.9 if self.photo_first else 0.8

    def compose(self, material: Material) -> Design:
        product = _read(material)
        assert product is not None
        margin = material.margin
        wide = material.canvas.width >= material.canvas.height
        gap = material.unit(0.06)
        inner_w = material.canvas.width - 2 * margin
        info_w = round((inner_w - gap) / 2) if wide else inner_w
        inner_h = material.canvas.height - 2 * margin
        # Beside the details the photo takes half the width; above them, the height they leave.
        photo = self._photo(material, info_w if wide else "fill", "fill")
        room = inner_h if wide else round(0.5 * (inner_h - gap))
        info = _info(material, product, info_w, _lift(material, product, room, beside=False))
        used = _used(material, product, photo=True)
        supplied = photo_request(material) is not None
        # The brief's pictures are drawn here unless the user's own photo stands in the photo's place.
        info += material.extras(used, info_w) if supplied else extras_besides_pictures(material, used, info_w)
        details = column("details", info, gap=material.unit(0.026), width="fill", justify="center")
        if not wide:
            details = details.model_copy(update={"height": "hug"})
        layout = row if wide else column
        body = layout("product", [photo, details] if self.photo_first else [details, photo], gap=gap, height="fill")
        root = page(material, [body], gap=0)
        where = ("left of" if self.photo_first else "right of") if wide else ("above" if self.photo_first else "under")
        return Design(self.name, root, f"The product's photo {where} its name, price, button and features.")

    def _photo(self, material: Material, width: int | Literal["fill"], height: int | Literal["fill"]) -> Frame:
        """The user's product photo, else the picture the brief asks for."""
        request = photo_request(material)
        shown: list[Node] = (
            [AssetElement(id=request.node_id, name=request.name, width="fill", height="fill")]
            if request is not None
            else list(pictures(material, width="fill", height="fill"))
        )
        return Frame(
            id="photo",
            role="panel",
            name="product photo",
            width=width,
            height=height,
            children=shown,
        )


@dataclass(frozen=True)
class DetailsAndFeatures:
    """No photo: the name, price, description and button on the left (or on top), the features on a card beside
    them (or under them)."""

    name: str = "product-details"
    kinds: frozenset[DocumentKind] = _KINDS

    def fit(self, material: Material) -> float | None:
        product = _read(material)
        if product is None:
            return None
        return 0.3 if _has_photo(material) else 0.85

    def compose(self, material: Material) -> Design:
        product = _read(material)
        assert product is not None
        margin = material.margin
        wide = material.wide
        gap = material.unit(0.06)
        inner_w = material.canvas.width - 2 * margin
        # Alone on a wide page the details keep a readable measure, centred, rather than running to the right edge.
        main_w = round((0.55 if product.features else 0.6) * (inner_w - gap)) if wide else inner_w
        room = material.canvas.height - 2 * margin
        lift = _lift(material, product, room, beside=wide)
        lead = _info(material, replace(product, features=None), main_w, lift)
        lead += material.extras(_used(material, product), main_w)
        children: list[Node] = [
            column("details", lead, gap=material.unit(0.026), width=main_w if wide else "fill", justify="center")
        ]
        if product.features is not None:
            card = Frame(
                id="features-card",
                role="card",
                name="features",
                fill=material.style.look.surface,
                radius=radius(material, 1.5),
                padding=material.unit(0.05),
                shadow=card_shadow(material),
                width="fill",
                justify="center",
                children=[_on_card(material, _features(material, product.features, step=1 + lift))],
            )
            children.append(card)
        layout = row if wide else column
        body = layout(
            "product", children, gap=gap, height="fill", align="center" if wide else "stretch", justify="center"
        )
        root = page(material, [body], gap=0)
        return Design(self.name, root, "The product's name, price and button, its features on a card beside them.")


def _on_card(material: Material, node: Element | Frame) -> Element | Frame:
    """The features recoloured for the card they sit on."""
    look = material.style.look
    if isinstance(node, Frame):
        return node.model_copy(update={"children": [_on_card(material, c) for c in node.children]})
    if isinstance(node, ListElement):
        return node.model_copy(update={"color": look.card_ink, "marker_color": look.card_accent})
    if isinstance(node, TextElement | TableElement):
        return node.model_copy(update={"color": look.card_ink})
    return node


PRODUCT_TEMPLATES = (
    PhotoAndDetails("product-photo", photo_first=True),
    PhotoAndDetails("product-photo-right", photo_first=False),
    DetailsAndFeatures(),
)
