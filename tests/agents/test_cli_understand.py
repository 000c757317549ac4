"""`tessera understand`: the reading and the coverage a brief would get, before anything is drawn; `--kind`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tessera.agents.cli import app


def _invoke(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"TESSERA_HOME": str(tmp_path)})
    return result.exit_code, result.output


def test_understand_json_shows_the_items_and_the_nodes_that_carry_them(tmp_path: Path) -> None:
    code, output = _invoke(tmp_path, "understand", "A poster with the headline 'GRAND OPENING'.", "--json")
    assert code == 0, output
    reading = json.loads(output)
    assert reading["planner"] == "rules"
    [text] = [item for item in reading["items"] if item["kind"] == "text"]
    assert (text["text"], text["quoted"]) == ("GRAND OPENING", True)
    [entry] = [entry for entry in reading["coverage"] if entry["item"] == text["id"]]
    assert entry["status"] == "planned"
    assert entry["span"] == [27, 42]  # the quotation, marks included
    assert entry["nodes"], entry
    assert {"document", "document_source", "canvas", "items", "coverage", "plan", "notices"} <= set(reading)


def test_understand_exits_3_naming_what_would_not_be_planned(tmp_path: Path) -> None:
    code, output = _invoke(tmp_path, "understand", "qwzx vbnm", "--json")
    assert code == 3
    [entry] = json.loads(output)["coverage"]
    assert (entry["status"], entry["clause"]) == ("not_planned", "qwzx vbnm")


def test_understand_prints_the_reading_and_the_coverage_as_tables(tmp_path: Path) -> None:
    code, output = _invoke(tmp_path, "understand", "A poster with the headline 'GRAND OPENING'.")
    assert code == 0, output
    for heading in ("document:", "the reading", "coverage", "GRAND OPENING", "everything planned"):
        assert heading in output


def test_kind_overrides_the_brief_on_understand_and_generate(tmp_path: Path) -> None:
    code, output = _invoke(tmp_path, "understand", "A poster with the headline 'Q3'.", "--kind", "slide", "--json")
    assert code == 0, output
    reading = json.loads(output)
    assert (reading["document"], reading["document_source"]) == ("slide", None)
    out = tmp_path / "slide.png"
    code, output = _invoke(
        tmp_path, "generate", "A poster with the headline 'Q3'.", "--kind", "slide", "--out", str(out), "--json"
    )
    assert code == 0, output
    summary = json.loads(output)
    assert summary["document"] == "slide"
    assert [entry["status"] for entry in summary["coverage"]] == ["planned"]


def test_an_unknown_kind_exits_2_listing_the_kinds(tmp_path: Path) -> None:
    code, output = _invoke(tmp_path, "understand", "A poster.", "--kind", "brochure")
    assert code == 2
    assert "kind 'brochure' is unknown" in output
    assert "slide" in output and "certificate" in output
