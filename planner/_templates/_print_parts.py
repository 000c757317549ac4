"""Pieces the print templates share: what each text is for, the grouped facts of an event (when, where, price),
the call to action, the visual region, kickers, rules and the page's root.

A text's purpose is the reader's; a plain body line whose words look like a date, a time, a price or contact
details ("Friday 8 PM", "tickets $15", "ana@studio.com") is treated as one, so the facts group even when the brief
only quotes them. Nothing here sets a string the brief did not give: facts carry icons, never labels such as
"When".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from tessera.contract import (
    AssetElement,
    Frame,
    IconElement,
    Insets,
    Node,
    PictureElement,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    ShapeElement,
    TextPurpose,
)
from tessera.planner._colors import best_ink, worst_contrast
from tessera.planner._extract import picture_requests
from tessera.planner._palette import LARGE_TEXT_CONTRAST, MIN_CONTRAST
from tessera.planner._templates._base import Material, Used
from tessera.planner._templates._decor import decoration_nodes

Align = Literal["left", "center", "right"]

FACT_PURPOSES: tuple[TextPurpose, ...] = ("date", "time", "venue", "price")
_FACT_ICON: dict[str, str] = {"date": "calendar", "time": "clock", "venue": "map-pin", "price": "ticket"}
_CONTACT_ICON = (("@", "mail"), ("www.", "world"), ("http", "world"), (".", "world"))

_DAY_MONTH = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|januar|februar|märz|juni|juli|oktober|dezember|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|mai|juin|juillet|août|"
    r"septembre|octobre|novembre|décembre|lunes|martes|miércoles|jueves|viernes|sábado|domingo|enero|febrero|"
    r"marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
_FREE = r"free|gratis|kostenlos|gratuit\w*|entrada libre|eintritt frei|entrée libre|無料|免费"
_GUESSES: tuple[tuple[TextPurpose, re.Pattern[str]], ...] = (
    ("contact", re.compile(r"\S+@\S+\.\w+|https?://|\bwww\.|^\+?[\d ().-]{7,}$|\b[\w-]+\.(?:com|org|net|io|dev)\b")),
    ("price", re.compile(rf"[$€£¥₹]\s?\d|\d\s?(?:€|EUR|USD|円|元)|\b(?:{_FREE})\b", re.I)),
    ("date", re.compile(
        rf"\b(?:{_DAY_MONTH})\b|\b\d{{1,2}}[./]\d{{1,2}}(?:[./]\d{{2,4}})?\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b|"
        r"\d+月\d+日|[月火水木金土日]曜|星期[一二三四五六日天]|周[一二三四五六日]",
        re.I,
    )),
    ("time", re.compile(r"\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.|uhr|h)\b|\b\d{1,2}:\d{2}\b|\d+[時点]", re.I)),
    ("cta", re.compile(
        r"^(?:shop|buy|book|order|register|sign up|join|get|learn|download|try|call|visit|reserve|rsvp|subscribe|"
        r"scan|apply|donate|jetzt|melde|buche|réserve|inscri|achete|compra|reserva|regístrate|únete)\b|"
        r"\bnow!?$|jetzt!?$|今すぐ|立即|予約|申し込|报名",
        re.I,
    )),
)  # fmt: skip
_EM_PER_CHAR = 0.6  # a bold Latin letter's average advance, in em: room for a hugging group of facts
_WIDE_CHAR = 0x2E80  # from here on (CJK and kana) a character takes a whole em
_MAX_CTA_CHARS = 32  # a longer line that starts "Join us..." is a sentence, not a button
_GUESSED_OVER = frozenset({"body", "caption", "subtitle"})  # purposes a role implies, which the words may refine
_LABEL_WORDS = re.compile(
    r"\blabel(?:s|led|ed)?\b|\bcaption(?:s|ed)?\b|\bwith (?:their |the )?names\b|\bnamed\b|beschrift|étiquet|"
    r"etiqueta|ラベル|名前付き|标签|标注",
    re.I,
)


def purpose(material: Material, text: RequiredText) -> TextPurpose:
    """What `text` is for: the reader's purpose, or, for a plain line, the one its words show (a date, a price)."""
    given = material.slots.purposes.get(text.id, "body")
    if text.purpose is not None or given not in _GUESSED_OVER:
        return given
    for guess, pattern in _GUESSES:
        if pattern.search(text.text) and (guess != "cta" or len(text.text) <= _MAX_CTA_CHARS):
            return guess
    return given


