"""Brief -> Constraints without a model: quoted strings, counts, colours, positions and a canvas size."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from tessera.planner._colors import MODIFIERS, apply_modifier, base_color, hex_codes, is_color_word
from tessera.planner._numbers import (
    COUNT_PHRASES,
    KNOWN_CLASSES,
    LABEL_WORDS,
    MONTHS,
    NUMBER_WORD_PATTERN,
    UNIT_WORDS,
    is_plural,
    number_word_value,
    singular,
)
from tessera.planner._pictures import PictureRequest, PictureStyle, counted_styles, find_pictures
from tessera.planner._quotes import (
    MAX_QUOTE_CHARS,
    PLACEHOLDER,
    Quote,
    Role,
    find_quotes,
    mask_quotes,
    quote_roles,
    sentence_of,
    sentences,
)
from tessera.contract import BriefError
from tessera.contract import (
    Canvas,
    Constraint,
    Constraints,
    EDGE_MULTIPLE,
    MAX_ASPECT,
    MAX_BRIEF_CHARS,
    MAX_EDGE,
    MIN_EDGE,
    Region,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    SourceSpan,
)
from tessera.contract import detect_script, language_of

MAX_TEXTS = 30
MAX_COUNTS = 10
MAX_ITEMS = 64

# Adjectives that may stand between a number and its noun ("5 small red balloons").
_ADJECTIVES = frozenset(
    [
        "small",
        "tiny",
        "little",
        "big",
        "large",
        "huge",
        "giant",
        "cute",
        "happy",
        "shiny",
        "fluffy",
        "smiling",
        "floating",
        "flying",
        "glowing",
        "lit",
        "colorful",
        "colourful",
        "cartoon",
        "simple",
        "identical",
        "round",
        "fat",
        "tall",
        "short",
        "young",
        "old",
        "wooden",
        "paper",
        "glass",
        "plastic",
        "festive",
        "lovely",
        "pretty",
        "sparkling",
        "twinkling",
        "spinning",
        "falling",
        "rising",
        "dancing",
        "sleeping",
        "sitting",
        "fresh",
        "ripe",
        "juicy",
        "hot",
        "cold",
        "warm",
        "iced",
        "frosted",
        "chocolate",
        "vanilla",
        "lucky",
        "magic",
        "magical",
        "wild",
        "tropical",
        "friendly",
        "funny",
        "little-known",
        "mini",
        "giant-sized",
        "golden",
        "silver",
        "gold",
        "shining",
    ]
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


@dataclass(frozen=True)
class _Mention:
    """A subject named in the brief: a quoted text or a counted object class."""

    start: int
    end: int
    kind: str  # "text" | "objects" | "picture" (a picture's place is no constraint, but its words are not another's)
    subject: str


def extract_constraints(brief: str) -> Constraints:
    """The hard constraints a brief states: exact strings, counts, colours, positions and a canvas size.

    Every constraint carries the span of the brief it came from. Raises BriefError for an empty brief,
    one longer than MAX_BRIEF_CHARS, or one asking for more strings or counts than a plan can carry.
    """
    _check_length(brief)
    quotes = find_quotes(brief)
    masked = mask_quotes(brief, quotes)
    spans = sentences(masked)
    roles = quote_roles(brief, quotes)

    texts = _required_texts(brief, quotes)
    counts, object_colors, count_mentions = _required_counts(brief, masked)
    pictures = find_pictures(masked, frozenset((c.source.start, c.source.end) for c in counts))
    picture_mentions = [_Mention(p.start, p.end, "picture", p.prompt) for p in pictures if not p.counted]
    text_mentions = _text_mentions(quotes)
    masked_for_colors = _mask_pictures(masked, pictures)
    colors = _required_colors(brief, masked_for_colors, spans, quotes, roles, counts, object_colors)
    mentions = text_mentions + count_mentions + picture_mentions
    positions = _required_positions(brief, masked, spans, mentions, roles, counts)
    items: list[Constraint] = [*texts, *counts, *colors, *positions]
    return Constraints(brief=brief, items=items[:MAX_ITEMS], canvas=canvas_hint(masked))


def _mask_pictures(masked: str, pictures: list[PictureRequest]) -> str:
    """The brief with what each picture shows blanked out: "a photo of a red barn" asks for no red anywhere else."""
    chars = list(masked)
    for picture in pictures:
        if not picture.counted:
            chars[picture.start : picture.end] = " " * (picture.end - picture.start)
    return "".join(chars)


def picture_requests(constraints: Constraints) -> list[PictureRequest]:
    """The pictures the brief of `constraints` asks for, re-read from the brief (see `planner._pictures`)."""
    brief = constraints.brief
    masked = mask_quotes(brief, find_quotes(brief))
    spans = frozenset((c.source.start, c.source.end) for c in constraints.items if isinstance(c, RequiredCount))
    return [p for p in find_pictures(masked, spans) if not p.counted]


def count_styles(constraints: Constraints) -> dict[str, PictureStyle]:
    """The look asked for each counted group by a picture phrase around it ("photos of 4 apples"), by count id."""
    brief = constraints.brief
    masked = mask_quotes(brief, find_quotes(brief))
    counts = [c for c in constraints.items if isinstance(c, RequiredCount)]
    styles = counted_styles(masked, frozenset((c.source.start, c.source.end) for c in counts))
    return {c.id: styles[c.source.start] for c in counts if c.source.start in styles}


def _check_length(brief: str) -> None:
    if not brief.strip():
        raise BriefError(
            "The brief is empty; describe the image, for example: "
            "\"A poster on a deep blue background with the headline 'GRAND OPENING'.\""
        )
    if len(brief) > MAX_BRIEF_CHARS:
        raise BriefError(
            f"The brief is {len(brief):,} characters long but the limit is {MAX_BRIEF_CHARS:,}; "
            f"shorten it by {len(brief) - MAX_BRIEF_CHARS:,} characters."
        )


def _span(brief: str, start: int, end: int) -> SourceSpan:
    end = min(end, start + 600)
    return SourceSpan(start=start, end=end, quote=brief[start:end])


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:30] or "item"


def _unique(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


# --- strings ---------------------------------------------------------------------------------------------------


def _required_texts(brief: str, quotes: list[Quote]) -> list[RequiredText]:
    seen: set[str] = set()
    texts: list[RequiredText] = []
    for quote in quotes:
        if quote.text in seen:
            continue  # a second mention refers back to the first ("make 'SALE' red")
        if len(quote.text) > MAX_QUOTE_CHARS:
            raise BriefError(
                f"A quoted string is {len(quote.text)} characters long; quoted text can be at most "
                f"{MAX_QUOTE_CHARS} characters. Split it into shorter quoted lines."
            )
        seen.add(quote.text)
        script = detect_script(quote.text)
        texts.append(
            RequiredText(
                id=f"text-{len(texts) + 1}",
                text=quote.text,
                script=script,
                language=language_of(script),
                source=_span(brief, quote.start, quote.end),
            )
        )
    if len(texts) > MAX_TEXTS:
        raise BriefError(
            f"The brief quotes {len(texts)} strings; a plan can carry at most {MAX_TEXTS}. Quote fewer strings."
        )
    return texts


def _text_mentions(quotes: list[Quote]) -> list[_Mention]:
    return [_Mention(q.start, q.end, "text", q.text) for q in quotes]


# --- counts ----------------------------------------------------------------------------------------------------

_NUMBER = re.compile(rf"(?<![\w-])(?:(?P<digits>\d+)|(?P<word>{NUMBER_WORD_PATTERN}))(?![\w])", re.IGNORECASE)
_PHRASE = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in COUNT_PHRASES) + r")\b", re.IGNORECASE)


def _words_after(masked: str, pos: int, limit: int = 5) -> list[tuple[int, int, str]]:
    """Up to `limit` words after `pos`, stopping at punctuation or a quotation."""
    words: list[tuple[int, int, str]] = []
    while len(words) < limit:
        gap = re.match(r"[ \t]+", masked[pos:])
        if words and not gap:
            break
        pos += gap.end() if gap else 0
        match = _WORD.match(masked, pos)
        if not match:
            break
        word = match.group().rstrip("'-")
        words.append((match.start(), match.start() + len(word), word))
        pos = match.start() + len(word)
    return words


def _word_before(masked: str, pos: int) -> str:
    match = re.search(r"([A-Za-z.]+)[ \t]+$", masked[:pos])
    return match.group(1).lower() if match else ""


def _is_excluded_number(masked: str, start: int, end: int, digits: bool) -> bool:
    before = masked[start - 1] if start > 0 else " "
    after = masked[end : end + 2]
    if before in "$€£¥₹#/:.,×x" and start > 0:
        return True
    if after[:1] in ("%", "€", "£", "$", "°", "\u00a2") or re.match(r"[.,:/×x\-]\d", after):
        return True
    if re.match(r"\s*(?:%|€|£|\$)", masked[end:]):
        return True
    if re.match(r"-", after) and not digits:
        return True  # "five-star", "one-day"
    named = re.search(r"(?:^|(?<=[\s,;(]))([A-Z][A-Za-z]*)[ \t]+$", masked[:start])
    if not digits and masked[start].isupper() and named and not re.search(r"(?:^|[.!?:])\s*$", masked[: named.start()]):
        return True  # "Dog Two sits", "Player One": a capitalised name mid-sentence, not a count
    word_before = _word_before(masked, start)
    return word_before in LABEL_WORDS or word_before.rstrip(".") in MONTHS


def _noun_phrase(words: list[tuple[int, int, str]], value: int) -> tuple[str, list[str], int] | None:
    """(object class, colour words, end offset) of the words after a number, or None when they name no object."""
    if not words or words[0][2].lower() in UNIT_WORDS or words[0][2].lower() in MONTHS:
        return None
    adjectives: list[str] = []
    noun_index = None
    for index, (_, _, word) in enumerate(words):
        lower = word.lower()
        if lower in UNIT_WORDS:
            break
        if is_color_word(lower) or lower in _ADJECTIVES:
            adjectives.append(lower)
            continue
        noun_index = index
        break
    if noun_index is None:
        if not adjectives:
            return None
        noun_index = len(adjectives) - 1  # "3 orange" names the fruit
        adjectives = adjectives[:-1]
    noun = words[noun_index][2].lower()
    if value > 1 and not is_plural(noun) and noun not in KNOWN_CLASSES:
        # "two humorous cartoon dogs": an unlisted describing word stands before the plural noun
        later = [i for i in range(noun_index + 1, min(len(words), noun_index + 4)) if is_plural(words[i][2].lower())]
        if not later:
            return None
        adjectives += [w.lower() for _, _, w in words[noun_index : later[0]]]
        noun_index = later[0]
        noun = words[noun_index][2].lower()
    if noun in UNIT_WORDS or len(noun) < 2:
        return None
    end = words[noun_index][1]
    object_class = singular(noun)
    following = words[noun_index + 1][2].lower() if noun_index + 1 < len(words) else ""
    if (
        value > 1
        and not is_plural(noun)
        and following
        and following not in UNIT_WORDS
        and following not in _ADJECTIVES
        and is_plural(following)
    ):
        object_class = f"{noun} {singular(following)}"  # "3 coffee cups"
        end = words[noun_index + 1][1]
    if len(object_class) > 40:
        return None
    return object_class, [a for a in adjectives if is_color_word(a)], end


_PICTURE_NOUNS = frozenset(["photo", "photograph", "picture", "image", "illustration", "painting", "drawing", "sketch"])
_OF = re.compile(r"[ \t]+of[ \t]+(?:the[ \t]+)?", re.IGNORECASE)


def _through_picture_noun(masked: str, parsed: tuple[str, list[str], int], value: int) -> tuple[str, list[str], int]:
    """ "4 photos of apples" counts apples (each one a photo), not photos; "3 photos of the beach" stays photos."""
    object_class, _colors, end = parsed
    of = _OF.match(masked, end)
    if object_class not in _PICTURE_NOUNS or of is None:
        return parsed
    inner = _noun_phrase(_words_after(masked, of.end()), value)
    if inner is None or (value > 1 and not is_plural(masked[of.end() : inner[2]].split()[-1].lower())):
        return parsed
    return inner


def _required_counts(
    brief: str, masked: str
) -> tuple[list[RequiredCount], dict[int, tuple[str, int, int]], list[_Mention]]:
    """Counts, the colours given to counted classes (by count index, with their span), and count mentions."""
    found: list[tuple[int, int, int, str, list[str]]] = []  # start, end, value, class, colour words
    taken = [False] * len(masked)
    for match in _PHRASE.finditer(masked):
        value = COUNT_PHRASES[match.group().lower()]
        parsed = _noun_phrase(_words_after(masked, match.end()), value)
        parsed = parsed and _through_picture_noun(masked, parsed, value)
        if parsed and 1 <= value <= 100:
            object_class, color_words, end = parsed
            if match.group().lower() in ("a single", "a lone") and object_class not in KNOWN_CLASSES:
                continue
            found.append((match.start(), end, value, object_class, color_words))
            taken[match.start() : end] = [True] * (end - match.start())
    for match in _NUMBER.finditer(masked):
        if any(taken[match.start() : match.end()]):
            continue
        digits = match.group("digits") is not None
        value = int(match.group("digits")) if digits else number_word_value(match.group("word"))
        if value is None or not 1 <= value <= 100 or _is_excluded_number(masked, match.start(), match.end(), digits):
            continue
        words = _words_after(masked, match.end())
        if words and words[0][2].lower() == "dozen":
            value *= 12
            words = words[1:]
            if value > 100:
                continue
        parsed = _noun_phrase(words, value)
        if parsed is None:
            continue
        object_class, color_words, end = _through_picture_noun(masked, parsed, value)
        if not digits and match.group("word").lower() == "one" and object_class not in KNOWN_CLASSES:
            continue  # "one big sale", "one day only"
        found.append((match.start(), end, value, object_class, color_words))
    found.sort()
    if len(found) > MAX_COUNTS:
        raise BriefError(f"The brief asks for {len(found)} counted groups; a plan can carry at most {MAX_COUNTS}.")
    ids: set[str] = set()
    counts: list[RequiredCount] = []
    object_colors: dict[int, tuple[str, int, int]] = {}
    mentions: list[_Mention] = []
    for start, end, value, object_class, color_words in found:
        counts.append(
            RequiredCount(
                id=_unique(f"count-{_slug(object_class)}", ids),
                object_class=object_class,
                count=value,
                source=_span(brief, start, end),
            )
        )
        color = color_from_words(color_words)
        if color:
            object_colors[len(counts) - 1] = (color, start, end)
        mentions.append(_Mention(start, end, "objects", object_class))
    return counts, object_colors, mentions


# --- colours ---------------------------------------------------------------------------------------------------


def color_from_words(words: list[str]) -> str | None:
    """The hex of a run of colour words ("deep blue", "light sky blue", "navy"), or None."""
    words = [w.lower() for w in words if is_color_word(w)]
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        base = base_color("".join(words[-size:]))
        if base is None:
            continue
        color = base
        for modifier in words[:-size]:
            if modifier in MODIFIERS:
                color = apply_modifier(color, modifier)
        return color
    return None


def _parse_color_run(words: list[str]) -> str | None:
    """The colour of words that are all modifiers followed by one colour name (which may span words)."""
    for size in range(len(words), 0, -1):
        if base_color("".join(words[-size:])) is None:
            continue
        if all(w.lower() in MODIFIERS for w in words[:-size]):
            return color_from_words(words[:-size] + ["".join(words[-size:])])
        return None
    return None


def _color_mentions(masked: str) -> list[tuple[int, int, str]]:
    """Every colour phrase outside quotations: named runs ("deep blue", "sky blue") and hex codes, merged when adjacent."""
    mentions: list[tuple[int, int, str]] = []
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[A-Za-z]+", masked)]
    index = 0
    while index < len(words):
        longest = 1
        while (
            longest < 4
            and index + longest < len(words)
            and re.fullmatch(r"[ -]", masked[words[index + longest - 1][1] : words[index + longest][0]])
        ):
            longest += 1
        for size in range(longest, 0, -1):
            run = words[index : index + size]
            color = _parse_color_run([w for _, _, w in run])
            if color:
                mentions.append((run[0][0], run[-1][1], color))
                index += size
                break
        else:
            index += 1
    for start, end, color in hex_codes(masked):
        named = next(
            (m for m in mentions if 0 <= start - m[1] <= 3 and re.fullmatch(r"[\s(:]*", masked[m[1] : start])), None
        )
        if named:  # "brand blue #1F4FFF": the code is the colour, the name only describes it
            mentions.remove(named)
            mentions.append((named[0], end, color))
        else:
            mentions.append((start, end, color))
    return sorted(mentions)


_BACKGROUND_AFTER = re.compile(r"^[\s-]*(?:colou?red\s+|toned\s+)?(?:background|backdrop|bg)\b", re.IGNORECASE)
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:background|backdrop|bg)(?:\s*(?:colou?r|is|of|in|should|be|set|to|a|an|the|using|:|=|-))*\s*$", re.IGNORECASE
)
_ACCENT_BEFORE = re.compile(
    r"\b(?:brand|accent|highlight|primary|logo|theme)(?:\s*(?:colou?r|is|of|in|:|=|-))*\s*$", re.IGNORECASE
)
_ACCENT_AFTER = re.compile(r"^\s*(?:as\s+(?:the\s+|an?\s+)?)?(?:accents?|brand|highlights?|theme)\b", re.IGNORECASE)
_TEXT_AFTER_QUOTE = re.compile(
    rf"{PLACEHOLDER}\s*,?\s*(?:(?:written|set|printed|lettered|is|should be|colou?red|appears?)\s+)*in\s+$",
    re.IGNORECASE,
)
_ROLE_NOUN = (
    r"(?P<role>headlines?|titles?|headings?|sub-?headings?|subtitles?|taglines?|footers?|dates?|labels?|prices?|body)"
)
_TEXT_AFTER_ROLE = re.compile(rf"\b{_ROLE_NOUN}\s+(?:text\s+)?(?:in|is|should be|colou?red)\s+$", re.IGNORECASE)
_ROLE_AFTER = re.compile(rf"^\s*{_ROLE_NOUN}\b", re.IGNORECASE)
_ALL_TEXT_AFTER = re.compile(r"^\s*(?:text|lettering|letters|type|typography|font|writing|words)\b", re.IGNORECASE)
_ALL_TEXT_BEFORE = re.compile(
    r"\b(?:text|lettering|letters|type|typography|font|writing|words)\s+(?:in|is|should be)\s+$", re.IGNORECASE
)

_ROLE_OF_NOUN: dict[str, Role] = {
    "headline": "headline", "title": "headline", "heading": "headline", "subheading": "subheading",
    "sub-heading": "subheading", "subtitle": "subheading", "tagline": "subheading", "footer": "footer",
    "date": "footer", "label": "label", "price": "label", "body": "body",
}  # fmt: skip


def _text_of_role(roles: dict[str, Role], noun: str) -> str | None:
    role = _ROLE_OF_NOUN.get(singular(noun.lower()), _ROLE_OF_NOUN.get(noun.lower()))
    return next((text for text, r in roles.items() if r == role), None)


def _quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    return next((q for q in quotes if q.start <= offset < q.end), None)


def _required_colors(
    brief: str,
    masked: str,
    spans: list[tuple[int, int]],
    quotes: list[Quote],
    roles: dict[str, Role],
    counts: list[RequiredCount],
    object_colors: dict[int, tuple[str, int, int]],
) -> list[RequiredColor]:
    colors: list[RequiredColor] = []
    ids: set[str] = set()
    classes = {c.object_class: c for c in counts}

    def add(target: str, subject: str | None, color: str, start: int, end: int) -> None:
        if target in ("background", "accent") and any(c.target == target for c in colors):
            return
        if any(c.target == target and c.subject == subject for c in colors):
            return
        base = f"color-{target}" + (f"-{_slug(subject)}" if subject and target == "objects" else "")
        colors.append(
            RequiredColor(
                id=_unique(base if target != "text" else "color-text", ids),
                target=target,  # type: ignore[arg-type]
                subject=subject,
                color=color,
                source=_span(brief, start, end),
            )
        )

    for index, (color, start, end) in sorted(object_colors.items(), key=lambda kv: kv[1][1]):
        add("objects", counts[index].object_class, color, start, end)
    counted_spans = [(c.source.start, c.source.end) for c in counts]
    for start, end, color in _color_mentions(masked):
        if any(s <= start < e for s, e in counted_spans):
            continue
        sent_start, sent_end = sentence_of(spans, start)
        before = masked[max(sent_start, start - 48) : start]
        after = masked[end : min(sent_end, end + 48)]
        target = _color_target(before, after, quotes, roles, classes, start, end)
        if target is None:
            continue
        kind, subject, span_start, span_end = target
        add(kind, subject, color, min(start, span_start), max(end, span_end))
    return colors


def _color_target(
    before: str,
    after: str,
    quotes: list[Quote],
    roles: dict[str, Role],
    classes: dict[str, RequiredCount],
    start: int,
    end: int,
) -> tuple[str, str | None, int, int] | None:
    """(target, subject, span start, span end) of a colour phrase, from the words around it."""
    if _BACKGROUND_AFTER.match(after):
        return "background", None, start, start
    if _BACKGROUND_BEFORE.search(before):
        return "background", None, start, start
    if _ACCENT_BEFORE.search(before) or _ACCENT_AFTER.match(after):
        return "accent", None, start, start
    if match := _TEXT_AFTER_QUOTE.search(before):
        quote = _quote_at(quotes, start - len(before) + match.start())
        if quote:
            return "text", quote.text, quote.start, start
    stripped = after.lstrip()
    if stripped.startswith(PLACEHOLDER):  # "red 'SALE'"
        quote = _quote_at(quotes, end + len(after) - len(stripped))
        if quote:
            return "text", quote.text, start, quote.end
    if (match := _TEXT_AFTER_ROLE.search(before)) or (match := _ROLE_AFTER.match(after)):
        text = _text_of_role(roles, match.group("role"))
        if text:
            return "text", text, start, start
    if _ALL_TEXT_AFTER.match(after) or _ALL_TEXT_BEFORE.search(before):
        return "text", None, start, start
    words = re.findall(r"[A-Za-z]+", after)[:2]
    for word in words[:1]:
        if singular(word.lower()) in classes:
            return "objects", singular(word.lower()), start, start
    before_words = re.findall(r"[A-Za-z]+", before)
    if (
        len(before_words) >= 2
        and before_words[-1].lower() in ("in", "are", "is")
        and singular(before_words[-2].lower()) in classes
    ):
        return "objects", singular(before_words[-2].lower()), start, start
    return None


# --- positions -------------------------------------------------------------------------------------------------

_REGIONS: list[tuple[re.Pattern[str], Region]] = [
    (re.compile(r"\b(?:top|upper)[\s-]+left(?:[\s-]+corner)?\b", re.IGNORECASE), "top-left"),
    (re.compile(r"\b(?:top|upper)[\s-]+right(?:[\s-]+corner)?\b", re.IGNORECASE), "top-right"),
    (re.compile(r"\b(?:bottom|lower)[\s-]+left(?:[\s-]+corner)?\b", re.IGNORECASE), "bottom-left"),
    (re.compile(r"\b(?:bottom|lower)[\s-]+right(?:[\s-]+corner)?\b", re.IGNORECASE), "bottom-right"),
    (
        re.compile(
            r"\b(?:across|along|at|on|in|near|over|to)\s+the\s+(?:very\s+)?top\b|\btop\s+(?:band|edge|row|strip)\b",
            re.IGNORECASE,
        ),
        "top",
    ),
    (
        re.compile(
            r"\b(?:across|along|at|on|in|near|to)\s+the\s+(?:very\s+)?bottom\b|\bbottom\s+(?:band|edge|row|strip)\b",
            re.IGNORECASE,
        ),
        "bottom",
    ),
    (
        re.compile(
            r"\b(?:on|to|at|along|in)\s+the\s+left(?:\s+side|\s+half)?\b|\bleft[\s-]+(?:side|half)\b", re.IGNORECASE
        ),
        "left",
    ),
    (
        re.compile(
            r"\b(?:on|to|at|along|in)\s+the\s+right(?:\s+side|\s+half)?\b|\bright[\s-]+(?:side|half)\b", re.IGNORECASE
        ),
        "right",
    ),
    (
        re.compile(
            r"\bcent(?:er|r)ed\b|\bin\s+the\s+(?:center|centre|middle)\b|\bat\s+the\s+(?:center|centre)\b",
            re.IGNORECASE,
        ),
        "center",
    ),
]
_RELATION = re.compile(
    rf"\b(?P<rel>below|under|underneath|beneath|above|over)\s+"
    rf"(?P<ref>it|this|that|the\s+(?:main\s+)?(?:headline|title|heading|header|subtitle|sub-?heading|tagline|footer|date|text)|{PLACEHOLDER}+)",
    re.IGNORECASE,
)
_REFERENCE_MENTION = re.compile(
    r"\bthe\s+(?:main\s+)?(?P<noun>headline|title|heading|subtitle|sub-?heading|tagline|footer|date)\b", re.IGNORECASE
)


def _nearest(mentions: list[_Mention], start: int, end: int, exclude: set[str]) -> _Mention | None:
    def distance(m: _Mention) -> tuple[int, int]:
        gap = start - m.end if m.end <= start else m.start - end
        return (max(0, gap), 0 if m.end <= start else 1)

    candidates = [m for m in mentions if m.subject not in exclude and not (m.start < end and start < m.end)]
    return min(candidates, key=distance, default=None)


def _required_positions(
    brief: str,
    masked: str,
    spans: list[tuple[int, int]],
    mentions: list[_Mention],
    roles: dict[str, Role],
    counts: list[RequiredCount],
) -> list[RequiredPosition]:
    headline = next((t for t, r in roles.items() if r == "headline"), None)
    for match in _REFERENCE_MENTION.finditer(masked):
        text = _text_of_role(roles, match.group("noun"))
        if text and not masked[match.end() :].lstrip().startswith(PLACEHOLDER):  # "the footer 'X'" introduces X
            mentions = [*mentions, _Mention(match.start(), match.end(), "text", text)]
    text_mentions = sorted((m for m in mentions if m.kind == "text"), key=lambda m: m.start)
    positions: list[RequiredPosition] = []
    seen: set[tuple[str, str | None, str | None]] = set()

    def add(
        subject: _Mention, region: Region | None, relation: str | None, reference: str | None, start: int, end: int
    ) -> None:
        key = (subject.subject, region, reference)
        if subject.kind == "picture" or key in seen or subject.subject == reference:
            return
        seen.add(key)
        positions.append(
            RequiredPosition(
                id=f"position-{len(positions) + 1}",
                subject_kind=subject.kind,  # type: ignore[arg-type]
                subject=subject.subject,
                region=region,
                relation=relation,  # type: ignore[arg-type]
                reference=reference,
                source=_span(brief, min(start, subject.start), max(end, subject.end)),
            )
        )

    consumed = [False] * len(masked)
    for pattern, region in _REGIONS:
        for match in pattern.finditer(masked):
            if any(consumed[match.start() : match.end()]):
                continue
            consumed[match.start() : match.end()] = [True] * (match.end() - match.start())
            sent_start, sent_end = sentence_of(spans, match.start())
            in_sentence = [m for m in mentions if sent_start <= m.start < sent_end]
            subject = _nearest(in_sentence, match.start(), match.end(), set())
            if subject:
                add(subject, region, None, None, match.start(), match.end())
    for match in _RELATION.finditer(masked):
        sent_start, sent_end = sentence_of(spans, match.start())
        ref_text = match.group("ref").lower()
        reference: str | None
        if ref_text.startswith(PLACEHOLDER):
            reference = next((m.subject for m in text_mentions if m.start == match.start("ref")), None)
        elif ref_text.startswith("the"):
            reference = _text_of_role(roles, ref_text.split()[-1]) or (headline if "text" not in ref_text else None)
        else:
            reference = None  # "it": the previous text, decided once the subject is known
        in_sentence = [m for m in mentions if sent_start <= m.start < sent_end]
        subject = _nearest(in_sentence, match.start(), match.end(), {reference} if reference else set())
        if subject is None:
            continue
        if reference is None:
            earlier = [m for m in text_mentions if m.end <= match.start() and m.subject != subject.subject]
            reference = earlier[-1].subject if earlier else None
        if reference is None:
            continue
        relation = "below" if match.group("rel").lower() in ("below", "under", "underneath", "beneath") else "above"
        add(subject, None, relation, reference, match.start(), match.end())
    return positions


# --- canvas ----------------------------------------------------------------------------------------------------


def _edge(value: float) -> int:
    return int(min(MAX_EDGE, max(MIN_EDGE, math.floor(value / EDGE_MULTIPLE + 0.5) * EDGE_MULTIPLE)))


def canvas_of_size(width: float, height: float) -> Canvas:
    """A valid canvas near width x height: edges rounded to multiples of 16, clamped, aspect at most 3:1."""
    w, h = _edge(width), _edge(height)
    if w > MAX_ASPECT * h:
        h = _edge(math.ceil(w / MAX_ASPECT / EDGE_MULTIPLE) * EDGE_MULTIPLE)
    elif h > MAX_ASPECT * w:
        w = _edge(math.ceil(h / MAX_ASPECT / EDGE_MULTIPLE) * EDGE_MULTIPLE)
    return Canvas(width=w, height=h)


_SIZE = re.compile(r"(?<![\w#.])(\d{3,4})\s*[x×X]\s*(\d{3,4})(?!\w|\.\d)")
_RATIO = re.compile(r"(?<![\w:.])(\d{1,2})\s*:\s*(\d{1,2})(?![\w:])")
_RATIOS = {
    (16, 9),
    (9, 16),
    (4, 3),
    (3, 4),
    (1, 1),
    (3, 1),
    (1, 3),
    (2, 1),
    (1, 2),
    (3, 2),
    (2, 3),
    (4, 5),
    (5, 4),
    (21, 9),
}
_CANVAS_WORDS: list[tuple[re.Pattern[str], tuple[int, int]]] = [
    (
        re.compile(
            r"\bsquare(?=\s+(?:poster|image|canvas|format|post|card|flyer|picture|graphic|label|sign|print|cover|tile|thumbnail|instagram|social))|\b(?:in|is|as)\s+(?:a\s+)?square\b(?!\s+\w)",
            re.IGNORECASE,
        ),
        (1024, 1024),
    ),
    (
        re.compile(
            r"\bportrait\b(?!\s+of)|\bvertical\s+(?:poster|format|image|flyer|layout)|\btall\s+(?:poster|format|image)",
            re.IGNORECASE,
        ),
        (1024, 1536),
    ),
    (re.compile(r"\blandscape\b|\bslides?\b|\bwidescreen\b|\bpresentation\b", re.IGNORECASE), (1920, 1088)),
    (re.compile(r"\bbanner\b|\bheader\s+image\b", re.IGNORECASE), (1536, 512)),
]


def canvas_hint(masked: str) -> Canvas | None:
    """The canvas a brief asks for: an explicit size, an aspect ratio, or a format word; None when it names none."""
    if match := _SIZE.search(masked):
        return canvas_of_size(int(match.group(1)), int(match.group(2)))
    for match in _RATIO.finditer(masked):
        a, b = int(match.group(1)), int(match.group(2))
        if (a, b) in _RATIOS and not re.match(r"\s*(?:am|pm|a\.m|p\.m)\b", masked[match.end() :], re.IGNORECASE):
            long_edge = 1920 if max(a, b) / min(a, b) >= 1.6 else 1536 if a != b else 1024
            return (
                canvas_of_size(long_edge, long_edge * b / a) if a >= b else canvas_of_size(long_edge * a / b, long_edge)
            )
    hits = [(m.start(), size) for pattern, size in _CANVAS_WORDS for m in [pattern.search(masked)] if m]
    if hits:
        return canvas_of_size(*min(hits)[1])
    return None


def text_roles(constraints: Constraints) -> dict[str, Role]:
    """The role (headline, subheading, body, footer, label) of each required text, re-read from the brief."""
    roles = quote_roles(constraints.brief, find_quotes(constraints.brief))
    texts = [c.text for c in constraints.items if isinstance(c, RequiredText)]
    result: dict[str, Role] = {}
    has_headline = any(roles.get(t) == "headline" for t in texts)
    for text in texts:
        role = roles.get(text)
        if role is None:
            role = "body" if has_headline else "headline"
            has_headline = True
        result[text] = role
    return result
