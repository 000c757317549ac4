"""The label templates: the brand block first and never smaller than a claim or the variant, the claims as
badges, the facts as a real table, the legal lines small with the net amount bold; a nutrition panel for
nutrition facts; nothing made up."""

from __future__ import annotations

from tessera.contract import Frame, TableElement, TextElement
from tessera.planner._templates._labels import BrandPanel, CentredLabel, NutritionPanel
from tests.planner.templates._print_helpers import brief_strings, material_for, node, texts, walk

OLIVE = "A product label for 'Green Valley' olive oil, 500 ml, with claims 'Organic', 'Cold pressed' and 'Extra virgin'"
COFFEE = (
    "A product label: brand 'Highland Roasters', product 'Ethiopia Yirgacheffe', variant 'Light roast', badges "
    "'Organic' and 'Fair Trade', net weight 'Net wt 250 g', ingredients 'Ingredients: 100% arabica coffee beans'"
)
NUTRITION = (
    "A nutrition facts label for 'Oat Crunch' with a table with columns Nutrient, Amount and rows: Calories, 230; "
    "Total Fat, 8g; Sodium, 160mg"
)


def _size(root: Frame, node_id: str) -> int:
    found = node(root, node_id)
    assert isinstance(found, TextElement)
    return found.font_size or 0


def test_the_brand_leads_and_is_never_demoted_below_a_claim() -> None:
    design = BrandPanel().compose(material_for(OLIVE, kind="label"))
    brand = node(design.root, "brand")
    assert isinstance(brand, TextElement) and (brand.text, brand.role) == ("Green Valley", "title")
    sizes = {t.text: t.font_size or 0 for t in texts(design.root)}
    assert sizes["Green Valley"] == max(sizes.values())


def test_claims_are_badges_in_a_row() -> None:
    design = BrandPanel().compose(material_for(OLIVE, kind="label"))
    claims = node(design.root, "claims")
    assert isinstance(claims, Frame) and claims.layout == "row"
    assert [c.role for c in claims.children] == ["badge"] * 3
    assert [t.text for t in texts(claims)] == ["Organic", "Cold pressed", "Extra virgin"]


def test_with_a_quoted_product_the_brand_heads_it_larger_than_the_claims_and_variant() -> None:
    design = BrandPanel().compose(material_for(COFFEE, kind="label"))
    brand, product = _size(design.root, "brand"), _size(design.root, "product")
    assert product > brand >= max(_size(design.root, "variant"), _size(design.root, "claim-1-text"))
    ids = [t.id for t in texts(design.root)]
    assert ids.index("brand") < ids.index("product")


def test_legal_lines_are_small_and_the_net_amount_bold() -> None:
    design = BrandPanel().compose(material_for(COFFEE, kind="label"))
    legal, amount = node(design.root, "legal-1"), node(design.root, "amount-1")
    assert isinstance(legal, TextElement) and isinstance(amount, TextElement)
    assert (legal.text, amount.text, amount.font_weight) == (
        "Ingredients: 100% arabica coffee beans",
        "Net wt 250 g",
        "bold",
    )
    assert (legal.font_size or 0) < _size(design.root, "variant")


def test_a_label_sets_only_the_briefs_strings() -> None:
    for brief in (OLIVE, COFFEE):
        material = material_for(brief, kind="label")
        for template in (BrandPanel(), CentredLabel()):
            design = template.compose(material)
            assert {t.text for t in texts(design.root)} <= brief_strings(material)


def test_the_centred_label_centres_the_brand_block() -> None:
    design = CentredLabel().compose(material_for(OLIVE, kind="label", canvas=(1080, 1350)))
    brand = node(design.root, "brand")
    assert isinstance(brand, TextElement) and brand.align == "center"


def test_nutrition_facts_are_a_real_table_in_a_black_ruled_panel() -> None:
    material = material_for(NUTRITION, kind="label")
    assert (NutritionPanel().fit(material) or 0) > (BrandPanel().fit(material) or 0)
    design = NutritionPanel().compose(material)
    (table,) = [n for n in walk(design.root) if isinstance(n, TableElement)]
    assert table.header == ["Nutrient", "Amount"]
    assert table.rows == [["Calories", "230"], ["Total Fat", "8g"], ["Sodium", "160mg"]]
    panel = node(design.root, "panel")
    assert isinstance(panel, Frame) and panel.border is not None and panel.border.color == "#111111"


def test_without_a_brand_or_product_only_the_facts_panel_can_set_a_label() -> None:
    material = material_for(
        "A nutrition label with a table with columns Nutrient, Amount and rows: Fat, 8g", kind="label"
    )
    assert BrandPanel().fit(material) is None and CentredLabel().fit(material) is None
    assert NutritionPanel().fit(material) is not None
