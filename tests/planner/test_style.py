"""Style words, brief colours and brand kits -> the look of a plan: families, palettes, decoration, readable text."""

from __future__ import annotations

from typing import get_args

import pytest

from tessera.contract import (
    BrandColors,
    BrandKit,
    Canvas,
    Constraints,
    RequiredColor,
    SourceSpan,
    StyleCue,
    StyleName,
    Supplied,
    contrast_ratio,
)
from tessera.planner._colors import worst_contrast
from tessera.planner._style import Style, style_for
from tessera.planner._templates import Material, slots_of
from tessera.planner._templates._decor import decoration_nodes

BRIEF = "A poster 'Harvest Fair' with 'Saturday 10 AM'"
_NOWHERE = SourceSpan(start=0, end=0, quote="")
ALL_STYLES: tuple[StyleName, ...] = get_args(StyleName)


def _constraints(
    *styles: StyleName, colors: list[RequiredColor] | None = None, brand: BrandKit | None = None
) -> Constraints:
    return Constraints(
        brief=BRIEF,
        items=list(colors or []),
        styles=[StyleCue(style=style, source=_NOWHERE) for style in styles],
        supplied=Supplied(brand=brand),
    )


def _style(*styles: StyleName, seed: int = 0, **kwargs: object) -> Style:
    return style_for(_constraints(*styles, **kwargs), seed)  # type: ignore[arg-type]


def _color(target: str, color: str, subject: str | None = None) -> RequiredColor:
    return RequiredColor(id=f"color-{target}", target=target, subject=subject, color=color, source=_NOWHERE)  # type: ignore[arg-type]


def _backgrounds(style: Style) -> set[str]:
    return set(style.scheme.behind)


def test_serif_words_set_serif_headings() -> None:
    for name in ("serif", "vintage", "elegant", "luxury"):
        assert _style(name).heading_family == "serif", name


def test_a_brief_without_style_words_keeps_sans_and_a_rule() -> None:
    style = _style()
    assert (style.heading_family, style.body_family, style.decoration) == ("sans", "sans", "rule")


def test_playful_is_rounded_bright_and_display() -> None:
    playful, plain = _style("playful"), _style()
    assert playful.heading_family == "display"
    assert playful.radius > plain.radius
    assert playful.decoration == "dots"


def test_minimal_is_light_flat_square_and_regular() -> None:
    for seed in range(4):
        style = _style("minimal", seed=seed)
        assert style.radius == 0 and style.heading_weight == "regular"
        assert style.decoration in ("none", "rule")
        assert style.scheme.background.kind == "solid"
        assert contrast_ratio(style.scheme.behind[0], "#FFFFFF") < 1.15  # white or off-white


def test_chalkboard_is_a_dark_board_with_chalk_ink_and_handwritten_headings() -> None:
    style = _style("chalkboard")
    assert style.heading_family == "handwriting" and style.decoration == "chalk"
    assert contrast_ratio(style.scheme.behind[0], "#000000") < 2.5  # a dark board
    assert contrast_ratio(style.scheme.ink, "#FFFFFF") < 1.2  # chalk white


def test_vintage_frames_or_ornaments_the_page() -> None:
    decorations = {_style("vintage", seed=seed).decoration for seed in range(4)}
    assert decorations == {"double_frame", "corners"}


def test_tech_and_dark_are_dark_with_mono_labels() -> None:
    tech = _style("tech")
    assert tech.label_family == "mono"
    for name in ("tech", "dark"):
        for seed in range(4):
            assert contrast_ratio(_style(name, seed=seed).scheme.behind[0], "#000000") < 2.5


def test_dark_turns_a_light_style_dark_and_keeps_its_type() -> None:
    style = _style("minimal", "dark")
    assert contrast_ratio(style.scheme.behind[0], "#000000") < 2.5
    assert style.heading_weight == "regular"


