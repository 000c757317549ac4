"""Parts the commerce and UI templates (pricing, login, product, menu, label) share: the page, buttons, badges,
rules, a price split from its period, the brand's logo, and which of the brief's texts names a button.

Every string set here comes from the reading; the parts only decide size, colour and place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from tessera.contract import (
    AssetElement,
    Element,
    Frame,
    Insets,
    Node,
    PictureElement,
    RequiredText,
    Shadow,
    ShapeElement,
)
from tessera.planner._assets import AssetRequest
from tessera.planner._colors import best_ink, worst_contrast
from tessera.planner._extract import picture_requests
from tessera.planner._palette import MIN_CONTRAST
from tessera.planner._templates._base import Material, TypeScale, Used
from tessera.planner._templates._decor import decoration_nodes

# "$9/mo", "€12 / month", "$29 per month", "9 €/Monat", "¥980/月": the figure (and a currency after it), then
# its period.
_PERIOD = re.compile(
    r"^(?P<figure>.*?\d[\d.,]*(?:\s?(?:[$€£¥₩₹円元]|EUR|USD|CHF|kr)(?![A-Za-z]))?)\s*(?P<period>(?:/|\bper\b|\ba\s)\s*\S.*)$",
    re.IGNORECASE,
)
_BUTTON_AFTER = re.compile(r"^\W{0,3}\s*(?:button|btn|cta|call[- ]to[- ]action|link)\b", re.IGNORECASE)
_BUTTON_BEFORE = re.compile(
    r"\b(?:button|btn|cta)\s*(?:reading|saying|labell?ed|that says|:)?\s*\W{0,2}$", re.IGNORECASE
)
# A text that is a price: a figure with a currency sign or code before or after it ("$199", "24 €", "CHF 12").
_PRICE = re.compile(
    r"^(?:[$€£¥₩₹]|US\$|CHF|EUR|USD|GBP|JPY)?\s?\d[\d.,' ]*\s?(?:[$€£¥₩₹円元]|CHF|EUR|USD|GBP|kr|zł)?(?:\s?/\s?\S+)?$"
)


def page(material: Material, children: Sequence[Node], *, gap: int, top: float = 1.0, **frame: object) -> Frame:
    """The root frame: the canvas's margins all round (`top` times the margin above), children in a column, and the
    style's decoration in the margin."""
    margin = material.margin
    padding = Insets(top=round(top * margin), right=margin, bottom=margin, left=margin)
    nodes = [*children, *decoration_nodes(material)]
    return Frame.model_validate(
        {"kind": "frame", "id": "root", "layout": "column", "padding": padding, "gap": gap, "children": nodes} | frame
    )


def card_shadow(material: Material) -> Shadow:
    """A soft shadow under a card, scaled to the canvas."""
    return Shadow(color="#000000", opacity=0.10, blur=max(4, material.unit(0.024)), dy=max(2, material.unit(0.006)))


def radius(material: Material, factor: float = 1.0) -> int:
    """The style's corner radius in pixels."""
    return round(material.style.radius * material.short * factor)


def button(
    material: Material,
    node_id: str,
    words: RequiredText | str,
    *,
    name: str,
    fill: str | None = None,
    ink: str | None = None,
    width: int | Literal["fill", "hug"] = "fill",
    step: int = 0,
    scale: TypeScale | None = None,
) -> Frame:
    """A button: its words bold and centred on the style's button colour (or `fill`), at `step` of `scale` (the
    page's by default)."""
    look = material.style.look
    size = (scale or material.scale).size(step)
    fill = fill or look.button
    ink = ink or best_ink([fill], ["#FFFFFF", "#111111"])
    pad_y, pad_x = round(0.55 * size), round(1.1 * size)
    label = material.text(f"{node_id}-label", words, "label", size, color=ink, align="center", weight="bold")
    return Frame(
        id=node_id,
        role="button",
        name=name[:80],
        fill=fill,
        radius=radius(material, 0.75),
        padding=Insets(top=pad_y, bottom=pad_y, left=pad_x, right=pad_x),
        width=width,
        align="center",
        children=[label],
    )


def badge(material: Material, node_id: str, words: RequiredText | str, *, fill: str, size: int) -> Frame:
    """A pill with short words on it (a claim, "Most popular"), in the ink that reads on `fill`."""
    ink = best_ink([fill], ["#FFFFFF", "#111111"])
    pad_y, pad_x = round(0.35 * size), round(0.8 * size)
    text = material.text(f"{node_id}-text", words, "label", size, color=ink, align="center", weight="bold")
    return Frame(
        id=node_id,
        role="badge",
        name=f"badge {words.text if isinstance(words, RequiredText) else words}"[:80],
        fill=fill,
        radius=size * 2,
        padding=Insets(top=pad_y, bottom=pad_y, left=pad_x, right=pad_x),
        width="hug",
        align="center",
        children=[text.model_copy(update={"width": "hug"})],
    )


