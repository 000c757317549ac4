"""The looks a brief names in words ("a vintage poster", "in a serif", "chalkboard menu", "dark mode"), each with
the words it came from.

Style words are read on the brief with its texts masked, so "bold text 'SALE'" and a quoted 'Organic' claim
name no look, and never inside a counted group's words ("three vintage cars" describes the cars, not the design).
A style helper maps the looks to families, palettes and decoration; the reader only names them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tessera.contract import DocumentKind, StyleCue, StyleName
from tessera.planner._extract_spans import source_span
from tessera.planner._text_cues import word_set

MAX_STYLES = 8

# Nouns a style word describes when it describes the design itself ("bold poster", "chalkboard style").
_DESIGN = (
    r"(?:style|styled|look|feel|vibe|aesthetic|theme|design|layout|type|typography|fonts?|typeface|lettering|"
    r"poster|flyer|slide|deck|menu|label|card|banner|sign|page|dashboard|certificate|invitation|infographic|"
    r"colou?rs?|palette|graphics?|illustration|background|ui|mode|brand(?:ing)?|packaging)"
)
# (look, pattern): words that name the look wherever they stand, in several languages.
_WORDS: tuple[tuple[StyleName, str], ...] = (
    (
        "sans",
        r"sans[- ]?serif|sans(?=\s+(?:font|type|typeface|lettering))|grotesk|grotesque|"
        r"sans[- ]empattement|palo seco|无衬线|ゴシック体",
    ),  # fmt: skip
    ("serif", r"(?<!sans )(?<!sans-)(?<!sans)serif(?:s|en|enschrift)?\b|empattements?|con serifa|(?<!无)衬线|明朝体?"),
    ("mono", r"mono(?:spaced?)?\b|typewriter|schreibmaschine|等宽"),
    ("vintage", r"vintage|old[- ]fashioned|复古风?|ヴィンテージ|ビンテージ"),
    ("retro", r"retro|rétro|70s|80s|90s|1970s|1980s|1990s|synthwave|レトロ"),
    ("playful", r"playful|whimsical|cheerful|verspielt|ludique|divertido|juguetón|俏皮|活泼|ポップ"),
    ("minimal", r"minimal(?:ist(?:ic)?)?|minimaliste|minimalista|schlicht|极简|简约|ミニマル"),
    ("elegant", r"elegant|élégante?|elegante|classy|refined|sophisticated|优雅|エレガント|上品"),
    (
        "hand_drawn",
        r"hand[- ]?drawn|hand[- ]?lettered|sketchy|doodles?|handgezeichnet|dessiné à la main|"
        r"dibujado a mano|手绘|手描き",
    ),  # fmt: skip
    ("corporate", r"corporate|businesslike|professional|seriös|professionnel|corporativo|商务|ビジネス"),
    ("modern", r"modern|contemporary|moderne|moderno|现代|モダン"),
    ("luxury", r"luxury|luxurious|upscale|opulent|luxus|luxueux|luxe|lujoso|de lujo|奢华|高級"),
    (
        "tech",
        r"futuristic|techy|high[- ]tech|sci[- ]fi|cyberpunk|futuristisch|futuriste|futurista|科技感?|"
        r"近未来|tech(?=\s+(?:style|look|feel|vibe|aesthetic|theme))",
    ),  # fmt: skip
    (
        "natural",
        r"earthy|rustic|natural(?=\s+(?:style|look|feel|tones?|colou?rs?|palette|theme|materials?))|"
        r"naturel|rústico|natürlich|自然风",
    ),  # fmt: skip
    (
        "chalkboard",
        rf"(?:chalkboard|blackboard|chalk)(?=\s+{_DESIGN}|\s*$|\s*[,.;])|(?<=on a )chalkboard|"
        r"tafel|ardoise|pizarra|黑板|黒板",
    ),  # fmt: skip
    (
        "bold",
        rf"bold(?=\s+(?:and\s+[\w-]+\s+)?{_DESIGN}\b)|bold(?=\s*,\s*[\w-]+\s+{_DESIGN}\b)|"
        r"(?<=, )bold(?=\s+and\s+[\w-]+\s*(?:[,.;]|$)|\s*(?:[,.;]|$))",  # "..., bold and modern."
    ),  # fmt: skip
    (
        "dark",
        r"dark(?=[- ](?:mode|theme|ui|look|style|design|palette))|dunkelmodus|mode sombre|modo oscuro|"
        r"暗色|深色模式|ダークモード",
    ),  # fmt: skip
    ("light", r"light(?=[- ](?:mode|theme|ui|look|palette))|hellmodus|mode clair|modo claro|浅色模式|ライトモード"),
)
_PATTERNS: tuple[tuple[StyleName, re.Pattern[str]], ...] = tuple(
    (look, re.compile(rf"(?<![A-Za-z0-9_\u00c0-\u024f-])(?:{words})(?![A-Za-z\u00c0-\u024f])", re.IGNORECASE))
    for look, words in _WORDS
)
STYLE_WORDS = word_set(
    "serif sans mono monospace vintage retro playful whimsical minimal minimalist minimalistic elegant classy "
    "refined sophisticated bold hand-drawn handdrawn sketchy chalkboard corporate professional modern contemporary "
    "luxury luxurious premium tech techy futuristic natural earthy rustic dark light style"
)
"""The plain style words, so other readers can tell that a word names a look ("vintage") and set no text."""
# Words after a style word that make it describe something other than the design: "bold text", "in bold".
_NOT_THE_DESIGN = re.compile(
    r"\s+(?:text|type|letters|words|headlines?|titles?|headings?|numbers?|prices?|names?|fonts?|typeface)\b",
    re.IGNORECASE,
)


def style_cues(brief: str, masked: str, kind: DocumentKind, counted: Sequence[tuple[int, int]] = ()) -> list[StyleCue]:
    """The looks the brief (texts masked) names, one cue per look, in brief order: none in a scene, whose style
    words describe the things shown, and none inside the words of a counted group."""
    if kind == "scene":
        return []
    found: dict[StyleName, tuple[int, int]] = {}
    for look, pattern in _PATTERNS:
        for match in pattern.finditer(masked):
            if _describes_a_thing(masked, match, counted) or look in found:
                continue
            found[look] = match.span()
    ordered = sorted(found.items(), key=lambda pair: pair[1])
    return [StyleCue(style=look, source=source_span(brief, *span)) for look, span in ordered[:MAX_STYLES]]


def _describes_a_thing(masked: str, match: re.Match[str], counted: Sequence[tuple[int, int]]) -> bool:
    """Whether the style word sits in a counted group's words or says how some words are set ("bold text")."""
    if any(start <= match.start() < end for start, end in counted) and match.group().lower() != "chalkboard":
        return True  # "three vintage cars"; but "a chalkboard menu" is drawn on one, whatever else is counted
    if match.group().lower() != "bold":
        return False
    in_bold = masked[max(0, match.start() - 3) : match.start()].lower() == "in "
    return in_bold or _NOT_THE_DESIGN.match(masked, match.end()) is not None
