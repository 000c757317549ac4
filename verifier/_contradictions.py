"""Checks no image can pass together: constraints of the reading that contradict each other, and texts with
characters no installed font has.

Each set becomes a check of kind "contradiction" naming its checks (`conflicts`: a brief check by its constraint
id, a plan check as 'plan:<element id>'): a planning error that the report shows, never a failure for a revision to
chase. What counts as impossible follows how the verifier measures: a subject is measured as one box (the union of
its instances or texts), so it cannot sit in two disjoint regions, stand on both sides of another, or wear two
different colours; and a character no installed font has is drawn as an empty box whatever the plan says.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np

from tessera.contract import (
    Constraint,
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    Region,
    Relation,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    hex_to_rgb,
)
from tessera.contract.relations import CENTER_BAND, EDGE_BAND
from tessera.verifier._glyph_coverage import impossible_glyphs
from tessera.verifier._pixels import delta_e, rgb_to_lab

MIN_COLOR_DIFFERENCE = 20.0  # CIE76: below this two asked colours are shades one measured colour can match both
MAX_CONFLICTS = 8  # constraint ids one contradiction names (the report's limit)

_Interval = tuple[float, float]  # [lo, hi) of a subject's centre, as a fraction of the canvas side

_LOW, _HIGH = EDGE_BAND, 1 - EDGE_BAND
_CENTER = CENTER_BAND
# Where each region allows a subject's centre, across and down (see `_position.in_region`).
_REGION_SPANS: dict[Region, tuple[_Interval, _Interval]] = {
    "top": ((0, 1), (0, _LOW)),
    "bottom": ((0, 1), (_HIGH, 1)),
    "left": ((0, _LOW), (0, 1)),
    "right": ((_HIGH, 1), (0, 1)),
    "top-left": ((0, 0.5), (0, 0.5)),
    "top-right": ((0.5, 1), (0, 0.5)),
    "bottom-left": ((0, 0.5), (0.5, 1)),
    "bottom-right": ((0.5, 1), (0.5, 1)),
    "center": (_CENTER, _CENTER),
}
# Relations that order two subjects along an axis: (axis, whether the subject comes first). "above" and "on top
# of" put the subject higher (first going down); "under" and "below" lower.
_ORDERS: dict[Relation, tuple[int, bool]] = {
    "left_of": (0, True),
    "right_of": (0, False),
    "above": (1, True),
    "on_top_of": (1, True),
    "below": (1, False),
    "under": (1, False),
}
_LEVEL: frozenset[Relation] = frozenset({"next_to", "facing"})  # side by side: level with each other
_AXES = ("across", "down")
_ORDER_WORDS = {0: ("left of", "right of"), 1: ("above", "below")}
_NOT_REVISED = {
    False: "; no image can pass it, so the run does not revise for it",
    True: "; no image can pass them all, so the run does not revise for them",
}


@dataclass(frozen=True)
class _Subject:
    """A thing or a text a constraint is about: the same words, folded, name the same subject."""

    kind: str
    key: str
    words: str = field(compare=False)

    @property
    def name(self) -> str:
        """The subject in a sentence: 'SALE', the lamp."""
        return f"'{self.words}'" if self.kind == "text" else f"the {self.words}"


@dataclass(frozen=True)
class Contradiction:
    """Checks that no image can pass together (named by `ConstraintCheck.key`), and why, in words."""

    ids: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class _Edge:
    """One ordering along an axis: `first` comes before `second` (left of it, or above it)."""

    first: _Subject
    second: _Subject
    constraint_id: str


def contradictions(constraints: Constraints) -> list[Contradiction]:
    """Every set of constraints of `constraints` that no image can satisfy together, each set once.

    Positions of a thing the brief counts more than once are left out: "two speech bubbles, one top-left, one
    bottom-right" may mean one bubble in each place."""
    counts = [c for c in constraints.items if isinstance(c, RequiredCount)]
    several = {_subject("objects", c.object_class) for c in counts if c.count > 1}
    positions = [
        c for c in constraints.items
        if isinstance(c, RequiredPosition) and not several & set(_subjects_of(c))
    ]  # fmt: skip
    found = [
        *_self_relations(positions),
        *_region_conflicts(positions),
        *_order_conflicts(positions),
        *_level_conflicts(positions),
        *_color_conflicts([c for c in constraints.items if isinstance(c, RequiredColor)], several),
        *_count_conflicts(counts),
    ]
    unique: dict[frozenset[str], Contradiction] = {}
    for contradiction in found:
        unique.setdefault(frozenset(contradiction.ids), contradiction)
    return list(unique.values())


