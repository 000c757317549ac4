"""Forms in a brief: their fields ("email and password fields", "fields: name, email"), check boxes and buttons
("a Sign in button"), and what the form is for ("a login form")."""

from __future__ import annotations

import re

from tessera.contract import StructureItem
from tessera.planner._structure_entries import BriefText, Found, clause_end, entry_item
from tessera.planner._structure_items import button_label, control_label, split_items

FORM = re.compile(
    r"\b(?:an?\s+|the\s+)?(?:(?P<purpose>log-?in|sign[- ]?in|sign[- ]?up|signup|registration|register|contact|"
    r"checkout|payment|newsletter|subscribe|subscription|feedback|booking|account)\s+(?:form|screen|page|modal|"
    r"card)|forms?|formular|formulaire|formulario)\b",
    re.IGNORECASE,
)
_FIELD_NOUN = re.compile(r"\s*\b(?:input |text |form )?(?:fields?|inputs?|boxes|box|felder|feld|champs?|campos?)$")


# Words fields are named with, so "a form with a blue header" names no field.
_FIELD_WORDS = frozenset([
    "email", "e-mail", "mail", "password", "username", "user", "name", "first", "last", "full", "phone", "number",
    "mobile", "address", "street", "city", "zip", "code", "postcode", "postal", "country", "state", "company",
    "organisation", "organization", "message", "comment", "comments", "subject", "website", "date", "of", "birth",
    "birthday", "card", "expiry", "expiration", "cvv", "cvc", "search", "amount", "quantity", "job", "title", "age",
    "notes", "confirm", "your", "passwort", "benutzername", "mot", "de", "passe", "nom", "prénom", "correo",
    "contraseña", "nombre", "teléfono", "telefon", "adresse", "ville",
])  # fmt: skip


def form_reading(text: BriefText, form: re.Match[str]) -> Found | None:
    """A form's fields, buttons and check boxes after "form with" or "form:" ("a login form with email and
    password fields and a Sign in button"); every entry must be one of them."""
    masked = text.masked
    limit = clause_end(masked, form.end())
    sep = re.compile(r"\s*(?:[:\uff1a]|\b(?:with|containing|including|asking for|that asks for|mit|avec|con)\b)\s*",
                     re.I).match(masked, form.end(), limit)  # fmt: skip
    if sep is None or FORM.search(masked, sep.end(), limit):
        return None  # "a login page with a login form with ...": the form named last reads the fields
    entries = split_items(masked, sep.end(), limit, lambda left, right: True)
    items, used = _field_items(text, entries, known_only=True)
    if not any(item.value is None for item in items):
        return None
    title = form["purpose"]
    return Found(form.start(), entries[used - 1][1], "fields", items, title=title.lower() if title else None)


_PLURAL_FIELDS = re.compile(r"\b(?:fields|inputs|boxes|felder|feldern|champs|campos)$", re.IGNORECASE)
_AND = re.compile(r"\s+(?:and|&|und|et|y)\s+", re.IGNORECASE)
_LINK = re.compile(r"\blinks?\b", re.IGNORECASE)


def _field_items(text: BriefText, entries: list[tuple[int, int]], known_only: bool) -> tuple[list[StructureItem], int]:
    """Entries as fields (value None), buttons (value "button") and check boxes or toggles, and how many entries
    they took; the list ends at the first entry that is none of them (a quoted link is passed over: its text is
    the brief's own)."""
    items: list[StructureItem] = []
    used = 0
    for entry in entries:
        words = text.words(*entry)
        button = _button(text, *entry)
        control = control_label(words)
        if button is not None or control is not None:
            if button:  # a button without words ("a big blue button") is the form's own, drawn anyway
                items.append(entry_item(button, "button"))
            elif control is not None:
                items.append(entry_item(*control))
            used += 1
            continue
        if _LINK.search(words) and any(entry[0] <= q.start and q.end <= entry[1] for q in text.quotes):
            used += 1
            continue
        label = re.sub(r"^(?:an?|the|your)\s+", "", _FIELD_NOUN.sub("", words), flags=re.I).strip()
        named_field = _FIELD_NOUN.search(words) is not None
        if not label or (known_only and not named_field and not _is_field_word(label)) or len(label.split()) > 6:
            break
        # "email and password fields" names two fields wherever it stands in the list.
        labels = _AND.split(label) if _PLURAL_FIELDS.search(words) else [label]
        if any(len(one.split()) > 4 for one in labels):
            break
        items += [entry_item(one) for one in labels]
        used += 1
    return items, used


