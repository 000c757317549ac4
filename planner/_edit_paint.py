"""Colour edits: the background ("make the background dark", "a navy background"), the accent ("use #1F4FFF for the
accent"), a part ("make the title red", "make the buttons green"), things ("make the balloons blue"); and after
each, every text that would no longer read on what lies behind it gets a readable shade (WCAG AA)."""

from __future__ import annotations

import colorsys
import re
from collections.abc import Sequence

from tessera.contract import (
    TRANSPARENT_BACKDROP,
    WCAG_AA_CONTRAST,
    WCAG_AA_LARGE_TEXT_CONTRAST,
    RequiredColor,
    hex_to_rgb,
    rgb_to_hex,
)
from tessera.planner._colors import best_ink, hex_codes, is_color_word, readable_shade, worst_contrast
from tessera.planner._edit_clauses import Clause
from tessera.planner._edit_draft import ClauseRefused, Draft, Json, NodeAt
from tessera.planner._edit_targets import TEXT_KINDS, class_in, find_part, find_text, texts_said
from tessera.planner._extract_colors import color_from_words

_ASKS = re.compile(
    r"\b(?:make|use|change|set|turn|colou?r|recolou?r|paint|fill|switch|should|must|give|go)\b", re.IGNORECASE
)
_BACKGROUND = re.compile(r"\b(?:background|backdrop|bg|canvas|page)\b|\b(?:dark|light)\s+(?:mode|theme)\b", re.I)
_ACCENT = re.compile(r"\b(?:accents?|brand colou?r|primary colou?r|highlights?)\b", re.IGNORECASE)
# The colour of something the rules do not draw ("a red border", "a blue shadow"): the model's to do.
_OTHER_PAINT = re.compile(r"\b(?:border|outline|shadow|stroke|underline|glow|gradient|frame|halo)s?\b", re.I)
_GRADIENT = re.compile(r"\bgradient\b", re.IGNORECASE)
_TONES = {"dark": 0.12, "darker": 0.12, "light": 0.96, "lighter": 0.96}
_LARGE_TEXT_PX = 29  # a title or subtitle this large needs only WCAG's 3:1 for large text


def color_said(masked: str) -> tuple[str, str] | None:
    """The colour a (quote-masked) clause names, as (hex, its words): a hex code, a named run ("deep blue"), or a
    bare tone ("dark", "light": hex '' then, for the caller to shade)."""
    said = colors_said(masked)
    return said[0] if said else None


def colors_said(masked: str) -> list[tuple[str, str]]:
    """Every colour a (quote-masked) clause names, in order, as `color_said` gives the first."""
    found: list[tuple[int, str, str]] = [(start, code, masked[start:end]) for start, end, code in hex_codes(masked)]
    words = list(re.finditer(r"[A-Za-z]+", masked))
    index = 0
    while index < len(words):
        run = []
        while index < len(words) and is_color_word(words[index].group()):
            run.append(words[index])
            index += 1
        if run:
            names = [w.group() for w in run]
            color = color_from_words(names)
            tone = next((w.lower() for w in names if w.lower() in _TONES), None)
            if color is not None:
                found.append((run[0].start(), color, " ".join(names)))
            elif tone is not None:
                found.append((run[0].start(), "", tone))
        index += 1
    return [(color, words) for _, color, words in sorted(found)]


def change_color(clause: Clause, draft: Draft) -> bool:
    """A clause that recolours the background, the accent, a part, a quoted text or a class of things."""
    masked = clause.masked()
    said = color_said(masked)
    other = _OTHER_PAINT.search(masked)
    if (
        said is None
        or not _ASKS.search(masked)
        or other
        and not (_BACKGROUND.search(masked) and _GRADIENT.search(masked))
    ):
        return False
    color, words = said
    if _BACKGROUND.search(masked) and _GRADIENT.search(masked):
        _paint_gradient(clause, draft, colors_said(masked))
    elif _BACKGROUND.search(masked):
        _paint_background(clause, draft, color, words)
    elif _ACCENT.search(masked):
        _paint_accent(clause, draft, _solid(color, words))
    elif clause.quotes:
        hits = [hit for quote in clause.quotes for hit in find_text(draft, quote.text)]
        if not hits:
            raise ClauseRefused(f"no text says '{clause.quotes[0].text}': {texts_said(draft)}")
        _paint_nodes(clause, draft, [hit.at for hit in hits], _solid(color, words), "text")
    else:
        part = find_part(draft, masked)
        if part is not None:
            _paint_nodes(clause, draft, part.nodes, _solid(color, words), part.word)
        else:
            things = class_in(draft, masked)
            if things is None:
                return False
            _paint_things(clause, draft, things[0], things[1], _solid(color, words))
    fix_contrast(clause, draft)
    return True


