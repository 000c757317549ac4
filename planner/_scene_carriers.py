"""Things that carry words in a scene: which thing a text is written on, and how the words are set on it.

"A chalkboard that says Soup of the Day", "a sign reading OPEN", "a banner": a board-like carrier is drawn as that
board, a panel (on posts, on an easel, on a stand, or on its own) sized for its words, the words filling it inside
a padding. "A mug that says World's Best Teacher", "a cake with Happy Birthday Leo written on it": a carrier a
drawing shows (an emoji or an icon) is drawn as usual, and its words go on a label plaque directly under it, or
over it where something stands under it, large enough to read. A carrier no drawing shows is a panel too, named
after it. A carrier the brief did not count is still drawn once, for its words; one that names the document
itself ("a neon sign that reads OPEN") is no thing of the scene: the document carries the words.

Sizes follow what the verifier needs to read the words back: the text's box keeps a ring of plain fill around
it as wide as the ring the verifier models the text's background from, so no border or corner of the panel
reaches into it.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from typing import Literal

from tessera.contract import (
    Border,
    Box,
    Constraints,
    ElementId,
    Frame,
    Node,
    RequiredCount,
    RequiredText,
    ShapeElement,
    SourceSpan,
    TextElement,
    contrast_ratio,
    hex_to_rgb,
)
from tessera.planner._numbers import singular
from tessera.planner._scene_sizes import Proportions

Posts = Literal["none", "post", "posts", "easel", "stand"]


@dataclass(frozen=True)
class PanelLook:
    """How a board-like thing looks: its face, its edge, the ink of its words, and what holds it up."""

    fill: str
    edge: str
    ink: str
    posts: Posts
    max_aspect: float  # the widest panel its words may ask for (width / height)


_WOOD_SIGN = PanelLook("#F6E7C8", "#8A6A3B", "#2B2118", "post", 2.6)
_CHALK = PanelLook("#2F3B33", "#8A6A3B", "#F4F1E8", "easel", 2.2)
_WHITEBOARD = PanelLook("#FBFBF8", "#9AA0A6", "#1F2A44", "easel", 2.2)
_SCREEN = PanelLook("#1E2430", "#4A5160", "#F5F7FA", "stand", 2.4)
_BANNER = PanelLook("#FFF3D6", "#B4432A", "#2B2118", "posts", 5.0)
_BILLBOARD = PanelLook("#FAFAF7", "#5A5F66", "#1B1B1F", "posts", 3.2)
_PAPER = PanelLook("#FFFDF7", "#8A8F98", "#1B1B1F", "none", 2.2)
_BUBBLE = PanelLook("#FFFFFF", "#3A3F47", "#1B1B1F", "none", 2.6)
_UNDRAWN = PanelLook("#E8ECF2", "#5B6B8C", "#1B1B1F", "none", 1.8)  # a thing no drawing shows, its words on it

# The words for board-like things (their last word: "menu board", "street sign"), and how each looks.
_PANELS: dict[str, PanelLook] = {
    "sign": _WOOD_SIGN, "signboard": _WOOD_SIGN, "signpost": _WOOD_SIGN, "board": _WOOD_SIGN,
    "placard": _WOOD_SIGN, "noticeboard": _WOOD_SIGN, "marquee": _WOOD_SIGN, "plaque": _WOOD_SIGN,
    "chalkboard": _CHALK, "blackboard": _CHALK, "whiteboard": _WHITEBOARD,
    "screen": _SCREEN, "display": _SCREEN, "monitor": _SCREEN, "lightbox": _SCREEN,
    "banner": _BANNER, "billboard": _BILLBOARD,
    "poster": _PAPER, "page": _PAPER, "paper": _PAPER, "sheet": _PAPER, "note": _PAPER, "card": _PAPER,
    "label": _PAPER, "sticker": _PAPER, "tag": _PAPER, "ticket": _PAPER, "receipt": _PAPER, "menu": _PAPER,
    "letter": _PAPER, "postcard": _PAPER, "invitation": _PAPER, "certificate": _PAPER, "scroll": _PAPER,
    "canvas": _PAPER, "envelope": _PAPER,
    "bubble": _BUBBLE, "speech bubble": _BUBBLE, "thought bubble": _BUBBLE,
}  # fmt: skip

# A panel's parts, as shares of the panel's height.
PANEL_SHARE = 0.62  # of a thing on posts, an easel or a stand: its panel; what holds it up takes the rest
_EDGE_SHARE = 0.035  # the panel's edge line
_RADIUS_SHARE = 0.08  # its corner radius
_POST_SHARE = 0.07  # of the panel's width: a post
_VERIFIER_RING = 0.08  # of a text box's shorter side: the ring around it the verifier models its background from
_LINE_PITCH = 1.3  # of the font size: the height of a line of words, with its gap
_RAGGED = 1.1  # wrapped lines are this much wider than their share of the words: words do not split evenly
_LATIN_EM = 0.62  # a bold Latin letter's advance, in ems (with the space after a word)
MAX_PANEL_LINES = 6
_BARE = 0.32  # of a panel's height: both of its paddings together, for choosing the words' lines

MIN_LABEL_PX = 30  # a label's font size: its capitals stand about 21 px tall, which tesseract reads exactly
_LABEL_SHARE = 0.13  # of the carrier's drawn width: a label's font size, between the two bounds
_LABEL_CANVAS_SHARE = 0.05  # of the canvas's short edge: the largest label font size
_LABEL_WIDTH = 1.25  # of the carrier's square: the widest a label plaque gets
_MAX_LABEL_LINES = 4
_LABEL_FILL, _LABEL_EDGE, _LABEL_INK = "#FFFFFF", "#3A3F47", "#1B1B1F"
_LABEL_EDGE_PX = 2
_DARK_FACE, _LIGHT_FACE = "#1B1B1F", "#FFFFFF"
_POST = "#7A5C33"
_LEGIBLE = 4.5  # WCAG contrast between words and what they are set on


def is_panel(object_class: str) -> bool:
    """Whether a thing of this class is a board-like carrier of words ("street sign", "chalkboard", "banner")."""
    return _look_of(object_class) is not None


def _look_of(object_class: str) -> PanelLook | None:
    name = object_class.lower().replace("-", " ").strip()
    return _PANELS.get(name) or _PANELS.get(name.split(" ")[-1]) or _PANELS.get(singular(name.split(" ")[-1]))


def panel_look(object_class: str) -> PanelLook:
    """How a board-like thing of the class looks; a thing no drawing shows is a plain box with its words on it."""
    return _look_of(object_class) or _UNDRAWN


# --- which thing carries a text ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Carriers:
    """The texts written on things, by the key of the thing (a count's id), and the carriers nobody counted (each a
    count made for it, of one instance per text it carries)."""

    texts: dict[str, list[RequiredText]]
    uncounted: list[RequiredCount]


def names_thing(carrier: str, object_class: str) -> bool:
    """Whether a carrier's word names things of a class: the same noun, or the head noun of the other ("cake" and
    "birthday cake", "speech bubble" and "bubble")."""
    a, b = (_words(carrier), _words(object_class))
    if not a or not b:
        return False
    return a == b or a[-1:] == b or b[-1:] == a


def _words(name: str) -> list[str]:
    return [singular(word) for word in re.split(r"[\s_-]+", name.lower().strip()) if word]


def carriers_of(constraints: Constraints, counts: list[RequiredCount]) -> Carriers:
    """Which counted thing each text is written on; carriers nobody counted get a count of their own, unless the
    carrier names the document itself."""
    texts: dict[str, list[RequiredText]] = {}
    made: dict[str, RequiredCount] = {}
    for text in (t for t in constraints.items if isinstance(t, RequiredText) and t.carrier):
        carrier = text.carrier or ""
        owner = next((c for c in counts if names_thing(carrier, c.object_class)), None)
        if owner is not None:
            if len(texts.get(owner.id, [])) < owner.count:
                texts.setdefault(owner.id, []).append(text)
            continue
        if _names_document(carrier, constraints):
            continue
        key = f"carrier-{'-'.join(_words(carrier))}"[:64]
        earlier = made.get(key)
        made[key] = (
            earlier.model_copy(update={"count": earlier.count + 1})
            if earlier is not None
            else _count_for(key, carrier, text.source)
        )
        texts.setdefault(key, []).append(text)
    return Carriers(texts, list(made.values()))


def _names_document(carrier: str, constraints: Constraints) -> bool:
    """Whether the carrier is the document being made ("a neon sign that reads OPEN", "Ein Schild mit ...")."""
    words = carrier.lower().strip()
    said = constraints.document_source.quote.lower() if constraints.document_source else ""
    return words == constraints.document or (bool(said) and words in said)


def _count_for(key: str, carrier: str, source: SourceSpan) -> RequiredCount:
    """A count of one carrier the brief names only as what a text is written on."""
    name = " ".join(_words(carrier)) or carrier
    span = SourceSpan(start=source.start, end=source.end, quote=f"a {name}")
    return RequiredCount(id=key, object_class=name[:40], count=1, noun=carrier[:60], source=span)


# --- a panel sized for its words ---------------------------------------------------------------------------------


def text_ems(text: str) -> float:
    """How wide the words are set on one line, in ems of their font size: a wide (CJK) character is one em."""
    return sum(1.0 if unicodedata.east_asian_width(char) in ("W", "F") else _LATIN_EM for char in text)


def panel_proportions(base: Proportions, object_class: str, texts: list[RequiredText], held: bool) -> Proportions:
    """The proportions of a board-like thing whose panel fits its longest words: as few lines as keep the panel no
    wider than its kind allows, so a sign with long words is wider, and one with a long message taller. `held`:
    whether posts, an easel or a stand hold the panel up (else it stands on the ground)."""
    look = panel_look(object_class)
    ems = max((text_ems(t.text) for t in texts), default=0.0)
    if ems == 0:
        return base
    aspect = look.max_aspect
    for lines in range(1, MAX_PANEL_LINES + 1):
        height = _LINE_PITCH * lines / (1 - _BARE)
        aspect = ((_RAGGED if lines > 1 else 1.0) * ems / lines + _BARE * height) / height
        if aspect <= look.max_aspect:
            break
    share = PANEL_SHARE if held and look.posts != "none" else 1.0
    return replace(base, aspect=max(1.0, min(aspect, look.max_aspect)) * share)


def _inset(panel: Box, edge: int, radius: int) -> int:
    """The padding between a panel's edge and its words: the edge line, what the rounded corner cuts in, and the
    verifier's ring around the words, clear of both."""
    return edge + math.ceil(0.3 * radius) + _ring(panel.w, panel.h) + 3


