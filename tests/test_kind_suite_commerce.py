"""The commerce and UI kinds' brief suite: pricing pages, login screens, product pages, menus and packaging labels
from one-line briefs, through the real engine (rules planner, renderer, OCR verifier).

Each brief must come out as its kind's design (the template named in the plan's notes), with its structure in
`drawn` (tier cards with one button each, input fields and one primary button, a buy button, menu tables with the
prices right-aligned, claim badges, a facts table), every string read back exactly, and nothing the brief asked
for left unplanned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tessera.agents import Engine, RunOutcome, RunRequest, Settings
from tessera.contract import Canvas, DocumentKind, TableElement, TextElement
from tests.kind_suites import problems, template_for

pytestmark = pytest.mark.slow

WIDE, TALL, PORTRAIT, SQUARE = (1920, 1080), (1080, 1920), (1080, 1350), (1080, 1080)


@dataclass(frozen=True)
class Case:
    """A brief, its canvas (None: the kind's own), the template it must get (a name or its start), what `drawn`
    must hold (parts by kind, exactly), its strings, and the kind to force where the reader does not know the
    brief's word for it."""

    brief: str
    canvas: tuple[int, int] | None
    template: str
    parts: dict[str, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    kind: DocumentKind | None = None


CASES: dict[str, Case] = {
    # Pricing pages
    "pricing-choose-plan": Case(
        "A pricing page with three tiers: Basic $9/mo, Pro $29/mo, Team $79/mo, each with a 'Choose plan' button",
        None, "pricing-cards", {"card": 3, "button": 3, "badge": 0}, ["Basic", "$9", "/mo", "Team", "Choose plan"],
    ),
    "pricing-most-popular": Case(
        "A pricing page titled 'Simple pricing' with three pricing tiers: Free $0 (1 project, Community support), "
        "Pro $19/month (10 projects, Email support, Analytics), Business $49/month (Unlimited projects, SSO). "
        "Highlight Pro as most popular",
        WIDE, "pricing-cards", {"card": 3, "button": 3, "badge": 1},
        ["Simple pricing", "Pro", "$19", "/month", "Analytics", "Most popular"],
    ),
    "pricing-tall": Case(
        "A pricing page with three pricing tiers: Starter $5/mo (1 site), Growth $25/mo (10 sites), "
        "Scale $99/mo (Unlimited sites)",
        TALL, "pricing-rows", {"card": 3, "button": 3}, ["Starter", "$5", "Growth", "Unlimited sites"],
    ),
    "pricing-two-square": Case(
        "A pricing page 'Choose your plan' with two pricing tiers: Monthly $12/month (All features), "
        "Yearly $120/year (All features, 2 months free)",
        SQUARE, "pricing-", {"card": 2, "button": 2}, ["Choose your plan", "Monthly", "$120", "2 months free"],
    ),
    "pricing-four": Case(
        "A pricing page with four pricing tiers: Free $0, Starter $8/mo, Pro $24/mo, Enterprise $99/mo",
        WIDE, "pricing-cards", {"card": 4, "button": 4}, ["Free", "$0", "Enterprise", "$99"],
    ),
    "pricing-german": Case(
        "Eine Preisseite mit drei Preisstufen: Basis 9 €/Monat, Pro 29 €/Monat, Team 79 €/Monat",
        None, "pricing-cards", {"card": 3, "button": 3}, ["Basis", "9 €", "/Monat", "Team"], kind="pricing",
    ),
    "pricing-spanish": Case(
        "Una página de precios con tres planes: Básico $5/mes, Pro $15/mes, Empresa $45/mes",
        None, "pricing-cards", {"card": 3, "button": 3}, ["Básico", "$5", "Empresa"], kind="pricing",
    ),
    # Login screens
    "login-phone": Case(
        "A mobile login screen for 'Ledgerly' with the subtitle 'Welcome back', email and password fields, a "
        "'Log in' button and a 'Forgot password?' link",
        TALL, "login-phone", {"input": 2, "button": 1, "card": 1},
        ["Ledgerly", "Welcome back", "Email", "Password", "Log in", "Forgot password?"],
    ),
    "login-phone-mockup": Case(
        "A mobile login screen for 'Ledgerly' with email and password fields and a 'Log in' button",
        None, "login-phone", {"input": 2, "button": 1, "panel": 1}, ["Ledgerly", "Email", "Log in"],
    ),
    "login-remember-me": Case(
        "A login page 'Welcome back' with a login form with email, password, a remember me checkbox and a Sign in "
        "button",
        None, "login-", {"input": 2, "button": 1, "control": 1}, ["Welcome back", "Remember me", "Sign in"],
    ),
    "signup-wide": Case(
        "A sign-up screen titled 'Create your account' with a sign-up form with name, email and password fields",
        WIDE, "login-", {"input": 3, "button": 1}, ["Create your account", "Name", "Email", "Password"],
    ),
    "login-window": Case(
        "A desktop window login screen 'Acme Admin' with email and password fields and a 'Sign in' button",
        (1280, 800), "login-card", {"input": 2, "button": 1, "panel": 1}, ["Acme Admin", "Sign in"],
    ),
    "login-german": Case(
        "Ein Anmeldebildschirm 'Kontor' mit einem Anmeldeformular mit den Feldern E-Mail und Passwort und einem "
        "Button 'Anmelden'",
        TALL, "login-phone", {"input": 2, "button": 1}, ["Kontor", "E-Mail", "Passwort", "Anmelden"], kind="login",
    ),
    # Product pages
    "product-details": Case(
        "A product page for 'Aero Headphones' at '$199' with the description 'Studio sound, all day comfort', a "
        "'Buy now' button and bullets: noise cancelling, 30-hour battery, USB-C",
        None, "product-details", {"button": 1, "list": 1, "picture": 0},
        ["Aero Headphones", "$199", "Buy now", "Noise cancelling", "USB-C"],
    ),
    "product-photo": Case(
        "A product page for 'Aero Headphones' at '$199' with a photo of headphones, a 'Buy now' button and "
        "bullets: noise cancelling, 30-hour battery, USB-C",
        None, "product-photo", {"button": 1, "list": 1, "picture": 1}, ["Aero Headphones", "$199", "Buy now"],
    ),
    "product-tall": Case(
        "A product page 'Trail Runner 2' priced '$129' with a 'Buy now' button and features: waterproof, 280 g, "
        "recycled mesh",
        TALL, "product-details", {"button": 1, "list": 1}, ["Trail Runner 2", "$129", "Waterproof"],
    ),
    "product-photo-portrait": Case(
        "A product page for 'Nova Lamp' at '$89' with a photo of a brass desk lamp and an 'Add to cart' button",
        PORTRAIT, "product-photo", {"button": 1, "picture": 1}, ["Nova Lamp", "$89", "Add to cart"],
    ),
    "product-french": Case(
        "Une page produit pour la bougie 'Lumière' au prix de '24,00 €' avec un bouton 'Ajouter au panier'",
        None, "product-details", {"button": 1}, ["Lumière", "24,00 €", "Ajouter au panier"], kind="product",
    ),
    # Menus
    "menu-cafe": Case(
        "A cafe menu titled 'Luigi's': Margherita $12, Pepperoni $14, Veggie $13",
        PORTRAIT, "menu-one-column", {"table": 1}, ["Luigi's", "Margherita", "$12", "Veggie", "$13"],
    ),
    "menu-lines": Case(
        "A coffee menu titled 'Bean There'\nEspresso – 3.50\nLatte – 4.20\nCappuccino – 4.00",
        None, "menu-one-column", {"table": 1}, ["Bean There", "Espresso", "3.50", "Cappuccino", "4.00"],
    ),
    "menu-sections-wide": Case(
        "A restaurant menu 'The Copper Kettle'. Starters: Soup $6, Salad $7; Mains: Steak $24, Salmon $21; "
        "Desserts: Tart $8, Sorbet $6",
        (1754, 1240), "menu-columns", {"table": 3}, ["The Copper Kettle", "Starters", "Steak", "$24", "Sorbet"],
    ),
    "menu-sections-tall": Case(
        "A cafe menu 'Bean There'. Coffee: Espresso $3, Latte $4, Flat white $4; Pastries: Croissant $3, "
        "Muffin $3; Tea: Green tea $3, Chai $4",
        None, "menu-one-column", {"table": 3}, ["Coffee", "Flat white", "Pastries", "Chai"],
    ),
    "menu-german": Case(
        "Speisekarte 'Zum Löwen'. Vorspeisen: Suppe 5,50 €, Salat 6,00 €; Hauptgerichte: Schnitzel 14,50 €, "
        "Gulasch 12,00 €",
        None, "menu-", {"table": 2}, ["Zum Löwen", "Vorspeisen", "Schnitzel", "14,50 €"],
    ),
    "menu-spanish": Case(
        "Un menú de cafetería 'La Esquina': Café $2, Té $2, Tostada $3, Zumo $4",
        SQUARE, "menu-one-column", {"table": 1}, ["La Esquina", "Café", "Tostada", "$4"], kind="menu",
    ),
    "menu-japanese": Case(
        "メニュー「さくらカフェ」: コーヒー ¥400, 紅茶 ¥450, ケーキ ¥600",
        None, "menu-one-column", {"table": 1}, ["さくらカフェ", "コーヒー", "¥400"],
    ),
    # Labels
    "label-olive-oil": Case(
        "A product label for 'Green Valley' olive oil, 500 ml, with claims 'Organic', 'Cold pressed' and "
        "'Extra virgin'",
        None, "label-", {"badge": 3, "panel": 1}, ["Green Valley", "Organic", "Cold pressed", "500 ml"],
    ),
    "label-coffee": Case(
        "A product label: brand 'Highland Roasters', product 'Ethiopia Yirgacheffe', variant 'Light roast', "
        "badges 'Organic' and 'Fair Trade', net weight 'Net wt 250 g', ingredients "
        "'Ingredients: 100% arabica coffee beans'",
        (1200, 800), "label-panel", {"badge": 2}, ["Highland Roasters", "Ethiopia Yirgacheffe", "Net wt 250 g"],
        kind="label",
    ),
    "label-nutrition": Case(
        "A nutrition facts label for 'Oat Crunch' with a table with columns Nutrient, Amount and rows: "
        "Calories, 230; Total Fat, 8g; Sodium, 160mg; Protein, 3g",
        (900, 1500), "label-nutrition", {"table": 1}, ["Oat Crunch", "Nutrient", "Calories", "230", "160mg"],
    ),
    "label-honey": Case(
        "A label for 'Honey Hill' honey with a table with columns Nutrient, Per 100 g and rows: Energy, 1272 kJ; "
        "Sugars, 82 g",
        PORTRAIT, "label-", {"table": 1}, ["Honey Hill", "Energy", "1272 kJ"],
    ),
    "label-wine": Case(
        "A bottle label for 'Château Lune', 75 cl, with the variant 'Merlot 2019' and claims 'Organic' and 'Vegan'",
        PORTRAIT, "label-", {"badge": 2}, ["Château Lune", "Merlot 2019", "Vegan"],
    ),
    "label-german": Case(
        "Ein Etikett für 'Bergquelle' Mineralwasser, 1 l, mit den Hinweisen 'Natürlich' und 'Still'",
        None, "label-", {"badge": 2}, ["Bergquelle", "Natürlich", "Still"],
    ),
}  # fmt: skip

# OCR reads the volume "1 l" on the German label as "11": a lower-case l after a figure is read as a one.
ONE_LITRE = pytest.mark.xfail(strict=False, reason="verifier: OCR reads '1 l' as '11'")


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(Settings(home=tmp_path_factory.mktemp("commerce")))
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def outcomes() -> dict[str, RunOutcome]:
    """Each brief's run, kept for the module so that a second test on it does not render it again."""
    return {}


def _run(engine: Engine, outcomes: dict[str, RunOutcome], name: str) -> RunOutcome:
    if name not in outcomes:
        case = CASES[name]
        canvas = Canvas(width=case.canvas[0], height=case.canvas[1]) if case.canvas else None
        request = RunRequest(brief=case.brief, canvas=canvas, planner="rules", effort="low", kind=case.kind)
        outcomes[name] = engine.generate(request)
    return outcomes[name]


def _marked(name: str) -> object:
    return pytest.param(name, marks=ONE_LITRE) if name == "label-german" else name


@pytest.mark.parametrize("name", [_marked(n) for n in CASES])
def test_a_commerce_brief_gets_its_kinds_design_and_every_check_passes(
    engine: Engine, outcomes: dict[str, RunOutcome], name: str
) -> None:
    case = CASES[name]
    outcome = _run(engine, outcomes, name)
    assert problems(outcome) == []
    assert outcome.passed
    assert template_for(case.brief, case.kind, case.canvas).startswith(case.template)
    kinds = Counter(part.kind for part in outcome.drawn)
    assert {kind: kinds[kind] for kind in case.parts} == case.parts
    drawn_texts = {part.text for part in outcome.drawn if part.kind == "text"}
    assert set(case.texts) <= drawn_texts


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("menu-")])
def test_a_menus_prices_are_one_right_aligned_column(
    engine: Engine, outcomes: dict[str, RunOutcome], name: str
) -> None:
    outcome = _run(engine, outcomes, name)
    tables = [e for e in outcome.plan.elements if isinstance(e, TableElement)]
    assert tables and all(t.column_align == ["left", "right"] for t in tables)
    ends: dict[str, set[int]] = {}
    for part in outcome.drawn:  # a table's cells are drawn as "<table>.r<row>c<column>"
        table, _, cell = part.id.rpartition(".r")
        if part.kind == "text" and cell.endswith("c2"):
            ends.setdefault(table, set()).add(part.box.x + part.box.w)
    assert ends.keys() == {t.id for t in tables}
    assert all(max(x) - min(x) <= 0.01 * outcome.plan.canvas.width for x in ends.values())


@pytest.mark.parametrize("name", [n for n in CASES if n.startswith("label-")])
def test_a_labels_brand_is_never_set_smaller_than_a_claim_or_the_variant(
    engine: Engine, outcomes: dict[str, RunOutcome], name: str
) -> None:
    outcome = _run(engine, outcomes, name)
    sizes = {e.id: e.font_size or 0 for e in outcome.plan.elements if isinstance(e, TextElement)}
    lesser = [size for node_id, size in sizes.items() if node_id.startswith(("claim-", "variant", "description"))]
    assert sizes["brand"] >= max(lesser, default=0)


def test_every_kind_has_enough_briefs() -> None:
    by_kind = Counter(name.split("-")[0] for name in CASES)
    assert len(CASES) >= 27
    assert {kind: by_kind[kind] >= 5 for kind in ("pricing", "login", "product", "menu", "label")} == dict.fromkeys(
        ("pricing", "login", "product", "menu", "label"), True
    )
