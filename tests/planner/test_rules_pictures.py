"""Pictures and generated groups in the model-free planner: read from the brief, placed, and planned around."""

from __future__ import annotations

import pytest

from tessera.contract import (
    Box,
    Canvas,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    RequiredCount,
    ShapeElement,
    TextElement,
)
from tessera.planner import RulePlanner, check_plan, extract_constraints
from tessera.planner._extract import picture_requests

SQUARE = Canvas(width=1024, height=1024)
TALL = Canvas(width=1024, height=1536)
WIDE = Canvas(width=1920, height=1088)


def _sprites(known: str = "balloon apple dog cupcake trophy star cat") -> object:
    return lambda object_class: f"emoji:{object_class}" if object_class in known.split() else None


def _plan(brief: str, canvas: Canvas = SQUARE) -> LayoutPlan:
    """The generic layout's plan (a document of no particular kind: posters and slides get design templates)."""
    constraints = extract_constraints(brief).model_copy(update={"document": "document"})
    return RulePlanner(sprite_for=_sprites()).plan(constraints, canvas).plan


def _picture(plan: LayoutPlan) -> PictureElement:
    pictures = plan.pictures()
    assert len(pictures) == 1, pictures
    return pictures[0]


def _assert_no_text_on_picture(plan: LayoutPlan) -> None:
    for picture in plan.pictures():
        for element in plan.elements:
            if isinstance(element, TextElement | ObjectGroup | ShapeElement):
                assert element.box.intersection(picture.box) is None, (element.id, picture.id)


def _counts(brief: str) -> list[tuple[str, int]]:
    return [(c.object_class, c.count) for c in extract_constraints(brief).items if isinstance(c, RequiredCount)]


# --- reading pictures from the brief ---------------------------------------------------------------------------


def test_a_photo_filling_the_top_half_covers_the_top_half_edge_to_edge() -> None:
    plan = _plan("A travel poster with a photo of a mountain lake filling the top half. Headline 'VISIT NORWAY'.")
    picture = _picture(plan)
    assert (picture.prompt, picture.style) == ("a mountain lake", "photo")
    assert picture.box == Box(x=0, y=0, w=1024, h=512)


@pytest.mark.parametrize(
    ("words", "box"),
    [
        ("filling the bottom half", Box(x=0, y=512, w=1024, h=512)),
        ("on the left half", Box(x=0, y=0, w=512, h=1024)),
        ("filling the right half", Box(x=512, y=0, w=512, h=1024)),
        ("in the top-right quarter", Box(x=512, y=0, w=512, h=512)),
        ("in the bottom-left quarter", Box(x=0, y=512, w=512, h=512)),
    ],
)
def test_halves_and_quarters_bleed_to_the_canvas_edges(words: str, box: Box) -> None:
    plan = _plan(f"A poster with a photo of a red barn {words}. Headline 'Farm Days'.")
    assert _picture(plan).box == box
    assert _picture(plan).prompt == "a red barn"


def test_an_illustration_in_a_corner_sits_inside_the_margins_of_that_corner() -> None:
    plan = _plan("A card with an illustration of a fox in the bottom-left corner and the headline 'Hello Autumn'.")
    picture = _picture(plan)
    assert (picture.prompt, picture.style) == ("a fox", "illustration")
    assert picture.box.x > 0 and picture.box.right < 512
    assert picture.box.bottom < 1024 and picture.box.y > 512


def test_a_picture_across_the_top_is_a_band_and_its_words_are_no_text_position() -> None:
    brief = "An illustration of a lighthouse across the top, headline 'Coast'."
    constraints = extract_constraints(brief)
    assert constraints.of_kind("position") == []
    picture = _picture(_plan(brief))
    assert picture.box.y == 0 and picture.box.w == 1024 and 0.3 * 1024 < picture.box.h < 0.5 * 1024


def test_a_place_named_before_the_picture_counts_for_it() -> None:
    picture = _picture(_plan("Across the bottom, a watercolor painting of a harbour. Headline 'Sail Away'."))
    assert picture.box.bottom == 1024 and picture.box.w == 1024
    assert picture.style == "illustration" and picture.prompt.startswith("a harbour")


def test_a_picture_at_the_center_has_the_headline_above_and_the_rest_below() -> None:
    plan = _plan(
        "A poster with a photo of a beach at the center, the headline 'Summer Fest' and the body "
        "'Live music every weekend'.",
        TALL,
    )
    picture = _picture(plan)
    assert abs(picture.box.center[1] - 768) < 40
    headline = plan.element("headline")
    body = next(t for t in plan.texts() if t.text == "Live music every weekend")
    assert headline.box.bottom <= picture.box.y and body.box.y >= picture.box.bottom
    _assert_no_text_on_picture(plan)


