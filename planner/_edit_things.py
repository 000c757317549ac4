"""Edits of parts and things: move ("move the title to the top", "put the logo bottom-right"), resize ("make the
chart larger"), remove a part or one instance ("remove the chart", "remove the second balloon"), change a count
("make it 5 balloons", "add two more stars", "only 3 bullet points"), a font style ("make the title bold"), an
icon ("use a rocket icon instead of the star") and a chart's data ("set Q3 to 42", "make it a line chart")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from tessera.contract import RequiredCount, RequiredPosition, RequiredStructure, StructureItem
from tessera.contract.icons import find_icon
from tessera.contract.reading import Constraint, Region
from tessera.planner._edit_clauses import Clause
from tessera.planner._edit_draft import ClauseNotUnderstood, ClauseRefused, Draft, NodeAt
from tessera.planner._edit_layout import move_node, remove_node, scale_node
from tessera.planner._edit_targets import (
    class_in,
    elements_said,
    find_part,
    find_text,
    icon_key,
    icon_names,
    icons_named,
    object_groups,
    ordinal,
    parts_said,
    pick,
    texts_said,
)
from tessera.planner._edit_words import FONT, FONT_WORDS, RESIZE, region_in
from tessera.planner._numbers import NUMBER_WORD_PATTERN, number_word_value, plural
from tessera.planner._structure_parts import icon_name

_NUMBER = rf"(?:\d+|{NUMBER_WORD_PATTERN}|an?|another|a single)"


def _value_of(word: str) -> int:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    if word in ("a", "an", "another", "a single"):
        return 1
    value = number_word_value(word)
    if value is None:
        raise ClauseRefused(f"'{word}' is not a number")
    return value


@dataclass(frozen=True)
class Target:
    """What a clause points at: the nodes, how to name them, and the subject a position constraint takes."""

    nodes: list[NodeAt]
    word: str
    subject_kind: Literal["text", "objects"] | None = None
    subject: str | None = None


_NOT_ICON_NAMES = frozenset(("the", "an", "a", "this", "that", "its", "all", "every", "both", "other", "each", "more"))


def find_target(clause: Clause, draft: Draft, masked: str) -> Target | None:
    """The clause's target: a quoted text, an icon by name ("the star icon"), a part ("the title"), or a class of
    things ("the balloons"); None when it names none."""
    for quote in clause.quotes:
        hits = find_text(draft, quote.text)
        if not hits:
            raise ClauseRefused(f"no text says '{quote.text}': {texts_said(draft)}")
        nodes = list({hit.at.id: draft.find(hit.at.id) for hit in hits}.values())
        return Target(nodes, f"'{quote.text}'", "text", hits[0].text if hits[0].at.kind == "text" else quote.text)
    named = re.search(r"\b([a-z][a-z-]*)\s+icons?\b", masked, re.IGNORECASE)
    if named and named.group(1).lower() not in _NOT_ICON_NAMES and ordinal(named.group(1)) is None:
        icons = icons_named(draft, named.group(1))
        if not icons:
            raise ClauseRefused(f"no icon draws '{named.group(1)}': {_icons_said(draft)}")
        which = ordinal(masked)
        return Target([pick(icons, which, "icon")] if which else icons, f"the {named.group(1)} icon")
    part = find_part(draft, masked)
    if part is not None:
        first = part.nodes[0]
        text = str(first.node["text"]) if first.kind == "text" and len(part.nodes) == 1 else None
        return Target(part.nodes, f"the {part.word}", "text" if text else None, text)
    things = class_in(draft, masked)
    if things is not None:
        return Target(things[1], f"the {plural(things[0])}", "objects", things[0])
    return None


def _icons_said(draft: Draft) -> str:
    names = icon_names(draft)
    return "the plan's icons are " + ", ".join(f"'{n}'" for n in names) if names else "the plan has no icons"


# Move and resize.

_MOVE = re.compile(r"^\s*(?:please\s+)?(?:move|put|place|position|shift|push|bring|set)\b", re.IGNORECASE)
_ALIGN = re.compile(
    r"^\s*(?:please\s+)?(?:(?P<verb>align|left-align|right-align|cent(?:er|re)|justify)\b|make\b.*\b(?:aligned|centered|"
    r"centred)\b)",
    re.IGNORECASE,
)


def move_part(clause: Clause, draft: Draft) -> bool:
    masked = clause.masked()
    if not _MOVE.search(masked):
        return False
    target = find_target(clause, draft, masked)
    region = region_in(re.sub(r"\b(?:top|bottom)[- ]?(?:bar|banner)\b", "", masked))
    if target is None or region is None:
        return False
    done = len(draft.patch)
    for at in target.nodes:
        move_node(draft, draft.find(at.id), region)
    held = [at for at in target.nodes if _held_from_edge(draft.find(at.id), region)]
    if len(draft.patch) == done and held:  # first (or last) in every flow above it, which centres it
        raise ClauseNotUnderstood(
            f"{target.word} already comes {'first' if region.startswith(('top', 'left')) else 'last'} in its layout, "
            f"which decides how far to the {region} that is: the rules cannot move it further; an LLM planner can "
            "change the layout (--planner llm)"
        )
    draft.changes.append(f"moved {target.word} to the {region}")
    if target.subject_kind is not None and target.subject is not None:
        _require_region(clause, draft, target.subject_kind, target.subject, region)
    return True


def _held_from_edge(at: NodeAt, region: Region) -> bool:
    """Whether a frame above a node spreads its children away from the edge the region names (a column that
    centres them keeps even its first child off the top)."""
    vertical = "top" if region.startswith("top") else "bottom" if region.startswith("bottom") else None
    horizontal = "left" if "left" in region else "right" if "right" in region else None
    for frame in at.ancestors:
        edge = vertical if frame.get("layout") == "column" else horizontal if frame.get("layout") == "row" else None
        if edge is None:
            continue
        justify = frame.get("justify", "start")
        flush = ("start", "space_between") if edge in ("top", "left") else ("end", "space_between")
        if justify not in flush:
            return True
    return False


def align_part(clause: Clause, draft: Draft) -> bool:
    """ "align the text left", "center the title", "right-align the price": the lines of a text or list within
    their room, and the node within its column."""
    masked = clause.masked()
    said = _ALIGN.search(masked)
    if said is None:
        return False
    verb = (said.group("verb") or "").lower()
    rest = masked[said.end() :]
    side = (
        "left" if verb == "left-align" or re.search(r"\bleft\b", rest, re.I)
        else "right" if verb == "right-align" or re.search(r"\bright\b", rest, re.I)
        else "center"
    )  # fmt: skip
    target = find_target(clause, draft, masked)
    if target is None:
        raise ClauseRefused(f"say what to align, e.g. 'align the title left': {elements_said(draft)}")
    for found in target.nodes:
        at = draft.find(found.id)
        leaves = [at] if at.kind != "frame" else [n for n in draft.leaves() if n.path.startswith(at.path + "/")]
        for leaf in leaves:
            if leaf.kind == "text" or leaf.kind == "list" and side != "center":
                draft.set_field(leaf, "align", side)
        if at.parent is not None and at.parent.get("layout") == "column" and at.parent.get("align") != "stretch":
            draft.set_field(at, "anchor", side)
    draft.changes.append(f"{target.word} aligned {side}")
    return True


def _require_region(
    clause: Clause, draft: Draft, kind: Literal["text", "objects"], subject: str, region: Region
) -> None:
    old = next(
        (
            c
            for c in draft.items
            if isinstance(c, RequiredPosition) and c.subject_kind == kind and c.subject.casefold() == subject.casefold()
        ),
        None,
    )
    span = draft.span(clause)
    if old is not None:
        # The new place replaces the old; a relation to another subject would pull against it, so it goes too.
        draft.replace_item(old, old.model_copy(update={"region": region, "relation": None, "reference": None,
                                                       "second_reference": None, "source": span}))  # fmt: skip
        return
    draft.add_item(
        RequiredPosition(
            id=draft.constraint_id("position-edit"),
            subject_kind=kind,
            subject=subject,
            region=region,
            source=span,
        )
    )


def resize_part(clause: Clause, draft: Draft) -> bool:
    masked = clause.masked()
    said = RESIZE.search(masked)
    if said is None or not re.search(r"\b(?:make|enlarge|shrink|grow|double|halve|increase|decrease|reduce|scale|"
                                     r"resize|set|should)\b", masked, re.IGNORECASE):  # fmt: skip
        return False
    word = (said.group("word") or said.group("verb")).lower()
    factor = {"double": 2.0, "halve": 0.5}.get(word)
    if factor is None:
        grow = word in ("bigger", "larger", "big", "large", "wider", "taller", "enlarge", "grow", "increase")
        factor = (1.6 if said.group("much") else 1.3) if grow else (0.6 if said.group("much") else 0.77)
    target = find_target(clause, draft, masked)
    if target is None:
        return False
    for at in target.nodes:
        scale_node(draft, draft.find(at.id), factor)
    draft.changes.append(f"{target.word} {'larger' if factor > 1 else 'smaller'} (x{factor:g})")
    return True


# Font styles.

_FIELDS_OF = {"text": ("font_weight", "italic", "family"), "list": ("font_weight", "family"), "table": ("family",)}


def change_font(clause: Clause, draft: Draft) -> bool:
    masked = clause.masked()
    styles = [FONT_WORDS[m.group(1).lower()] for m in FONT.finditer(masked)]
    if not styles or not re.search(r"\b(?:make|set|use|change|turn|switch|should|in|put)\b", masked, re.I):
        return False
    target = find_target(clause, draft, masked)
    if target is None:  # "use a serif font": every text
        target = Target([at for at in draft.leaves() if at.kind in _FIELDS_OF], "every text")
    changed = 0
    for found in target.nodes:
        leaves = (
            [found] if found.kind != "frame" else [n for n in draft.leaves() if n.path.startswith(found.path + "/")]
        )
        for at in leaves:
            for name, value in styles:
                if name in _FIELDS_OF.get(at.kind, ()) and draft.set_field(draft.find(at.id), name, value):
                    changed += 1
    said = ", ".join(f"{name.replace('font_', '')} {value}" for name, value in styles)
    if changed:
        draft.changes.append(f"{target.word}: {said}")
    else:  # already so: the clause is read, and another look of it ("red and bold") may still change something
        draft.notes.append(f"{target.word} already has {said}")
    return True


# Removing parts and instances.

_REMOVE = re.compile(r"^\s*(?:please\s+)?(?:remove|delete|drop|hide|erase|take out|get rid of|cut)\b", re.IGNORECASE)


def remove_part(clause: Clause, draft: Draft) -> bool:
    masked = clause.masked()
    if not _REMOVE.search(masked):
        return False
    things = class_in(draft, masked)
    part_target = None if things else find_target(clause, draft, masked)
    if things is not None:
        return _remove_things(clause, draft, masked, things[0], things[1])
    if part_target is None:
        return False
    which = ordinal(masked)
    single_word = not re.search(r"\b(?:all|every|both)\b|s\b\s*$", masked, re.IGNORECASE)
    if len(part_target.nodes) > 1 and which is None and single_word and not part_target.word.endswith("s"):
        raise ClauseRefused(
            f"the plan has {len(part_target.nodes)} {part_target.word.removeprefix('the ')}s: say which "
            "('the second', 'the last') or remove them all"
        )
    for at in part_target.nodes:
        remove_node(draft, draft.find(at.id))
    draft.changes.append(f"removed {part_target.word} ({', '.join(at.id for at in part_target.nodes)})")
    _forget_icons(draft, part_target.nodes)
    return True


# "the second bullet", "the last item", "the third point": one entry of a list, by its place.
_LIST_ENTRY = re.compile(r"\b(?:bullet(?:\s+point)?|item|point|entry)s?\b", re.IGNORECASE)


def remove_list_entry(clause: Clause, draft: Draft) -> bool:
    """Remove one entry of the plan's list by its place ("remove the second bullet"); the structure the brief
    asked for keeps the entries the list still sets."""
    masked = clause.masked()
    which = ordinal(masked)
    if not _REMOVE.search(masked) or which is None or not _LIST_ENTRY.search(masked):
        return False
    lists = [at for at in draft.nodes() if at.kind == "list"]
    if not lists:
        return False
    if len(lists) > 1:
        said = "; ".join(f"{at.id}: {', '.join(repr(i) for i in at.node['items'][:3])}" for at in lists)
        raise ClauseRefused(f"the plan has {len(lists)} lists ({said}): remove the entry by its words instead")
    at = lists[0]
    items: list[str] = at.node["items"]
    if which > len(items):
        raise ClauseRefused(f"the list has only {len(items)} entries: {', '.join(repr(i) for i in items)}")
    if len(items) == 1:
        raise ClauseRefused(f"the list's only entry is {items[0]!r}: remove the list instead")
    index = len(items) - 1 if which == -1 else which - 1
    draft.remove(f"{at.path}/items/{index}")
    draft.changes.append(f"removed entry {index + 1} of the list '{at.id}': {items[index]!r}")
    return True


def _remove_things(clause: Clause, draft: Draft, masked: str, object_class: str, groups: list[NodeAt]) -> bool:
    total = sum(int(g.node["count"]) for g in groups)
    which = ordinal(masked)
    if which is None:
        said_plural = re.search(rf"\b{re.escape(plural(object_class))}\b|\ball\b", masked, re.IGNORECASE)
        if not said_plural and total > 1:
            raise ClauseRefused(
                f"there are {total} {plural(object_class)}: say which ('the second {object_class}') or how many "
                f"('remove two {plural(object_class)}'), or remove all the {plural(object_class)}"
            )
        for group in groups:
            remove_node(draft, draft.find(group.id))
        draft.changes.append(f"removed the {plural(object_class)} ({total})")
        _set_count(clause, draft, object_class, 0)
        return True
    if which > total:
        there = f"there is only one {object_class}" if total == 1 else f"there are {total} {plural(object_class)}"
        raise ClauseRefused(f"there is no such {object_class}: {there}")
    index = total - 1 if which == -1 else which - 1
    for group in groups:  # the group that holds the n-th instance
        count = int(group.node["count"])
        if index < count:
            _set_group_count(draft, draft.find(group.id), count - 1)
            break
        index -= count
    draft.changes.append(f"removed one {object_class}: {total} → {total - 1}")
    _set_count(clause, draft, object_class, total - 1)
    return True


def _set_group_count(draft: Draft, group: NodeAt, count: int) -> None:
    if count <= 0:
        remove_node(draft, group)
    else:
        draft.set_field(group, "count", count)


def _set_count(clause: Clause, draft: Draft, object_class: str, count: int) -> None:
    """The count constraint of a class set to `count` (dropped with the class's other constraints at 0; added
    when the brief had none)."""
    wanted = object_class.lower()

    def names(item: Constraint) -> bool:
        if isinstance(item, RequiredCount):
            return item.object_class.lower() == wanted
        if isinstance(item, RequiredPosition):
            return any(
                kind == "objects" and (name or "").lower() == wanted
                for kind, name in (
                    (item.subject_kind, item.subject),
                    (item.reference_kind, item.reference),
                    (item.reference_kind, item.second_reference),
                )
            )
        return getattr(item, "target", None) == "objects" and (getattr(item, "subject", "") or "").lower() == wanted

    span = draft.span(clause)
    if count == 0:
        for item in [c for c in draft.items if names(c)]:
            draft.drop_item(item)
        return
    old = next((c for c in draft.items if isinstance(c, RequiredCount) and c.object_class.lower() == wanted), None)
    if old is not None:
        draft.replace_item(old, old.model_copy(update={"count": count, "noun": None, "source": span}))
    else:
        draft.add_item(
            RequiredCount(id=draft.constraint_id(f"count-{wanted}"), object_class=wanted, count=count, source=span)
        )


# Counts.

_ADD_MORE = re.compile(
    rf"\b(?:add|draw|put|include|insert)\s+(?:in\s+)?(?P<n>{_NUMBER})\s+(?:more\s+|extra\s+|additional\s+|other\s+)?"
    r"(?P<noun>[a-z][a-z-]*(?:\s+points?)?)",
    re.IGNORECASE,
)
_MORE = re.compile(rf"\b(?P<n>{_NUMBER})\s+(?:more|extra|additional)\s+(?P<noun>[a-z][a-z-]*(?:\s+points?)?)", re.I)
_FEWER = re.compile(
    rf"\b(?:remove|delete|take away|drop|take out)\s+(?P<n>{_NUMBER})\s+(?P<noun>[a-z][a-z-]*(?:\s+points?)?)"
    rf"|\b(?P<n2>{_NUMBER})\s+(?:fewer|less)\s+(?P<noun2>[a-z][a-z-]*(?:\s+points?)?)",
    re.IGNORECASE,
)
_SET = re.compile(
    rf"\b(?P<n>\d+|{NUMBER_WORD_PATTERN})\s+(?:\w+\s+)?(?P<noun>[a-z][a-z-]*(?:\s+points?)?)"
    rf"|\bnumber of (?P<noun2>[a-z][a-z-]*) to (?P<n2>\d+|{NUMBER_WORD_PATTERN})",
    re.IGNORECASE,
)
_SETS = re.compile(r"\b(?:make|only|use|should|want|set|change|have|need|keep|just|reduce|increase|give)\b", re.I)
_BULLETS = re.compile(r"^(?:bullets?|bullet points?|points?|items?|entries|list items?)$", re.IGNORECASE)


def change_count(clause: Clause, draft: Draft) -> bool:
    if clause.quotes:  # "add a bullet 'Free returns'" adds words, not a count
        return False
    masked = clause.masked()
    for pattern, how in ((_ADD_MORE, "more"), (_MORE, "more"), (_FEWER, "fewer"), (_SET, "set")):
        for match in pattern.finditer(masked):
            n_word = match.group("n") or match.groupdict().get("n2")
            noun = match.group("noun") or match.groupdict().get("noun2")
            if n_word is None or noun is None or re.match(r"\s+icons?\b", masked[match.end() :], re.IGNORECASE):
                continue  # "add a star icon" adds an icon, not a star
            if how == "set" and not _SETS.search(masked):
                continue
            if _BULLETS.match(noun):
                return _count_bullets(clause, draft, how, _value_of(n_word))
            groups = object_groups(draft, noun)
            if not groups:
                continue
            return _count_things(clause, draft, groups, how, _value_of(n_word))
    return False


def _count_things(clause: Clause, draft: Draft, groups: list[NodeAt], how: str, n: int) -> bool:
    object_class = str(groups[0].node["object_class"])
    total = sum(int(g.node["count"]) for g in groups)
    wanted = total + n if how == "more" else total - n if how == "fewer" else n
    if wanted < 0 or wanted > 100:
        raise ClauseRefused(f"the plan has {total} {plural(object_class)}: {wanted} is not a count it can draw")
    last = groups[-1]
    others = total - int(last.node["count"])
    if wanted < others:  # fewer than the other groups hold: the last groups go first
        for group in reversed(groups[1:]):
            remove_node(draft, draft.find(group.id))
        _set_group_count(draft, draft.find(groups[0].id), wanted)
    else:
        _set_group_count(draft, draft.find(last.id), wanted - others)
    draft.changes.append(f"{plural(object_class)}: {total} → {wanted}")
    _set_count(clause, draft, object_class, wanted)
    return True


def _count_bullets(clause: Clause, draft: Draft, how: str, n: int) -> bool:
    lists = [at for at in draft.leaves() if at.kind == "list"]
    if not lists:
        raise ClauseRefused(f"the plan has no list: {parts_said(draft)}")
    at = lists[0]
    items = [str(i) for i in at.node["items"]]
    wanted = len(items) - n if how == "fewer" else len(items) + n if how == "more" else n
    if wanted > len(items):
        raise ClauseRefused(
            f"adding bullets needs their words: say what each new one reads, e.g. \"add a bullet 'Free shipping'\" "
            f"(the list has {len(items)}: {', '.join(repr(i) for i in items[:8])})"
        )
    if wanted < 1:
        raise ClauseRefused(f"the list has {len(items)} items: a list keeps at least one (or remove the list)")
    kept = items[:wanted]
    draft.replace(f"{at.path}/items", kept)
    draft.changes.append(f"list '{at.id}': {len(items)} → {wanted} items")
    gone = {i.casefold() for i in items[wanted:]}
    for item in list(draft.items):
        if isinstance(item, RequiredStructure) and any(e.label.casefold() in gone for e in item.items):
            entries = [e for e in item.items if e.label.casefold() not in gone]
            draft.replace_item(item, item.model_copy(update={"items": entries, "source": draft.span(clause)}))
    return True


# Icons.

_SWAPS = (
    re.compile(
        r"\b(?:use|put|draw|show)\s+(?:an?\s+|the\s+)?(?P<new>[a-z][a-z -]*?)(?:\s+icon)?\s+instead of\s+"
        r"(?:the\s+|an?\s+)?(?P<old>[a-z][a-z -]*?)(?:\s+icon)?\s*$",
        re.IGNORECASE,
    ),
    re.compile(
        r"\b(?:change|replace|swap|switch|turn|make)\s+(?:the\s+|an?\s+)?(?P<old>[a-z][a-z -]*?)(?:\s+icon)?\s+"
        r"(?:to|with|for|into)\s+(?:an?\s+|the\s+)?(?P<new>[a-z][a-z -]*?)(?:\s+icon)?\s*$",
        re.IGNORECASE,
    ),
)


def swap_icon(clause: Clause, draft: Draft) -> bool:
    masked = clause.masked()
    says_icon = re.search(r"\bicons?\b", masked, re.IGNORECASE) is not None
    for pattern in _SWAPS:
        match = pattern.search(masked)
        if match is None:
            continue
        old, new = match.group("old").strip(), match.group("new").strip()
        exact = find_icon(re.sub(r"\s+", "-", old.lower()))
        if not says_icon and (exact is None or not icons_named(draft, old)):
            return False  # "change the background to blue" is no icon swap
        if old.lower() in ("icon", "it"):  # "swap the icon to a gear": the plan's only icon
            found = [at for at in draft.leaves() if at.kind == "icon"]
            if not found:
                raise ClauseRefused(f"the plan has no icon to swap: {elements_said(draft)}")
            if len(found) > 1:
                raise ClauseRefused(f"say which icon, e.g. 'swap the {found[0].node['name'] if found else 'star'} "
                                    f"icon to a {new}': {_icons_said(draft)}")  # fmt: skip
            old = str(found[0].node["name"])
        found = icons_named(draft, old)
        if not found:
            raise ClauseRefused(f"no icon draws '{old}': {_icons_said(draft)}")
        name = icon_name(new)
        if name is None:
            raise ClauseRefused(f"the icon set has no icon for '{new}'")
        which = ordinal(masked)
        for at in [pick(found, which, f"{old} icon")] if which else found:
            draft.set_field(draft.find(at.id), "name", name)
        draft.changes.append(f"icon '{found[0].node['name']}' → '{name}'")
        _rename_icon_items(clause, draft, old, new)
        return True
    return False


def _rename_icon_items(clause: Clause, draft: Draft, old: str, new: str) -> None:
    key = icon_key(old)
    for item in list(draft.items):
        if not isinstance(item, RequiredStructure) or item.structure != "icons":
            continue
        entries = [e.model_copy(update={"label": new}) if icon_key(e.label) == key else e for e in item.items]
        if entries != item.items:
            draft.replace_item(item, item.model_copy(update={"items": entries, "source": draft.span(clause)}))


def _forget_icons(draft: Draft, removed: list[NodeAt]) -> None:
    """An icon set's entries for icons the edit removed go from its structure constraint."""
    keys = {icon_key(str(at.node["name"])) for at in removed if at.kind == "icon"}
    if not keys:
        return
    for item in list(draft.items):
        if isinstance(item, RequiredStructure) and item.structure == "icons":
            kept = [e for e in item.items if icon_key(e.label) not in keys]
            if kept == item.items:
                continue
            if kept:
                draft.replace_item(item, item.model_copy(update={"items": kept}))
            else:
                draft.drop_item(item)


