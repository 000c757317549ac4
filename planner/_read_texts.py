"""Text a brief asks to set without quotation marks ("Title: ...", "a sign that reads ...", "... is written on the
banner"): where each starts and ends, its role, and the thing it is written on.

Every reader works on the brief with its quotations masked, so a quoted text is never read twice; the texts found
here are then masked the same way before counts, colours and positions are read ("Title: Five Apples" counts no
apples).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from tessera.contract import BriefError, RequiredText, TextPurpose, TextRole, detect_script, language_of
from tessera.planner._extract_spans import source_span
from tessera.planner._extract_texts import MAX_TEXTS, required_texts
from tessera.planner._numbers import singular
from tessera.planner._quotes import MAX_QUOTE_CHARS, PLACEHOLDER, Quote, Role, find_quotes, mask_quotes
from tessera.planner._text_cues import (
    CJK_TRAILING,
    INLINE_CUES,
    LIST_ROLES,
    NOUN_CUE,
    NOUN_ROLES,
    ROLE_NOUNS,
    WITH_WRITTEN,
    WRITTEN_ON,
    LabelCue,
    label_cue,
    word_set,
)
from tessera.planner._text_ends import cleaned, inline_end, prose_end, sentence_end, skip_space

# The rules planner's roles and the plan's, both ways.
ROLE_OF_V1: dict[Role, TextRole] = {
    "headline": "title", "subheading": "subtitle", "body": "body", "footer": "footer", "label": "label"
}  # fmt: skip
V1_OF_ROLE: dict[TextRole, Role] = {
    "title": "headline", "subtitle": "subheading", "heading": "subheading", "body": "body", "caption": "body",
    "quote": "body", "code": "body", "label": "label", "price": "label", "footer": "footer",
}  # fmt: skip
MAX_INLINE_CHARS = 160  # a longer run after "reads" or "titled" is the rest of the brief, not the text


@dataclass(frozen=True)
class UnquotedText:
    """One string the brief gives without quotation marks: its words, its cue's words, what it is and where."""

    start: int
    end: int
    text: str
    cue_start: int
    cue_end: int
    role: TextRole | None = None  # None: the brief does not say, so it is set by its place among the texts
    carrier: str | None = None
    purpose: TextPurpose | None = None  # what a fact is for ("Friday 8 PM": the date), when its words say

    def as_quote(self) -> Quote:
        """The text as a quotation, so it is masked and referred to as quoted texts are."""
        return Quote(start=self.start, end=self.end, text=self.text)


def text_spans(brief: str) -> list[Quote]:
    """Every text the brief asks to set, quoted or not, as quotations in brief order."""
    quotes = find_quotes(brief)
    unquoted = find_unquoted(mask_quotes(brief, quotes))
    return sorted([*quotes, *(u.as_quote() for u in unquoted)], key=lambda q: q.start)


def find_unquoted(masked: str) -> list[UnquotedText]:
    """The unquoted texts of a brief whose quotations are masked, in brief order, none overlapping another."""
    labels = _label_cues(masked)
    found = _label_texts(masked, labels)
    limits = [start for start, _, _ in labels]
    for candidate in (*_inline_texts(masked, limits), *_trailing_texts(masked), *_noun_texts(masked, limits)):
        if not any(candidate.cue_start < f.end and f.cue_start < candidate.end for f in found):
            found.append(candidate)
    return sorted(found, key=lambda u: u.start)


# --- "Title: ..." -------------------------------------------------------------------------------------------

_LABEL_BOUNDARY = re.compile(r"[.!?;:,\uff1a\n\u3002\uff01\uff1f\uff1b\uff0c\u3001\x01]")
_COLON = re.compile(r"[:\uff1a]")
_NUMBER = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)\b", re.I)


def _label_cues(masked: str) -> list[tuple[int, int, LabelCue]]:
    """(cue start, colon end, cue) of each "Label: text" cue whose label names a kind of text."""
    cues = []
    for colon in _COLON.finditer(masked):
        window = max(0, colon.start() - 60)
        boundary = max((m.end() for m in _LABEL_BOUNDARY.finditer(masked, window, colon.start())), default=window)
        label = masked[boundary : colon.start()]
        cue = label_cue(label)
        if cue is None or _is_list_label(label, cue.role, masked, colon.end()):
            continue
        start = boundary + len(label) - len(label.lstrip())
        cues.append((start, colon.end(), cue))
    return cues


_LISTED = re.compile(r"[^.\n;]*[,\u3001\uff0c]")


