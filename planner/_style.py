"""The look of a rules plan: colours, type families and weights, corner radius and decoration, from the brief's
style words, its colours and the user's brand kit.

`style_for` is the one place that decides it; templates only read a `Style`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tessera.contract import Constraints, FontFamily, RequiredColor
from tessera.planner._palette import ColorScheme, scheme_for
from tessera.planner._structure_parts import PartLook, part_look

Decoration = Literal["none", "rule", "frame", "double_frame", "corners", "dots", "chalk"]


@dataclass(frozen=True)
class Style:
    """How a plan looks, whatever its layout.

    `scheme` holds the colours (background, ink, headline, accent); `look` the colours of cards, buttons and
    inputs derived from it; families and weights set headings and body; `radius` is a share of the canvas's
    short edge for cards and buttons; `decoration` what frames the page; `names` the style words that set it.
    """

    scheme: ColorScheme
    look: PartLook
    heading_family: FontFamily = "sans"
    body_family: FontFamily = "sans"
    heading_weight: Literal["regular", "bold"] = "bold"
    heading_italic: bool = False
    kicker_caps: bool = True  # small labels above a title set in capitals with tracking
    radius: float = 0.016
    decoration: Decoration = "rule"
    names: tuple[str, ...] = ()

    @property
    def muted(self) -> str:
        """Secondary text on the background: the ink a step towards the background where that still reads."""
        return self.look.ink


def style_for(constraints: Constraints, seed: int) -> Style:
    """The style of a plan for `constraints`: the brief's colours over a palette picked by brief and seed."""
    colors = [c for c in constraints.items if isinstance(c, RequiredColor)]
    background = next((c.color for c in colors if c.target == "background"), None)
    accent = next((c.color for c in colors if c.target == "accent"), None)
    scheme = scheme_for(background, accent, seed, constraints.brief)
    return Style(scheme=scheme, look=part_look(scheme))
