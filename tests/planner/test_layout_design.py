"""How the rule planner's posters look: positions where asked, large-text contrast, varied palettes,
a visible brand colour, sprites that use the room, and spacing without empty bands."""

from __future__ import annotations

import pytest

from tessera.contract import Box, Canvas, LayoutPlan, ObjectGroup, ShapeElement, TextElement
from tessera.planner import RulePlanner, extract_constraints
from tessera.planner._colors import contrast_ratio, shift_lightness
from tessera.planner._palette import GRADIENT_STEP, PALETTES, default_palette, min_contrast
from tests.briefs import BRIEFS

CANVASES = [(768, 1152), (1024, 1024), (1536, 864)]


def _in_region(box: Box, region: str, width: int, height: int) -> bool:
    """The verifier's documented rule: edges are the outer 40%, corners are quadrants, 'center' the middle 40%."""
    cx, cy = box.center[0] / width, box.center[1] / height
    return {
        "top": cy < 0.4,
        "bottom": cy > 0.6,
        "left": cx < 0.4,
        "right": cx > 0.6,
        "top-left": cx < 0.5 and cy < 0.5,
        "top-right": cx >= 0.5 and cy < 0.5,
        "bottom-left": cx < 0.5 and cy >= 0.5,
        "bottom-right": cx >= 0.5 and cy >= 0.5,
        "center": 0.3 <= cx <= 0.7 and 0.3 <= cy <= 0.7,
    }[region]


def _plan(brief: str, size: tuple[int, int], seed: int = 0) -> LayoutPlan:
    return RulePlanner().plan(extract_constraints(brief), Canvas(width=size[0], height=size[1]), seed=seed).plan


_REGION_PHRASES = {
    "top-left": "in the top-left corner",
    "top": "at the top",
    "top-right": "in the top-right corner",
    "left": "on the left",
    "center": "in the middle",
    "right": "on the right",
    "bottom-left": "in the bottom-left corner",
    "bottom": "at the bottom",
    "bottom-right": "in the bottom-right corner",
}


@pytest.mark.parametrize("size", CANVASES, ids=[f"{w}x{h}" for w, h in CANVASES])
@pytest.mark.parametrize("region", list(_REGION_PHRASES))
def test_a_sprite_group_lands_in_the_region_it_was_asked_for(region: str, size: tuple[int, int]) -> None:
    phrase = _REGION_PHRASES[region]
    plan = _plan(f"Headline 'Hello Friends'. Subtitle 'See you soon'. Four stars {phrase}.", size)
    assert _in_region(plan.element("stars").box, region, *size)


@pytest.mark.parametrize("size", CANVASES, ids=[f"{w}x{h}" for w, h in CANVASES])
@pytest.mark.parametrize("region", list(_REGION_PHRASES))
def test_a_text_lands_in_the_region_it_was_asked_for(region: str, size: tuple[int, int]) -> None:
    phrase = _REGION_PHRASES[region]
    plan = _plan(f"Headline 'Hello Friends'. Subtitle 'See you soon'. The label 'Free entry' {phrase}.", size)
    label = next(t for t in plan.texts() if t.text == "Free entry")
    assert _in_region(label.box, region, *size)


def test_a_group_in_the_middle_sits_between_the_headline_above_and_the_body_below() -> None:
    case = next(c for c in BRIEFS if c.name == "cupcake-party")
    plan = _plan(case.brief, case.canvas_size)
    cupcakes, headline, body = plan.element("cupcakes"), plan.element("headline"), plan.element("body-1")
    assert _in_region(cupcakes.box, "center", *case.canvas_size)
    assert abs(cupcakes.box.center[1] / case.canvas_size[1] - 0.5) <= 0.1  # well inside the middle band
    assert headline.box.bottom <= cupcakes.box.y and body.box.y >= cupcakes.box.bottom


def test_a_large_headline_needs_only_three_to_one_so_white_on_red_gets_no_panel() -> None:
    plan = _plan("Headline 'Pizza Friday' in white on a red background.", (1088, 1088))
    headline = plan.element("headline")
    assert isinstance(headline, TextElement) and headline.color == "#FFFFFF"
    assert not any(e.id == "headline-panel" for e in plan.elements)


def test_body_text_still_needs_four_and_a_half_to_one() -> None:
    plan = _plan(
        "Headline 'Pizza'. Body text 'Any large pizza for twelve dollars' in white. Red background.", (1088, 1088)
    )
    body = next(t for t in plan.texts() if t.role == "body")
    panel = next((s for s in plan.shapes() if s.id == f"{body.id}-panel"), None)
    behind = panel.fill if panel else "#FF0000"
    assert contrast_ratio(body.color, behind or "") >= 4.5


