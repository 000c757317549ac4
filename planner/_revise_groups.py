"""Revising an object group whose count came out wrong: clear what covers it, then give its sprites more room."""

from __future__ import annotations

from tessera.contract import ObjectGroup, TextElement
from tessera.planner._revise_draft import PlanDraft, describe
from tessera.planner._revise_moves import clear_off, move_to_free
from tessera.planner._space import free_spot


def fix_count(draft: PlanDraft, group: ObjectGroup, reason: str) -> None:
    """Clear the group of what overlaps it, then grow its box (as a grid, when crowded) so instances stand apart."""
    for occluder in draft.occluders_of(group):
        current_group = draft.elements[group.id]
        if occluder.placed_box.intersection(current_group.placed_box) is None:
            continue  # an earlier move already cleared it
        # Text is placed with care; move the sprites rather than the words when there is room.
        if (
            isinstance(occluder, TextElement)
            and move_to_free(draft, group.id, near=current_group.placed_box.center) is not None
        ):
            draft.notes.append(f"moved group '{group.id}' clear of {describe(occluder)}: {reason}")
            continue
        clear_off(draft, occluder, current_group, reason)
    current = draft.elements[group.id]
    assert isinstance(current, ObjectGroup)
    factor = 1.15 + 0.1 * draft.attempt
    grid = current.count > 8 or (current.count > 5 and draft.attempt >= 2)
    arrangement = "grid" if grid else current.arrangement
    obstacles = draft.boxes_except(group.id)
    pad = max(4, round(0.01 * min(draft.width, draft.height)))
    area = draft.content_area()
    w, h = current.placed_box.w, current.placed_box.h
    sizes = [
        (round(w * factor), round(h * factor)),
        (min(area.w, round(w * factor)), round(h * factor)),
        (w, round(h * factor)),
    ]
    spot = None
    for size in sizes:
        spot = free_spot(draft.width, draft.height, obstacles, size, current.placed_box.center, area, pad)
        if spot is not None:
            break
    if spot is not None:
        draft.update(group.id, box=spot, arrangement=arrangement)
        draft.notes.append(
            f"gave group '{group.id}' a {spot.w}x{spot.h} box ({arrangement}) to space its {current.count} sprites: "
            f"{reason}"
        )
    elif arrangement != current.arrangement:
        draft.update(group.id, arrangement=arrangement)
        draft.notes.append(f"set group '{group.id}' to a grid to space its {current.count} sprites: {reason}")
