"""An edit is a new run linked to its parent: the parent's kept plan patched by an editor, drawn and verified against
the edit's constraints, recorded with its lineage and an `edit` event first in its trace; a refused edit makes no run.

The parts and the editor are fakes, so these tests are about the pipeline; real renders, the real rules editor and
real OCR are in tests/agents/test_edits_e2e.py, the planner service's /v1/edit over HTTP in
tests/services/test_edit_remote.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from PIL import Image
from typer.testing import CliRunner

from tessera.agents import Engine, RunRequest, Settings
from tessera.agents.cli import app
from tessera.agents.parts import Planners
from tessera.agents.remote import HttpEditor
from tessera.agents.settings import ServiceSettings
from tessera.agents.supplied import material_from_files
from tessera.contract import (
    MAX_INSTRUCTION_CHARS,
    Box,
    Canvas,
    ConflictError,
    Constraints,
    EditError,
    EditEvent,
    LayoutPlan,
    PatchOperation,
    PlanEdit,
    RequestError,
    RequiredText,
    RunNotFoundError,
    SolidBackground,
    TextElement,
)
from tessera.contract.fakes import FakePlanner, FakeRenderer, FakeVerifier
from tessera.planner import RulesEditor

BRIEF = "A poster with the headline 'TEAM ALPHA'."
HEADLINE_TEXT = "/root/children/0/text"


def _plan() -> LayoutPlan:
    text = TextElement(id="headline", box=Box(x=64, y=64, w=512, h=128), text="TEAM ALPHA")
    return LayoutPlan(
        canvas=Canvas(width=640, height=480), background=SolidBackground(color="#ffffff"), elements=[text]
    )


class RenamingEditor:
    """Changes the headline to the instruction's last word; refuses an instruction that mentions a balloon (there is
    none), and answers a patch that does not apply for one that mentions a subtitle."""

    name = "renaming"

    def __init__(self) -> None:
        self.asked: list[tuple[LayoutPlan, Constraints, str]] = []

    def edit(self, plan: LayoutPlan, constraints: Constraints, instruction: str) -> PlanEdit:
        self.asked.append((plan, constraints, instruction))
        if "balloon" in instruction:
            raise EditError("there is no balloon in the plan to remove")
        if "subtitle" in instruction:
            patch = [PatchOperation(op="replace", path="/root/children/5/text", value="x")]
        else:
            patch = [PatchOperation(op="replace", path=HEADLINE_TEXT, value=instruction.split()[-1])]
        renamed = RequiredText(id="edit-text-1", text=instruction.split()[-1], source=constraints.items[0].source)
        return PlanEdit(
            instruction=instruction,
            patch=patch,
            changes=[f"text 'TEAM ALPHA' → {instruction.split()[-1]!r}"],
            constraints=constraints.model_copy(
                update={"items": [renamed], "brief": f"{constraints.brief}\n{instruction}"}
            ),
            touched=[constraints.items[0].id],
            planner="renaming",
        )


def _engine(
    settings: Settings,
    *,
    failures: int = 0,
    renderer: FakeRenderer | None = None,
    editor: RenamingEditor | None = None,
) -> Engine:
    return Engine(
        settings,
        planner=FakePlanner(_plan()),
        renderer=renderer or FakeRenderer(),
        verifier=FakeVerifier(failures),
        editor=editor or RenamingEditor(),
    )


@pytest.fixture
def parent(settings: Settings) -> str:
    """A done run to edit."""
    return _engine(settings).generate(RunRequest(brief=BRIEF, seed=7, effort="low", strict=True)).run_id


def test_an_edit_is_a_new_run_linked_to_its_parent(settings: Settings, parent: str) -> None:
    engine = _engine(settings)
    outcome = engine.edit(parent, "rename the headline to OMEGA")
    record = engine.store.open(outcome.run_id).read_record()
    assert outcome.run_id != parent and record.status == "done"
    assert (record.parent_run_id, record.instruction) == (parent, "rename the headline to OMEGA")
    assert (record.seed, record.effort, record.strict) == (7, "low", True)
    assert record.brief == f"{BRIEF}\nrename the headline to OMEGA"  # what the edit's constraints read from
    parent_folder = engine.store.open(parent)
    assert record.planner == "renaming edit" and record.canvas == parent_folder.read_record().canvas
    assert (outcome.parent_run_id, outcome.instruction) == (parent, "rename the headline to OMEGA")
    assert outcome.patch == [PatchOperation(op="replace", path=HEADLINE_TEXT, value="OMEGA")]
    assert outcome.plan.elements[0].text == "OMEGA"
    assert parent_folder.read_record().parent_run_id is None
    assert parent_folder.best().plan.elements[0].text == "TEAM ALPHA"


def test_a_run_from_a_brief_has_no_lineage(settings: Settings, parent: str) -> None:
    outcome = _engine(settings).outcome(parent)
    assert (outcome.parent_run_id, outcome.instruction, outcome.patch) == (None, None, [])


def test_the_edit_event_comes_first_and_the_plan_is_drawn_without_planning(settings: Settings, parent: str) -> None:
    engine = _engine(settings)
    outcome = engine.edit(parent, "rename the headline to OMEGA")
    events = engine.store.open(outcome.run_id).read_trace()
    assert [e.node for e in events] == ["edit", "understand", "plan", "render", "verify", "finish"]
    edit = events[0]
    assert isinstance(edit, EditEvent)
    assert (edit.inputs.parent_run_id, edit.inputs.instruction) == (parent, "rename the headline to OMEGA")
    assert edit.outputs.patch == outcome.patch and edit.outputs.changes == ["text 'TEAM ALPHA' → 'OMEGA'"]
    plan_event = events[2]
    assert plan_event.outputs.planner == "renaming edit"
    assert plan_event.outputs.notes == ["edit: text 'TEAM ALPHA' → 'OMEGA'"]


def test_the_edit_is_verified_against_its_own_constraints_not_the_brief(settings: Settings, parent: str) -> None:
    editor = RenamingEditor()
    engine = _engine(settings, editor=editor)
    outcome = engine.edit(parent, "rename the headline to OMEGA")
    plan, constraints, _ = editor.asked[0]
    parent_folder = engine.store.open(parent)
    assert plan == parent_folder.best().plan and constraints == parent_folder.read_constraints()
    kept = engine.store.open(outcome.run_id).read_constraints()
    assert [(c.id, c.text) for c in kept.items] == [("edit-text-1", "OMEGA")]
    assert [c.constraint_id for c in outcome.report.checks] == ["edit-text-1"]


def test_a_refused_edit_makes_no_run_and_says_nothing_changed(settings: Settings, parent: str) -> None:
    engine = _engine(settings)
    before = engine.store.open(parent).read_record()
    for instruction in ("remove the second balloon", "change the subtitle"):
        with pytest.raises(EditError, match="nothing was changed") as refused:
            engine.start_edit(parent, instruction)
        assert f"run {parent} is as it was" in str(refused.value)
    assert [r.run_id for r in engine.store.records()] == [parent]
    assert engine.store.open(parent).read_record() == before


def test_the_patch_that_does_not_apply_is_named(settings: Settings, parent: str) -> None:
    with pytest.raises(EditError, match="cannot be applied"):
        _engine(settings).start_edit(parent, "change the subtitle")


def test_only_a_done_run_can_be_edited(settings: Settings) -> None:
    engine = _engine(settings)
    queued = engine.start(RunRequest(brief=BRIEF))
    with pytest.raises(ConflictError, match="is queued; only a done run can be edited"):
        engine.start_edit(queued.run_id, "rename the headline to OMEGA")
    with pytest.raises(RunNotFoundError, match="no run 'nope'"):
        engine.start_edit("nope", "rename the headline to OMEGA")
    assert len(engine.store.records()) == 1


@pytest.mark.parametrize(
    ("instruction", "fragment"),
    [
        ("   ", "instruction is empty"),
        ("rename\x00 it", "NUL"),
        ("x" * (MAX_INSTRUCTION_CHARS + 1), f"at most {MAX_INSTRUCTION_CHARS:,}"),
    ],
)
def test_an_unusable_instruction_is_refused_before_the_editor(
    settings: Settings, parent: str, instruction: str, fragment: str
) -> None:
    editor = RenamingEditor()
    engine = _engine(settings, editor=editor)
    with pytest.raises(RequestError, match=fragment):
        engine.start_edit(parent, instruction)
    assert editor.asked == [] and len(engine.store.records()) == 1


def test_an_edit_revises_its_failures_like_any_run(settings: Settings, parent: str) -> None:
    outcome = _engine(settings, failures=1).edit(parent, "rename the headline to OMEGA", max_revisions=2)
    assert outcome.passed and outcome.revisions == 1
    assert [i.planner for i in outcome.iterations] == ["renaming edit", "fake"]


def test_strict_and_the_revision_limit_may_be_given(settings: Settings, parent: str) -> None:
    engine = _engine(settings, failures=5)
    outcome = engine.edit(parent, "rename the headline to OMEGA", strict=False, max_revisions=1)
    assert not outcome.passed and outcome.revisions == 1 and not outcome.strict
    with pytest.raises(RequestError, match="max_revisions 99"):
        engine.start_edit(parent, "rename the headline to OMEGA", max_revisions=99)


def test_the_parents_supplied_files_travel_with_the_edit(settings: Settings, tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (32, 32), "#ff0000").save(logo)
    material = material_from_files([f"logo={logo}"], [], None)
    engine = _engine(settings)
    parent = engine.generate(RunRequest(brief=BRIEF, material=material)).run_id
    outcome = engine.edit(parent, "rename the headline to OMEGA")
    assert engine.store.open(outcome.run_id).read_material() == material


def test_an_edit_run_that_stopped_resumes_from_its_checkpoint(settings: Settings, parent: str) -> None:
    engine = _engine(settings, renderer=FakeRenderer(crash_on_call=1))
    with pytest.raises(RuntimeError, match="crashed"):
        engine.edit(parent, "rename the headline to OMEGA")
    stopped = next(r for r in engine.store.records() if r.parent_run_id == parent)
    assert stopped.status == "failed"
    engine.close()

    resumed = _engine(settings).resume(stopped.run_id)  # a new engine: the edit comes back from the checkpoint
    assert resumed.passed and resumed.parent_run_id == parent
    assert resumed.plan.elements[0].text == "OMEGA"
    assert [c.constraint_id for c in resumed.report.checks] == ["edit-text-1"]
    assert [e.node for e in engine.store.open(stopped.run_id).read_trace()][:2] == ["edit", "understand"]


def test_an_edit_cancelled_before_it_started_resumes_from_its_input(settings: Settings, parent: str) -> None:
    # Nothing ran: `understand` reads the edit back from the input checkpoint (a PlanEdit, not a plain dict).
    engine = _engine(settings)
    started = engine.start_edit(parent, "rename the headline to OMEGA")
    assert engine.cancel(started.run_id).status == "cancelled"
    engine.close()
    resumed = _engine(settings).resume(started.run_id)
    assert resumed.passed and resumed.plan.elements[0].text == "OMEGA"
    assert [c.constraint_id for c in resumed.report.checks] == ["edit-text-1"]
    assert resumed.planner == "renaming edit"


# The CLI, in this process with the fake parts: `tessera edit` builds its engine from the environment.


@dataclass
class Cli:
    """`tessera` in this process, its engines built with the fake parts (failing the first `failures` reports)."""

    failures: int = 0

    def invoke(self, *args: str) -> Result:
        return CliRunner().invoke(app, list(args))


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("TESSERA_HOME", str(settings.home))
    runner = Cli()
    monkeypatch.setattr("tessera.agents.cli.Engine", lambda found: _engine(found, failures=runner.failures))
    return runner


def test_tessera_edit_writes_the_new_image_and_prints_its_lineage(cli: Cli, parent: str, tmp_path: Path) -> None:
    out = tmp_path / "edited.png"
    result = cli.invoke("edit", parent, "rename the headline to OMEGA", "--out", str(out), "--json")
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed["parent_run_id"] == parent and printed["instruction"] == "rename the headline to OMEGA"
    assert printed["patch"] == [{"op": "replace", "path": HEADLINE_TEXT, "value": "OMEGA"}]
    assert printed["image"] == str(out.resolve()) and printed["verification"]["passed"]
    assert printed["planner"] == "renaming edit" and printed["run_id"] != parent
    with Image.open(out) as image, Image.open(printed["run_folder"] + "/iter-0/image.png") as kept:
        assert image.size == kept.size


def test_tessera_edit_exits_3_when_the_edit_fails_a_check(cli: Cli, parent: str, tmp_path: Path) -> None:
    cli.failures = 9
    out = tmp_path / "edited.png"
    result = cli.invoke("edit", parent, "rename the headline to OMEGA", "--out", str(out), "--json")
    assert result.exit_code == 3, result.output
    assert not json.loads(result.stdout)["verification"]["passed"] and out.is_file()


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["remove the balloon"], "no balloon in the plan to remove; nothing was changed"),
        ([""], "instruction is empty"),
        (["rename it to X", "--planner", "magic"], "planner 'magic' is unknown"),
        (["rename it to X", "--out", "edited.gif"], "does not write .gif files"),
    ],
)
def test_tessera_edit_exits_2_for_bad_input_and_makes_no_run(
    cli: Cli, settings: Settings, parent: str, args: list[str], fragment: str
) -> None:
    result = cli.invoke("edit", parent, *args)
    assert result.exit_code == 2, result.output
    assert fragment in result.output and "Traceback" not in result.output
    assert [r.run_id for r in _engine(settings).store.records()] == [parent]


def test_tessera_edit_of_a_missing_run_exits_2(cli: Cli) -> None:
    result = cli.invoke("edit", "no-such-run", "rename it to X")
    assert result.exit_code == 2 and "no run 'no-such-run'" in result.output


# Which editor an edit gets: as a run's planner is chosen.


def test_without_a_model_the_rules_edit_and_llm_is_refused(settings: Settings) -> None:
    planners = Planners(settings)
    assert isinstance(planners.editor("auto"), RulesEditor) and isinstance(planners.editor("rules"), RulesEditor)
    with pytest.raises(RequestError, match="TESSERA_LLM_BASE_URL"):
        planners.editor("llm")


def test_with_a_planner_service_its_editor_edits(settings: Settings) -> None:
    remote = settings.model_copy(update={"services": ServiceSettings(planner_url="http://planner:8001")})
    editor = Planners(remote).editor("rules")
    assert isinstance(editor, HttpEditor) and editor.choice == "rules" and "http://planner:8001" in editor.name
