"""Reading a brief's colours: named runs and hex codes, and what each colours (background, accent, a text, objects)."""

from __future__ import annotations

import re
from typing import Literal

from tessera.contract import RequiredColor, RequiredCount
from tessera.planner._colors import MODIFIERS, apply_modifier, base_color, hex_codes, is_color_word
from tessera.planner._extract_spans import slug, source_span, unique_id
from tessera.planner._extract_texts import text_of_role
from tessera.planner._numbers import singular
from tessera.planner._quotes import PLACEHOLDER, Quote, Role, sentence_of

ColorTarget = Literal["background", "objects", "text", "accent"]


def color_from_words(words: list[str]) -> str | None:
    """The hex of a run of colour words ("deep blue", "light sky blue", "navy"), or None."""
    words = [w.lower() for w in words if is_color_word(w)]
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        base = base_color("".join(words[-size:]))
        if base is None:
            continue
        color = base
        for modifier in words[:-size]:
            if modifier in MODIFIERS:
                color = apply_modifier(color, modifier)
        return color
    return None


def _parse_color_run(words: list[str]) -> str | None:
    """The colour of words that are all modifiers followed by one colour name (which may span words)."""
    for size in range(len(words), 0, -1):
        if base_color("".join(words[-size:])) is None:
            continue
        if all(w.lower() in MODIFIERS for w in words[:-size]):
            return color_from_words(words[:-size] + ["".join(words[-size:])])
        return None
    return None


def _color_mentions(masked: str) -> list[tuple[int, int, str]]:
    """Every colour phrase outside quotations: named runs ("deep blue", "sky blue") and hex codes, merged when
    adjacent."""
    mentions: list[tuple[int, int, str]] = []
    words = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[A-Za-z]+", masked)]
    index = 0
    while index < len(words):
        longest = 1
        while (
            longest < 4
            and index + longest < len(words)
            and re.fullmatch(r"[ -]", masked[words[index + longest - 1][1] : words[index + longest][0]])
        ):
            longest += 1
        for size in range(longest, 0, -1):
            run = words[index : index + size]
            color = _parse_color_run([w for _, _, w in run])
            if color:
                mentions.append((run[0][0], run[-1][1], color))
                index += size
                break
        else:
            index += 1
    for start, end, color in hex_codes(masked):
        named = _named_for_code(masked, mentions, start, end)
        if named is None:
            mentions.append((start, end, color))
            continue
        # "brand blue #1F4FFF", "#0EA5A4 (teal)": the code is the colour, the name only describes it
        mentions.remove(named)
        if _NAME_NOUN_CODE.fullmatch(masked[named[1] : start]):  # "teal accents (#0EA5A4)": the noun says what
            mentions.append((named[0], named[1], color))
            continue
        merged_start, merged_end = min(named[0], start), max(named[1], end)
        closing = re.match(r"\s*\)", masked[merged_end:])
        if closing and "(" in masked[merged_start:merged_end]:
            merged_end += closing.end()
        mentions.append((merged_start, merged_end, color))
    return sorted(mentions)


_NAME_THEN_CODE = re.compile(r"[\s(:,]*")  # "teal #0EA5A4", "teal (#0EA5A4)", "teal: #0EA5A4", "teal, #0EA5A4"
_CODE_THEN_NAME = re.compile(r"[\s(]*")  # "#0EA5A4 (teal)", "#0EA5A4 teal"
_NAME_NOUN_CODE = re.compile(r"(?:\s+[A-Za-z]+){1,2}\s*\(\s*")  # "teal accents (#0EA5A4)"


def _named_for_code(
    masked: str, mentions: list[tuple[int, int, str]], start: int, end: int
) -> tuple[int, int, str] | None:
    """The colour name a hex code spells out exactly: right before it, right after it, or a word or two before it
    when the code is in parentheses; None when the code stands alone."""
    for mention in mentions:
        if 0 <= start - mention[1] <= 3 and _NAME_THEN_CODE.fullmatch(masked[mention[1] : start]):
            return mention
        if 0 <= mention[0] - end <= 2 and _CODE_THEN_NAME.fullmatch(masked[end : mention[0]]):
            return mention
        if 0 <= start - mention[1] <= 32 and _NAME_NOUN_CODE.fullmatch(masked[mention[1] : start]):
            return mention
    return None


