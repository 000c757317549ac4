"""Every command's `--json` output is stable and documented: the schemas committed in docs/cli-json/ are what the
models of agents/_cli_json.py make, and each command's real output (rules planner, real renders) validates against
its command's schema."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, ValidationError
from typer.testing import CliRunner

from tessera.agents import Settings
from tessera.agents._cli_json import CLI_JSON, cli_json_schema_text
from tessera.agents.cli import app
from tessera.agents.runs import RunStore

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli-json"
BRIEF = "A poster with the headline 'HELLO' and below it 'Saturday 10 AM'."
INSTRUCTION = "change 'HELLO' to 'GOODBYE'"


def _validator(command: str) -> Draft202012Validator:
    return Draft202012Validator(json.loads((DOCS / f"{command}.schema.json").read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Cli:
    """The CLI run in this process against one TESSERA_HOME, in a console wide enough for one table row a line."""

    home: Path

    def __call__(self, *args: str, code: int = 0) -> str:
        result = CliRunner().invoke(app, list(args), env={"TESSERA_HOME": str(self.home), "COLUMNS": "250"})
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code == code, result.output
        return result.stdout

    def json(self, *args: str, code: int = 0) -> dict[str, Any]:
        output: dict[str, Any] = json.loads(self(*args, "--json", code=code))
        return output


@dataclass(frozen=True)
class Generated:
    """A run generated in its own TESSERA_HOME, and what `generate --json` printed for it."""

    cli: Cli
    output: dict[str, Any]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Generated:
    home = tmp_path_factory.mktemp("cli-json")
    cli = Cli(home)
    output = cli.json(
        "generate", BRIEF, "--planner", "rules", "--effort", "low", "--size", "640x480", "--out", str(home / "a.png")
    )
    return Generated(cli=cli, output=output)


@pytest.fixture(scope="module")
def edited(generated: Generated) -> dict[str, Any]:
    """What `edit --json` printed for an edit of the generated run."""
    run_id, out = generated.output["run_id"], generated.cli.home / "edited.png"
    return generated.cli.json("edit", run_id, INSTRUCTION, "--planner", "rules", "--out", str(out))


def test_the_committed_schemas_are_what_the_models_make() -> None:
    assert sorted(path.name for path in DOCS.glob("*.schema.json")) == sorted(f"{c}.schema.json" for c in CLI_JSON)
    for command in CLI_JSON:
        committed = (DOCS / f"{command}.schema.json").read_text(encoding="utf-8")
        assert committed == cli_json_schema_text(command), f"{command}: run scripts/cli_json_schemas"
        Draft202012Validator.check_schema(json.loads(committed))


def test_schema_command_prints_a_commands_schema_and_refuses_a_command_without_json(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    assert cli("schema", "--command", "runs") == (DOCS / "runs.schema.json").read_text(encoding="utf-8")
    assert json.loads(cli("schema"))["title"] == "LayoutPlan"
    result = CliRunner().invoke(app, ["schema", "--command", "serve"], env={"TESSERA_HOME": str(tmp_path)})
    assert result.exit_code == 2 and "has no --json output" in result.output


@pytest.mark.slow
def test_generate_json_validates_and_keeps_its_fields(generated: Generated) -> None:
    output = generated.output
    _validator("generate").validate(output)
    assert {"run_id", "image", "plan", "run_folder", "planner", "verification", "drawn", "document", "coverage",
            "revisions", "notices", "timings"} <= set(output)  # fmt: skip
    assert (output["parent_run_id"], output["instruction"], output["patch"], output["icons"]) == (None, None, [], [])
    assert output["verification"]["passed"] is True
    assert "HELLO" in [part["text"] for part in output["drawn"]]
    for check in output["verification"]["checks"]:
        assert Path(check["evidence_image"]).is_file()
        assert "fix" not in check  # only a failed check says how to fix it


@pytest.mark.slow
def test_a_renamed_field_or_an_unknown_status_fails_the_schema(generated: Generated) -> None:
    renamed = dict(generated.output)
    renamed["id"] = renamed.pop("run_id")
    with pytest.raises(ValidationError, match="run_id"):
        _validator("generate").validate(renamed)
    verification = generated.output["verification"]
    checks = [dict(verification["checks"][0], status="ok")]
    with pytest.raises(ValidationError, match="'ok'"):
        _validator("generate").validate({**generated.output, "verification": {**verification, "checks": checks}})


@pytest.mark.slow
def test_resume_understand_and_trace_json_validate(generated: Generated) -> None:
    run_id = generated.output["run_id"]
    resumed = generated.cli.json("resume", run_id)
    _validator("resume").validate(resumed)
    assert (resumed["run_id"], resumed["verification"]) == (run_id, generated.output["verification"])

    reading = generated.cli.json("understand", BRIEF, "--planner", "rules")
    _validator("understand").validate(reading)
    assert "HELLO" in [item.get("text") for item in reading["items"]]

    events = [json.loads(line) for line in generated.cli("trace", run_id, "--json").splitlines()]
    for event in events:
        _validator("trace").validate(event)
    assert [event["node"] for event in events] == ["understand", "plan", "render", "verify", "finish"]


@pytest.mark.slow
def test_edit_json_validates_and_links_the_parent_with_its_patch(generated: Generated, edited: dict[str, Any]) -> None:
    _validator("edit").validate(edited)
    _validator("generate").validate(edited)  # an edit's object is a generate object with its lineage set
    assert (edited["parent_run_id"], edited["instruction"]) == (generated.output["run_id"], INSTRUCTION)
    assert edited["patch"] and all(set(op) <= {"op", "path", "value", "from"} for op in edited["patch"])
    assert "GOODBYE" in [part["text"] for part in edited["drawn"]]
    events = [json.loads(line) for line in generated.cli("trace", edited["run_id"], "--json").splitlines()]
    for event in events:
        _validator("trace").validate(event)
    assert events[0]["node"] == "edit"


@pytest.mark.slow
def test_runs_json_and_table_show_an_edits_lineage_and_filter_by_status(
    generated: Generated, edited: dict[str, Any]
) -> None:
    listed = generated.cli.json("runs")
    _validator("runs").validate(listed)
    by_id = {run["run_id"]: run for run in listed["runs"]}
    edit, parent = by_id[edited["run_id"]], by_id[generated.output["run_id"]]
    assert (edit["parent_run_id"], edit["instruction"]) == (parent["run_id"], INSTRUCTION)
    assert (parent["parent_run_id"], parent["status"], parent["passed"]) == (None, "done", True)
    assert Path(edit["image"]).is_file() and Path(edit["run_folder"]).is_dir()
    assert len(listed["runs"]) == 2

    assert generated.cli.json("runs", "--status", "failed", "--status", "queued") == {"runs": []}
    assert len(generated.cli.json("runs", "--status", "done", "--limit", "1")["runs"]) == 1

    rows = generated.cli("runs").splitlines()
    assert f"edit of {parent['run_id']}: {INSTRUCTION}" in next(row for row in rows if edit["run_id"] in row)
    assert "edit of" not in next(row for row in rows if row.lstrip("│ ").startswith(parent["run_id"]))


@pytest.mark.slow
def test_generate_variants_and_split_icons_json_validate(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    common = ("--planner", "rules", "--effort", "low")
    variants = cli.json("generate", BRIEF, *common, "--size", "640x480", "--n", "2", "--sheet", "--out",
                        str(tmp_path / "v.png"))  # fmt: skip
    _validator("generate").validate(variants)
    assert (variants["passed"], variants["sheet"]) == (True, str(tmp_path / "v-sheet.png"))
    assert [image["image"] for image in variants["images"]] == [str(tmp_path / "v-1.png"), str(tmp_path / "v-2.png")]
    first, second = (image["run_id"] for image in variants["images"])
    listed = {run["run_id"]: run for run in cli.json("runs")["runs"]}
    lineage = [(listed[run]["variant_group"], listed[run]["variant"]) for run in (first, second)]
    assert lineage == [(first, 0), (first, 1)]

    icons = cli.json("generate", "an icon set of 3 icons: home, search, cart", *common, "--size", "480x480",
                     "--split", "--out", str(tmp_path / "set.png"))  # fmt: skip
    _validator("generate").validate(icons)
    assert [(icon["name"], Path(icon["path"]).is_file()) for icon in icons["icons"]] == [
        ("home", True), ("search", True), ("cart", True),
    ]  # fmt: skip


def test_runs_shows_each_variants_place_and_refuses_an_unknown_status(tmp_path: Path) -> None:
    store = RunStore(Settings(home=tmp_path).runs_dir)
    first = store.create(brief=BRIEF, effort="low", seed=0, canvas=None, variant=0)
    second = store.create(brief=BRIEF, effort="low", seed=1, canvas=None, variant=1, variant_group=first.run_id)
    cli = Cli(tmp_path)
    listed = cli.json("runs", "--status", "queued")
    _validator("runs").validate(listed)
    assert sorted((r["variant"], r["run_id"], r["variant_group"], r["image"]) for r in listed["runs"]) == [
        (0, first.run_id, first.run_id, None),
        (1, second.run_id, first.run_id, None),
    ]
    table = cli("runs")
    assert f"variant 1 of {first.run_id}" in table and "variant 0" in table
    result = CliRunner().invoke(app, ["runs", "--status", "finished"], env={"TESSERA_HOME": str(tmp_path)})
    assert result.exit_code == 2 and "status 'finished' is unknown" in result.output


def test_cancel_and_prune_json_validate(tmp_path: Path) -> None:
    queued = RunStore(Settings(home=tmp_path).runs_dir).create(brief=BRIEF, effort="low", seed=0, canvas=None)
    cli = Cli(tmp_path)
    cancelled = cli.json("cancel", queued.run_id)
    _validator("cancel").validate(cancelled)
    assert cancelled == {"run_id": queued.run_id, "status": "cancelled", "cancel_requested": False}
    pruned = cli.json("prune", "--older-than", "0")
    _validator("prune").validate(pruned)
    assert pruned == {"deleted": [queued.run_id], "older_than_days": 0.0}
