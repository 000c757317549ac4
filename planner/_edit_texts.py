"""Text edits: change a text ("change 'TEAM ALPHA' to 'TEAM OMEGA'", "the title should read 'Z'", "rename the
button to 'Buy now'"), add one ("add a caption 'Photo: J. Doe' at the bottom"), remove one ("remove the
subtitle", "delete 'Limited offer'"); and what each does to the constraints that name the text."""

from __future__ import annotations

import re

from tessera.contract import (
    Constraint,
    RequiredColor,
    RequiredPosition,
    RequiredStructure,
    RequiredText,
    StructureItem,
    TextRole,
    detect_script,
    language_of,
)
from tessera.contract.reading import Region
from tessera.planner._colors import best_ink
from tessera.planner._edit_adds import place_by
from tessera.planner._edit_clauses import Clause
from tessera.planner._edit_draft import ClauseRefused, Draft, Json, NodeAt
from tessera.planner._edit_layout import place_new_leaf, remove_node
from tessera.planner._edit_paint import backdrop_colors
from tessera.planner._edit_targets import TextAt, find_part, text_or_refuse, texts_said
from tessera.planner._edit_words import region_in

_CHANGE = re.compile(
    r"^\s*(?:please\s+)?(?:change|replace|rename|edit|update|swap|switch|turn|set|make|correct|fix|retitle)\b",
    re.IGNORECASE,
)
_READS = re.compile(
    r"\b(?:should|must|to|will|shall)?\s*(?:read|reads|say|says|be|become|show|display)\b|\b(?:to|as|with)\b"
)
_REMOVE = re.compile(r"^\s*(?:please\s+)?(?:remove|delete|drop|hide|erase|take out|get rid of|cut)\b", re.IGNORECASE)
_ADD = re.compile(r"^\s*(?:please\s+)?(?:add|insert|write|put|include|place|show)\b", re.IGNORECASE)
_INSTEAD = re.compile(r"\binstead of\b", re.IGNORECASE)
_ROLE_OF_WORD: dict[str, TextRole] = {
    "title": "title", "headline": "title", "heading": "heading", "subtitle": "subtitle", "subheading": "subtitle",
    "tagline": "subtitle", "caption": "caption", "footer": "footer", "label": "label", "quote": "quote",
    "price": "price", "note": "caption", "credit": "caption", "line": "body", "text": "body", "paragraph": "body",
}  # fmt: skip
_ADD_ROLE = re.compile(rf"\b({'|'.join(_ROLE_OF_WORD)})\b", re.IGNORECASE)


def change_text(clause: Clause, draft: Draft) -> bool:
    """A clause that changes a text: two quotations (the old, the new), or a part and the words it should read."""
    masked = clause.masked()
    quotes = clause.quotes
    if len(quotes) == 2 and _CHANGE.search(masked) and not _ADD.search(masked):
        old, new = quotes[0], quotes[1]
        instead = _INSTEAD.search(masked)
        if instead is not None and instead.start() < quotes[1].start:
            old, new = quotes[1], quotes[0]  # "use 'B' instead of 'A'"
        hits = text_or_refuse(draft, old.text)
        _rewrite(clause, draft, hits, old.text, new.text, (new.start, new.end))
        return True
    if len(quotes) == 1 and (_CHANGE.search(masked) or re.search(r"\bshould\b", masked, re.IGNORECASE)):
        part = find_part(draft, masked[: quotes[0].start])
        if part is None or not _READS.search(masked[: quotes[0].start]):
            return False
        new = quotes[0]
        hits = [text for at in part.nodes for text in _texts_in(draft, at)]
        if not hits:
            raise ClauseRefused(f"the {part.word} sets no text to change: {texts_said(draft)}")
        for hit in hits:
            _rewrite(clause, draft, [hit], hit.text, new.text, (new.start, new.end), whole=True)
        return True
    return False


def _texts_in(draft: Draft, at: NodeAt) -> list[TextAt]:
    """The strings a part sets: a text's own, or the texts inside a frame (a button's label)."""
    if at.kind == "text":
        return [TextAt(at, f"{at.path}/text", str(at.node["text"]))]
    inside = [n for n in draft.nodes() if n.path.startswith(at.path + "/") and n.kind == "text"]
    return [TextAt(n, f"{n.path}/text", str(n.node["text"])) for n in inside[:1]]


