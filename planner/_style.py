"""The look of a rules plan: colours, type families and weights, corner radius and decoration, from the brief's
style words, its colours and the user's brand kit.

`style_for` is the one place that decides it; templates only read a `Style`. What wins, strongest first: the
brief's own colours ("a navy background", "white text", "our teal #0EA5A4"), then the brand kit's palette, then
the palettes of the style words; the seed picks among the palettes (and decorations) that fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Literal, TypeVar

from tessera.contract import Constraints, FontFamily, RequiredColor, StyleName, relative_luminance
from tessera.planner._colors import readable_shade
from tessera.planner._palette import MIN_CONTRAST, PALETTES, ColorScheme, Palette, pick, scheme_for
from tessera.planner._structure_parts import PartLook, part_look

Decoration = Literal["none", "rule", "frame", "double_frame", "corners", "dots", "chalk"]
Weight = Literal["regular", "bold"]
_T = TypeVar("_T")


@dataclass(frozen=True)
class Style:
    """How a plan looks, whatever its layout.

    `scheme` holds the colours (background, ink, headline, accent); `look` the colours of cards, buttons and
    inputs derived from it; families and weights set headings and body (`label_family` small labels, kickers and
    figures in tables); `radius` is a share of the canvas's short edge for cards and buttons; `decoration` what
    frames the page (drawn by `_templates._decor.decoration_nodes`); `names` the style words that set it;
    `text_colors` the colours the brief asks for single texts, as (exact text, colour).
    """

    scheme: ColorScheme
    look: PartLook
    heading_family: FontFamily = "sans"
    body_family: FontFamily = "sans"
    heading_weight: Weight = "bold"
    heading_italic: bool = False
    kicker_caps: bool = True  # small labels above a title set in capitals with tracking
    radius: float = 0.016
    decoration: Decoration = "rule"
    names: tuple[str, ...] = ()
    label_family: FontFamily = "sans"
    text_colors: tuple[tuple[str, str], ...] = ()

    @property
    def muted(self) -> str:
        """Secondary text on the background: the ink a step towards the background where that still reads."""
        return self.look.ink

    def text_color(self, text: str) -> str | None:
        """The colour the brief asks for this exact text ("a red 'SALE' badge"), if any."""
        return next((color for subject, color in self.text_colors if subject == text), None)


@dataclass(frozen=True)
class _Look:
    """What one style word sets; None (or empty) leaves it to the other words or the default. Where a word allows
    several options (palettes, decorations, italic or upright), the seed picks one."""

    palettes: tuple[Palette, ...] = ()
    heading_family: FontFamily | None = None
    body_family: FontFamily | None = None
    label_family: FontFamily | None = None
    heading_weight: Weight | None = None
    italics: tuple[bool, ...] = ()
    kicker_caps: bool | None = None
    radius: float | None = None
    decorations: tuple[Decoration, ...] = ()
    gradient: bool | None = None


def _p(name: str, background: str, ink: str, headline: str, accent: str) -> Palette:
    return Palette(name, background=background, ink=ink, headline=headline, accent=accent)


# Every palette keeps its ink at 4.5:1 or more on its background, and its headline at 3.5:1 or more (large text
# with a margin for anti-aliasing); tests/planner/test_style.py holds them to it.
_DARK_PALETTES = (
    _p("terminal", "#0D1117", "#E6EDF3", "#58A6FF", "#3FB950"),
    _p("graphite", "#16181D", "#ECEFF4", "#88C0D0", "#88C0D0"),
    _p("deep violet", "#140F2D", "#EDEAFF", "#A78BFA", "#22D3EE"),
)
_SERIF_BOOK = _Look(heading_family="serif", body_family="serif")
_LOOKS: dict[StyleName, _Look] = {
    "serif": _SERIF_BOOK,
    "sans": _Look(heading_family="sans", body_family="sans"),
    "mono": _Look(heading_family="mono", body_family="mono", label_family="mono"),
    "elegant": _Look(
        palettes=(
            _p("ivory and gold", "#FBF8F1", "#1C1A17", "#1C1A17", "#A07C3B"),
            _p("noir and gold", "#161514", "#F3EEE3", "#D4AF6A", "#D4AF6A"),
            _p("champagne", "#F3ECE0", "#2A2520", "#5C4326", "#9C7A40"),
        ),
        heading_family="serif",
        body_family="serif",
        heading_weight="regular",
        italics=(True, False),
        kicker_caps=True,
        radius=0.0,
        decorations=("rule", "frame"),
        gradient=False,
    ),
    "vintage": _Look(
        palettes=(
            _p("sepia", "#F2E8D5", "#3B2A1A", "#6B3E26", "#8C5A3C"),
            _p("parchment", "#EFE3C8", "#2F2418", "#7A2E1F", "#7A2E1F"),
            _p("faded navy", "#E9DFC8", "#1F2A3A", "#1F3A5A", "#A0522D"),
        ),
        heading_family="serif",
        body_family="serif",
        heading_weight="bold",
        kicker_caps=True,
        radius=0.0,
        decorations=("double_frame", "corners"),
    ),
    "luxury": _Look(
        palettes=(
            _p("black and gold", "#0E0E0E", "#F5F0E6", "#D4AF37", "#D4AF37"),
            _p("emerald and gold", "#0F2A22", "#F3EFE4", "#D9B45A", "#D9B45A"),
            _p("midnight and gold", "#101828", "#F5F0E6", "#D4AF37", "#D4AF37"),
        ),
        heading_family="serif",
        body_family="sans",
        heading_weight="regular",
        kicker_caps=True,
        radius=0.0,
        decorations=("frame", "double_frame"),
        gradient=False,
    ),
    "playful": _Look(
        palettes=(
            _p("sunny", "#FFE66D", "#1A1A2E", "#C4122F", "#1B6FD8"),
            _p("bubblegum", "#FFD6E8", "#2B1B3D", "#7B2CBF", "#D6246E"),
            _p("sky pop", "#CDEFFF", "#14213D", "#C7361B", "#7B2CBF"),
            _p("mint pop", "#C8F7DC", "#1B2A2F", "#6A1B9A", "#C2185B"),
        ),
        heading_family="display",
        body_family="sans",
        heading_weight="bold",
        kicker_caps=False,
        radius=0.04,
        decorations=("dots",),
    ),
    "minimal": _Look(
        palettes=(
            _p("white", "#FFFFFF", "#111111", "#111111", "#2F6FEB"),
            _p("off-white", "#FAFAF8", "#1A1A1A", "#1A1A1A", "#6B6B6B"),
            _p("paper", "#F5F5F2", "#222222", "#222222", "#C0392B"),
        ),
        heading_family="sans",
        body_family="sans",
        heading_weight="regular",
        kicker_caps=False,
        radius=0.0,
        decorations=("none", "rule"),
        gradient=False,
    ),
    "bold": _Look(
        palettes=(
            _p("signal red", "#C8102E", "#FFFFFF", "#FFFFFF", "#FFD60A"),
            _p("electric blue", "#1D3ED8", "#FFFFFF", "#FDE047", "#FDE047"),
            _p("black and yellow", "#111111", "#FFFFFF", "#FFD60A", "#FFD60A"),
            _p("yellow and black", "#FFD60A", "#111111", "#111111", "#D00000"),
        ),
        heading_family="sans",
        heading_weight="bold",
        kicker_caps=True,
        radius=0.008,
        decorations=("none",),
        gradient=False,
    ),
    "hand_drawn": _Look(
        palettes=(
            _p("sketchbook", "#FBF7EE", "#2B2B2B", "#2B4C7E", "#B5452B"),
            _p("kraft", "#E8D9C0", "#2E2418", "#2E2418", "#B5452B"),
        ),
        heading_family="handwriting",
        body_family="sans",
        heading_weight="bold",
        kicker_caps=False,
        radius=0.03,
        decorations=("rule", "dots"),
    ),
    "chalkboard": _Look(
        palettes=(
            _p("green board", "#22332B", "#F4F1E8", "#F4F1E8", "#F6D87A"),
            _p("slate board", "#263238", "#F2F2EE", "#FFFFFF", "#9AD1D4"),
        ),
        heading_family="handwriting",
        body_family="sans",
        heading_weight="bold",
        kicker_caps=False,
        radius=0.0,
        decorations=("chalk",),
        gradient=False,
    ),
    "corporate": _Look(
        palettes=(
            _p("navy on white", "#FFFFFF", "#1B2A41", "#0B3D91", "#1565C0"),
            _p("blue mist", "#F4F7FB", "#14213D", "#1F4E9E", "#2563EB"),
            _p("navy", "#0B2545", "#F4F7FB", "#FFFFFF", "#8DA9C4"),
        ),
        heading_family="sans",
        body_family="sans",
        heading_weight="bold",
        kicker_caps=True,
        radius=0.008,
        decorations=("rule",),
        gradient=False,
    ),
    "retro": _Look(
        palettes=(
            _p("retro cream", "#F4E4C1", "#2D2A26", "#B4491B", "#1F7A7A"),
            _p("retro teal", "#185C5C", "#FBEFD5", "#F6B26B", "#F6B26B"),
            _p("retro orange", "#F08A4B", "#2B2118", "#2B2118", "#1E5F5F"),
        ),
        heading_family="display",
        body_family="sans",
        heading_weight="bold",
        kicker_caps=True,
        radius=0.024,
        decorations=("frame", "dots"),
    ),
    "tech": _Look(
        palettes=_DARK_PALETTES,
        heading_family="sans",
        body_family="sans",
        label_family="mono",
        kicker_caps=True,
        radius=0.012,
        decorations=("none",),
    ),
    "dark": _Look(palettes=_DARK_PALETTES + tuple(p for p in PALETTES if relative_luminance(p.background) < 0.18)),
    "light": _Look(palettes=tuple(p for p in PALETTES if relative_luminance(p.background) >= 0.18)),
    "natural": _Look(
        palettes=(
            _p("sage", "#E8EFE4", "#1F2D24", "#2F5D3A", "#3A7D44"),
            _p("forest", "#1F3B2D", "#F1EEE4", "#E2C48A", "#C9A66B"),
            _p("earth", "#EFE6D8", "#2E2A22", "#4E6B30", "#8A5A2B"),
        ),
        radius=0.03,
        decorations=("rule", "corners"),
    ),
    "modern": _Look(
        palettes=(
            _p("modern white", "#FFFFFF", "#111827", "#111827", "#4F46E5"),
            _p("modern slate", "#0F172A", "#F8FAFC", "#F8FAFC", "#38BDF8"),
            _p("modern mist", "#F3F4F6", "#111827", "#1F2937", "#047857"),
        ),
        heading_family="sans",
        body_family="sans",
        heading_weight="bold",
        radius=0.016,
        decorations=("none", "rule"),
        gradient=False,
    ),
}
# Words about type come first: "a chalkboard menu in serif" keeps the board but sets serif headings.
_TYPE_WORDS: tuple[StyleName, ...] = ("serif", "sans", "mono")
_TONE_WORDS: tuple[StyleName, ...] = ("dark", "light")


def style_for(constraints: Constraints, seed: int) -> Style:
    """The style of a plan for `constraints`: the style words' families, radius and decoration, and colours from
    the brief, the brand kit and the style's palettes, in that order."""
    names = _style_names(constraints)
    look = _combined([name for name in names if name not in _TONE_WORDS])
    brief = constraints.brief
    colors = [c for c in constraints.items if isinstance(c, RequiredColor)]
    brand = constraints.supplied.brand
    brand_colors = brand.colors if brand else None
    asked_background = _asked(colors, "background")
    brand_background = brand_colors.background if brand_colors and not asked_background else None
    background = asked_background or brand_background
    accent = _asked(colors, "accent") or (brand_colors.primary if brand_colors else None)
    ink = _asked_all_text(colors) or (brand_colors.text if brand_colors else None)
    text_colors = tuple((c.subject, c.color) for c in colors if c.target == "text" and c.subject)
    scheme = scheme_for(
        background,
        accent,
        seed,
        brief,
        palettes=_palettes(look, names),
        ink=ink,
        texts=[color for _, color in text_colors],
        # a brand's background is its exact colour; a style's or the brief's may breathe in a subtle gradient
        gradient=brand_background is None and (look.gradient if look.gradient is not None else True),
    )
    body = look.body_family or "sans"
    text_colors = tuple((text, _readable_text_color(color, scheme, colors, text)) for text, color in text_colors)
    return Style(
        scheme=scheme,
        look=part_look(scheme),
        heading_family=look.heading_family or body,
        body_family=body,
        heading_weight=look.heading_weight or "bold",
        heading_italic=_chosen(look.italics, brief, seed, False),
        kicker_caps=look.kicker_caps if look.kicker_caps is not None else True,
        radius=look.radius if look.radius is not None else 0.016,
        decoration=_chosen(look.decorations, brief, seed, "rule"),
        names=tuple(names),
        label_family=look.label_family or body,
        text_colors=text_colors,
    )


