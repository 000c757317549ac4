"""Regions of a rules plan that a part fills with nodes of its own: a composed scene, the brief's structures.

A block asks for a place the way a picture does (a spot and an extent, or none for the hero region). Blocks
get their boxes after the pictures, without overlapping them or each other, and the text goes into the room
that pictures and blocks leave. A block that finds no room is left out with a note, and the coverage map then
reports what it would have carried as not planned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tessera.contract import Box, Canvas, Node
from tessera.planner._picture_layout import is_background, picture_box
from tessera.planner._pictures import Extent, Spot

_FALLBACK_SPOTS: tuple[tuple[Spot, Extent], ...] = (
    ("bottom", "half"),
    ("top", "half"),
    ("left", "side"),
    ("right", "side"),
)


@dataclass(frozen=True)
class BlockRequest:
    """A part's wish for a region: where (`spot` None: the hero region), how big, and how to fill it.

    `fill` gets the block's box in canvas pixels and returns the nodes to draw there (with boxes or in a frame
    whose box is the block's). `carries` names the constraint ids the block's nodes carry, so the rest of the
    layout leaves them out.
    """

    id: str
    spot: Spot | None
    extent: Extent
    fill: Callable[[Box], list[Node]]
    carries: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class PlacedBlock:
    """A block with its box and the nodes that fill it."""

    id: str
    box: Box
    nodes: list[Node]
    carries: frozenset[str]


def place_blocks(canvas: Canvas, requests: list[BlockRequest], taken: list[Box]) -> tuple[list[PlacedBlock], list[str]]:
    """A box for each request clear of `taken` (the pictures' boxes) and of earlier blocks; a note per block."""
    obstacles = [box for box in taken if not is_background(box, canvas)]
    placed: list[PlacedBlock] = []
    notes: list[str] = []
    for request in requests:
        wishes = [(request.spot, request.extent), *_FALLBACK_SPOTS]
        box = next(
            (
                candidate
                for candidate in (picture_box(canvas, spot, extent) for spot, extent in wishes)
                if not any(candidate.intersection(other) for other in obstacles)
            ),
            None,
        )
        if box is None:
            notes.append(f"Left out block '{request.id}': pictures and other blocks leave it no room.")
            continue
        obstacles.append(box)
        placed.append(PlacedBlock(request.id, box, request.fill(box), request.carries))
        notes.append(f"Block '{request.id}' fills x={box.x}, y={box.y}, {box.w}x{box.h} px.")
    return placed, notes