def test_mono_sets_every_family_mono() -> None:
    style = _style("mono")
    assert (style.heading_family, style.body_family, style.label_family) == ("mono", "mono", "mono")


def test_type_words_win_over_the_families_of_other_words() -> None:
    style = _style("chalkboard", "serif")
    assert style.heading_family == "serif" and style.decoration == "chalk"


@pytest.mark.parametrize(("first", "second"), [("vintage", "minimal"), ("playful", "corporate"), ("luxury", "natural")])
def test_different_style_words_look_visibly_different(first: StyleName, second: StyleName) -> None:
    a, b = _style(first), _style(second)
    assert (a.heading_family, a.decoration) != (b.heading_family, b.decoration)
    assert _backgrounds(a) != _backgrounds(b)


def test_the_seed_varies_the_palette_within_the_style() -> None:
    palettes = {_style("vintage", seed=seed).scheme.palette for seed in range(6)}
    assert len(palettes) >= 2
    assert palettes <= {"sepia", "parchment", "faded navy"}


def test_a_background_the_brief_asks_for_wins_over_the_style() -> None:
    style = _style("chalkboard", colors=[_color("background", "#FFFFFF")])
    assert style.scheme.behind == ["#FFFFFF"]
    assert worst_contrast(style.scheme.ink, style.scheme.behind) >= 4.5
    assert style.heading_family == "handwriting"  # the rest of the style stays


def test_an_accent_the_brief_asks_for_wins_and_leads_the_headline() -> None:
    style = _style("luxury", colors=[_color("accent", "#0EA5A4")])
    assert style.scheme.accent == "#0EA5A4"
    assert style.scheme.headline == "#0EA5A4"


def test_a_text_colour_for_all_text_sets_the_ink_on_a_page_it_reads_on() -> None:
    style = _style("minimal", colors=[_color("text", "#FFFFFF")])
    assert style.scheme.ink == "#FFFFFF"
    assert worst_contrast("#FFFFFF", style.scheme.behind) >= 4.5


def test_colours_asked_for_single_texts_are_kept_for_templates() -> None:
    hex_code = _color("text", "#FF0000", subject="SALE").model_copy(
        update={"source": SourceSpan(start=0, end=7, quote="#FF0000")}
    )
    style = _style(colors=[hex_code])
    assert style.text_color("SALE") == "#FF0000" and style.text_color("Other") is None


def test_a_named_colour_asked_for_a_text_becomes_a_readable_shade_of_itself() -> None:
    style = _style(colors=[_color("text", "#FF0000", subject="SALE"), _color("background", "#FFFFFF")])
    shade = style.text_color("SALE")
    assert shade is not None and worst_contrast(shade, style.scheme.behind) >= 4.5


@pytest.mark.parametrize("name", ["tech", "luxury", "chalkboard", "minimal", None])
def test_a_colour_asked_for_one_text_reads_on_the_palette_picked(name: StyleName | None) -> None:
    for seed in range(4):
        style = _style(*((name,) if name else ()), seed=seed, colors=[_color("text", "#0000FF", subject="Open Day")])
        assert worst_contrast("#0000FF", style.scheme.behind) >= 4.0, (name, seed)


def test_a_brand_kit_wins_over_the_style_palette() -> None:
    brand = BrandKit(name="Acme", colors=BrandColors(primary="#1F4FFF", background="#FFFFFF", text="#101828"))
    style = _style("retro", brand=brand)
    assert style.scheme.behind == ["#FFFFFF"]
    assert (style.scheme.accent, style.scheme.headline, style.scheme.ink) == ("#1F4FFF", "#1F4FFF", "#101828")
    assert style.heading_family == "display"  # the style's type stays


def test_a_brand_primary_without_a_background_gets_a_page_it_reads_on() -> None:
    brand = BrandKit(colors=BrandColors(primary="#FFE600"))  # a light yellow no light palette carries
    for seed in range(4):
        style = _style("minimal", brand=brand, seed=seed)
        assert style.scheme.accent == "#FFE600"
        assert worst_contrast("#FFE600", style.scheme.behind) >= 3.5