def _solid(color: str, words: str) -> str:
    if not color:
        raise ClauseRefused(f"'{words}' is a tone, not a colour: name one ('dark blue', 'red', '#1F4FFF')")
    return color


def backdrop_colors(draft: Draft) -> list[str]:
    """The colours the plan's background shows."""
    background = draft.doc["background"]
    assert isinstance(background, dict)
    if background.get("kind") == "linear_gradient":
        return [str(background["start"]), str(background["end"])]
    if background.get("kind") == "transparent":
        return [TRANSPARENT_BACKDROP]
    return [str(background["color"])]


def backdrop_of(draft: Draft, at: NodeAt) -> list[str]:
    """The colours behind a node: the fill of the nearest frame above it that has one, else the background."""
    for frame in reversed(at.ancestors):
        fill = frame.get("fill")
        if isinstance(fill, str):
            return [fill]
        if isinstance(fill, dict):
            return [str(fill["start"]), str(fill["end"])]
    return backdrop_colors(draft)


def _toned(color: str, lightness: float) -> str:
    r, g, b = (v / 255 for v in hex_to_rgb(color))
    h, _, s = colorsys.rgb_to_hls(r, g, b)
    r, g, b = colorsys.hls_to_rgb(h, lightness, min(s, 0.35))
    return rgb_to_hex((r * 255, g * 255, b * 255))


def _paint_background(clause: Clause, draft: Draft, color: str, words: str) -> None:
    before = backdrop_colors(draft)
    if color:
        background: Json = {"kind": "solid", "color": color}
        shown = color
    else:
        lightness = _TONES[words]
        ends = [_toned(c, lightness) for c in before]
        # A gradient keeps its gentle fall-off: the far end a shade darker (or lighter) than the near one.
        far = _toned(before[-1], lightness - 0.04 if lightness < 0.5 else lightness - 0.03)
        background = (
            {"kind": "linear_gradient", "start": ends[0], "end": far, "angle_deg": 90.0}
            if len(before) == 2
            else {"kind": "solid", "color": ends[0]}
        )
        shown = ends[0]
    draft.replace("/background", background)
    draft.changes.append(f"background {' → '.join(['/'.join(before), '/'.join(_colors_of(background))])} ({words})")
    _require_background(clause, draft, shown)


def _paint_gradient(clause: Clause, draft: Draft, colors: list[tuple[str, str]]) -> None:
    """A background gradient from one named colour to another, top to bottom; the constraint asks for its middle
    (what most of a gradient's pixels are near, as the verifier measures it)."""
    solid = [(color, words) for color, words in colors if color]
    if len(solid) != 2:
        raise ClauseRefused("a gradient needs two colours: say 'make the background a gradient from navy to purple'")
    (start, first), (end, second) = solid
    before = backdrop_colors(draft)
    draft.replace("/background", {"kind": "linear_gradient", "start": start, "end": end, "angle_deg": 90.0})
    draft.changes.append(f"background {'/'.join(before)} → a gradient {start} → {end} ({first} to {second})")
    r1, g1, b1 = hex_to_rgb(start)
    r2, g2, b2 = hex_to_rgb(end)
    middle = rgb_to_hex(((r1 + r2) / 2, (g1 + g2) / 2, (b1 + b2) / 2))
    _require_background(clause, draft, middle)


def _require_background(clause: Clause, draft: Draft, color: str) -> None:
    """The background's colour constraint asks for `color` (replacing the brief's, touched)."""
    wanted = RequiredColor(id="color-background", target="background", color=color, source=draft.span(clause))
    old = next((c for c in draft.items if isinstance(c, RequiredColor) and c.target == "background"), None)
    if old is not None:
        draft.replace_item(old, wanted.model_copy(update={"id": old.id}))
    else:
        draft.add_item(wanted.model_copy(update={"id": draft.constraint_id("color-background")}))


def _colors_of(background: Json) -> list[str]:
    if background.get("kind") == "linear_gradient":
        return [str(background["start"]), str(background["end"])]
    return [str(background.get("color"))]


_PAINTED = ("fill", "color", "stroke", "marker_color", "header_fill", "header_color", "rule_color")


