"""Colour decisions for a plan: background, ink, headline and accent, readable by WCAG contrast."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from tessera.contract import (
    WCAG_AA_CONTRAST,
    WCAG_AA_LARGE_TEXT_CONTRAST,
    GradientBackground,
    SolidBackground,
    contrast_ratio,
    relative_luminance,
)
from tessera.planner._colors import best_ink, lightness, shift_lightness, worst_contrast

MIN_CONTRAST = WCAG_AA_CONTRAST  # the planner aims for WCAG AA everywhere it can
LARGE_TEXT_CONTRAST = WCAG_AA_LARGE_TEXT_CONTRAST
LARGE_TEXT_PX = 24.0  # WCAG "large": 18 pt, or 14 pt bold
LARGE_BOLD_TEXT_PX = 18.7
BRAND_HEADLINE_CONTRAST = 3.5  # a brand-coloured headline: large-text contrast with a margin for anti-aliasing
GRADIENT_STEP = 0.03  # lightness above and below the asked colour: a 6% change end to end
_T = TypeVar("_T")


@dataclass(frozen=True)
class Palette:
    """A default look for briefs that ask for no colours."""

    name: str
    background: str
    ink: str
    headline: str
    accent: str


PALETTES: tuple[Palette, ...] = (
    Palette("midnight", background="#14213D", ink="#F7F4EC", headline="#FCA311", accent="#FCA311"),
    Palette("cream", background="#F6F1E7", ink="#1E1E24", headline="#1E1E24", accent="#C8553D"),
    Palette("sage", background="#E8EFE4", ink="#1F2D24", headline="#2F5D3A", accent="#3A7D44"),
    Palette("slate", background="#1F2933", ink="#F5F7FA", headline="#F5F7FA", accent="#3EBD93"),
    Palette("blush", background="#FBEDEA", ink="#2B1D22", headline="#2B1D22", accent="#D1495B"),
    Palette("terracotta", background="#F4E9DC", ink="#2E1F1A", headline="#9E3A22", accent="#B4432A"),
    Palette("charcoal", background="#26282B", ink="#F3EFE6", headline="#E8B64C", accent="#E8B64C"),
    Palette("ink", background="#FAFAF7", ink="#16213E", headline="#1F3A93", accent="#1F3A93"),
    Palette("evergreen", background="#173A2E", ink="#F1EEE4", headline="#F2C57C", accent="#F2C57C"),
)

# Neutral pages for a brand colour no palette carries (a light yellow, a mid grey): one of them always reads.
NEUTRAL_PALETTES: tuple[Palette, ...] = (
    Palette("white", background="#FFFFFF", ink="#111111", headline="#111111", accent="#111111"),
    Palette("black", background="#111111", ink="#F5F5F5", headline="#F5F5F5", accent="#F5F5F5"),
)

_LIGHT_INKS = ("#F7F4EC", "#FFFFFF")
_DARK_INKS = ("#1E1E24", "#111111", "#000000")
_ACCENTS = ("#F2B134", "#E76F51", "#2A9D8F", "#1D3557", "#E63946", "#3A86FF")


@dataclass(frozen=True)
class ColorScheme:
    """The colours a plan uses and the background behind its text."""

    background: SolidBackground | GradientBackground
    ink: str
    headline: str
    accent: str
    palette: str | None

    @property
    def behind(self) -> list[str]:
        """The background colours text sits on (both ends of a gradient)."""
        if isinstance(self.background, GradientBackground):
            return [self.background.start, self.background.end]
        return [self.background.color]


def background_of(color: str, inks: list[str]) -> SolidBackground | GradientBackground:
    """A subtle top-to-bottom gradient around `color`, or the flat colour when a gradient would cost contrast."""
    start, end = shift_lightness(color, GRADIENT_STEP), shift_lightness(color, -GRADIENT_STEP)
    if (
        all(worst_contrast(ink, [start, end]) >= MIN_CONTRAST for ink in inks)
        and abs(lightness(start) - lightness(end)) > 0.01
    ):
        return GradientBackground(start=start, end=end, angle_deg=90.0)
    return SolidBackground(color=color)


def ink_for(behind: list[str]) -> str:
    """A text colour readable on every colour behind: soft off-white on dark, soft near-black on light."""
    dark_background = relative_luminance(behind[0]) < 0.18
    preferred = _LIGHT_INKS + _DARK_INKS if dark_background else _DARK_INKS + _LIGHT_INKS
    return best_ink(behind, preferred, MIN_CONTRAST)


def min_contrast(role: str, size: float, bold: bool) -> float:
    """The contrast text needs: 3:1 for a headline or subheading set large (with a little slack), else 4.5:1."""
    large = LARGE_BOLD_TEXT_PX if bold else LARGE_TEXT_PX
    if role in ("headline", "subheading") and size >= 1.1 * large:
        return LARGE_TEXT_CONTRAST
    return MIN_CONTRAST


def default_palette(
    brief: str,
    seed: int,
    accent: str | None = None,
    *,
    palettes: Sequence[Palette] = PALETTES,
    ink: str | None = None,
    texts: Sequence[str] = (),
) -> Palette:
    """The palette for a brief that names no background: picked by a stable hash of the brief and seed.

    Different briefs get different looks while a brief and seed always get the same one. With a brand
    colour, only palettes it reads on as large text are candidates, so the brand colour can set the headline;
    with a text colour asked ("white text", "a red 'SALE'"), only palettes it reads on. `palettes` are the
    style's; when none of them carries the asked colours, every palette is a candidate, then the neutral ones;
    when none carries them all, the colours of single texts are let go first (a panel can carry those).
    """

    def carries(palette: Palette, minimum: float | None) -> bool:
        background = palette.background
        return (
            (accent is None or contrast_ratio(accent, background) >= BRAND_HEADLINE_CONTRAST)
            and (ink is None or contrast_ratio(ink, background) >= MIN_CONTRAST)
            and (minimum is None or all(contrast_ratio(color, background) >= minimum for color in texts))
        )

    # Single texts in their asked colour: readable as body text, else as large text (headlines, badges), else
    # not a condition at all (a panel behind such a text carries it).
    for pool, minimum in (
        (palettes, MIN_CONTRAST),
        (palettes, LARGE_TEXT_CONTRAST),
        (PALETTES + NEUTRAL_PALETTES, MIN_CONTRAST),
        (PALETTES + NEUTRAL_PALETTES, LARGE_TEXT_CONTRAST),
        (palettes, None),
        (PALETTES + NEUTRAL_PALETTES, None),
    ):
        candidates = [p for p in pool if carries(p, minimum)]
        if candidates:
            return pick(candidates, brief, seed)
    return pick(palettes or PALETTES, brief, seed)


def pick(options: Sequence[_T], brief: str, seed: int) -> _T:
    """One of `options` by a stable hash of the brief and the seed: the same brief and seed always pick the same."""
    return options[(zlib.crc32(brief.encode("utf-8")) + seed) % len(options)]


def scheme_for(
    background: str | None,
    accent: str | None,
    seed: int,
    brief: str = "",
    *,
    palettes: Sequence[Palette] = PALETTES,
    ink: str | None = None,
    texts: Sequence[str] = (),
    gradient: bool = True,
) -> ColorScheme:
    """Colours for a plan: the asked background (or a palette chosen from `palettes` by brief and seed, one that
    the colours asked for single `texts` read on where one does), the asked text colour `ink` where it reads, and
    an accent. `gradient` False keeps the background flat."""
    palette = None if background else default_palette(brief, seed, accent, palettes=palettes, ink=ink, texts=texts)
    base = background or (palette.background if palette else "#FFFFFF")
    asked_ink = ink is not None and worst_contrast(ink, [base]) >= MIN_CONTRAST
    if ink is None or not asked_ink:
        ink = palette.ink if palette else ink_for([base])
    if worst_contrast(ink, [base]) < MIN_CONTRAST:
        ink = ink_for([base])
    chosen_accent = accent or (palette.accent if palette else _accent_for(base, ink))
    backdrop = background_of(base, [ink]) if gradient else SolidBackground(color=base)
    behind = [backdrop.start, backdrop.end] if isinstance(backdrop, GradientBackground) else [backdrop.color]
    headline = palette.headline if palette and not asked_ink else ink
    # A brand colour sets the (large) headline whenever it reads there: the brand shows at every canvas size.
    if accent and worst_contrast(accent, behind) >= BRAND_HEADLINE_CONTRAST:
        headline = accent
    return ColorScheme(
        background=backdrop, ink=ink, headline=headline, accent=chosen_accent, palette=palette.name if palette else None
    )


def _accent_for(background: str, ink: str) -> str:
    """A chromatic accent that stands out on the background, else the ink."""
    for candidate in _ACCENTS:
        if contrast_ratio(candidate, background) >= 3.0:
            return candidate
    return ink


def panel_fill_for(text_color: str) -> str:
    """A panel colour that makes `text_color` readable: white or near-black, whichever contrasts more."""
    return max(("#FFFFFF", "#111111"), key=lambda c: contrast_ratio(text_color, c))
