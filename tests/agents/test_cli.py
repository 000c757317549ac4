"""The CLI refuses bad input with exit code 2, a missing setup with 4 and a failed part with 5: one clear line each,
never a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest


def _tessera(
    *args: str, home: Path, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TESSERA_HOME": str(home), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "tessera", *args], capture_output=True, text=True, env=env, input=stdin, timeout=120
    )


BRIEF = "A poster with the headline 'HELLO'."


@pytest.mark.parametrize(
    ("args", "stdin", "fragment"),
    [
        (["generate", ""], None, "brief is empty"),
        (["generate", "-"], "x" * 100_000, "100,000 characters"),
        (["generate", BRIEF, "--size", "0x0"], None, "between 64 and 3840 pixels (try 64x64)"),
        (["generate", BRIEF, "--size", "63x64"], None, "between 64 and 3840 pixels (try 64x64)"),
        (["generate", BRIEF, "--size", "3841x1024"], None, "between 64 and 3840 pixels (try 3840x1024)"),
        (["generate", BRIEF, "--size", "20000x20000"], None, "between 64 and 3840"),
        (["generate", BRIEF, "--size", "3600x400"], None, "at most 8 times the short side (try 3600x450"),
        (["generate", BRIEF, "--effort", "ultra"], None, "low, medium, high"),
        (["generate", BRIEF, "--out", "/proc/tessera.png"], None, "cannot write"),
        (["generate", BRIEF, "--out", "/nonexistent/dir/a.png"], None, "does not exist"),
        (["generate", BRIEF, "--format", "gif"], None, "png, jpeg, webp or svg"),
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
    canvas = '"canvas": {"width": 40, "height": 1024}'
    plan.write_text('{"schema_version": "1", ' + canvas + ', "background": {"kind": "solid", "color": "#fff"}}')
    result = _tessera("generate", BRIEF, "--plan", str(plan), home=tmp_path)
    assert result.returncode == 2
    assert "canvas.width" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_font_exits_4_naming_the_package_to_install(tmp_path: Path) -> None:
    empty = tmp_path / "no-fonts"
    empty.mkdir()
    result = _tessera(
        "generate", BRIEF, "--effort", "low", "--out", str(tmp_path / "a.png"), home=tmp_path / "home",
        env={"TESSERA_FONT_DIRS": f'["{empty}"]'},
    )  # fmt: skip
    assert result.returncode == 4, result.stderr
    assert "was not found under" in result.stderr and "apt-get install" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "fragment"),
    [
        ("TESSERA_GENERATOR", "janos", "names no generator; use janus, amused or none"),
        ("TESSERA_GATEWAY_WORKERS", "many", "TESSERA_GATEWAY_WORKERS"),
    ],
)
def test_an_unusable_setting_exits_2_naming_the_variable(
    tmp_path: Path, variable: str, value: str, fragment: str
) -> None:
    result = _tessera("generate", BRIEF, "--effort", "low", home=tmp_path / "home", env={variable: value})
    assert result.returncode == 2, result.stderr
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_renderer_service_that_cannot_be_reached_exits_5_naming_the_setting(tmp_path: Path) -> None:
    result = _tessera(
        "generate", BRIEF, "--effort", "low", "--out", str(tmp_path / "a.png"), home=tmp_path / "home",
        env={"TESSERA_RENDERER_URL": f"http://127.0.0.1:{_closed_port()}"},
    )  # fmt: skip
    assert result.returncode == 5, result.stderr
    assert "cannot be reached" in result.stderr and "TESSERA_RENDERER_URL" in result.stderr
    assert "Traceback" not in result.stderr


POSTER = (
    "A launch poster on a deep blue background. Headline 'GRAND OPENING'. "
    "Below it 'Saturday 10 AM'. Exactly 5 red balloons across the top."
)


@pytest.mark.slow
def test_generate_writes_the_image_and_reports_json_then_trace_and_runs_show_the_run(tmp_path: Path) -> None:
    import json

    from PIL import Image

    out = tmp_path / "poster.webp"
    result = _tessera("generate", POSTER, "--size", "768x1024", "--out", str(out), "--json", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["verification"]["passed"] is True
    assert {c["kind"] for c in summary["verification"]["checks"]} >= {"text", "count"}
    with Image.open(out) as image:
        assert image.format == "WEBP" and image.size == (768, 1024)
    assert Path(summary["plan"]).is_file()
    assert summary["timings"]["total"] > 0

    trace = _tessera("trace", summary["run_id"], home=tmp_path / "home")
    assert trace.returncode == 0, trace.stderr
    for node in ("understand", "plan", "render", "verify", "finish"):
        assert node in trace.stdout
    assert "GRAND OPENING" in trace.stdout

    runs = _tessera("runs", home=tmp_path / "home")
    assert summary["run_id"] in runs.stdout


@pytest.mark.slow
def test_an_edited_plan_is_rendered_and_verified(tmp_path: Path) -> None:
    import json

    from PIL import Image

    first = _tessera("generate", POSTER, "--out", str(tmp_path / "a.png"), "--json", home=tmp_path / "home")
    with Image.open(tmp_path / "a.png") as copy:  # the copy names its run, so that an edit of it finds its plan
        assert copy.info["tessera:run_id"] == json.loads(first.stdout)["run_id"]
    plan = json.loads(Path(json.loads(first.stdout)["plan"]).read_text())
    headline = next(e for e in plan["root"]["children"] if e.get("text") == "GRAND OPENING")
    headline["color"] = "#FFD23F"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(plan))
    second = _tessera(
        "generate", POSTER, "--plan", str(edited), "--out", str(tmp_path / "b.png"), "--json", home=tmp_path / "home"
    )
    assert second.returncode == 0, second.stderr
    summary = json.loads(second.stdout)
    assert summary["planner"] == "user"
    final = json.loads(Path(summary["plan"]).read_text())
    assert next(e for e in final["root"]["children"] if e.get("text") == "GRAND OPENING")["color"] == "#FFD23F"


def test_format_svg_writes_the_image_as_svg_with_live_text_and_keeps_the_png_it_verified(tmp_path: Path) -> None:
    import json
    import xml.etree.ElementTree as ET

    out = tmp_path / "poster.svg"
    result = _tessera("generate", BRIEF, "--size", "640x480", "--out", str(out), "--json", home=tmp_path / "home")
    assert result.returncode == 0, result.stderr
    document = ET.parse(out).getroot()
    assert document.tag == "{http://www.w3.org/2000/svg}svg" and document.get("viewBox") == "0 0 640 480"
    live = ["".join(text.itertext()) for text in document.iter("{http://www.w3.org/2000/svg}text")]
    assert "HELLO" in live
    assert list(Path(json.loads(result.stdout)["run_folder"]).glob("iter-*/image.png"))


def test_generate_draws_exactly_the_size_asked_for_and_lists_what_it_drew(tmp_path: Path) -> None:
    import json

    from PIL import Image

    out = tmp_path / "banner.png"
    brief = "A banner with the headline 'SUMMER SALE' and exactly 3 stars."
    result = _tessera(
        "generate", brief, "--size", "1584x396", "--effort", "low", "--out", str(out), "--json", home=tmp_path / "home"
    )
    assert result.returncode == 0, result.stderr
    with Image.open(out) as image:
        assert image.size == (1584, 396)
    drawn = json.loads(result.stdout)["drawn"]
    assert [(p["kind"], p["text"]) for p in drawn if p["kind"] == "text"] == [("text", "SUMMER SALE")]
    stars = [p for p in drawn if p["kind"] == "objects"]
    assert [(p["name"], p["text"]) for p in stars] == [("star", None)] * 3
    assert len({p["id"] for p in stars}) == 3
    for part in drawn:
        box = part["box"]
        assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["w"] <= 1584 and box["y"] + box["h"] <= 396
