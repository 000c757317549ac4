"""Layout lint: problems in a render regardless of any constraint (overlaps, off-canvas, clipping, contrast)."""

from __future__ import annotations

from itertools import combinations
from typing import Literal

import numpy as np
from scipy import ndimage

from tessera.contract import (
    WCAG_AA_CONTRAST,
    WCAG_AA_LARGE_TEXT_CONTRAST,
    Box,
    Element,
    LintFinding,
    ObjectGroup,
    PictureElement,
    TextElement,
    contrast_ratio,
    hex_to_rgb,
    rgb_to_hex,
)
from tessera.verifier._scene import Scene

# Below AA for large text is an error whatever the size; below AA for body text, a warning (the lint knows no sizes).
CONTRAST_ERROR = WCAG_AA_LARGE_TEXT_CONTRAST
CONTRAST_WARNING = WCAG_AA_CONTRAST
CLEARANCE = 6  # px around a text box that must be free of other elements to judge clipping
OVERFLOW_PIXELS = 8  # ink pixels at least 2 px outside the box that count as crossing its edge


def lint(scene: Scene) -> list[LintFinding]:
    """Every finding for the scene's plan and pixels, in plan order."""
    findings: list[LintFinding] = []
    findings += off_canvas(scene)
    findings += text_overlap(scene)
    findings += object_overlap(scene)
    findings += text_clipped(scene)
    findings += low_contrast(scene)
    return findings[:256]


def _box_text(box: Box) -> str:
    return f"({box.x},{box.y},{box.w}x{box.h})"


def off_canvas(scene: Scene) -> list[LintFinding]:
    """Text, object and picture boxes must lie wholly on the canvas."""
    return [
        LintFinding(
            code="off_canvas",
            element_id=e.id,
            box=e.placed_box,
            message=(
                f"{e.kind} box {_box_text(e.placed_box)} reaches past the {scene.width}x{scene.height} canvas; "
                "move or shrink it"
            ),
        )
        for e in scene.plan.elements
        if isinstance(e, TextElement | ObjectGroup | PictureElement)
        and not e.placed_box.inside(scene.width, scene.height)
    ]


def _covers(other: Element, text: TextElement, other_first: bool) -> bool:
    """Whether `other` is over `text`: any object group, a higher leaf of any kind, or an equal-z text or picture
    drawn later. A picture or shape below the text is what the text is set on, as a panel is."""
    if isinstance(other, ObjectGroup):
        return True
    if other.z != text.z:
        return other.z > text.z
    return isinstance(other, TextElement | PictureElement) and not other_first


def text_overlap(scene: Scene) -> list[LintFinding]:
    """A text box overlapped by a later-drawn element or by any object group. Lower shapes are panels and lower
    pictures are what the text is set on (a background photo), not errors; text under a picture is hidden."""
    findings = []
    elements = scene.plan.elements
    for i, text in enumerate(elements):
        if not isinstance(text, TextElement):
            continue
        for j, other in enumerate(elements):
            if i == j or not _covers(other, text, other_first=j < i):
                continue
            overlap = text.placed_box.intersection(other.placed_box)
            if overlap is not None and isinstance(other, PictureElement):
                findings.append(LintFinding(
                    code="text_overlap", element_id=text.id, other_id=other.id, box=overlap,
                    message=f"text {text.id!r} is hidden under picture {other.id!r} (z {other.z} over z {text.z}) "
                    f"over {_box_text(overlap)}; move the text off the picture or give the picture a lower z",
                ))  # fmt: skip
            elif overlap is not None:
                findings.append(LintFinding(
                    code="text_overlap", element_id=text.id, other_id=other.id, box=overlap,
                    message=f"text {text.id!r} is overlapped by {other.kind} {other.id!r} over {_box_text(overlap)}; "
                    "separate the boxes or move the other element below the text",
                ))  # fmt: skip
    return findings


