"""Reading structure: lists, pairs, tables, prices, steps, KPIs, tiers, fields, navigation and chart data, each from
the words of the brief; prose lists of things and text cues are never structure."""

from __future__ import annotations

import pytest

from tessera.contract import RequiredCount, RequiredStructure
from tessera.planner import extract_constraints
from tessera.planner._quotes import find_quotes, mask_quotes
from tessera.planner._read_structure import mask_structures, required_structures, structure_spans


def _read(brief: str) -> list[RequiredStructure]:
    return required_structures(brief, mask_quotes(brief, find_quotes(brief)))


def _only(brief: str) -> RequiredStructure:
    structures = _read(brief)
    assert len(structures) == 1, structures
    return structures[0]


def _entries(structure: RequiredStructure) -> list[tuple[str, str | None]]:
    return [(item.label, item.value) for item in structure.items]


@pytest.mark.parametrize(
    ("brief", "kind", "entries"),
    [
        (
            "A slide with three bullet points: fast setup, no code, free trial",
            "bullets",
            [("Fast setup", None), ("No code", None), ("Free trial", None)],
        ),
        ("bullets: Fast; Simple; Cheap", "bullets", [("Fast", None), ("Simple", None), ("Cheap", None)]),
        ("Agenda\n- Welcome\n- Product demo\n* Q&A", "bullets", [("Welcome", None), ("Product demo", None)]),
        (
            "Notes:\n• Ship weekly\n• Measure everything",
            "bullets",
            [("Ship weekly", None), ("Measure everything", None)],
        ),
        ("A numbered list: wake up, stretch, run", "numbered", [("Wake up", None), ("Stretch", None), ("Run", None)]),
        ("Do this:\n1. Plan\n2. Build\n3. Ship", "numbered", [("Plan", None), ("Build", None), ("Ship", None)]),
        ("A poster: 1. Plan 2. Build 3. Ship", "numbered", [("Plan", None), ("Build", None), ("Ship", None)]),
        ("Top 3 reasons: speed, price, support", "numbered", [("Speed", None), ("Price", None), ("Support", None)]),
        ("Revenue: 40, Costs: 25", "pairs", [("Revenue", "40"), ("Costs", "25")]),
        ("Revenue: 40\nCosts: 25\nProfit: 15", "pairs", [("Revenue", "40"), ("Costs", "25"), ("Profit", "15")]),
        (
            "A cafe menu: Margherita $12, Pepperoni $14, Veggie $13",
            "prices",
            [("Margherita", "$12"), ("Pepperoni", "$14"), ("Veggie", "$13")],
        ),
        (
            "Margherita $12, Pepperoni $14 and Veggie $13 on a chalkboard.",
            "prices",
            [("Margherita", "$12"), ("Pepperoni", "$14"), ("Veggie", "$13")],
        ),
        ("Coffee\nEspresso – 3.50\nLatte – 4.20", "prices", [("Espresso", "3.50"), ("Latte", "4.20")]),
        ("Steps: plan, build, ship", "steps", [("Plan", None), ("Build", None), ("Ship", None)]),
        ("Process: research → design → launch", "steps", [("Research", None), ("Design", None), ("Launch", None)]),
        (
            "A timeline: 2019 founded, 2021 Series A, 2024 IPO",
            "steps",
            [("Founded", "2019"), ("Series A", "2021"), ("IPO", "2024")],
        ),
        ("An itinerary: Day 1: arrive; Day 2: hike", "steps", [("Arrive", "Day 1"), ("Hike", "Day 2")]),
        ("Milestones: launched in 2020, profitable in 2023", "steps", [("Launched", "2020"), ("Profitable", "2023")]),
        (
            "KPIs: revenue $1.2M, users 48k, churn 2.1%",
            "kpis",
            [("Revenue", "$1.2M"), ("Users", "48k"), ("Churn", "2.1%")],
        ),
        (
            "A dashboard showing revenue $1.2M, users 48k and churn 2.1%",
            "kpis",
            [("Revenue", "$1.2M"), ("Users", "48k"), ("Churn", "2.1%")],
        ),
        (
            "Three pricing tiers: Basic $9, Pro $29, Team $99",
            "tiers",
            [("Basic", "$9"), ("Pro", "$29"), ("Team", "$99")],
        ),
        (
            "A pricing page with plans: Starter $9/month, Growth $29/month and Scale $99/month.",
            "tiers",
            [("Starter", "$9/month"), ("Growth", "$29/month"), ("Scale", "$99/month")],
        ),
        (
            "Navigation: Home, Products, Pricing, Contact",
            "nav",
            [("Home", None), ("Products", None), ("Pricing", None), ("Contact", None)],
        ),  # fmt: skip
        ("A nav bar with Home, About, Blog", "nav", [("Home", None), ("About", None), ("Blog", None)]),
        ("Tabs: Overview, Activity, Settings", "nav", [("Overview", None), ("Activity", None), ("Settings", None)]),
        ("A form with fields: name, email, message", "fields", [("Name", None), ("Email", None), ("Message", None)]),
        ("Inputs for email and password", "fields", [("Email", None), ("Password", None)]),
    ],
)
def test_each_form_of_structure_is_read_with_its_entries(brief: str, kind: str, entries: list[tuple]) -> None:
    structure = _read(brief)[0]
    assert structure.structure == kind
    assert _entries(structure)[: len(entries)] == entries