def _rewrite(
    clause: Clause,
    draft: Draft,
    hits: list[TextAt],
    old: str,
    new: str,
    new_at: tuple[int, int],
    *,
    whole: bool = False,
) -> None:
    """Each hit's string with `old` replaced by `new` (the whole string when `whole`), and the constraints that
    name the old words renamed with it."""
    for hit in hits:
        updated = new if whole else _replaced(hit.text, old, new)
        draft.replace(hit.path, updated)
        draft.changes.append(f"text '{hit.text}' → '{updated}'")
    span = draft.span(clause, *new_at)
    for item in list(draft.items):
        renamed = _renamed(item, old, new)
        if renamed is not None:
            draft.replace_item(item, renamed.model_copy(update={"source": span}))


def _replaced(text: str, old: str, new: str) -> str:
    if old in text:
        return text.replace(old, new)
    return re.sub(re.escape(old), new.replace("\\", "\\\\"), text, flags=re.IGNORECASE)


def _renamed(item: Constraint, old: str, new: str) -> Constraint | None:
    """`item` with the text `old` renamed `new`, or None when it does not name it."""

    def swap(value: str | None) -> str | None:
        if value is None or old.casefold() not in value.casefold():
            return value
        return _replaced(value, old, new)

    if isinstance(item, RequiredText):
        text = swap(item.text)
        if text == item.text or not text:
            return None
        script = detect_script(text)
        return item.model_copy(update={"text": text, "script": script, "language": language_of(script, text)})
    if isinstance(item, RequiredPosition):
        updated = {
            "subject": swap(item.subject) if item.subject_kind == "text" else item.subject,
            "reference": swap(item.reference) if item.reference_kind == "text" else item.reference,
            "second_reference": swap(item.second_reference) if item.reference_kind == "text" else item.second_reference,
        }
        changed = any(getattr(item, key) != value for key, value in updated.items())
        return item.model_copy(update=updated) if changed else None
    if isinstance(item, RequiredColor) and item.target == "text":
        subject = swap(item.subject)
        return item.model_copy(update={"subject": subject}) if subject != item.subject else None
    if isinstance(item, RequiredStructure):
        entries = [
            entry.model_copy(update={"label": swap(entry.label) or entry.label, "value": swap(entry.value)})
            for entry in item.items
        ]
        title = swap(item.title)
        if entries == item.items and title == item.title:
            return None
        return item.model_copy(update={"items": entries, "title": title})
    return None


def remove_text(clause: Clause, draft: Draft) -> bool:
    """A clause that removes a quoted text ("delete 'Limited offer'") or a text part ("remove the subtitle")."""
    masked = clause.masked()
    if not _REMOVE.search(masked):
        return False
    quotes = clause.quotes
    if quotes:
        for quote in quotes:
            for hit in text_or_refuse(draft, quote.text):
                _remove_string(draft, draft_hit(draft, hit))
                forget_text(draft, hit.text)
        return True
    part = find_part(draft, masked)
    if part is None or not all(at.kind == "text" for at in part.nodes):
        return False
    if len(part.nodes) > 1 and not part.plural:
        listed = ", ".join(f"'{at.node['text']}'" for at in part.nodes)
        raise ClauseRefused(f"the plan has {len(part.nodes)} {part.word}s ({listed}): say which, e.g. 'the first'")
    for at in part.nodes:
        text = str(at.node["text"])
        remove_node(draft, draft.find(at.id))
        draft.changes.append(f"removed the {at.node.get('role', 'text')} '{text}'")
        forget_text(draft, text)
    return True


def draft_hit(draft: Draft, hit: TextAt) -> TextAt:
    """`hit` found again in the document as earlier removals left it (paths shift when siblings go)."""
    at = draft.find(hit.at.id)
    suffix = hit.path[len(hit.at.path) :]
    return TextAt(at, at.path + suffix, hit.text)