def test_a_picture_with_no_place_is_the_hero_on_top_of_a_square_canvas() -> None:
    picture = _picture(_plan("A poster with a photo of a waterfall and the headline 'Iceland'."))
    assert picture.box == Box(x=0, y=0, w=1024, h=512)


def test_a_picture_with_no_place_takes_the_right_side_of_a_wide_canvas() -> None:
    plan = _plan("A 16:9 slide with an image of a wind farm, titled 'Clean Energy'.", WIDE)
    picture = _picture(plan)
    assert picture.box.right == 1920 and picture.box.h == 1088 and picture.box.x > 960
    assert plan.element("headline").box.right <= picture.box.x


@pytest.mark.parametrize(
    "brief",
    [
        (
            "A travel poster with a photo of a mountain lake filling the top half. Headline 'VISIT NORWAY', "
            "subheading 'Fjords and glaciers' and the footer 'visitnorway.com'."
        ),
        (
            "A card with an illustration of a fox in the bottom-left corner, the headline 'Hello Autumn' and the "
            "body 'Warm wishes from all of us'. 3 red apples."
        ),
        "A picture of a sunset on the right half, headline 'Evening' and footer 'Open late'.",
        "A poster with a photo of a beach at the center, headline 'Summer' and 5 stars.",
    ],
)
def test_text_and_groups_are_planned_around_a_picture_and_the_plan_is_valid(brief: str) -> None:
    constraints = extract_constraints(brief)
    plan = RulePlanner(sprite_for=_sprites()).plan(constraints, SQUARE).plan
    assert check_plan(plan, constraints) == []
    _assert_no_text_on_picture(plan)
    assert all(e.box.inside(1024, 1024) for e in plan.elements)


# --- background pictures ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("brief", "prompt"),
    [
        ("A bakery flyer with a photo of fresh bread as the background. Headline 'Fresh Daily'.", "fresh bread"),
        ("A poster over a photograph of a city skyline: 'NIGHT RUN' and 'Saturday 9 PM'.", "a city skyline"),
        ("A photo of a cabin in the woods filling the background, headline 'Escape'.", "a cabin in the woods"),
    ],
)
def test_a_background_picture_covers_the_canvas_under_everything(brief: str, prompt: str) -> None:
    plan = _plan(brief)
    picture = _picture(plan)
    assert picture.prompt == prompt
    assert picture.box == Box(x=0, y=0, w=1024, h=1024)
    assert all(picture.z < e.z for e in plan.elements if e is not picture)
    assert check_plan(plan, extract_constraints(brief)) == []


def test_every_text_over_a_background_picture_sits_on_a_panel_it_reads_on() -> None:
    from tessera.planner._colors import worst_contrast

    plan = _plan(
        "A bakery flyer with a photo of fresh bread as the background. Headline 'Fresh Daily', subheading "
        "'Sourdough and rye' and the footer 'Open 7 AM'."
    )
    for text in plan.texts():
        panel = plan.element(f"{text.id}-panel")
        assert isinstance(panel, ShapeElement) and panel.fill is not None
        assert panel.z < text.z and panel.box.intersection(text.box) == text.box
        assert worst_contrast(text.color, [panel.fill]) >= 3.0


def test_a_named_background_colour_keeps_the_picture_to_the_hero_region() -> None:
    result = RulePlanner(sprite_for=_sprites()).plan(
        extract_constraints("A photo of a forest as the background on a deep green background. Headline 'Wild'."),
        SQUARE,
    )
    picture = _picture(result.plan)
    assert picture.box != Box(x=0, y=0, w=1024, h=1024)
    assert any("background colour" in note for note in result.notes)


# --- generated groups and exact counts -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("brief", "object_class", "count", "prompt"),
    [
        ("A poster with 3 realistic dogs and the headline 'ADOPT'.", "dog", 3, "a photo of a dog"),
        ("Photos of 4 apples under the headline 'Fruit Week'.", "apple", 4, "a photo of an apple"),
        ("Show 5 photorealistic cupcakes and the title 'Bake Sale'.", "cupcake", 5, "a photo of a cupcake"),
        ("4 photos of red apples and the title 'Orchard'.", "apple", 4, "a photo of a red apple"),
        ("A painting of two cats and the headline 'Home'.", "cat", 2, "an illustration of a cat"),
    ],
)
def test_a_real_look_asked_for_a_group_makes_it_generated_with_its_count_unchanged(
    brief: str, object_class: str, count: int, prompt: str
) -> None:
    assert _counts(brief) == [(object_class, count)]
    plan = _plan(brief)
    (group,) = plan.object_groups()
    assert (group.object_class, group.count, group.look, group.prompt) == (object_class, count, "generated", prompt)
    assert plan.pictures() == []  # the phrase styles the group; it draws no picture of its own