@pytest.mark.parametrize(
    ("brief", "chart", "unit", "entries"),
    [
        (
            "a bar chart of revenue by region: North 40, South 25, East 30",
            "bar",
            None,
            [("North", "40"), ("South", "25"), ("East", "30")],
        ),
        (
            "a pie chart showing 45% rent, 30% food, 25% other",
            "pie",
            "%",
            [("Rent", "45%"), ("Food", "30%"), ("Other", "25%")],
        ),  # fmt: skip
        (
            "A column chart with Q1 10, Q2 15, Q3 12, Q4 20",
            "column",
            None,
            [("Q1", "10"), ("Q2", "15"), ("Q3", "12"), ("Q4", "20")],
        ),  # fmt: skip
        (
            "A donut chart: Direct 40%, Search 35%, Social 25%",
            "donut",
            "%",
            [("Direct", "40%"), ("Search", "35%"), ("Social", "25%")],
        ),  # fmt: skip
        (
            "A line graph of users: Jan 100, Feb 150, Mar 200",
            "line",
            None,
            [("Jan", "100"), ("Feb", "150"), ("Mar", "200")],
        ),  # fmt: skip
        ("A line chart: sales rose from 10 in Q1 to 25 in Q4.", "line", None, [("Q1", "10"), ("Q4", "25")]),
        ("Sales rose from 10 in Q1 to 25 in Q4.", "line", None, [("Q1", "10"), ("Q4", "25")]),
        ("A bar chart comparing 2022: 40 and 2023: 55.", "bar", None, [("2022", "40"), ("2023", "55")]),
        (
            "A bar chart of revenue. North 40, South 25, East 30.",
            "bar",
            None,
            [("North", "40"), ("South", "25"), ("East", "30")],
        ),  # fmt: skip
        ("A bar chart: North $40k, South $25k", "bar", "$k", [("North", "$40k"), ("South", "$25k")]),
        (
            "Un graphique circulaire : loyer 45 %, nourriture 30 %",
            "pie",
            "%",
            [("Loyer", "45 %"), ("Nourriture", "30 %")],
        ),  # fmt: skip
        ("Ein Balkendiagramm: Nord 40, Süd 25", "bar", None, [("Nord", "40"), ("Süd", "25")]),
        ("Un gráfico de barras: Norte 40, Sur 25", "bar", None, [("Norte", "40"), ("Sur", "25")]),
    ],
)
def test_chart_data_is_read_with_its_type_and_unit(brief: str, chart: str, unit: str | None, entries: list) -> None:
    structure = _only(brief)
    assert (structure.structure, structure.chart, structure.unit) == ("chart", chart, unit)
    assert _entries(structure) == entries


def test_a_chart_without_figures_is_read_with_no_items_and_its_title() -> None:
    structure = _only("A slide with a bar chart of revenue by region.")
    assert (structure.structure, structure.chart, structure.items) == ("chart", "bar", [])
    assert structure.title == "Revenue by region"


def test_a_chart_title_comes_from_the_words_before_the_colon() -> None:
    assert _only("a bar chart of revenue by region: North 40, South 25").title == "Revenue by region"


def test_figures_may_carry_units() -> None:
    structure = _only("KPIs: uptime 99.98%, latency 120ms, storage 2 TB")
    assert _entries(structure) == [("Uptime", "99.98%"), ("Latency", "120ms"), ("Storage", "2 TB")]