def test_the_brief_wins_over_the_brand_kit() -> None:
    brand = BrandKit(colors=BrandColors(primary="#1F4FFF", background="#FFFFFF"))
    style = _style(brand=brand, colors=[_color("background", "#000080"), _color("accent", "#FFB000")])
    assert style.scheme.behind[0].upper() != "#FFFFFF" and style.scheme.accent == "#FFB000"


@pytest.mark.parametrize("name", [*ALL_STYLES, None])
def test_every_style_and_seed_keeps_every_text_readable(name: StyleName | None) -> None:
    for seed in range(8):
        style = _style(*((name,) if name else ()), seed=seed)
        behind, look = style.scheme.behind, style.look
        assert worst_contrast(style.scheme.ink, behind) >= 4.5, (name, seed)
        assert worst_contrast(style.scheme.headline, behind) >= 3.0, (name, seed)
        assert worst_contrast(look.accent, behind) >= 4.5, (name, seed)
        assert contrast_ratio(look.card_ink, look.surface) >= 4.5, (name, seed)
        assert contrast_ratio(look.button_ink, look.button) >= 4.5, (name, seed)


@pytest.mark.parametrize("name", ALL_STYLES)
def test_every_style_palette_reads_with_a_brand_colour(name: StyleName) -> None:
    brand = BrandKit(colors=BrandColors(primary="#E63946"))
    for seed in range(4):
        style = _style(name, brand=brand, seed=seed)
        assert worst_contrast(style.scheme.ink, style.scheme.behind) >= 4.5
        assert worst_contrast(style.scheme.headline, style.scheme.behind) >= 3.0


def _material(*styles: StyleName, seed: int = 0, size: tuple[int, int] = (1024, 1536)) -> Material:
    constraints = _constraints(*styles)
    canvas = Canvas(width=size[0], height=size[1])
    return Material(constraints, canvas, style_for(constraints, seed), seed, slots_of(constraints))


@pytest.mark.parametrize("name", ALL_STYLES)
def test_decoration_stays_in_the_margin_band(name: StyleName) -> None:
    for size in ((1024, 1536), (1920, 1080), (1050, 600), (400, 400), (3840, 480), (480, 3840), (64, 64)):
        for seed in range(2):
            material = _material(name, seed=seed, size=size)
            margin, (width, height) = material.margin, size
            for node in decoration_nodes(material):
                box = node.placed_box
                assert box.inside(width, height), node.id
                in_band = box.x + box.w <= margin or box.y + box.h <= margin
                in_band |= box.x >= width - margin or box.y >= height - margin
                assert in_band, (name, node.id, box)
                assert node.z <= 1


def test_each_decoration_draws_what_it_names() -> None:
    kinds = {
        "vintage": ("double_frame", "corners"),
        "chalkboard": ("chalk",),
        "playful": ("dots",),
        "luxury": ("frame", "double_frame"),
    }
    for name, expected in kinds.items():
        for seed in range(4):
            material = _material(name, seed=seed)  # type: ignore[arg-type]
            assert material.style.decoration in expected
            assert decoration_nodes(material), name
    assert decoration_nodes(_material("minimal", seed=0)) == [] or _material("minimal").style.decoration != "none"
    assert decoration_nodes(_material()) == []  # a rule is the template's, under the headline


def test_double_frame_is_two_borders_and_frame_one() -> None:
    double = next(
        _material("vintage", seed=s)
        for s in range(4)
        if _material("vintage", seed=s).style.decoration == "double_frame"
    )
    assert len(decoration_nodes(double)) == 8
    single = next(
        _material("luxury", seed=s) for s in range(4) if _material("luxury", seed=s).style.decoration == "frame"
    )
    assert len(decoration_nodes(single)) == 4
