"""Brief -> Constraints without a model, one module per kind: texts, counts, colours, positions and the canvas.

Also what else a brief says that the planners re-read from the constraints' brief: the pictures it asks for,
the look of each counted group, and the role of each text.
"""

from __future__ import annotations

from tessera.contract import (
    MAX_BRIEF_CHARS,
    MAX_CONSTRAINTS,
    MAX_LEFT_OUT,
    BriefError,
    Constraint,
    Constraints,
    CoverageEntry,
    RequiredCount,
    RequiredText,
)
from tessera.planner._extract_colors import required_colors
from tessera.planner._extract_counts import counted_things, required_counts, within_limit
from tessera.planner._extract_positions import required_positions
from tessera.planner._extract_spans import Mention
from tessera.planner._extract_texts import text_mentions
from tessera.planner._pictures import PictureRequest, PictureStyle, counted_styles, find_pictures
from tessera.planner._quotes import Role, find_quotes, mask_quotes, quote_roles, sentences
from tessera.planner._read_kind import read_kind
from tessera.planner._read_structure import mask_structures, required_structures
from tessera.planner._read_texts import V1_OF_ROLE, find_unquoted, read_texts, reading_roles, text_spans


def extract_constraints(brief: str) -> Constraints:
    """The hard constraints a brief states: exact strings, counts, colours, positions and a canvas size.

    Every constraint carries the span of the brief it came from. Raises BriefError for an empty brief,
    one longer than MAX_BRIEF_CHARS, or one asking for more strings or counts than a plan can carry.
    """
    _check_length(brief)
    quotes = find_quotes(brief)
    unquoted = find_unquoted(mask_quotes(brief, quotes))
    all_texts = sorted([*quotes, *(u.as_quote() for u in unquoted)], key=lambda q: q.start)
    masked = mask_quotes(brief, all_texts)  # unquoted texts too: "Title: Five Apples" counts no apples
    spans = sentences(masked)
    roles = reading_roles(unquoted, quote_roles(brief, all_texts))

    texts = read_texts(brief, quotes, unquoted, roles)
    structures = required_structures(brief, masked)
    things, relations = counted_things(mask_structures(masked, structures))  # "three bullet points" counts nothing
    things, left_out = within_limit(brief, things)
    counts, object_colors, count_mentions = required_counts(brief, things)
    pictures = find_pictures(masked, frozenset((c.source.start, c.source.end) for c in counts))
    picture_mentions = [Mention(p.start, p.end, "picture", p.prompt) for p in pictures if not p.counted]
    quoted = text_mentions(all_texts)
    masked_for_colors = _mask_pictures(masked, pictures)
    colors = required_colors(brief, masked_for_colors, spans, all_texts, roles, counts, object_colors)
    mentions = quoted + count_mentions + picture_mentions
    positions = required_positions(brief, masked, spans, mentions, roles, relations)
    items: list[Constraint] = [*texts, *structures, *counts, *positions, *colors]
    left_out += [_past_the_limit(item) for item in items[MAX_CONSTRAINTS:]]
    document, document_source, canvas = read_kind(brief, masked)
    return Constraints(
        brief=brief,
        items=items[:MAX_CONSTRAINTS],
        left_out=left_out[:MAX_LEFT_OUT],
        canvas=canvas,
        document=document,
        document_source=document_source,
    )


def _past_the_limit(item: Constraint) -> CoverageEntry:
    """A not-planned entry for an item past the most a reading carries (MAX_CONSTRAINTS)."""
    return CoverageEntry(
        clause=item.source.quote,
        span=(item.source.start, item.source.end),
        status="not_planned",
        reason=f"the brief asks for more than a plan carries ({MAX_CONSTRAINTS} items); split it into several images",
    )


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
    masked = mask_quotes(brief, text_spans(brief))
    spans = frozenset((c.source.start, c.source.end) for c in constraints.items if isinstance(c, RequiredCount))
    return [p for p in find_pictures(masked, spans) if not p.counted]


def count_styles(constraints: Constraints) -> dict[str, PictureStyle]:
    """The look asked for each counted group by a picture phrase around it ("photos of 4 apples"), by count id."""
    brief = constraints.brief
    masked = mask_quotes(brief, text_spans(brief))
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


def text_roles(constraints: Constraints) -> dict[str, Role]:
    """The role (headline, subheading, body, footer, label) of each required text: the one the reading gave it,
    else re-read from the brief."""
    read = {c.text: V1_OF_ROLE[c.role] for c in constraints.items if isinstance(c, RequiredText) and c.role}
    roles = quote_roles(constraints.brief, text_spans(constraints.brief)) | read
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
