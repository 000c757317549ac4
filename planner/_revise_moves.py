"""Revising where things are: moving an element to free space, or getting it off another by trimming, lowering,
shrinking or moving it."""

from __future__ import annotations

from tessera.contract import Box, Element, PictureElement, ShapeElement, TextElement
from tessera.planner._picture_layout import Z_BACKGROUND_PICTURE
from tessera.planner._revise_colors import fix_contrast
from tessera.planner._revise_draft import PlanDraft, describe, kind_name
from tessera.planner._space import free_spot

_SHRINK_STEPS = (1.0, 0.85, 0.7, 0.55, 0.4)


def move_to_free(
    draft: PlanDraft, element_id: str, area: Box | None = None, near: tuple[float, float] | None = None
) -> Box | None:
    """Move an element to the nearest free space (shrinking it if it must); None when there is none."""
    element = draft.elements[element_id]
    obstacles = draft.boxes_except(element_id)
    pad = max(4, round(0.01 * min(draft.width, draft.height)))
    for region in [area] if area else [draft.content_area(), None]:
        for factor in _SHRINK_STEPS:
            size = (max(1, round(element.placed_box.w * factor)), max(1, round(element.placed_box.h * factor)))
            spot = free_spot(draft.width, draft.height, obstacles, size, near or element.placed_box.center, region, pad)
            if spot is not None:
                draft.update(element_id, box=spot)
                return spot
    return None


def clear_off(draft: PlanDraft, occluder: Element, target: Element, reason: str) -> None:
    """Get `occluder` off `target`'s box: trim or move it, or else put it behind."""
    if isinstance(occluder, PictureElement) and isinstance(target, TextElement):
        _uncover(draft, occluder, target, reason)
        return
    if isinstance(occluder, TextElement) and _trim(draft, occluder, target):
        draft.notes.append(f"trimmed text '{occluder.text[:40]}' clear of {describe(target)}: {reason}")
        return
    if move_to_free(draft, occluder.id, near=_away_from(occluder.placed_box, target.placed_box)) is not None:
        draft.notes.append(f"moved {kind_name(occluder)} '{occluder.id}' off {describe(target)}: {reason}")
        return
    if isinstance(occluder, ShapeElement) and isinstance(target, TextElement):
        draft.update(occluder.id, z=max(0, target.z - 1))
        draft.notes.append(f"lowered shape '{occluder.id}' behind {describe(target)}: {reason}")
        fix_contrast(draft, draft.text(target.id), reason="it now sits on the shape")
        return
    strip = _largest_strip(occluder.placed_box, target.placed_box)
    if strip is not None:
        draft.update(occluder.id, box=strip)
        draft.notes.append(f"shrank {kind_name(occluder)} '{occluder.id}' out of {describe(target)}: {reason}")
        return
    draft.notes.append(f"could not find room to move {kind_name(occluder)} '{occluder.id}' off {describe(target)}")


def _uncover(draft: PlanDraft, picture: PictureElement, text: TextElement, reason: str) -> None:
    """A text hidden under a picture: move the words off it, or else put the picture behind them on a panel."""
    if not draft.is_backdrop(picture) and move_to_free(
        draft, text.id, near=_away_from(text.placed_box, picture.placed_box)
    ):
        draft.notes.append(f"moved {describe(text)} off picture '{picture.id}': {reason}")
        return
    z = Z_BACKGROUND_PICTURE if draft.is_backdrop(picture) else max(0, min(picture.z, text.z - 2))
    draft.update(picture.id, z=z)
    draft.notes.append(f"put picture '{picture.id}' behind {describe(text)}: {reason}")
    fix_contrast(draft, draft.text(text.id), reason="it now sits on the picture")


def _trim(draft: PlanDraft, lower: TextElement, upper: Element) -> bool:
    """Shorten a text box so it stops at the other's edge, when it keeps most of its height."""
    gap = max(2, round(0.01 * draft.height))
    box = lower.placed_box
    if box.center[1] >= upper.placed_box.center[1]:
        top = upper.placed_box.bottom + gap
        new = Box(x=box.x, y=top, w=box.w, h=max(1, box.bottom - top))
    else:
        new = Box(x=box.x, y=box.y, w=box.w, h=max(1, upper.placed_box.y - gap - box.y))
    if new.h < 0.7 * box.h or any(
        new.intersection(b) for b in draft.boxes_except(lower.id, *draft.panels_under(lower))
    ):
        return False
    draft.update(lower.id, box=new)
    return True


def _away_from(box: Box, target: Box) -> tuple[float, float]:
    """A point on the far side of `box` from `target`, so moves go away from what they covered."""
    (cx, cy), (tx, ty) = box.center, target.center
    return (cx + (cx - tx), cy + (cy - ty))


def _largest_strip(box: Box, hole: Box) -> Box | None:
    """The biggest part of `box` left of, right of, above or below `hole`, if it keeps at least 40% of each edge."""
    strips = [
        Box(x=box.x, y=box.y, w=max(1, hole.x - box.x), h=box.h),
        Box(x=hole.right, y=box.y, w=max(1, box.right - hole.right), h=box.h),
        Box(x=box.x, y=box.y, w=box.w, h=max(1, hole.y - box.y)),
        Box(x=box.x, y=hole.bottom, w=box.w, h=max(1, box.bottom - hole.bottom)),
    ]
    usable = [s for s in strips if s.w >= 0.4 * box.w and s.h >= 0.4 * box.h and s.intersection(hole) is None]
    return max(usable, key=lambda s: s.area, default=None)