def _button(text: BriefText, start: int, end: int) -> str | None:
    """The label of the button the words name: a quotation in them exactly as quoted ("a 'Sign in' button"), else
    the words before "button"; "" for a button without a label, None for no button."""
    label = button_label(text.words(start, end))
    quotes = [q for q in text.quotes if start <= q.start and q.end <= end]
    word = _BUTTON_WORD.search(text.masked, start, end)
    if word is None or not quotes:
        return quotes[0].text if label is not None and quotes else label
    # The quotation next to the word: "a 'Log in' button and a 'Forgot password?' link", "einem Button 'Anmelden'".
    before = [q for q in quotes if q.end <= word.start()]
    return (before[-1] if before else quotes[0]).text


def _is_field_word(label: str) -> bool:
    """Whether every word of a label is one fields are named with ("email", "first name")."""
    return all(word.lower() in _FIELD_WORDS for word in re.split(r"[\s/]+", label))


# "einem Button 'Anmelden'", "un bouton « Connexion »": a quoted button in other word orders.
_BUTTON_WORD = re.compile(r"\b(?:button|btn|knopf|schaltfläche|bouton|botón|botão)\b", re.IGNORECASE)
_ARTICLES = frozenset(["den", "die", "das", "der", "dem", "the", "les", "los", "las", "el", "la", "le", "des"])
_FIELDS_LEAD = re.compile(r"\b(?:with|has|having|containing|including|needs|mit|avec|con)\s+|[:\uff1a]\s*")


def fields_before(text: BriefText, cue: re.Match[str], limit: int) -> Found | None:
    """Fields named before the noun ("with email and password fields"), and a button right after it."""
    masked = text.masked
    sentence_start = max(masked.rfind(c, 0, cue.start()) for c in ".!?\n") + 1
    leads = list(_FIELDS_LEAD.finditer(masked[sentence_start : cue.start()]))
    lead = leads[-1] if leads else None
    if lead is None or cue["count"] is not None:
        return None
    entries = split_items(masked, sentence_start + lead.end(), cue.start(), lambda left, right: True)
    # The entry next to the noun is a field whatever it says ("a promo code field"); the ones before it must be
    # field words, so "with a logo, email and password fields" keeps the logo out.
    first = len(entries) - 1
    while first > 0 and _field_items(text, entries[first - 1 : first], known_only=True)[0]:
        first -= 1
    entries = entries[first:]
    items, used = _field_items(text, entries, known_only=False)
    if not items or used < len(entries) or any(item.label.lower() in _ARTICLES for item in items):
        return None
    start = entries[0][0]
    end = cue.end()
    tail = re.compile(r"\s*(?:,|and|plus|with|&)\s+(?P<button>(?:an?|the)\s+[^,.;]*?\bbutton\b[^,.;]*)",
                      re.I).match(masked, cue.end(), limit)  # fmt: skip
    if tail:
        label = _button(text, *tail.span("button"))
        if label is not None:
            items += [entry_item(label, "button")] if label else []
            end = tail.end()
    return Found(start, end, "fields", items)


def fields_after(text: BriefText, cue: re.Match[str], limit: int) -> Found | None:
    """Fields listed after the noun ("fields: name, email, message", "fields for name and email")."""
    # "fields: name, email", "fields for name and email", "mit den Feldern E-Mail und Passwort".
    sep = re.compile(
        r"\s*(?:[:\uff1a]|\b(?:for|such as|like|including|namely)\b)\s*|\s+(?-i:(?=[A-Z\x01]))", re.I
    ).match(text.masked, cue.end(), limit)
    if sep is None:
        return None
    entries = split_items(text.masked, sep.end(), limit, lambda left, right: True)
    items, used = _field_items(text, entries, known_only=False)
    if not items:
        return None
    return Found(cue.start(), entries[used - 1][1], "fields", items)
