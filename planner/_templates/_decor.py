"""The style's decoration as nodes placed at fixed boxes in the page margin: borders, ornament corners, a dot
motif, a chalkboard's wooden frame.

Every piece lies in the band between the canvas edge and the margin, drawn low (under every part), so it never
covers a text and never crowds the content: a template adds `decoration_nodes(material)` to its root frame's
children as they are. "none" and "rule" draw nothing page-wide ("rule" is the short rule a template sets under
its headline).
"""

from __future__ import annotations

from tessera.contract import Box, Node, ShapeElement
from tessera.planner._colors import shift_lightness, worst_contrast
from tessera.planner._templates._base import Material

DECOR_Z = 0  # under every panel, card and text
_WOOD, _WOOD_EDGE = "#8A5A34", "#5E3B1F"  # a chalkboard's wooden frame and its inner edge
_DOT_ROWS = 3
_MIN_DECOR_CONTRAST = 1.8  # a border that shows on the background without competing with the text
_MIN_MARGIN = 24  # px: a thinner margin band has no room for ornament beside the content (an icon, a tiny badge)


def decoration_nodes(material: Material) -> list[Node]:
    """The nodes that draw `material.style.decoration` in the page margin (none for "none" and "rule", and none
    on a canvas too small to have a margin band)."""
    decoration = material.style.decoration
    if material.margin < _MIN_MARGIN:
        return []
    if decoration == "frame":
        return _border(material, "decor-frame", 0.4, _thin(material))
    if decoration == "double_frame":
        return [
            *_border(material, "decor-frame-outer", 0.3, 2 * _thin(material)),
            *_border(material, "decor-frame-inner", 0.55, _thin(material)),
        ]
    if decoration == "corners":
        return _corners(material)
    if decoration == "dots":
        return _dots(material)
    if decoration == "chalk":
        return _wooden_frame(material)
    return []


def decor_color(material: Material) -> str:
    """The colour of borders and ornaments: the accent where it shows on the background, else the ink."""
    accent = material.style.scheme.accent
    behind = material.style.scheme.behind
    return accent if worst_contrast(accent, behind) >= _MIN_DECOR_CONTRAST else material.style.scheme.ink


def _thin(material: Material) -> int:
    """A hairline that survives downscaling: 2 px at 1024."""
    return max(1, round(0.002 * material.short))


def _line(node_id: str, box: Box, color: str) -> ShapeElement:
    return ShapeElement(id=node_id, box=box, z=DECOR_Z, shape="rectangle", fill=color)


def _border(material: Material, prefix: str, depth: float, thickness: int) -> list[Node]:
    """A rectangle of four lines at `depth` (a share of the margin) in from the canvas edge."""
    width, height = material.canvas.width, material.canvas.height
    inset = round(depth * material.margin)
    color = decor_color(material)
    span_w, span_h = width - 2 * inset, height - 2 * inset
    return [
        _line(f"{prefix}-top", Box(x=inset, y=inset, w=span_w, h=thickness), color),
        _line(f"{prefix}-bottom", Box(x=inset, y=height - inset - thickness, w=span_w, h=thickness), color),
        _line(f"{prefix}-left", Box(x=inset, y=inset, w=thickness, h=span_h), color),
        _line(f"{prefix}-right", Box(x=width - inset - thickness, y=inset, w=thickness, h=span_h), color),
    ]


def _corners(material: Material) -> list[Node]:
    """Ornament corners: in each corner an L of two strokes and a small square at its elbow."""
    width, height = material.canvas.width, material.canvas.height
    inset = round(0.4 * material.margin)
    arm = round(1.6 * material.margin)
    stroke = 2 * _thin(material)
    knot = max(3, round(0.14 * material.margin))
    color = decor_color(material)
    nodes: list[Node] = []
    for name, right, bottom in (("tl", False, False), ("tr", True, False), ("bl", False, True), ("br", True, True)):
        x = width - inset - arm if right else inset
        y = height - inset - stroke if bottom else inset
        nodes.append(_line(f"decor-corner-{name}-h", Box(x=x, y=y, w=arm, h=stroke), color))
        x = width - inset - stroke if right else inset
        y = height - inset - arm if bottom else inset
        nodes.append(_line(f"decor-corner-{name}-v", Box(x=x, y=y, w=stroke, h=arm), color))
        kx = width - inset - knot - 2 * stroke if right else inset + 2 * stroke
        ky = height - inset - knot - 2 * stroke if bottom else inset + 2 * stroke
        nodes.append(_line(f"decor-corner-{name}-knot", Box(x=kx, y=ky, w=knot, h=knot), color))
    return nodes


def _dots(material: Material) -> list[Node]:
    """A small triangle of dots in the top-right and bottom-left corners, inside the margin band."""
    width, height = material.canvas.width, material.canvas.height
    margin = material.margin
    pitch = max(6, round(0.26 * margin))
    dot = max(3, round(0.09 * margin))
    start = round(0.2 * margin)
    color = decor_color(material)
    nodes: list[Node] = []
    for row in range(_DOT_ROWS):
        for column in range(_DOT_ROWS - row):
            offset_x, offset_y = start + column * pitch, start + row * pitch
            top_right = Box(x=width - offset_x - dot, y=offset_y, w=dot, h=dot)
            bottom_left = Box(x=offset_x, y=height - offset_y - dot, w=dot, h=dot)
            for corner, box in (("tr", top_right), ("bl", bottom_left)):
                nodes.append(
                    ShapeElement(
                        id=f"decor-dot-{corner}-{row}-{column}", box=box, z=DECOR_Z, shape="ellipse", fill=color
                    )
                )
    return nodes


def _wooden_frame(material: Material) -> list[Node]:
    """A chalkboard's wooden frame: four planks along the edges and a darker inner edge, all in the margin band;
    the board is the page's own background."""
    width, height = material.canvas.width, material.canvas.height
    plank = round(0.45 * material.margin)
    edge = max(2, round(0.06 * material.margin))
    grain = shift_lightness(_WOOD, 0.06)
    nodes: list[Node] = [
        _line("decor-wood-top", Box(x=0, y=0, w=width, h=plank), _WOOD),
        _line("decor-wood-bottom", Box(x=0, y=height - plank, w=width, h=plank), _WOOD),
        _line("decor-wood-left", Box(x=0, y=0, w=plank, h=height), _WOOD),
        _line("decor-wood-right", Box(x=width - plank, y=0, w=plank, h=height), _WOOD),
        _line("decor-wood-grain-top", Box(x=0, y=plank // 3, w=width, h=edge), grain),
        _line("decor-wood-grain-bottom", Box(x=0, y=height - plank // 3 - edge, w=width, h=edge), grain),
    ]
    inner_w, inner_h = width - 2 * plank, height - 2 * plank
    nodes += [
        _line("decor-wood-edge-top", Box(x=plank, y=plank, w=inner_w, h=edge), _WOOD_EDGE),
        _line("decor-wood-edge-bottom", Box(x=plank, y=height - plank - edge, w=inner_w, h=edge), _WOOD_EDGE),
        _line("decor-wood-edge-left", Box(x=plank, y=plank, w=edge, h=inner_h), _WOOD_EDGE),
        _line("decor-wood-edge-right", Box(x=width - plank - edge, y=plank, w=edge, h=inner_h), _WOOD_EDGE),
    ]
    return nodes