# Charts.

_CHART_KINDS = {
    "stacked bar": "stacked_bar", "stacked column": "stacked_column", "bar": "bar", "column": "column",
    "line": "line", "area": "area", "pie": "pie", "donut": "donut", "doughnut": "donut", "scatter": "scatter",
}  # fmt: skip
_CHART_KIND = re.compile(
    r"\b(" + "|".join(sorted(_CHART_KINDS, key=len, reverse=True)) + r")\s+(?:chart|graph|plot)\b", re.IGNORECASE
)
_VALUE = r"(?P<value>-?\d+(?:[.,]\d+)?)"


def change_chart(clause: Clause, draft: Draft) -> bool:
    masked = clause.masked()
    charts = [at for at in draft.leaves() if at.kind == "chart"]
    kind = _CHART_KIND.search(masked)
    if kind is not None and re.search(r"\b(?:make|turn|change|use|switch|convert|show|should)\b", masked, re.I):
        if not charts:
            raise ClauseRefused(f"the plan has no chart: {parts_said(draft)}")
        return _chart_kind(clause, draft, charts, _CHART_KINDS[kind.group(1).lower()])
    if not charts:
        return False
    if re.search(r"\badd\b", masked, re.IGNORECASE) and re.search(r"\b(?:category|bar|column|slice|point)\b", masked):
        return _add_category(clause, draft, charts[0], masked)
    return _set_values(clause, draft, charts, masked)


