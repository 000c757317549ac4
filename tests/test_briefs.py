"""The brief suite, end to end with the real parts: every string read back exactly, every count exact.

Set TESSERA_CONTACT_SHEET=path.png to also write a contact sheet of the final images, to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from tessera.agents import Engine, RunOutcome, RunRequest, Settings, parse_size
from tests.briefs import BRIEFS, BriefCase

pytestmark = pytest.mark.slow

_outcomes: dict[str, RunOutcome] = {}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return Engine(Settings(home=tmp_path_factory.mktemp("suite")))


@pytest.mark.parametrize("case", BRIEFS, ids=[case.name for case in BRIEFS])
def test_brief_renders_every_string_and_count_exactly(engine: Engine, case: BriefCase) -> None:
    request = RunRequest(brief=case.brief, canvas=parse_size(case.size) if case.size else None)
    outcome = engine.generate(request)
    _outcomes[case.name] = outcome

    checks = outcome.report.checks
    texts = {c.expected: c for c in checks if c.kind == "text"}
    counts = {c.expected: c for c in checks if c.kind == "count"}
    for text in case.texts:
        check = next((c for expected, c in texts.items() if text in expected), None)
        assert check is not None, f"no text check for {text!r}: {[c.expected for c in checks]}"
        assert check.passed, f"{text!r}: OCR read {check.measured!r} ({check.evidence})"
    assert len(counts) == len(case.counts)
    for check in counts.values():
        assert check.passed, f"{check.expected}: measured {check.measured} ({check.evidence})"
    assert outcome.passed, outcome.report.model_dump_json(indent=1)


def _contact_sheet(path: Path) -> None:
    thumbs = []
    for name, outcome in _outcomes.items():
        with Image.open(outcome.image) as image:
            thumb = image.convert("RGB")
        thumb.thumbnail((320, 320))
        tile = Image.new("RGB", (330, 350), "white")
        tile.paste(thumb, ((330 - thumb.width) // 2, 5))
        label = f"{name} {'pass' if outcome.passed else 'FAIL'} r{outcome.revisions}"
        ImageDraw.Draw(tile).text((5, 330), label, fill="black", font=ImageFont.load_default(14))
        thumbs.append(tile)
    columns = 6
    rows = -(-len(thumbs) // columns)
    sheet = Image.new("RGB", (columns * 330, rows * 350), "#dddddd")
    for index, tile in enumerate(thumbs):
        sheet.paste(tile, ((index % columns) * 330, (index // columns) * 350))
    sheet.save(path)


def test_contact_sheet_when_asked() -> None:
    target = os.environ.get("TESSERA_CONTACT_SHEET")
    if not target:
        pytest.skip("set TESSERA_CONTACT_SHEET=path.png to write one")
    _contact_sheet(Path(target))
    assert Path(target).stat().st_size > 0
