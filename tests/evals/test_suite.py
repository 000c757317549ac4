"""Suites load from LongText-Bench's lines and from Tessera's own, and bad files say what to fix."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tessera.contract import RequestError
from tessera.evals import load_suite

LONGTEXT_EN = {
    "category": "sign",
    "length": "short",
    "prompt": 'A street sign that reads "CENTRAL PARK - 2 BLOCKS".',
    "text": ["CENTRAL PARK - 2 BLOCKS"],
    "text_length": 4,
    "prompt_id": 7,
}
LONGTEXT_ZH = {**LONGTEXT_EN, "prompt": "路牌写着“中央公园 - 2公里”。", "text": ["中央公园 - 2公里"], "prompt_id": 8}
OURS = {
    "id": "balloons-1",
    "brief": "Three red balloons above the word 'PARTY'.",
    "texts": ["PARTY"],
    "counts": {"balloon": 3},
}

Write = Callable[..., Path]


def test_longtext_bench_lines_become_entries_with_the_prompt_id_as_id(write_suite: Write) -> None:
    entries = load_suite(write_suite([json.dumps(LONGTEXT_EN), json.dumps(LONGTEXT_ZH, ensure_ascii=False)]))
    assert [(e.id, e.format, e.language, e.category, e.length) for e in entries] == [
        ("7", "longtext-bench", "en", "sign", "short"),
        ("8", "longtext-bench", "zh", "sign", "short"),
    ]
    assert entries[0].brief == LONGTEXT_EN["prompt"]
    assert entries[0].texts == ["CENTRAL PARK - 2 BLOCKS"]
    assert entries[0].counts == {}


def test_tessera_lines_carry_texts_counts_and_size(write_suite: Write) -> None:
    (entry,) = load_suite(write_suite([json.dumps({**OURS, "size": "1024x512"})]))
    assert (entry.id, entry.format, entry.language, entry.size) == ("balloons-1", "tessera", "en", "1024x512")
    assert entry.counts == {"balloon": 3}


def test_limit_keeps_the_first_briefs_in_file_order(write_suite: Write) -> None:
    lines = [json.dumps({**OURS, "id": f"b{i}"}) for i in range(5)]
    assert [e.id for e in load_suite(write_suite(lines), limit=2)] == ["b0", "b1"]


def test_the_shared_longtext_bench_files_load_whole() -> None:
    root = Path(__file__).resolve().parents[3] / "shared" / "benchmarks"
    if not root.is_dir():
        pytest.skip("the shared benchmark prompts are not next to this checkout")
    english = load_suite(root / "longtext_bench_prompts_en.jsonl")
    chinese = load_suite(root / "longtext_bench_prompts_zh.jsonl")
    assert (len(english), len(chinese)) == (160, 160)
    assert {e.language for e in english} == {"en"} and {e.language for e in chinese} == {"zh"}


@pytest.mark.parametrize(
    ("lines", "fragment"),
    [
        (["{not json"], "suite.jsonl:1: not valid JSON"),
        (["[1, 2]"], "must be a JSON object"),
        ([json.dumps(OURS), json.dumps(OURS)], "id 'balloons-1' is already used on line 1"),
        ([json.dumps({**OURS, "id": "has space"})], "suite.jsonl:1: id"),
        ([json.dumps({"title": "x"})], "a line needs 'prompt' and 'text', or 'id' and 'brief'"),
        ([json.dumps(OURS), json.dumps(LONGTEXT_EN)], "mixes LongText-Bench and Tessera lines"),
        ([""], "has no briefs"),
    ],
)
def test_a_bad_suite_raises_a_request_error_naming_the_line(
    write_suite: Write, lines: list[str], fragment: str
) -> None:
    with pytest.raises(RequestError, match=None) as raised:
        load_suite(write_suite(lines))
    assert fragment in str(raised.value)


def test_a_missing_suite_file_says_it_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(RequestError, match="cannot read suite"):
        load_suite(tmp_path / "nope.jsonl")
