"""The card and certificate templates: a clear name line, generous margins, contacts with icons, a certificate's
recipient large and its signature and date lines only with the brief's words."""

from __future__ import annotations

import pytest

from tessera.contract import Border, Frame, IconElement, TextElement
from tessera.planner._templates import Template
from tessera.planner._templates._cards import (
    BusinessCardCentred,
    BusinessCardSplit,
    CertificateClassic,
    CertificateModern,
    GreetingCard,
)
from tests.planner.templates._print_helpers import brief_strings, material_for, node, texts, walk

BUSINESS = "A business card for 'Dana Ruiz', 'Product Designer', 'dana@ruiz.studio', '+1 555 0134'"
GREETING = "A birthday card 'Happy Birthday, Mia!' with 'Wishing you a wonderful year' from 'Love, Grandma'"
CERTIFICATE = (
    "A certificate of completion for 'Maria Chen' titled 'Certificate of Excellence', signed 'Dr. Alan Ford', "
    "dated 'June 3, 2025'"
)


@pytest.mark.parametrize("template", [BusinessCardSplit(), BusinessCardCentred()], ids=lambda t: t.name)
def test_a_business_card_sets_the_name_first_and_the_contacts_after_icons(template: Template) -> None:
    material = material_for(BUSINESS)
    assert (material.canvas.width, material.canvas.height) == (1050, 600)
    design = template.compose(material)
    set_texts = texts(design.root)
    name = next(t for t in set_texts if t.text == "Dana Ruiz")
    assert max(set_texts, key=lambda t: t.font_size or 0) is name
    icons = {n.name for n in walk(design.root) if isinstance(n, IconElement)}
    assert icons == {"mail", "phone"}
    assert {t.text for t in set_texts} <= brief_strings(material)
    assert design.root.padding == 0 or design.root.insets.left >= material.margin


def test_the_split_card_puts_a_block_of_colour_beside_the_details() -> None:
    design = BusinessCardSplit().compose(material_for(BUSINESS))
    panel, details = design.root.children[:2]
    assert isinstance(panel, Frame) and panel.role == "panel" and panel.fill is not None
    assert isinstance(details, Frame) and details.id == "details"
    assert {t.align for t in texts(details)} == {"left"}


def test_business_cards_want_a_business_card_shape() -> None:
    tall = material_for(BUSINESS, canvas=(1200, 1680))
    assert BusinessCardSplit().fit(tall) is None
    assert BusinessCardCentred().fit(tall) is None
    assert GreetingCard().fit(tall) is not None


def test_a_greeting_card_sets_the_greeting_large_and_the_sign_off_at_the_foot() -> None:
    material = material_for(GREETING)
    design = GreetingCard().compose(material)
    greeting = node(design.root, "headline")
    assert isinstance(greeting, TextElement) and greeting.text == "Happy Birthday, Mia!"
    face = node(design.root, "card-face")
    assert isinstance(face, Frame) and isinstance(face.border, Border)
    sign_off = face.children[-1]
    assert isinstance(sign_off, TextElement) and sign_off.text == "Love, Grandma"
    assert {t.text for t in texts(design.root)} <= brief_strings(material)


@pytest.mark.parametrize("template", [CertificateClassic(), CertificateModern()], ids=lambda t: t.name)
def test_a_certificate_names_its_recipient_large_and_lines_only_the_briefs_words(template: Template) -> None:
    material = material_for(CERTIFICATE)
    design = template.compose(material)
    recipient = node(design.root, "recipient")
    assert isinstance(recipient, TextElement) and recipient.text == "Maria Chen"
    assert max(texts(design.root), key=lambda t: t.font_size or 0) is recipient
    assert recipient.family == "serif"
    date_line, signature_line = node(design.root, "date-line"), node(design.root, "signature-line")
    assert [t.text for t in texts(date_line)] == ["June 3, 2025"]  # type: ignore[arg-type]
    assert [t.text for t in texts(signature_line)] == ["Dr. Alan Ford"]  # type: ignore[arg-type]
    assert {t.text for t in texts(design.root)} <= brief_strings(material)


def test_the_classic_certificate_is_framed_twice_and_centred() -> None:
    design = CertificateClassic().compose(material_for(CERTIFICATE))
    outer, inner = node(design.root, "outer-frame"), node(design.root, "inner-frame")
    assert isinstance(outer, Frame) and outer.border is not None
    assert isinstance(inner, Frame) and inner.border is not None and inner.align == "center"


def test_a_certificate_without_a_date_or_signer_draws_no_lines() -> None:
    design = CertificateClassic().compose(material_for("A certificate 'Award of Merit' for 'Sam Lee'"))
    assert not [n for n in walk(design.root) if n.id in ("signatures", "date-line", "signature-line")]


def test_the_modern_certificate_needs_a_wide_canvas() -> None:
    assert CertificateModern().fit(material_for(CERTIFICATE, canvas=(1240, 1754))) is None
