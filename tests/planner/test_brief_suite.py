"""Every brief of the shared suite yields exactly the strings and counts a reader finds in it."""

from __future__ import annotations

import pytest

from tessera.contract import RequiredCount, RequiredText
from tessera.planner import extract_constraints
from tests.briefs import BRIEFS, BriefCase


def test_the_suite_covers_enough_briefs() -> None:
    assert len(BRIEFS) >= 28
    assert len({case.name for case in BRIEFS}) == len(BRIEFS)


@pytest.mark.parametrize("case", BRIEFS, ids=[case.name for case in BRIEFS])
def test_extract_finds_exactly_the_expected_texts_and_counts(case: BriefCase) -> None:
    constraints = extract_constraints(case.brief)
    texts = [c.text for c in constraints.items if isinstance(c, RequiredText)]
    counts = {c.object_class: c.count for c in constraints.items if isinstance(c, RequiredCount)}
    assert texts == case.texts
    assert counts == case.counts
