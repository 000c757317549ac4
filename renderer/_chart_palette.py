"""The colours a chart's series are drawn in, derived from the plan's own colours, and recorded in the plan.

A series with a `color` keeps it. The others take, in order, colours derived from the chart's base colour: the
plan's first colourful text colour (title, then heading, then any text), else the first colourful frame or shape
fill, else the title's grey. Derived colours alternate between the base hue and its complement (blue and orange
for a blue brand: a pair colour-blind readers tell apart), at the base colour's luminance, then tints and shades
of both, then the two hues a quarter turn away. A grey base gives greys that differ in lightness.

A pie or donut draws its one series as slices: the slices take the same sequence, starting from the series
colour, so the laid-out plan's series colour is the first slice's.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

from tessera.contract import (
    RGB,
    SRGB_CURVE,
    ChartElement,
    Frame,
    LayoutPlan,
    Series,
    contrast_ratio,
    hex_to_rgb,
    relative_luminance,
    rgb_to_hex,
)
from tessera.renderer._colors import mix

_WHITE: RGB = (255, 255, 255)
_BLACK: RGB = (0, 0, 0)
_SLATE = "#222222"  # the roles' neutral accent, for a plan with no text at all
_COLOURFUL = 0.04  # OKLCH chroma from which a colour counts as a hue rather than a grey
_LEAST_CHROMA = 0.1  # a muted brand colour's derived hues are made at least this colourful
_COMPLEMENT_LIGHTNESS = 0.68  # OKLCH: at least this light, so the complement of a deep blue is an orange
_COMPLEMENT = 0.44  # of a turn: a split complement, nearer warm orange than yellow for a blue
_QUARTER_LIGHTNESS = 0.6
_LIGHTEST, _DARKEST = 0.9, 0.3  # OKLCH lightness bounds of derived colours: neither lost on white nor black
_DISTINCT_FROM_INK = 1.8  # WCAG contrast a series colour keeps from the chart's text colour
_TINT, _SHADE = 0.2, 0.16  # OKLCH lightness a tint gains and a shade loses
_CANDIDATES = 2000  # derived colours tried for distinct ones: a 60-slice pie on a grey base asks more than exist
_GREY_STEPS = (0.56, 0.82, 0.42, 0.7, 0.92, 0.63, 0.76, 0.49)  # OKLCH lightness of a grey plan's series
_GOLDEN = 0.381966  # of a turn: each further round's hue, never landing on an earlier one


def with_chart_colors(plan: LayoutPlan) -> LayoutPlan:
    """`plan` with every chart series' `color` filled in: the colour it is drawn in."""
    base = chart_base_color(plan)
    return plan.model_copy(update={"root": _colored(plan.root, base)})


def _colored(frame: Frame, base: RGB) -> Frame:
    children = [
        _colored(child, base)
        if isinstance(child, Frame)
        else _with_series_colors(child, base)
        if isinstance(child, ChartElement)
        else child
        for child in frame.children
    ]
    return frame.model_copy(update={"children": children})


def _with_series_colors(chart: ChartElement, base: RGB) -> ChartElement:
    ink = hex_to_rgb(chart.color)
    given = {series.color for series in chart.series if series.color is not None}
    derived = (color for color in series_colors(base, ink, len(chart.series) + len(given)) if color not in given)
    series = [
        s if s.color is not None else s.model_copy(update={"color": next(derived)}) for s in chart.series
    ]  # fmt: skip
    return chart.model_copy(update={"series": series})


def slice_colors(series: Series, ink: RGB, count: int) -> list[str]:
    """The colours of a pie's `count` slices: the series colour first, then the sequence derived from it."""
    first = hex_to_rgb(series.color) if series.color is not None else hex_to_rgb(_SLATE)
    return series_colors(first, ink, count)


def series_colors(base: RGB, ink: RGB, count: int) -> list[str]:
    """`count` distinct colours derived from `base`, each set apart from the text colour `ink`."""
    colors: list[str] = []
    for rgb in itertools.islice(_derived(base), _CANDIDATES):
        color = rgb_to_hex(_apart_from(rgb, ink))
        if color not in colors:
            colors.append(color)
        if len(colors) == count:
            return colors
    # Only a grey base runs out (its steps darken to black; some 55 greys stand apart from the ink): they repeat.
    return [colors[index % len(colors)] for index in range(count)]


