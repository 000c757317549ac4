"""Reading a brief's counts: "five red balloons", "a dozen eggs", "4 photos of apples" as exact object counts."""

from __future__ import annotations

import re

from tessera.contract import BriefError, RequiredCount
from tessera.planner._colors import is_color_word
from tessera.planner._extract_colors import color_from_words
from tessera.planner._extract_spans import Mention, slug, source_span, unique_id
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

MAX_COUNTS = 10

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


def required_counts(
    brief: str, masked: str
) -> tuple[list[RequiredCount], dict[int, tuple[str, int, int]], list[Mention]]:
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
        number = int(match.group("digits")) if digits else number_word_value(match.group("word"))
        if number is None or not 1 <= number <= 100 or _is_excluded_number(masked, match.start(), match.end(), digits):
            continue
        value = number
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
    mentions: list[Mention] = []
    for start, end, value, object_class, color_words in found:
        counts.append(
            RequiredCount(
                id=unique_id(f"count-{slug(object_class)}", ids),
                object_class=object_class,
                count=value,
                source=source_span(brief, start, end),
            )
        )
        color = color_from_words(color_words)
        if color:
            object_colors[len(counts) - 1] = (color, start, end)
        mentions.append(Mention(start, end, "objects", object_class))
    return counts, object_colors, mentions
