"""Revising colours: the colour a brief requires, and text that must stay readable on what is behind it."""

from __future__ import annotations

from tessera.contract import RequiredColor, ShapeElement, TextElement
from tessera.planner._colors import worst_contrast
from tessera.planner._palette import MIN_CONTRAST, background_of, ink_for, panel_fill_for
from tessera.planner._revise_draft import PlanDraft, describe
from tessera.planner._space import free_spot


def fix_contrast(draft: PlanDraft, text: TextElement, reason: str) -> None:
    """Make a text readable: a panel under it over a picture or when its colour is required, else a new ink."""
    if draft.pictures_under(text) and not draft.panels_under(text):
        _add_panel(draft, text, panel_fill_for(text.color))
        draft.notes.append(f"added a panel behind {describe(text)} so it reads over the picture: {reason}")
        return
    behind = draft.behind(text)
    if worst_contrast(text.color, behind) >= MIN_CONTRAST:
        return
    if _color_is_required(draft, text):
        fill = panel_fill_for(text.color)
        _add_panel(draft, text, fill)
        draft.notes.append(
            f"added a {fill} panel behind {describe(text)} so its required colour {text.color} reads: {reason}"
        )
    else:
        color = ink_for(behind)
        draft.update(text.id, color=color)
        draft.notes.append(
            f"switched {describe(text)} from {text.color} to {color} "
            f"({worst_contrast(color, behind):.1f}:1 contrast): {reason}"
        )


def _add_panel(draft: PlanDraft, text: TextElement, fill: str) -> None:
    """A panel of `fill` right under the text (or the text's panel refilled)."""
    panel_id = f"{text.id}-panel"[:40]
    if panel_id in draft.elements:
        draft.update(panel_id, fill=fill)
        return
    draft.elements[panel_id] = ShapeElement(
        id=panel_id,
        box=text.box,
        z=max(0, text.z - 1),
        shape="rounded_rectangle",
        fill=fill,
        corner_radius=text.placed_box.h // 4,
    )
    draft.order.insert(draft.order.index(text.id), panel_id)


def _color_is_required(draft: PlanDraft, text: TextElement) -> bool:
    return any(
        isinstance(c, RequiredColor)
        and c.target == "text"
        and c.subject in (None, text.text)
        and c.color.upper() == text.color.upper()
        for c in draft.constraints.items
    )


def fix_color(draft: PlanDraft, constraint: RequiredColor, reason: str) -> None:
    """Give the background, the object groups, the texts or the accent the colour the brief requires."""
    if constraint.target == "background":
        inks = [e.color for e in draft.elements.values() if isinstance(e, TextElement)]
        draft.background = background_of(constraint.color, inks or ["#111111"])
        draft.notes.append(f"set the background to {constraint.color} as the brief asks: {reason}")
        for element in list(draft.elements.values()):
            if isinstance(element, TextElement):
                fix_contrast(draft, element, reason="the background changed")
    elif constraint.target == "objects":
        for group in draft.subject_elements("objects", constraint.subject or ""):
            draft.update(group.id, color=constraint.color)
            draft.notes.append(f"tinted group '{group.id}' {constraint.color}: {reason}")
    elif constraint.target == "text":
        targets = [
            e for e in draft.elements.values() if isinstance(e, TextElement) and constraint.subject in (None, e.text)
        ]
        for text in targets:
            draft.update(text.id, color=constraint.color)
            draft.notes.append(f"set {describe(text)} to {constraint.color}: {reason}")
            fix_contrast(draft, draft.text(text.id), reason="the required colour is hard to read on the background")
    else:
        _fix_accent(draft, constraint, reason)


def _fix_accent(draft: PlanDraft, constraint: RequiredColor, reason: str) -> None:
    """Fill the accent bar with the brand colour, or add one under the headline."""
    bar = draft.get("accent-bar")
    if isinstance(bar, ShapeElement):
        draft.update(bar.id, fill=constraint.color)
        draft.notes.append(f"filled the accent bar with {constraint.color}: {reason}")
        return
    size = (max(40, round(0.16 * draft.width)), max(4, round(0.008 * min(draft.width, draft.height))))
    headline = next((e for e in draft.elements.values() if isinstance(e, TextElement) and e.role == "title"), None)
    near = (
        (draft.width / 2, headline.placed_box.bottom + size[1] * 3)
        if headline
        else (draft.width / 2, draft.height * 0.9)
    )
    spot = free_spot(draft.width, draft.height, draft.boxes_except(), size, near, draft.content_area(), 4)
    if spot is not None:
        draft.elements["accent-bar"] = ShapeElement(
            id="accent-bar",
            box=spot,
            z=3,
            shape="rounded_rectangle",
            fill=constraint.color,
            corner_radius=spot.h // 2,
        )
        draft.notes.append(f"added an accent bar in {constraint.color}: {reason}")
