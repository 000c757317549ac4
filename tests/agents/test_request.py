"""Request options are validated with messages that say what to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from tessera.agents.request import check_brief, check_output_path, parse_effort, parse_size
from tessera.contract import MAX_BRIEF_CHARS, RequestError


@pytest.mark.parametrize(
    ("size", "fragment"),
    [
        ("0x0", "between 256 and 3840"),
        ("1000x1001", "multiples of 16"),
        ("20000x20000", "between 256 and 3840"),
        ("4000x1000", "between 256 and 3840"),
        ("3840x1024", "at most 3 times"),
        ("big", "WIDTHxHEIGHT"),
    ],
)
def test_bad_sizes_are_refused_with_the_rule_they_break(size: str, fragment: str) -> None:
    with pytest.raises(RequestError, match=fragment):
        parse_size(size)


def test_a_size_that_breaks_the_multiple_rule_suggests_a_valid_one() -> None:
    with pytest.raises(RequestError, match=r"try 992x1008"):
        parse_size("1000x1001")


def test_valid_sizes_become_canvases() -> None:
    canvas = parse_size("1536x512")
    assert (canvas.width, canvas.height) == (1536, 512)


def test_unknown_effort_lists_the_valid_levels() -> None:
    with pytest.raises(RequestError, match="low, medium, high"):
        parse_effort("extreme")


def test_empty_brief_is_refused() -> None:
    with pytest.raises(RequestError, match="empty"):
        check_brief("   \n ")


def test_overlong_brief_names_the_limit() -> None:
    with pytest.raises(RequestError, match=f"{MAX_BRIEF_CHARS:,}"):
        check_brief("x" * 100_000)


def test_output_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RequestError, match="does not exist"):
        check_output_path(tmp_path / "nope" / "a.png", None)


def test_output_format_follows_the_suffix(tmp_path: Path) -> None:
    assert check_output_path(tmp_path / "a.jpg", None) == "jpeg"
    assert check_output_path(tmp_path / "a.webp", None) == "webp"
    assert check_output_path(tmp_path / "a.png", "webp") == "webp"
