"""Pictures a brief asks for ("a photo of a mountain lake filling the top half"): what they show, in what style, where.

A picture is read from a phrase such as "a photo of X", "an illustration of X" or "a painting of X". What it shows
(the prompt) is the brief's own words for X; where it goes comes from the words after it in the same clause ("filling
the top half", "in the bottom-left corner", "as the background") or just before it ("over a photograph of ...").
A phrase whose subject starts with a number ("a photo of 3 dogs") is a counted group drawn in that style, not a
picture: the count stays exact because every instance gets its own box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, cast

from tessera.planner._quotes import PLACEHOLDER

PictureStyle = Literal["photo", "illustration"]
Spot = Literal[
    "background", "top", "bottom", "left", "right", "top-left", "top-right", "bottom-left", "bottom-right", "center"
]  # fmt: skip
Extent = Literal["full", "half", "band", "side", "quarter", "corner", "inset"]

MAX_PICTURES = 3
MAX_SUBJECT_WORDS = 8

_PHOTO_NOUNS = ("photo", "photograph", "picture", "image", "snapshot")
_QUALIFIERS = (
    "realistic|photorealistic|photo-realistic|vintage|black-and-white|black\\s+and\\s+white|sepia|watercolou?r|flat|"
    "cartoon|colou?rful|detailed|soft|moody|aerial|close-up|full-bleed|full-page|full-width|large|big|small|wide|"
    "background|hero|stock|digital|hand-drawn|oil|retro|minimalist|dramatic|bright|dreamy|cinematic|panoramic|"
    "cute|simple|beautiful|stunning|high-quality|crisp|sunny|misty"
)
_TRIGGER = re.compile(
    rf"\b(?:(?:an?|the|one|single)\s+)?(?P<qual>(?:(?:{_QUALIFIERS})\s+){{0,3}})"
    r"(?P<noun>photo(?:graph)?s?|pictures?|images?|snapshots?|illustrations?|paintings?|drawings?|"
    r"watercolou?rs?|sketch(?:es)?|artworks?|renderings?)\s+of\s+",
    re.IGNORECASE,
)
_ILLUSTRATION_QUALIFIERS = ("watercolor", "watercolour", "flat", "cartoon", "hand-drawn", "digital", "oil")
# Words that end a picture's subject: what follows is where it goes, or another part of the poster.
_DESIGN_WORDS = frozenset(
    [
        "headline",
        "headlines",
        "title",
        "titles",
        "heading",
        "subheading",
        "subtitle",
        "tagline",
        "slogan",
        "footer",
        "text",
        "texts",
        "caption",
        "label",
        "labels",
        "logo",
        "date",
        "button",
        "words",
        "lettering",
        "banner",
        "poster",
        "flyer",
        "card",
    ]
)
_PLACEMENT_STARTERS = frozenset(
    [
        "filling",
        "fills",
        "covering",
        "covers",
        "taking",
        "spanning",
        "occupying",
        "across",
        "along",
        "as",
        "behind",
        "beneath",
        "below",
        "under",
        "underneath",
        "above",
        "beside",
        "next",
        "inside",
    ]
)
_REGION_WORDS = frozenset(
    [
        "top",
        "bottom",
        "left",
        "right",
        "upper",
        "lower",
        "center",
        "centre",
        "middle",
        "corner",
        "background",
        "backdrop",
        "whole",
        "entire",
        "full",
        "half",
        "side",
        "edge",
    ]
)
_LINKS = frozenset(["with", "and", "plus", "then", "while", "where", "that", "which", "for", "so"])
_TRAILING = frozenset(["a", "an", "the", "and", "with", "of", "in", "on", "at", "to", "for"])
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+|\S")

_BACKGROUND = re.compile(
    r"\b(?:as|for)\s+(?:the|a|an|its)\s+(?:whole\s+|full\s+|entire\s+)?(?:background|backdrop)\b"
    r"|\bin\s+the\s+background\b"
    r"|\b(?:filling|fills|covering|covers|across)\s+(?:the\s+)?(?:whole\s+|entire\s+|full\s+)?"
    r"(?:background|backdrop|canvas|poster|page|image|frame|card|flyer|slide|banner)\b"
    r"|\bbehind\s+(?:the\s+|all\s+(?:the\s+)?)?(?:text|headline|title|words|lettering|type)\b",
    re.IGNORECASE,
)
_BACKGROUND_BEFORE = re.compile(r"\b(?:over|on|atop|against|onto)\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_PLACEMENTS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?:top|upper|bottom|lower)[\s-]+(?:left|right)\s+quarter\b", re.IGNORECASE), "quarter"),
    (re.compile(r"\b(?:top|upper|bottom|lower)[\s-]+(?:left|right)\b", re.IGNORECASE), "corner"),
    (re.compile(r"\b(?:top|upper|bottom|lower|left|right)[\s-]+(?:half|third)\b", re.IGNORECASE), "half"),
    (
        re.compile(
            r"\b(?:across|along|at|on|over|in|near)\s+the\s+(?:very\s+)?(?:top|bottom)\b"
            r"|\b(?:top|bottom)\s+(?:band|strip|edge|row|banner)\b",
            re.IGNORECASE,
        ),
        "band",
    ),
    (
        re.compile(
            r"\b(?:on|to|at|along|in|down)\s+the\s+(?:left|right)\b|\b(?:left|right)[\s-]+side\b", re.IGNORECASE
        ),
        "side",
    ),
    (
        re.compile(r"\bcent(?:er|re)d\b|\b(?:in|at)\s+the\s+(?:center|centre|middle)\b", re.IGNORECASE),
        "center",
    ),
]
_CLAUSE_END = re.compile(rf"[.;!?\n:]|{PLACEHOLDER}|\b(?:{'|'.join(sorted(_DESIGN_WORDS))})\b", re.IGNORECASE)


@dataclass(frozen=True)
class PictureRequest:
    """One picture the brief asks for: its phrase's span, what it shows, its style and where it goes.

    `spot` None means the brief names no place, so the planner picks a hero region. `counted` is set when the
    subject starts with a number: then the phrase styles a counted group and draws no picture of its own.
    """

    start: int
    end: int
    prompt: str
    style: PictureStyle
    spot: Spot | None
    extent: Extent
    counted: bool = False
    placement_span: tuple[int, int] | None = None


def _style(noun: str, qualifiers: str) -> PictureStyle:
    noun = noun.lower().rstrip("s")
    if any(q in qualifiers.lower() for q in _ILLUSTRATION_QUALIFIERS):
        return "illustration"
    return "photo" if noun.startswith(_PHOTO_NOUNS) or noun == "photograph" else "illustration"


_ON_BACKDROP = re.compile(
    r"(?:on|against|over)\s+(?:an?|the)\s+(?:[A-Za-z-]+\s+){0,3}?(?:background|backdrop)\b", re.IGNORECASE
)


def _names_a_place(masked: str, at: int) -> bool:
    """Whether the words at `at` say where the picture goes ("in the top half") or what it sits on ("on a blue
    background"), rather than continuing what it shows ("in the woods")."""
    head = masked[at : at + 60]
    if _ON_BACKDROP.match(head) or _BACKGROUND.match(head):
        return True
    return any(pattern.match(head) for pattern, _ in _PLACEMENTS)


def _subject(masked: str, start: int, count_starts: frozenset[int]) -> tuple[int, int, bool]:
    """(start, end, is a counted group) of the words a picture shows, from `start` to the first stop."""
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(masked, start, min(len(masked), start + 200))]
    words: list[tuple[int, int, str]] = []
    for index, (s, e, token) in enumerate(tokens):
        lower = token.lower()
        ahead = tokens[index + 1 : index + 4]
        ahead_words = [t[2].lower() for t in ahead]
        if s in count_starts:
            return start, start, not words
        if not token[0].isalnum() or lower in _DESIGN_WORDS or lower in _PLACEMENT_STARTERS:
            break
        if lower in ("in", "on", "at", "to", "over", "against", "across", "along") and _names_a_place(masked, s):
            break
        if lower in _LINKS and (
            set(ahead_words[:2]) & _DESIGN_WORDS
            or any(t[0] in count_starts for t in ahead[:2])
            or ahead_words[:1] == [PLACEHOLDER]
            or _TRIGGER.match(masked, ahead[0][0] if ahead else e) is not None
        ):
            break
        words.append((s, e, token))
        if len(words) >= MAX_SUBJECT_WORDS:
            break
    while words and words[-1][2].lower() in _TRAILING:
        words.pop()
    if not words:
        return start, start, False
    return words[0][0], words[-1][1], False