def _chart_kind(clause: Clause, draft: Draft, charts: list[NodeAt], kind: str) -> bool:
    for at in charts:
        if kind == "scatter" and not at.node.get("x_values"):
            raise ClauseRefused("a scatter chart needs x values for its points; the chart has categories")
        draft.set_field(at, "chart", kind)
    draft.changes.append(f"chart type → {kind}")
    for item in list(draft.items):
        if isinstance(item, RequiredStructure) and item.structure == "chart" and item.chart is not None:
            draft.replace_item(item, item.model_copy(update={"chart": kind, "source": draft.span(clause)}))
    return True


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _shown(value: float) -> str:
    return f"{value:g}"


def _set_values(clause: Clause, draft: Draft, charts: list[NodeAt], masked: str) -> bool:
    """ "set Q3 to 42", "change the revenue for EMEA to 12", "Q1 should be 5 and Q2 7"."""
    if not re.search(r"\b(?:set|change|make|update|should|must|raise|lower|increase|decrease|put)\b", masked, re.I):
        return False
    done = False
    for at in charts:
        categories = [str(c) for c in at.node.get("categories") or []]
        for index, category in enumerate(categories):
            label = re.escape(category)
            said = re.search(
                rf"(?<![\w']){label}(?![\w'])[^0-9\x01]*?(?:\bto\b|\bbe\b|=|:|\bat\b|\bof\b)?\s*{_VALUE}",
                clause.text if clause.quotes else masked,
                re.IGNORECASE,
            )
            if said is None:
                continue
            series = _series_for(at, masked)
            value = _number(said.group("value"))
            old = at.node["series"][series]["values"][index]
            draft.replace(f"{at.path}/series/{series}/values/{index}", value)
            draft.changes.append(f"chart '{at.id}': {category} {_shown(float(old))} → {_shown(value)}")
            _chart_item(clause, draft, category, _shown(value))
            done = True
    return done