def carried_by_structures(material: Material) -> list[RequiredText]:
    """The quoted texts a structure of the brief sets itself ("bullets: ... and 'Call 555-0199'"): placing them
    again would draw them twice."""
    carried = []
    for text in material.slots.texts:
        for structure in material.slots.structures:
            inside = structure.source.start <= text.source.start and text.source.end <= structure.source.end
            entries = {
                structure.title,
                *(item.label for item in structure.items),
                *(item.value for item in structure.items),
            }
            if inside and text.text in entries:
                carried.append(text)
                break
    return carried


def texts_for(material: Material, used: Used, *purposes: TextPurpose) -> list[RequiredText]:
    """The texts not yet placed whose purpose (see `purpose`) is one of `purposes`, in brief order."""
    return [t for t in material.slots.texts if t not in used and purpose(material, t) in purposes]


def first_for(material: Material, used: Used, *purposes: TextPurpose) -> RequiredText | None:
    """The first unplaced text of the first of `purposes` that has one."""
    for wanted in purposes:
        found = texts_for(material, used, wanted)
        if found:
            return found[0]
    return None


def places_things(material: Material) -> bool:
    """Whether the brief asks for a scene: things to count ("a pair of hearts", "6 coffee cups in a row") or says
    where things go ("a photo filling the left half"). The generic layout arranges and places those as asked, so
    a print template leaves such briefs to it."""
    if any(isinstance(item, RequiredPosition | RequiredCount) for item in material.constraints.items):
        return True
    return any(request.spot is not None for request in picture_requests(material.constraints))


def asks_for_labels(material: Material) -> bool:
    """Whether the brief asks for names under its icons ("labelled", "with captions")."""
    return bool(_LABEL_WORDS.search(material.constraints.brief))


@dataclass(frozen=True)
class Ink:
    """The colours a template sets text in on one surface: headline, body, muted, accent."""

    headline: str
    body: str
    muted: str
    accent: str


def ink_on(material: Material, surface: str | None = None) -> Ink:
    """The inks for text on `surface` (None: the page's background), each readable there."""
    scheme = material.style.scheme
    if surface is None:
        behind = scheme.behind
        accent = scheme.accent if worst_contrast(scheme.accent, behind) >= MIN_CONTRAST else scheme.headline
        return Ink(scheme.headline, scheme.ink, material.style.muted, accent)
    behind = [surface]
    body = best_ink(behind, [scheme.ink])
    headline = best_ink(behind, [scheme.headline, body])
    accent = best_ink(behind, [scheme.accent, headline])
    return Ink(headline, body, body, accent)


def block_colour(material: Material) -> str:
    """The colour of a block or panel that stands out from the page: the accent where large text reads on it."""
    scheme = material.style.scheme
    accent = scheme.accent
    if worst_contrast(best_ink([accent]), [accent]) >= LARGE_TEXT_CONTRAST:
        return accent
    return scheme.headline


def kicker(material: Material, node_id: str, text: RequiredText, color: str, align: Align) -> Node:
    """A short line above a title (the brand, the presenter): bold, tracked, in the accent."""
    return material.text(
        node_id, text, "caption", material.scale.size(1), color=color, align=align, weight="bold", letter_spacing=0.12
    )


def headline(
    material: Material,
    node_id: str,
    text: RequiredText,
    width: int,
    color: str,
    align: Align,
    *,
    step: int = 6,
    max_lines: int = 3,
    lowest: int = 3,
) -> Node:
    """The page's entry point: the largest text, set as large as `max_lines` lines in `width` allow."""
    size = material.scale.fitted(text.text, step, width, max_lines=max_lines, lowest=lowest)
    node = material.text(node_id, text, "title", size, color=color, align=align, max_lines=max_lines + 1)
    return node.model_copy(update={"line_spacing": 1.08})


