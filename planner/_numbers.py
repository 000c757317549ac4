"""Words for numbers, words that make a number not a count, and noun inflection (through `inflect`)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from tessera.planner._text_cues import word_set

if TYPE_CHECKING:
    import inflect

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def number_word_value(words: str) -> int | None:
    """The value of 'seven', 'twenty-one', 'twenty one', 'hundred', or None."""
    parts = words.lower().replace("-", " ").split()
    if parts == ["hundred"] or parts == ["one", "hundred"] or parts == ["a", "hundred"]:
        return 100
    if len(parts) == 1:
        return _UNITS.get(parts[0], _TENS.get(parts[0]))
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and _UNITS[parts[1]] < 10:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return None


NUMBER_WORD_PATTERN = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?:one|a) hundred|hundred|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|one|two|three|four|five|six|seven|eight|nine|ten)"
)

# Phrases that are counts without a number word. The vague ones read as the fewest things they can mean, so that
# what is drawn is never fewer than asked: "a few" and "several" are 3 ("several" is at least three in use).
COUNT_PHRASES: dict[str, int] = {
    "half a dozen": 6,
    "a dozen": 12,
    "one dozen": 12,
    "two dozen": 24,
    "a pair of": 2,
    "a couple of": 2,
    "a trio of": 3,
    "a few": 3,
    "several": 3,
    "a single": 1,
    "a lone": 1,
}

# A number followed by one of these is a measure, a time, a price or part of a sentence, not a count of things.
UNIT_WORDS = word_set(
    """
    am pm a.m. p.m. o'clock oclock h hr hrs hour hours min mins minute minutes sec secs second seconds day days week
    weeks month months year years yr yrs night nights weekend weekends time times x fold px pixel pixels pt pts em rem
    cm mm m km in inch inches ft foot feet kg g lb lbs oz ml l liter liters litre litres gb mb kb tb k mph kmh kph
    degree degrees percent per pct dollar dollars euro euros pound pounds yen cent cents buck bucks usd eur gbp rupees
    tablespoon tablespoons tbsp teaspoon teaspoons tsp pinch pinches spoonful spoonfuls handful handfuls gram grams
    kilo kilos mile miles meter meters metre metres calorie calories kcal th st nd rd off more less plus extra other
    others different of or and to the a an is are was were be will can with for from at by on as that this these
    those it its
    """
)

# A number after one of these is an ordinal label ("Day 3", "Room 12") or a quantity ("serves 4"), not a count.
LABEL_WORDS = word_set(
    """
    step chapter page room gate level version season episode table no no. number track part phase round day week
    year grade class floor suite route platform act scene volume vol issue figure fig slide top size sizes ages age
    aged under over than about around approximately nearly almost least up for per save serves feeds seats sleeps
    """
)

MONTHS = word_set(
    """
    january february march april may june july august september october november december jan feb mar apr jun jul
    aug sep sept oct nov dec
    """
)

# Where inflect guesses wrong: Latin plurals it does not know, and singulars it reads as plurals ('gas' -> 'ga').
_SINGULAR_OF = {
    "cacti": "cactus", "fungi": "fungus", "octopi": "octopus", "gas": "gas", "lens": "lens", "canvas": "canvas",
    "atlas": "atlas", "christmas": "christmas", "its": "its", "his": "his", "has": "has", "was": "was", "does": "does",
    "yes": "yes", "us": "us", "as": "as", "this": "this", "always": "always", "less": "less", "plus": "plus",
}  # fmt: skip
# Singular nouns that end in these letters look plural to inflect ('bus' -> 'bu', 'tennis' -> 'tenni').
_SINGULAR_ENDINGS = ("ss", "us", "is")


@functools.cache
def _engine() -> inflect.engine:
    # Imported on first use: importing inflect takes about two seconds (typeguard instruments it), which only a
    # reading of a brief should pay.
    import inflect

    return inflect.engine()


@functools.lru_cache(maxsize=8192)
def singular(noun: str) -> str:
    """The singular of an English noun, lowercase unless written as an acronym: balloons->balloon, people->person,
    sheep->sheep, geese->goose, boxes->box, knives->knife, cacti->cactus, TVs->TV."""
    word = noun if noun[:-1].isupper() and len(noun) > 1 else noun.lower()
    lower = word.lower()
    if lower in _SINGULAR_OF:
        return _SINGULAR_OF[lower]
    if lower.endswith(_SINGULAR_ENDINGS) or not lower.isascii():
        return word
    found = _engine().singular_noun(word)
    return found if isinstance(found, str) and found else word


@functools.lru_cache(maxsize=8192)
def is_plural(noun: str) -> bool:
    """Whether an English noun is a plural form ('dogs', 'people'), invariant ones included ('sheep', 'fish')."""
    lower = noun.lower()
    if lower in _SINGULAR_OF:
        return _SINGULAR_OF[lower] != lower
    if lower.endswith(_SINGULAR_ENDINGS) or not lower.isascii():
        return False
    return _engine().singular_noun(lower) is not False


def is_singular(noun: str) -> bool:
    """Whether an English noun can stand after 'a' or 'one': 'dog', 'sheep', 'fish', not 'dogs'."""
    return not is_plural(noun) or singular(noun).lower() == noun.lower()


def plural(noun: str) -> str:
    """The plural of a singular English noun (the last word of a compound): balloon->balloons, person->people."""
    head, _, last = noun.lower().rpartition(" ")
    word = _engine().plural_noun(last) or last
    return f"{head} {word}" if head else word
