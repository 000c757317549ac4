"""The pricing templates: one card per tier side by side (stacked on a tall canvas), each its name, its price large
with the period small, its features with checks and one button worded as the brief says; the recommended tier set
on the accent; nothing made up and the page's title, not a button's words, as the headline."""

from __future__ import annotations

from tessera.contract import Frame, ListElement, TextElement
from tessera.planner._templates._commerce_parts import split_price
from tessera.planner._templates._pricing import TierCards, TierRows
from tests.planner.templates._print_helpers import brief_strings, material_for, node, texts, walk

THREE = "A pricing page with three tiers: Basic $9/mo, Pro $29/mo, Team $79/mo, each with a 'Choose plan' button"
FEATURED = (
    "A pricing page titled 'Simple pricing' with three pricing tiers: Free $0 (1 project, Community support), "
    "Pro $19/month (10 projects, Email support, Analytics), Business $49/month (Unlimited projects, SSO). "
    "Highlight Pro as most popular"
)
CARDS = TierCards("pricing-cards", "center")


def _cards(root: Frame) -> list[Frame]:
    return [n for n in walk(root) if isinstance(n, Frame) and n.role == "card"]


def test_each_tier_is_a_card_with_its_name_price_and_one_button_in_the_briefs_words() -> None:
    design = CARDS.compose(material_for(THREE))
    cards = _cards(design.root)
    assert [c.name for c in cards] == ["pricing tier Basic", "pricing tier Pro", "pricing tier Team"]
    for card in cards:
        buttons = [n for n in walk(card) if isinstance(n, Frame) and n.role == "button"]
        assert [t.text for b in buttons for t in texts(b)] == ["Choose plan"]
    prices = [t.text for t in texts(design.root) if t.role == "price"]
    assert prices == ["$9", "$29", "$79"]


def test_the_button_words_are_not_the_headline() -> None:
    design = CARDS.compose(material_for(THREE))
    assert not [t for t in texts(design.root) if t.role == "title"]
    names = [t for t in texts(design.root) if t.id.endswith("-name")]
    price = next(t for t in texts(design.root) if t.role == "price")
    assert all((price.font_size or 0) > (name.font_size or 0) for name in names)


def test_the_price_is_set_large_and_its_period_small() -> None:
    design = CARDS.compose(material_for(THREE))
    price, period = node(design.root, "tier-1-price"), node(design.root, "tier-1-period")
    assert isinstance(price, TextElement) and isinstance(period, TextElement)
    assert (price.text, period.text) == ("$9", "/mo")
    assert (price.font_size or 0) >= 2 * (period.font_size or 0)


def test_a_price_splits_from_its_period_however_the_brief_writes_it() -> None:
    assert split_price("$9/mo") == ("$9", "/mo")
    assert split_price("$29 per month") == ("$29", "per month")
    assert split_price("€12 / Monat") == ("€12", "/ Monat")
    assert split_price("9 €/Monat") == ("9 €", "/Monat")
    assert split_price("$0") == ("$0", None)


def test_features_are_a_list_with_checks() -> None:
    design = CARDS.compose(material_for(FEATURED))
    lists = [n for n in walk(design.root) if isinstance(n, ListElement)]
    assert [(x.items, x.marker) for x in lists][1] == (["10 projects", "Email support", "Analytics"], "check")


def test_the_recommended_tier_is_set_on_the_accent_with_the_briefs_words_as_its_badge() -> None:
    material = material_for(FEATURED)
    design = CARDS.compose(material)
    free, pro, business = _cards(design.root)
    assert pro.fill == material.style.look.button != free.fill == business.fill
    badges = [n for n in walk(design.root) if isinstance(n, Frame) and n.role == "badge"]
    assert [t.text for b in badges for t in texts(b)] == ["Most popular"]
    assert badges[0].id.startswith(pro.id)


def test_without_a_recommendation_no_tier_is_highlighted_and_no_badge_is_made_up() -> None:
    design = CARDS.compose(material_for(THREE))
    assert len({c.fill for c in _cards(design.root)}) == 1
    assert not [n for n in walk(design.root) if isinstance(n, Frame) and n.role == "badge"]


def test_the_page_title_heads_the_page_and_only_the_briefs_strings_are_set() -> None:
    material = material_for(FEATURED)
    design = CARDS.compose(material)
    title = node(design.root, "title")
    assert isinstance(title, TextElement) and (title.text, title.align) == ("Simple pricing", "center")
    allowed = brief_strings(material) | {"$0", "$19", "/month", "$49", "Choose", "Most popular"}
    assert {t.text for t in texts(design.root)} <= allowed


def test_a_tall_canvas_stacks_the_tiers_and_a_wide_one_sets_them_side_by_side() -> None:
    tall = material_for(THREE, canvas=(1080, 1920))
    wide = material_for(THREE, canvas=(1920, 1080))
    assert (TierRows().fit(tall) or 0) > (CARDS.fit(tall) or 0)
    assert (CARDS.fit(wide) or 0) > (TierRows().fit(wide) or 0)
    stacked = TierRows().compose(tall)
    tiers = node(stacked.root, "tiers")
    assert isinstance(tiers, Frame) and tiers.layout == "column"
    assert len(_cards(stacked.root)) == 3


def test_no_tiers_no_pricing_template() -> None:
    material = material_for("A pricing page titled 'Plans'")
    assert CARDS.fit(material) is None and TierRows().fit(material) is None
