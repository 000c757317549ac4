"""The design score: a well-set page scores high on every aspect; each way a designer would reject a page (text at
the edge, ragged left edges, arbitrary sizes, tiny body text, low contrast, an empty half, a demoted brand,
overlapping texts) lowers its own aspect and the total."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import pytest

from tessera.contract import (
    Box,
    Constraints,
    DesignScore,
    Element,
    Frame,
    LayoutPlan,
    RequiredText,
    ShapeElement,
    SourceSpan,
    TextElement,
    TextPurpose,
    TextRole,
)
from tessera.verifier import RenderVerifier, score_design
from tests.verifier.conftest import Painter

WIDTH, HEIGHT = 960, 720  # short edge 720: margins want 29 px, body text 16 px, captions 11 px; large text 24 px
INK = "#1A1A1A"


def _text(
    node_id: str,
    text: str,
    x: int,
    y: int,
    size: int,
    *,
    role: TextRole = "body",
    w: int = 520,
    align: Literal["left", "center", "right"] = "left",
    color: str = INK,
) -> TextElement:
    return TextElement(
        id=node_id,
        text=text,
        box=Box(x=x, y=y, w=w, h=round(size * 1.5)),
        font_size=size,
        role=role,
        align=align,
        color=color,
        font_weight="bold" if role == "title" else "regular",
    )


def _page(**changes: TextElement | None) -> list[Element]:
    """A page a designer would pass: one left edge at 64 px, sizes 60/40/20/16, a price card bottom right."""
    parts: dict[str, Element | None] = {
        "title": _text("title", "Harbour Lights Festival", 64, 64, 60, role="title", w=832),
        "subtitle": _text("subtitle", "A winter festival", 64, 170, 40, role="subtitle", w=800),
        "line-1": _text("line-1", "Music on the pier every night", 64, 280, 20),
        "line-2": _text("line-2", "Food stalls from six until late", 64, 330, 20),
        "line-3": _text("line-3", "Lanterns along the water", 64, 380, 20),
        "card": ShapeElement(id="card", box=Box(x=600, y=440, w=296, h=200), fill="#1F4E79", z=2),
        "price": _text("price", "$29", 600, 470, 60, w=296, align="center", color="#FFFFFF"),
        "per": _text("per", "per ticket", 600, 580, 20, w=296, align="center", color="#FFFFFF"),
        "footer": _text("footer", "harbourlights.example", 64, 640, 16, role="caption", w=400),
    }
    parts.update(changes)
    return [part for part in parts.values() if part is not None]


Score = Callable[..., DesignScore]


@pytest.fixture
def score(plan_of: Callable[..., LayoutPlan], painter: Painter) -> Score:
    """Paint a page of elements and score it: `score(elements, constraints=None)`."""

    def scored(elements: list[Element], constraints: Constraints | None = None) -> DesignScore:
        plan = plan_of(elements, background="#FFFFFF", size=(WIDTH, HEIGHT))
        return score_design(painter.render(plan), plan, constraints)

    return scored


def _purposes(span: SourceSpan, texts: dict[str, TextPurpose]) -> Constraints:
    items = [
        RequiredText(id=f"text-{n}", text=text, purpose=purpose, source=span)
        for n, (text, purpose) in enumerate(texts.items())
    ]
    return Constraints(brief="a test brief", items=list(items))


def test_a_well_set_page_scores_high_on_every_aspect(score: Score) -> None:
    design = score(_page())
    assert {p.aspect: p.score for p in design.parts} == {
        "margins": 1.0, "alignment": 1.0, "type_scale": 1.0, "readable_sizes": 1.0, "contrast": 1.0,
        "balance": pytest.approx(design.part("balance").score), "emphasis": 1.0, "overlap": 1.0,
    }  # fmt: skip
    assert design.part("balance").score >= 0.8
    assert design.total >= 0.95


def test_text_touching_the_edge_fails_margins(score: Score) -> None:
    good, bad = (
        score(_page()),
        score(_page(footer=_text("footer", "harbourlights.example", 0, 640, 16, role="caption"))),
    )
    margins = bad.part("margins")
    assert margins.score == 0.0 and "'harbourlights.example' is 0 px from the left edge" in margins.reason
    assert bad.total < good.total


def test_a_full_bleed_band_is_not_a_margin_fault(score: Score) -> None:
    band = ShapeElement(id="band", box=Box(x=0, y=0, w=WIDTH, h=40), fill="#1F4E79", z=1)
    assert score([*_page(), band]).part("margins").score == 1.0


def test_ragged_left_edges_fail_alignment(score: Score) -> None:
    ragged = score(
        _page(
            **{
                "line-2": _text("line-2", "Food stalls from six until late", 90, 330, 20),
                "line-3": _text("line-3", "Lanterns along the water", 120, 380, 20),
            }
        )
    )
    alignment = ragged.part("alignment")
    assert alignment.score <= 0.6
    assert "3 distinct left edge(s)" in alignment.reason or "4 distinct left edge(s)" in alignment.reason


def test_list_items_line_up_by_their_bullets(score: Score) -> None:
    bullets = [ShapeElement(id=f"dot-{n}", box=Box(x=64, y=y + 14, w=8, h=8), fill=INK, shape="ellipse") for n, y in
               ((1, 280), (2, 330), (3, 380))]  # fmt: skip
    items = {
        f"line-{n}": _text(f"line-{n}", text, 84, y, 20)
        for n, text, y in ((1, "Music on the pier", 280), (2, "Food stalls", 330), (3, "Lanterns", 380))
    }
    assert score([*_page(**items), *bullets]).part("alignment").score == 1.0


def test_six_arbitrary_sizes_fail_the_type_scale(score: Score) -> None:
    sizes = {"title": 44, "subtitle": 41, "line-1": 30, "line-2": 27, "line-3": 19, "footer": 17}
    page = _page(
        title=_text("title", "Harbour Lights Festival", 64, 64, sizes["title"], role="title", w=832),
        subtitle=_text("subtitle", "A winter festival", 64, 150, sizes["subtitle"], role="subtitle", w=800),
        **{
            "line-1": _text("line-1", "Music on the pier every night", 64, 240, sizes["line-1"]),
            "line-2": _text("line-2", "Food stalls from six until late", 64, 300, sizes["line-2"]),
            "line-3": _text("line-3", "Lanterns along the water", 64, 360, sizes["line-3"]),
        },
        footer=_text("footer", "harbourlights.example", 64, 640, sizes["footer"], role="caption"),
        price=_text("price", "$29", 600, 470, 44, w=296, align="center", color="#FFFFFF"),
        per=_text("per", "per ticket", 600, 580, 30, w=296, align="center", color="#FFFFFF"),
    )
    type_scale = score(page).part("type_scale")
    assert type_scale.score <= 0.3
    assert "too close" in type_scale.reason and "41/44" in type_scale.reason


def test_tiny_body_text_fails_readable_sizes(score: Score) -> None:
    tiny = score(_page(**{"line-2": _text("line-2", "Food stalls from six until late", 64, 330, 10)}))
    readable = tiny.part("readable_sizes")
    assert readable.score == pytest.approx(10 / (0.022 * 720), abs=0.01)
    assert "'Food stalls from six until la…' (body) is set at 10 px; body text wants at least 16 px" in readable.reason


def test_low_contrast_text_fails_contrast(score: Score) -> None:
    pale = score(_page(**{"line-1": _text("line-1", "Music on the pier every night", 64, 280, 20, color="#C8C8C8")}))
    contrast = pale.part("contrast")
    assert (
        contrast.score < 0.3
        and "'Music on the pier every night'" in contrast.reason
        and "wants 4.5:1" in contrast.reason
    )


def test_large_text_needs_only_three_to_one(score: Score) -> None:
    # #8A8A8A on white is about 3.5:1: enough for a 60 px title, not for 20 px body text.
    title = _text("title", "Harbour Lights Festival", 64, 64, 60, role="title", w=832, color="#8A8A8A")
    assert score(_page(title=title)).part("contrast").score == 1.0


def test_an_empty_half_fails_balance(score: Score) -> None:
    top_only = _page(card=None, price=None, per=None, footer=None, **{"line-3": None})
    balance = score(top_only).part("balance")
    assert balance.score < 0.5 and "bottom-left" in balance.reason and "bottom-right" in balance.reason


def test_a_tagline_above_the_brand_fails_emphasis(score: Score, span: SourceSpan) -> None:
    constraints = _purposes(span, {"Harbour Lights Festival": "brand", "A winter festival": "tagline"})
    demoted = _page(
        title=_text("title", "Harbour Lights Festival", 64, 64, 40, role="title", w=832),
        subtitle=_text("subtitle", "A winter festival", 64, 150, 60, role="subtitle", w=800),
    )
    assert score(_page(), constraints).part("emphasis").score == 1.0
    emphasis = score(demoted, constraints).part("emphasis")
    assert emphasis.score < 0.7 and "'A winter festival'" in emphasis.reason


def test_a_key_number_smaller_than_its_label_fails_emphasis(
    plan_of: Callable[..., LayoutPlan], painter: Painter
) -> None:
    def kpi(value_size: int) -> LayoutPlan:
        label = _text("kpi-label", "Active users", 96, 96, 28, w=300)
        value = _text("kpi-value", "1,204", 96, 150, value_size, w=300)
        card = Frame(id="kpi", role="card", box=Box(x=64, y=64, w=360, h=240), fill="#EEF2F7", children=[label, value])
        title = _text("title", "Dashboard", 480, 96, 60, role="title", w=400)
        plan = plan_of([title], background="#FFFFFF", size=(WIDTH, HEIGHT))
        return plan.model_copy(update={"root": plan.root.model_copy(update={"children": [card, title]})})

    big, small = kpi(48), kpi(20)
    assert score_design(painter.render(big), big).part("emphasis").score == 1.0
    emphasis = score_design(painter.render(small), small).part("emphasis")
    assert emphasis.score == 0.0 and "in card 'kpi', text '1,204'" in emphasis.reason


def test_overlapping_texts_fail_overlap(score: Score) -> None:
    clash = score(_page(**{"line-2": _text("line-2", "Food stalls from six until late", 64, 290, 20)}))
    overlap = clash.part("overlap")
    assert overlap.score < 0.5 and "1 pair(s) of texts overlap" in overlap.reason


def test_every_aspect_has_a_weight_and_the_total_is_their_weighted_mean(score: Score) -> None:
    design = score(_page(footer=_text("footer", "harbourlights.example", 0, 640, 16, role="caption")))
    weighted = sum(p.score * p.weight for p in design.parts) / sum(p.weight for p in design.parts)
    assert len(design.parts) == 8 and design.total == pytest.approx(weighted, abs=1e-4)


def test_the_verifier_puts_the_design_score_in_its_report(
    plan_of: Callable[..., LayoutPlan], painter: Painter, verifier: RenderVerifier
) -> None:
    plan = plan_of(_page(), background="#FFFFFF", size=(WIDTH, HEIGHT))
    report = verifier.verify(painter.render(plan), plan, Constraints(brief="a test brief", items=[]))
    assert report.design is not None and report.design.total >= 0.95
    assert report.model_dump(mode="json")["design"]["parts"][0]["aspect"] == "margins"
