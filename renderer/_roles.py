"""What a frame's role looks like where the plan leaves its look out: a card's surface and shadow, a pill chip.

Sizes are shares of the canvas's short edge `s`. A field takes its role's default only while it holds the
field's own default (no fill, no border, no shadow, radius 0, padding 0), so defaults survive a JSON round trip;
to opt out, set the field (e.g. a `Shadow` with opacity 0, radius 1).

| role                         | fill    | radius | shadow                           | border | padding (v, h) |
|------------------------------|---------|--------|----------------------------------|--------|----------------|
| card                         | surface | 2%     | soft: 14%, blur 2.4%, 0.8% down  | -      | 3%             |
| modal                        | surface | 2%     | deep: 25%, blur 4%, 1.6% down    | -      | 4%             |
| panel                        | surface | 1.5%   | -                                | -      | 3%             |
| button                       | button  | 1.2%   | -                                | -      | 1.4%, 3%       |
| input                        | surface | 1%     | -                                | quiet  | 1.2%, 1.8%     |
| badge, tag, chip             | tint    | pill   | -                                | -      | 0.6%, 1.6%     |
| avatar                       | tint    | pill   | -                                | -      | -              |
| header, footer, nav, toolbar | -       | -      | -                                | -      | 1.5%, 3%       |
| sidebar, section             | -       | -      | -                                | -      | 3%             |
| hero                         | -       | -      | -                                | -      | 4%             |
| list_item                    | -       | -      | -                                | -      | 1%, 0          |
| list, table                  | -       | -      | -                                | -      | -              |

A quiet border is 1 px per 600 px of `s` (1 px at least).

A button's `variant` changes its look: "primary" (or None) is the filled button above; "secondary" is outlined:
the surface for its fill, a border in the accent (1 px per 512 px of `s`, 2 px at 1024) and its texts and icons
left at the default ink set in the accent; "ghost" has no fill and no border, its default-ink texts and icons in
the accent. A control (toggle, checkbox, radio, progress, slider) without a `color` takes the accent.

Colours come from the plan, never from a palette of our own:

- surface: on a light backdrop (the nearest enclosing fill, else the background; a gradient's middle colour; of
  relative luminance 0.4 or more) white, on a dark one the backdrop lifted 10% towards white; when the frame's
  first text would not show on that (WCAG 2:1, so that faint placeholder hints still count), white, then #222222;
- accent: the colour of the plan's first title (else heading, else any text), or #222222 when it has no text;
- button: the first of these its own text reads on (WCAG 3:1): the accent, the accent mixed 80% towards white,
  #222222, white (a button without text: the accent);
- tint (badges, tags, chips, avatars): likewise from the accent mixed 85% towards white, the accent, #222222,
  white;
- quiet (input borders): the accent mixed 70% towards the surface.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tessera.contract import (
    RGB,
    Border,
    ControlElement,
    Frame,
    FrameRole,
    GradientBackground,
    IconElement,
    Insets,
    LayoutPlan,
    Shadow,
    TextElement,
    contrast_ratio,
    hex_to_rgb,
    relative_luminance,
    rgb_to_hex,
)
from tessera.renderer._colors import background_color, middle_color, mix

FillKind = Literal["surface", "button", "tint"]
COMPACT_ROLES: frozenset[FrameRole] = frozenset({"button", "badge", "tag", "chip", "avatar", "list", "table"})
"""Roles that keep to their content: the layout does not stretch them along a side that hugs."""

_PILL = 1000  # the largest radius a plan may hold: painting clamps it to half the short side
_WHITE = (255, 255, 255)
_NEUTRAL_DARK = "#222222"
_LIGHT_BACKDROP = 0.4  # relative luminance from which a backdrop counts as light
_READABLE = 3.0  # WCAG contrast a button's or chip's text needs on its fill (large or bold text)
_READABLE_SURFACE = 2.0  # a surface's text may be a faint placeholder hint, yet must show
_DEFAULT_INK = "#111111"  # a text's and an icon's default colour: a plan that left it there did not choose it
_OUTLINE = 1 / 512  # of s: a secondary button's border (2 px at 1024)


@dataclass(frozen=True)
class _ShadowShare:
    opacity: float
    blur: float
    dy: float


@dataclass(frozen=True)
class _RoleLook:
    fill: FillKind | None = None
    radius: float = 0.0  # share of s; _PILL for a pill
    shadow: _ShadowShare | None = None
    border: Literal["quiet", "accent"] | None = None
    padding: tuple[float, float] = (0.0, 0.0)  # vertical, horizontal share of s


_SOFT = _ShadowShare(opacity=0.14, blur=0.024, dy=0.008)
_DEEP = _ShadowShare(opacity=0.25, blur=0.04, dy=0.016)
_BAR = _RoleLook(padding=(0.015, 0.03))
_ROLE_LOOKS: dict[FrameRole, _RoleLook] = {
    "card": _RoleLook(fill="surface", radius=0.02, shadow=_SOFT, padding=(0.03, 0.03)),
    "modal": _RoleLook(fill="surface", radius=0.02, shadow=_DEEP, padding=(0.04, 0.04)),
    "panel": _RoleLook(fill="surface", radius=0.015, padding=(0.03, 0.03)),
    "button": _RoleLook(fill="button", radius=0.012, padding=(0.014, 0.03)),
    "input": _RoleLook(fill="surface", radius=0.01, border="quiet", padding=(0.012, 0.018)),
    "badge": _RoleLook(fill="tint", radius=_PILL, padding=(0.006, 0.016)),
    "tag": _RoleLook(fill="tint", radius=_PILL, padding=(0.006, 0.016)),
    "chip": _RoleLook(fill="tint", radius=_PILL, padding=(0.006, 0.016)),
    "avatar": _RoleLook(fill="tint", radius=_PILL),
    "header": _BAR,
    "footer": _BAR,
    "nav": _BAR,
    "toolbar": _BAR,
    "sidebar": _RoleLook(padding=(0.03, 0.03)),
    "section": _RoleLook(padding=(0.03, 0.03)),
    "hero": _RoleLook(padding=(0.04, 0.04)),
    "list_item": _RoleLook(padding=(0.01, 0.0)),
    # Lists and tables are set by their expansion (`_expand`); their frames have no look of their own.
    "list": _RoleLook(),
    "table": _RoleLook(),
}

_BUTTON_VARIANTS: dict[str | None, _RoleLook] = {
    "secondary": _RoleLook(fill="surface", radius=0.012, border="accent", padding=(0.014, 0.03)),
    "ghost": _RoleLook(radius=0.012, padding=(0.014, 0.03)),
}
"""A button's look by its variant; "primary" and None are the button role's own look."""


@dataclass(frozen=True)
class _Palette:
    """The plan's own colours the defaults are drawn from: what lies behind a frame, and the plan's accent."""

    backdrop: RGB
    accent: str


def with_role_defaults(plan: LayoutPlan) -> LayoutPlan:
    """`plan` with every frame's role defaults filled in where the frame leaves its look and padding out."""
    backdrop = background_color(plan.background)
    short_edge = min(plan.canvas.width, plan.canvas.height)
    return plan.model_copy(update={"root": _styled(plan.root, _Palette(backdrop, _accent(plan)), short_edge)})


