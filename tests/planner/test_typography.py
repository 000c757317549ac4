"""Typography of the rule planner's layout: paragraphs set as body copy within a measure, flush left, body text
kept at its floor on a crowded canvas while the display sizes give way."""

from __future__ import annotations

import math

from tessera.contract import Script
from tessera.planner._layout import (
    MEASURE_EM,
    Placed,
    TextSpec,
    is_running_text,
    order_rows,
    place_rows,
)
from tessera.planner._quotes import Role
from tessera.planner._typeset import fit_text, text_width_em

CAPTION = (
    "Coral reefs support nearly a quarter of all ocean life, yet they face severe threats from climate change and "
    "pollution. Protecting coral ecosystems is vital for preserving marine biodiversity and sustaining healthy "
    "oceans for future generations"
)
DETAILS = "Saturday, November 18th, 2023 10 AM – 6 PM Aurora Business Center, Downtown"


def _text(id_: str, text: str, role: Role = "body", script: Script = "latin") -> TextSpec:
    return TextSpec(id_, text, role, script, "en", "#111111")


def _placed(width: int, height: int, texts: list[TextSpec]) -> dict[str, Placed]:
    layout = place_rows(width, height, order_rows(texts, [], None, []))
    return {p.spec.id: p for p in layout.placed}


def test_a_paragraph_is_running_text_whatever_its_role_but_a_headline_never_is() -> None:
    assert is_running_text(_text("subheading", CAPTION, "subheading"))
    assert is_running_text(_text("footer", CAPTION, "footer"))
    assert not is_running_text(_text("headline", CAPTION, "headline"))
    assert not is_running_text(_text("body", "Live Performances"))


def test_a_long_caption_is_body_copy_flush_left_within_the_measure() -> None:
    placed = _placed(1920, 1080, [_text("subheading", CAPTION, "subheading")])["subheading"]
    assert placed.text_fit is not None
    size = placed.text_fit.size
    assert placed.align == "left"
    assert placed.box.w <= MEASURE_EM * size + 1  # lines of about 50 characters, not 120
    assert size >= 0.03 * 1080 - 1  # copy size (3% of the short edge), not shrunk to fit fewer lines
    assert placed.text_fit.lines >= 5


def test_a_long_line_of_details_wraps_into_a_centred_block_narrower_than_the_column() -> None:
    placed = _placed(1024, 1024, [_text("headline", "Grand Opening", "headline"), _text("footer", DETAILS, "footer")])
    footer = placed["footer"]
    assert footer.text_fit is not None and footer.text_fit.lines == 2
    assert footer.align == "center"
    assert footer.box.w < 1024 - 2 * round(0.06 * 1024)
    assert abs(footer.box.center[0] - 512) <= 1


def test_a_headline_keeps_the_full_column() -> None:
    headline = "Explore the Future of Electric Vehicles Today and Tomorrow"
    placed = _placed(1920, 1080, [_text("headline", headline, "headline")])["headline"]
    assert placed.box.w == 1920 - 2 * round(0.06 * 1080)


def test_running_text_in_a_right_to_left_script_is_flush_right() -> None:
    arabic = "نص طويل " * 30
    placed = _placed(1024, 1024, [_text("body", arabic.strip(), "body", "arabic")])["body"]
    assert placed.align == "right"


def test_a_crowded_canvas_shrinks_the_display_sizes_before_the_body_text() -> None:
    lines = [f"Step {n}: keep a steady routine every day" for n in range(1, 11)]
    texts = [_text("headline", "Mindful Tips for Better Sleep", "headline")]
    texts += [_text(f"body-{n}", line) for n, line in enumerate(lines, 1)]
    placed = _placed(1920, 640, texts)
    headline = placed["headline"].text_fit
    assert headline is not None and headline.size < 0.095 * math.sqrt(1920 * 640)  # the headline gave way
    for n in range(1, 11):
        body = placed[f"body-{n}"].text_fit
        assert body is not None and body.size >= 24  # scaled with the headline, it would be 22.7 px


def test_fit_text_keeps_every_line_within_the_measure() -> None:
    free = fit_text(CAPTION, 40, 24, 1800, 10, bold=False)
    measured = fit_text(CAPTION, 40, 24, 1800, 10, bold=False, measure_em=MEASURE_EM)
    assert measured.lines > free.lines
    assert math.ceil(text_width_em(CAPTION, bold=False) / MEASURE_EM) <= measured.lines