_RELATION_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)


def _placement_after(masked: str, end: int) -> tuple[Spot | None, Extent, tuple[int, int] | None]:
    clause_end = _CLAUSE_END.search(masked, end)
    stop = min(clause_end.start() if clause_end else len(masked), end + 90)
    following = _TRIGGER.search(masked, end, stop)
    if following:
        stop = following.start()
    clause = masked[end:stop]
    found: list[tuple[int, int, str, re.Match[str]]] = []
    if match := _BACKGROUND.search(clause):
        found.append((match.start(), 0, "full", match))
    for rank, (pattern, extent) in enumerate(_PLACEMENTS, start=1):
        match = pattern.search(clause)
        # "a red car to the left of a bicycle" relates the car to the bicycle: no place on the canvas.
        if match and not _RELATION_AFTER.match(clause, match.end()):
            found.append((match.start(), rank, extent, match))
    if not found:
        return None, "half", None
    first = min(found, key=lambda f: (f[0], f[1]))[3]
    # "in the bottom-left corner" also reads as "in the bottom": the more specific of overlapping matches wins.
    overlapping = [f for f in found if f[3].start() < first.end() and first.start() < f[3].end()]
    _, _, extent, match = min(overlapping, key=lambda f: f[1])
    span = (end + match.start(), end + match.end())
    return _spot_of(match.group().lower(), extent), cast(Extent, extent), span  # extents are the table's values


