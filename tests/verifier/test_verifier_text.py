"""Text checks: every required string is read back from its planned box, exactly, with real tesseract."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from tessera.contract import Box, RequiredText, Script, SetupError, TextElement
from tessera.contract.fakes import FakeOcrEngine
from tessera.verifier import RenderVerifier, TesseractOcr, normalise_text

SOLID = "#f4efe6"
GRADIENT = ("#1d3557", "#e9c46a")  # navy to sand: the ink contrast flips from top to bottom

READS = [
    pytest.param("latin", "Grand Opening Sale", None, "bold", id="latin-headline"),
    pytest.param(
        "latin",
        "Join us on Saturday for coffee, live music and twenty percent off every book in the shop.",
        14,
        "regular",
        id="latin-14px-paragraph",
    ),  # fmt: skip
    pytest.param("han", "盛大开业", None, "bold", id="chinese"),
    pytest.param("cyrillic", "Большая распродажа", None, "bold", id="russian"),
    pytest.param("arabic", "افتتاح كبير", None, "bold", id="arabic"),
    pytest.param("latin", "Täglich ab 11 Uhr", None, "regular", id="german-umlaut"),
    pytest.param("latin", "Mañana: música en vivo", None, "bold", id="spanish-accents"),
    pytest.param("cyrillic", "Ласкаво просимо до Києва", None, "regular", id="ukrainian"),
]


def _text(script: Script, text: str, size: int | None, weight: str, color: str) -> TextElement:
    height = 80 if size else 150
    return TextElement(id="t", box=Box(x=96, y=420, w=832, h=height), text=text, script=script,
                       font_size=size, font_weight=weight, color=color)  # type: ignore[arg-type]  # fmt: skip


@pytest.mark.parametrize("background", [SOLID, GRADIENT], ids=["solid", "gradient"])
@pytest.mark.parametrize(("script", "text", "size", "weight"), READS)
def test_required_text_is_read_back_exactly(
    script, text, size, weight, background, painter, plan_of, constraints_of, span, verifier, save_sample
) -> None:
    color = "#1a1a1a" if background == SOLID else "#ffffff"
    plan = plan_of([_text(script, text, size, weight, color)], background=background)
    image = painter.render(plan)
    save_sample(image)
    report = verifier.verify(image, plan, constraints_of(RequiredText(id="c", text=text, script=script, source=span)))
    check = report.checks[0]
    assert check.passed, check.evidence
    assert check.error_rate == 0.0
    assert check.element_ids == ["t"]


def test_a_text_box_half_covered_by_a_panel_fails_with_a_positive_error_rate(
    painter, plan_of, constraints_of, span, verifier, save_sample
) -> None:
    element = _text("latin", "Grand Opening Sale", None, "bold", "#1a1a1a")
    plan = plan_of([element])
    image = painter.render(plan)
    painter.cover(image, Box(x=560, y=400, w=420, h=190), "#2a9d8f")
    save_sample(image)
    check = verifier.verify(
        image, plan, constraints_of(RequiredText(id="c", text="Grand Opening Sale", source=span))
    ).checks[0]
    assert not check.passed
    assert check.error_rate is not None and check.error_rate > 0
    assert "Grand" in check.measured


def test_a_misspelled_render_fails(painter, plan_of, constraints_of, span, verifier) -> None:
    planned = _text("latin", "Grand Opening Sale", None, "bold", "#1a1a1a")
    drawn = planned.model_copy(update={"text": "Grand Opneing Sale"})
    image = painter.render(plan_of([drawn]))
    check = verifier.verify(
        image, plan_of([planned]), constraints_of(RequiredText(id="c", text="Grand Opening Sale", source=span))
    ).checks[0]
    assert not check.passed
    assert check.error_rate == pytest.approx(2 / 18)  # a transposition is two edits


def test_text_missing_from_the_plan_fails_as_not_in_plan(painter, plan_of, constraints_of, span, verifier) -> None:
    plan = plan_of([_text("latin", "Grand Opening Sale", None, "bold", "#1a1a1a")])
    check = verifier.verify(
        painter.render(plan), plan, constraints_of(RequiredText(id="c", text="Closing Down", source=span))
    ).checks[0]
    assert not check.passed
    assert check.measured == "not in plan"


def test_a_plan_line_break_matches_a_required_string_with_a_space(
    painter, plan_of, constraints_of, span, verifier
) -> None:
    element = TextElement(id="t", box=Box(x=200, y=300, w=624, h=240), text="Fresh bread\nevery morning")
    plan = plan_of([element])
    check = verifier.verify(
        painter.render(plan),
        plan,
        constraints_of(RequiredText(id="c", text="Fresh  bread every morning ", source=span)),
    ).checks[0]
    assert check.passed, check.evidence


def test_a_required_string_inside_a_longer_plan_text_is_found_in_what_was_read(
    painter, plan_of, constraints_of, span, verifier
) -> None:
    element = TextElement(id="t", box=Box(x=64, y=300, w=896, h=120), text="Grand Opening this Saturday")
    plan = plan_of([element])
    check = verifier.verify(
        painter.render(plan), plan, constraints_of(RequiredText(id="c", text="Grand Opening", source=span))
    ).checks[0]
    assert check.passed, check.evidence
    assert check.element_ids == ["t"]


@pytest.mark.parametrize(
    ("raw", "script", "normal"),
    [
        ("  Grand\n\tOpening  ", "latin", "Grand Opening"),
        ("盛 大 开 业", "han", "盛大开业"),
        ("こんにちは 世界", "kana", "こんにちは世界"),
        ("대박 세일", "hangul", "대박 세일"),
        ("ＳＡＬＥ　５０％", "latin", "SALE 50%"),  # full-width forms fold under NFKC
        ("\u200fافتتاح كبير\u200f", "arabic", "افتتاح كبير"),  # bidi marks are invisible
        ("May 6\u20137 \u2014 \u201cLive\u201d at Joe\u2019s", "latin", 'May 6-7-"Live" at Joe\'s'),  # look-alikes
    ],
)
def test_normalise_text(raw: str, script: Script, normal: str) -> None:
    assert normalise_text(raw, script) == normal


def test_missing_language_data_names_the_debian_package(tmp_path: Path) -> None:
    (tmp_path / "eng.traineddata").write_bytes(b"")
    with pytest.raises(SetupError, match="tesseract-ocr-chi-sim"):
        TesseractOcr(tmp_path).read(Image.new("L", (64, 32), 255), script="han", single_line=True)


def test_a_first_misread_is_retried_and_the_closest_reading_kept(painter, plan_of, constraints_of, span) -> None:
    ocr = FakeOcrEngine("Grand Openinq", "Grand Opening")
    plan = plan_of([TextElement(id="t", box=Box(x=64, y=64, w=896, h=160), text="Grand Opening")])
    check = (
        RenderVerifier(ocr)
        .verify(painter.render(plan), plan, constraints_of(RequiredText(id="c", text="Grand Opening", source=span)))
        .checks[0]
    )
    assert check.passed
    assert [call.single_line for call in ocr.calls] == [True, False]


def test_a_persistent_misread_fails_after_the_retries_with_the_best_reading(
    painter, plan_of, constraints_of, span
) -> None:
    ocr = FakeOcrEngine("Grxnd Opxning", "Grand Openinq", "", "")
    plan = plan_of([TextElement(id="t", box=Box(x=64, y=64, w=896, h=160), text="Grand Opening")])
    check = (
        RenderVerifier(ocr)
        .verify(painter.render(plan), plan, constraints_of(RequiredText(id="c", text="Grand Opening", source=span)))
        .checks[0]
    )
    assert not check.passed
    assert check.measured == "t: read 'Grand Openinq'"
    assert check.error_rate == pytest.approx(1 / 13)
    assert len(ocr.calls) == 4


def test_small_text_is_upscaled_before_reading(painter, plan_of, constraints_of, span) -> None:
    ocr = FakeOcrEngine("Free coffee for everyone")
    plan = plan_of(
        [TextElement(id="t", box=Box(x=100, y=100, w=600, h=40), font_size=14, text="Free coffee for everyone")]
    )
    RenderVerifier(ocr).verify(
        painter.render(plan), plan, constraints_of(RequiredText(id="c", text="Free coffee for everyone", source=span))
    )
    call = ocr.calls[0]
    assert (call.script, call.single_line) == ("latin", True)
    assert call.size[1] >= 40
