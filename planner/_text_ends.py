"""Where a text given without quotation marks ends: at its sentence's end, at the end of a run of prose, or
where the brief goes on to say how or where it is drawn; and the span of the text proper within those bounds.

Every function works on the brief with its quotations masked (`_quotes.PLACEHOLDER`), so a quotation ends a text.
"""

from __future__ import annotations

import re

from tessera.planner._colors import base_color
from tessera.planner._quotes import PLACEHOLDER
from tessera.planner._text_cues import word_set

_END = re.compile(r"[;\n\uff1b\u3002\x01]|[!?\uff01\uff1f]|\.(?=\s|$)")
# Abbreviations that do not end a sentence ("Dr. Lee", "No. 5"), and ones that end a name and keep their stop
# ("Acme Inc.").
_ABBREVIATION = re.compile(
    r"(?<![\w.'’-])(?:[A-Za-z]|Dr|Mr|Mrs|Ms|Prof|St|No|Vol|vs|Fig|Mt|Ave|Dept|Univ|approx|al|ca|e\.g|i\.e)$"
)
_CLOSING_ABBREVIATION = re.compile(r"(?<![\w.])(?:Inc|Ltd|Co|Corp|Jr|Sr|Bros|etc)$")


def sentence_end(masked: str, start: int, limit: int) -> int:
    """Where the sentence from `start` ends: before its full stop, after its ! or ?; at a semicolon, a line break
    or a quotation; at `limit` at the latest. Initials and abbreviations ("A. Smith", "Dr. Lee") do not end it."""
    for match in _END.finditer(masked, start, limit):
        mark = match.group()
        if mark == "." and _ABBREVIATION.search(masked, max(0, match.start() - 8), match.start()):
            continue
        keeps_mark = mark in "!?\uff01\uff1f" or _CLOSING_ABBREVIATION.search(
            masked, max(0, match.start() - 8), match.start()
        )
        return match.end() if keeps_mark else match.start()
    return limit


# A sentence that tells how to draw rather than what to set ends a run of prose ("... in most cases. Use a white
# background.").
_INSTRUCTION = re.compile(
    r"\s*(?:make|use|put|place|add|set|show|include|cent(?:er|re)|align|keep|give|draw|render|style|design|create|"
    r"leave|no|don['’]t|do not|please|everything|all\s+(?:text|of)|below|above|under|at\s+the|in\s+the|on\s+the|"
    r"(?:the\s+)?(?:background|layout|design|style|fonts?|colou?rs?|palette|page|poster|slide|canvas|image|title|"
    r"headline|logo)\b|背景|使用|请|字体|颜色|布局|居中|放在|用)",
    re.IGNORECASE,
)


def prose_end(masked: str, start: int, limit: int) -> int:
    """Where a run of prose (an abstract, a body text) ends: a line break, a quotation, `limit` (the next cue), or
    before a sentence that tells how to draw. Its own full stops are kept."""
    position = start
    while position < limit:
        end = sentence_end(masked, position, limit)
        if end >= limit or masked[end] in "\n\x01":
            return end
        after = end + 1 if masked[end] in ".;\uff1b\u3002" else end
        if _INSTRUCTION.match(masked, after) or _short_design_note(masked, after, limit):
            return after
        position = after
    return limit


_DESIGN_NOTE = re.compile(r"\b(?:background|font|typeface|layout|palette|canvas|colou?r\s+scheme|margins?)\b", re.I)


def _short_design_note(masked: str, start: int, limit: int) -> bool:
    """Whether the sentence at `start` is a short note on the design ("Blue background.") or nothing at all."""
    sentence = masked[start : sentence_end(masked, start, limit)]
    return not sentence.strip() or (len(sentence.split()) <= 8 and _DESIGN_NOTE.search(sentence) is not None)


_CLAUSE_STOP = re.compile(r"\s*[,\uff0c\u3001(\u2014\u2013]|\s+-\s|的")
_LOWER_WORD = re.compile(r"\s+([a-z]+)\b")
_ALWAYS_STOP = word_set(
    "while where which because written printed painted lettered engraved stamped embroidered placed positioned "
    "centered centred aligned underneath so"
)
_JOINS = word_set("and or but")
_PREPOSITIONS = word_set(
    "with for in at on across along over above below under beneath near beside inside against using to behind "
    "around between into onto from"
)
_INDEFINITE = word_set("a an some several many few lots one two three four five six seven eight nine ten")
_DETERMINERS = word_set("the its their his her our my this that these those")
_VERBS = word_set("is are should must will has have sits appears looks goes stands hangs")
_DESIGN_WORDS = word_set(
    "top bottom left right center centre middle corner side upper lower edge margin background foreground bold "
    "italic italics large big huge small tiny giant thin thick heavy capital capitals caps uppercase lowercase "
    "letters letter lettering type typeface font fonts script handwriting handwritten serif sans neon style size "
    "color colour gradient headline title subtitle heading caption footer label logo image photo picture text "
    "frame border box panel front back same date"
)