def _readable_text_color(color: str, scheme: ColorScheme, colors: list[RequiredColor], text: str) -> str:
    """A named colour asked for a text ("'Be Mine' in red"), as the shade of itself that reads on the background;
    a hex code is kept exactly."""
    exact = any(c.target == "text" and c.subject == text and "#" in c.source.quote for c in colors)
    if exact:
        return color
    return readable_shade(color, scheme.behind, MIN_CONTRAST) or color


def _style_names(constraints: Constraints) -> list[StyleName]:
    """The brief's style words, each once, type words first, then in brief order."""
    names = list(dict.fromkeys(cue.style for cue in constraints.styles))
    return sorted(names, key=lambda name: name not in _TYPE_WORDS)


def _combined(names: Sequence[StyleName]) -> _Look:
    """One look from several words: each setting from the first word that sets it."""
    combined = _Look()
    for name in names:
        look = _LOOKS[name]
        updates = {
            f.name: getattr(look, f.name)
            for f in fields(_Look)
            if getattr(combined, f.name) in (None, ()) and getattr(look, f.name) not in (None, ())
        }
        combined = replace(combined, **updates)
    return combined


def _palettes(look: _Look, names: Sequence[StyleName]) -> tuple[Palette, ...]:
    """The palettes the seed picks from: the style's, kept to the dark or light ones when the brief says so."""
    palettes = look.palettes or PALETTES
    for tone in _TONE_WORDS:
        if tone in names:
            toned = tuple(p for p in palettes if p in _LOOKS[tone].palettes or _is_tone(p, tone))
            palettes = toned or _LOOKS[tone].palettes
    return palettes


def _is_tone(palette: Palette, tone: StyleName) -> bool:
    dark = relative_luminance(palette.background) < 0.18
    return dark if tone == "dark" else not dark


def _chosen(options: Sequence[_T], brief: str, seed: int, default: _T) -> _T:
    """The seed's pick among a style's options, or the default when it has none."""
    return pick(options, brief, seed) if options else default


def _asked(colors: Sequence[RequiredColor], target: Literal["background", "accent"]) -> str | None:
    return next((c.color for c in colors if c.target == target), None)


def _asked_all_text(colors: Sequence[RequiredColor]) -> str | None:
    """The colour the brief asks for all its text ("white text on navy"), if it does."""
    return next((c.color for c in colors if c.target == "text" and c.subject is None), None)
