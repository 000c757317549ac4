"""The report as a whole: a typical poster passes quickly, with evidence a person can follow."""

from __future__ import annotations

import time

import pytest
from PIL import Image

from tessera.contract import RequestError, Verifier
from tessera.verifier import RenderVerifier


def test_a_clean_poster_passes_every_check_and_lint(poster, verifier: RenderVerifier, save_sample) -> None:
    plan, constraints, image = poster
    save_sample(image)
    report = verifier.verify(image, plan, constraints)
    assert [c.constraint_id for c in report.failures()] == []
    assert report.errors() == []
    assert report.passed
    assert report.summary() == "passed 7, failed 0, not verified 0 (5 from the brief, 2 from the plan)"


def test_verifying_a_typical_poster_takes_well_under_a_second(poster, verifier: RenderVerifier) -> None:
    plan, constraints, image = poster
    verifier.verify(image, plan, constraints)  # loads the tesseract models once
    start = time.perf_counter()
    verifier.verify(image, plan, constraints)
    assert time.perf_counter() - start < 0.6


def test_evidence_names_the_engine_language_and_box(poster, verifier: RenderVerifier) -> None:
    plan, constraints, image = poster
    report = verifier.verify(image, plan, constraints)
    footer = next(c for c in report.checks if c.constraint_id == "c-footer")
    assert "tesseract chi_sim psm 7 read '欢迎光临" in footer.evidence
    assert "CER 0.00" in footer.evidence
    assert footer.element_ids == ["footer"]
    assert footer.box == plan.element("footer").box
    count = next(c for c in report.checks if c.constraint_id == "c-balloons")
    assert count.measured == "5 balloons counted"
    assert "5 instance(s) in group 'balloons'" in count.evidence


def test_render_verifier_satisfies_the_verifier_protocol(verifier: RenderVerifier) -> None:
    checker: Verifier = verifier
    assert callable(checker.verify)


def test_a_render_at_twice_the_canvas_size_is_refused_naming_both_sizes(poster, verifier: RenderVerifier) -> None:
    plan, constraints, image = poster
    big = image.resize((image.width * 2, image.height * 2), Image.LANCZOS)
    with pytest.raises(RequestError, match="the image is 2048x2048 but the plan's canvas is 1024x1024"):
        verifier.verify(big, plan, constraints)


def test_a_render_of_another_shape_is_refused(poster, verifier: RenderVerifier) -> None:
    plan, constraints, image = poster
    with pytest.raises(RequestError, match="canvas is 1024x1024"):
        verifier.verify(image.crop((0, 0, 1024, 512)), plan, constraints)
