"""Request options are validated with messages that say what to change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tessera.agents.request import (
    OutputFormat,
    check_brief,
    check_output_path,
    parse_effort,
    parse_size,
    unusable_text,
)
from tessera.contract import MAX_BRIEF_CHARS, RequestError


@pytest.mark.parametrize(
    ("size", "fragment"),
    [
        ("0x0", "between 64 and 3840"),
        ("63x64", "between 64 and 3840"),
        ("64x3841", "between 64 and 3840"),
        ("20000x20000", "between 64 and 3840"),
        ("3600x400", "at most 8 times"),
        ("big", "WIDTHxHEIGHT"),
    ],
)
def test_bad_sizes_are_refused_with_the_rule_they_break(size: str, fragment: str) -> None:
    with pytest.raises(RequestError, match=fragment):
        parse_size(size)


@pytest.mark.parametrize(
    ("size", "suggestion"),
    [
        ("63x64", "64x64"),
        ("0x0", "64x64"),
        ("3841x1080", "3840x1080"),
        ("4320x480", "3840x480"),
        ("3600x400", "3600x450"),
    ],
)
def test_a_refused_size_suggests_the_nearest_valid_one(size: str, suggestion: str) -> None:
    with pytest.raises(RequestError, match=f"try {suggestion}"):
        parse_size(size)


@pytest.mark.parametrize(
    "size", ["1920x1080", "1080x1920", "1080x1080", "1584x396", "1000x1001", "64x64", "3840x480", "480x3840"]
)
def test_valid_sizes_become_canvases_of_exactly_that_size(size: str) -> None:
    canvas = parse_size(size)
    assert f"{canvas.width}x{canvas.height}" == size


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
    assert check_output_path(tmp_path / "a", "webp") == "webp"
    assert check_output_path(tmp_path / "a", None) == "png"


@pytest.mark.parametrize(("name", "output_format"), [("a.gif", None), ("a.png", "webp"), ("a.jpg", "png")])
def test_an_output_suffix_that_is_unknown_or_names_another_format_is_refused(
    tmp_path: Path, name: str, output_format: OutputFormat | None
) -> None:
    with pytest.raises(RequestError, match="does not write|make them agree"):
        check_output_path(tmp_path / name, output_format)


@pytest.mark.parametrize(
    ("text", "problem"),
    [("a\x00b", "NUL"), ("a\ud800", "lone surrogate (U+D800)"), ("a\x1bb", "U+001B"), ("a\x85", "U+0085")],
)
def test_a_brief_with_a_character_no_text_may_have_is_refused(text: str, problem: str) -> None:
    with pytest.raises(RequestError, match=re.escape(problem)):
        check_brief(text)


def test_tabs_and_line_breaks_are_text() -> None:
    assert check_brief("Line one\n\tLine two\r\n") == "Line one\n\tLine two"


def test_the_first_unusable_string_of_a_body_is_named_by_its_path() -> None:
    body = {"prompt": "fine", "plan": {"root": {"children": [{"text": "ok"}, {"text": "x\x00"}]}}}
    assert unusable_text(body) == ("plan.root.children.1.text", "a NUL character (U+0000)")
    assert unusable_text({"assets": {"lo\x00go": "..."}}) == ("assets", "a NUL character (U+0000)")
    assert unusable_text({"prompt": "emoji 🎈 and\ttabs"}) is None
