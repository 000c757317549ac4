"""The poster, flyer, banner and sign templates: the headline leads, facts are grouped with icons, the call to
action is a button, nothing is made up, and each template declines what it cannot carry."""

from __future__ import annotations

import pytest

from tessera.contract import (
    Constraints,
    Frame,
    IconElement,
    PictureElement,
    RequiredText,
    SourceSpan,
    TextElement,
    TextPurpose,
)
from tessera.planner._colors import worst_contrast
from tessera.planner._templates import Template
from tessera.planner._templates._posters import (
    BannerBlock,
    BannerSplit,
    PosterCentred,
    PosterEditorial,
    PosterPicture,
    SignBand,
    SignBold,
)
from tests.planner.templates._print_helpers import brief_strings, material_for, material_of, node, texts, walk

EVENT = (
    "A poster 'Spring Seed Swap' with 'Sunday 22 March', 'Elm Park Greenhouse', 'Free for everyone' and "
    "'Scan to register'"
)
JAZZ = "A jazz night poster: 'Blue Note Evening', Friday 8 PM, The Loft, tickets $15, vintage style"
PICTURE = "A flyer 'Fresh Saturdays' with 'Every Saturday 8am-1pm' and a photo of vegetables"
BANNER = "A banner 'Summer Sale' with 'Up to 50% off everything' and 'Shop now'"
SIGN = "A sign 'No Parking' with 'Fire lane - vehicles will be towed'"

POSTERS = [PosterCentred(), PosterEditorial(), PosterPicture()]


@pytest.mark.parametrize("template", [PosterCentred(), PosterEditorial()], ids=lambda t: t.name)
def test_an_event_poster_groups_its_facts_and_makes_the_call_to_action_a_button(template: Template) -> None:
    material = material_for(EVENT)
    design = template.compose(material)
    assert design.root.id == "root"
    facts = node(design.root, "facts")
    assert isinstance(facts, Frame)
    icons = [n.name for n in walk(facts) if isinstance(n, IconElement)]
    assert icons == ["calendar", "ticket"]  # "Sunday 22 March", "Free for everyone"
    (button,) = [n for n in walk(design.root) if isinstance(n, Frame) and n.role == "button"]
    assert [t.text for t in texts(button)] == ["Scan to register"]


@pytest.mark.parametrize("template", POSTERS[:2], ids=lambda t: t.name)
def test_the_headline_is_the_largest_text_and_every_string_is_the_briefs(template: Template) -> None:
    material = material_for(EVENT)
    design = template.compose(material)
    set_texts = texts(design.root)
    headline = node(design.root, "headline")
    assert isinstance(headline, TextElement) and headline.text == "Spring Seed Swap"
    assert all(t.font_size is not None and headline.font_size is not None for t in set_texts)
    assert max(set_texts, key=lambda t: t.font_size or 0) is headline
    assert {t.text for t in set_texts} <= brief_strings(material)
    assert len({t.font_size for t in set_texts}) <= 4  # headline, facts, body and small print at most


def test_the_editorial_poster_sets_everything_left_on_a_block_of_colour() -> None:
    design = PosterEditorial().compose(material_for(EVENT))
    block = node(design.root, "colour-block")
    assert isinstance(block, Frame) and block.fill is not None and block.role == "panel"
    assert {t.align for t in texts(design.root) if t.text != "Scan to register"} == {"left"}


def test_a_wide_editorial_poster_puts_its_block_beside_the_text() -> None:
    design = PosterEditorial().compose(material_for(EVENT, canvas=(1536, 1024)))
    assert design.root.layout == "row"


def test_the_picture_poster_needs_a_picture_and_gives_it_the_top() -> None:
    assert PosterPicture().fit(material_for(EVENT)) is None
    material = material_for(PICTURE)
    assert PosterPicture().fit(material) is not None
    design = PosterPicture().compose(material)
    first = design.root.children[0]
    assert first.id == "visual"
    assert isinstance(first, Frame) and any(isinstance(n, PictureElement) for n in first.children)
    assert first.height == "fill"


def test_a_poster_with_only_a_headline_centres_it_large() -> None:
    material = material_for(JAZZ)
    design = PosterCentred().compose(material)
    assert design.root.justify == "center"
    headline = node(design.root, "headline")
    assert isinstance(headline, TextElement) and (headline.font_size or 0) >= material.scale.size(6)


def test_templates_without_texts_decline() -> None:
    material = material_for("A poster with 3 red balloons")
    assert [t.fit(material) for t in (PosterCentred(), PosterEditorial())] == [None, None]


def test_a_banner_keeps_its_headline_on_one_line_and_the_button_on_the_right() -> None:
    material = material_for(BANNER, canvas=(1920, 640))
    design = BannerSplit().compose(material)
    assert design.root.layout == "row"
    last = design.root.children[-1]
    assert isinstance(last, Frame) and last.role == "button"
    assert [t.text for t in texts(last)] == ["Shop now"]
    headline = node(design.root, "headline")
    assert isinstance(headline, TextElement) and headline.max_lines == 2


def test_the_block_banner_needs_a_wide_canvas_and_a_brand() -> None:
    branded = Constraints(
        brief="brand Acme, banner Sale",
        document="banner",
        items=[_text("text-1", "Acme", "brand", 6), _text("text-2", "Sale", "title", 20)],
    )
    assert BannerBlock().fit(material_of(branded, canvas=(1000, 1000))) is None
    assert BannerBlock().fit(material_for(BANNER, canvas=(1920, 640))) is None  # no brand
    design = BannerBlock().compose(material_of(branded, canvas=(1920, 640)))
    block = node(design.root, "colour-block")
    assert [t.text for t in texts(block)] == ["Acme"]  # type: ignore[arg-type]
    assert node(design.root, "headline").text == "Sale"  # type: ignore[union-attr]


def _text(node_id: str, words: str, purpose: TextPurpose, start: int) -> RequiredText:
    span = SourceSpan(start=start, end=start + len(words), quote=words)
    return RequiredText(id=node_id, text=words, quoted=True, purpose=purpose, source=span)


@pytest.mark.parametrize("template", [SignBold(), SignBand()], ids=lambda t: t.name)
def test_a_sign_sets_its_message_big_in_strong_contrast(template: Template) -> None:
    material = material_for(SIGN)
    design = template.compose(material)
    headline = node(design.root, "headline")
    assert isinstance(headline, TextElement) and headline.text == "No Parking"
    assert (headline.font_size or 0) >= material.scale.size(4)
    if template.name == "sign-bold":
        assert worst_contrast(headline.color, material.style.scheme.behind) >= 7.0
    assert {t.text for t in texts(design.root)} <= brief_strings(material)


def test_a_wide_picture_poster_sets_the_words_left_and_the_picture_right() -> None:
    design = PosterPicture().compose(material_for(PICTURE, canvas=(1536, 1024)))
    assert design.root.layout == "row"
    assert [child.id for child in design.root.children[:2]] == ["words", "visual"]


@pytest.mark.parametrize(
    "brief",
    [
        "A poster 'ADOPT' with 3 dogs",  # things to count: the scene layout arranges them
        "A poster 'Lake Day' with a photo of a lake filling the top half",  # a place for the picture
        "A poster 'Kites' with a kite above the trees",  # a relation between things
    ],
)
def test_briefs_that_ask_for_a_scene_are_left_to_the_generic_layout(brief: str) -> None:
    material = material_for(brief)
    assert [t.fit(material) for t in (*POSTERS, SignBold())] == [None, None, None, None]