def _styled(frame: Frame, palette: _Palette, short_edge: int) -> Frame:
    defaults = _defaults(frame, palette, short_edge)
    fill = frame.fill if frame.fill is not None else defaults.get("fill")
    inner = palette if not isinstance(fill, str | GradientBackground) else _Palette(middle_color(fill), palette.accent)
    children = [
        _styled(child, inner, short_edge)
        if isinstance(child, Frame)
        else child.model_copy(update={"color": palette.accent})
        if isinstance(child, ControlElement) and child.color is None
        else child
        for child in frame.children
    ]
    styled = frame.model_copy(update={**defaults, "children": children})
    return _in_accent(styled, palette.accent) if _is_quiet_button(frame) else styled


def _is_quiet_button(frame: Frame) -> bool:
    """A button whose label is set in the accent, as it has no accent fill under it: a secondary or ghost one."""
    return frame.role == "button" and frame.variant in ("secondary", "ghost")


def _in_accent(frame: Frame, accent: str) -> Frame:
    """`frame` with every text and icon inside it that the plan left at the default ink set in `accent`."""
    children = [
        _in_accent(child, accent)
        if isinstance(child, Frame)
        else child.model_copy(update={"color": accent})
        if isinstance(child, TextElement | IconElement) and child.color == _DEFAULT_INK
        else child
        for child in frame.children
    ]
    return frame.model_copy(update={"children": children})


