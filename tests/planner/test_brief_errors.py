"""Briefs that cannot be used raise BriefError with a message that says what to change."""

from __future__ import annotations

import pytest

from tessera.contract import MAX_BRIEF_CHARS, BriefError
from tessera.planner import extract_constraints


@pytest.mark.parametrize("brief", ["", "   ", "\n\t "])
def test_empty_brief_asks_for_a_description(brief: str) -> None:
    with pytest.raises(BriefError, match="empty"):
        extract_constraints(brief)


def test_too_long_brief_names_the_limit_and_the_length() -> None:
    brief = "x" * (MAX_BRIEF_CHARS + 5)
    with pytest.raises(BriefError) as error:
        extract_constraints(brief)
    message = str(error.value)
    assert f"{MAX_BRIEF_CHARS:,}" in message and f"{MAX_BRIEF_CHARS + 5:,}" in message
    assert "shorten" in message


def test_a_brief_at_the_limit_is_accepted() -> None:
    assert extract_constraints("a" * MAX_BRIEF_CHARS).items == []


def test_too_many_quoted_strings_says_how_many() -> None:
    brief = " ".join(f"'line {i}'" for i in range(40))
    with pytest.raises(BriefError, match="40 strings"):
        extract_constraints(brief)