_BACKGROUND_AFTER = re.compile(r"^[\s-]*(?:colou?red\s+|toned\s+)?(?:background|backdrop|bg)\b", re.IGNORECASE)
# The page itself: "a yellow poster", "a teal (#0EA5A4) flyer", "on a black sign".
_DOCUMENT = (
    r"(?:posters?|flyers?|leaflets?|banners?|cards?|slides?|signs?|pages?|menus?|labels?|invitations?|covers?"
    r"|certificates?|tickets?|brochures?|screens?|canvas|board|wall)"
)
_DOCUMENT_AFTER = re.compile(rf"^[\s-]*(?:colou?red\s+)?{_DOCUMENT}\b", re.IGNORECASE)
# "'Ana Silva' in dark green on cream", "white on navy": the colour the rest sits on.
_ON_BEFORE = re.compile(r"\bon\s+(?:an?\s+|the\s+)?$", re.IGNORECASE)
_CLAUSE_END_AFTER = re.compile(r"^\s*(?:$|[.,;:!?)]|(?:and|with|for|but)\b)", re.IGNORECASE)
# "a poster in our teal", "a menu card in black and gold": the look of the whole page.
_DOCUMENT_IN_BEFORE = re.compile(rf"\b{_DOCUMENT}\s+(?:(?:done|made|set|designed)\s+)?in\s+(?:our\s+)?$", re.IGNORECASE)
_OUR_BEFORE = re.compile(r"\bour\s+(?:own\s+)?$", re.IGNORECASE)
_AND_BETWEEN = re.compile(r"\s*(?:and|&|\+)\s*", re.IGNORECASE)
_BACKGROUND_BEFORE = re.compile(
    r"\b(?:background|backdrop|bg)(?:\s*(?:colou?r|is|of|in|should|be|set|to|a|an|the|using|:|=|-))*\s*$", re.IGNORECASE
)
_ACCENT_BEFORE = re.compile(
    r"\b(?:brand|accent|highlight|primary|logo|theme)(?:\s*(?:colou?r|is|of|in|:|=|-))*\s*$", re.IGNORECASE
)
_ACCENT_AFTER = re.compile(
    r"^\s*(?:as\s+(?:the\s+|an?\s+)?)?(?:accents?|brand|highlights?|theme|buttons?|call[- ]to[- ]action|cta)\b",
    re.IGNORECASE,
)
_TEXT_AFTER_QUOTE = re.compile(
    rf"{PLACEHOLDER}\s*,?\s*(?:(?:written|set|printed|lettered|is|should be|colou?red|appears?)\s+)*in\s+"
    r"(?:our\s+|the\s+|an?\s+)?$",
    re.IGNORECASE,
)
_ROLE_NOUN = (
    r"(?P<role>headlines?|titles?|headings?|sub-?headings?|subtitles?|taglines?|footers?|dates?|labels?|prices?|body)"
)
_TEXT_AFTER_ROLE = re.compile(rf"\b{_ROLE_NOUN}\s+(?:text\s+)?(?:in|is|should be|colou?red)\s+$", re.IGNORECASE)
_ROLE_AFTER = re.compile(rf"^\s*{_ROLE_NOUN}\b", re.IGNORECASE)
_ALL_TEXT_AFTER = re.compile(r"^\s*(?:text|lettering|letters|type|typography|font|writing|words)\b", re.IGNORECASE)
_ALL_TEXT_BEFORE = re.compile(
    r"\b(?:text|lettering|letters|type|typography|font|writing|words)\s+(?:in|is|should be)\s+$", re.IGNORECASE
)


def _quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    return next((q for q in quotes if q.start <= offset < q.end), None)


