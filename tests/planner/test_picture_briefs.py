"""Briefs with pictures, end to end with the real parts: every string still reads back and every sprite group counts.

They live here rather than in tests/briefs.py because the shared suite's layout tests assume no element bleeds to
the canvas edge or sits under text, which a half-canvas photo or a background picture does by design. Without a
generator configured, pictures render as placeholders; the text beside or over them must still read.
"""

from __future__ import annotations

import pytest

from tessera.agents import Engine, RunRequest, Settings, parse_size
from tests.briefs import BriefCase

pytestmark = pytest.mark.slow

PICTURE_BRIEFS = [
    BriefCase(
        "lake-photo-poster",
        "A travel poster with a photo of a mountain lake filling the top half. Headline 'VISIT NORWAY' and the "
        "footer 'Fjords await'.",
        "1024x1536",
        ["VISIT NORWAY", "Fjords await"],
    ),
    BriefCase(
        "bread-photo-background",
        "A bakery flyer with a photo of fresh bread as the background. Headline 'Fresh Daily' and the subheading "
        "'Open 7 AM to 3 PM'.",
        "1024x1024",
        ["Fresh Daily", "Open 7 AM to 3 PM"],
    ),
    BriefCase(
        "fox-illustration-card",
        "A card with an illustration of a fox in the bottom-left corner, the headline 'Hello Autumn' and 4 maple "
        "leaves.",
        "1024x1024",
        ["Hello Autumn"],
        {"leaf": 4},
    ),
    BriefCase(
        "beach-photo-centre",
        "A festival poster with a photo of a beach at the center, the headline 'Summer Fest' and the footer "
        "'July 4 to 6'. Five stars along the bottom.",
        "1024x1536",
        ["Summer Fest", "July 4 to 6"],
        {"star": 5},
    ),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return Engine(Settings(home=tmp_path_factory.mktemp("pictures")))


@pytest.mark.parametrize("case", PICTURE_BRIEFS, ids=[case.name for case in PICTURE_BRIEFS])
def test_a_brief_with_a_picture_renders_every_string_and_count_exactly(engine: Engine, case: BriefCase) -> None:
    outcome = engine.generate(RunRequest(brief=case.brief, canvas=parse_size(case.size) if case.size else None))
    checks = outcome.report.checks
    for text in case.texts:
        check = next((c for c in checks if c.kind == "text" and text in c.expected), None)
        assert check is not None and check.passed, (text, check)
    counts = [c for c in checks if c.kind == "count"]
    assert len(counts) == len(case.counts) and all(c.passed for c in counts), counts
    assert outcome.passed, outcome.report.model_dump_json(indent=1)
