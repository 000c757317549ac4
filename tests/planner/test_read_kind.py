"""Reading the kind of document a brief asks to make, the words that name it, and the canvas each kind gets when
the brief names no size; overriding the kind as `--kind` does."""

from __future__ import annotations

from typing import get_args

import pytest

from tessera.contract import Canvas, DocumentKind
from tessera.planner import KIND_CANVAS, apply_kind, extract_constraints


def _kind(brief: str) -> tuple[str, str | None]:
    constraints = extract_constraints(brief)
    source = constraints.document_source
    return constraints.document, source.quote if source else None


def _size(brief: str) -> tuple[int, int] | None:
    canvas = extract_constraints(brief).canvas
    return None if canvas is None else (canvas.width, canvas.height)


@pytest.mark.parametrize(
    ("brief", "kind", "words"),
    [
        ("Design a poster for a jazz night", "poster", "poster"),
        ("A flyer for a yard sale", "flyer", "flyer"),
        ("A leaflet about recycling", "flyer", "leaflet"),
        ("A slide deck about Q3 results", "slide", "slide deck"),
        ("A presentation on our roadmap", "slide", "presentation"),
        ("An infographic about coffee", "infographic", "infographic"),
        ("A restaurant menu with five dishes", "menu", "restaurant menu"),
        ("A wine label for a 2019 Merlot", "label", "wine label"),
        ("Packaging design for organic tea", "label", "Packaging design"),
        ("An analytics dashboard with four KPIs", "dashboard", "dashboard"),
        ("An admin panel for a shop", "dashboard", "admin panel"),
        ("A login screen for a banking app", "login", "login screen"),
        ("A sign-up form with email and password", "login", "sign-up form"),
        ("Pricing page with three tiers", "pricing", "Pricing page"),
        ("Landing page for a smart water bottle", "product", "Landing page"),
        ("A product page for running shoes", "product", "product page"),
        ("A set of 12 weather icons", "icon_set", "set of 12 weather icons"),
        ("An icon pack for a fitness app", "icon_set", "icon pack"),
        ("A YouTube banner for my channel", "banner", "YouTube banner"),
        ("A header image for my blog", "banner", "header image"),
        ("A business card for Jane Doe, designer", "card", "business card"),
        ("A birthday card for Mia", "card", "birthday card"),
        ("A wedding invitation for Ana and Luis", "card", "wedding invitation"),
        ("A postcard from Lisbon", "card", "postcard"),
        ("A certificate of completion for Jane", "certificate", "certificate"),
        ("A diploma for the class of 2025", "certificate", "diploma"),
        ("The first page of a research paper titled Cats", "paper", "first page of a research paper"),
        ("An academic paper about graph theory", "paper", "academic paper"),
        ("Annual report cover 2024", "paper", "Annual report"),
        ("A page of a transit authority annual report", "paper", "page of a transit authority annual report"),
        ("A Chinese and English bilingual poster", "poster", "poster"),
        ("A recipe card for lemon chicken", "card", "recipe card"),
        ("A neon sign that reads OPEN", "sign", "neon sign"),
        ("Billboard for a new phone", "sign", "Billboard"),
        ("Ein Plakat für ein Konzert", "poster", "Plakat"),
        ("Une affiche pour un concert", "poster", "affiche"),
        ("\u6d77\u62a5\uff1a\u590f\u65e5\u97f3\u4e50\u8282", "poster", "\u6d77\u62a5"),
        ("\u30b9\u30e9\u30a4\u30c9\u3092\u4f5c\u3063\u3066", "slide", "\u30b9\u30e9\u30a4\u30c9"),
    ],
)
def test_the_document_kind_and_the_words_that_name_it(brief: str, kind: str, words: str) -> None:
    assert _kind(brief) == (kind, words)


@pytest.mark.parametrize(
    ("brief", "kind"),
    [
        ("A poster with a photo of a sign", "poster"),
        ("A flyer with a banner across the top", "flyer"),
        ("A slide showing a restaurant menu", "slide"),
        ("A birthday card with a banner and balloons", "card"),
    ],
)
def test_the_made_artefact_wins_over_the_documents_it_shows(brief: str, kind: str) -> None:
    assert _kind(brief)[0] == kind


