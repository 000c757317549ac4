"""Reading the things a brief asks to draw: each with its count, singular class, noun as written and attributes.

A thing is introduced by a number ("5 red balloons", "twenty-one flags"), a count phrase ("a dozen eggs", "a few
kites"), an article ("a lamp", "an ice cream": one), "one", "another" (one more of a thing named before), or "the"
for a thing not named before ("the sun"); "the sofa" after "a sofa" refers back and adds nothing. After an article
or "the" the noun must name a thing (see `_thing_words`); after a number any noun does, but never one of layout,
the document, the canvas, an idea or a measure ("three tiers", "12 steps", "60 frames per second", "5 km"). A plural
without a number ("pedestrians") is read as a thing without a count. Describing words before the noun are its
attributes ("three small red wooden boxes": size small, colour red, material wooden).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from tessera.contract import AttributeKind, BriefError
from tessera.planner._colors import is_color_word
from tessera.planner._numbers import (
    COUNT_PHRASES,
    LABEL_WORDS,
    MONTHS,
    NUMBER_WORD_PATTERN,
    UNIT_WORDS,
    is_plural,
    is_singular,
    number_word_value,
    singular,
)
from tessera.planner._text_cues import word_set
from tessera.planner._thing_words import SCENE_OR_LAYOUT, attribute_kind, compound_thing, is_not_thing, is_thing

MAX_PHRASE_WORDS = 6  # words read after a determiner: "three small shiny red wooden boxes"
MAX_ATTRIBUTES = 8
MAX_COUNT = 100  # the most instances of one thing a count may ask for (RequiredCount's bound)

_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*|[A-Za-z](?:[A-Za-z'’-]*[A-Za-z])?|\S")
_NUMBER = re.compile(rf"(?:(?P<digits>\d+)|(?P<word>{NUMBER_WORD_PATTERN}))(?![\w])", re.IGNORECASE)
_PHRASE = re.compile(
    r"(?:" + "|".join(re.escape(p) for p in sorted(COUNT_PHRASES, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
# Words that end a noun phrase: they link it to what follows rather than describe it.
_STOP_WORDS = word_set(
    """
    a an the this that these those some any each every all both either neither no not nor and or but so yet than
    then of on in at to from by for with without within into onto upon over under above below beneath underneath
    behind beside besides between among amid near next around across along through toward towards against facing
    inside outside off up down out about like as while where when which who whom whose what how why if is are was
    were be been being am has have had do does did will would can could should may might must shall it its they
    them their he him his she her we us our you your i me my there here very just also too only really quite left
    right
    """
)
# Before a determiner, these mean the thing is not drawn ("without a hat", "for a bakery", "shaped like a heart",
# "a walk from the station").
_NEGATIONS = frozenset(["no", "not", "without", "nor", "never", "zero", "instead"])
_PURPOSES = frozenset(["for", "like", "as", "called", "named", "from"])
_PICTURE_NOUNS = frozenset(["photo", "photograph", "picture", "image", "illustration", "painting", "drawing", "sketch"])
_SHOWN_BY = frozenset(["icon", "logo", "symbol", "emblem", "emoji", "silhouette", "outline"])
# "3 cups of flour" is a recipe's measure; "two cups of coffee" are cups (coffee names a thing).
_MEASURE_CONTAINERS = frozenset(["cup"])


@dataclass(frozen=True)
class Thing:
    """One thing the brief names, with the span of its words.

    `count` is None for a mention that refers back to a thing counted before ("the sofa") and for a plural without a
    number ("pedestrians"). `numbered` is set when a number or a count phrase gave the count, not an article.
    `needs_relation` marks a noun that is layout in a document and furniture in a scene ("table"): it is a thing
    only where a relation ties it to another ("a vase on a table").
    """

    start: int
    end: int
    object_class: str
    noun: str
    count: int | None
    attributes: tuple[tuple[AttributeKind, str], ...] = ()
    numbered: bool = False
    refers_back: bool = False
    needs_relation: bool = False


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


@dataclass(frozen=True)
class _Phrase:
    """A parsed noun phrase: the class, the noun as written, its attributes and the index after its last token."""

    object_class: str
    noun: str
    attributes: tuple[tuple[AttributeKind, str], ...]
    end_index: int
    head: str
    needs_relation: bool


def read_things(masked: str) -> list[Thing]:
    """The things a quote-masked brief names, in brief order: counted ones, references back and uncounted plurals.

    Raises BriefError for a count of things over MAX_COUNT ("150 balloons").
    """
    tokens = [_Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(masked)]
    things: list[Thing] = []
    index, after_thing = 0, -1
    while index < len(tokens):
        found = _thing_at(masked, tokens, index, things, verb_likely=index == after_thing)
        if found is None:
            index += 1
            continue
        thing, index = found
        after_thing = index
        _record(things, thing)
    return things


def _record(things: list[Thing], thing: Thing) -> None:
    """Add a thing; "another" adds one to the thing of its class named before instead."""
    if thing.refers_back and thing.count:
        at = _earlier(things, thing.object_class)
        if at is not None:
            earlier = things[at]
            things[at] = replace(earlier, count=(earlier.count or 0) + thing.count)
            things.append(replace(thing, count=None))
            return
        thing = replace(thing, refers_back=False)
    things.append(thing)


def _earlier(things: list[Thing], object_class: str) -> int | None:
    """The index of the counted thing of `object_class` named last ("the shop" finds "a coffee shop")."""
    last_word = object_class.rsplit(" ", 1)[-1]
    for at in range(len(things) - 1, -1, -1):
        thing = things[at]
        if thing.count and (thing.object_class == object_class or thing.object_class.endswith(f" {last_word}")):
            return at
    return None


def _thing_at(
    masked: str, tokens: list[_Token], index: int, things: list[Thing], *, verb_likely: bool
) -> tuple[Thing, int] | None:
    """The thing whose words start at token `index`, and the index after them; None when none starts there.

    `verb_likely` is set right after a thing, where a plural is likelier a verb ("a bird flies") than a thing.
    """
    token = tokens[index]
    before = tokens[index - 1].lower if index else ""
    if before in _NEGATIONS or _shown_by_layout(tokens, index):
        return None
    if phrase := _PHRASE.match(masked, token.start):
        value = COUNT_PHRASES[phrase.group().lower()]
        after = _index_at(tokens, phrase.end(), index)
        return _counted(masked, tokens, token.start, after, value, numbered=True, needs_thing=value == 1)
    if number := _NUMBER.match(masked, token.start):
        return _numbered(masked, tokens, index, number)
    lower = token.lower
    if lower in ("a", "an") and before not in _PURPOSES:
        return _counted(masked, tokens, token.start, index + 1, 1, numbered=False, needs_thing=True)
    if lower == "the" and before not in _PURPOSES:
        return _definite(masked, tokens, index, things)
    if lower == "another":
        return _another(masked, tokens, index, things)
    if token.is_word and lower not in _STOP_WORDS and not verb_likely and (attribute_kind(lower) or _is_noun(lower)):
        return _bare_plural(masked, tokens, index)
    return None


def _shown_by_layout(tokens: list[_Token], index: int) -> bool:
    """Whether the words at `index` say what an icon, logo or symbol shows ("an icon of a rocket"): the icon is
    drawn, not the thing."""
    if index < 2 or tokens[index - 1].lower != "of" or not tokens[index - 2].is_word:
        return False
    return singular(tokens[index - 2].text).lower() in _SHOWN_BY


def _index_at(tokens: list[_Token], offset: int, start: int) -> int:
    """The index of the first token at or after character `offset`, searching from `start`."""
    index = start
    while index < len(tokens) and tokens[index].start < offset:
        index += 1
    return index


def _numbered(masked: str, tokens: list[_Token], index: int, number: re.Match[str]) -> tuple[Thing, int] | None:
    digits = number.group("digits") is not None
    value = int(number.group("digits")) if digits else number_word_value(number.group("word"))
    start = tokens[index].start
    if value is None or value < 1 or _is_excluded_number(masked, start, number.end(), digits):
        return None
    after = _index_at(tokens, number.end(), index)
    if digits and _reads_as_year(tokens, index, after, number.group("digits")):
        return None
    if after < len(tokens) and tokens[after].lower == "dozen":
        value, after = value * 12, after + 1
    if value > MAX_COUNT:
        _check_not_too_many(tokens, after, value)
        return None
    # "one" is too common in prose ("one day only") to count a noun that names no thing
    return _counted(masked, tokens, start, after, value, numbered=True, needs_thing=value == 1 and not digits)


# Words before a year that names an edition: "the 2024 Olympics", "since 1999", "Class of 2026".
_BEFORE_A_YEAR = frozenset({"the", "of", "in", "for", "since", "from", "by", "until", "'s", "this", "our", "its"})


def _reads_as_year(tokens: list[_Token], index: int, after: int, digits: str) -> bool:
    """Whether four digits name a year ("the 2024 Paris Olympics", "2026 World Cup final") rather than a count: a
    year of this era after a word that introduces one, or before a name."""
    if len(digits) != 4 or not 1800 <= int(digits) <= 2199:
        return False
    before = tokens[index - 1].lower if index else ""
    named = after < len(tokens) and tokens[after].text[:1].isupper()
    return before in _BEFORE_A_YEAR or named or after >= len(tokens)


def _check_not_too_many(tokens: list[_Token], after: int, value: int) -> None:
    """Raise BriefError for a count of things past MAX_COUNT ("150 balloons"); a year or a code is no count."""
    phrase = _noun_phrase(tokens, after, value, needs_thing=True)
    if phrase is not None and is_plural(phrase.head):
        raise BriefError(
            f"The brief asks for {value} {phrase.noun}; a plan draws at most {MAX_COUNT} of one thing. "
            f"Ask for {MAX_COUNT} or fewer."
        )


def _counted(
    masked: str, tokens: list[_Token], start: int, after: int, value: int, *, numbered: bool, needs_thing: bool
) -> tuple[Thing, int] | None:
    phrase = _noun_phrase(tokens, after, value, needs_thing=needs_thing)
    if phrase is None:
        return None
    if numbered and singular(phrase.head) in _PICTURE_NOUNS:
        phrase = _through_picture(tokens, phrase, value) or phrase  # "4 photos of apples" counts apples
    if singular(phrase.head) in _PICTURE_NOUNS:
        return None
    if singular(phrase.head) in _MEASURE_CONTAINERS and _of_what(tokens, phrase.end_index) is False:
        return None
    end = tokens[phrase.end_index - 1].end
    thing = Thing(
        start, end, phrase.object_class, phrase.noun, value, phrase.attributes, numbered, False, phrase.needs_relation
    )
    return thing, phrase.end_index


def _definite(masked: str, tokens: list[_Token], index: int, things: list[Thing]) -> tuple[Thing, int] | None:
    """ "the sun": one sun, unless a sun was named before, which it refers back to."""
    if index + 1 < len(tokens) and (
        _NUMBER.match(masked, tokens[index + 1].start) or tokens[index + 1].lower == "other"
    ):
        return None  # "the 3 cats" is counted by its number; "the other" is no new thing
    phrase = _noun_phrase(tokens, index + 1, None, needs_thing=True)
    if phrase is None:
        return None
    start, end = tokens[index].start, tokens[phrase.end_index - 1].end
    plural = is_plural(phrase.head) and not is_singular(phrase.head)
    refers = _earlier(things, phrase.object_class) is not None
    count = None if plural or refers else 1
    thing = Thing(
        start, end, phrase.object_class, phrase.noun, count, phrase.attributes, False, refers, phrase.needs_relation
    )
    return thing, phrase.end_index


def _another(masked: str, tokens: list[_Token], index: int, things: list[Thing]) -> tuple[Thing, int] | None:
    """ "another cat" is one more cat; "one cat and another" one more of the thing just named."""
    phrase = _noun_phrase(tokens, index + 1, 1, needs_thing=True)
    start = tokens[index].start
    if phrase is not None:
        end = tokens[phrase.end_index - 1].end
        return Thing(start, end, phrase.object_class, phrase.noun, 1, phrase.attributes, True, True), phrase.end_index
    last = next((t for t in reversed(things) if t.count), None)
    if last is None:
        return None
    return Thing(start, tokens[index].end, last.object_class, last.noun, 1, (), True, True), index + 1


def _bare_plural(masked: str, tokens: list[_Token], index: int) -> tuple[Thing, int] | None:
    """ "pedestrians", "tall trees": a plural that names things, with no number; it is read, not counted."""
    phrase = _noun_phrase(tokens, index, None, needs_thing=True)
    if phrase is None or not is_plural(phrase.head) or phrase.needs_relation:
        return None
    thing = Thing(
        tokens[index].start, tokens[phrase.end_index - 1].end, phrase.object_class, phrase.noun, None, phrase.attributes
    )
    return thing, phrase.end_index


def _run(tokens: list[_Token], start: int) -> list[_Token]:
    """The words from `start` up to the first word that links rather than describes, or punctuation."""
    run: list[_Token] = []
    for token in tokens[start : start + MAX_PHRASE_WORDS]:
        if not token.is_word or token.lower in _STOP_WORDS or token.lower in MONTHS or _NUMBER.fullmatch(token.text):
            break
        run.append(token)
    return run


def _is_noun(word: str) -> bool:
    return is_thing(word) or is_not_thing(word) or word.lower() in SCENE_OR_LAYOUT


def _noun_phrase(tokens: list[_Token], start: int, value: int | None, *, needs_thing: bool) -> _Phrase | None:
    """The thing named by the words from token `start`: attributes, then a one-word noun (with a noun before it
    that makes a compound: "coffee shop"), or a two- or three-word class ("traffic cones").

    `value` is the count (None after "the"); `needs_thing` requires the noun to name a thing.
    """
    run = _run(tokens, start)
    words = [t.text.removesuffix("'s").removesuffix("’s") for t in run]
    if words and words[0].lower() in UNIT_WORDS:
        return None  # "5 km", "10 AM"
    attributes: list[tuple[AttributeKind, str]] = []
    prefix: int | None = None
    for at, word in enumerate(words):
        for size in (3, 2):
            compound = compound_thing(words[at : at + size]) if at + size <= len(words) else None
            if compound:
                noun = " ".join(t.text for t in run[at : at + size])
                return _phrase(compound, noun, attributes, start + at + size, words[at + size - 1], value)
        kind = attribute_kind(word)
        if kind and _noun_follows(words, at):
            _add_attribute(attributes, kind, word)
        elif _is_noun(word) and is_singular(word) and _starts_noun(words, at + 1, value):
            prefix = at  # "coffee shop", "mountain lake": the first noun makes a compound with the next
        elif _is_noun(word):
            return _head(run, words, start, at, prefix, attributes, value, needs_thing)
        elif not needs_thing and (at + 1 == len(words) or (value is not None and value > 1 and is_plural(word))):
            return _head(run, words, start, at, None, attributes, value, needs_thing)  # "100 dots", "4 gazebos"
        elif kind:
            _add_attribute(attributes, kind, word)
    return None


def _noun_follows(words: list[str], at: int) -> bool:
    """Whether a noun follows word `at` with only describing words between ("small red wooden boxes")."""
    for later in range(at + 1, len(words)):
        if _is_noun(words[later]) or compound_thing(words[later : later + 2]) is not None:
            return True
        if attribute_kind(words[later]) is None:
            return False
    return False


def _starts_noun(words: list[str], at: int, value: int | None) -> bool:
    """Whether a noun that agrees with the count (or a compound) starts at `at`, perhaps after colour words
    ("tomato red background"). One that does not agree is a verb: "a bird flies", "two birds fly"."""
    while at < len(words) and is_color_word(words[at]) and not _is_noun(words[at]):
        at += 1
    if at >= len(words):
        return False
    if compound_thing(words[at : at + 2]) is not None:
        return True
    agrees = is_singular(words[at]) if value is None or value == 1 else is_plural(words[at])
    return _is_noun(words[at]) and agrees


def _head(
    run: list[_Token],
    words: list[str],
    start: int,
    at: int,
    prefix: int | None,
    attributes: list[tuple[AttributeKind, str]],
    value: int | None,
    needs_thing: bool,
) -> _Phrase | None:
    word = words[at]
    layout_or_scene = word.lower() in SCENE_OR_LAYOUT or singular(word).lower() in SCENE_OR_LAYOUT
    picture = singular(word).lower() in _PICTURE_NOUNS
    if word.lower() in UNIT_WORDS or (is_not_thing(word) and not layout_or_scene and not picture):
        return None
    if needs_thing and not is_thing(word) and not layout_or_scene:
        return None
    object_class = singular(word)
    noun = run[at].text
    if prefix is not None and is_thing(words[prefix]):
        object_class = f"{words[prefix].lower()} {object_class}"
        noun = f"{run[prefix].text} {noun}"
    phrase = _phrase(object_class, noun, attributes, start + at + 1, word, value)
    return phrase and replace(phrase, needs_relation=layout_or_scene)


def _phrase(
    object_class: str,
    noun: str,
    attributes: list[tuple[AttributeKind, str]],
    end_index: int,
    head: str,
    value: int | None,
) -> _Phrase | None:
    """The phrase, if its noun agrees with the count: "a dog", "two dogs", "a sheep", "seven sheep"."""
    if value == 1 and not is_singular(head):
        return None
    if value and value > 1 and not is_plural(head) and not is_thing(head):
        return None
    if len(object_class) > 40 or len(noun) > 60 or len(head) < 2:
        return None
    return _Phrase(object_class, noun, tuple(attributes[:MAX_ATTRIBUTES]), end_index, head.lower(), False)


def _add_attribute(attributes: list[tuple[AttributeKind, str]], kind: AttributeKind, word: str) -> None:
    """Add an attribute; colour words in a row are one colour ("light sky blue")."""
    if kind == "color" and attributes and attributes[-1][0] == "color":
        attributes[-1] = ("color", f"{attributes[-1][1]} {word.lower()}"[:40])
    else:
        attributes.append((kind, word.lower()[:40]))


def _through_picture(tokens: list[_Token], phrase: _Phrase, value: int) -> _Phrase | None:
    """ "4 photos of apples": the apples, each one a photo; "3 photos of the beach" stays photos."""
    at = phrase.end_index
    if at >= len(tokens) or tokens[at].lower != "of":
        return None
    inner = _noun_phrase(tokens, at + 1, value, needs_thing=False)
    return inner if inner is not None and (value == 1 or is_plural(inner.head)) else None


def _of_what(tokens: list[_Token], at: int) -> bool | None:
    """After a container ("cups"): True when "of" names a thing ("of coffee"), False when a substance ("of flour"),
    None when no "of" follows."""
    if at + 1 >= len(tokens) or tokens[at].lower != "of" or not tokens[at + 1].is_word:
        return None
    return is_thing(tokens[at + 1].text)


def _is_excluded_number(masked: str, start: int, end: int, digits: bool) -> bool:
    """Whether a number is a price, a time, a date, a measure, a label or part of a name rather than a count."""
    before = masked[start - 1] if start > 0 else " "
    after = masked[end : end + 2]
    if before in "$€£¥₹#/:.,×x-" and start > 0:
        return True
    if after[:1] in ("%", "€", "£", "$", "°", "\u00a2") or re.match(r"[.,:/×x\-]\d", after):
        return True
    if re.match(r"\s*(?:%|€|£|\$)", masked[end:]):
        return True
    if after.startswith("-") and not digits:
        return True  # "five-star", "one-day"
    named = re.search(r"(?:^|(?<=[\s,;(]))([A-Z][A-Za-z]*)[ \t]+$", masked[:start])
    if not digits and masked[start].isupper() and named and not re.search(r"(?:^|[.!?:])\s*$", masked[: named.start()]):
        return True  # "Dog Two sits", "Player One": a capitalised name mid-sentence, not a count
    word_before = re.search(r"([A-Za-z.]+)[ \t]+$", masked[:start])
    previous = word_before.group(1).lower() if word_before else ""
    return previous in LABEL_WORDS or previous.rstrip(".") in MONTHS
