"""Brief -> Constraints without a model, one module per kind: texts, counts, colours, positions and the canvas.

Also what else a brief says that the planners re-read from the constraints' brief: the pictures it asks for,
the look of each counted group, and the role of each text.
"""

from __future__ import annotations

from tessera.contract import MAX_BRIEF_CHARS, BriefError, Constraint, Constraints, RequiredCount, RequiredText
from tessera.planner._extract_canvas import canvas_hint
from tessera.planner._extract_colors import required_colors
from tessera.planner._extract_counts import required_counts
from tessera.planner._extract_positions import required_positions
from tessera.planner._extract_spans import Mention
from tessera.planner._extract_texts import required_texts, text_mentions
from tessera.planner._pictures import PictureRequest, PictureStyle, counted_styles, find_pictures
from tessera.planner._quotes import Role, find_quotes, mask_quotes, quote_roles, sentences

MAX_ITEMS = 64


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

    texts = required_texts(brief, quotes)
    counts, object_colors, count_mentions = required_counts(brief, masked)
    pictures = find_pictures(masked, frozenset((c.source.start, c.source.end) for c in counts))
    picture_mentions = [Mention(p.start, p.end, "picture", p.prompt) for p in pictures if not p.counted]
    quoted = text_mentions(quotes)
    masked_for_colors = _mask_pictures(masked, pictures)
    colors = required_colors(brief, masked_for_colors, spans, quotes, roles, counts, object_colors)
    mentions = quoted + count_mentions + picture_mentions
    positions = required_positions(brief, masked, spans, mentions, roles)
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
