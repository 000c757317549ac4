"""How a counted group is drawn: as sprites, or generated one instance per box when the brief asks for a real look.

"3 realistic dogs", "photos of 4 apples" and "5 photorealistic cupcakes" ask for photographs; "2 painted cats" or
"a watercolour of 3 boats" for illustrations. A class no sprite can draw is generated too (as an illustration,
which sits with the poster's flat look), rather than shown as labelled badges. The count never changes: the
renderer gives every instance its own box and its own prompt.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from tessera.contract import RequiredCount
from tessera.planner._pictures import PictureStyle

Look = Literal["sprite", "generated"]
SpriteLookup = Callable[[str], object | None]
"""Whether a sprite draws a class (None: none does): the renderer's `sprite_for`, passed in where parts are built."""

_PHOTO_WORDS = re.compile(
    r"\b(?:realistic|photo-?realistic|hyper-?realistic|life-?like|photographic|photographed|real|photos?|"
    r"photographs?|pictures?|images?)\b",
    re.IGNORECASE,
)
_ILLUSTRATION_WORDS = re.compile(
    r"\b(?:painted|paintings?|watercolou?rs?|illustrated|illustrations?|hand-drawn|drawings?|drawn|sketched|sketch(?:es)?)\b",
    re.IGNORECASE,
)
_STYLE_WORDS = re.compile(rf"{_PHOTO_WORDS.pattern}|{_ILLUSTRATION_WORDS.pattern}|\bof\b|\bthe\b", re.IGNORECASE)
_NUMBER = re.compile(r"^(?:half\s+a\s+|exactly\s+)?\S+\s+(?:dozen\s+|pair\s+of\s+|couple\s+of\s+)?", re.IGNORECASE)


def asked_style(required: RequiredCount) -> PictureStyle | None:
    """The look the count's own words ask for ("3 realistic dogs": photo), or None for no particular look."""
    quote = required.source.quote
    if _ILLUSTRATION_WORDS.search(quote):
        return "illustration"
    if _PHOTO_WORDS.search(quote):
        return "photo"
    return None


def _article(phrase: str) -> str:
    return "an" if phrase[:1].lower() in "aeiou" else "a"


def instance_prompt(required: RequiredCount, style: PictureStyle) -> str:
    """What one instance shows, in the brief's words.

    "5 small red balloons" as photos gives "a photo of a small red balloon"; words that only name the look
    ("realistic", "painted") are left to the style.
    """
    phrase = _NUMBER.sub("", required.source.quote, count=1)
    words = _STYLE_WORDS.sub(" ", phrase).split()[:-1]  # the last word is the counted noun itself
    describing = [w for w in words if w.lower() not in required.object_class.lower().split()]
    thing = " ".join([*describing, required.object_class])
    lead = "a photo of" if style == "photo" else "an illustration of"
    return f"{lead} {_article(thing)} {thing}"[:300]


def group_look(
    required: RequiredCount, picture_style: PictureStyle | None, sprite_for: SpriteLookup | None
) -> tuple[Look, str | None]:
    """(look, prompt) for a counted group: generated when a look is asked for or no sprite draws the class."""
    style = picture_style or asked_style(required)
    if style is None and sprite_for is not None and sprite_for(required.object_class) is None:
        style = "illustration"
    if style is None:
        return "sprite", None
    return "generated", instance_prompt(required, style)
