"""`tessera generate --background transparent` writes PNG or WebP with alpha; JPEG, which has none, is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

BRIEF = "A sticker on a deep blue background with the headline 'HELLO THERE' and exactly 3 stars"


def _tessera(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TESSERA_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "tessera", *args], capture_output=True, text=True, env=env, timeout=300
    )


@pytest.mark.parametrize("suffix", ["png", "webp"])
def test_a_transparent_background_is_written_with_alpha_and_passes(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"sticker.{suffix}"
    result = _tessera(
        "generate", BRIEF, "--background", "transparent", "--planner", "rules", "--effort", "low", "--size", "640x400",
        "--out", str(out), "--json", home=tmp_path / "home",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.format == suffix.upper() and image.mode == "RGBA"
        alpha = np.asarray(image.getchannel("A"))
    assert alpha[0, 0] == 0 and alpha.max() == 255
    notices = json.loads(result.stdout)["notices"]
    assert any("#" in notice and "transparent" in notice for notice in notices)  # the brief's blue is not painted


def test_transparent_jpeg_exits_2_saying_to_use_png_or_webp(tmp_path: Path) -> None:
    result = _tessera(
        "generate", BRIEF, "--background", "transparent", "--out", str(tmp_path / "a.jpg"), home=tmp_path / "home"
    )
    assert result.returncode == 2
    assert "use png or webp" in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_background_exits_2_listing_the_choices(tmp_path: Path) -> None:
    result = _tessera("generate", BRIEF, "--background", "clear", home=tmp_path / "home")
    assert result.returncode == 2
    assert "auto, opaque, transparent" in result.stderr
