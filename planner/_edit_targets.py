"""What a clause points at in the plan: a quoted text, a part by its role word ("the title", "the buttons", "the
chart"), things by their class ("the balloons"), an icon by its name, and which one of several ("the second
balloon", "the last card")."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tessera.contract.icons import find_icon
from tessera.planner._edit_draft import ClauseRefused, Draft, NodeAt
from tessera.planner._numbers import plural, singular
from tessera.planner._structure_parts import icon_name

_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, "7th": 7, "8th": 8,
    "9th": 9, "10th": 10, "last": -1,
}  # fmt: skip
_ORDINAL = re.compile(rf"\b({'|'.join(_ORDINALS)})\b", re.IGNORECASE)
TEXT_KINDS = ("text", "list", "table", "chart")


@dataclass(frozen=True)
class TextAt:
    """One string the plan sets: the node, the pointer to the string, and the string."""

    at: NodeAt
    path: str
    text: str


def plan_texts(draft: Draft) -> list[TextAt]:
    """Every string the plan sets, in tree order: texts, list items, table cells, a chart's title and labels."""
    found: list[TextAt] = []
    for at in draft.leaves():
        node = at.node
        if at.kind == "text":
            found.append(TextAt(at, f"{at.path}/text", str(node["text"])))
        elif at.kind == "list":
            found += [TextAt(at, f"{at.path}/items/{i}", str(s)) for i, s in enumerate(_strings(node, "items"))]
        elif at.kind == "table":
            found += [TextAt(at, f"{at.path}/header/{i}", str(s)) for i, s in enumerate(_strings(node, "header"))]
            for r, row in enumerate(node.get("rows") or []):
                found += [TextAt(at, f"{at.path}/rows/{r}/{c}", str(s)) for c, s in enumerate(row) if s]
        elif at.kind == "chart":
            if node.get("title"):
                found.append(TextAt(at, f"{at.path}/title", str(node["title"])))
            found += [
                TextAt(at, f"{at.path}/categories/{i}", str(s)) for i, s in enumerate(_strings(node, "categories"))
            ]
    return found


def _strings(node: dict, name: str) -> list[str]:
    value = node.get(name) or []
    return [str(s) for s in value] if isinstance(value, list) else []


def texts_said(draft: Draft, limit: int = 12) -> str:
    """The plan's texts as a refusal lists them: "the plan has texts 'A', 'B'"."""
    seen: list[str] = []
    for found in plan_texts(draft):
        if found.text not in seen:
            seen.append(found.text)
    if not seen:
        return "the plan has no texts"
    more = f" and {len(seen) - limit} more" if len(seen) > limit else ""
    return "the plan has texts " + ", ".join(f"'{t[:60]}'" for t in seen[:limit]) + more


def find_text(draft: Draft, wanted: str) -> list[TextAt]:
    """The strings that are `wanted` exactly, else in any case, else that contain it (in any case)."""
    texts = plan_texts(draft)
    for test in (
        lambda s: s == wanted,
        lambda s: s.casefold() == wanted.casefold(),
        lambda s: wanted.casefold() in s.casefold(),
    ):
        hits = [t for t in texts if test(t.text)]
        if hits:
            return hits
    return []


def text_or_refuse(draft: Draft, wanted: str) -> list[TextAt]:
    hits = find_text(draft, wanted)
    if not hits:
        raise ClauseRefused(f"no text says '{wanted}': {texts_said(draft)}")
    return hits


# Role words: what the parts of a plan are called, and how to tell them.


def _text_role(*roles: str) -> Callable[[NodeAt], bool]:
    return lambda at: at.kind == "text" and at.node.get("role") in roles


def _frame(role: str, *id_words: str) -> Callable[[NodeAt], bool]:
    def test(at: NodeAt) -> bool:
        if at.kind != "frame":
            return False
        return at.node.get("role") == role or any(word in at.id.split("-")[-1] for word in id_words)

    return test


def _is_logo(at: NodeAt) -> bool:
    if at.kind == "asset":
        return "logo" in str(at.node.get("name"))
    return at.kind in ("icon", "frame", "text", "shape") and "logo" in at.id


