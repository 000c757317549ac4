"""The slide templates: the title top-left, points as a list with markers beside a chart given half the width, a
title slide when there is only a title, a small footer, and nothing made up."""

from __future__ import annotations

from tessera.contract import AssetElement, AssetInfo, ChartElement, Frame, ListElement, Supplied, TextElement
from tessera.planner._templates._slides import FigureSlide, SplitSlide, TitleSlide
from tests.planner.templates._print_helpers import brief_strings, material_for, material_of, node, texts, walk

RESULTS = (
    "A slide titled 'Q3 Results' with a bar chart: North 42, South 31, East 27, West 19, and bullets: "
    "'Revenue up 18%', 'Two new markets', 'Margin steady'"
)
CHART_ONLY = "A slide 'Quarterly sales' with a column chart: Q1 10, Q2 15, Q3 12, Q4 20"
OPENING = "A title slide 'Roadmap 2027' with the subtitle 'Engineering all-hands'"
FOOTED = "A slide 'Traffic' with a pie chart: Direct 45%, Search 30%, Social 25% and the footer 'Source: web analytics'"


def test_points_sit_left_of_a_chart_that_takes_half_the_width() -> None:
    design = SplitSlide().compose(material_for(RESULTS))
    body = node(design.root, "body")
    assert isinstance(body, Frame) and body.layout == "row"
    points, figure = body.children
    assert isinstance(points, Frame) and isinstance(figure, Frame)
    assert points.width == figure.width == "fill"
    (bullets,) = [n for n in walk(points) if isinstance(n, ListElement)]
    assert (bullets.items, bullets.marker, bullets.align) == (
        ["Revenue up 18%", "Two new markets", "Margin steady"],
        "bullet",
        "left",
    )
    (chart,) = [n for n in walk(figure) if isinstance(n, ChartElement)]
    assert (chart.chart, chart.categories) == ("bar", ["North", "South", "East", "West"])


def test_the_title_is_top_left_and_the_largest_text() -> None:
    design = SplitSlide().compose(material_for(RESULTS))
    assert design.root.children[0].id == "heading"
    title = node(design.root, "title")
    assert isinstance(title, TextElement)
    assert (title.text, title.align) == ("Q3 Results", "left")
    bullets = next(n for n in walk(design.root) if isinstance(n, ListElement))
    assert (title.font_size or 0) > (bullets.font_size or 0)


def test_a_slide_sets_only_the_briefs_strings_and_each_once() -> None:
    material = material_for(RESULTS)
    design = SplitSlide().compose(material)
    set_texts = [t.text for t in texts(design.root)]
    assert set(set_texts) <= brief_strings(material)
    assert len(set_texts) == len(set(set_texts))


def test_the_footer_is_small_and_at_the_foot() -> None:
    design = SplitSlide().compose(material_for(FOOTED))
    footer = design.root.children[-1]
    assert isinstance(footer, Frame) and footer.id == "footer"
    (source,) = texts(footer)
    title = node(design.root, "title")
    assert source.text == "Source: web analytics"
    assert isinstance(title, TextElement) and (source.font_size or 0) < (title.font_size or 0) / 2


def test_a_chart_alone_leads_the_figure_slide_and_the_split_one_declines_nothing() -> None:
    material = material_for(CHART_ONLY)
    assert FigureSlide().fit(material) == 0.9
    design = FigureSlide().compose(material)
    assert [n.kind for n in walk(design.root) if isinstance(n, ChartElement)] == ["chart"]


def test_a_title_and_subtitle_make_a_title_slide_with_the_title_largest() -> None:
    material = material_for(OPENING)
    assert TitleSlide().fit(material) == 0.95
    design = TitleSlide().compose(material)
    sizes = {t.text: t.font_size or 0 for t in texts(design.root)}
    assert sizes["Roadmap 2027"] > sizes["Engineering all-hands"]
    assert all(t.align == "left" for t in texts(design.root))


def test_templates_decline_what_they_cannot_carry() -> None:
    assert TitleSlide().fit(material_for(RESULTS)) is None  # a chart and points are no title slide
    assert FigureSlide().fit(material_for(OPENING)) is None  # no chart or table to lead
    assert SplitSlide().fit(material_for("A slide with bullets: fast, simple, cheap")) is None  # no title


def test_the_users_logo_sits_top_right_beside_the_title() -> None:
    material = material_for("A slide titled 'Q3 Results' with our logo and bullets: 'Revenue up 18%', 'Margin steady'")
    supplied = Supplied(assets=[AssetInfo(name="logo", width=400, height=160)])
    material = material_of(material.constraints.model_copy(update={"supplied": supplied}))
    design = SplitSlide().compose(material)
    row = node(design.root, "heading-row")
    assert isinstance(row, Frame)
    assert [child.id for child in row.children] == ["heading", "asset-logo"]
    assert [n.name for n in walk(design.root) if isinstance(n, AssetElement)] == ["logo"]
