"""When tesseract does not read a box exactly, RapidOCR reads the same ink: a string passes when an engine that can
read all its letters reads it exactly, and the evidence says which engine read what."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from PIL import Image

from tessera.contract import ConstraintCheck, Constraints, LayoutPlan, OcrEngine, OcrReading, Script, script_of
from tessera.renderer import PlanRenderer
from tessera.verifier import RAPIDOCR_SCRIPTS, RapidOcr, RenderVerifier, TesseractOcr


@dataclass
class CountingOcr:
    """Passes reads on to `engine`, counting them."""

    engine: OcrEngine
    calls: int = 0

    def read(self, image: Image.Image, *, script: Script, single_line: bool, alphabet: str = "") -> OcrReading:
        self.calls += 1
        return self.engine.read(image, script=script, single_line=single_line, alphabet=alphabet)


@dataclass
class MisreadingOcr:
    """A first engine that always reads `text`, as tesseract does when it misreads a clean box."""

    text: str
    unreadable: str = ""

    def read(self, image: Image.Image, *, script: Script, single_line: bool, alphabet: str = "") -> OcrReading:
        return OcrReading(self.text, confidence=60.0, engine="tesseract eng psm 7", unreadable=self.unreadable)


def _render(
    text: str, *, color: str = "#111111", fill: str = "#FFFFFF", **font: object
) -> tuple[Image.Image, LayoutPlan]:
    """`text` drawn in a 600x200 render on a panel of `fill`; `font`: the label's family and font_size."""
    scripts = {script_of(ch) for ch in text} - {None}
    script = "latin" if not scripts else scripts.pop()
    label = {"kind": "text", "id": "label", "text": text, "script": script, "color": color, "font_size": 40, **font}
    panel = {"kind": "frame", "id": "panel", "fill": fill, "padding": 16, "children": [label]}
    plan = LayoutPlan.model_validate(
        {
            "schema_version": 2,
            "canvas": {"width": 600, "height": 200},
            "background": {"kind": "solid", "color": "#FFFFFF"},
            "root": {"kind": "frame", "id": "root", "padding": 20, "children": [panel]},
        }
    )
    result = PlanRenderer().render(plan)
    assert result.manifest.plan is not None
    return result.image, result.manifest.plan


def _label_check(verifier: RenderVerifier, image: Image.Image, plan: LayoutPlan) -> ConstraintCheck:
    report = verifier.verify(image, plan, Constraints(brief="a test brief"))
    return next(check for check in report.checks if check.constraint_id == "label")


@pytest.mark.slow
def test_light_handwriting_tesseract_misreads_passes_on_rapidocrs_exact_read() -> None:
    image, plan = _render("Q3 Results", color="#BBBBBB", fill="#E0E0E0", family="handwriting", font_size=16)
    alone = _label_check(RenderVerifier(), image, plan)
    check = _label_check(RenderVerifier(second_ocr=RapidOcr()), image, plan)
    assert alone.status == "failed"  # tesseract reads 'Q8 Results'
    assert check.status == "passed"
    assert "tesseract eng" in check.evidence
    assert "rapidocr PP-OCRv4" in check.evidence and "read 'Q3 Results'" in check.evidence
    assert "(exact)" in check.evidence
    assert "by rapidocr PP-OCRv4" in check.measured


@pytest.mark.slow
def test_cyan_on_green_script_type_passes_on_rapidocrs_exact_read() -> None:
    image, plan = _render("Jazz Night 2026", color="#00BCD4", fill="#2E7D32", family="handwriting")
    check = _label_check(RenderVerifier(second_ocr=RapidOcr()), image, plan)
    assert check.status == "passed"
    assert "tesseract eng" in check.evidence and "rapidocr PP-OCRv4" in check.evidence


@pytest.mark.slow
def test_a_yen_sign_tesseract_misreads_in_chinese_passes_on_rapidocrs_exact_read() -> None:
    image, plan = _render("只要¥99", family="serif", font_size=32)
    alone = _label_check(RenderVerifier(), image, plan)
    check = _label_check(RenderVerifier(second_ocr=RapidOcr()), image, plan)
    assert alone.status == "failed"  # chi_sim reads the serif ¥ as 8 or 对
    assert check.status == "passed"
    assert "tesseract chi_sim" in check.evidence and "rapidocr PP-OCRv4 rec read '只要￥99'" in check.evidence


@pytest.mark.slow
def test_a_first_engines_misread_of_a_correct_string_is_overruled_by_rapidocr() -> None:
    image, plan = _render("Q3 Results")
    check = _label_check(RenderVerifier(ocr=MisreadingOcr("Q3 Resu1ts"), second_ocr=RapidOcr()), image, plan)
    assert check.status == "passed"
    assert "tesseract eng psm 7 read 'Q3 Resu1ts'" in check.evidence
    assert "rapidocr PP-OCRv4 rec read 'Q3 Results'" in check.evidence and "(exact)" in check.evidence


@pytest.mark.slow
def test_a_wrong_string_fails_with_both_engines_named() -> None:
    image, _ = _render("Q3 Resalts")
    _, planned = _render("Q3 Results")  # the same box: the label fills the panel's width
    check = _label_check(RenderVerifier(second_ocr=RapidOcr()), image, planned)
    assert check.status == "failed"
    assert "tesseract eng" in check.evidence and "rapidocr PP-OCRv4" in check.evidence
    assert "Resalts" in check.measured


@pytest.mark.slow
def test_korean_is_not_judged_by_rapidocr() -> None:
    image, plan = _render("서울 여행")
    rapid = CountingOcr(RapidOcr())
    check = _label_check(RenderVerifier(ocr=MisreadingOcr("서울 여랭"), second_ocr=rapid), image, plan)
    assert check.status == "failed"  # the first engine's verdict stands: the second cannot read hangul
    assert "rapidocr PP-OCRv4 cannot read '서울여행': it read nothing" in check.evidence
    assert rapid.calls == 1  # asked once: it runs no model on letters it cannot read


@pytest.mark.slow
def test_an_exact_tesseract_read_costs_no_second_read() -> None:
    image, plan = _render("Grand Opening")
    rapid = CountingOcr(RapidOcr())
    check = _label_check(RenderVerifier(ocr=TesseractOcr(), second_ocr=rapid), image, plan)
    assert check.status == "passed"
    assert rapid.calls == 0
    assert "rapidocr" not in check.evidence


@pytest.mark.slow
def test_a_letter_tesseract_cannot_read_is_proved_by_rapidocr() -> None:
    image, plan = _render("Q3 Results")
    first = MisreadingOcr("Q3 Resvlts", unreadable="u")  # exact only because 'u' counts as any one character
    alone = _label_check(RenderVerifier(ocr=first), image, plan)
    check = _label_check(RenderVerifier(ocr=first, second_ocr=RapidOcr()), image, plan)
    assert alone.status == "not_verified"
    assert check.status == "passed"


def test_rapidocr_reads_latin_and_han_only() -> None:
    assert frozenset({"latin", "han"}) == RAPIDOCR_SCRIPTS


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "unreadable"),
    [
        ("Q3 Results", ""),
        ("价格 ¥1280", ""),
        ("서울", "서울"),
        ("مرحبا", "مرحبا"),
        ("カフェ", "カフェ"),
        ("Señor", "ñ"),
    ],
)
def test_rapidocr_names_the_letters_its_model_cannot_read(text: str, unreadable: str) -> None:
    reading = RapidOcr().read(Image.new("L", (200, 48), 255), script="latin", single_line=True, alphabet=text)
    assert reading.unreadable == unreadable
