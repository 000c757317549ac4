"""The paper templates: a research paper's first page (centred title, the brief's abstract under its own word for
it, two columns) and a report page (running header, left-aligned title, tables in measure); no abstract invented."""

from __future__ import annotations

from tessera.contract import Frame, TableElement, TextElement
from tessera.planner._templates._papers import ReportPage, ResearchFirstPage
from tests.planner.templates._print_helpers import brief_strings, material_for, node, texts, walk

ABSTRACT = (
    "The first page of a research paper titled 'Sparse Attention at Scale', abstract: 'We study sparse attention in "
    "long-context models.'"
)
BODY = (
    "A research paper titled 'Learning to Route' with the text 'Routing tokens to experts is costly.' and the text "
    "'We propose a cheaper router trained with distillation.'"
)
REPORT = (
    "A report page 'Ridership by line' with a table with columns Line, Riders and rows: Red, 43.0; Blue, 35.9; "
    "Green, 20.1"
)


def test_the_abstract_sits_under_its_heading_below_the_centred_title() -> None:
    material = material_for(ABSTRACT)
    assert ResearchFirstPage().fit(material) == 0.9
    design = ResearchFirstPage().compose(material)
    order = [t.text for t in texts(design.root)]
    assert order == ["Sparse Attention at Scale", "Abstract", "We study sparse attention in long-context models."]
    title = node(design.root, "title")
    assert isinstance(title, TextElement) and title.align == "center"


def test_a_german_abstract_takes_the_briefs_word_for_it() -> None:
    material = material_for(
        "Die erste Seite eines Forschungsartikels 'Lernen mit wenig Daten', Zusammenfassung: 'Wir zeigen es.'",
        kind="paper",
    )
    design = ResearchFirstPage().compose(material)
    assert "Zusammenfassung" in [t.text for t in texts(design.root)]


def test_no_abstract_heading_is_set_without_an_abstract_and_the_body_runs_in_two_columns() -> None:
    material = material_for(BODY)
    design = ResearchFirstPage().compose(material)
    assert "Abstract" not in [t.text for t in texts(design.root)]
    body = node(design.root, "body")
    assert isinstance(body, Frame) and body.layout == "grid" and body.columns == ["1fr", "1fr"]
    assert [t.text for t in texts(body)] == [
        "Routing tokens to experts is costly.",
        "We propose a cheaper router trained with distillation.",
    ]
    assert all(t.align == "left" for t in texts(body))


def test_a_report_page_sets_the_title_left_and_the_table_across_the_measure() -> None:
    material = material_for(REPORT)
    assert (ReportPage().fit(material) or 0) > (ResearchFirstPage().fit(material) or 0)
    design = ReportPage().compose(material)
    title = node(design.root, "title")
    assert isinstance(title, TextElement) and title.align == "left"
    (table,) = [n for n in walk(design.root) if isinstance(n, TableElement)]
    assert table.width == "fill" and table.header == ["Line", "Riders"]
    assert {t.text for t in texts(design.root)} <= brief_strings(material)


def test_a_paper_without_a_title_is_declined() -> None:
    material = material_for("A report page with a table with columns Line, Riders and rows: Red, 43.0; Blue, 35.9")
    assert ResearchFirstPage().fit(material) is None and ReportPage().fit(material) is None
