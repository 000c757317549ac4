"""Checks of what the plan left out (the coverage map's not-planned entries) and of the brief's structures.

A not-planned entry is a failed check of kind "coverage" that names the brief's words and the reason, so a run
that drops something the brief asked for exits 3 and says what is missing. It stands in for the item's own
check: there is nothing on the canvas to measure. A structure (bullets, a table, a chart's data) is checked by
finding every one of its entries among the strings the laid-out plan sets (an icon set's names among its
icons); each of those strings and icons is then checked on the pixels by its own plan check.
"""

from __future__ import annotations

import re

from tessera.contract import (
    ChartElement,
    ConstraintCheck,
    Constraints,
    CoverageEntry,
    IconElement,
    RequiredStructure,
    TextElement,
)
from tessera.contract.icons import find_icon, named_icon
from tessera.verifier._scene import Scene

_SPACE = re.compile(r"\s+")


def coverage_checks(constraints: Constraints) -> list[ConstraintCheck]:
    """One failed check per coverage entry no plan node carries."""
    return [_not_planned(n, entry) for n, entry in enumerate(constraints.not_planned(), start=1)]


def unplanned_items(constraints: Constraints) -> set[str]:
    """The ids of the constraints a coverage check already fails, which are then not measured again."""
    return {entry.item for entry in constraints.not_planned() if entry.item}


def _not_planned(n: int, entry: CoverageEntry) -> ConstraintCheck:
    return ConstraintCheck(
        constraint_id=entry.item or f"coverage-{n}",
        kind="coverage",
        status="failed",
        expected=f"planned: {entry.clause}"[:600],
        measured=f"not planned: {entry.reason}"[:2000],
        evidence="the coverage map found no plan node carrying these words of the brief",
    )


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def check_structure(constraint: RequiredStructure, scene: Scene, entry: CoverageEntry | None) -> ConstraintCheck:
    """Every entry of the structure is set somewhere in the laid-out plan (its text, a chart's category), in any
    case; or, when the brief gave no usable entries and the coverage map found the plan's own chart, list or parts
    carrying it, those nodes are still in the laid-out plan (their pixels are checked by their own checks)."""
    if entry is not None and entry.status == "planned" and entry.reason:
        present = {leaf.id for leaf in scene.plan.elements} | {frame.id for frame in scene.plan.frames()}
        kept = [node for node in entry.nodes if node in present]
        return ConstraintCheck(
            constraint_id=constraint.id,
            kind="structure",
            status="passed" if kept else "failed",
            expected=f"{constraint.structure}: {entry.reason}"[:600],
            measured=(f"drawn as {', '.join(kept)}" if kept else "the nodes that carried it were not drawn")[:2000],
            evidence="the brief gives no entries to compare; the plan's own nodes stand in for them",
            element_ids=kept[:64],
        )
    if constraint.structure == "icons":
        return _check_icons(constraint, scene)
    strings: dict[str, list[str]] = {}
    for leaf in scene.plan.elements:
        if isinstance(leaf, TextElement):
            strings.setdefault(leaf.id, []).append(_squash(leaf.text).casefold())
        elif isinstance(leaf, ChartElement):
            strings.setdefault(leaf.id, []).extend(_squash(c).casefold() for c in leaf.categories)
    found: list[str] = []
    missing: list[str] = []
    for item in constraint.items:
        label = _squash(item.label).casefold()
        carriers = [node for node, texts in strings.items() if any(label in t for t in texts)]
        if carriers:
            found += [c for c in carriers if c not in found]
        else:
            missing.append(item.label)
    labels = ", ".join(e.label for e in constraint.items)
    return ConstraintCheck(
        constraint_id=constraint.id,
        kind="structure",
        status="passed" if constraint.items and not missing else "failed",
        expected=f"{constraint.structure}: {labels}"[:600],
        measured=(f"missing: {', '.join(missing)}" if missing else f"all {len(constraint.items)} set")[:2000],
        evidence="each entry looked up among the strings of the laid-out plan; each string is read from the "
        "pixels by its own check",
        element_ids=found[:64],
    )


def _check_icons(constraint: RequiredStructure, scene: Scene) -> ConstraintCheck:
    """Every named icon of an icon set is an icon of the laid-out plan, by the name the icon set knows it by (each
    icon's pixels are checked by its own check)."""
    drawn: dict[str, list[str]] = {}
    for leaf in scene.plan.elements:
        icon = find_icon(leaf.name) if isinstance(leaf, IconElement) else None
        if icon is not None:
            drawn.setdefault(icon.name, []).append(leaf.id)
    found: list[str] = []
    missing: list[str] = []
    for item in constraint.items:
        carriers = drawn.get(named_icon(item.label) or "", [])
        if carriers:
            found += [c for c in carriers if c not in found]
        else:
            missing.append(item.label)
    return ConstraintCheck(
        constraint_id=constraint.id,
        kind="structure",
        status="passed" if constraint.items and not missing else "failed",
        expected=f"icons: {', '.join(e.label for e in constraint.items)}"[:600],
        measured=(f"missing: {', '.join(missing)}" if missing else f"all {len(constraint.items)} icons drawn")[:2000],
        evidence="each icon name looked up among the icons of the laid-out plan; each icon is checked by its own check",
        element_ids=found[:64],
    )