def _placement_before(masked: str, start: int) -> tuple[Spot | None, Extent, tuple[int, int] | None]:
    """A place named at the start of the picture's own sentence: "Across the top, a photo of ..."."""
    sentence = max(masked.rfind(mark, 0, start) for mark in ".;!?\n") + 1
    lead = masked[sentence:start]
    if PLACEHOLDER in lead or _CLAUSE_END.search(lead) or len(lead) > 60:
        return None, "half", None
    spot, extent, span = _placement_after(lead, 0)
    return spot, extent, (sentence + span[0], sentence + span[1]) if span else None


def _spot_of(words: str, extent: str) -> Spot:
    if extent == "full":
        return "background"
    if extent == "center":
        return "center"
    vertical = (
        "top" if re.search(r"\b(?:top|upper)", words) else "bottom" if re.search(r"\b(?:bottom|lower)", words) else ""
    )
    horizontal = "left" if "left" in words else "right" if "right" in words else ""
    if vertical and horizontal:
        return cast(Spot, f"{vertical}-{horizontal}")  # a corner: top|bottom - left|right
    return cast(Spot, vertical or horizontal or "top")


def find_pictures(masked: str, count_spans: frozenset[tuple[int, int]] = frozenset()) -> list[PictureRequest]:
    """The pictures a quote-masked brief asks for, in brief order (at most MAX_PICTURES, one background).

    `count_spans` are where counted phrases ("3 dogs") are: a picture phrase whose subject is one comes back with
    `counted` set and `end` at the count, and styles that group instead of drawing a picture; one inside a count
    ("4 photos of apples") is that count's own wording.
    """
    count_starts = frozenset(start for start, _ in count_spans)
    found: list[PictureRequest] = []
    for match in _TRIGGER.finditer(masked):
        if found and match.start() < found[-1].end:
            continue
        if any(start <= match.start("noun") < end for start, end in count_spans):
            continue
        start, end, counted = _subject(masked, match.end(), count_starts)
        if counted:
            found.append(
                PictureRequest(
                    match.start(),
                    match.end(),
                    "",
                    _style(match.group("noun"), match.group("qual")),
                    None,
                    "half",
                    counted=True,
                )
            )
            continue
        if end <= start:
            continue
        qualifiers = match.group("qual")
        style = _style(match.group("noun"), qualifiers)
        prompt = " ".join(masked[start:end].split())
        spot, extent, span = _placement_after(masked, end)
        if spot is None:
            spot, extent, span = _placement_before(masked, match.start())
        if spot is None and (
            _BACKGROUND_BEFORE.search(masked[max(0, match.start() - 12) : match.start()])
            or re.search(r"\b(?:background|full-bleed|full-page)\b", qualifiers, re.IGNORECASE)
        ):
            spot, extent = "background", "full"
        if spot == "background" and any(p.spot == "background" for p in found):
            spot, extent = None, "half"
        kept = [q for q in qualifiers.split() if q.lower() not in ("background", "hero", "full-bleed", "full-page")]
        if kept and prompt:
            prompt = f"{prompt}, {' '.join(kept).lower()} {match.group('noun').lower().rstrip('s')}"
        found.append(
            PictureRequest(
                start=match.start(),
                end=max(end, match.end()),
                prompt=prompt[:300],
                style=style,
                spot=spot,
                extent=extent,
                counted=counted,
                placement_span=span,
            )
        )
    pictures = [p for p in found if not p.counted]
    return pictures[:MAX_PICTURES] + [p for p in found if p.counted]


def counted_styles(masked: str, count_spans: frozenset[tuple[int, int]]) -> dict[int, PictureStyle]:
    """The style of each counted phrase a picture phrase introduces ("photos of 4 apples"), by the count's offset."""
    count_starts = frozenset(start for start, _ in count_spans)
    styles: dict[int, PictureStyle] = {}
    for picture in find_pictures(masked, count_spans):
        if picture.counted:
            at = next((s for s in count_starts if picture.end <= s <= picture.end + 2), None)
            if at is not None:
                styles[at] = picture.style
    return styles