def _ring(w: int, h: int) -> int:
    """The ring around a text box of at most w x h that the verifier models the text's background from."""
    return max(4, math.ceil(_VERIFIER_RING * min(w, h)))


def panel_nodes(
    frame_id: ElementId,
    object_class: str,
    drawing: Box,
    z: int,
    text: RequiredText | None,
    colors: tuple[str | None, str | None] = (None, None),
    held: bool = True,
) -> list[Node]:
    """A board-like thing in the box its drawing takes: a panel (a frame named after the thing, so it is counted)
    with its words filling it inside a padding, and the posts, easel legs or stand that hold it up (unless not
    `held`: then the panel stands on the ground). `colors`: the brief's colour for the thing (its face) and for
    its words, if any."""
    look = panel_look(object_class)
    posts: Posts = look.posts if held else "none"
    panel_h = round(PANEL_SHARE * drawing.h) if posts != "none" else drawing.h
    panel = Box(x=drawing.x, y=drawing.y, w=max(8, drawing.w), h=max(8, panel_h))
    fill, words_ink = _face(look, *colors)
    edge, radius = max(2, round(_EDGE_SHARE * panel.h)), max(3, round(_RADIUS_SHARE * panel.h))
    children: list[Node] = []
    if text is not None:
        pad = _inset(panel, edge, radius)
        room = Box(x=panel.x + pad, y=panel.y + pad, w=max(1, panel.w - 2 * pad), h=max(1, panel.h - 2 * pad))
        children.append(_text_element(f"{frame_id}-text", room, z + 1, text, words_ink, room.h))
    legs = _holders(frame_id, posts, panel, drawing.bottom, z, look.edge)
    board = Frame(
        id=frame_id, box=panel, z=z, layout="stack", fill=fill, border=Border(color=look.edge, width=edge),
        radius=radius, role="panel", name=object_class, children=children,
    )  # fmt: skip
    return [*legs, board]