def test_kpis_named_without_figures_are_read_without_values() -> None:
    structure = _only("A dashboard with KPI cards for revenue, orders and refunds, and a sidebar")
    assert (structure.structure, _entries(structure)) == ("kpis", [("Revenue", None), ("Orders", None),
                                                                   ("Refunds", None)])  # fmt: skip


def test_tiers_without_prices_are_named_tiers() -> None:
    assert _entries(_only("Three pricing tiers: Basic, Pro and Team")) == [("Basic", None), ("Pro", None),
                                                                          ("Team", None)]  # fmt: skip


def test_the_strong_cue_is_kept_where_two_read_the_same_words() -> None:
    structure = _only("A dashboard with KPIs: revenue $1.2M, users 48k")
    assert structure.source.quote == "KPIs: revenue $1.2M, users 48k"


def test_a_table_is_read_with_its_header_and_rows() -> None:
    structure = _only("a table with columns Name, Role, Team and rows: Ann, Design, Blue; Bob, Dev, Red")
    assert structure.header == ["Name", "Role", "Team"]
    assert [(item.label, item.cells) for item in structure.items] == [("Ann", ["Design", "Blue"]),
                                                                       ("Bob", ["Dev", "Red"])]  # fmt: skip


def test_a_markdown_table_is_read_with_its_header() -> None:
    structure = _only("Results\n| Team | Wins |\n|---|---|\n| Red | 12 |\n| Blue | 9 |")
    assert structure.header == ["Team", "Wins"]
    assert [(item.label, item.cells) for item in structure.items] == [("Red", ["12"]), ("Blue", ["9"])]


def test_table_columns_may_come_before_the_noun() -> None:
    structure = _only("A table with Name, Role and Team columns.")
    assert (structure.header, structure.items) == (["Name", "Role", "Team"], [])


def test_table_rows_after_a_colon_make_a_table_without_header() -> None:
    structure = _only("A table of team members: Ann, Design; Bob, Dev; Cy, Ops")
    assert [(item.label, item.cells) for item in structure.items] == [("Ann", ["Design"]), ("Bob", ["Dev"]),
                                                                       ("Cy", ["Ops"])]  # fmt: skip


def test_tier_features_are_read_as_cells() -> None:
    structure = _only("Four tiers: Free, Pro $12/mo (5 users, 100 GB), Team $29/mo (20 users, 1 TB), Enterprise")
    assert [(i.label, i.value, i.cells) for i in structure.items] == [
        ("Free", None, []),
        ("Pro", "$12/mo", ["5 users", "100 GB"]),
        ("Team", "$29/mo", ["20 users", "1 TB"]),
        ("Enterprise", None, []),
    ]


@pytest.mark.parametrize(
    ("brief", "entries"),
    [
        (
            "a login form with email and password fields and a Sign in button",
            [("Email", None), ("Password", None), ("Sign in", "button")],
        ),
        (
            "A sign-up form with name, email, password fields and a 'Create account' button.",
            [("Name", None), ("Email", None), ("Password", None), ("Create account", "button")],
        ),
        (
            "A login form with username, password, a remember me checkbox and a Log in button.",
            [("Username", None), ("Password", None), ("Remember me", "checkbox"), ("Log in", "button")],
        ),
        ("A screen with a logo, email and password fields", [("Email", None), ("Password", None)]),
    ],
)
def test_form_fields_buttons_and_check_boxes_are_read(brief: str, entries: list) -> None:
    structure = _only(brief)
    assert structure.structure == "fields"
    assert _entries(structure) == entries


def test_a_button_is_worded_as_on_a_button_and_a_quoted_one_exactly() -> None:
    assert _entries(_only("a login form with email and password fields and a sign-in button"))[-1] == (
        "Sign in", "button"
    )  # fmt: skip
    assert _entries(_only("a form with email fields and a big 'Big Sale' button"))[-1] == ("Big Sale", "button")


def test_a_form_keeps_what_it_is_for() -> None:
    assert _only("a login form with email and password fields").title == "Login"


@pytest.mark.parametrize(
    ("brief", "entries"),
    [
        ("Eine Folie mit Stichpunkten: schnell, einfach und günstig", ["Schnell", "Einfach", "Günstig"]),
        ("Une diapositive avec des puces : rapide, simple et gratuit", ["Rapide", "Simple", "Gratuit"]),
        ("Una diapositiva con viñetas: rápido, simple y gratis", ["Rápido", "Simple", "Gratis"]),
        ("Drei Schritte: planen, bauen, liefern", ["Planen", "Bauen", "Liefern"]),
    ],
)
def test_cues_in_german_french_and_spanish(brief: str, entries: list[str]) -> None:
    assert [item.label for item in _only(brief).items] == entries


