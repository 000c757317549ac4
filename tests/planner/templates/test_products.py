"""The product templates: the name large, the price in the accent, the description, one buy button and the
features with checks; the photo given half the page only when the brief asks for one, and nothing made up."""

from __future__ import annotations

from tessera.contract import Frame, ListElement, PictureElement, TextElement
from tessera.planner._templates._products import DetailsAndFeatures, PhotoAndDetails
from tests.planner.templates._print_helpers import brief_strings, material_for, node, texts, walk

PHOTO_LEFT = PhotoAndDetails("product-photo", photo_first=True)
HEADPHONES = (
    "A product page for 'Aero Headphones' at '$199' with the description 'Studio sound, all day comfort', a "
    "'Buy now' button and bullets: noise cancelling, 30-hour battery, USB-C"
)
WITH_PHOTO = HEADPHONES.replace("a 'Buy now'", "a photo of headphones, a 'Buy now'")


def test_the_name_is_the_largest_text_and_the_price_is_in_the_accent() -> None:
    material = material_for(HEADPHONES)
    design = DetailsAndFeatures().compose(material)
    title, price = node(design.root, "title"), node(design.root, "price")
    assert isinstance(title, TextElement) and isinstance(price, TextElement)
    assert (title.text, price.text) == ("Aero Headphones", "$199")
    assert price.color == material.style.look.accent
    assert all((title.font_size or 0) >= (t.font_size or 0) for t in texts(design.root))


def test_one_buy_button_and_the_features_with_checks() -> None:
    design = DetailsAndFeatures().compose(material_for(HEADPHONES))
    buttons = [n for n in walk(design.root) if isinstance(n, Frame) and n.role == "button"]
    assert [t.text for b in buttons for t in texts(b)] == ["Buy now"]
    (features,) = [n for n in walk(design.root) if isinstance(n, ListElement)]
    assert (features.items, features.marker) == (["Noise cancelling", "30-hour battery", "USB-C"], "check")


def test_no_photo_is_made_up_when_the_brief_asks_for_none() -> None:
    material = material_for(HEADPHONES)
    assert PHOTO_LEFT.fit(material) is None
    design = DetailsAndFeatures().compose(material)
    assert not [n for n in walk(design.root) if isinstance(n, PictureElement)]
    assert {t.text for t in texts(design.root)} <= brief_strings(material)


def test_a_photo_asked_for_takes_half_the_page_beside_the_details() -> None:
    material = material_for(WITH_PHOTO)
    assert (PHOTO_LEFT.fit(material) or 0) > (DetailsAndFeatures().fit(material) or 0)
    design = PHOTO_LEFT.compose(material)
    product = node(design.root, "product")
    assert isinstance(product, Frame) and product.layout == "row"
    photo, details = product.children
    (picture,) = [n for n in walk(photo) if isinstance(n, PictureElement)]
    assert "headphones" in picture.prompt
    assert len([n for n in walk(design.root) if isinstance(n, PictureElement)]) == 1
    assert isinstance(photo, Frame) and isinstance(photo.width, int)
    assert photo.width >= 0.4 * (material.canvas.width - 2 * material.margin)


def test_on_a_tall_canvas_the_photo_goes_above_the_details() -> None:
    design = PHOTO_LEFT.compose(material_for(WITH_PHOTO, canvas=(1080, 1350)))
    product = node(design.root, "product")
    assert isinstance(product, Frame) and product.layout == "column"
    assert product.children[0].id == "photo"


def test_a_quoted_brand_leads_over_the_products_unquoted_kind() -> None:
    material = material_for("A product page for 'Lumière' candle with an 'Add to cart' button", kind="product")
    design = DetailsAndFeatures().compose(material)
    title = node(design.root, "title")
    assert isinstance(title, TextElement) and title.text == "Lumière"


def test_the_mirrored_photo_page_sets_the_details_first() -> None:
    material = material_for(WITH_PHOTO)
    mirrored = PhotoAndDetails("product-photo-right", photo_first=False)
    assert (PHOTO_LEFT.fit(material) or 0) > (mirrored.fit(material) or 0) >= (PHOTO_LEFT.fit(material) or 0) - 0.2
    product = node(mirrored.compose(material).root, "product")
    assert isinstance(product, Frame) and [c.id for c in product.children] == ["details", "photo"]