def _is_list_label(label: str, role: TextRole, masked: str, value_start: int) -> bool:
    """Whether the label introduces several items ("Labels: S, M, L", "Three buttons: ..."), a structure."""
    counted = _NUMBER.search(label) is not None
    plural = label.rstrip().lower().endswith("s") and role in LIST_ROLES
    return (counted or plural) and _LISTED.match(masked, value_start) is not None


_ROLE_LEAD = re.compile(
    r"(?:the\s+|a\s+|an\s+)?(?:headline|title|heading|subtitle|sub-?heading|tagline|body|footer|caption|button)s?\b"
    r"(?!\s+[A-Z0-9])",
    re.IGNORECASE,
)


def _label_texts(masked: str, labels: list[tuple[int, int, LabelCue]]) -> list[UnquotedText]:
    texts: list[UnquotedText] = []
    for index, (cue_start, colon_end, cue) in enumerate(labels):
        start = skip_space(masked, colon_end)
        if start >= len(masked) or masked[start] == PLACEHOLDER:
            continue  # "Title: 'X'" is the quotation's
        limit = labels[index + 1][0] if index + 1 < len(labels) else len(masked)
        end = prose_end(masked, start, limit) if cue.prose else sentence_end(masked, start, limit)
        if masked.startswith(PLACEHOLDER, end) or _ROLE_LEAD.match(masked, start):
            continue  # "Label: headline 'X'": the words lead into a quotation or name parts, they are no text
        span = cleaned(masked, start, end, prose=cue.prose)
        if span is not None:
            texts.append(_found(masked, span, (cue_start, colon_end), cue.role, cue.carrier))
    return texts


# --- inline, noun and trailing cues ---------------------------------------------------------------------------

_NOT_A_TEXT = word_set(
    "with in at on by for of to from and or but as is are was were be should must will would can could may might has "
    "have had that which who font style size color colour something anything nothing whatever what how why when "
    "where a an the this these those his her their its my our your some"
)
_CARRIERS = word_set(
    "sign signboard signpost billboard banner poster board chalkboard blackboard whiteboard placard plaque shirt "
    "t-shirt tee hoodie sweater jersey cap hat apron mug cup cake card label sticker badge button tag flag note "
    "letter page screen display monitor marquee tattoo wall door window storefront awning bag box bottle can jar "
    "tin packet package cover book ticket receipt menu bubble balloon kite sail ribbon sash scroll tablet stone "
    "plate envelope postcard invitation certificate trophy medal van truck bus car boat sand cookie mat doormat "
    "lightbox neon frame canvas sheet paper notebook laptop phone"
)
_TEXT_NOUNS = word_set("text words lettering writing inscription message caption it")


def _found(
    masked: str, span: tuple[int, int], cue: tuple[int, int], role: TextRole | None = None, carrier: str | None = None
) -> UnquotedText:
    return UnquotedText(span[0], span[1], masked[span[0] : span[1]], cue[0], cue[1], role, carrier)


def _limit(limits: list[int], start: int, masked: str) -> int:
    """How far a text run into the brief may reach: not into the next label cue, and just past the longest text
    such a cue sets (a run that long is refused), so no brief is read more than a few times over."""
    after = bisect_right(limits, start)
    return min(limits[after] if after < len(limits) else len(masked), start + MAX_INLINE_CHARS + 1)


_BARE_VERBS = ("reads", "says", "reading", "saying", "stating")


def _inline_texts(masked: str, limits: list[int]) -> list[UnquotedText]:
    """Texts after their cue: "a poster titled ...", "a sign that reads ...", "mit der Aufschrift ..."."""
    texts = []
    for pattern, role, names_carrier in INLINE_CUES:
        for match in pattern.finditer(masked):
            start = match.end()
            if start >= len(masked) or masked[start] == PLACEHOLDER:
                continue  # "titled 'X'" is the quotation's
            reader = _reader_before(masked, match.start())
            if match.group().split()[0].lower() in _BARE_VERBS and not _can_bear_text(reader):
                continue  # "a girl reading a book" sets no text
            if names_carrier and reader in _NOT_A_TEXT:
                continue  # "with labelled toggles", "a labelled bar chart": the word describes, it sets no text
            limit = _limit(limits, start, masked)
            colon = match.group().rstrip().endswith((":", "\uff1a"))  # "reads: ..." runs to the sentence's end
            end = sentence_end(masked, start, limit) if colon else inline_end(masked, start, limit)
            span = cleaned(masked, start, end, prose=False)
            if span is None or span[1] - span[0] > MAX_INLINE_CHARS or _first_word_refuses(masked, span[0]):
                continue
            cue_role, carrier = _role_and_carrier(masked, match.start(), reader) if names_carrier else (None, None)
            texts.append(_found(masked, span, match.span(), role or cue_role, carrier))
    return texts


