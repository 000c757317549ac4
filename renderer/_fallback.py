"""Font fallback inside one string: which face draws each cluster, and the same-face segments in visual order."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from tessera.contract import FontFamily, Script, TextElement, language_of, script_runs
from tessera.contract.bidi import RTL_SCRIPTS, run_levels, visual_order
from tessera.renderer._clusters import clusters, is_variation_selector
from tessera.renderer._fonts import FontBook, FontFace, covers

_CJK: frozenset[Script] = frozenset({"han", "kana", "hangul"})
# Characters shaping hides (joiners, direction marks, soft hyphen, word joiner): no face needs a glyph for them.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e")
_EMOJI_PRESENTATION = "\ufe0f"
_FIRST_PICTOGRAPH = 0x1F000  # from here on (mahjong tiles to symbols and pictographs) emoji look is the default


@dataclass(frozen=True)
class FaceChain:
    """The faces a text element draws from, nearest first: its own, its runs' scripts' (in its family and style),
    then the fixed fallbacks."""

    fonts: FontBook
    primary: FontFace
    script: Script
    language: str
    weight: str
    family: FontFamily = "sans"
    italic: bool = False

    @classmethod
    def of(cls, element: TextElement, fonts: FontBook) -> FaceChain:
        """The chain for `element`: its script's face in its family, weight and style first."""
        primary = fonts.brand_face(element.role) or fonts.text_face(
            element.script, element.font_weight, element.family, element.italic
        )
        return cls(
            fonts, primary, element.script, element.language, element.font_weight, element.family, element.italic
        )

    @property
    def rtl(self) -> bool:
        """Whether the element's own script runs right to left (the base direction of its lines)."""
        return self.script in RTL_SCRIPTS


@dataclass(frozen=True)
class FaceChoice:
    """One cluster of a string and the face that has all its characters (None: no installed face has them)."""

    text: str
    face: FontFace | None
    level: int  # bidi embedding level: even left to right, odd right to left
    language: str


@dataclass(frozen=True)
class Segment:
    """A stretch of one line drawn in one call: one face, one direction, one language."""

    text: str
    face: FontFace
    level: int
    language: str

    @property
    def rtl(self) -> bool:
        """Whether raqm sets this segment right to left."""
        return self.level % 2 == 1


def choose_faces(chain: FaceChain, text: str) -> list[FaceChoice]:
    """Every cluster of `text` in order, with the face that draws it, its bidi level and its language.

    A cluster goes to the first face whose character map has all its visible
    characters: the element's face, then its run's script face, then the fixed
    fallbacks (colour emoji first for pictographs and emoji-presentation
    sequences). A space stays in the (text) face before it, so runs are not
    cut by it. Levels come from the script runs (see `run_levels`).
    """
    choices: list[FaceChoice] = []
    previous: FontFace | None = None
    for run in script_runs(text):
        language = _language(chain, run.script)
        for piece, level in run_levels(run.text, run.script in RTL_SCRIPTS, chain.rtl):
            for cluster in clusters(piece):
                face = _face_for(chain, cluster, run.script, previous)
                choices.append(FaceChoice(cluster, face, level, language))
                previous = face or previous
    return choices


def uncovered(chain: FaceChain, text: str) -> str:
    """The distinct characters of `text` that no installed face has, in order of appearance."""
    if _primary_has_all(chain, text):
        return ""
    missing = (char for choice in choose_faces(chain, text) if choice.face is None for char in choice.text)
    return "".join(dict.fromkeys(char for char in missing if _needs_glyph(char)))


@lru_cache(maxsize=1 << 14)
def segments(chain: FaceChain, line: str) -> tuple[Segment, ...]:
    """`line` as same-face segments in visual order, left to right; a cluster no face has uses the primary face."""
    logical, order = ordered_segments(chain, line)
    return tuple(logical[index] for index in order)


@lru_cache(maxsize=1 << 14)
def ordered_segments(chain: FaceChain, line: str) -> tuple[tuple[Segment, ...], tuple[int, ...]]:
    """`line` as same-face segments in logical order, and the order they are displayed in (indices, left to
    right)."""
    if _primary_has_all(chain, line):
        # One raqm call shapes and orders it, bidi included, as well as segments would, at a third of the cost.
        return (Segment(line, chain.primary, int(chain.rtl), chain.language),), (0,)
    logical: list[Segment] = []
    for choice in choose_faces(chain, line):
        face = choice.face or chain.primary
        last = logical[-1] if logical else None
        if last is not None and (last.face, last.level, last.language) == (face, choice.level, choice.language):
            logical[-1] = Segment(last.text + choice.text, face, last.level, last.language)
        else:
            logical.append(Segment(choice.text, face, choice.level, choice.language))
    return tuple(logical), tuple(visual_order([segment.level for segment in logical]))


def _primary_has_all(chain: FaceChain, line: str) -> bool:
    chars = set(line)
    return _EMOJI_PRESENTATION not in chars and all(covers(chain.primary, char) for char in chars if _needs_glyph(char))


def _face_for(chain: FaceChain, cluster: str, script: Script, previous: FontFace | None) -> FontFace | None:
    # Not the emoji face's: its space is as wide as an emoji.
    if previous is not None and not previous.color and cluster.isspace() and _has(previous, cluster):
        return previous
    wants_emoji = _EMOJI_PRESENTATION in cluster or any(ord(char) >= _FIRST_PICTOGRAPH for char in cluster)
    found = next((face for face in _candidates(chain, script, wants_emoji) if _has(face, cluster)), None)
    # Past the fixed fallbacks, any installed face that has the cluster (a script's own font) draws it.
    return found or chain.fonts.face_with("".join(c for c in cluster if _needs_glyph(c)), chain.weight)


@lru_cache(maxsize=256)
def _candidates(chain: FaceChain, script: Script, emoji_first: bool) -> tuple[FontFace, ...]:
    faces = dict.fromkeys(
        (
            chain.primary,
            chain.fonts.text_face(script, chain.weight, chain.family, chain.italic),
            *chain.fonts.fallback_faces(chain.weight),
        )
    )
    if emoji_first:
        return tuple(sorted(faces, key=lambda face: not face.color))
    return tuple(faces)


def _has(face: FontFace, cluster: str) -> bool:
    return all(covers(face, char) for char in cluster if _needs_glyph(char))


def _needs_glyph(char: str) -> bool:
    return char not in _INVISIBLE and not is_variation_selector(char)


def _language(chain: FaceChain, script: Script) -> str:
    """The element's language for its own script (and for han in Japanese or Korean text), else the script's."""
    if script == chain.script or (script in _CJK and chain.script in _CJK):
        return chain.language
    return language_of(script)
