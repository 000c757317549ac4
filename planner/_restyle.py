"""A plan dressed in a given style: the background, text and icon colours, font families and corner radii of a
`Style`, wherever they still read.

Variants of one brief share a style seed. The rules planner draws every variant in that seed's style by
construction; a model writes its own colours and families, so the LLM planner restyles the model's plan with the
style the seed picks instead (a prompt naming the colours would be followed loosely by a small model, and not at
all by a fallback that kept the model's background). What the brief asks for stays as asked: its background colour,
a colour named for a text, and every string and count (restyling changes looks only).
"""

from __future__ import annotations

from collections.abc import Sequence

from tessera.contract import (
    Constraints,
    Frame,
    GradientBackground,
    IconElement,
    LayoutPlan,
    ListElement,
    Node,
    RequiredColor,
    TableElement,
    TextElement,
    TransparentBackground,
    backdrop_colors,
)
from tessera.planner._colors import worst_contrast
from tessera.planner._palette import LARGE_TEXT_CONTRAST, MIN_CONTRAST
from tessera.planner._style import Style

_HEADING_ROLES = ("title", "subtitle", "heading")
# Frames that are parts of a page (not the page's own sections): they take the style's surface and radius.
_PART_ROLES = ("card", "input", "modal", "list_item")
_ROUNDED_ROLES = ("card", "button", "input", "badge", "tag", "chip", "modal", "list_item")


def restyled(plan: LayoutPlan, constraints: Constraints, style: Style) -> tuple[LayoutPlan, str]:
    """`plan` in `style`, and a sentence saying what changed."""
    asked = {c.target for c in constraints.items if isinstance(c, RequiredColor) and c.subject is None}
    background = plan.background
    if "background" not in asked and not isinstance(background, TransparentBackground):
        background = style.scheme.background
    short = min(plan.canvas.width, plan.canvas.height)
    dresser = _Dresser(style, constraints, round(style.radius * short), keep_ink="text" in asked)
    root = dresser.frame(plan.root, backdrop_colors(background))
    note = (
        f"Restyled in the shared style ('{style.scheme.palette}' palette, {style.heading_family} headings, "
        f"{style.body_family} text): {dresser.changed} node(s) changed, {dresser.kept} kept where the style's "
        "colour would not read."
    )
    return plan.model_copy(update={"background": background, "root": root}), note


class _Dresser:
    """Walks the plan's tree, knowing the colours behind each node, and counts what it changed and kept."""

    def __init__(self, style: Style, constraints: Constraints, radius: int, *, keep_ink: bool) -> None:
        self.style = style
        self.radius = radius
        self.keep_ink = keep_ink
        self.asked_texts = {c.subject for c in constraints.items if isinstance(c, RequiredColor) and c.subject}
        self.changed = 0
        self.kept = 0

    def frame(self, frame: Frame, behind: Sequence[str]) -> Frame:
        look = self.style.look
        updates: dict[str, object] = {}
        if frame.role in _PART_ROLES and isinstance(frame.fill, str):
            updates["fill"] = look.surface
        elif frame.role == "button" and isinstance(frame.fill, str):
            updates["fill"] = look.button
        if frame.role in _ROUNDED_ROLES and frame.radius > 0 and frame.role != "button":
            updates["radius"] = self.radius
        fill = updates.get("fill", frame.fill)
        if isinstance(fill, str):
            behind = [fill]
        elif isinstance(fill, GradientBackground):
            behind = [fill.start, fill.end]
        children = [self.node(child, behind) for child in frame.children]
        self.changed += bool(updates)
        return frame.model_copy(update={**updates, "children": children})

    def node(self, node: Node, behind: Sequence[str]) -> Node:
        if isinstance(node, Frame):
            return self.frame(node, behind)
        style = self.style
        if isinstance(node, TextElement):
            heading = node.role in _HEADING_ROLES
            color = node.color
            if node.text not in self.asked_texts and not self.keep_ink:
                wanted = style.scheme.headline if heading else style.scheme.ink
                color = self._readable(wanted, node.color, behind, LARGE_TEXT_CONTRAST if heading else MIN_CONTRAST)
            family = style.heading_family if heading else style.body_family
            return self._changed(node, {"color": color, "family": family})
        if isinstance(node, ListElement | TableElement) and not self.keep_ink:
            color = self._readable(style.scheme.ink, node.color, behind, MIN_CONTRAST)
            return self._changed(node, {"color": color, "family": style.body_family})
        if isinstance(node, IconElement):
            accent = (
                style.look.card_accent if len(behind) == 1 and behind[0] == style.look.surface else style.look.accent
            )
            return self._changed(node, {"color": self._readable(accent, node.color, behind, LARGE_TEXT_CONTRAST)})
        return node

    def _readable(self, wanted: str, current: str, behind: Sequence[str], minimum: float) -> str:
        if worst_contrast(wanted, behind) >= minimum:
            return wanted
        if worst_contrast(wanted, behind) < worst_contrast(current, behind):
            self.kept += 1
            return current
        return wanted

    def _changed(self, node: Node, updates: dict[str, object]) -> Node:
        different = {key: value for key, value in updates.items() if getattr(node, key) != value}
        self.changed += bool(different)
        return node.model_copy(update=different) if different else node