def test_small_headlines_need_the_full_contrast() -> None:
    assert min_contrast("headline", 40, bold=True) == 3.0
    assert min_contrast("headline", 18, bold=True) == 4.5
    assert min_contrast("subheading", 22, bold=False) == 4.5
    assert min_contrast("body", 60, bold=False) == 4.5


def test_a_panel_hugs_a_one_line_text_with_padding() -> None:
    plan = _plan("Headline 'SALE' in yellow on a white background.", (1024, 1024))
    headline, panel = plan.element("headline"), plan.element("headline-panel")
    assert panel.box.w < 0.6 * 1024
    assert headline.box.x - panel.box.x >= 0.3 * headline.max_font_size
    assert isinstance(panel, ShapeElement) and panel.corner_radius > 0


def test_briefs_without_a_background_colour_get_different_palettes() -> None:
    briefs = [c.brief for c in BRIEFS if "background" not in c.brief]
    assert len({default_palette(brief, 0).name for brief in briefs}) >= 4


def test_the_same_brief_and_seed_always_get_the_same_palette() -> None:
    # crc32, not Python's salted hash(): stable across processes
    assert default_palette("Headline 'Hello'.", 0).name == default_palette("Headline 'Hello'.", 0).name
    assert [default_palette("Headline 'Hello'.", seed).name for seed in range(3)] == ["ink", "evergreen", "midnight"]


@pytest.mark.parametrize("palette", PALETTES, ids=[p.name for p in PALETTES])
def test_every_palette_reads_on_both_ends_of_its_gradient(palette) -> None:  # type: ignore[no-untyped-def]
    ends = [shift_lightness(palette.background, GRADIENT_STEP), shift_lightness(palette.background, -GRADIENT_STEP)]
    assert min(contrast_ratio(palette.ink, end) for end in ends) >= 4.5
    assert min(contrast_ratio(palette.headline, end) for end in ends) >= 4.5
    assert contrast_ratio(palette.accent, palette.background) >= 3.0


@pytest.mark.parametrize("size", [(256, 256), (768, 1152), (1536, 864), (1536, 512), (3840, 2160)])
def test_a_brand_colour_covers_a_visible_share_of_the_canvas(size: tuple[int, int]) -> None:
    plan = _plan("Headline 'Launch Week', subtitle 'Five new features'. Brand blue #1F4FFF.", size)
    branded = sum(s.box.area for s in plan.shapes() if s.fill == "#1F4FFF")
    assert branded >= 0.005 * size[0] * size[1]


def test_a_brand_colour_that_reads_large_sets_the_headline() -> None:
    plan = _plan("Headline 'Launch Week'. Brand blue #1F4FFF.", (1536, 864))
    headline = plan.element("headline")
    assert isinstance(headline, TextElement) and headline.color == "#1F4FFF"


def test_seven_cupcakes_in_the_middle_are_big_enough_to_see() -> None:
    case = next(c for c in BRIEFS if c.name == "cupcake-party")
    plan = _plan(case.brief, case.canvas_size)
    cupcakes = plan.element("cupcakes")
    assert isinstance(cupcakes, ObjectGroup)
    assert cupcakes.box.h >= 0.2 * case.canvas_size[1]  # rows of sprites about a tenth of the canvas tall


@pytest.mark.parametrize("case", BRIEFS, ids=[case.name for case in BRIEFS])
def test_no_group_grows_past_about_a_quarter_of_the_canvas(case) -> None:  # type: ignore[no-untyped-def]
    plan = _plan(case.brief, case.canvas_size)
    for group in plan.object_groups():
        assert group.box.h <= 0.32 * case.canvas_size[1], group.id


@pytest.mark.parametrize("case", BRIEFS, ids=[case.name for case in BRIEFS])
def test_no_empty_band_takes_a_third_of_the_poster(case) -> None:  # type: ignore[no-untyped-def]
    width, height = case.canvas_size
    plan = _plan(case.brief, case.canvas_size)
    margin = round(0.06 * min(width, height))
    reached, widest = margin, 0
    for top, bottom in sorted((e.box.y, e.box.bottom) for e in plan.elements):
        widest, reached = max(widest, top - reached), max(reached, bottom)
    widest = max(widest, height - margin - reached)
    assert widest <= height / 3
