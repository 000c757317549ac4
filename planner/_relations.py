"""Reading how things stand to each other: "a lamp to the left of a sofa", "a cat on a mat", "a dog between a cat
and a mouse", "a cake surrounded by 8 candles".

A relation is a relation phrase with a thing just before it (the subject; a few words such as "is", "sits" or
"directly" may stand between) and a thing right after it (the reference). "It" after the phrase
is the thing named before the subject ("a table with a vase on it"). A phrase followed by no thing ("on the left",
"in the corner", "at the top") is a canvas region, read elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tessera.contract import Relation
from tessera.planner._read_things import Thing

_PHRASES: list[tuple[str, Relation]] = [
    (r"(?:to|on|at)\s+the\s+left(?:[\s-]+(?:hand\s+)?side)?\s+of|left\s+of", "left_of"),
    (r"(?:to|on|at)\s+the\s+right(?:[\s-]+(?:hand\s+)?side)?\s+of|right\s+of", "right_of"),
    (r"in\s+front\s+of", "in_front_of"),
    (r"on\s+top\s+of|atop|on|upon|onto|resting\s+on|sitting\s+on|standing\s+on", "on_top_of"),
    (r"behind|in\s+back\s+of|at\s+the\s+back\s+of", "behind"),
    (r"above|over|hovering\s+over", "above"),
    (r"below", "below"),
    (r"under|underneath|beneath", "under"),
    (r"next\s+to|beside|by|near|alongside|close\s+to", "next_to"),
    (r"between", "between"),
    (r"inside(?:\s+of)?|in|within|into", "inside"),
    (r"surrounded\s+by|encircled\s+by|ringed\s+by", "around"),  # the reference stands around the subject
    (r"around|surrounding|encircling|circling", "around"),
    (r"facing|looking\s+at|turned\s+towards?", "facing"),
]
_PHRASE = re.compile(
    r"\b(?:" + "|".join(f"(?P<r{index}>{pattern})" for index, (pattern, _) in enumerate(_PHRASES)) + r")\b",
    re.IGNORECASE,
)
# Words that may stand between a thing and its relation phrase: "a lamp (that) stands (just) to the left of ...".
_GAP = re.compile(
    r"[\s,]*(?:(?:is|are|that|which|sits|sit|sitting|stands|stand|standing|lies|lie|lying|rests|rest|resting|placed|"
    r"positioned|located|set|hangs|hang|hanging|hovers|hover|hovering|floats|float|floating|flies|fly|flying|perched|"
    r"parked|leans|leaning|leaning|appears|drawn|shown|directly|just|right|slightly|immediately|also|both|each|"
    r"should\s+be|must\s+be|goes|go)[\s,]+){0,4}",
    re.IGNORECASE,
)
_IT = re.compile(r"\s*it\b", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,\s*)?and\s+", re.IGNORECASE)


@dataclass(frozen=True)
class ThingRelation:
    """One relation between things: `subject` stands `relation` to `reference` (and `second`, for "between");
    `start` and `end` cover the subject, the phrase and the reference, `phrase` the relation's own words (with an
    "it" after them)."""

    subject: Thing
    relation: Relation
    reference: Thing
    second: Thing | None
    start: int
    end: int
    phrase: tuple[int, int]


def read_relations(masked: str, things: list[Thing]) -> list[ThingRelation]:
    """The relations between the things a quote-masked brief names, in brief order."""
    by_start = {thing.start: thing for thing in things}
    relations: list[ThingRelation] = []
    for match in _PHRASE.finditer(masked):
        relation, inverse = _relation_of(match)
        subject = _thing_before(masked, match.start(), things)
        reference = _thing_after(masked, match.end(), by_start) or _pronoun_reference(
            masked, match.end(), subject, things
        )
        if reference is None or subject is None or subject is reference:
            continue
        second = None
        if relation == "between":
            second = _second_side(masked, reference, by_start)
            if second is None:
                continue
        if inverse:
            subject, reference = reference, subject
        pronoun = _IT.match(masked, match.end())
        phrase = (match.start(), pronoun.end() if pronoun else match.end())
        start, end = min(subject.start, reference.start), max(subject.end, reference.end, phrase[1])
        if second is not None:
            end = max(end, second.end)
        relations.append(ThingRelation(subject, relation, reference, second, start, end, phrase))
    return relations


def _relation_of(match: re.Match[str]) -> tuple[Relation, bool]:
    """The relation a phrase names, and whether its sides are swapped ("surrounded by")."""
    index = next(int(name[1:]) for name, value in match.groupdict().items() if value is not None)
    return _PHRASES[index][1], match.group().lower().endswith(" by") and _PHRASES[index][1] == "around"


def _thing_after(masked: str, offset: int, by_start: dict[int, Thing]) -> Thing | None:
    gap = re.match(r"\s*", masked[offset:])
    return by_start.get(offset + (gap.end() if gap else 0))


def _pronoun_reference(masked: str, offset: int, subject: Thing | None, things: list[Thing]) -> Thing | None:
    """What "it" stands for after a relation phrase: the thing named just before the subject ("a table with a vase
    on it"), skipping things counted more than once ("a lamp, two books on a rug in front of it": the lamp)."""
    if subject is None or not _IT.match(masked, offset):
        return None
    earlier = [thing for thing in things if thing.end <= subject.start and thing.object_class != subject.object_class]
    singular = [thing for thing in earlier if thing.count is None or thing.count == 1]
    return (singular or earlier)[-1] if earlier else None


def _thing_before(masked: str, offset: int, things: list[Thing]) -> Thing | None:
    """The thing that ends just before `offset`, across only the words `_GAP` allows."""
    for thing in reversed(things):
        if thing.end > offset:
            continue
        gap = _GAP.fullmatch(masked, thing.end, offset)
        return thing if gap is not None else None
    return None


def _second_side(masked: str, reference: Thing, by_start: dict[int, Thing]) -> Thing | None:
    """The other side of "between": "between a cat and a mouse"; "between two trees" stands between two alike."""
    joined = _AND.match(masked, reference.end)
    if joined:
        return by_start.get(joined.end())
    return reference if reference.count == 2 else None
