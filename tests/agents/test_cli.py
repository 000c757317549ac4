"""The CLI refuses bad input with exit code 2 and one clear line, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def _tessera(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TESSERA_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "agents", *args], capture_output=True, text=True, env=env, input=stdin, timeout=120
    )


BRIEF = "A poster with the headline 'HELLO'."


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (["generate", ""], None, "brief is empty"),
        (["generate", "-"], "x" * 100_000, "100,000 characters"),
        (["generate", BRIEF, "--size", "0x0"], None, "between 256 and 3840"),
        (["generate", BRIEF, "--size", "1000x1001"], None, "multiples of 16"),
        (["generate", BRIEF, "--size", "20000x20000"], None, "between 256 and 3840"),
        (["generate", BRIEF, "--size", "4000x1000"], None, "between 256 and 3840"),
        (["generate", BRIEF, "--effort", "ultra"], None, "low, medium, high"),
        (["generate", BRIEF, "--out", "/proc/tessera.png"], None, "cannot write"),
        (["generate", BRIEF, "--out", "/nonexistent/dir/a.png"], None, "does not exist"),
        (["generate", BRIEF, "--format", "gif"], None, "png, jpeg or webp"),
        (["trace", "no-such-run"], None, "no run 'no-such-run'"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path: Path, args: list[str], stdin: str | None, fragment: str) -> None:
    result = _tessera(*args, home=tmp_path, stdin=stdin)
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def test_an_invalid_plan_file_names_the_bad_field(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text('{"schema_version": "1", "canvas": {"width": 1000, "height": 1024}, "background": {"kind": "solid", "color": "#fff"}}')
    result = _tessera("generate", BRIEF, "--plan", str(plan), home=tmp_path)
    assert result.returncode == 2
    assert "canvas.width" in result.stderr
    assert "Traceback" not in result.stderr