def accent_rule(material: Material, node_id: str, color: str, *, width: int | None = None) -> ShapeElement:
    """A short thick rule under a title."""
    thickness = max(3, material.unit(0.006))
    return ShapeElement(
        id=node_id,
        shape="rounded_rectangle",
        width=width or material.unit(0.09),
        height=thickness,
        fill=color,
        corner_radius=thickness // 2,
    )


def hairline(material: Material, node_id: str, color: str) -> ShapeElement:
    """A thin full-width divider between groups."""
    return ShapeElement(
        id=node_id, shape="divider", height=2, fill=color, stroke=color, stroke_width=max(1, material.short // 700)
    )


def fact_rows(
    material: Material,
    used: Used,
    node_id: str,
    ink: Ink,
    *,
    size_step: int = 2,
    purposes: Sequence[TextPurpose] = (),
    hug: bool = False,
) -> Frame | None:
    """The event's facts grouped: each date, time, venue and price (and contact line when asked) on its own row
    after an icon that says what it is; None when the brief gives none. `hug`: as wide as the longest row, so a
    centred page can centre the group while its rows stay left-aligned."""
    facts = texts_for(material, used, *(purposes or FACT_PURPOSES))
    if not facts:
        return None
    size = material.scale.size(size_step)
    longest = max(ems(fact.text) for fact in facts)
    rows: list[Node] = []
    for n, fact in enumerate(facts, start=1):
        icon = IconElement(
            id=f"{node_id}-{n}-icon", name=_icon_for(material, fact), color=ink.accent, width=size, height=size
        )
        words = material.text(f"{node_id}-{n}", fact, "body", size, color=ink.headline, weight="bold")
        rows.append(
            Frame(id=f"{node_id}-{n}-row", layout="row", gap=round(0.6 * size), align="center", children=[icon, words])
        )
        used.add(fact)
    room = material.canvas.width - 2 * material.margin  # a long fact wraps inside the margins, never past them
    width: int | Literal["fill"] = min(room, round((longest + 2.5) * size)) if hug else "fill"
    return Frame(id=node_id, layout="column", gap=round(0.5 * size), width=width, children=rows)


def ems(text: str) -> float:
    """About how many em `text` runs to in a bold face."""
    return sum(1.0 if ord(char) >= _WIDE_CHAR else _EM_PER_CHAR for char in text)


def centred(node: Node) -> Frame:
    """`node` centred across the width of its column."""
    return Frame(id=f"{node.id}-centred", layout="row", justify="center", width="fill", children=[node])


def fact_line(
    material: Material,
    used: Used,
    node_id: str,
    ink: Ink,
    align: Align,
    *,
    step: int = 1,
    purposes: Sequence[TextPurpose] = FACT_PURPOSES,
) -> Node | None:
    """The facts as one line of text pieces after their icons, for a banner or a short card; None when none."""
    facts = texts_for(material, used, *purposes)
    if not facts:
        return None
    size = material.scale.size(step)
    pieces: list[Node] = []
    for n, fact in enumerate(facts, start=1):
        icon = IconElement(
            id=f"{node_id}-{n}-icon", name=_icon_for(material, fact), color=ink.accent, width=size, height=size
        )
        words = material.text(f"{node_id}-{n}", fact, "body", size, color=ink.body, weight="bold", width="hug")
        pieces.append(
            Frame(
                id=f"{node_id}-{n}-piece", layout="row", gap=round(0.4 * size), align="center", children=[icon, words]
            )
        )
        used.add(fact)
    justify: Literal["start", "center", "end"] = "start" if align == "left" else "end" if align == "right" else "center"
    return Frame(
        id=node_id, layout="row", gap=round(1.4 * size), wrap=True, align="center", justify=justify, children=pieces
    )


def _icon_for(material: Material, text: RequiredText) -> str:
    kind = purpose(material, text)
    if kind == "contact":
        return next((icon for mark, icon in _CONTACT_ICON if mark in text.text), "phone")
    return _FACT_ICON.get(kind, "point")


def call_to_action(
    material: Material, used: Used, node_id: str, *, on: str | None = None, step: int = 1
) -> Frame | None:
    """The call to action as a button: the brief's CTA, else its price ("tickets $15"); None when it has neither.
    `on` is the surface the button sits on (None: the page), so it stands out from it."""
    text = first_for(material, used, "cta") or first_for(material, used, "price")
    if text is None:
        return None
    used.add(text)
    behind = [on] if on else material.style.scheme.behind
    fill = material.style.look.button
    if worst_contrast(fill, behind) < 1.6:
        fill = (
            material.style.scheme.accent
            if worst_contrast(material.style.scheme.accent, behind) >= 1.6
            else material.style.scheme.headline
        )
    size = material.scale.size(step)
    label = material.text(
        f"{node_id}-label", text, "label", size, color=best_ink([fill]), align="center", weight="bold", width="hug"
    )
    pad_y, pad_x = round(0.75 * size), round(1.5 * size)
    return Frame(
        id=node_id,
        role="button",
        name=f"{text.text[:60]} button",
        fill=fill,
        radius=round(material.style.radius * material.short),
        padding=Insets(top=pad_y, bottom=pad_y, left=pad_x, right=pad_x),
        align="center",
        justify="center",
        children=[label],
    )


def visual_nodes(nodes: Sequence[Node]) -> tuple[list[Node], list[Node]]:
    """`nodes` (a template's extras) split into the visual ones (pictures, the user's own images), which a poster
    gives a region of their own, and the rest."""
    visual: list[Node] = [n for n in nodes if isinstance(n, PictureElement | AssetElement)]
    return visual, [n for n in nodes if n not in visual]


def visual_region(material: Material, node_id: str, visuals: Sequence[Node], *, radius: bool = True) -> Frame:
    """A region that takes the room left and shows the pictures side by side."""
    children: list[Node] = [node.model_copy(update={"width": "fill", "height": "fill"}) for node in visuals]
    return Frame(
        id=node_id,
        layout="row",
        gap=material.unit(0.03),
        width="fill",
        height="fill",
        radius=round(material.style.radius * material.short) if radius else 0,
        align="stretch",
        children=children,
    )


def page(
    material: Material,
    children: Sequence[Node],
    *,
    layout: Literal["column", "row", "stack"] = "column",
    padding: int | Insets | None = None,
    gap: int | None = None,
    align: Literal["start", "center", "end", "stretch"] = "stretch",
    justify: Literal["start", "center", "end", "space_between"] = "start",
    decorate: bool = True,
) -> Frame:
    """The root frame: the whole canvas inside its margins, with the style's decoration in the margin unless the
    template draws its own frame (`decorate` False)."""
    return Frame(
        id="root",
        layout=layout,
        padding=material.margin if padding is None else padding,
        gap=material.unit(0.04) if gap is None else gap,
        align=align,
        justify=justify,
        children=[*children, *(decoration_nodes(material) if decorate else [])],
    )


def column(
    node_id: str,
    children: Sequence[Node | None],
    *,
    gap: int,
    align: Literal["start", "center", "end", "stretch"] = "stretch",
    width: int | Literal["fill", "hug"] = "fill",
    height: int | Literal["fill", "hug"] = "hug",
    justify: Literal["start", "center", "end", "space_between"] = "start",
    fill: str | None = None,
    padding: int | Insets = 0,
    role: Literal["panel", "header", "footer", "card", "section"] | None = None,
    radius: int = 0,
) -> Frame:
    """A column of the given children (None skipped)."""
    kept: list[Node] = [c for c in children if c is not None]
    return Frame(
        id=node_id,
        layout="column",
        gap=gap,
        align=align,
        width=width,
        height=height,
        justify=justify,
        fill=fill,
        padding=padding,
        role=role,
        radius=radius,
        children=kept,
    )


def leaves(nodes: Sequence[Node | None]) -> list[Node]:
    """The nodes that are there."""
    return [n for n in nodes if n is not None]
