"""Posters, flyers, banners and signs: one dominant headline (or picture), the supporting lines grouped (what,
when, where, price), the call to action distinct, and at most three levels of emphasis.

| template          | kinds          | layout                                                                          |
|-------------------|----------------|---------------------------------------------------------------------------------|
| poster-centred    | poster, flyer  | centred: kicker, headline, subline; the facts grouped; the button at the foot  |
| poster-editorial  | poster, flyer  | a colour block with the headline (top, or left if wide), the rest left-aligned  |
| poster-picture    | poster, flyer  | the picture on top (right when wide), the text left-aligned below (left of) it |
| banner-split      | banner         | the headline on one line with its subline, the call to action on the right      |
| banner-block      | banner         | a colour block with the brand on the left, the message and button beside it     |
| sign-bold         | sign           | big short text centred, in the highest contrast the palette allows              |
| sign-band         | sign           | a framed sign: the message on a full-width band of colour                       |
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tessera.contract import Border, DocumentKind, Frame, Insets, Node, RequiredText
from tessera.planner._colors import best_ink, worst_contrast
from tessera.planner._extract import picture_requests
from tessera.planner._templates._base import Design, Material, Used
from tessera.planner._templates._print_parts import (
    Align,
    Ink,
    accent_rule,
    block_colour,
    call_to_action,
    carried_by_structures,
    centred,
    column,
    fact_line,
    fact_rows,
    first_for,
    headline,
    ink_on,
    kicker,
    leaves,
    page,
    places_things,
    texts_for,
    visual_nodes,
    visual_region,
)

_POSTERS: frozenset[DocumentKind] = frozenset({"poster", "flyer"})
_SHORT_LINE = 60  # characters: a line that may be centred; longer ones are set left-aligned
_SIGN_CONTRAST = 7.0  # a sign is read from afar: AAA contrast where the palette allows


@dataclass
class _Lines:
    """A print page's texts by their place: the headline, the kicker above it, the sublines under it, the small
    lines at the foot; `used` tracks what is placed."""

    used: Used = field(default_factory=Used)
    title: RequiredText | None = None
    kicker: RequiredText | None = None
    sublines: list[RequiredText] = field(default_factory=list)
    body: list[RequiredText] = field(default_factory=list)


def _lines(material: Material) -> _Lines:
    """The brief's texts sorted for a print page: the title (else the product, brand or first text) leads; the
    brand stands above it when it is not the title itself."""
    lines = _Lines()
    used = lines.used
    used.add(*carried_by_structures(material))
    lines.title = first_for(material, used, "title", "product", "brand", "name") or next(
        iter(material.slots.texts), None
    )
    used.add(lines.title)
    lines.kicker = first_for(material, used, "brand", "author")
    used.add(lines.kicker)
    lines.sublines = texts_for(material, used, "subtitle", "tagline", "title")[:2]
    used.add(*lines.sublines)
    lines.body = texts_for(material, used, "body")
    used.add(*lines.body)
    return lines


def _foot(material: Material, lines: _Lines) -> list[RequiredText]:
    """The small lines at the foot: contact, legal and footer texts (after the facts took theirs)."""
    foot = texts_for(material, lines.used, "contact", "legal", "footer", "caption")
    lines.used.add(*foot)
    return foot


def _carries(material: Material) -> bool:
    """Whether a print template can set out the brief: it has texts, and it says nowhere where things go."""
    return bool(material.slots.texts) and not places_things(material)


def _has_visual(material: Material) -> bool:
    return bool(picture_requests(material.constraints))


def _small_lines(material: Material, texts: list[RequiredText], prefix: str, ink: Ink, align: Align) -> list[Node]:
    return [
        material.text(f"{prefix}-{n}", t, "caption", material.scale.size(-1), color=ink.muted, align=align)
        for n, t in enumerate(texts, start=1)
    ]


def _sublines(material: Material, lines: _Lines, ink: Ink, align: Align, width: int, step: int = 2) -> list[Node]:
    return [
        material.text(
            f"subline-{n}",
            t,
            "subtitle",
            material.scale.fitted(t.text, step, width, max_lines=2, bold=False, lowest=1),
            color=ink.body,
            align=align,
            weight="regular",
        )
        for n, t in enumerate(lines.sublines, start=1)
    ]


def _body(material: Material, lines: _Lines, ink: Ink, align: Align, width: int, step: int = 2) -> list[Node]:
    """The supporting lines, a step above body text; centred only when short."""
    nodes: list[Node] = []
    for n, t in enumerate(lines.body, start=1):
        size = material.scale.fitted(t.text, step, width, max_lines=3, bold=False, lowest=0)
        short = len(t.text) <= _SHORT_LINE
        nodes.append(material.text(f"body-{n}", t, "body", size, color=ink.body, align=align if short else "left"))
    return nodes


def _extras(material: Material, used: Used, width: int, align: Align) -> tuple[list[Node], list[Node]]:
    """The template's leftovers split into visuals (pictures, the user's images) and the rest; the brief's
    structures (bullets, a table) come first, set to fill a third of the page rather than as small print."""
    parts: list[Node] = []
    for structure in material.slots.structures:
        if structure not in used:
            parts.append(material.part(structure, width, round(0.3 * material.canvas.height), shared=False))
            used.add(structure)
    visuals, rest = visual_nodes(material.extras(used, width, align=align))
    return visuals, [*parts, *rest]


@dataclass(frozen=True)
class PosterCentred:
    """A centred poster: kicker, a display headline and its subline at the top, the facts grouped in the middle
    (or under a picture), the call to action and the small print at the foot."""

    name: str = "poster-centred"
    kinds: frozenset[DocumentKind] = _POSTERS

    def fit(self, material: Material) -> float | None:
        if not _carries(material):
            return None
        return 0.8 if not material.wide else 0.6

    def compose(self, material: Material) -> Design:
        lines = _lines(material)
        used = lines.used
        ink = ink_on(material)
        margin = round(material.margin * 1.25)
        inner = material.canvas.width - 2 * margin
        cta = call_to_action(material, used, "cta", step=2)
        facts = fact_rows(material, used, "facts", ink, size_step=3, hug=True)
        foot = _foot(material, lines)
        visuals, rest = _extras(material, used, inner, "center")
        top = column(
            "masthead",
            [
                kicker(material, "kicker", lines.kicker, ink.accent, "center") if lines.kicker else None,
                headline(material, "headline", lines.title, inner, ink.headline, "center", step=9, lowest=4)
                if lines.title
                else None,
                *_sublines(material, lines, ink, "center", inner),
                accent_rule(material, "headline-rule", ink.accent),
            ],
            gap=material.unit(0.025),
            align="center",
        )
        middle = column(
            "details",
            [centred(facts) if facts else None, *_body(material, lines, ink, "center", inner), *rest],
            gap=material.unit(0.03),
        )
        bottom = column(
            "foot",
            [cta, *_small_lines(material, foot, "small", ink, "center")],
            gap=material.unit(0.02),
            align="center",
        )
        children: list[Node] = [top]
        if visuals:
            children.append(visual_region(material, "visual", visuals))
        children += [part for part in (middle, bottom) if part.children]
        root = page(
            material,
            children,
            padding=margin,
            gap=material.unit(0.05 if visuals else 0.08),
            align="stretch",
            justify="start" if visuals else "center",
        )
        return Design(self.name, root, "A centred poster: the headline leads, the facts grouped with icons, the "
                      "call to action as a button at the foot.")  # fmt: skip


@dataclass(frozen=True)
class PosterEditorial:
    """A left-aligned editorial poster: a block of colour holds the kicker and the headline (the top half, or the
    left half of a wide canvas); the sublines, the facts and the button sit on the page beside it."""

    name: str = "poster-editorial"
    kinds: frozenset[DocumentKind] = _POSTERS

    def fit(self, material: Material) -> float | None:
        if not _carries(material):
            return None
        return 0.8

    def compose(self, material: Material) -> Design:
        lines = _lines(material)
        used = lines.used
        colour = block_colour(material)
        on_block = ink_on(material, colour)
        ink = ink_on(material)
        margin = material.margin
        wide = material.wide
        block_width = round(0.46 * material.canvas.width) if wide else material.canvas.width
        inner_block = block_width - 2 * margin
        block = column(
            "colour-block",
            [
                kicker(material, "kicker", lines.kicker, on_block.headline, "left") if lines.kicker else None,
                headline(material, "headline", lines.title, inner_block, on_block.headline, "left", step=8, max_lines=4)
                if lines.title
                else None,
                accent_rule(material, "headline-rule", on_block.headline),
            ],
            gap=material.unit(0.03),
            fill=colour,
            padding=margin,
            justify="end",
            role="panel",
            width=block_width if wide else "fill",
            height="fill" if wide else round(0.5 * material.canvas.height),
        )
        text_width = (material.canvas.width - block_width if wide else material.canvas.width) - 2 * margin
        cta = call_to_action(material, used, "cta", step=2)
        facts = fact_rows(material, used, "facts", ink, size_step=3)
        foot = _foot(material, lines)
        visuals, rest = _extras(material, used, text_width, "left")
        body = column(
            "details",
            [
                *_sublines(material, lines, ink, "left", text_width),
                facts,
                *_body(material, lines, ink, "left", text_width),
                *rest,
            ],
            gap=material.unit(0.035),
        )
        action = column(
            "foot",
            [cta, *_small_lines(material, foot, "small", ink, "left")],
            gap=material.unit(0.02),
            align="start",
        )
        side: list[Node] = [body]
        if visuals:
            side.append(visual_region(material, "visual", visuals))
        side.append(action)
        rest_column = column(
            "page-body",
            side,
            gap=material.unit(0.04),
            padding=margin,
            height="fill",
            justify="space_between",
        )
        root = page(
            material, [block, rest_column], layout="row" if wide else "column", padding=0, gap=0, decorate=False
        )
        return Design(self.name, root, "An editorial poster: the headline on a block of colour, the sublines and "
                      "facts left-aligned beside it, the call to action as a button.")  # fmt: skip


@dataclass(frozen=True)
class PosterPicture:
    """A poster led by its picture: the picture across the top (the right half of a wide page), the text
    left-aligned below (or beside) it. Only for briefs that ask for a picture and name no place for it."""

    name: str = "poster-picture"
    kinds: frozenset[DocumentKind] = _POSTERS

    def fit(self, material: Material) -> float | None:
        if not _has_visual(material) or places_things(material):
            return None
        return 0.9

    def compose(self, material: Material) -> Design:
        lines = _lines(material)
        used = lines.used
        ink = ink_on(material)
        margin = material.margin
        wide = material.wide
        inner = (material.canvas.width - 3 * margin) // 2 if wide else material.canvas.width - 2 * margin
        cta = call_to_action(material, used, "cta", step=2)
        facts = fact_rows(material, used, "facts", ink, size_step=2)
        foot = _foot(material, lines)
        visuals, rest = _extras(material, used, inner, "left")
        headline_lines = 3 if wide else 2
        text = column(
            "text",
            [
                kicker(material, "kicker", lines.kicker, ink.accent, "left") if lines.kicker else None,
                headline(
                    material, "headline", lines.title, inner, ink.headline, "left", step=7, max_lines=headline_lines
                )
                if lines.title
                else None,
                *_sublines(material, lines, ink, "left", inner, step=2),
            ],
            gap=material.unit(0.02),
        )
        details = Frame(
            id="details",
            layout="column" if wide else "row",
            gap=material.unit(0.04),
            align="start" if wide else "end",
            justify="space_between",
            width="fill",
            children=leaves([facts, cta]),
        )
        words: list[Node] = [
            text,
            *([details] if details.children else []),
            *_body(material, lines, ink, "left", inner),
            *rest,
            *_small_lines(material, foot, "small", ink, "left"),
        ]
        picture = visual_region(material, "visual", visuals)
        if wide:
            # Side by side: the words on the left, read first; the picture takes the right half.
            column_of_words = column(
                "words", words, gap=material.unit(0.04), width=inner, justify="center", height="fill"
            )
            root = page(material, [column_of_words, picture], layout="row", gap=margin)
        else:
            root = page(material, [picture, *words], gap=material.unit(0.04))
        return Design(self.name, root, "A picture-led poster: the picture on top (or on the right of a wide page), "
                      "the headline, facts and button left-aligned beside it.")  # fmt: skip


_OFFER = re.compile(r"%|\b(?:off|free|sale|save|gratis|rabatt|descuento|remise|soldes)\b", re.IGNORECASE)


def _offer_lines(material: Material, used: Used, ink: Ink, width: int) -> list[Node]:
    """The brief's offers ("up to 50% off", "free shipping") as a line of their own under the headline, in the
    accent: on a sale banner the offer is the key figure, not a fact among facts."""
    offers = [t for t in material.slots.of("price") if t not in used and _OFFER.search(t.text)]
    used.add(*offers)
    return [
        material.text(
            f"offer-{n}",
            offer,
            "subtitle",
            material.scale.fitted(offer.text, 6, width, max_lines=1, lowest=3),
            color=ink.accent,
            weight="bold",
            max_lines=1,
        )
        for n, offer in enumerate(offers, start=1)
    ]


@dataclass(frozen=True)
class BannerSplit:
    """A banner: the headline on one line over its subline and facts on the left, the call to action on the right;
    a picture, when asked, at the far left."""

    name: str = "banner-split"
    kinds: frozenset[DocumentKind] = frozenset({"banner"})

    def fit(self, material: Material) -> float | None:
        if not _carries(material):
            return None
        return 0.8 if material.wide else 0.5

    def compose(self, material: Material) -> Design:
        lines = _lines(material)
        used = lines.used
        ink = ink_on(material)
        margin = material.margin
        wide = material.wide
        cta = call_to_action(material, used, "cta", step=4)
        text_width = round(material.canvas.width * (0.62 if wide and cta else 0.86))
        offers = _offer_lines(material, used, ink, text_width)
        facts = fact_line(material, used, "facts", ink, "left", step=2)
        foot = _foot(material, lines)
        visuals, rest = _extras(material, used, text_width, "left")
        message = column(
            "message",
            [
                kicker(material, "kicker", lines.kicker, ink.accent, "left") if lines.kicker else None,
                headline(
                    material,
                    "headline",
                    lines.title,
                    text_width,
                    ink.headline,
                    "left",
                    step=10,
                    max_lines=1 if wide else 2,
                    lowest=3,
                )
                if lines.title
                else None,
                *offers,
                *_sublines(material, lines, ink, "left", text_width, step=5),
                *_body(material, lines, ink, "left", text_width, step=5),
                facts,
                *rest,
                *_small_lines(material, foot, "small", ink, "left"),
            ],
            gap=material.unit(0.04),
            width="fill",
        )
        children: list[Node] = []
        if visuals:
            side = round(material.canvas.height - 2 * margin) if wide else "fill"
            region = visual_region(material, "visual", visuals)
            children.append(region.model_copy(update={"width": side, "height": "fill"}))
        children.append(message)
        if cta:
            children.append(cta)
        root = page(
            material,
            children,
            layout="row" if wide else "column",
            padding=Insets(top=margin, bottom=margin, left=round(1.5 * margin), right=round(1.5 * margin)),
            gap=round(1.5 * margin),
            align="center",
        )
        return Design(self.name, root, "A banner: the headline on one line with its subline, the call to action on "
                      "the right.")  # fmt: skip


@dataclass(frozen=True)
class BannerBlock:
    """A banner with a block of colour on the left holding the brand, and the message with its button beside it.
    Only for briefs that name a brand."""

    name: str = "banner-block"
    kinds: frozenset[DocumentKind] = frozenset({"banner"})

    def fit(self, material: Material) -> float | None:
        # The block holds the brand: a long headline in it would be set small.
        if len(material.slots.texts) < 2 or not material.wide or not _carries(material):
            return None
        if first_for(material, Used(), "brand") is None:
            return None
        return 0.75

    def compose(self, material: Material) -> Design:
        lines = _lines(material)
        used = lines.used
        colour = block_colour(material)
        on_block = ink_on(material, colour)
        ink = ink_on(material)
        margin = material.margin
        block_width = round(0.3 * material.canvas.width)
        inner_block = block_width - 2 * margin
        lead, title = (lines.kicker, lines.title) if lines.kicker else (lines.title, None)
        block = column(
            "colour-block",
            [
                headline(material, "brand", lead, inner_block, on_block.headline, "left", step=8, max_lines=2, lowest=4)
                if lead
                else None,
                accent_rule(material, "brand-rule", on_block.headline),
            ],
            gap=material.unit(0.04),
            fill=colour,
            padding=margin,
            justify="center",
            role="panel",
            width=block_width,
            height="fill",
        )
        text_width = material.canvas.width - block_width - 4 * margin
        cta = call_to_action(material, used, "cta", step=4)
        facts = fact_line(material, used, "facts", ink, "left", step=2)
        foot = _foot(material, lines)
        visuals, rest = _extras(material, used, text_width, "left")
        message = column(
            "message",
            [
                material.text(
                    "headline",
                    title,
                    "title",
                    material.scale.fitted(title.text, 7, text_width, max_lines=2, lowest=3),
                    color=ink.headline,
                )
                if title
                else None,
                *_sublines(material, lines, ink, "left", text_width, step=5),
                *_body(material, lines, ink, "left", text_width, step=5),
                facts,
                *rest,
                *_small_lines(material, foot, "small", ink, "left"),
                cta,
            ],
            gap=material.unit(0.035),
            align="start",
            width="fill",
            justify="center",
            height="fill",
            padding=Insets(top=margin, bottom=margin, left=round(1.5 * margin), right=round(1.5 * margin)),
        )
        children: list[Node] = [block, message]
        if visuals:
            region = visual_region(material, "visual", visuals, radius=False)
            children.append(region.model_copy(update={"width": round(0.25 * material.canvas.width)}))
        root = page(material, children, layout="row", padding=0, gap=0, decorate=False)
        return Design(self.name, root, "A banner with the brand on a block of colour and the message and button "
                      "beside it.")  # fmt: skip


def _strong_ink(material: Material, behind: list[str]) -> str:
    """The headline colour if it reads from afar on `behind`, else black or white."""
    scheme = material.style.scheme
    if worst_contrast(scheme.headline, behind) >= _SIGN_CONTRAST:
        return scheme.headline
    return best_ink(behind, ["#FFFFFF", "#111111"], _SIGN_CONTRAST)


@dataclass(frozen=True)
class SignBold:
    """A sign: its message as big as the canvas allows, centred, in the strongest contrast; other lines under it."""

    name: str = "sign-bold"
    kinds: frozenset[DocumentKind] = frozenset({"sign"})

    def fit(self, material: Material) -> float | None:
        return 0.8 if _carries(material) else None

    def compose(self, material: Material) -> Design:
        lines = _lines(material)
        used = lines.used
        margin = round(1.5 * material.margin)
        inner = material.canvas.width - 2 * margin
        strong = _strong_ink(material, material.style.scheme.behind)
        ink = ink_on(material)
        facts = fact_line(material, used, "facts", ink, "center", step=2)
        foot = _foot(material, lines)
        visuals, rest = _extras(material, used, inner, "center")
        children = leaves(
            [
                kicker(material, "kicker", lines.kicker, ink.accent, "center") if lines.kicker else None,
                headline(material, "headline", lines.title, inner, strong, "center", step=9, max_lines=2, lowest=5)
                if lines.title
                else None,
                *_sublines(material, lines, ink, "center", inner, step=3),
                *_body(material, lines, ink, "center", inner, step=3),
                facts,
                *([visual_region(material, "visual", visuals)] if visuals else []),
                *rest,
                *_small_lines(material, foot, "small", ink, "center"),
            ]
        )
        root = page(material, children, padding=margin, gap=material.unit(0.04), align="center", justify="center")
        return Design(self.name, root, "A sign: the message big and centred in the strongest contrast.")


@dataclass(frozen=True)
class SignBand:
    """A framed sign: a thick border in the headline's colour, the message on a full-width band of colour, the
    other lines above and below it."""

    name: str = "sign-band"
    kinds: frozenset[DocumentKind] = frozenset({"sign"})

    def fit(self, material: Material) -> float | None:
        if not _carries(material) or material.tall:
            return None
        return 0.75

    def compose(self, material: Material) -> Design:
        lines = _lines(material)
        used = lines.used
        margin = material.margin
        colour = block_colour(material)
        band_ink = (
            _strong_ink(material, [colour])
            if worst_contrast(best_ink([colour]), [colour]) < _SIGN_CONTRAST
            else best_ink([colour])
        )
        ink = ink_on(material)
        inner = material.canvas.width - 4 * margin
        facts = fact_line(material, used, "facts", ink, "center", step=2)
        foot = _foot(material, lines)
        visuals, rest = _extras(material, used, inner, "center")
        band = column(
            "band",
            [headline(material, "headline", lines.title, inner, band_ink, "center", step=8, max_lines=2, lowest=4)]
            if lines.title
            else [],
            gap=0,
            fill=colour,
            padding=Insets(top=margin, bottom=margin, left=margin, right=margin),
            align="center",
            role="panel",
        )
        frame = column(
            "sign-face",
            [
                kicker(material, "kicker", lines.kicker, ink.accent, "center") if lines.kicker else None,
                band,
                *_sublines(material, lines, ink, "center", inner, step=3),
                *_body(material, lines, ink, "center", inner, step=3),
                facts,
                *([visual_region(material, "visual", visuals)] if visuals else []),
                *rest,
                *_small_lines(material, foot, "small", ink, "center"),
            ],
            gap=material.unit(0.05),
            align="stretch",
            justify="center",
            height="fill",
            padding=margin,
        )
        bordered = frame.model_copy(
            update={
                "border": Border(color=ink.headline, width=max(4, material.unit(0.012))),
                "radius": material.unit(0.02),
            }
        )
        root = page(material, [bordered], padding=margin)
        return Design(self.name, root, "A framed sign: the message on a band of colour, the other lines around it.")


POSTER_TEMPLATES = (
    PosterCentred(),
    PosterEditorial(),
    PosterPicture(),
    BannerSplit(),
    BannerBlock(),
    SignBold(),
    SignBand(),
)
"""The templates for posters, flyers, banners and signs."""
