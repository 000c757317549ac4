"""`tessera generate BRIEF --plan plan.json` verifies every element of the user's plan, not only what the brief
quotes: real renders, read by real tesseract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ELEMENTS: list[dict[str, Any]] = [
    {"kind": "text", "id": "title", "box": {"x": 64, "y": 64, "w": 896, "h": 180}, "text": "Harbour Lights",
     "role": "headline", "font_weight": "bold"},
    {"kind": "text", "id": "when", "box": {"x": 112, "y": 300, "w": 800, "h": 90}, "text": "Friday 8pm"},
    {"kind": "objects", "id": "stars", "box": {"x": 96, "y": 560, "w": 832, "h": 220}, "object_class": "star",
     "count": 4},
]  # fmt: skip


def _generate(tmp_path: Path, brief: str, elements: list[dict[str, Any]], *options: str) -> tuple[int, dict[str, Any]]:
    """Run the CLI on a plan of `elements`; its exit code and its --json output."""
    plan = tmp_path / "plan.json"
    background = {"kind": "solid", "color": "#F4EFE6"}
    plan.write_text(json.dumps({"schema_version": "1", "background": background, "elements": elements}))
    result = subprocess.run(
        [sys.executable, "-m", "tessera", "generate", brief, "--plan", str(plan), "--json", *options,
         "--out", str(tmp_path / "out.png")],
        capture_output=True, text=True, env={**os.environ, "TESSERA_HOME": str(tmp_path / "home")}, timeout=120,
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    return result.returncode, json.loads(result.stdout)


def _checks(summary: dict[str, Any]) -> list[tuple[str, str, str, bool]]:
    return [(c["id"], c["kind"], c["origin"], c["passed"]) for c in summary["verification"]["checks"]]


def test_a_plan_the_brief_never_quotes_gets_a_check_for_each_element(tmp_path: Path) -> None:
    code, summary = _generate(tmp_path, "anything", ELEMENTS)
    assert code == 0
    assert _checks(summary) == [
        ("title", "text", "plan", True),
        ("when", "text", "plan", True),
        ("stars", "count", "plan", True),
    ]
    assert summary["verification"]["summary"] == "passed 3, failed 0, not verified 0 (all from the plan)"


def test_a_plan_text_too_cramped_to_read_fails_the_run_naming_its_element(tmp_path: Path) -> None:
    cramped = [ELEMENTS[0], {**ELEMENTS[1], "box": {"x": 112, "y": 300, "w": 50, "h": 12}}, ELEMENTS[2]]
    code, summary = _generate(tmp_path, "anything", cramped, "--effort", "low")
    assert code == 3
    [failed] = [c for c in summary["verification"]["checks"] if not c["passed"]]
    assert (failed["id"], failed["origin"], failed["element_ids"]) == ("when", "plan", ["when"])
    assert failed["measured"].startswith("when: read ")


def test_an_element_the_brief_quotes_is_checked_once_as_the_brief_asks(tmp_path: Path) -> None:
    code, summary = _generate(tmp_path, "A poster with the headline 'Harbour Lights'.", ELEMENTS)
    assert code == 0
    title = [c for c in summary["verification"]["checks"] if "title" in c["element_ids"]]
    assert [(c["kind"], c["origin"]) for c in title] == [("text", "brief")]
    verification = summary["verification"]
    assert verification["summary"] == "passed 3, failed 0, not verified 0 (1 from the brief, 2 from the plan)"


def test_an_empty_plan_fails_because_it_draws_nothing(tmp_path: Path) -> None:
    code, summary = _generate(tmp_path, "anything", [])
    assert code == 3
    coverage, check = summary["verification"]["checks"]
    assert (check["kind"], check["origin"], check["passed"]) == ("plan", "plan", False)
    assert check["measured"] == "the plan draws nothing"
    # The brief names nothing either: the coverage map says so, as its own failed check.
    assert (coverage["kind"], coverage["passed"]) == ("coverage", False)
    assert summary["coverage"] == [
        {
            "clause": "anything",
            "span": [0, 8],
            "status": "not_planned",
            "nodes": [],
            "reason": coverage["measured"].removeprefix("not planned: "),
            "item": None,
        }
    ]
    assert not summary["verification"]["passed"]


def test_a_version_2_tree_is_laid_out_then_every_leaf_and_named_part_is_checked(tmp_path: Path) -> None:
    card = {
        "kind": "frame", "id": "card", "role": "card", "fill": "#FFFFFF", "padding": 32, "gap": 12,
        "children": [
            {"kind": "text", "id": "kpi", "text": "$4.2M", "role": "title", "font_weight": "bold"},
            {"kind": "text", "id": "kpi-label", "text": "Revenue this quarter", "role": "caption"},
        ],
    }  # fmt: skip
    root = {
        "kind": "frame", "id": "root", "layout": "column", "padding": 64, "gap": 40, "justify": "center",
        "children": [{"kind": "text", "id": "title", "text": "Harbour Lights", "role": "title"}, card],
    }  # fmt: skip
    plan = tmp_path / "plan.json"
    plan.write_text(
        json.dumps({"schema_version": 2, "background": {"kind": "solid", "color": "#E8EEF6"}, "root": root})
    )
    result = subprocess.run(
        [sys.executable, "-m", "tessera", "generate", "anything", "--plan", str(plan), "--json",
         "--out", str(tmp_path / "out.png")],
        capture_output=True, text=True, env={**os.environ, "TESSERA_HOME": str(tmp_path / "home")}, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert _checks(summary) == [
        ("title", "text", "plan", True),
        ("kpi", "text", "plan", True),
        ("kpi-label", "text", "plan", True),
        ("card", "part", "plan", True),
    ]
    drawn = {part["id"]: part for part in summary["drawn"]}
    assert drawn["card"]["kind"] == "card" and drawn["card"]["text"] == "$4.2M Revenue this quarter"
    card_box, kpi_box = drawn["card"]["box"], drawn["kpi"]["box"]
    assert card_box["x"] + 32 <= kpi_box["x"] and kpi_box["x"] + kpi_box["w"] <= card_box["x"] + card_box["w"] - 32
    assert drawn["title"]["box"]["y"] + drawn["title"]["box"]["h"] + 40 <= card_box["y"]
