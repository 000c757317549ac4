"""Reading a brief's counts: the things it names with a count ("five red balloons", "a lamp", "a dozen eggs") as
exact object counts with their attributes, and the relations between them."""

from __future__ import annotations

from tessera.contract import Attribute, CoverageEntry, RequiredCount
from tessera.planner._extract_colors import color_from_words
from tessera.planner._extract_spans import Mention, slug, source_span, unique_id
from tessera.planner._pictures import PictureRequest, find_pictures
from tessera.planner._read_things import MAX_COUNT, Thing, read_things
from tessera.planner._relations import ThingRelation, read_relations
from tessera.planner._text_cues import word_set

MAX_COUNTS = 24
# Places a picture shows whole ("a photo of a mountain lake at dawn"): a picture, never a counted group of lakes.
SCENERY = word_set(
    """
    lake pond river stream waterfall mountain mountains hill hills volcano island beach cliff forest woods jungle
    desert valley canyon meadow garden park city street skyline town village harbor harbour coast shore ocean sea
    sky landscape countryside farm vineyard glacier reef
    """
)


def counted_things(masked: str) -> tuple[list[Thing], list[ThingRelation]]:
    """The things a quote-masked brief counts, and the relations between counted things.

    What a picture shows ("a photo of a red apple in the top-right quarter") is the picture's, unless a number
    counts it ("a photo of 3 dogs"). A brief that is itself a photo of things, placed nowhere ("a photo of a bench
    and a dog"), asks for those things in that look: they stay counted things, unless the photo is of a place ("a
    photo of a mountain lake at dawn"). A noun that is layout in a document ("table") is a thing only in a relation.
    """
    things = read_things(masked)
    numbered = frozenset((t.start, t.end) for t in things if t.count and t.numbered)
    pictures = [p for p in find_pictures(masked, numbered) if not p.counted]
    shown = [(p.start, p.end) for p in pictures if not _photo_of_things(masked, p, things)]
    things = [t for t in things if t.numbered or not any(start <= t.start < end for start, end in shown)]
    relations = read_relations(masked, things)
    related = {id(side) for r in relations for side in (r.subject, r.reference, r.second) if side is not None}
    things = [t for t in things if not t.needs_relation or id(t) in related]
    counted = {t.object_class for t in things if t.count}
    relations = [
        r
        for r in relations
        if r.subject.object_class in counted
        and r.reference.object_class in counted
        # "a small dog next to a big dog" is two dogs in one group, side by side: no relation to keep apart.
        and r.subject.object_class != r.reference.object_class
    ]
    return things, relations


def _photo_of_things(masked: str, picture: PictureRequest, things: list[Thing]) -> bool:
    """Whether `picture` is the whole brief's subject, placed nowhere, and starts with a counted thing that is no
    place: the brief asks for those things, drawn in the picture's look."""
    if picture.spot is not None or masked[: picture.start].strip():
        return False
    first = next((t for t in things if picture.start <= t.start < picture.end and t.count), None)
    return first is not None and first.object_class.split()[-1] not in SCENERY


def within_limit(brief: str, things: list[Thing]) -> tuple[list[Thing], list[CoverageEntry]]:
    """The things a plan can carry, and a not-planned coverage entry for each counted thing it cannot, so none is
    dropped in silence: past the first MAX_COUNTS kinds, or past MAX_COUNT of one kind in all ("60 balloons and
    another 60 balloons": the second 60)."""
    kinds: dict[str, int] = {}  # each kind's count so far, in brief order
    past: dict[int, str] = {}  # id of each thing left out: why
    for thing in (t for t in things if t.count):
        total = kinds.get(thing.object_class, 0) + (thing.count or 0)
        if thing.object_class not in kinds and len(kinds) >= MAX_COUNTS:
            past[id(thing)] = f"more kinds of things than a plan carries ({MAX_COUNTS}); group them or ask for fewer"
        elif total > MAX_COUNT:
            past[id(thing)] = (
                f"{total} {thing.noun} in all; a plan draws at most {MAX_COUNT} of one thing: ask for {MAX_COUNT} "
                "or fewer"
            )
        else:
            kinds[thing.object_class] = total
    left_out = [
        CoverageEntry(clause=brief[t.start : t.end], span=(t.start, t.end), status="not_planned", reason=past[id(t)])
        for t in things
        if id(t) in past
    ]
    return [t for t in things if id(t) not in past], left_out


def required_counts(
    brief: str, things: list[Thing]
) -> tuple[list[RequiredCount], dict[int, tuple[str, int, int]], list[Mention]]:
    """Counts of the counted `things`, the colours given to them (by count index, with their span), and a mention of
    every thing (counted or referring back) for positions to attach to. Keep `things` within the limit first
    (`within_limit`)."""
    counted = [t for t in things if t.count]
    ids: set[str] = set()
    counts: list[RequiredCount] = []
    object_colors: dict[int, tuple[str, int, int]] = {}
    # Things of one class are one count ("a red car and a blue car": 2 cars), as the verifier counts a class.
    for object_class in dict.fromkeys(t.object_class for t in counted):
        same = [t for t in counted if t.object_class == object_class]
        attributes = list(dict.fromkeys(a for t in same for a in t.attributes))[:8]
        counts.append(
            RequiredCount(
                id=unique_id(f"count-{slug(object_class)}", ids),
                object_class=object_class,
                count=sum(t.count or 1 for t in same),
                noun=same[0].noun[:60],
                attributes=[Attribute(kind=kind, word=word) for kind, word in attributes],
                source=source_span(brief, same[0].start, same[-1].end),
            )
        )
        color = next((color_from_words(w.split()) for t in same for k, w in t.attributes if k == "color"), None)
        if color:
            object_colors[len(counts) - 1] = (color, same[0].start, same[0].end)
    mentions = [Mention(t.start, t.end, "objects", t.object_class) for t in things if t.count or t.refers_back]
    return counts, object_colors, mentions
