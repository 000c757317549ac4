"""`tessera eval` on the command line: bad input exits 2 with one line; a real run writes a results folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tessera.agents.cli import app
from tests.briefs import BRIEFS


def _suite(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "suite.jsonl"
    lines = [
        json.dumps(
            {"id": case.name, "brief": case.brief, "size": case.size, "texts": case.texts, "counts": case.counts}
        )
        for case in BRIEFS[:count]
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["nope.jsonl"], "is not a file"),
        (["SUITE", "--effort", "ultra"], "low, medium, high"),
        (["SUITE", "--size", "63x1001"], "between 64 and 3840"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path: Path, args: list[str], fragment: str) -> None:
    suite = _suite(tmp_path, 1)
    result = CliRunner().invoke(app, ["eval", *[str(suite) if a == "SUITE" else a for a in args]])
    assert result.exit_code == 2, result.output
    assert fragment in result.output


@pytest.mark.slow
def test_a_real_two_brief_suite_runs_end_to_end_with_two_workers(tmp_path: Path) -> None:
    pytest.importorskip("rapidocr_onnxruntime")
    suite = _suite(tmp_path, 2)
    out = tmp_path / "results"
    env = {**os.environ, "TESSERA_HOME": str(tmp_path / "home")}
    command = [
        sys.executable,
        "-m",
        "tessera",
        "eval",
        str(suite),
        "--out",
        str(out),
        "--workers",
        "2",
        "--effort",
        "low",
    ]
    result = subprocess.run(
        command, capture_output=True, text=True, env=env, timeout=300, cwd=Path(__file__).parents[2]
    )
    assert result.returncode == 0, result.stderr

    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["briefs"], summary["with_result"], summary["errors"]) == (2, 2, 0)
    assert summary["accuracy"][0]["score"] > 0.9  # the model-free planner draws exact text
    assert summary["count_accuracy_verifier"] is not None
    for case in BRIEFS[:2]:
        assert {p.name for p in (out / "briefs" / case.name).iterdir()} >= {"image.png", "report.json", "result.json"}
    assert (out / "contact_sheet.png").stat().st_size > 0
    assert "word accuracy (en)" in (out / "summary.md").read_text(encoding="utf-8")