def _can_bear_text(reader: str) -> bool:
    return reader in _CARRIERS or reader in ROLE_NOUNS or reader in _TEXT_NOUNS


def _noun_texts(masked: str, limits: list[int]) -> list[UnquotedText]:
    """Texts after a text noun, capitalised: "with the headline Grand Opening", "the caption Sunset over Tahoe"."""
    texts = []
    for match in NOUN_CUE.finditer(masked):
        start = match.end()
        span = cleaned(masked, start, inline_end(masked, start, _limit(limits, start, masked)), prose=False)
        if span is not None and span[1] - span[0] <= MAX_INLINE_CHARS:
            role = NOUN_ROLES[match.group("noun").lower().replace("-", "")]
            texts.append(_found(masked, span, match.span(), role))
    return texts


def _trailing_texts(masked: str) -> list[UnquotedText]:
    """Texts named before their cue: "Happy Birthday is written on the banner", "a cake with Happy Birthday
    written on it", "OPENと書かれた看板", "환영합니다라고 적힌 간판"."""
    return [*_written_on_texts(masked), *_with_written_texts(masked), *_cjk_trailing_texts(masked)]


_CLAUSE_START = re.compile(r"[.!?;:,\n\u3002\uff01\uff1f\uff1b\uff1a\uff0c\u3001\x01]|\b(?:and|while|where|but)\s")
_LEADING_TEXT_NOUN = re.compile(
    r"(?:the\s+)?(?:words?|text|phrase|message|slogan|name|lettering|inscription)\s+", re.IGNORECASE
)


def _written_on_texts(masked: str) -> list[UnquotedText]:
    texts = []
    for match in WRITTEN_ON.finditer(masked):
        window = max(0, match.start() - 120)
        clause = max((m.end() for m in _CLAUSE_START.finditer(masked, window, match.start())), default=window)
        start = skip_space(masked, clause)
        if noun := _LEADING_TEXT_NOUN.match(masked, start, match.start()):
            start = noun.end()  # "The words Happy Birthday are written on ..."
        span = cleaned(masked, start, match.start(), prose=False)
        if span and not _first_word_refuses(masked, span[0]):
            carrier = singular(match.group("carrier").lower())
            texts.append(_found(masked, span, (span[0], match.end()), carrier=carrier))
    return texts


def _with_written_texts(masked: str) -> list[UnquotedText]:
    texts = []
    for match in WITH_WRITTEN.finditer(masked):
        span = cleaned(masked, match.start("value"), match.end("value"), prose=False)
        if span and not _first_word_refuses(masked, span[0]):
            _, carrier = _role_and_carrier(masked, match.start(), _reader_before(masked, match.start()))
            texts.append(_found(masked, span, match.span(), carrier=carrier))
    return texts


_CJK_START = re.compile(r"[\u3002\uff01\uff1f\uff1b\uff1a\uff0c\u3001\n\x01]|[にはがをで]|(?:에는|에|은|는|을|를)\s")
_CJK_NOUN = re.compile(r"[\u30a0-\u30ff\u4e00-\u9fff\uac00-\ud7af]{1,6}")
_CJK_AFTER_CUE = re.compile(r"[たてる]?\s*(?:いる|있는)?\s*")
_CJK_CARRIERS = word_set(
    "看板 招牌 标牌 牌子 横幅 横断幕 旗 Tシャツ T恤 ケーキ 蛋糕 カップ 杯 ポスター 海报 バナー ラベル 标签 カード 卡片 "
    "간판 현수막 표지판 티셔츠 케이크 컵 포스터 배너 라벨 카드"
)


def _cjk_trailing_texts(masked: str) -> list[UnquotedText]:
    texts = []
    for match in CJK_TRAILING.finditer(masked):
        window = max(0, match.start() - 60)
        start = max((m.end() for m in _CJK_START.finditer(masked, window, match.start())), default=window)
        span = cleaned(masked, start, match.start(), prose=False)
        if span is None:
            continue
        after = _CJK_AFTER_CUE.match(masked, match.end())
        noun = _CJK_NOUN.match(masked, after.end() if after else match.end())  # "…と書かれた看板": the sign
        carrier = next((c for c in _CJK_CARRIERS if noun and noun.group().startswith(c)), None)
        texts.append(_found(masked, span, (span[0], match.end()), carrier=carrier))
    return texts


def _reader_before(masked: str, position: int) -> str:
    """The word just before a cue ("sign" in "a sign that reads"), lowercased; "" when none."""
    words = re.findall(r"[^\W\d_][\w'-]*", masked[max(0, position - 40) : position])
    return words[-1].lower() if words else ""