def plan_accent(draft: Draft) -> str | None:
    """The plan's accent colour: the brief's, else a primary button's fill, else the accent bar's or rule's."""
    asked = next((c for c in draft.items if isinstance(c, RequiredColor) and c.target == "accent"), None)
    if asked is not None:
        return asked.color
    for at in draft.nodes():
        fill = at.node.get("fill")
        if at.kind == "frame" and at.node.get("role") == "button" and isinstance(fill, str):
            return fill
    for at in draft.leaves():
        if at.kind == "shape" and ("accent" in at.id or "rule" in at.id) and isinstance(at.node.get("fill"), str):
            return str(at.node["fill"])
    return None


def _paint_accent(clause: Clause, draft: Draft, color: str) -> None:
    old = plan_accent(draft)
    if old is None:
        raise ClauseRefused("the plan has no accent colour to change: no button, accent bar or brand colour")
    painted = 0
    for at in draft.nodes():
        for name in _PAINTED:
            if str(at.node.get(name, "")).upper() == old.upper():
                draft.set_field(at, name, color)
                painted += 1
        series = at.node.get("series")
        if isinstance(series, list):
            for n, one in enumerate(series):
                if isinstance(one, dict) and str(one.get("color", "")).upper() == old.upper():
                    draft.replace(f"{at.path}/series/{n}/color", color)
                    painted += 1
    draft.changes.append(f"accent {old} → {color} ({painted} place(s))")
    wanted = RequiredColor(id="color-accent", target="accent", color=color, source=draft.span(clause))
    asked = next((c for c in draft.items if isinstance(c, RequiredColor) and c.target == "accent"), None)
    if asked is not None:
        draft.replace_item(asked, wanted.model_copy(update={"id": asked.id}))
    else:
        draft.add_item(wanted.model_copy(update={"id": draft.constraint_id("color-accent")}))


def _paint_nodes(clause: Clause, draft: Draft, nodes: Sequence[NodeAt], color: str, word: str) -> None:
    """Colour parts: a text's ink (a readable shade of it where the exact colour would not read), a frame's fill
    (a button, a card), an icon, a chart's series, things."""
    for found in nodes:
        at = draft.find(found.id)
        shown = color
        if at.kind == "frame":
            before = at.node.get("fill")
            draft.set_field(at, "fill", color)
            accent = next((c for c in draft.items if isinstance(c, RequiredColor) and c.target == "accent"), None)
            if accent is not None and isinstance(before, str) and before.upper() == accent.color.upper():
                draft.replace_item(accent, accent.model_copy(update={"color": color, "source": draft.span(clause)}))
        elif at.kind == "chart":
            for n, _ in enumerate(at.node.get("series") or []):
                draft.replace(f"{at.path}/series/{n}/color", color)
        elif at.kind == "objects":
            _paint_things(clause, draft, str(at.node["object_class"]), [at], color)
            continue
        elif at.kind in ("picture", "asset", "qr"):
            raise ClauseRefused(f"the {word} is a {at.kind}: its colours are not the plan's to set")
        else:
            behind = backdrop_of(draft, at)
            reads = worst_contrast(color, behind) >= _needed(at)
            shade = (
                None if reads else readable_shade(color, behind, _needed(at)) or _far_shade(color, behind, _needed(at))
            )
            if not reads and shade is None:
                raise ClauseRefused(
                    f"{color} ({word}) would not read on the {'/'.join(behind)} behind it: change what is behind it "
                    f"too, e.g. 'make the background navy and the {word} {'white' if _light(color) else 'black'}'"
                )
            shown = shade or color
            draft.set_field(at, "color", shown)
            if at.kind == "text":
                _require_text_color(clause, draft, str(at.node["text"]), shown)
        readable = "" if shown == color else f" (a shade of {color} that reads on what is behind it)"
        named = f"'{at.node['text']}'" if at.kind == "text" else f"{at.kind} '{found.id}'"
        draft.changes.append(f"{named} → {shown}{readable}")


def _require_text_color(clause: Clause, draft: Draft, text: str, color: str) -> None:
    old = next(
        (c for c in draft.items if isinstance(c, RequiredColor) and c.target == "text" and c.subject == text), None
    )
    wanted = RequiredColor(id="color-text", target="text", subject=text, color=color, source=draft.span(clause))
    if old is not None:
        draft.replace_item(old, wanted.model_copy(update={"id": old.id}))
    else:
        draft.add_item(wanted.model_copy(update={"id": draft.constraint_id("color-text")}))