def _face(look: PanelLook, fill: str | None, ink: str | None) -> tuple[str, str]:
    """(the panel's face, the words' ink): the brief's colours where it gives them, the words always legible. Asked
    words on a face they do not read on get a dark or a light face; words on an asked face, a dark or a light ink."""
    face = fill or look.fill
    if ink is None:
        return face, look.ink if fill is None else _legible_on(face)
    if fill is None and not _reads(ink, face):
        face = _legible_on(ink)
    return face, ink


def _reads(ink: str, face: str) -> bool:
    return contrast_ratio(hex_to_rgb(ink), hex_to_rgb(face)) >= _LEGIBLE


def _legible_on(color: str) -> str:
    """The dark or the light neutral, whichever stands out more against `color`."""
    return max((_DARK_FACE, _LIGHT_FACE), key=lambda other: contrast_ratio(hex_to_rgb(color), hex_to_rgb(other)))


def _holders(frame_id: str, posts: Posts, panel: Box, ground: int, z: int, color: str) -> list[Node]:
    """What holds a panel up to the ground: one post, two posts, an easel's two splayed legs (drawn upright), or a
    short stand on a foot."""
    if posts == "none" or ground <= panel.bottom:
        return []
    width = max(3, round(_POST_SHARE * panel.w / (2 if posts in ("posts", "easel") else 1)))
    if posts == "stand":
        width = max(4, round(0.12 * panel.w))
        foot = max(4, round(0.05 * panel.h))
        neck = Box(x=panel.x + (panel.w - width) // 2, y=panel.bottom - 2, w=width, h=max(1, ground - panel.bottom + 2))
        base = Box(x=panel.x + round(0.3 * panel.w), y=ground - foot, w=max(1, round(0.4 * panel.w)), h=foot)
        return [
            ShapeElement(id=f"{frame_id}-stand", box=neck, z=z, fill=color),
            ShapeElement(id=f"{frame_id}-foot", box=base, z=z, shape="rounded_rectangle", fill=color, corner_radius=2),
        ]
    places = [0.5] if posts == "post" and panel.w < 2 * panel.h else [0.15, 0.85] if posts != "easel" else [0.22, 0.78]
    return [
        ShapeElement(
            id=f"{frame_id}-post-{n}",
            box=Box(
                x=panel.x + round(share * panel.w) - width // 2,
                y=panel.bottom - 2,
                w=width,
                h=max(1, ground - panel.bottom + 2),
            ),
            z=z,
            fill=color if posts == "easel" else _POST,
        )
        for n, share in enumerate(places, start=1)
    ]


def _text_element(element_id: str, box: Box, z: int, text: RequiredText, ink: str, largest: int) -> TextElement:
    return TextElement(
        id=element_id,
        box=box,
        z=z,
        text=text.text,
        script=text.script,
        language=text.language,
        role="label",
        font_weight="bold",
        max_font_size=max(8, min(800, largest)),
        color=ink,
    )


# --- a label plaque for a drawn thing -----------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelSize:
    """A label plaque's size and its words' font size and box size inside it, in pixels."""

    w: int
    h: int
    font: int
    words: tuple[int, int]  # width, height
    pad: int


def label_size(text: RequiredText, drawing_w: int, widest: int, short_edge: int) -> LabelSize:
    """The plaque for words on a drawn thing `drawing_w` wide: the largest font between a floor tesseract reads
    exactly and a share of the canvas, on as few lines as keep the plaque within `widest` pixels (four at most;
    past that the font shrinks to the floor)."""
    ceiling = max(MIN_LABEL_PX, round(_LABEL_CANVAS_SHARE * short_edge))
    font = min(ceiling, max(MIN_LABEL_PX, round(_LABEL_SHARE * drawing_w)))
    ems = text_ems(text.text)
    while True:
        for lines in range(1, _MAX_LABEL_LINES + 1):
            size = _label_at(ems, font, lines)
            if size.w <= widest:
                return size
        if font <= MIN_LABEL_PX:
            size = _label_at(ems, font, _MAX_LABEL_LINES)
            words_w = max(1, widest - 2 * size.pad)
            return replace(size, w=widest, words=(words_w, size.words[1]))
        font = max(MIN_LABEL_PX, math.floor(0.9 * font))


def _label_at(ems: float, font: int, lines: int) -> LabelSize:
    words_w = math.ceil((ems if lines == 1 else _RAGGED * ems / lines) * font) + 4
    words_h = math.ceil(_LINE_PITCH * lines * font)
    pad = _LABEL_EDGE_PX + _ring(words_w, words_h) + max(4, round(0.3 * font))
    return LabelSize(w=words_w + 2 * pad, h=words_h + 2 * pad, font=font, words=(words_w, words_h), pad=pad)


def label_nodes(label_id: str, plaque: Box, size: LabelSize, z: int, text: RequiredText) -> list[Node]:
    """A plaque at `plaque` with the words on it, dark on white (over 15:1)."""
    words = Box(x=plaque.x + size.pad, y=plaque.y + size.pad, w=size.words[0], h=size.words[1])
    return [
        ShapeElement(
            id=f"{label_id}-label", box=plaque, z=z, shape="rounded_rectangle", fill=_LABEL_FILL, stroke=_LABEL_EDGE,
            stroke_width=_LABEL_EDGE_PX, corner_radius=max(3, round(0.25 * size.font)),
        ),
        _text_element(f"{label_id}-text", words, z + 1, text, _LABEL_INK, size.font),
    ]  # fmt: skip