def required_colors(
    brief: str,
    masked: str,
    spans: list[tuple[int, int]],
    quotes: list[Quote],
    roles: dict[str, Role],
    counts: list[RequiredCount],
    object_colors: dict[int, tuple[str, int, int]],
) -> list[RequiredColor]:
    """The colours the brief asks for, each with its target: counted objects first (their colour words), then
    every other colour phrase outside quotations whose surrounding words say what it colours."""
    colors: list[RequiredColor] = []
    ids: set[str] = set()
    classes = {c.object_class: c for c in counts}

    def add(target: ColorTarget, subject: str | None, color: str, start: int, end: int) -> None:
        if target in ("background", "accent") and any(c.target == target for c in colors):
            return
        if any(c.target == target and c.subject == subject for c in colors):
            return
        base = f"color-{target}" + (f"-{slug(subject)}" if subject and target == "objects" else "")
        colors.append(
            RequiredColor(
                id=unique_id(base if target != "text" else "color-text", ids),
                target=target,
                subject=subject,
                color=color,
                source=source_span(brief, start, end),
            )
        )

    for index, (color, start, end) in sorted(object_colors.items(), key=lambda kv: kv[1][1]):
        add("objects", counts[index].object_class, color, start, end)
    counted_spans = [(c.source.start, c.source.end) for c in counts]
    mentions = _color_mentions(masked)
    page_pair = _page_pair(masked, mentions)
    for start, end, color in mentions:
        if any(s <= start < e for s, e in counted_spans):
            continue
        if start in page_pair:
            add(page_pair[start], None, color, start, end)
            continue
        sent_start, sent_end = sentence_of(spans, start)
        before = masked[max(sent_start, start - 48) : start]
        after = masked[end : min(sent_end, end + 48)]
        target = _color_target(before, after, quotes, roles, classes, start, end)
        if target is None:
            continue
        kind, subject, span_start, span_end = target
        add(kind, subject, color, min(start, span_start), max(end, span_end))
    return colors


def _color_target(
    before: str,
    after: str,
    quotes: list[Quote],
    roles: dict[str, Role],
    classes: dict[str, RequiredCount],
    start: int,
    end: int,
) -> tuple[ColorTarget, str | None, int, int] | None:
    """(target, subject, span start, span end) of a colour phrase, from the words around it."""
    if _BACKGROUND_AFTER.match(after):
        return "background", None, start, start
    if _BACKGROUND_BEFORE.search(before):
        return "background", None, start, start
    if _ACCENT_BEFORE.search(before) or _ACCENT_AFTER.match(after):
        return "accent", None, start, start
    if match := _TEXT_AFTER_QUOTE.search(before):
        quote = _quote_at(quotes, start - len(before) + match.start())
        if quote:
            return "text", quote.text, quote.start, start
    stripped = after.lstrip()
    if stripped.startswith(PLACEHOLDER):  # "red 'SALE'"
        quote = _quote_at(quotes, end + len(after) - len(stripped))
        if quote:
            return "text", quote.text, start, quote.end
    if (match := _TEXT_AFTER_ROLE.search(before)) or (match := _ROLE_AFTER.match(after)):
        text = text_of_role(roles, match.group("role"))
        if text:
            return "text", text, start, start
    if _ALL_TEXT_AFTER.match(after) or _ALL_TEXT_BEFORE.search(before):
        return "text", None, start, start
    words = re.findall(r"[A-Za-z]+", after)[:2]
    for word in words[:1]:
        if singular(word.lower()) in classes:
            return "objects", singular(word.lower()), start, start
    before_words = re.findall(r"[A-Za-z]+", before)
    if (
        len(before_words) >= 2
        and before_words[-1].lower() in ("in", "are", "is")
        and singular(before_words[-2].lower()) in classes
    ):
        return "objects", singular(before_words[-2].lower()), start, start
    return _page_target(before, after, start)


def _page_target(before: str, after: str, start: int) -> tuple[ColorTarget, str | None, int, int] | None:
    """A colour of the page as a whole: "a yellow poster" and "white on navy" colour the background; "a poster in
    teal" and "our teal" name the brand's accent."""
    if _DOCUMENT_AFTER.match(after) or (_ON_BEFORE.search(before) and _CLAUSE_END_AFTER.match(after)):
        return "background", None, start, start
    if _DOCUMENT_IN_BEFORE.search(before) or _OUR_BEFORE.search(before):
        return "accent", None, start, start
    return None


def _page_pair(masked: str, mentions: list[tuple[int, int, str]]) -> dict[int, ColorTarget]:
    """Two colours of the page named together ("a black and gold poster", "a menu in navy and coral"): the first
    is the background, the second the accent; keyed by where each mention starts."""
    pair: dict[int, ColorTarget] = {}
    for first, second in zip(mentions, mentions[1:], strict=False):
        if not _AND_BETWEEN.fullmatch(masked[first[1] : second[0]]):
            continue
        before = masked[max(0, first[0] - 48) : first[0]]
        if _DOCUMENT_AFTER.match(masked[second[1] :]) or _DOCUMENT_IN_BEFORE.search(before):
            pair.setdefault(first[0], "background")
            pair.setdefault(second[0], "accent")
    return pair
