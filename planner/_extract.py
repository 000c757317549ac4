"""Brief -> Constraints without a model, one module per kind: texts, counts, colours, positions and the canvas.

Also what else a brief says that the planners re-read from the constraints' brief: the pictures it asks for,
the look of each counted group, and the role of each text.
"""

from __future__ import annotations

import re

from tessera.contract import (
    MAX_BRIEF_CHARS,
    MAX_CONSTRAINTS,
    MAX_LEFT_OUT,
    BriefError,
    Constraint,
    Constraints,
    CoverageEntry,
    DocumentKind,
    RequiredCount,
    RequiredText,
    SourceSpan,
)
from tessera.planner._extract_colors import required_colors
from tessera.planner._extract_counts import counted_things, required_counts, within_limit
from tessera.planner._extract_positions import required_positions
from tessera.planner._extract_spans import Mention
from tessera.planner._extract_texts import text_mentions
from tessera.planner._pictures import PictureRequest, PictureStyle, counted_styles, find_pictures
from tessera.planner._quotes import Quote, Role, explicit_roles, find_quotes, mask_quotes, quote_roles, sentences
from tessera.planner._read_facts import find_facts
from tessera.planner._read_kind import read_kind
from tessera.planner._read_occasions import occasion_titles
from tessera.planner._read_purpose import Placed, Purpose, placed_quote, settled_roles, text_purposes
from tessera.planner._read_structure import mask_structures, required_structures
from tessera.planner._read_styles import style_cues
from tessera.planner._read_texts import (
    V1_OF_ROLE,
    UnquotedText,
    find_unquoted,
    read_texts,
    reading_roles,
    text_spans,
)
from tessera.planner._unread import unread_fragments


def extract_constraints(brief: str) -> Constraints:
    """The hard constraints a brief states: exact strings, counts, colours, positions and a canvas size.

    Every constraint carries the span of the brief it came from. Raises BriefError for an empty brief,
    one longer than MAX_BRIEF_CHARS, or one asking for more strings or counts than a plan can carry.
    """
    _check_length(brief)
    quotes = find_quotes(brief)
    cued = find_unquoted(mask_quotes(brief, quotes))
    masked = mask_quotes(brief, _as_quotes(quotes, cued))  # unquoted texts too: "Title: Five Apples" counts no apples
    document, document_source, canvas = read_kind(brief, masked)
    structures = required_structures(brief, masked, document)
    # Facts given as bare words ("Friday 8 PM, The Loft, tickets $15") are read where no structure is.
    facts = find_facts(mask_structures(masked, structures), document)
    if not quotes and not cued and not any(f.purpose in ("title", "brand", "product") for f in facts):
        # A page for an event or an occasion with no words of its own is titled from what it is for.
        facts += [t for t in occasion_titles(masked, document) if not any(_overlap(t, f) for f in facts)]
    unquoted = sorted([*cued, *facts], key=lambda u: u.start)
    all_texts = _as_quotes(quotes, unquoted)
    masked = mask_quotes(brief, all_texts)
    spans = sentences(masked)
    purposes, roles = _purposes_and_roles(brief, masked, quotes, unquoted, document)

    texts = [_with_purpose(t, purposes) for t in read_texts(brief, quotes, unquoted, roles)]
    # "three bullet points" counts nothing, nor does "a chalkboard menu": a noun naming the document's look or theme
    things, relations = counted_things(_mask_kind_modifier(mask_structures(masked, structures), document_source))
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
    styles = style_cues(brief, masked, document, [(c.source.start, c.source.end) for c in counts])
    read = [
        *((i.source.start, i.source.end) for i in items),
        *(e.span for e in left_out),
        *((s.source.start, s.source.end) for s in styles),
        *((q.start, q.end) for q in all_texts),
        *((p.start, p.end) for p in pictures),
        *([(document_source.start, document_source.end)] if document_source else []),
    ]
    left_out += unread_fragments(brief, document, read, document_source.start if document_source else None)
    return Constraints(
        brief=brief,
        items=items[:MAX_CONSTRAINTS],
        left_out=left_out[:MAX_LEFT_OUT],
        canvas=canvas,
        document=document,
        document_source=document_source,
        styles=styles,
    )


_MODIFIER = re.compile(r"([^\W\d_][\w-]*)\s+$")
_NOT_MODIFIERS = frozenset({"a", "an", "the", "one", "our", "my", "your", "this", "that", "of", "for", "with", "and"})


def _mask_kind_modifier(masked: str, document_source: SourceSpan | None) -> str:
    """The brief with the word right before the document kind's noun blanked ("a chalkboard menu", "a coffee
    poster"): it says what the document is about or looks like, and is no thing to count."""
    if document_source is None:
        return masked
    found = _MODIFIER.search(masked, 0, document_source.start)
    if found is None or found.group(1).lower() in _NOT_MODIFIERS:
        return masked
    return masked[: found.start(1)] + " " * (found.end(1) - found.start(1)) + masked[found.end(1) :]


def _overlap(one: UnquotedText, other: UnquotedText) -> bool:
    return one.start < other.end and other.start < one.end


def _as_quotes(quotes: list[Quote], unquoted: list[UnquotedText]) -> list[Quote]:
    """Every text, quoted or not, as quotations in brief order."""
    return sorted([*quotes, *(u.as_quote() for u in unquoted)], key=lambda q: q.start)


def _purposes_and_roles(
    brief: str, masked: str, quotes: list[Quote], unquoted: list[UnquotedText], document: DocumentKind
) -> tuple[dict[str, Purpose], dict[str, Role]]:
    """What each text is for, and the role it then takes for the rules planner (see `planner._read_purpose`)."""
    named = reading_roles(unquoted, explicit_roles(brief, quotes))
    placed = sorted(
        [*(placed_quote(q) for q in quotes), *(Placed(u.text, u.start, u.end, u.purpose) for u in unquoted)],
        key=lambda p: p.start,
    )
    purposes = text_purposes(masked, placed, document, titled="headline" in named.values())
    order = list(dict.fromkeys(p.text for p in placed))
    return purposes, settled_roles(order, named, purposes)


def _with_purpose(text: RequiredText, purposes: dict[str, Purpose]) -> RequiredText:
    found = purposes.get(text.text)
    return text.model_copy(update={"purpose": found.purpose}) if found else text


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
