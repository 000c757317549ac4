"""Reading a brief's positions: relations between things ("a lamp to the left of a sofa"), a subject in a canvas
region ("in the top left"), or below/above a text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from tessera.contract import Region, Relation, RequiredPosition
from tessera.planner._extract_spans import Mention, source_span
from tessera.planner._extract_texts import text_of_role
from tessera.planner._quotes import PLACEHOLDER, Role, sentence_of
from tessera.planner._relations import ThingRelation

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
            # "a centered heading" aligns a text, it does not put it in the middle of the canvas
            r"\bcent(?:er|r)ed\s+(?:on|in)\s+the\s+(?:canvas|page|poster|card|ticket|image|slide|screen|flyer|"
            r"sign|frame|label|cover|banner)\b|\bin\s+the\s+(?:center|centre|middle)\b|\bat\s+the\s+(?:center|centre)\b",
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


_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|on|to|across|along|near|toward|towards)\s+(?:the\s+)?(?:very\s+)?$", re.I)
# A place that opens its sentence ("At the top left, above the dog's head, a bubble reads 'Hi'") belongs to the
# main clause after the comma, not to a thing named inside the opening phrase.
_OPENING_PLACE = re.compile(r"^\W*(?:(?:in|at|on|across|along|near|toward|towards)\s+)?(?:the\s+)?(?:very\s+)?$", re.I)


def _fronted_subject(masked: str, mentions: list[Mention], sent_start: int, place: re.Match[str]) -> Mention | None:
    """The first subject of the main clause when the place phrase opens the sentence and a comma closes it."""
    if not _OPENING_PLACE.match(masked[sent_start : place.start()]):
        return None
    comma = masked.find(",", place.end())
    if comma == -1:
        return None
    clause_end = masked.find(";", comma)
    after = [m for m in mentions if comma < m.start and (clause_end == -1 or m.start < clause_end)]
    return min(after, key=lambda m: m.start, default=None)


def _nearest(masked: str, mentions: list[Mention], start: int, end: int, exclude: set[str]) -> Mention | None:
    def distance(m: Mention) -> tuple[int, int]:
        if m.end <= start:  # "a lamp in the top-left corner": the preposition ties the place to what is before it
            preposition = _PLACE_PREPOSITION.search(masked, m.end, start)
            gap = (preposition.start() if preposition else start) - m.end
        else:
            gap = m.start - end
        return (max(0, gap), 0 if m.end <= start else 1)

    candidates = [m for m in mentions if m.subject not in exclude and not (m.start < end and start < m.end)]
    return min(candidates, key=distance, default=None)


def required_positions(
    brief: str,
    masked: str,
    spans: list[tuple[int, int]],
    mentions: list[Mention],
    roles: dict[str, Role],
    relations: Sequence[ThingRelation] = (),
) -> list[RequiredPosition]:
    """Where the brief puts its subjects: beside other things (`relations`, read by `planner._relations`), in a
    canvas region (the nearest subject in the sentence), or below or above a text (the role noun, a quotation, or
    "it": the text named just before). A region phrase inside a relation ("to the left of a sofa") is no region."""
    headline = next((t for t, r in roles.items() if r == "headline"), None)
    for match in _REFERENCE_MENTION.finditer(masked):
        text = text_of_role(roles, match.group("noun"))
        if text and not masked[match.end() :].lstrip().startswith(PLACEHOLDER):  # "the footer 'X'" introduces X
            mentions = [*mentions, Mention(match.start(), match.end(), "text", text)]
    text_mentions = sorted((m for m in mentions if m.kind == "text"), key=lambda m: m.start)
    positions: list[RequiredPosition] = _between_things(brief, relations)
    seen: set[tuple[str, str | None, str | None]] = set()

    def add(
        subject: Mention,
        region: Region | None,
        relation: Relation | None,
        reference: str | None,
        start: int,
        end: int,
    ) -> None:
        key = (subject.subject, region, reference)
        if subject.kind not in ("text", "objects") or key in seen or subject.subject == reference:
            return
        seen.add(key)
        positions.append(
            RequiredPosition(
                id=f"position-{len(positions) + 1}",
                subject_kind="text" if subject.kind == "text" else "objects",
                subject=subject.subject,
                region=region,
                relation=relation,
                reference=reference,
                source=source_span(brief, min(start, subject.start), max(end, subject.end)),
            )
        )

    consumed = [False] * len(masked)
    for relation in relations:
        start, end = relation.phrase
        consumed[start:end] = [True] * (end - start)
    for pattern, region in _REGIONS:
        for match in pattern.finditer(masked):
            if any(consumed[match.start() : match.end()]):
                continue
            consumed[match.start() : match.end()] = [True] * (match.end() - match.start())
            sent_start, sent_end = sentence_of(spans, match.start())
            in_sentence = [m for m in mentions if sent_start <= m.start < sent_end]
            subject = _fronted_subject(masked, in_sentence, sent_start, match) or _nearest(
                masked, in_sentence, match.start(), match.end(), set()
            )
            if subject:
                add(subject, region, None, None, match.start(), match.end())
    for match in _RELATION.finditer(masked):
        if any(consumed[match.start() : match.end()]):
            continue  # "a tree with a kite above it": "it" is the tree, read as a relation between things
        sent_start, sent_end = sentence_of(spans, match.start())
        ref_text = match.group("ref").lower()
        reference: str | None
        if ref_text.startswith(PLACEHOLDER):
            reference = next((m.subject for m in text_mentions if m.start == match.start("ref")), None)
        elif ref_text.startswith("the"):
            reference = text_of_role(roles, ref_text.split()[-1]) or (headline if "text" not in ref_text else None)
        else:
            reference = None  # "it": the previous text, decided once the subject is known
        in_sentence = [m for m in mentions if sent_start <= m.start < sent_end]
        subject = _nearest(masked, in_sentence, match.start(), match.end(), {reference} if reference else set())
        if subject is None:
            continue
        if reference is None:
            earlier = [m for m in text_mentions if m.end <= match.start() and m.subject != subject.subject]
            reference = earlier[-1].subject if earlier else None
        if reference is None:
            continue
        below = match.group("rel").lower() in ("below", "under", "underneath", "beneath")
        add(subject, None, "below" if below else "above", reference, match.start(), match.end())
    return positions


def _between_things(brief: str, relations: Sequence[ThingRelation]) -> list[RequiredPosition]:
    """One position per relation between things, each pointing at the subject, the phrase and the reference."""
    positions: list[RequiredPosition] = []
    seen: set[tuple[str, Relation, str, str | None]] = set()
    for relation in relations:
        second = relation.second.object_class if relation.second else None
        key = (relation.subject.object_class, relation.relation, relation.reference.object_class, second)
        if key in seen:
            continue
        seen.add(key)
        positions.append(
            RequiredPosition(
                id=f"position-{len(positions) + 1}",
                subject_kind="objects",
                subject=relation.subject.object_class,
                relation=relation.relation,
                reference_kind="objects",
                reference=relation.reference.object_class,
                second_reference=second,
                source=source_span(brief, relation.start, relation.end),
            )
        )
    return positions
