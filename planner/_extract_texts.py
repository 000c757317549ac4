"""Reading a brief's quoted strings: the exact texts it asks for, and which text a role noun ("the headline") means."""

from __future__ import annotations

from tessera.contract import BriefError, RequiredText, detect_script, language_of
from tessera.planner._extract_spans import Mention, source_span
from tessera.planner._numbers import singular
from tessera.planner._quotes import MAX_QUOTE_CHARS, Quote, Role

MAX_TEXTS = 30


def required_texts(brief: str, quotes: list[Quote]) -> list[RequiredText]:
    """One exact text per distinct quotation; BriefError for one too long or for more than MAX_TEXTS."""
    seen: set[str] = set()
    texts: list[RequiredText] = []
    for quote in quotes:
        if quote.text in seen:
            continue  # a second mention refers back to the first ("make 'SALE' red")
        if len(quote.text) > MAX_QUOTE_CHARS:
            raise BriefError(
                f"A quoted string is {len(quote.text)} characters long; quoted text can be at most "
                f"{MAX_QUOTE_CHARS} characters. Split it into shorter quoted lines."
            )
        seen.add(quote.text)
        script = detect_script(quote.text)
        texts.append(
            RequiredText(
                id=f"text-{len(texts) + 1}",
                text=quote.text,
                script=script,
                language=language_of(script, brief),
                source=source_span(brief, quote.start, quote.end),
            )
        )
    if len(texts) > MAX_TEXTS:
        raise BriefError(
            f"The brief quotes {len(texts)} strings; a plan can carry at most {MAX_TEXTS}. Quote fewer strings."
        )
    return texts


def text_mentions(quotes: list[Quote]) -> list[Mention]:
    """Each quotation as a subject that positions can refer to."""
    return [Mention(q.start, q.end, "text", q.text) for q in quotes]


_ROLE_OF_NOUN: dict[str, Role] = {
    "headline": "headline", "title": "headline", "heading": "headline", "subheading": "subheading",
    "sub-heading": "subheading", "subtitle": "subheading", "tagline": "subheading", "footer": "footer",
    "date": "footer", "label": "label", "price": "label", "body": "body",
}  # fmt: skip


def text_of_role(roles: dict[str, Role], noun: str) -> str | None:
    """The quoted text a role noun ("headline", "the dates") stands for, given each text's role; None if none has it."""
    role = _ROLE_OF_NOUN.get(singular(noun.lower()), _ROLE_OF_NOUN.get(noun.lower()))
    return next((text for text, r in roles.items() if r == role), None)