def _of_kind(*kinds: str) -> Callable[[NodeAt], bool]:
    return lambda at: at.kind in kinds


PARTS: dict[str, Callable[[NodeAt], bool]] = {
    "title": _text_role("title"),
    "headline": _text_role("title"),
    "subtitle": _text_role("subtitle"),
    "subheading": _text_role("subtitle"),
    "tagline": _text_role("subtitle"),
    "heading": _text_role("heading"),
    "caption": _text_role("caption"),
    "footer": _text_role("footer"),
    "body": _text_role("body"),
    "paragraph": _text_role("body"),
    "price": _text_role("price"),
    "label": _text_role("label"),
    "quote": _text_role("quote"),
    "button": _frame("button", "button", "submit", "cta"),
    "badge": _frame("badge", "badge"),
    "card": _frame("card", "card"),
    "logo": _is_logo,
    "chart": _of_kind("chart"),
    "graph": _of_kind("chart"),
    "table": _of_kind("table"),
    "list": _of_kind("list"),
    "bullet list": _of_kind("list"),
    "picture": _of_kind("picture"),
    "photo": _of_kind("picture"),
    "image": _of_kind("picture"),
    "illustration": _of_kind("picture"),
    "icon": _of_kind("icon"),
    "qr code": _of_kind("qr"),
    "qr": _of_kind("qr"),
    "text": _of_kind(*TEXT_KINDS),
    "divider": lambda at: at.kind == "shape" and at.node.get("shape") in ("divider", "line"),
    "accent bar": lambda at: at.kind == "shape" and "accent" in at.id,
}
_PLURALS = {
    "bullets": "bullet list",
    "bullet points": "bullet list",
    "bullet lists": "bullet list",
    "qr codes": "qr code",
    "accent bars": "accent bar",
    "texts": "text",
}
_PART_WORD = re.compile(
    r"\b("
    + "|".join(sorted([*PARTS, *_PLURALS, *(f"{w}s" for w in PARTS if " " not in w)], key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Part:
    """The nodes a clause's role word points at, the word as written, and whether it was plural."""

    word: str
    nodes: list[NodeAt]
    plural: bool


def part_words(masked: str) -> list[tuple[str, bool]]:
    """The role words of a (quote-masked) clause in order ("the title and subtitle": title, subtitle), each
    singular and whether it was written as a plural. The bare word "text" goes when a part is named with it
    ("the title text"); a part the clause turns something into ("into a badge") is no target."""
    found: list[tuple[str, bool]] = []
    into = re.search(r"\binto\b", masked, re.IGNORECASE)
    for match in _PART_WORD.finditer(masked[: into.start()] if into else masked):
        word = match.group(1).lower()
        if word in _PLURALS:
            entry = (_PLURALS[word], True)
        elif word not in PARTS and word.endswith("s"):
            entry = (word[:-1], True)
        else:
            entry = (word, False)
        if entry[0] not in [w for w, _ in found]:
            found.append(entry)
    if len(found) > 1:
        found = [entry for entry in found if entry[0] != "text"]
    return found


def find_part(draft: Draft, masked: str) -> Part | None:
    """The nodes of the clause's role words ("the title", "the second card", "the buttons", "the title and
    subtitle"), or None when it names no part. An ordinal picks one of one part's nodes; a part the plan lacks is
    refused, naming what the plan has."""
    words = part_words(masked)
    if not words:
        return None
    nodes: list[NodeAt] = []
    for word, _ in words:
        found = [at for at in draft.nodes() if PARTS[word](at)]
        if not found:
            raise ClauseRefused(f"the plan has no {word}: {parts_said(draft)}")
        nodes += [at for at in found if at.id not in {n.id for n in nodes}]
    which = ordinal(masked)
    if which is not None and len(words) == 1:
        nodes = [pick(nodes, which, words[0][0])]
    word = " and ".join(w for w, _ in words)
    return Part(word, nodes, plural=len(words) > 1 or words[0][1])


def parts_said(draft: Draft) -> str:
    """The role words the plan has parts for: "it has a title, a chart, 3 buttons"."""
    counts: dict[str, int] = {}
    for word, test in PARTS.items():
        if word in ("headline", "subheading", "tagline", "graph", "photo", "image", "illustration", "qr", "paragraph"):
            continue
        if word in ("text", "bullet list"):
            continue
        found = sum(1 for at in draft.nodes() if test(at))
        if found:
            counts[word] = found
    classes = [f"{g.node['count']} {g.node['object_class']}" for g in object_groups(draft)]
    said = [f"{n} {w}s" if n > 1 else f"a {w}" for w, n in counts.items()] + classes
    return "it has " + (", ".join(said) if said else "no named parts")


def ordinal(masked: str) -> int | None:
    """1 for "first", 2 for "second"..., -1 for "last"; None when the clause names no ordinal."""
    match = _ORDINAL.search(masked)
    return _ORDINALS[match.group(1).lower()] if match else None


def pick(nodes: list[NodeAt], which: int, word: str) -> NodeAt:
    """The `which`-th of `nodes` (from 1; -1 the last), or refused saying how many there are."""
    if which == -1:
        return nodes[-1]
    if which > len(nodes):
        there = f"there is only one {word}" if len(nodes) == 1 else f"there are {len(nodes)} {word}s"
        raise ClauseRefused(f"there is no {_ordinal_word(which)} {word}: {there}")
    return nodes[which - 1]


def _ordinal_word(n: int) -> str:
    return next(word for word, value in _ORDINALS.items() if value == n and not word[0].isdigit())


# Things by class, icons by name.


def object_groups(draft: Draft, word: str | None = None) -> list[NodeAt]:
    """The object groups of the plan, or those of one class ("balloons", "balloon")."""
    groups = [at for at in draft.leaves() if at.kind == "objects"]
    if word is None:
        return groups
    wanted = singular(word.lower())
    return [g for g in groups if str(g.node.get("object_class", "")).lower() in (wanted, word.lower())]


def class_in(draft: Draft, masked: str) -> tuple[str, list[NodeAt]] | None:
    """The object class a clause names ("the second balloon", "5 stars") and its groups, or None."""
    for match in re.finditer(r"[A-Za-z][A-Za-z-]*", masked):
        groups = object_groups(draft, match.group())
        if groups:
            return str(groups[0].node["object_class"]), groups
    return None


def icon_key(name: str) -> str | None:
    """The icon set's own name for an icon word or a plan's icon name ('cart' and 'garden-cart' alike)."""
    icon = find_icon(name)
    return icon.name if icon is not None else icon_name(name)


def icons_named(draft: Draft, word: str) -> list[NodeAt]:
    """The icon nodes that draw the icon `word` names."""
    key = icon_key(word)
    if key is None:
        return []
    return [at for at in draft.leaves() if at.kind == "icon" and icon_key(str(at.node["name"])) == key]


def icon_names(draft: Draft) -> list[str]:
    return [str(at.node["name"]) for at in draft.leaves() if at.kind == "icon"]


def elements_said(draft: Draft, limit: int = 10) -> str:
    """The plan's parts as a refusal names them, in tree order: "the plan has the title 'SUMMER FEST', the subtitle
    'Live music', 4 balloons, a bar chart, the star icon"."""
    said: list[str] = []
    for at in draft.leaves():
        node = at.node
        if at.kind == "text":
            framed = next((f.get("role") for f in at.ancestors if f.get("role") in ("button", "badge")), None)
            said.append(f"the {framed or node.get('role', 'text')} '{str(node['text'])[:40]}'")
        elif at.kind == "objects":
            said.append(
                f"{node['count']} {plural(str(node['object_class'])) if node['count'] != 1 else node['object_class']}"
            )
        elif at.kind == "icon":
            said.append(f"the {node['name']} icon")
        elif at.kind == "chart":
            said.append(f"a {str(node.get('chart', '')).replace('_', ' ')} chart")
        elif at.kind == "list":
            said.append(f"a list of {len(node.get('items') or [])} items")
        elif at.kind in ("table", "picture", "qr", "asset"):
            said.append(f"a {at.kind if at.kind != 'asset' else str(node.get('name'))}")
    if not said:
        return "the plan has no parts an edit could name"
    more = f" and {len(said) - limit} more" if len(said) > limit else ""
    return "the plan has " + ", ".join(said[:limit]) + more