def test_quoted_entries_are_kept_exactly_as_quoted() -> None:
    structure = _only("bullets: 'fast setup', 'No code', 'Free trial'")
    assert [item.label for item in structure.items] == ["fast setup", "No code", "Free trial"]


def test_a_count_limits_the_entries_and_a_design_clause_ends_the_list() -> None:
    counted = _only("three bullet points: fast setup, no code, free trial, and the title 'Why' at the top")
    assert [i.label for i in counted.items] == ["Fast setup", "No code", "Free trial"]
    structure = _only("bullet points: fast setup, no code and free trial on a navy background")
    assert [i.label for i in structure.items] == ["Fast setup", "No code", "Free trial"]
    assert structure.source.quote == "bullet points: fast setup, no code and free trial"


def test_a_button_after_the_entries_is_no_entry() -> None:
    structure = _only("A product page with features: noise cancelling, USB-C charging and a Buy now button")
    assert [i.label for i in structure.items] == ["Noise cancelling", "USB-C charging"]


def test_a_later_cue_ends_a_list() -> None:
    bullets, chart = _read(
        "bullets: revenue up, churn down, hiring on track and a bar chart of revenue: North 40, South 25"
    )
    assert [i.label for i in bullets.items] == ["Revenue up", "Churn down", "Hiring on track"]
    assert (chart.structure, _entries(chart)) == ("chart", [("North", "40"), ("South", "25")])


def test_a_list_of_quotations_ends_where_prose_follows_one() -> None:
    structure = _only('A web page with tabs like "Home", "Courses" and "Community" are distinctly visible')
    assert [i.label for i in structure.items] == ["Home", "Courses", "Community"]
    assert structure.source.quote == 'tabs like "Home", "Courses" and "Community"'


def test_a_layout_word_among_the_entries_does_not_end_the_list() -> None:
    assert len(_only("Navigation: Home, Products, Pricing, Contact").items) == 4


@pytest.mark.parametrize("brief", ["Three bullet points about our product.", "Four pricing tiers."])
def test_a_counted_structure_without_entries_is_read_without_items(brief: str) -> None:
    assert _only(brief).items == []


@pytest.mark.parametrize(
    "brief",
    [
        "a cat, a dog and a bird on a sofa",
        "Five red balloons, two kites and a sun.",
        "A poster with the Title: Summer Fest and a date of 12 May.",
        "A cat on a table with a vase.",
        "A poster for the book 12 steps to success.",
        "A flow chart of the process and a seating chart.",
        "Doors at 7pm, tickets $10.",
        "A poster about our features and benefits.",
        "Title: Q3 Review, Date: 2024",
        "A menu for our bakery.",
        "A financial news broadcast against stock market figures, graphs, and corporate logos.",
        "A poster of Mars with features such as reddish terrain, deep craters, and rocky landscapes.",
        "An itinerary reading: 'Begin your mornings with espresso in charming cafes'.",
    ],
)
def test_prose_lists_of_things_and_text_cues_are_not_structure(brief: str) -> None:
    assert _read(brief) == []


def test_every_structure_points_at_its_words() -> None:
    brief = "A slide 'Why us' with three bullet points: fast setup, no code, free trial"
    structure = _only(brief)
    assert brief[structure.source.start : structure.source.end] == structure.source.quote
    assert structure.source.quote == "three bullet points: fast setup, no code, free trial"


def test_masking_the_structures_blanks_their_words_and_keeps_offsets() -> None:
    brief = "A poster with three pricing tiers: Basic $9, Pro $29 and 2 balloons."
    structures = _read(brief)
    masked = mask_structures(brief, structures)
    assert len(masked) == len(brief)
    assert "tiers" not in masked and "Basic" not in masked and "2 balloons" in masked
    assert structure_spans(structures) == [(structures[0].source.start, structures[0].source.end)]


def test_the_reading_holds_the_structures_and_their_layout_words_count_nothing() -> None:
    constraints = extract_constraints("A poster 'Plans' with three pricing tiers: Basic $9, Pro $29, Team $99")
    structures = [c for c in constraints.items if isinstance(c, RequiredStructure)]
    assert [s.structure for s in structures] == ["tiers"]
    assert not any(isinstance(c, RequiredCount) for c in constraints.items)