def _paint_things(clause: Clause, draft: Draft, object_class: str, groups: Sequence[NodeAt], color: str) -> None:
    for group in groups:
        draft.set_field(draft.find(group.id), "color", color)
    draft.changes.append(f"{object_class} → {color}")
    old = next(
        (
            c
            for c in draft.items
            if isinstance(c, RequiredColor) and c.target == "objects" and (c.subject or "").lower() == object_class
        ),
        None,
    )
    wanted = RequiredColor(
        id="color-objects", target="objects", subject=object_class, color=color, source=draft.span(clause)
    )
    if old is not None:
        draft.replace_item(old, wanted.model_copy(update={"id": old.id}))
    else:
        draft.add_item(wanted.model_copy(update={"id": draft.constraint_id(f"color-objects-{object_class}")}))


def _far_shade(color: str, behind: Sequence[str], needed: float) -> str | None:
    """A lighter or darker shade of a colourful hue that reads where the near shades do not (a pale blue on a dark
    ground), lightness kept where the hue still shows; None for greys and where none reads."""
    h, light, s = colorsys.rgb_to_hls(*(v / 255 for v in hex_to_rgb(color)))
    if s < 0.2:
        return None  # white, black and greys have no hue to keep
    for step in range(1, 15):
        for shade in (light + step * 0.05, light - step * 0.05):
            if not 0.25 <= shade <= 0.85:
                continue
            r, g, b = colorsys.hls_to_rgb(h, shade, s)
            candidate = rgb_to_hex((r * 255, g * 255, b * 255))
            if worst_contrast(candidate, behind) >= needed:
                return candidate
    return None


def _light(color: str) -> bool:
    return colorsys.rgb_to_hls(*(v / 255 for v in hex_to_rgb(color)))[1] > 0.5


def _needed(at: NodeAt) -> float:
    """The contrast a leaf's ink needs: 3:1 for a large title or subtitle and for icons, else 4.5:1."""
    size = at.node.get("font_size")
    large = at.node.get("role") in ("title", "subtitle") and (size is None or int(size) >= _LARGE_TEXT_PX)
    return WCAG_AA_LARGE_TEXT_CONTRAST if large or at.kind == "icon" else WCAG_AA_CONTRAST


def fix_contrast(clause: Clause, draft: Draft) -> None:
    """Every text, list, table, chart and icon whose ink no longer reads on what lies behind it gets a readable
    shade of its colour, else white or near-black; a colour the constraints ask for follows it."""
    for at in draft.leaves():
        if at.kind == "shape":
            _fix_mark(draft, at)
            continue
        if at.kind not in (*TEXT_KINDS, "icon"):
            continue
        ink = at.node.get("color")
        if not isinstance(ink, str):
            continue
        behind = backdrop_of(draft, at)
        needed = _needed(at)
        if worst_contrast(ink, behind) >= needed:
            continue
        better = readable_shade(ink, behind, needed) or best_ink(behind, minimum=needed)
        draft.set_field(at, "color", better)
        label = f"'{at.node['text']}'" if at.kind == "text" else f"{at.kind} '{at.id}'"
        draft.changes.append(f"{label} ink {ink} → {better}, to read on {'/'.join(behind)}")
        if at.kind == "text":
            old = next(
                (
                    c
                    for c in draft.items
                    if isinstance(c, RequiredColor) and c.target == "text" and c.subject == at.node["text"]
                ),
                None,
            )
            if old is not None:
                draft.replace_item(old, old.model_copy(update={"color": better, "source": draft.span(clause)}))


_MARK_CONTRAST = 2.0  # a rule or an accent bar that still shows as a mark of colour, not a gap


def _fix_mark(draft: Draft, at: NodeAt) -> None:
    """A small decorative mark (an accent bar, a rule, a divider) that vanished into a new backdrop gets a shade
    of its colour that shows."""
    fill = at.node.get("fill")
    decorative = any(word in at.id for word in ("accent", "rule", "divider")) or at.node.get("shape") == "divider"
    if not isinstance(fill, str) or not decorative:
        return
    behind = backdrop_of(draft, at)
    if worst_contrast(fill, behind) >= _MARK_CONTRAST:
        return
    better = readable_shade(fill, behind, _MARK_CONTRAST) or best_ink(behind, minimum=_MARK_CONTRAST)
    draft.set_field(at, "fill", better)
    draft.changes.append(f"mark '{at.id}' {fill} → {better}, to show on {'/'.join(behind)}")
