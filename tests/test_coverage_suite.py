"""The coverage suite: what a brief asks for and no plan can carry is reported as not planned (exit 3), what is
drawn some other way than asked says so, and a brief never passes on an empty canvas.

Every brief runs through the real engine in this process: the reader, the rules planner, the renderer with its
fonts and sprites (no generator configured), and the tesseract verifier.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tessera.agents import Engine, RunOutcome, RunRequest, Settings
from tessera.agents.cli import app
from tessera.contract import CoverageEntry

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(Settings(home=tmp_path_factory.mktemp("coverage")))
    yield engine
    engine.close()


def _run(engine: Engine, brief: str) -> RunOutcome:
    return engine.generate(RunRequest(brief=brief, effort="low"))


def _entry(outcome: RunOutcome, words: str) -> CoverageEntry:
    return next(e for e in outcome.coverage if words in e.clause)


def _coverage_failures(outcome: RunOutcome) -> list[str]:
    return [c.expected for c in outcome.report.checks if c.kind == "coverage" and c.failed]


@pytest.mark.parametrize(
    "brief",
    ["asdf qwerty zxcv", "minimal, elegant and modern", "???", "lorem ipsum dolor sit amet"],
)
def test_a_brief_with_nothing_to_read_fails_instead_of_passing_on_an_empty_canvas(engine: Engine, brief: str) -> None:
    outcome = _run(engine, brief)
    assert not outcome.passed
    [entry] = outcome.coverage
    assert (entry.status, entry.clause, entry.span) == ("not_planned", brief, (0, len(brief)))
    assert _coverage_failures(outcome) == [f"planned: {brief}"]


@pytest.mark.parametrize(
    ("brief", "words", "reason"),
    [
        (
            "A slide titled 'Q3 Results' with a bar chart of revenue by region",
            "bar chart of revenue by region",
            "chart data not given",
        ),
        ("A poster with the headline 'LAUNCH' and three bullet points", "three bullet points", "not given"),
        ("A sales dashboard with KPI cards for revenue, orders and active users", "KPI cards", "KPI figures not given"),
    ],
)
def test_structure_the_brief_gives_no_entries_for_is_not_planned_and_named(
    engine: Engine, brief: str, words: str, reason: str
) -> None:
    outcome = _run(engine, brief)
    entry = _entry(outcome, words)
    assert entry.status == "not_planned" and reason in entry.reason, entry
    assert not outcome.passed
    assert any(words in failure for failure in _coverage_failures(outcome))
    # Everything else the brief asks for is still planned and drawn.
    assert all(e.status == "planned" for e in outcome.coverage if e is not entry)


def test_a_scene_drawn_without_a_generator_is_planned_and_says_how_it_was_drawn(engine: Engine) -> None:
    outcome = _run(engine, "A lighthouse on a cliff at sunset")
    for thing in ("lighthouse", "cliff"):
        assert _entry(outcome, thing).status == "planned"
    relation = next(e for e in outcome.coverage if "on a cliff" in e.clause and "lighthouse" in e.clause)
    assert relation.status == "planned" and len(relation.nodes) >= 2
    drawn = {part.name for part in outcome.drawn if part.kind == "objects"}
    assert {"lighthouse", "cliff"} <= drawn


def test_a_picture_without_a_generator_is_planned_and_the_notice_says_it_is_a_placeholder(engine: Engine) -> None:
    outcome = _run(engine, "A poster with the headline 'LAKE DAYS' over a photo of a mountain lake at dawn")
    picture = next(e for e in outcome.coverage if e.item is None)
    assert picture.status == "planned" and picture.nodes
    assert any("placeholder" in notice for notice in outcome.notices)
    assert [c.verified for c in outcome.report.checks if c.kind == "picture"] == [False]


def test_relations_that_contradict_each_other_cannot_all_be_planned(engine: Engine) -> None:
    outcome = _run(engine, "A cat to the left of a dog, and the dog to the left of the cat")
    relations = [e for e in outcome.coverage if "left of" in e.clause]
    assert sorted(e.status for e in relations) == ["not_planned", "planned"]
    assert not outcome.passed


def test_more_things_than_a_plan_carries_are_each_named_as_left_out(engine: Engine) -> None:
    animals = [
        "cat", "dog", "horse", "cow", "pig", "sheep", "goat", "duck", "goose", "chicken", "rabbit", "mouse",
        "fox", "bear", "wolf", "deer", "frog", "snail", "owl", "bee", "ant", "crab", "whale", "shark", "seal",
        "camel", "zebra", "tiger",
    ]  # fmt: skip
    brief = "A nursery poster with " + ", ".join(f"a {animal}" for animal in animals)
    outcome = _run(engine, brief)
    left_out = [e for e in outcome.coverage if e.status == "not_planned"]
    assert left_out and all(e.item is None and "a plan carries" in e.reason for e in left_out)
    assert {e.clause for e in left_out} == {f"a {animal}" for animal in animals[-len(left_out) :]}
    assert not outcome.passed


def _cli(tmp_path: Path, brief: str) -> tuple[int, dict]:
    out = tmp_path / "image.png"
    result = CliRunner().invoke(
        app, ["generate", brief, "--out", str(out), "--effort", "low", "--json"], env={"TESSERA_HOME": str(tmp_path)}
    )
    return result.exit_code, json.loads(result.output) if result.output.startswith("{") else {}


def test_the_cli_exits_3_naming_what_was_not_planned_and_0_when_everything_was(tmp_path: Path) -> None:
    code, summary = _cli(tmp_path, "A slide titled 'Q3 Results' with a bar chart of revenue by region")
    assert code == 3
    [missing] = [e for e in summary["coverage"] if e["status"] == "not_planned"]
    assert "chart data not given" in missing["reason"]
    assert "coverage" in {c["kind"] for c in summary["verification"]["checks"] if not c["passed"]}
    code, summary = _cli(
        tmp_path, "A slide titled 'Q3 Results' with a bar chart of revenue by region: North 40, South 25, East 30"
    )
    assert code == 0, summary["verification"]
    assert all(e["status"] == "planned" for e in summary["coverage"])
    assert any(part["kind"] == "chart" for part in summary["drawn"]) or any(
        part["id"].startswith("chart") for part in summary["drawn"]
    )