def contradiction_checks(
    constraints: Constraints, checks: Sequence[ConstraintCheck], plan: LayoutPlan
) -> list[ConstraintCheck]:
    """One failed check of kind "contradiction" per set of constraints no image can satisfy together, and per
    text check whose text has characters no installed font has."""
    by_id = {c.id: c for c in constraints.items}
    found = [*contradictions(constraints), *undrawable_texts(checks, plan)]
    return [_as_check(index, contradiction, by_id) for index, contradiction in enumerate(found, start=1)]


def undrawable_texts(checks: Sequence[ConstraintCheck], plan: LayoutPlan) -> list[Contradiction]:
    """The text checks whose elements have characters no installed font has: each shows an empty box, whatever
    OCR made of it (a check that passed or could not read it too)."""
    texts = {t.id: t for t in plan.texts()}
    found = []
    for check in (c for c in checks if c.kind == "text"):
        reasons = [impossible_glyphs(texts[i].text) for i in check.element_ids if i in texts]
        reason = next((r for r in reasons if r), "")
        if reason:
            found.append(Contradiction((check.key,), f"{check.constraint_id!r} cannot be drawn: {reason}"))
    return found


def _as_check(index: int, found: Contradiction, by_id: dict[str, Constraint]) -> ConstraintCheck:
    quotes = "; ".join(f"{cid}: {by_id[cid].source.quote!r}" for cid in found.ids if cid in by_id)
    source = (
        f"the reading of the brief asks for all of them ({quotes}): a planning error, in the brief's words or in how "
        "they were read"
        if quotes
        else ""
    )
    return ConstraintCheck(
        constraint_id=f"contradiction-{index}",
        kind="contradiction",
        status="failed",
        expected="checks that one image can pass together",
        measured=_clip(found.why + _NOT_REVISED[len(found.ids) > 1], 2000),
        evidence=_clip(source or "the fonts installed where the verifier runs, as fontconfig lists them", 2000),
        conflicts=list(found.ids[:MAX_CONFLICTS]),
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _subject(kind: str, words: str) -> _Subject:
    return _Subject(kind, " ".join(words.casefold().split()), words)


def _subjects_of(position: RequiredPosition) -> list[_Subject]:
    """The subject, the reference and the second reference of a position."""
    references = [r for r in (position.reference, position.second_reference) if r]
    return [
        _subject(position.subject_kind, position.subject),
        *(_subject(position.reference_kind, r) for r in references),
    ]


def _reference(position: RequiredPosition) -> _Subject | None:
    return _subject(position.reference_kind, position.reference) if position.reference else None


def _self_relations(positions: Sequence[RequiredPosition]) -> Iterable[Contradiction]:
    """A subject asked to stand in a relation to itself (a position word attached to the wrong string)."""
    for position in positions:
        subject = _subject(position.subject_kind, position.subject)
        if position.relation and position.relation != "between" and _reference(position) == subject:
            relation = position.relation.replace("_", " ")
            yield Contradiction((position.id,), f"{subject.name} is asked to be {relation} itself")


def _region_conflicts(positions: Sequence[RequiredPosition]) -> Iterable[Contradiction]:
    """One subject asked into two regions that share no point."""
    placed = [p for p in positions if p.region]
    for a, b in combinations(placed, 2):
        subject = _subject(a.subject_kind, a.subject)
        if a.region is None or b.region is None or subject != _subject(b.subject_kind, b.subject):
            continue
        if _disjoint(_REGION_SPANS[a.region], _REGION_SPANS[b.region]):
            yield Contradiction(
                (a.id, b.id), f"{subject.name} is asked into the {a.region} and into the {b.region} region"
            )


def _disjoint(a: tuple[_Interval, _Interval], b: tuple[_Interval, _Interval]) -> bool:
    return any(x[1] <= y[0] or y[1] <= x[0] for x, y in zip(a, b, strict=True))


def _spans(positions: Sequence[RequiredPosition]) -> dict[_Subject, tuple[list[_Interval], list[str]]]:
    """Each subject's allowed centre along both axes (the intersection of its regions) and the ids that set it."""
    spans: dict[_Subject, tuple[list[_Interval], list[str]]] = {}
    for position in positions:
        if position.region is None:
            continue
        subject = _subject(position.subject_kind, position.subject)
        bounds, ids = spans.setdefault(subject, ([(0.0, 1.0), (0.0, 1.0)], []))
        for axis, (lo, hi) in enumerate(_REGION_SPANS[position.region]):
            bounds[axis] = (max(bounds[axis][0], lo), min(bounds[axis][1], hi))
        ids.append(position.id)
    return spans


def _edges(positions: Sequence[RequiredPosition], axis: int) -> list[_Edge]:
    edges = []
    for position in positions:
        reference = _reference(position)
        order = _ORDERS.get(position.relation) if position.relation else None
        if reference is None or order is None or order[0] != axis:
            continue
        subject = _subject(position.subject_kind, position.subject)
        if subject != reference:
            first, second = (subject, reference) if order[1] else (reference, subject)
            edges.append(_Edge(first, second, position.id))
    return edges


def _order_conflicts(positions: Sequence[RequiredPosition]) -> Iterable[Contradiction]:
    """Orderings along one axis that go round in a circle (A above B above A), or that put a subject before
    another whose region lies wholly before its own (A at the bottom above B at the top)."""
    spans = _spans(positions)
    for axis in (0, 1):
        edges = _edges(positions, axis)
        for edge in edges:
            back = _path(edges, edge.second, edge.first)
            if back is not None:
                chain = [edge, *back]
                yield Contradiction(_ids(e.constraint_id for e in chain), _circle(chain, axis))
        for start in {e.first for e in edges}:
            for end, path in _reachable(edges, start).items():
                first, last = spans.get(start), spans.get(end)
                if first and last and first[0][axis][0] >= last[0][axis][1]:
                    ids = _ids([*first[1], *last[1], *(e.constraint_id for e in path)])
                    before = _ORDER_WORDS[axis][0]
                    yield Contradiction(
                        ids,
                        f"{start.name} is asked to be {before} {end.name}, but their regions put it "
                        f"{_ORDER_WORDS[axis][1]} (along the canvas {_AXES[axis]})",
                    )


def _level_conflicts(positions: Sequence[RequiredPosition]) -> Iterable[Contradiction]:
    """A pair asked to stand side by side, level, and also one above the other."""
    vertical = _edges(positions, 1)
    for position in positions:
        reference = _reference(position)
        if position.relation not in _LEVEL or reference is None:
            continue
        pair = {_subject(position.subject_kind, position.subject), reference}
        for edge in vertical:
            if {edge.first, edge.second} == pair:
                yield Contradiction(
                    _ids([position.id, edge.constraint_id]),
                    f"{edge.first.name} is asked to be beside {edge.second.name}, level with it, and above it",
                )


def _path(edges: Sequence[_Edge], start: _Subject, end: _Subject) -> list[_Edge] | None:
    """The edges of one path from `start` to `end`, or None when there is none."""
    return _reachable(edges, start).get(end)


def _reachable(edges: Sequence[_Edge], start: _Subject) -> dict[_Subject, list[_Edge]]:
    """Every subject reachable from `start` along `edges`, with the edges of the first path found to it."""
    paths: dict[_Subject, list[_Edge]] = {start: []}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for edge in (e for e in edges if e.first == node and e.second not in paths):
            paths[edge.second] = [*paths[node], edge]
            frontier.append(edge.second)
    if start in paths and not paths[start]:
        del paths[start]
    return paths


def _circle(chain: Sequence[_Edge], axis: int) -> str:
    word = _ORDER_WORDS[axis][0]
    steps = ", ".join(f"{e.first.name} {word} {e.second.name}" for e in chain)
    return f"the order {steps} goes round in a circle"


def _ids(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _color_conflicts(colors: Sequence[RequiredColor], several: set[_Subject]) -> Iterable[Contradiction]:
    """One background, text or class of objects (counted once at most) asked in two clearly different colours."""
    for a, b in combinations(colors, 2):
        if a.target == "accent" or a.target != b.target:
            continue
        same = a.subject is None and b.subject is None
        if a.subject is not None and b.subject is not None:
            subject = _subject(a.target, a.subject)
            same = subject == _subject(b.target, b.subject) and subject not in several
        if same and _color_difference(a.color, b.color) >= MIN_COLOR_DIFFERENCE:
            what = "the background" if a.target == "background" else _subject(a.target, a.subject or "").name
            yield Contradiction((a.id, b.id), f"{what} is asked in {a.color} and in {b.color}")


def _color_difference(a: str, b: str) -> float:
    lab = rgb_to_lab(np.array([hex_to_rgb(a), hex_to_rgb(b)], dtype=np.uint8))
    return float(delta_e(lab[0], lab[1]))


def _count_conflicts(counts: Sequence[RequiredCount]) -> Iterable[Contradiction]:
    """One thing, described the same way, asked for in two different numbers."""
    for a, b in combinations(counts, 2):
        same_kind = _subject("objects", a.object_class) == _subject("objects", b.object_class)
        if same_kind and _looks(a) == _looks(b) and a.count != b.count:
            yield Contradiction((a.id, b.id), f"exactly {a.count} and exactly {b.count} {a.object_class} are asked for")


def _looks(count: RequiredCount) -> frozenset[tuple[str, str]]:
    return frozenset((a.kind, a.word.casefold()) for a in count.attributes)
