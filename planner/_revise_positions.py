"""Revising a subject that is not where the brief puts it: move it into its region, or below/above its reference."""

from __future__ import annotations

from tessera.contract import Box, Region, RequiredPosition
from tessera.planner._revise_draft import PlanDraft, describe
from tessera.planner._revise_moves import move_to_free


def fix_position(draft: PlanDraft, constraint: RequiredPosition, reason: str) -> None:
    """Move each element of the constraint's subject into the area it names."""
    for element in draft.subject_elements(constraint.subject_kind, constraint.subject):
        m = draft.margin
        if constraint.region:
            area = _region_box(draft, constraint.region)
            where = f"the {constraint.region} region"
        elif constraint.relation and constraint.reference:
            reference = draft.subject_elements("text", constraint.reference)
            if not reference:
                continue
            ref = reference[0].placed_box
            gap = max(4, round(0.02 * draft.height))
            if constraint.relation == "below":
                area = Box(
                    x=m,
                    y=min(draft.height - 2, ref.bottom + gap),
                    w=draft.width - 2 * m,
                    h=max(1, draft.height - m - ref.bottom - gap),
                )
            else:
                area = Box(x=m, y=m, w=draft.width - 2 * m, h=max(1, ref.y - gap - m))
            where = f"{constraint.relation} '{constraint.reference[:40]}'"
        else:
            continue
        # Aim for the middle of the area, so the element's centre lands well inside it.
        spot = move_to_free(draft, element.id, area=area, near=area.center)
        if spot is not None:
            draft.notes.append(f"moved {describe(element)} into {where}: {reason}")
        else:
            draft.notes.append(f"found no free room to move {describe(element)} into {where}")


def _region_box(draft: PlanDraft, region: Region) -> Box:
    """The part of the canvas (inside margins) a region names: a third of it, or a corner ninth."""
    m = draft.margin
    cw, ch = (draft.width - 2 * m) / 3, (draft.height - 2 * m) / 3
    full_w, full_h = draft.width - 2 * m, draft.height - 2 * m
    if region == "top":
        return Box(x=m, y=m, w=full_w, h=round(ch))
    if region == "bottom":
        return Box(x=m, y=round(m + 2 * ch), w=full_w, h=round(ch))
    if region == "left":
        return Box(x=m, y=m, w=round(cw), h=full_h)
    if region == "right":
        return Box(x=round(m + 2 * cw), y=m, w=round(cw), h=full_h)
    if region == "center":
        return Box(x=round(m + cw), y=round(m + ch), w=round(cw), h=round(ch))
    vertical, _, horizontal = region.partition("-")
    row = 0 if vertical == "top" else 2
    col = 0 if horizontal == "left" else 2
    return Box(x=round(m + col * cw), y=round(m + row * ch), w=round(cw), h=round(ch))