def _role_and_carrier(masked: str, position: int, reader: str) -> tuple[TextRole | None, str | None]:
    """What the word before a cue makes of the text: a role ("the headline reads"), the thing it is written on
    ("a sign that reads"), or, for "it", the last thing named that could carry text."""
    if reader in ("that", "which"):
        reader = _reader_before(masked, masked.rfind(reader, 0, position))
    if reader in ROLE_NOUNS:
        return ROLE_NOUNS[reader], None
    if reader in ("it", "them", "this"):
        earlier = re.findall(r"[^\W\d_][\w-]*", masked[max(0, position - 200) : position].lower())
        return None, next((singular(w) for w in reversed(earlier) if singular(w) in _CARRIERS), None)
    if not reader or reader in _TEXT_NOUNS or reader in _NOT_A_TEXT or len(reader) > 24:
        return None, None
    return None, singular(reader)


def _first_word_refuses(masked: str, start: int) -> bool:
    """Whether the run starts with a word no text to set starts with in lower case ("titled with bold type")."""
    word = re.match(r"[^\W\d_]+", masked[start:])
    return word is not None and word.group() in _NOT_A_TEXT


# --- constraints ----------------------------------------------------------------------------------------------


def reading_roles(unquoted: list[UnquotedText], roles: dict[str, Role]) -> dict[str, Role]:
    """Each text's role for the rules planner: what its cue says for an unquoted text, else its quotation role."""
    return roles | {u.text: V1_OF_ROLE[u.role] for u in unquoted if u.role is not None}


def read_texts(
    brief: str, quotes: list[Quote], unquoted: list[UnquotedText], roles: dict[str, Role]
) -> list[RequiredText]:
    """One RequiredText per distinct text, quoted or not, in brief order, each with its role (and carrier).

    Raises BriefError for a quoted string too long, or for more than MAX_TEXTS texts in all.
    """
    quoted = [
        t.model_copy(update={"role": ROLE_OF_V1[roles.get(t.text, "body")]}) for t in required_texts(brief, quotes)
    ]
    seen = {t.text for t in quoted}
    texts = list(quoted)
    for found in unquoted:
        for piece in _pieces(found):
            if piece.text in seen:
                continue
            seen.add(piece.text)
            texts.append(_required_text(brief, piece, roles))
    texts.sort(key=lambda t: t.source.start)
    if len(texts) > MAX_TEXTS:
        raise BriefError(
            f"The brief asks for {len(texts)} texts (quoted or after cues such as 'Title:' and 'reads'); a plan can "
            f"carry at most {MAX_TEXTS}. Ask for fewer texts, or merge short lines into one."
        )
    return [t.model_copy(update={"id": f"text-{n}"}) for n, t in enumerate(texts, start=1)]


def _required_text(brief: str, found: UnquotedText, roles: dict[str, Role]) -> RequiredText:
    script = detect_script(found.text)
    role = found.role or ROLE_OF_V1[roles.get(found.text, "body")]
    source = source_span(brief, min(found.start, found.cue_start), max(found.end, found.cue_end))
    return RequiredText(
        id="text",
        text=found.text,
        script=script,
        language=language_of(script, brief),
        role=role,
        quoted=False,
        carrier=found.carrier[:40] if found.carrier else None,
        purpose=found.purpose,
        source=source,
    )


def _pieces(found: UnquotedText) -> list[UnquotedText]:
    """A text as it can be set: a paragraph longer than a text may be is split between its sentences."""
    if len(found.text) <= MAX_QUOTE_CHARS:
        return [found]
    stops = [m.end() for m in re.finditer(r"[.!?](?=\s)|[\u3002\uff01\uff1f]", found.text)] + [len(found.text)]
    cuts, start, previous = [], 0, 0
    for stop in stops:
        if stop - start > MAX_QUOTE_CHARS and previous > start:
            cuts.append((start, previous))
            start = previous
        previous = stop
    cuts.append((start, len(found.text)))
    pieces = []
    for a, b in cuts:
        chunk = found.text[a:b]
        text = chunk.strip()
        if len(text) > MAX_QUOTE_CHARS:
            raise BriefError(
                f"A sentence of the brief's text is {len(text)} characters long; a text can be at most "
                f"{MAX_QUOTE_CHARS} characters. Split it into shorter sentences."
            )
        first = found.start + a + len(chunk) - len(chunk.lstrip())
        pieces.append(replace(found, start=first, end=first + len(text), text=text))
    return pieces