def inline_end(masked: str, start: int, limit: int) -> int:
    """Where a text run into the brief ends: at its clause's end, a comma, or lower-case words that go on to say
    how or where it is drawn ("OPEN in red letters", "Happy Birthday and a cake below"), so that "Dancing in
    the Rain" stays whole."""
    end = sentence_end(masked, start, limit)
    if stop := _CLAUSE_STOP.search(masked, start, end):
        end = stop.start()
    for match in _LOWER_WORD.finditer(masked, start, end):
        word = match.group(1)
        following = [w.strip(".,;:") for w in masked[match.end() : match.end() + 40].split()[:3]]
        relative = word == "that" and following[:1] and following[0] in _VERBS
        beside = word == "next" and following[:1] == ["to"]  # "Hello next to a laptop": a relation, not the text
        if word in _ALWAYS_STOP or relative or beside or (following and _leads_elsewhere(word, following)):
            return match.start()
        if word in _PREPOSITIONS and _title_case(masked[start : match.start()]) and _common_noun_next(following):
            return match.start()  # "Happy New Year above the door": the title's words are capitalised
    return end


def _leads_elsewhere(word: str, following: list[str]) -> bool:
    """Whether a join or a preposition starts a new thing or says how the text looks or where it sits."""
    if word not in _JOINS and word not in _PREPOSITIONS:
        return False
    if following[0][:1].isupper():
        return False  # "Saturday at Ten", "Dancing in the Rain": the text goes on
    first, *rest = (w.lower() for w in following)
    if first.isdigit():
        return word in ("with", "and")  # "and 3 stars", but "Back in 5 minutes"
    if first in _INDEFINITE or (word not in _JOINS and _is_design_word(first)):
        return True
    return first in _DETERMINERS and any(_is_design_word(w) for w in rest)


_SMALL_WORDS = word_set("a an the of in on at and or for to with by from")


def _title_case(text: str) -> bool:
    """Whether the text is set in capitals or title case ("OPEN", "Happy New Year"); one capitalised word
    ("Sunset") may just start a sentence."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    capitalised = [w for w in words if w[0].isupper()]
    if not words or len(capitalised) + sum(w in _SMALL_WORDS for w in words) < len(words):
        return False
    return len(capitalised) >= 2 or text.isupper()


def _common_noun_next(following: list[str]) -> bool:
    """Whether the first word after any determiner is lower case: "the door", not "the Rain"."""
    content = [w for w in following if w.lower() not in _DETERMINERS]
    return bool(content) and content[0][:1].islower()


def _is_design_word(word: str) -> bool:
    return word in _DESIGN_WORDS or base_color(word) is not None


def skip_space(masked: str, position: int) -> int:
    """The first offset from `position` that is not white space."""
    while position < len(masked) and masked[position].isspace():
        position += 1
    return position


_LEADING = ":\uff1a-\u2013\u2014"
_TRAILING = ",;:\uff0c\uff1b\uff1a\u3001-\u2013\u2014"


def cleaned(masked: str, start: int, end: int, *, prose: bool) -> tuple[int, int] | None:
    """The span of the text proper within start..end: no surrounding space or stray punctuation, a lone sentence's
    full stop dropped, a paragraph's kept. None when nothing with a letter or digit is left or a quotation is in it."""
    while start < end and (masked[start].isspace() or masked[start] in _LEADING):
        start += 1
    while end > start and (masked[end - 1].isspace() or masked[end - 1] in _TRAILING):
        end -= 1
    abbreviated = _CLOSING_ABBREVIATION.search(masked, max(start, end - 9), end - 1) is not None
    keeps_stop = abbreviated or (prose and _has_inner_stop(masked[start : end - 1]))
    if end > start and masked[end - 1] in ".\u3002" and not keeps_stop:
        end -= 1
    words = masked[start:end]
    if not any(ch.isalnum() for ch in words) or PLACEHOLDER in words:
        return None
    return start, end


def _has_inner_stop(text: str) -> bool:
    return re.search(r"[.!?](?=\s)|[\u3002\uff01\uff1f]", text) is not None
