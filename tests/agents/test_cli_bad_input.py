"""The real `tessera` command given input it cannot use: random bytes, files that are not UTF-8 or not plans, text
with NUL or lone surrogates, an output name it would write wrongly. Each is exit 2 with a line saying what to
change, never a traceback."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BRIEF = "A poster with the headline 'HELLO'."
PLAN_WITH_NUL = (
    '{"canvas": {"width": 256, "height": 256}, "background": {"kind": "solid", "color": "#FFFFFF"}, "root": {"kind": '
    '"frame", "id": "root", "children": [{"kind": "text", "id": "t", "box": {"x": 0, "y": 0, "w": 100, "h": 50}, '
    '"text": "a\\u0000b"}]}}'
)


def _tessera(*args: str | bytes, home: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("TESSERA_")}, "TESSERA_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "tessera", *args],
        capture_output=True,
        env=env,
        input=stdin,
        timeout=120,
        cwd=home.parent,
    )


def _refused(result: subprocess.CompletedProcess[bytes], fragment: str) -> None:
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert fragment in stderr


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "random.bin").write_bytes(random.Random(17).randbytes(256))
    (tmp_path / "latin1.json").write_bytes('{"canvas": "café"}'.encode("latin-1"))
    (tmp_path / "broken.json").write_text('{"canvas": ', encoding="utf-8")
    (tmp_path / "nul.json").write_text(PLAN_WITH_NUL, encoding="utf-8")
    return tmp_path


def test_random_bytes_on_standard_input_are_refused_as_not_utf8(tmp_path: Path) -> None:
    _refused(_tessera("generate", "-", home=tmp_path / "home", stdin=random.Random(3).randbytes(512)), "not UTF-8")


def test_a_brief_with_a_nul_character_is_refused(tmp_path: Path) -> None:
    _refused(_tessera("generate", "-", home=tmp_path / "home", stdin=b"A poster \x00 'HI'"), "NUL character")


def test_a_brief_argument_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    # The bytes reach Python as lone surrogates (surrogateescape): no text can carry them.
    _refused(_tessera("understand", b"A poster \xff 'HI'", home=tmp_path / "home"), "lone surrogate")


@pytest.mark.parametrize(
    ("plan", "fragment"),
    [
        ("random.bin", "is not UTF-8 text"),
        ("latin1.json", "is not UTF-8 text"),
        ("broken.json", "is not a valid layout plan"),
        ("missing.json", "cannot read plan"),
        ("nul.json", "root.children.0.text contains a NUL character"),
    ],
)
def test_a_plan_file_that_cannot_be_used_is_refused_with_what_is_wrong(files: Path, plan: str, fragment: str) -> None:
    _refused(_tessera("generate", BRIEF, "--plan", str(files / plan), home=files / "home"), fragment)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--out", "x.gif"], "does not write .gif files"),
        (["--out", "x.png", "--format", "jpeg"], "names png but --format is jpeg"),
        (["--out", "x.jpg", "--format", "webp"], "names jpeg but --format is webp"),
    ],
)
def test_an_output_name_that_does_not_match_the_format_is_refused(
    tmp_path: Path, args: list[str], fragment: str
) -> None:
    result = _tessera("generate", BRIEF, *args, home=tmp_path / "home")
    _refused(result, fragment)
    assert not list(tmp_path.glob("x.*"))  # nothing written under the wrong name


def test_data_and_brand_files_of_random_bytes_are_refused(files: Path) -> None:
    random_bytes = str(files / "random.bin")
    _refused(_tessera("generate", BRIEF, "--data", f"d={random_bytes}", home=files / "home"), "not UTF-8")
    _refused(_tessera("generate", BRIEF, "--brand", random_bytes, home=files / "home"), "brand file")


def test_a_format_without_out_writes_a_file_named_for_that_format(tmp_path: Path) -> None:
    result = _tessera("generate", BRIEF, "--format", "jpeg", "--effort", "low", home=tmp_path / "home")
    assert result.returncode in (0, 3), result.stderr.decode("utf-8", "replace")
    [written] = tmp_path.glob("*.jpg")
    assert written.read_bytes()[:3] == b"\xff\xd8\xff"  # JPEG bytes under the .jpg name


def test_the_llm_planner_without_a_model_server_is_bad_input_naming_the_settings(tmp_path: Path) -> None:
    result = _tessera("understand", BRIEF, "--planner", "llm", home=tmp_path / "home")
    _refused(result, "TESSERA_LLM_BASE_URL and TESSERA_LLM_MODEL")