def _remove_string(draft: Draft, hit: TextAt) -> None:
    """Take one string out of the plan: a text node goes; a list item, a chart's category (and its values) or a
    table cell goes from its leaf, and the leaf with its last entry."""
    at, field = hit.at, hit.path[len(hit.at.path) + 1 :].split("/")
    if at.kind == "text" or field == ["title"] and at.kind != "chart":
        remove_node(draft, at)
        draft.changes.append(f"removed the text '{hit.text}'")
        return
    if field[0] == "title":
        draft.remove(hit.path)
    elif at.kind == "list" and len(at.node["items"]) == 1:
        remove_node(draft, at)
    elif at.kind == "chart" and field[0] == "categories":
        index = int(field[1])
        if len(at.node["categories"]) == 1:
            raise ClauseRefused(f"'{hit.text}' is the chart's only category: remove the chart instead")
        draft.remove(hit.path)
        for n, _ in enumerate(at.node["series"]):
            draft.remove(f"{at.path}/series/{n}/values/{index}")
    elif at.kind == "table" and field[0] == "rows":
        draft.replace(hit.path, "")
    else:
        draft.remove(hit.path)
    draft.changes.append(f"removed '{hit.text}' from {at.kind} '{at.id}'")


def forget_text(draft: Draft, removed: str) -> None:
    """The constraints on a text the edit took out: dropped, or (a structure) without that entry."""
    gone = removed.casefold()
    for item in list(draft.items):
        if isinstance(item, RequiredStructure):
            kept = [e for e in item.items if e.label.casefold() not in gone]
            if len(kept) == len(item.items):
                continue
            if kept:
                draft.replace_item(item, item.model_copy(update={"items": kept}))
            else:
                draft.drop_item(item)
        elif any(name.casefold() in gone for name in _texts_named(item)):
            draft.drop_item(item)


def _texts_named(item: Constraint) -> list[str]:
    """The texts a constraint names: a required text's words, a position's text subject and references, the text
    a colour is asked for."""
    if isinstance(item, RequiredText):
        return [item.text]
    if isinstance(item, RequiredPosition):
        named = [item.subject] if item.subject_kind == "text" else []
        if item.reference_kind == "text":
            named += [r for r in (item.reference, item.second_reference) if r]
        return named
    if isinstance(item, RequiredColor) and item.target == "text" and item.subject:
        return [item.subject]
    return []


def add_text(clause: Clause, draft: Draft) -> bool:
    """A clause that adds a quoted text: "add a caption 'Photo: J. Doe' at the bottom", "add the text 'SALE'",
    "add a bullet 'Free returns'"."""
    masked = clause.masked()
    quotes = clause.quotes
    if not _ADD.search(masked) or len(quotes) != 1:
        return False
    quote = quotes[0]
    before = masked[: quote.start]
    if re.search(r"\b(?:bullet|item|point|entry)\b", before, re.IGNORECASE):
        return _add_list_item(clause, draft, quote.text, (quote.start, quote.end))
    if re.search(r"\b(?:category|bar|column|slice|row)\b", masked, re.IGNORECASE):
        return False  # a chart's or a table's entry: the chart edits read it
    role_word = _ADD_ROLE.search(before)
    role: TextRole = _ROLE_OF_WORD[role_word.group(1).lower()] if role_word else "body"
    region = region_in(masked[quote.end :]) or region_in(before)
    where: Region = region or ("top" if role == "title" else "bottom")
    text = quote.text
    script = detect_script(text)
    taken = draft.node_ids()
    node_id = next(f"edit-{role}-{n}" for n in range(1, 1000) if f"edit-{role}-{n}" not in taken)
    family = next((str(at.node.get("family")) for at in draft.leaves() if at.kind == "text"), "sans")
    node: Json = {
        "kind": "text",
        "id": node_id,
        "text": text,
        "role": role,
        "script": script,
        "language": language_of(script, text),
        "family": family,
        "font_weight": "bold" if role in ("title", "heading") else "regular",
        "color": best_ink(backdrop_colors(draft), _text_colors(draft)),
        "align": _align_for(where),
    }
    title = next((at for at in draft.leaves() if at.kind == "text" and at.node.get("role") == "title"), None)
    named = "text" if role == "body" else role
    if role == "subtitle" and region is None and title is not None:  # a subtitle belongs under its title
        size = round(_size_share(role) * min(int(draft.doc["canvas"]["width"]), int(draft.doc["canvas"]["height"])))
        node = {**node, "font_size": size, "max_font_size": size, "align": title.node.get("align", "center")}
        box = title.node.get("box")
        width = int(box["w"]) if isinstance(box, dict) else 1
        said = place_by(draft, node, (title, "below"), None, width, round(size * 1.5))
        draft.changes.append(f"added the {named} '{text}' {said}")
    else:
        place_new_leaf(draft, node, where, _size_share(role))
        draft.changes.append(f"added the {named} '{text}' at the {where}")
    item = RequiredText(
        id=draft.constraint_id("text-edit"),
        text=text,
        script=script,
        language=language_of(script, text),
        role=role,
        source=draft.span(clause, quote.start, quote.end),
    )
    draft.add_item(item)
    if region is not None:
        draft.add_item(
            RequiredPosition(
                id=draft.constraint_id("position-edit"),
                subject_kind="text",
                subject=text,
                region=region,
                source=draft.span(clause),
            )
        )
    return True