def test_a_group_without_a_look_asked_stays_sprites() -> None:
    (group,) = _plan("A launch poster with the headline 'GO' and 5 red balloons.").object_groups()
    assert (group.look, group.prompt) == ("sprite", None)


def test_a_class_no_sprite_draws_is_generated_rather_than_badged() -> None:
    (group,) = _plan("A poster with 3 small submarines and the headline 'DIVE'.").object_groups()
    assert (group.count, group.look, group.prompt) == (3, "generated", "an illustration of a small submarine")


def test_without_a_sprite_lookup_every_group_stays_sprites() -> None:
    constraints = extract_constraints("A poster with 3 small submarines and the headline 'DIVE'.")
    (group,) = RulePlanner(sprite_for=None).plan(constraints, SQUARE).plan.object_groups()
    assert group.look == "sprite"


# --- no spurious constraints -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "brief",
    [
        "A travel poster with a photo of a mountain lake filling the top half. Headline 'VISIT NORWAY'.",
        "A poster with one photo of a beach at the center and the headline 'Summer'.",
        "A single illustration of a dragon on the left and the title 'Legends'.",
        "A photo of a red apple in the top-right quarter. Headline 'Apple Day'.",
        "A card with an illustration of a fox in the bottom-left corner and the headline 'Hello Autumn'.",
    ],
)
def test_a_picture_phrase_makes_no_count_colour_or_position_constraint(brief: str) -> None:
    constraints = extract_constraints(brief)
    assert [c.kind for c in constraints.items] == ["text"]


def test_a_place_after_the_headline_still_belongs_to_the_headline() -> None:
    constraints = extract_constraints(
        "A poster with the headline 'Summer' at the center and a photo of a beach on the left."
    )
    (position,) = constraints.of_kind("position")
    assert (position.subject, position.region) == ("Summer", "center")
    (picture,) = picture_requests(constraints)
    assert (picture.prompt, picture.spot) == ("a beach", "left")


def test_a_colour_named_for_the_background_stays_a_background_colour_beside_a_picture() -> None:
    constraints = extract_constraints("A photo of a lake on a dark blue background with the headline 'Calm'.")
    (color,) = constraints.of_kind("color")
    assert color.target == "background"
    (picture,) = picture_requests(constraints)
    assert picture.prompt == "a lake" and picture.spot is None


def test_a_counted_group_beside_a_picture_keeps_its_own_count() -> None:
    brief = "A photo of a beach filling the top half and 3 realistic umbrellas. Headline 'Relax'."
    assert _counts(brief) == [("umbrella", 3)]
    plan = _plan(brief)
    assert len(plan.pictures()) == 1 and plan.object_groups()[0].count == 3
    _assert_no_text_on_picture(plan)


def test_the_notes_and_rationale_say_where_the_picture_went() -> None:
    result = RulePlanner(sprite_for=_sprites()).plan(
        extract_constraints("A photo of a mountain lake filling the top half. Headline 'Norway'."), SQUARE
    )
    assert any("mountain lake" in note for note in result.notes)
    assert "mountain lake" in result.plan.rationale


@pytest.mark.parametrize(
    ("corner", "headline_above_the_rest"),
    [("top-right", False), ("top-left", False), ("bottom-left", True), ("bottom-right", True)],
)
def test_a_corner_picture_gets_the_headline_beside_it_not_an_empty_quarter(
    corner: str, headline_above_the_rest: bool
) -> None:
    plan = _plan(
        f"A flyer with the headline 'SUMMER SALE', a photo of a beach in the {corner} corner, "
        "the text 'Up to 50% off' and exactly 4 apples."
    )
    picture = _picture(plan)
    headline = next(t for t in plan.texts() if t.text == "SUMMER SALE")
    offer = next(t for t in plan.texts() if t.text == "Up to 50% off")
    assert not headline.box.intersection(picture.box) and not offer.box.intersection(picture.box)
    if headline_above_the_rest:
        # Bottom corners: the headline leads in the band above, the rest sits beside the picture.
        assert headline.box.bottom <= picture.box.y and offer.box.y >= picture.box.y
    else:
        # Top corners: the headline shares the picture's rows, on the other side of the canvas.
        assert headline.box.y < picture.box.bottom and offer.box.y >= picture.box.bottom
        picture_on_the_right = picture.box.center[0] > SQUARE.width / 2
        assert headline.box.right <= picture.box.x if picture_on_the_right else headline.box.x >= picture.box.right
