"""Arrangements of a template's design: the same parts, placed another way.

A template composes one design; the seed first picks among the templates that fit the brief, then, once round
them, an arrangement of the chosen one. That gives variants of one brief (`--n`) and effort high's candidates
more than one layout per template. Each arrangement keeps every node and the reading order of texts; one that
changes nothing in a design (a page with no columns to swap) leaves it as it is.

| arrangement | what moves                                                                                   |
|-------------|----------------------------------------------------------------------------------------------|
| as-composed | nothing                                                                                      |
| mirrored    | the two columns of a split page trade sides (a colour block or figure on the right)          |
| flush-left  | a centred page set flush left: its texts aligned left, its blocks to the start edge          |
"""

from __future__ import annotations

from typing import Literal, TypeGuard

from tessera.contract import Frame, Node, TextElement

Arrangement = Literal["as-composed", "mirrored", "flush-left"]
ARRANGEMENTS: tuple[Arrangement, ...] = ("as-composed", "mirrored", "flush-left")
# Frames that are regions of the page: arrangements move them and what they hold. Parts (a card, a button, a
# tile, a list) keep their own inner layout.
_REGION_ROLES = (None, "panel", "section", "hero", "header", "footer", "sidebar")


def arrangement_for(laps: int) -> Arrangement:
    """The arrangement of a seed that has gone `laps` times round the templates that fit."""
    return ARRANGEMENTS[laps % len(ARRANGEMENTS)]


def arranged(root: Frame, arrangement: Arrangement) -> Frame:
    """The design's root frame in `arrangement`."""
    if arrangement == "mirrored":
        return _mirrored(root)
    if arrangement == "flush-left":
        return _flush_left(root)
    return root


def _is_region(node: Node) -> TypeGuard[Frame]:
    return isinstance(node, Frame) and node.role in _REGION_ROLES


def _mirrored(frame: Frame) -> Frame:
    """Side-by-side regions in swapped order, at every depth of the page's regions."""
    children: list[Node] = [_mirrored(child) if _is_region(child) else child for child in frame.children]
    if frame.layout == "row" and len(children) == 2 and all(_is_region(child) for child in children):
        children.reverse()
    return frame.model_copy(update={"children": children})


def _flush_left(frame: Frame) -> Frame:
    """Centred texts and blocks of the page's regions set to the start edge."""
    children: list[Node] = []
    for child in frame.children:
        if isinstance(child, TextElement) and child.align == "center":
            children.append(child.model_copy(update={"align": "left"}))
        elif _is_region(child):
            children.append(_flush_left(child))
        else:
            children.append(child)
    align = "start" if frame.align == "center" and frame.layout == "column" else frame.align
    return frame.model_copy(update={"children": children, "align": align})
