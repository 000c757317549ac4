"""Each check's status is one of three through the real CLI: passed, failed, not verified. A check nothing could
measure never reads as passed; it blocks nothing (exit 0) unless `--strict` counts it as failed (exit 3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.status_plans import BRIEF, CRAMPED, PICTURE, TITLE, plan_of

pytestmark = pytest.mark.slow


def _tessera(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # A wide console, so that the table keeps each row on one line.
    env = {**os.environ, "TESSERA_HOME": str(home), "COLUMNS": "220"}
    result = subprocess.run(
        [sys.executable, "-m", "tessera", *args], capture_output=True, text=True, env=env, timeout=120
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def _generate(tmp_path: Path, elements: list[dict[str, Any]], *options: str) -> subprocess.CompletedProcess[str]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(plan_of(*elements)))
    out = tmp_path / "out.png"
    return _tessera(tmp_path / "home", "generate", BRIEF, "--plan", str(plan), "--out", str(out), *options)


def _check(summary: dict[str, Any], check_id: str) -> dict[str, Any]:
    return next(c for c in summary["verification"]["checks"] if c["id"] == check_id)


def _row(table: str, check: str) -> str:
    return next(line for line in table.splitlines() if check in line)


def _status_cell(table: str, check: str) -> str:
    """The status column of the table row of `check`."""
    return _row(table, check).split("│")[1].strip()


def test_a_check_nothing_measures_is_not_verified_in_json_and_the_run_exits_0(tmp_path: Path) -> None:
    result = _generate(tmp_path, [TITLE, PICTURE], "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    hero = _check(summary, "hero")
    assert (hero["status"], hero["passed"], hero["verified"]) == ("not_verified", False, False)
    assert _check(summary, "text-1")["status"] == "passed"
    verification = summary["verification"]
    assert verification["counts"] == {"passed": 1, "failed": 0, "not_verified": 1}
    assert (verification["passed"], verification["strict"]) == (True, False)
    assert verification["summary"] == "passed 1, failed 0, not verified 1 (1 from the brief, 1 from the plan)"


def test_the_table_shows_a_check_nothing_measures_as_not_verified_never_as_passed(tmp_path: Path) -> None:
    result = _generate(tmp_path, [TITLE, PICTURE])
    assert result.returncode == 0, result.stderr
    assert _status_cell(result.stderr, "picture hero") == "? not verified"
    assert _status_cell(result.stderr, "text text-1") == "✓ passed"
    assert "passed 1, failed 0, not verified 1" in result.stderr
    assert "\nnot verified: picture hero: " in result.stderr  # why, on a line of its own
    assert "passed (1 not verified: not counted as failed without --strict)" in result.stderr


def test_strict_counts_a_check_not_verified_as_failed_and_exits_3(tmp_path: Path) -> None:
    result = _generate(tmp_path, [TITLE, PICTURE], "--json", "--strict")
    assert result.returncode == 3, result.stderr
    verification = json.loads(result.stdout)["verification"]
    assert (verification["passed"], verification["strict"]) == (False, True)
    assert verification["counts"] == {"passed": 1, "failed": 0, "not_verified": 1}
    assert _check({"verification": verification}, "hero")["status"] == "not_verified"


def test_strict_says_in_the_table_what_blocked_the_run_and_the_runs_list_shows_it_failed(tmp_path: Path) -> None:
    result = _generate(tmp_path, [TITLE, PICTURE], "--strict")
    assert result.returncode == 3, result.stderr
    assert _status_cell(result.stderr, "picture hero") == "? not verified"
    assert "FAILED: 1 not verified (--strict)" in result.stderr
    runs = _tessera(tmp_path / "home", "runs")
    assert runs.returncode == 0 and " no " in _row(runs.stdout, "poster")


def test_strict_passes_a_run_whose_every_check_was_measured_and_passed(tmp_path: Path) -> None:
    result = _generate(tmp_path, [TITLE], "--json", "--strict")
    assert result.returncode == 0, result.stderr
    verification = json.loads(result.stdout)["verification"]
    assert verification["passed"] and verification["counts"] == {"passed": 1, "failed": 0, "not_verified": 0}


def test_a_failed_check_exits_3_and_reads_failed_in_json_and_in_the_table(tmp_path: Path) -> None:
    as_json = _generate(tmp_path / "json", [TITLE, CRAMPED], "--json", "--effort", "low")
    assert as_json.returncode == 3, as_json.stderr
    summary = json.loads(as_json.stdout)
    when = _check(summary, "when")
    assert (when["status"], when["passed"], when["verified"]) == ("failed", False, True)
    assert summary["verification"]["counts"]["failed"] >= 1 and not summary["verification"]["passed"]
    table = _generate(tmp_path / "table", [TITLE, CRAMPED], "--effort", "low")
    assert table.returncode == 3
    assert _status_cell(table.stderr, "text when") == "✗ FAILED"
    assert "FAILED: " in table.stderr.splitlines()[-2]  # the verdict, just above the revisions line


def test_a_resumed_run_is_judged_as_it_was_started(tmp_path: Path) -> None:
    strict = _generate(tmp_path, [TITLE, PICTURE], "--json", "--strict")
    run_id = json.loads(strict.stdout)["run_id"]
    resumed = _tessera(tmp_path / "home", "resume", run_id)
    assert resumed.returncode == 3, resumed.stderr
    assert "FAILED: 1 not verified (--strict)" in resumed.stderr


def test_the_trace_names_each_checks_status(tmp_path: Path) -> None:
    run_id = json.loads(_generate(tmp_path, [TITLE, PICTURE], "--json").stdout)["run_id"]
    shown = _tessera(tmp_path / "home", "trace", run_id)
    assert shown.returncode == 0
    assert "not verified picture hero (from the plan)" in shown.stdout
    assert "passed       text text-1" in shown.stdout
    assert "best attempt 0: passed; passed 1, failed 0, not verified 1" in shown.stdout
