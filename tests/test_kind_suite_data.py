"""The data kinds' brief suite: slides, dashboards, infographics and paper pages from one-line briefs, through the real
engine (rules planner, renderer, OCR verifier).

Each brief must come out as its kind's design (the template named in the plan's rationale), with its structure in
`drawn` (a chart of the asked type with its categories, list items, table cells, KPI cards, steps, navigation),
every string read back exactly, and nothing the brief asked for left unplanned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tessera.agents import Engine, RunOutcome, RunRequest, Settings
from tessera.contract import Canvas, ChartElement, DocumentKind, ListElement
from tests.kind_suites import problems, template_for

pytestmark = pytest.mark.slow

WIDE, TALL, PORTRAIT, SQUARE, PAGE = (1920, 1080), (1080, 1920), (1080, 1350), (1080, 1080), (1240, 1754)


@dataclass(frozen=True)
class Case:
    """A brief, its canvas (None: the kind's own), what `drawn` must hold (parts by kind, at least), its strings,
    a chart's type and categories, a list's items, and the kind to force where the reader does not know the
    brief's word for it."""

    brief: str
    canvas: tuple[int, int] | None
    template: str
    parts: dict[str, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)
    chart: tuple[str, list[str]] | None = None
    items: list[str] = field(default_factory=list)
    kind: DocumentKind | None = None


CASES: dict[str, Case] = {
    # Slides
    "slide-chart-and-bullets": Case(
        "A slide titled 'Q3 Results' with a bar chart: North 42, South 31, East 27, West 19, and bullets: "
        "'Revenue up 18%', 'Two new markets', 'Margin steady'",
        None, "slide-", {"chart": 1, "list": 1}, ["Q3 Results"], ("bar", ["North", "South", "East", "West"]),
        ["Revenue up 18%", "Two new markets", "Margin steady"],
    ),
    "title-slide": Case(
        "A title slide 'Roadmap 2027' with the subtitle 'Engineering all-hands'",
        None, "slide-title", {}, ["Roadmap 2027", "Engineering all-hands"],
    ),
    "slide-bullets": Case(
        "A slide titled 'Why choose us' with three bullet points: fast setup, no code, free trial",
        None, "slide-split", {"list": 1}, ["Why choose us"], items=["Fast setup", "No code", "Free trial"],
    ),
    "slide-column-chart": Case(
        "A slide 'Quarterly sales' with a column chart: Q1 10, Q2 15, Q3 12, Q4 20",
        None, "slide-", {"chart": 1}, ["Quarterly sales"], ("column", ["Q1", "Q2", "Q3", "Q4"]),
    ),
    "slide-german": Case(
        "Eine Folie 'Unsere Vorteile' mit Stichpunkten: schnell, einfach und günstig",
        None, "slide-split", {"list": 1}, ["Unsere Vorteile"], items=["Schnell", "Einfach", "Günstig"],
    ),
    "slide-french-chart": Case(
        "Une diapositive 'Nos résultats' avec un graphique en barres : Paris 40, Lyon 25, Nice 15",
        None, "slide-", {"chart": 1}, ["Nos résultats"], ("bar", ["Paris", "Lyon", "Nice"]),
    ),
    "square-slide-table": Case(
        "A square slide 'Team' with a table with columns Name, Role and rows: Ann, Design; Bob, Dev; Cy, QA",
        SQUARE, "slide-", {"table": 1}, ["Team", "Name", "Role", "Ann", "Design", "Bob", "Dev", "Cy", "QA"],
    ),
    "slide-agenda-lines": Case(
        "A slide titled 'Agenda'\n- Welcome and introductions\n- Product demo\n- Roadmap for 2025\n- Questions",
        None, "slide-split", {"list": 1}, ["Agenda"],
        items=["Welcome and introductions", "Product demo", "Roadmap for 2025", "Questions"],
    ),
    "slide-japanese": Case(
        "スライド「今期の成果」 with bullets: 売上増加, 新市場, 利益安定",
        None, "slide-split", {"list": 1}, ["今期の成果"], items=["売上増加", "新市場", "利益安定"],
    ),
    "slide-pie-footer": Case(
        "A slide 'Traffic' with a pie chart: Direct 45%, Search 30%, Social 25% and the footer 'Source: web analytics'",
        None, "slide-", {"chart": 1}, ["Traffic", "Source: web analytics"], ("pie", ["Direct", "Search", "Social"]),
    ),
    "slide-everyday-parenthesised-chart": Case(
        "A launch slide titled 'Q3 Results' with a bar chart of revenue by region (North 42, South 31, East 27, "
        "West 19), three bullet points: 'Revenue up 18%', 'Two new markets', 'Margin steady'",
        None, "slide-split", {"chart": 1, "list": 1}, ["Q3 Results"],
        ("bar", ["North", "South", "East", "West"]), ["Revenue up 18%", "Two new markets", "Margin steady"],
    ),
    # Dashboards
    "dashboard-everyday-sidebar": Case(
        "A dashboard 'Sales' for 'Orbit' with a sidebar (Overview, Orders, Customers) and KPI cards Revenue $48.2k, "
        "Orders 1,204 and a line chart of revenue (Jan 10, Feb 14, Mar 18, Apr 22)",
        None, "dashboard-", {"nav": 1, "card": 3, "chart": 1}, ["Sales", "Orbit", "Overview", "$48.2k", "1,204"],
        ("line", ["Jan", "Feb", "Mar", "Apr"]),
    ),
    "dashboard-sidebar": Case(
        "A dashboard 'Store overview' with navigation: Overview, Orders, Customers, Reports, Settings and KPIs: "
        "Revenue $128,400, Orders 3,912, Average order $32.80, Refund rate 1.8% and a line chart of daily revenue: "
        "Sep 1 3.6, Sep 5 3.9, Sep 10 4.1, Sep 15 3.8, Sep 20 4.6",
        None, "dashboard-", {"nav": 1, "card": 5, "chart": 1},
        ["Store overview", "Overview", "Settings", "$128,400", "3,912", "$32.80", "1.8%", "Refund rate"],
        ("line", ["Sep 1", "Sep 5", "Sep 10", "Sep 15", "Sep 20"]),
    ),
    "dashboard-kpis-only": Case(
        "A dashboard titled 'Weekly overview' with KPIs: revenue $1.2M, users 48k, churn 2.1%",
        None, "dashboard-topbar", {"card": 3}, ["Weekly overview", "$1.2M", "48k", "2.1%", "Revenue", "Churn"],
    ),
    "dashboard-kpis-chart": Case(
        "A dashboard 'Sales' with KPIs: Revenue $48.2k, Orders 1,204, Refunds 12 and a bar chart of sales by "
        "region: North 40, South 25, East 30",
        None, "dashboard-topbar", {"card": 4, "chart": 1}, ["Sales", "$48.2k", "1,204", "12"],
        ("bar", ["North", "South", "East"]),
    ),
    "dashboard-table": Case(
        "An admin panel 'Team' with a nav bar with Home, Projects, Settings and a table with columns Name, Role, "
        "Hours and rows: Ann, Design, 32; Bob, Dev, 40; Cy, QA, 28",
        None, "dashboard-", {"nav": 1, "table": 1}, ["Team", "Home", "Projects", "Hours", "Ann", "32", "QA"],
    ),
    "dashboard-german": Case(
        "Ein Dashboard 'Umsatz' mit Kennzahlen: Umsatz 48.200 €, Bestellungen 1.204, Retouren 3%",
        None, "dashboard-topbar", {"card": 3}, ["48.200 €", "1.204", "3%", "Bestellungen"],
    ),
    "dashboard-mobile": Case(
        "A mobile analytics dashboard 'Fitness' with KPIs: calories 2,150, sleep 7.5h, runs 12 and a line chart: "
        "Mon 6, Tue 8, Wed 7, Thu 9, Fri 10",
        TALL, "dashboard-topbar", {"card": 4, "chart": 1}, ["Fitness", "2,150", "7.5h", "Calories"],
        ("line", ["Mon", "Tue", "Wed", "Thu", "Fri"]),
    ),
    "dashboard-french": Case(
        "Un tableau de bord 'Ventes' avec indicateurs : commandes 340, clients 120, retours 4%",
        None, "dashboard-topbar", {"card": 3}, ["Ventes", "340", "120", "4%", "Commandes"], kind="dashboard",
    ),
    "dashboard-support": Case(
        "A dashboard 'Support' with a sidebar nav: Inbox, Customers, Reports, Settings and a bar chart of tickets: "
        "Open 30, Pending 12, Closed 58",
        None, "dashboard-", {"nav": 1, "chart": 1}, ["Support", "Inbox", "Customers"],
        ("bar", ["Open", "Pending", "Closed"]),
    ),
    # Infographics
    "process-tall": Case(
        "An infographic 'How it works' with four steps: Order, Pack, Deliver, Enjoy",
        None, "infographic-process", {"icon": 4}, ["How it works", "Order", "Pack", "Deliver", "Enjoy", "01", "04"],
    ),
    "process-wide": Case(
        "An infographic 'From order to doorstep' with four steps: Order, Pack, Deliver, Enjoy",
        WIDE, "infographic-process", {"icon": 4, "shape": 7}, ["From order to doorstep", "Order", "Enjoy"],
    ),
    "timeline-tall": Case(
        "An infographic titled 'Our story' with a timeline: 2006 first frame, 2011 first shop, 2017 going "
        "electric, 2022 worldwide",
        None, "infographic-timeline", {}, ["Our story", "2006", "First frame", "2022", "Worldwide"],
    ),
    "timeline-wide": Case(
        "An infographic titled 'Twenty years of Ferro Cycles' with a timeline: 2006 first frame, 2011 first shop, "
        "2017 going electric, 2022 worldwide, 2026 carbon neutral",
        WIDE, "infographic-timeline", {}, ["2006", "2026", "Carbon neutral", "Going electric"],
    ),
    "big-numbers": Case(
        "An infographic 'Coffee in numbers' with big numbers: 2.25 billion cups a day, 70 countries, 25 million "
        "farmers",
        None, "infographic-figures", {}, ["Coffee in numbers", "2.25", "70", "25", "Countries", "Million farmers"],
    ),
    "donut": Case(
        "An infographic 'Traffic sources' with a donut chart: Direct 40%, Search 35%, Social 25%",
        PORTRAIT, "infographic-figures", {"chart": 1}, ["Traffic sources"],
        ("donut", ["Direct", "Search", "Social"]),
    ),
    "process-five-wide": Case(
        "An infographic with 5 steps: plan, design, build, test, launch",
        WIDE, "infographic-process", {"icon": 5}, ["Plan", "Design", "Build", "Test", "Launch", "05"],
    ),
    "process-spanish": Case(
        "Una infografía 'Cómo funciona' con pasos: registrarse, elegir, pagar",
        None, "infographic-process", {}, ["Cómo funciona", "Registrarse", "Elegir", "Pagar", "1", "3"],
        kind="infographic",
    ),
    "timeline-german": Case(
        "Eine Infografik 'Unsere Geschichte' mit Zeitleiste: 2010 Gründung, 2015 Expansion, 2020 Börsengang",
        PORTRAIT, "infographic-timeline", {}, ["Unsere Geschichte", "2010", "Gründung", "Börsengang"],
        kind="infographic",
    ),
    "timeline-chinese": Case(
        "信息图「我们的历程」 with a timeline: 2015 创立, 2018 扩张, 2023 上市",
        None, "infographic-timeline", {}, ["我们的历程", "2015", "创立", "上市"], kind="infographic",
    ),
    # Paper pages
    "paper-abstract": Case(
        "The first page of a research paper titled 'Sparse Attention at Scale', abstract: 'We study sparse "
        "attention in long-context models and show that a learned router halves the cost of inference.'",
        None, "paper-first-page", {}, ["Sparse Attention at Scale", "Abstract"],
    ),
    "paper-everyday-authors": Case(
        "The first page of a research paper titled 'Sparse Attention' by Ana Ruiz and Wei Chen, abstract: 'We study "
        "sparse attention in long-context models.'",
        None, "paper-first-page", {}, ["Sparse Attention", "Ana Ruiz", "Wei Chen", "Abstract"],
    ),
    "report-table": Case(
        "A report page 'Ridership by line' with a table with columns Line, Riders and rows: Red, 43.0; Blue, 35.9; "
        "Green, 20.1",
        None, "paper-report", {"table": 1}, ["Ridership by line", "Line", "Riders", "Red", "43.0", "20.1"],
    ),
    "report-markdown": Case(
        "A report page 'Results'\n| Team | Wins | Losses |\n|---|---|---|\n| Red | 12 | 3 |\n| Blue | 9 | 6 |",
        PAGE, "paper-report", {"table": 1}, ["Results", "Team", "Wins", "Losses", "Red", "12", "Blue", "6"],
    ),
    "paper-chart": Case(
        "A research paper titled 'Learning to Route' with the text 'Routing tokens to experts is costly.' and the "
        "text 'We propose a cheaper router trained with distillation.' and a bar chart of speedup: Small 1.2, "
        "Medium 1.8, Large 2.4",
        None, "paper-", {"chart": 1}, ["Learning to Route", "Routing tokens to experts is costly."],
        ("bar", ["Small", "Medium", "Large"]),
    ),
    "paper-german-abstract": Case(
        "Die erste Seite eines Forschungsartikels 'Lernen mit wenig Daten', Zusammenfassung: 'Wir zeigen, dass "
        "kleine Modelle mit Destillation gut lernen.'",
        None, "paper-first-page", {}, ["Lernen mit wenig Daten", "Zusammenfassung"], kind="paper",
    ),
    "quarterly-report-bullets": Case(
        "A quarterly report 'Q2 in review' with bullets: 'Sales up 12%', 'Costs flat', 'Two hires'",
        None, "paper-report", {"list": 1}, ["Q2 in review"], items=["Sales up 12%", "Costs flat", "Two hires"],
    ),
    # Style words: the same designs in the style's families and decoration
    "vintage-title-slide": Case(
        "A vintage title slide 'Grand Tour 1925' with the subtitle 'A century of travel posters'",
        None, "slide-title", {}, ["Grand Tour 1925", "A century of travel posters"],
    ),
    "chalkboard-process": Case(
        "A chalkboard infographic 'How to brew' with steps: grind, bloom, pour, enjoy",
        WIDE, "infographic-process", {}, ["How to brew", "Grind", "Bloom", "Pour", "Enjoy"],
    ),
    "elegant-paper": Case(
        "An elegant serif research paper titled 'On Quiet Rooms', abstract: 'We measure how quiet rooms change focus.'",
        None, "paper-first-page", {}, ["On Quiet Rooms", "Abstract", "We measure how quiet rooms change focus."],
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(Settings(home=tmp_path_factory.mktemp("data-kinds")))
    yield engine
    engine.close()


def _run(engine: Engine, case: Case) -> RunOutcome:
    canvas = Canvas(width=case.canvas[0], height=case.canvas[1]) if case.canvas else None
    request = RunRequest(brief=case.brief, canvas=canvas, planner="rules", effort="low", kind=case.kind)
    return engine.generate(request)


@pytest.mark.parametrize("name", list(CASES))
def test_a_data_brief_gets_its_kinds_design_and_every_check_passes(engine: Engine, name: str) -> None:
    case = CASES[name]
    outcome = _run(engine, case)
    assert problems(outcome) == []
    assert outcome.passed
    assert template_for(case.brief, case.kind, case.canvas).startswith(case.template)
    kinds = Counter(part.kind for part in outcome.drawn)
    assert {kind: kinds[kind] for kind in case.parts} == case.parts
    drawn_texts = {part.text for part in outcome.drawn if part.kind == "text"}
    assert set(case.texts) <= drawn_texts
    if case.chart is not None:
        (chart,) = [e for e in outcome.plan.elements if isinstance(e, ChartElement)]
        assert (chart.chart, chart.categories) == case.chart
    if case.items:
        lists = [e for e in outcome.plan.elements if isinstance(e, ListElement)]
        assert [item for element in lists for item in element.items] == case.items