def chart_base_color(plan: LayoutPlan) -> RGB:
    """The colour a plan's charts start from: its first colourful text, else colourful fill, else its title's."""
    texts = plan.texts()
    ranked = sorted(texts, key=lambda text: {"title": 0, "heading": 1}.get(text.role, 2))
    fills = [frame.fill for frame in plan.frames() if isinstance(frame.fill, str)]
    fills += [color for shape in plan.shapes() for color in (shape.fill, shape.stroke) if color is not None]
    for color in [text.color for text in ranked] + fills:
        if _oklch(hex_to_rgb(color))[1] >= _COLOURFUL:
            return hex_to_rgb(color)
    return hex_to_rgb(ranked[0].color if ranked else _SLATE)


def _derived(base: RGB) -> Iterator[RGB]:
    """The endless sequence of colours from `base`, in OKLCH (lightness, chroma, hue; a perceptual space): the base
    itself, its split complement (lighter than a dark base, darker than a light one: a complement as dark as a deep
    blue is a muddy brown), a tint and a shade of the pair, the two quarter-turn hues; then the same from a hue
    turned by the golden angle, so that no round repeats an earlier one."""
    lightness, chroma, hue = _oklch(base)
    if chroma < _COLOURFUL:
        yield from _greys(lightness)
        return
    chroma = max(chroma, _LEAST_CHROMA)
    lightness = min(_LIGHTEST - _TINT, max(_DARKEST + _SHADE, lightness))  # room for a tint and a shade
    complement = _COMPLEMENT_LIGHTNESS if lightness < _COMPLEMENT_LIGHTNESS else lightness - _TINT
    for round_ in itertools.count():
        turn = round_ * _GOLDEN
        pair = [(lightness, hue + turn), (complement, hue + _COMPLEMENT + turn)]
        yield base if round_ == 0 else _from_oklch(lightness, chroma, hue + turn)  # the brand colour exactly
        yield _from_oklch(complement, chroma, hue + _COMPLEMENT + turn)
        yield from (_from_oklch(light + _TINT, 0.6 * chroma, h) for light, h in pair)
        yield from (_from_oklch(light - _SHADE, 0.9 * chroma, h) for light, h in pair)
        yield from (_from_oklch(_QUARTER_LIGHTNESS, chroma, hue + turn + q) for q in (0.25, 0.75))


def _greys(lightness: float) -> Iterator[RGB]:
    """A grey base: a mid grey first (a black bar would read as text), then lighter and darker steps."""
    for step in itertools.count():
        yield _from_oklch(_GREY_STEPS[step % len(_GREY_STEPS)] - 0.02 * (step // len(_GREY_STEPS)), 0.0, 0.0)


def _apart_from(color: RGB, ink: RGB) -> RGB:
    """`color`, lightened (or darkened on dark ink) until it no longer reads as the text colour."""
    towards = _WHITE if relative_luminance(ink) < 0.5 else _BLACK
    share = 0.0
    while contrast_ratio(mix(color, towards, share), ink) < _DISTINCT_FROM_INK and share < 0.9:
        share += 0.1
    return mix(color, towards, share)


def _oklch(color: RGB) -> tuple[float, float, float]:
    """Lightness (0..1), chroma and hue (in turns) in OKLCH."""
    red, green, blue = (SRGB_CURVE.to_linear(channel / 255) for channel in color)
    l_, m_, s_ = (
        math.cbrt(0.4122214708 * red + 0.5363325363 * green + 0.0514459929 * blue),
        math.cbrt(0.2119034982 * red + 0.6806995451 * green + 0.1073969566 * blue),
        math.cbrt(0.0883024619 * red + 0.2817188376 * green + 0.6299787005 * blue),
    )
    lightness = 0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_
    a = 1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_
    b = 0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_
    return lightness, math.hypot(a, b), math.atan2(b, a) / math.tau % 1.0


def _from_oklch(lightness: float, chroma: float, hue: float) -> RGB:
    """The sRGB colour at that OKLCH point, its chroma reduced until it lies in the sRGB gamut."""
    for _ in range(40):
        linear = _oklab_to_linear(lightness, chroma * math.cos(hue * math.tau), chroma * math.sin(hue * math.tau))
        if all(-1e-4 <= channel <= 1 + 1e-4 for channel in linear):
            break
        chroma *= 0.92
    red, green, blue = (_encoded(min(1.0, max(0.0, channel))) for channel in linear)
    return round(red * 255), round(green * 255), round(blue * 255)


def _oklab_to_linear(lightness: float, a: float, b: float) -> tuple[float, float, float]:
    l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (
        4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
        -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
        -0.0041960863 * l_ - 0.7034186168 * m_ + 1.7076147010 * s_,
    )


def _encoded(linear: float) -> float:
    """Linear light as an sRGB channel in 0..1 (the inverse of the contract's curve)."""
    curve = SRGB_CURVE
    if linear <= curve.threshold / curve.slope:
        return linear * curve.slope
    return curve.scale * linear ** (1 / curve.gamma) - curve.offset