def object_overlap(scene: Scene) -> list[LintFinding]:
    """Two object groups whose boxes overlap: their instances may merge or hide each other."""
    findings = []
    for a, b in combinations(scene.plan.object_groups(), 2):
        overlap = a.placed_box.intersection(b.placed_box)
        if overlap is not None:
            findings.append(LintFinding(
                code="object_overlap", element_id=a.id, other_id=b.id, box=overlap,
                message=f"object groups {a.id!r} and {b.id!r} overlap over {_box_text(overlap)}; "
                "give each its own area",
            ))  # fmt: skip
    return findings


def _is_clear(scene: Scene, text: TextElement) -> bool:
    grown = Box(
        x=text.placed_box.x - CLEARANCE,
        y=text.placed_box.y - CLEARANCE,
        w=text.placed_box.w + 2 * CLEARANCE,
        h=text.placed_box.h + 2 * CLEARANCE,
    )
    return not any(e.id != text.id and grown.intersection(e.placed_box) is not None for e in scene.plan.elements)


def text_clipped(scene: Scene) -> list[LintFinding]:
    """Ink that crosses a clear text box's edge: the text was drawn bigger than its box.

    Only boxes with nothing else within 6 px are judged, and only ink that is joined to ink inside the box counts
    (a glyph crossing the edge), so another element's pixels near the box (an accent rule under a headline) are
    never taken for overflowing ink. Glyphs cut off exactly at the edge are not detected.
    """
    findings = []
    for text in scene.plan.texts():
        if not text.placed_box.inside(scene.width, scene.height) or not _is_clear(scene, text):
            continue
        ink = scene.ink(text)
        if ink.crop is None or ink.layout.box is None:
            continue
        x0, y0 = ink.crop[0], ink.crop[1]
        mask = ink.layout.mask
        outside = np.ones_like(mask)
        b = text.placed_box
        # ink is "outside" when it is at least 2 px beyond the box (anti-aliasing may spill 1 px)
        outside[max(0, b.y - 2 - y0) : b.bottom + 2 - y0, max(0, b.x - 2 - x0) : b.right + 2 - x0] = False
        pieces, _ = ndimage.label(mask)
        crossing = np.setdiff1d(np.unique(pieces[mask & ~outside]), [0])
        spilled = int((np.isin(pieces, crossing) & outside).sum())
        if spilled >= OVERFLOW_PIXELS:
            findings.append(LintFinding(
                code="text_clipped", element_id=text.id, box=ink.ink_box,
                message=f"the ink of {text.id!r} runs past its box {_box_text(b)} ({spilled} px outside); "
                "use a smaller font size or a bigger box",
            ))  # fmt: skip
    return findings


def low_contrast(scene: Scene) -> list[LintFinding]:
    """WCAG contrast of each text's ink (measured, else planned colour) against the measured background under it."""
    findings = []
    for text in scene.plan.texts():
        if not text.placed_box.inside(scene.width, scene.height):
            continue
        ink = scene.ink(text)
        colour = ink.ink_color if ink.ink_color is not None else hex_to_rgb(text.color)
        ratio = contrast_ratio(colour, ink.background)
        if ratio >= CONTRAST_WARNING:
            continue
        severity: Literal["error", "warning"] = "error" if ratio < CONTRAST_ERROR else "warning"
        source = "measured ink" if ink.ink_color is not None else "planned colour (no ink stood out)"
        findings.append(LintFinding(
            code="low_contrast", severity=severity, element_id=text.id, box=text.placed_box,
            message=f"text {text.id!r}: {source} {rgb_to_hex(colour)} on background {rgb_to_hex(ink.background)} "
            f"has contrast {ratio:.1f}:1 (WCAG wants {CONTRAST_WARNING:g}:1, at least {CONTRAST_ERROR:g}:1 "
            "for large text); darken or lighten one of them",
        ))  # fmt: skip
    return findings
