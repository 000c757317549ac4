"""Briefs with structure through the real engine (rules planner, renderer, OCR verifier): each list, table, chart,
set of cards, form and nav bar is drawn, its parts are in `drawn`, and every check on them passes.

One engine renders them all in this process, as the gallery test does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tessera.agents import Engine, RunOutcome, RunRequest, Settings
from tessera.contract import Canvas, ChartElement

pytestmark = pytest.mark.slow

SQUARE, WIDE, TALL, PORTRAIT = (1024, 1024), (1920, 1080), (1080, 1920), (1080, 1350)


@dataclass(frozen=True)
class Case:
    """A brief, its canvas, and what `drawn` must show: parts by kind, strings, and a chart's type and labels."""

    brief: str
    canvas: tuple[int, int]
    parts: dict[str, int]
    texts: list[str] = field(default_factory=list)
    chart: tuple[str, list[str]] | None = None


CASES: dict[str, Case] = {
    "slide-bullets": Case(
        "A slide titled 'Why choose us' with three bullet points: fast setup, no code, free trial",
        WIDE, {"list": 1}, ["Fast setup", "No code", "Free trial"],
    ),
    "poster-bullets": Case(
        "A poster with the headline 'Spring Workshop' and bullets: Learn the basics; Meet the community; "
        "Build a project",
        SQUARE, {"list": 1}, ["Learn the basics", "Meet the community", "Build a project"],
    ),
    "multiline-bullets": Case(
        "A slide titled 'Agenda'\n- Welcome and introductions\n- Product demo\n- Roadmap for 2025\n- Questions",
        WIDE, {"list": 1}, ["Welcome and introductions", "Roadmap for 2025", "Questions"],
    ),
    "numbered": Case(
        "1. Preheat the oven 2. Mix the flour and sugar 3. Bake for 20 minutes",
        SQUARE, {"list": 1}, ["Preheat the oven", "Mix the flour and sugar", "Bake for 20 minutes"],
    ),
    "bar-chart": Case(
        "A slide titled 'Q3 Revenue' with a bar chart of revenue by region: North 40, South 25, East 30",
        WIDE, {"chart": 1}, chart=("bar", ["North", "South", "East"]),
    ),
    "column-chart": Case(
        "A slide 'Quarterly sales' with a column chart: Q1 10, Q2 15, Q3 12, Q4 20",
        WIDE, {"chart": 1}, chart=("column", ["Q1", "Q2", "Q3", "Q4"]),
    ),
    "pie-chart": Case(
        "A poster 'Where the money goes' with a pie chart showing 45% rent, 30% food, 25% other",
        SQUARE, {"chart": 1}, chart=("pie", ["Rent", "Food", "Other"]),
    ),
    "line-chart": Case(
        "A poster 'Growth' with a line chart of users: Jan 100, Feb 150, Mar 220, Apr 310",
        SQUARE, {"chart": 1}, chart=("line", ["Jan", "Feb", "Mar", "Apr"]),
    ),
    "donut-chart": Case(
        "An infographic 'Traffic sources' with a donut chart: Direct 40%, Search 35%, Social 25%",
        PORTRAIT, {"chart": 1}, chart=("donut", ["Direct", "Search", "Social"]),
    ),
    "table": Case(
        "A slide 'Team' with a table with columns Name, Role, Team and rows: Ann, Design, Blue; Bob, Dev, Red",
        WIDE, {"table": 1}, ["Name", "Role", "Ann", "Design", "Blue", "Bob", "Dev", "Red"],
    ),
    "markdown-table": Case(
        "A report page 'Results'\n| Team | Wins | Losses |\n|---|---|---|\n| Red | 12 | 3 |\n| Blue | 9 | 6 |",
        (1240, 1754), {"table": 1}, ["Team", "Wins", "Losses", "Red", "12", "Blue", "9"],
    ),
    "menu": Case(
        "A cafe menu titled 'Luigi's': Margherita $12, Pepperoni $14, Veggie $13",
        PORTRAIT, {"table": 1}, ["Margherita", "$12", "Pepperoni", "$14", "Veggie", "$13"],
    ),
    "menu-lines": Case(
        "A coffee menu titled 'Bean There'\nEspresso – 3.50\nLatte – 4.20\nCappuccino – 4.00",
        PORTRAIT, {"table": 1}, ["Espresso", "3.50", "Latte", "4.20", "Cappuccino", "4.00"],
    ),
    "pairs": Case(
        "A poster 'Budget' with Rent: 1200, Food: 400, Transport: 150",
        SQUARE, {"table": 1}, ["Rent", "1200", "Food", "400", "Transport", "150"],
    ),
    "timeline": Case(
        "A poster 'Our story' with a timeline: 2019 founded, 2021 Series A, 2024 IPO",
        SQUARE, {"card": 3}, ["2019", "Founded", "2021", "Series A", "2024", "IPO"],
    ),
    "kpis": Case(
        "A dashboard titled 'Weekly overview' with KPIs: revenue $1.2M, users 48k, churn 2.1%",
        WIDE, {"card": 3}, ["$1.2M", "Revenue", "48k", "Users", "2.1%", "Churn"],
    ),
    "tiers": Case(
        "A pricing page 'Plans' with three pricing tiers: Basic $9/mo (1 user, 10 GB), Pro $29/mo (5 users), "
        "Team $99/mo (25 users)",
        WIDE, {"card": 3, "button": 3}, ["Basic", "$9", "/mo", "1 user", "Pro", "$29", "Team", "$99"],
    ),
    "login": Case(
        "A login screen 'Welcome back' with a login form with email and password fields and a Sign in button",
        TALL, {"card": 1, "input": 2, "button": 1}, ["Email", "Password", "Sign in"],
    ),
    "signup-wide": Case(
        "A sign-up page 'Join Ledgerly' with a sign-up form with name, email and password fields and a "
        "'Create account' button",
        WIDE, {"card": 1, "input": 3, "button": 1}, ["Name", "Email", "Password", "Create account"],
    ),
    "contact-form": Case(
        "A contact form with fields: name, email, message, a subscribe checkbox and a Send button",
        PORTRAIT, {"card": 1, "input": 3, "button": 1, "control": 1}, ["Name", "Message", "Subscribe", "Send"],
    ),
    "nav": Case(
        "A website header 'Acme' with a nav bar with Home, About, Blog, Contact",
        WIDE, {"nav": 1}, ["Home", "About", "Blog", "Contact"],
    ),
    "bullets-and-chart": Case(
        "A slide 'Q3 review' with bullets: revenue up, churn down, hiring on track and a bar chart of revenue: "
        "North 40, South 25, East 30",
        WIDE, {"list": 1, "chart": 1}, ["Revenue up", "Churn down", "Hiring on track"],
        chart=("bar", ["North", "South", "East"]),
    ),
    "german-bullets": Case(
        "Eine Folie 'Unsere Vorteile' mit Stichpunkten: schnell, einfach und günstig",
        WIDE, {"list": 1}, ["Schnell", "Einfach", "Günstig"],
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(Settings(home=tmp_path_factory.mktemp("structures")))
    yield engine
    engine.close()


def _run(engine: Engine, brief: str, canvas: tuple[int, int]) -> RunOutcome:
    width, height = canvas
    request = RunRequest(brief=brief, canvas=Canvas(width=width, height=height), planner="rules", effort="low")
    return engine.generate(request)


@pytest.mark.parametrize("name", list(CASES))
def test_a_structure_is_drawn_and_every_check_on_it_passes(engine: Engine, name: str) -> None:
    case = CASES[name]
    outcome = _run(engine, case.brief, case.canvas)
    failing = [f"{c.constraint_id}: {c.measured}" for c in outcome.report.checks if c.failed]
    errors = [f"{f.code}: {f.message}" for f in outcome.report.lint if f.severity == "error"]
    assert (failing, errors) == ([], [])
    assert outcome.passed
    kinds = Counter(part.kind for part in outcome.drawn)
    assert {kind: kinds[kind] for kind in case.parts} == case.parts
    drawn_texts = {part.text for part in outcome.drawn if part.kind == "text"}
    assert set(case.texts) <= drawn_texts
    if case.chart is not None:
        (chart,) = [e for e in outcome.plan.elements if isinstance(e, ChartElement)]
        assert (chart.chart, chart.categories) == case.chart
        assert any(part.kind == "chart" and part.name == case.chart[0] for part in outcome.drawn)


def test_a_chart_without_data_is_not_drawn_and_the_run_says_so(engine: Engine) -> None:
    outcome = _run(engine, "A slide 'Revenue' with a bar chart of revenue by region", WIDE)
    assert not any(part.kind == "chart" for part in outcome.drawn)
    missing = [entry for entry in outcome.coverage if entry.status == "not_planned"]
    assert [entry.clause for entry in missing] == ["a bar chart of revenue by region"]
    assert "chart data" in missing[0].reason
    assert not outcome.passed