def _series_for(at: NodeAt, masked: str) -> int:
    series = [str(s["name"]) for s in at.node["series"]]
    if len(series) == 1:
        return 0
    for index, name in enumerate(series):
        if re.search(rf"\b{re.escape(name)}\b", masked, re.IGNORECASE):
            return index
    raise ClauseRefused(f"the chart has {len(series)} series ({', '.join(series)}): say which one")


def _chart_item(clause: Clause, draft: Draft, category: str, value: str) -> None:
    for item in list(draft.items):
        if not isinstance(item, RequiredStructure) or item.structure not in ("chart", "pairs", "kpis"):
            continue
        entries = [
            e.model_copy(update={"value": value}) if e.label.casefold() == category.casefold() else e
            for e in item.items
        ]
        if entries != item.items:
            draft.replace_item(item, item.model_copy(update={"items": entries, "source": draft.span(clause)}))


def _add_category(clause: Clause, draft: Draft, at: NodeAt, masked: str) -> bool:
    """ "add a category 'LATAM' with 7", "add a bar for LATAM at 7"."""
    if clause.quotes:
        label = clause.quotes[0].text
        after = masked[clause.quotes[0].end :]
    else:
        named = re.search(r"\b(?:category|bar|column|slice|point)\s+(?:for\s+|called\s+|named\s+)?([^\s,]+)", masked)
        if named is None:
            raise ClauseRefused("say the new category's name, e.g. \"add a category 'LATAM' with 7\"")
        label, after = named.group(1), masked[named.end() :]
    value = re.search(_VALUE, after)
    if value is None:
        raise ClauseRefused(f"say the value of '{label}', e.g. \"add a category '{label}' with 7\"")
    categories = [str(c) for c in at.node.get("categories") or []]
    if label.casefold() in (c.casefold() for c in categories):
        raise ClauseRefused(f"the chart already has a category '{label}'")
    if len(categories) >= 60:
        raise ClauseRefused("the chart has 60 categories, the most a chart may have")
    number = _number(value.group("value"))
    draft.replace(f"{at.path}/categories", [*categories, label])
    for index, series in enumerate(at.node["series"]):
        draft.replace(f"{at.path}/series/{index}/values", [*series["values"], number])
    draft.changes.append(f"chart '{at.id}': added {label} = {_shown(number)}")
    for item in list(draft.items):
        if isinstance(item, RequiredStructure) and item.structure == "chart":
            entries = [*item.items, StructureItem(label=label, value=_shown(number))]
            draft.replace_item(item, item.model_copy(update={"items": entries, "source": draft.span(clause)}))
            break
    return True
