"""Shared helpers of the print-template tests: a template's material from a brief, and the nodes of a tree."""

from __future__ import annotations

from collections.abc import Iterator

from tessera.contract import Canvas, Constraints, DocumentKind, Frame, Node, RequiredText, TextElement
from tessera.planner import apply_kind, extract_constraints
from tessera.planner._style import style_for
from tessera.planner._templates import Material, slots_of


def material_for(
    brief: str, *, canvas: tuple[int, int] | None = None, kind: DocumentKind | None = None, seed: int = 0
) -> Material:
    """The material a template fills from `brief`, on `canvas` (else the one the reading gives)."""
    constraints = extract_constraints(brief)
    if kind is not None:
        constraints = apply_kind(constraints, kind)
    return material_of(constraints, canvas=canvas, seed=seed)


def material_of(constraints: Constraints, *, canvas: tuple[int, int] | None = None, seed: int = 0) -> Material:
    size = Canvas(width=canvas[0], height=canvas[1]) if canvas else constraints.canvas or Canvas()
    return Material(constraints, size, style_for(constraints, seed), seed, slots_of(constraints))


def walk(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Frame):
        for child in node.children:
            yield from walk(child)


def texts(root: Frame) -> list[TextElement]:
    return [n for n in walk(root) if isinstance(n, TextElement)]


def brief_strings(material: Material) -> set[str]:
    """Every string the reading gives (texts and structure entries): all a template may set."""
    found = {t.text for t in material.constraints.items if isinstance(t, RequiredText)}
    for structure in material.slots.structures:
        found |= {structure.title or "", *structure.header}
        for item in structure.items:
            found |= {item.label, item.value or "", *item.cells}
    return found - {""}


def node(root: Frame, node_id: str) -> Node:
    return next(n for n in walk(root) if n.id == node_id)