def _defaults(frame: Frame, palette: _Palette, short_edge: int) -> dict[str, object]:
    """The fields `frame` leaves at their defaults, set from its role's look."""
    if frame.role is None:
        return {}
    look = (
        _BUTTON_VARIANTS.get(frame.variant, _ROLE_LOOKS[frame.role])
        if frame.role == "button"
        else _ROLE_LOOKS[frame.role]
    )
    found: dict[str, object] = {}
    if frame.fill is None and look.fill is not None:
        found["fill"] = _fill(look.fill, frame, palette)
    if frame.radius == 0 and look.radius:
        found["radius"] = _PILL if look.radius == _PILL else max(1, round(look.radius * short_edge))
    if frame.shadow is None and look.shadow is not None:
        found["shadow"] = Shadow(
            opacity=look.shadow.opacity,
            blur=max(1, round(look.shadow.blur * short_edge)),
            dy=max(1, round(look.shadow.dy * short_edge)),
        )
    if frame.border is None and look.border == "quiet":
        fill = found.get("fill", frame.fill)
        surface = middle_color(fill) if isinstance(fill, str | GradientBackground) else palette.backdrop
        quiet = rgb_to_hex(mix(hex_to_rgb(palette.accent), surface, 0.7))
        found["border"] = Border(color=quiet, width=max(1, round(short_edge / 600)))
    if frame.border is None and look.border == "accent":
        found["border"] = Border(color=palette.accent, width=max(1, round(_OUTLINE * short_edge)))
    if frame.padding == 0 and look.padding != (0.0, 0.0):
        vertical, horizontal = (round(share * short_edge) for share in look.padding)
        found["padding"] = Insets(top=vertical, right=horizontal, bottom=vertical, left=horizontal)
    return found


def _fill(kind: FillKind, frame: Frame, palette: _Palette) -> str:
    ink = _first_text_color(frame)
    white = rgb_to_hex(_WHITE)
    if kind == "surface":
        return _readable_fill(ink, [_surface(palette.backdrop), white, _NEUTRAL_DARK], _READABLE_SURFACE)
    tint = rgb_to_hex(mix(hex_to_rgb(palette.accent), _WHITE, 0.85 if kind == "tint" else 0.8))
    preferred = [tint, palette.accent] if kind == "tint" else [palette.accent, tint]
    return _readable_fill(ink, [*preferred, _NEUTRAL_DARK, white], _READABLE)


def _readable_fill(ink: str | None, candidates: list[str], contrast: float) -> str:
    """The first candidate `ink` reads on (the first of all without text; the most contrasting when none reads)."""
    if ink is None:
        return candidates[0]
    readable = (color for color in candidates if contrast_ratio(ink, color) >= contrast)
    return next(readable, max(candidates, key=lambda color: contrast_ratio(ink, color)))


def _surface(backdrop: RGB) -> str:
    if relative_luminance(backdrop) >= _LIGHT_BACKDROP:
        return rgb_to_hex(_WHITE)
    return rgb_to_hex(mix(backdrop, _WHITE, 0.1))


def _accent(plan: LayoutPlan) -> str:
    texts = plan.texts()
    for role in ("title", "heading"):
        found = next((text for text in texts if text.role == role), None)
        if found is not None:
            return found.color
    return texts[0].color if texts else _NEUTRAL_DARK


def _first_text_color(frame: Frame) -> str | None:
    for child in frame.children:
        if isinstance(child, TextElement):
            return child.color
        if isinstance(child, Frame):
            found = _first_text_color(child)
            if found is not None:
                return found
    return None
