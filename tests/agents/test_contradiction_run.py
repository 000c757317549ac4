"""A brief no image can satisfy finishes after its first attempt, the planning error in its report, instead of
spending revisions on it. Real reader, rules planner, renderer and verifier throughout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tessera.agents import Engine, RunRequest, Settings

pytestmark = pytest.mark.slow

# The reading puts one title both at the top and at the bottom: no image can pass both position checks.
CONTRADICTORY = 'A poster with the title "Summer Sale" at the top. "Summer Sale" also at the bottom.'
# U+E000 is in no installed font: the title shows an empty box whatever the plan does.
UNDRAWABLE = 'A poster with the title "Open \ue000 daily".'


def test_a_contradictory_brief_finishes_after_one_attempt_with_the_contradiction_reported(
    settings: Settings,
) -> None:
    outcome = Engine(settings).generate(RunRequest(brief=CONTRADICTORY, effort="medium"))
    assert not outcome.passed
    assert outcome.revisions == 0
    [contradiction] = [c for c in outcome.report.checks if c.kind == "contradiction"]
    assert contradiction.failed and len(contradiction.conflicts) == 2
    assert "into the top and into the bottom region" in contradiction.measured
    assert outcome.report.revisable() == []


def test_a_text_no_installed_font_can_draw_is_not_revised_and_says_why(settings: Settings) -> None:
    outcome = Engine(settings).generate(RunRequest(brief=UNDRAWABLE, effort="medium"))
    assert outcome.revisions == 0
    [title] = [c for c in outcome.report.failures() if c.kind == "text"]
    assert title.fix == "no installed font has U+E000 ('\\ue000'): install one, or leave the character out"
    assert any(c.kind == "contradiction" and c.conflicts == [title.constraint_id] for c in outcome.report.checks)


def test_the_cli_exits_3_with_the_contradiction_in_its_json(tmp_path: Path) -> None:
    env = {**os.environ, "TESSERA_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "tessera", "generate", CONTRADICTORY, "--out", str(tmp_path / "x.png"), "--json"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr
    verification = json.loads(result.stdout)["verification"]
    assert json.loads(result.stdout)["revisions"] == 0
    assert [c["kind"] for c in verification["checks"] if c["status"] == "failed"].count("contradiction") == 1
