"""Not-planned coverage entries fail the report as checks of kind "coverage"; structures are looked up."""

from __future__ import annotations

from PIL import Image

from tessera.contract import (
    Box,
    Canvas,
    Constraints,
    CoverageEntry,
    LayoutPlan,
    RequiredStructure,
    RequiredText,
    SolidBackground,
    SourceSpan,
    StructureItem,
    TextElement,
    VerificationReport,
    root_frame,
)
from tessera.contract.fakes import FakeOcrEngine
from tessera.verifier import RenderVerifier

BRIEF = "A sign that reads OPEN, with bullets: tea, cake"


def _constraints(coverage: list[CoverageEntry]) -> Constraints:
    return Constraints(
        brief=BRIEF,
        items=[
            RequiredText(id="text-1", text="OPEN", quoted=False, source=SourceSpan(start=18, end=22, quote="OPEN")),
            RequiredStructure(
                id="structure-1",
                structure="bullets",
                items=[StructureItem(label="tea"), StructureItem(label="cake")],
                source=SourceSpan(start=29, end=47, quote="bullets: tea, cake"),
            ),
        ],
        coverage=coverage,
    )


def _plan() -> LayoutPlan:
    return LayoutPlan(
        canvas=Canvas(width=64, height=64),
        background=SolidBackground(color="#FFFFFF"),
        root=root_frame([TextElement(id="tea", text="tea", box=Box(x=0, y=0, w=50, h=20))]),
    )


def _verify(constraints: Constraints) -> VerificationReport:
    return RenderVerifier(ocr=FakeOcrEngine("tea")).verify(Image.new("RGB", (64, 64), "white"), _plan(), constraints)


def test_a_not_planned_item_fails_as_coverage_instead_of_being_measured() -> None:
    missing = CoverageEntry(
        clause="OPEN", span=(18, 22), status="not_planned", reason="no text node sets it", item="text-1"
    )
    report = RenderVerifier(ocr=FakeOcrEngine("tea")).verify(
        Image.new("RGB", (64, 64), "white"), _plan(), _constraints([missing])
    )
    coverage = [c for c in report.checks if c.kind == "coverage"]
    assert [(c.constraint_id, c.passed, c.measured) for c in coverage] == [
        ("text-1", False, "not planned: no text node sets it")
    ]
    assert not [c for c in report.checks if c.kind == "text" and c.constraint_id == "text-1"]
    assert not report.passed


def test_a_structure_check_names_the_entries_the_laid_out_plan_lacks() -> None:
    report = RenderVerifier(ocr=FakeOcrEngine("tea")).verify(
        Image.new("RGB", (64, 64), "white"), _plan(), _constraints([])
    )
    [structure] = [c for c in report.checks if c.kind == "structure"]
    assert not structure.passed
    assert structure.measured == "missing: cake"
    assert structure.element_ids == ["tea"]