def rule(node_id: str, color: str, thickness: int) -> ShapeElement:
    """A horizontal divider across the frame it sits in."""
    return ShapeElement(
        id=node_id, shape="divider", height=max(1, thickness), fill=color, stroke=color, stroke_width=max(1, thickness)
    )


def spacer(node_id: str) -> Frame:
    """Room that takes what its column has left, pushing what follows to the foot."""
    return Frame(id=node_id, height="fill")


def split_price(value: str) -> tuple[str, str | None]:
    """A price and its period ("$9/mo" -> "$9", "/mo"), so the figure can be set large and the period small."""
    found = _PERIOD.match(value.strip())
    if not found or not found.group("figure").strip():
        return value.strip(), None
    return found.group("figure").strip(), found.group("period").strip()


def readable_on(material: Material, color: str, behind: Sequence[str], fallback: str) -> str:
    """`color` where body text in it reads on `behind`, else `fallback`."""
    return color if worst_contrast(color, list(behind)) >= MIN_CONTRAST else fallback


def logo_request(material: Material) -> AssetRequest | None:
    """The user's logo (the brand kit's, or an image the brief or its name calls a logo), if any."""
    return next((a for a in material.assets if a.role == "logo"), None)


def logo(material: Material, size: int) -> AssetElement | None:
    """The user's logo `size` px tall at the head of the page, or in the corner the brief puts it ("our logo
    top-left"); None when none was given. A template that draws it marks it used with `logo_names`."""
    request = logo_request(material)
    if request is None:
        return None
    if request.region is not None and request.span is not None:
        return material.asset(request, material.canvas.width)
    width = max(1, min(round(size * request.asset.aspect), material.canvas.width - 2 * material.margin))
    return AssetElement(id=request.node_id, name=request.name, width=width, height=size)


def logo_names(material: Material) -> set[str]:
    """The names of the assets `logo` draws, for `Used.assets`."""
    request = logo_request(material)
    return {request.name} if request is not None else set()


def button_text(material: Material) -> RequiredText | None:
    """The brief's words for a button: a text read as a call to action, else one the brief calls a button
    ("a 'Choose plan' button", "button: 'Buy now'")."""
    cta = material.slots.first("cta")
    if cta is not None:
        return cta
    brief = material.constraints.brief
    for text in material.slots.texts:
        after = brief[text.source.end : text.source.end + 24]
        before = brief[max(0, text.source.start - 24) : text.source.start]
        if _BUTTON_AFTER.match(after) or _BUTTON_BEFORE.search(before):
            return text
    return None


def price_text(material: Material) -> RequiredText | None:
    """The brief's price: a text read as one, else a text that is a figure with a currency."""
    given = material.slots.first("price")
    if given is not None:
        return given
    return next((t for t in material.slots.texts if _PRICE.match(t.text.strip()) and re.search(r"\d", t.text)), None)


def photo_request(material: Material) -> AssetRequest | None:
    """The user's photo or image (not the logo), if any."""
    return next((a for a in material.assets if a.role != "logo"), None)


def pictures(material: Material, **box: object) -> list[PictureElement]:
    """A picture region for each picture the brief asks for, in the style it names."""
    return [
        PictureElement.model_validate(
            {
                "kind": "picture",
                "id": f"picture-{n}" if n > 1 else "picture",
                "prompt": p.prompt[:300],
                "style": p.style,
            }
            | box
        )
        for n, p in enumerate(picture_requests(material.constraints), start=1)
    ]


def extras_besides_pictures(
    material: Material, used: Used, width: int, *, align: Literal["left", "center", "right"] = "left"
) -> list[Node]:
    """`Material.extras` less its picture regions, for a template that has placed every picture itself."""
    nodes = material.extras(used, width, align=align)
    return [n for n in nodes if not isinstance(n, PictureElement)]


def texts_other_than(material: Material, *taken: RequiredText | None) -> list[RequiredText]:
    """The brief's texts except `taken`, in brief order."""
    ids = {t.id for t in taken if t is not None}
    return [t for t in material.slots.texts if t.id not in ids]


def column(node_id: str, children: Sequence[Node], *, gap: int, **frame: object) -> Frame:
    """A plain column of `children` (no role: it draws nothing itself)."""
    return Frame.model_validate(
        {"kind": "frame", "id": node_id, "layout": "column", "gap": gap, "children": list(children)} | frame
    )


def row(node_id: str, children: Sequence[Node], *, gap: int, **frame: object) -> Frame:
    """A plain row of `children`."""
    return Frame.model_validate(
        {"kind": "frame", "id": node_id, "layout": "row", "gap": gap, "children": list(children)} | frame
    )


def leaves(nodes: Sequence[Node]) -> list[Element | Frame]:
    """`nodes` typed as a frame's children."""
    return list(nodes)