def _add_list_item(clause: Clause, draft: Draft, text: str, quote_at: tuple[int, int]) -> bool:
    lists = [at for at in draft.leaves() if at.kind == "list"]
    if not lists:
        raise ClauseRefused("the plan has no list to add an item to")
    target = lists[0]
    items = list(target.node["items"])
    draft.replace(f"{target.path}/items", [*items, text])
    draft.changes.append(f"added the item '{text}' to list '{target.id}'")
    span = draft.span(clause, *quote_at)
    for item in list(draft.items):
        if isinstance(item, RequiredStructure) and item.structure in ("bullets", "numbered", "steps"):
            draft.replace_item(item, item.model_copy(update={"items": [*item.items, StructureItem(label=text)]}))
            return True
    script = detect_script(text)
    draft.add_item(
        RequiredText(
            id=draft.constraint_id("text-edit"),
            text=text,
            script=script,
            language=language_of(script, text),
            source=span,
        )
    )
    return True


def _align_for(region: Region) -> str:
    if region.endswith("left"):
        return "left"
    if region.endswith("right"):
        return "right"
    return "center"


def _size_share(role: TextRole) -> float:
    """A new text's size as a share of the canvas's short edge."""
    return {"title": 0.08, "heading": 0.055, "subtitle": 0.045, "price": 0.05}.get(role, 0.032)


def _text_colors(draft: Draft) -> list[str]:
    return [str(at.node.get("color")) for at in draft.leaves() if at.kind == "text" and at.node.get("role") == "body"]


_ENTRY_VALUE = re.compile(
    r"^\s*(?:please\s+)?(?:set|change|make|update)\s+the\s+(?:price|cost|value|amount)\s+(?:of|for)\s+(?:the\s+|a\s+)?"
    r"(?P<label>[^\x01]+?)\s+(?:to|at)\s+(?P<value>\S+)\s*$",
    re.IGNORECASE,
)


def change_entry_value(clause: Clause, draft: Draft) -> bool:
    """ "set the price of the latte to $4.50": the value beside an entry's label in a table row, and the entry of
    the structure constraint that lists it."""
    said = _ENTRY_VALUE.search(clause.masked())
    if said is None:
        return False
    label, value = said.group("label").strip(), said.group("value").strip()
    for at in draft.leaves():
        if at.kind != "table":
            continue
        for r, row in enumerate(at.node.get("rows") or []):
            if row and str(row[0]).casefold() == label.casefold() and len(row) > 1:
                old = str(row[-1])
                draft.replace(f"{at.path}/rows/{r}/{len(row) - 1}", value)
                draft.changes.append(f"{row[0]}: {old} → {value}")
                _entry_constraint(clause, draft, str(row[0]), old, value)
                return True
    raise ClauseRefused(
        f"no table row is '{label}': say the words to change, e.g. \"change 'OLD' to '{value}'\"; {texts_said(draft)}"
    )


def _entry_constraint(clause: Clause, draft: Draft, label: str, old: str, value: str) -> None:
    for item in list(draft.items):
        if not isinstance(item, RequiredStructure):
            continue
        entries = [
            e.model_copy(update={"value": value}) if e.label.casefold() == label.casefold() and e.value == old else e
            for e in item.items
        ]
        if entries != item.items:
            draft.replace_item(item, item.model_copy(update={"items": entries, "source": draft.span(clause)}))