@pytest.mark.parametrize(
    "brief",
    [
        "a lamp to the left of a sofa",
        "Three red apples on a table",
        "A photo of a street sign that reads Main St",
        "A birthday party scene with a banner",
        "A watercolor painting of a lighthouse",
        "A child on a playground slide",
        "Draw two cats sleeping on a rug",
    ],
)
def test_a_brief_that_describes_things_and_names_no_document_is_a_scene(brief: str) -> None:
    assert _kind(brief) == ("scene", None)


@pytest.mark.parametrize(
    "brief",
    [
        "Make something nice",
        "Hello world",
        "A blue background with the text hello",
        "Title: Deep Learning for Cats. Author list: A. Smith, B. Jones",
        "An app with a dropdown menu and a sign-in button",
        "Label: Organic Honey",
        "A concert ticket for Aurora Vale with a tear-off stub",
        "A weather widget for Lisbon with icons",
        "The first onboarding screen of Sprout, a habit app, with an illustration and a title",
        "A notification settings card with toggles",
    ],
)
def test_a_brief_that_names_no_document_and_no_things_is_a_document(brief: str) -> None:
    assert _kind(brief) == ("document", None)


def test_a_document_word_inside_a_text_names_no_kind() -> None:
    assert _kind("Title: My Poster Collection. A photo of shelves.")[0] == "scene"


@pytest.mark.parametrize(
    ("brief", "size"),
    [
        ("A launch poster with 'GRAND OPENING'.", (1024, 1536)),
        ("A flyer for a yard sale", (1240, 1754)),
        ("A slide titled 'Hi'.", (1920, 1080)),
        ("An analytics dashboard", (1920, 1080)),
        ("An infographic about coffee", (1080, 1920)),
        ("A web banner with 'Hi'.", (1920, 640)),
        ("A business card for Jane Doe", (1050, 600)),
        ("A birthday card for Mia", (1200, 1680)),
        ("A postcard from Lisbon", (1800, 1200)),
        ("A certificate of completion", (1754, 1240)),
        ("The first page of a research paper", (1240, 1754)),
        ("A login screen", (1440, 960)),
        ("Pricing page with three tiers", (1440, 960)),
        ("A set of 12 weather icons", (1024, 1024)),
        ("A restaurant menu", (1024, 1536)),
        ("A wine label", (1024, 1024)),
        ("A neon sign that reads OPEN", (1536, 1024)),
    ],
)
def test_each_kind_has_a_default_canvas(brief: str, size: tuple[int, int]) -> None:
    assert _size(brief) == size


@pytest.mark.parametrize(
    ("brief", "size"),
    [
        ("A poster at 1200x628 with 'Hi'.", (1200, 628)),
        ("A square poster with 'Hi'.", (1024, 1024)),
        ("A landscape poster with 'Hi'.", (1920, 1080)),
        ("A 4:5 flyer with 'Hi'.", (1229, 1536)),
    ],
)
def test_a_size_or_shape_the_brief_asks_for_beats_the_kinds(brief: str, size: tuple[int, int]) -> None:
    assert _size(brief) == size


def test_a_scene_or_document_keeps_the_canvas_open() -> None:
    assert _size("a lamp to the left of a sofa") is None
    assert _size("Hello world") is None
    assert KIND_CANVAS["scene"] is None and KIND_CANVAS["document"] is None


def test_overriding_the_kind_gives_its_canvas_and_drops_the_source() -> None:
    constraints = apply_kind(extract_constraints("A poster titled Cats"), "slide")
    assert (constraints.document, constraints.document_source, constraints.canvas) == (
        "slide",
        None,
        Canvas(width=1920, height=1080),
    )


def test_overriding_the_kind_keeps_a_size_the_brief_asks_for() -> None:
    constraints = apply_kind(extract_constraints("A poster at 800x600 titled Cats"), "slide")
    assert constraints.canvas == Canvas(width=800, height=600)


def test_overriding_to_a_scene_leaves_the_canvas_open() -> None:
    assert apply_kind(extract_constraints("A poster titled Cats"), "scene").canvas is None


def test_overriding_to_a_card_reads_which_card_from_the_brief() -> None:
    constraints = apply_kind(extract_constraints("Jane Doe's business card details: designer"), "card")
    assert constraints.canvas == Canvas(width=1050, height=600)
    assert apply_kind(extract_constraints("For Mia, with love"), "card").canvas == Canvas(width=1200, height=1680)


def test_every_kind_has_a_canvas_entry() -> None:
    assert set(KIND_CANVAS) == set(get_args(DocumentKind))
