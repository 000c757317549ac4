"""Fakes for the eval: an engine that returns canned outcomes and an OCR that returns canned lines."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tessera.contract import ConstraintCheck, LayoutPlan, SolidBackground, TesseraError, VerificationReport
from tessera.evals import BriefRequest, OcrLine, OcrReading


@dataclass(frozen=True)
class FakeOutcome:
    """Stands in for agents.RunOutcome: just the fields the eval reads."""

    run_id: str
    image: Path
    passed: bool
    report: VerificationReport
    plan: LayoutPlan
    revisions: int
    timings: Mapping[str, float]


@dataclass(frozen=True)
class Canned:
    """What the fake engine answers for one brief."""

    passed: bool = True
    revisions: int = 0
    seconds: float = 1.0
    checks: tuple[ConstraintCheck, ...] | list[ConstraintCheck] = ()
    refuse: bool = False  # raise a TesseraError, as the planner does for an unusable brief
    crash: bool = False  # raise an unexpected exception


@dataclass
class FakeEngine:
    """Answers each brief (looked up by its text) with a canned outcome and a blank PNG."""

    answers: Mapping[str, Mapping[str, Any]]
    workdir: Path
    calls: list[str] = field(default_factory=list)

    def generate(self, request: BriefRequest) -> FakeOutcome:
        self.calls.append(request.brief)
        canned = Canned(**self.answers[request.brief])
        if canned.refuse:
            raise TesseraError("the brief names no text to draw")
        if canned.crash:
            raise RuntimeError("renderer exploded")
        run_id = f"run-{len(self.calls)}"
        image = self.workdir / f"{run_id}.png"
        self.workdir.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", (64, 64), "white").save(image)
        report = VerificationReport(checks=list(canned.checks))
        plan = LayoutPlan(background=SolidBackground(color="#ffffff"))
        return FakeOutcome(run_id, image, canned.passed, report, plan, canned.revisions, {"total": canned.seconds})


@dataclass
class FakeOcr:
    """Reads, for the image of brief <id> (briefs/<id>/image.png), the lines given for that id."""

    lines: Mapping[str, list[str]]
    seconds: float = 0.5
    name: str = "fake-ocr"

    def can_read(self, text: str) -> bool:
        return not any("\u0400" <= char <= "\u04ff" for char in text)  # everything but Cyrillic

    def read(self, image: Path) -> OcrReading:
        texts = self.lines.get(image.parent.name, [])
        found = [OcrLine(text=text, score=0.99, box=(0, 20 * i, 60, 18)) for i, text in enumerate(texts)]
        return OcrReading(engine=self.name, lines=found, seconds=self.seconds)


@pytest.fixture
def write_suite(tmp_path: Path) -> Callable[[list[str], str], Path]:
    """Write JSON lines to a suite file and return its path."""

    def write(lines: list[str], name: str = "suite.jsonl") -> Path:
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def fake_engine(tmp_path: Path) -> Callable[[Mapping[str, Mapping[str, Any]]], FakeEngine]:
    """Build a fake engine from {brief: {passed, revisions, seconds, checks, refuse, crash}}."""
    made: list[FakeEngine] = []

    def build(answers: Mapping[str, Mapping[str, Any]]) -> FakeEngine:
        made.append(FakeEngine(answers, tmp_path / f"engine-{len(made)}"))
        return made[-1]

    return build


@pytest.fixture
def fake_ocr() -> Callable[[Mapping[str, list[str]]], FakeOcr]:
    """Build a fake OCR from {brief id: [lines it reads in that brief's image]}."""
    return FakeOcr
