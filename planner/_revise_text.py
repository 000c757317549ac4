"""Revising a text that OCR could not read or that overflows: clear what covers it, else give it a bigger box."""

from __future__ import annotations

from tessera.contract import Box, ShapeElement, TextElement
from tessera.planner._revise_draft import PlanDraft, describe
from tessera.planner._revise_moves import clear_off

_SPACING_STEP = 0.08  # em added between letters when OCR runs two words together


def fix_text(draft: PlanDraft, text: TextElement, reason: str, bold: bool, read: str | None = None) -> None:
    """Clear whatever covers the text; when nothing does, open up words OCR ran together ('Log in' read 'Login'),
    set a script face in a plain one, else enlarge it (and embolden it, with `bold`)."""
    occluders = draft.occluders_of(text)
    if not occluders and read is not None and _only_spaces_lost(text.text, read):
        # Bold type sets a narrow word space: bigger type keeps the same proportions, more tracking does not.
        spacing = min(1.0, text.letter_spacing + _SPACING_STEP)
        draft.update(text.id, letter_spacing=spacing, font_weight="regular")
        draft.notes.append(f"opened up '{text.id}' (letter spacing {spacing:.2f} em, regular weight): {reason}")
        return
    if occluders:
        for occluder in occluders:
            current = draft.get(occluder.id)
            if current is not None and current.placed_box.intersection(draft.elements[text.id].placed_box):
                clear_off(draft, current, draft.elements[text.id], reason)
    elif text.family == "handwriting":
        # A script face misread at its size stays misread bigger ('Cafe Rosa' read 'Cafe Resa'): the words matter
        # more than the hand-drawn look, so they get the plain face.
        draft.update(text.id, family="sans")
        draft.notes.append(f"set '{text.id}' in the sans face: its handwriting face was misread ({reason})")
    else:
        enlarge_text(draft, text, reason, bold=bold)


def enlarge_text(draft: PlanDraft, text: TextElement, reason: str, bold: bool) -> None:
    """Give a text box more room (taking it from neighbours if needed) and, for unreadable text, a bold weight."""
    factor = 1.15 + 0.1 * draft.attempt
    others = [b for b in draft.boxes_except(text.id, *draft.panels_under(text))]
    box = text.placed_box
    wide = Box(x=draft.margin, y=box.y, w=draft.width - 2 * draft.margin, h=box.h)
    if wide.w > box.w and not any(wide.intersection(b) for b in others):
        box = wide
    gap = max(2, round(0.01 * draft.height))
    above = max([b.bottom for b in others if _spans_overlap(b, box) and b.bottom <= box.y] + [draft.margin // 2]) + gap
    below = (
        min([b.y for b in others if _spans_overlap(b, box) and b.y >= box.bottom] + [draft.height - draft.margin // 2])
        - gap
    )
    want = round(box.h * factor) - box.h
    up = min(max(0, box.y - above), want // 2)
    down = min(max(0, below - box.bottom), want - up)
    up = min(max(0, box.y - above), want - down)
    if up + down < want:
        down += _take_from_below(draft, box, want - up - down, others)
    new = Box(x=box.x, y=box.y - up, w=box.w, h=box.h + up + down)
    changes: dict[str, object] = {"box": new, "font_size": None}
    if new.h > text.placed_box.h:
        size = min(800, round(text.max_font_size * min(factor, new.h / text.placed_box.h)))
        changes["max_font_size"] = _below_headline(draft, text, size)
    if bold:
        changes["font_weight"] = "bold"
    draft.update(text.id, **changes)
    for panel in draft.panels_under(text):
        panel_box = draft.elements[panel].placed_box
        grown = Box(
            x=min(panel_box.x, new.x),
            y=min(panel_box.y, new.y),
            w=max(panel_box.right, new.right) - min(panel_box.x, new.x),
            h=max(panel_box.bottom, new.bottom) - min(panel_box.y, new.y),
        )
        draft.update(panel, box=grown)
    what = "enlarged" + (" and boldened" if bold else "")
    draft.notes.append(f"{what} {describe(text)} to {new.w}x{new.h} px: {reason}")


def _below_headline(draft: PlanDraft, text: TextElement, size: int) -> int:
    """`size`, kept under the headline's largest size so that a grown text does not outrank it."""
    if text.role == "title":
        return size
    headlines = [e.max_font_size for e in draft.elements.values() if isinstance(e, TextElement) and e.role == "title"]
    return max(8, min(size, min(headlines) - 2)) if headlines else size


def _take_from_below(draft: PlanDraft, box: Box, need: int, others: list[Box]) -> int:
    """Shorten the element just below `box` from its top; returns the pixels gained."""
    below = [
        e
        for e in draft.elements.values()
        if e.placed_box.y >= box.bottom and _spans_overlap(e.placed_box, box) and e.placed_box in others
    ]
    if not below:
        return 0
    neighbour = min(below, key=lambda e: e.placed_box.y)
    if isinstance(neighbour, ShapeElement):
        return 0
    spare = neighbour.placed_box.y - box.bottom
    take = min(need - max(0, spare - 2), round(0.25 * neighbour.placed_box.h))
    if take <= 0:
        return max(0, min(need, spare - 2))
    b = neighbour.placed_box
    draft.update(neighbour.id, box=Box(x=b.x, y=b.y + take, w=b.w, h=b.h - take))
    return max(0, spare - 2) + take


def _spans_overlap(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right


def _only_spaces_lost(expected: str, read: str) -> bool:
    """Whether OCR read the words right but ran some of them together."""
    return (
        read != expected
        and read.replace(" ", "") == expected.replace(" ", "")
        and read.count(" ") < expected.count(" ")
    )
