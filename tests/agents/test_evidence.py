"""Evidence pictures: each check with a place on the canvas gets a picture of what it measured, kept in the run folder
and linked from report.json; at most 64 an attempt, failed checks first."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from tessera.agents import Engine, RunRequest, RunStore, Settings
from tessera.agents._evidence import (
    INSTANCE_INK,
    MAX_EVIDENCE,
    SWATCH,
    draw_evidence,
    evidence_name,
    evidence_order,
    with_evidence,
)
from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    RequiredPosition,
    SolidBackground,
    SourceSpan,
    TextElement,
    VerificationReport,
)

NO_CONSTRAINTS = Constraints(brief="a picture")


def _plan(width: int = 240, height: int = 120) -> LayoutPlan:
    text = TextElement(id="title", box=Box(x=0, y=0, w=width, h=height // 4), text="HELLO")
    return LayoutPlan(canvas=Canvas(width=width, height=height), background=SolidBackground(color="#ffffff"),
                      elements=[text])  # fmt: skip


def _check(constraint_id: str = "c1", **fields: object) -> ConstraintCheck:
    defaults: dict[str, object] = {"kind": "text", "status": "passed", "expected": "it", "measured": "it"}
    return ConstraintCheck.model_validate({"constraint_id": constraint_id, **defaults, **fields})


def _pixels_of(picture: Image.Image, color: tuple[int, int, int]) -> int:
    return int(np.all(np.asarray(picture.convert("RGB")) == color, axis=-1).sum())


def test_a_count_check_frames_each_counted_instance_just_outside_it() -> None:
    image = Image.new("RGB", (240, 120), "white")
    instances = [Box(x=x, y=10, w=40, h=100) for x in (10, 100, 190)]
    for box in instances:
        ImageDraw.Draw(image).rectangle((box.x, box.y, box.right - 1, box.bottom - 1), fill="black")
    check = _check(kind="count", box=Box(x=10, y=10, w=220, h=100), instances=instances)
    picture = draw_evidence(check, image, _plan(), NO_CONSTRAINTS)
    assert picture is not None
    # The margin reaches past the canvas edges, so the canvas is shown whole, at 480 px wide: twice its size.
    for box in instances:
        left, right, top, bottom = 2 * box.x, 2 * box.right - 1, 2 * box.y, 2 * box.bottom - 1
        middle_x, middle_y = (left + right) // 2, (top + bottom) // 2
        assert picture.getpixel((left - 1, middle_y)) == INSTANCE_INK
        assert picture.getpixel((right + 1, middle_y)) == INSTANCE_INK
        assert picture.getpixel((middle_x, bottom + 1)) == INSTANCE_INK
        assert picture.getpixel((left, middle_y)) == (0, 0, 0)  # the instance's own pixels stay in sight


def test_a_colour_check_shows_a_swatch_of_the_measured_and_of_the_expected_colour() -> None:
    image = Image.new("RGB", (200, 200), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 149, 149), fill="#2040F0")
    check = _check(
        kind="color", status="failed", expected="objects (square) in #FF0000", measured="#2040F0 (ΔE 80.0)",
        box=Box(x=50, y=50, w=100, h=100), instances=[Box(x=50, y=50, w=100, h=100)], measured_color="#12AB34",
    )  # fmt: skip
    picture = draw_evidence(check, image, _plan(200, 200), NO_CONSTRAINTS)
    assert picture is not None
    assert _pixels_of(picture, (0x12, 0xAB, 0x34)) >= (SWATCH - 2) ** 2
    assert _pixels_of(picture, (0xFF, 0x00, 0x00)) >= (SWATCH - 2) ** 2


def test_a_position_check_shows_the_whole_canvas_with_the_region_shaded() -> None:
    image = Image.new("RGB", (200, 200), "white")
    position = RequiredPosition(
        id="p1", subject_kind="text", subject="HELLO", region="top", source=SourceSpan(start=0, end=0, quote="")
    )
    check = _check("p1", kind="position", box=Box(x=80, y=20, w=40, h=20))
    picture = draw_evidence(check, image, _plan(200, 200), Constraints(brief="HELLO at the top", items=[position]))
    assert picture is not None
    # 200 px shown at 480 px: the top 40% (192 px) is shaded, the canvas below it is not.
    assert picture.getpixel((5, 100)) != (255, 255, 255)
    assert picture.getpixel((5, 300)) == (255, 255, 255)


def test_a_transparent_render_is_shown_on_a_checkerboard() -> None:
    image = Image.new("RGBA", (200, 200), (0, 0, 0, 0))
    picture = draw_evidence(_check(box=Box(x=0, y=0, w=200, h=200)), image, _plan(200, 200), NO_CONSTRAINTS)
    assert picture is not None
    assert len(picture.crop((0, 0, 100, 100)).getcolors() or []) > 1


def test_a_check_without_a_place_on_the_canvas_gets_no_picture() -> None:
    assert draw_evidence(_check(), Image.new("RGB", (100, 100)), _plan(), NO_CONSTRAINTS) is None


@pytest.mark.parametrize("odd_id", ["../x", "/etc/passwd", "..", "", "春节", "a b\\c"])
def test_file_names_are_safe_whatever_the_check_id(odd_id: str) -> None:
    name = evidence_name(7, _check(odd_id))
    assert re.fullmatch(r"0007-text-[A-Za-z0-9_-]+\.png", name)


def test_the_run_folder_keeps_a_picture_only_under_a_plain_name(tmp_path: Path) -> None:
    folder = RunStore(tmp_path).create(brief="b", effort="low", seed=0, canvas=None)
    picture = Image.new("RGB", (10, 10))
    assert folder.write_evidence(2, "0001-text-c1.png", picture) == "iter-2/evidence/0001-text-c1.png"
    assert (folder.path / "iter-2" / "evidence" / "0001-text-c1.png").is_file()
    with pytest.raises(ValueError, match="plain file name"):
        folder.write_evidence(2, "../escape.png", picture)


def test_at_most_64_pictures_an_attempt_failed_checks_first() -> None:
    statuses = ["passed", "not_verified", "failed"]
    checks = [_check(f"c{i}", status=statuses[i % 3], box=Box(x=0, y=0, w=10, h=10)) for i in range(100)]
    checks.append(_check("boxless", status="failed"))
    report = VerificationReport(checks=checks)
    saved: list[str] = []

    def save(name: str, picture: Image.Image) -> str:
        saved.append(name)
        return f"iter-0/evidence/{name}"

    kept = with_evidence(report, Image.new("RGB", (100, 100), "white"), _plan(), NO_CONSTRAINTS, save)
    assert len(saved) == MAX_EVIDENCE
    linked = [c for c in kept.checks if c.evidence_image is not None]
    assert len(linked) == MAX_EVIDENCE
    assert {c.constraint_id for c in linked} >= {c.constraint_id for c in checks if c.failed and c.box is not None}
    assert all(c.status != "passed" for c in linked)  # 33 failed and 33 not verified fill the 64 before any passed
    assert kept.checks[-1].evidence_image is None
    assert evidence_order(report)[0] == 2  # the first failed check


@pytest.mark.slow
def test_report_json_links_pictures_that_the_run_folder_holds(settings: Settings) -> None:
    brief = "A poster with the headline 'GRAND OPENING', three red balloons and a yellow background."
    outcome = Engine(settings).generate(RunRequest(brief=brief, planner="rules", effort="low"))
    report = RunStore(settings.runs_dir).open(outcome.run_id).read_report(0)
    assert report is not None
    linked = {c.kind: c.evidence_image for c in report.checks if c.evidence_image is not None}
    assert {"text", "count", "color"} <= set(linked)
    for path in linked.values():
        assert path is not None and path.startswith("iter-0/evidence/")
        with Image.open(outcome.folder / path) as picture:
            assert picture.format == "PNG" and max(picture.size) <= 640
