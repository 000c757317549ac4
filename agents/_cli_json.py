"""What each `tessera` command prints with `--json`: a pydantic model per command, and the JSON schemas made from them.

The CLI builds its `--json` output only through these models, so the output and the schemas published in
docs/cli-json/ (`scripts/cli_json_schemas` writes them, a test keeps them equal) cannot drift apart. The shapes are
stable: fields are only ever added; a field renamed or removed, or a meaning changed, bumps `CLI_JSON_VERSION`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, TypeAdapter, field_serializer
from pydantic.json_schema import SkipJsonSchema

from tessera.agents.engine import RunOutcome, Understanding
from tessera.agents.runs import RunFolder
from tessera.contract import (
    Box,
    Canvas,
    CheckStatus,
    Constraint,
    ConstraintCheck,
    CoverageEntry,
    DesignScore,
    DocumentKind,
    DrawnPart,
    Effort,
    LayoutPlan,
    LintFinding,
    PatchOperation,
    PlannerChoice,
    RunRecord,
    RunStatus,
    SourceSpan,
    StyleCue,
    Supplied,
    TraceEvent,
)
from tessera.contract.report import CheckKind

CLI_JSON_VERSION = 1
"""The version of every command's `--json` shape: raised only when a field is renamed or removed or changes
meaning (adding a field does not)."""


class _Output(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _absent_when_none(value: object) -> bool:
    return value is None


class CheckJson(_Output):
    """One check of the image: a brief constraint or a plan element, its status and the measurement behind it.
    `fix`, `instances`, `measured_color`, `conflicts` and `evidence_image` appear only where the verifier set them."""

    id: str = Field(
        description="the brief constraint's id; for origin 'plan', the plan element's id ('content': the plan as "
        "a whole)"
    )
    kind: CheckKind = Field(description="what was checked: text, count, color, position, picture, part, icon, ...")
    origin: Literal["brief", "plan"] = Field(
        description="brief: a constraint read from the brief; plan: an element only the plan has"
    )
    element_ids: list[str] = Field(description="the plan elements the check looked at")
    status: CheckStatus = Field(
        description="passed: measured and right; failed: measured and wrong, or not planned; not_verified: nothing "
        "could measure it (never passed; failed under --strict)"
    )
    passed: bool = Field(description="status is 'passed' (kept for older readers)")
    verified: bool = Field(description="status is not 'not_verified' (kept for older readers)")
    expected: str = Field(description="what the check wanted, in words")
    measured: str = Field(description="what was measured, in words")
    evidence: str = Field(description="how it was measured, in words a user can follow")
    fix: str | SkipJsonSchema[None] = Field(
        default=None,
        exclude_if=_absent_when_none,
        description="for a failed check: the change to the plan that would make it pass",
    )
    instances: list[Box] | SkipJsonSchema[None] = Field(
        default=None,
        exclude_if=_absent_when_none,
        description="the measured instances' boxes, in canvas pixels (counted objects, bars, the ink of a text)",
    )
    measured_color: str | SkipJsonSchema[None] = Field(
        default=None, exclude_if=_absent_when_none, description="the colour measured, as #RRGGBB"
    )
    conflicts: list[str] | SkipJsonSchema[None] = Field(
        default=None,
        exclude_if=_absent_when_none,
        description="for a contradiction: the checks that cannot all pass (a constraint id, or 'plan:<element id>')",
    )
    evidence_image: str | SkipJsonSchema[None] = Field(
        default=None,
        exclude_if=_absent_when_none,
        description="the absolute path of the check's evidence picture (what was read, counted or measured)",
    )


class LintJson(_Output):
    """A layout finding: texts overlapping, something off the canvas or clipped, too little contrast."""

    code: str = Field(description="text_overlap, off_canvas, text_clipped, low_contrast or object_overlap")
    severity: Literal["error", "warning"] = Field(description="an error blocks a pass; a warning does not")
    message: str = Field(description="what is wrong, in words")


class StatusCounts(_Output):
    """How many checks have each status."""

    passed: int = Field(description="checks measured and right")
    failed: int = Field(description="checks measured and wrong, or asked for and not planned")
    not_verified: int = Field(description="checks nothing could measure")


class VerificationJson(_Output):
    """The verifier's verdict on the kept image."""

    passed: bool = Field(
        description="the run's verdict (the exit code's): no check failed and no layout error, and with `strict` "
        "no check left not verified"
    )
    strict: bool = Field(description="the run was asked --strict: checks nothing could measure count as failed")
    counts: StatusCounts
    summary: str = Field(description="the counts in words, e.g. 'passed 7, failed 1, not verified 1 (...)'")
    checks: list[CheckJson]
    lint: list[LintJson]
    design: DesignScore | None = Field(
        description="the design score (margins, alignment, type scale, contrast, balance); it never changes "
        "`passed`; null: not scored"
    )


class IconFileJson(_Output):
    """One icon of an icon set written as its own image (`--split`)."""

    name: str = Field(description="the icon's name, as the brief gives it (home, search, ...)")
    path: str = Field(description="the absolute path of the icon's image file")


class GenerateJson(_Output):
    """A finished run: `tessera generate --json` (one image) and `tessera resume --json`."""

    run_id: str = Field(description="the run's id: `tessera trace RUN_ID`, `tessera edit RUN_ID ...`")
    image: str = Field(description="the absolute path of the image written (for resume: the run folder's PNG)")
    plan: str = Field(description="the absolute path of the kept plan.json (a version 2 layout plan)")
    run_folder: str = Field(description="the absolute path of the run's folder")
    planner: str = Field(description="who wrote the kept plan: 'rules', the LLM planner's name, or 'user' (--plan)")
    verification: VerificationJson
    drawn: list[DrawnPart] = Field(
        description="every part the image shows, in drawing order, with its box in canvas pixels"
    )
    document: DocumentKind = Field(description="the document kind the brief was read as, or the one asked for")
    coverage: list[CoverageEntry] = Field(
        description="each item of the brief and the plan nodes that carry it, or why none does"
    )
    revisions: int = Field(description="how many times the plan was revised after the first render")
    notices: list[str] = Field(description="things the user should know about the run, in words")
    timings: dict[str, float] = Field(
        description="seconds: 'total', and the sum per step of the run (understand, plan, render, verify, ...)"
    )
    parent_run_id: str | None = Field(
        default=None, description="the run this one edits (`tessera edit`); null: a run made from a brief"
    )
    instruction: str | None = Field(default=None, description="the edit instruction; null for a run from a brief")
    patch: list[PatchOperation] = Field(
        default_factory=list,
        description="the RFC 6902 JSON Patch the edit applied to the parent's plan; empty for a run from a brief",
    )
    icons: list[IconFileJson] = Field(
        default_factory=list, description="for an icon set made with --split: each icon's own image; else empty"
    )

    @field_serializer("patch")
    def _as_rfc6902(self, patch: list[PatchOperation]) -> list[dict[str, JsonValue]]:
        # Only the members each op takes, as RFC 6902 spells them (no "value": null on a remove).
        return [operation.as_rfc6902() for operation in patch]


class EditJson(GenerateJson):
    """An edit run: `tessera edit RUN_ID INSTRUCTION --json`; a generate object whose lineage is always set."""

    parent_run_id: str = Field(description="the run this one edits")
    instruction: str = Field(description="the edit instruction, as given")


class VariantsJson(_Output):
    """`tessera generate --n N --json`: N variants of one brief in one style, each a run of its own."""

    images: list[GenerateJson] = Field(description="one generate object per variant, in variant order (from 0)")
    passed: bool = Field(description="every variant passed (else the exit code is 3)")
    sheet: str | None = Field(description="the absolute path of the contact sheet (--sheet); null without it")


class UnderstandJson(_Output):
    """`tessera understand --json`: how the brief is read and what the planner would plan, before anything is drawn."""

    document: DocumentKind = Field(description="the document kind the brief was read as, or the one asked for")
    document_source: SourceSpan | None = Field(
        description="the brief's words that named the document kind; null when inferred or asked for"
    )
    canvas: Canvas = Field(description="the canvas the image would have")
    planner: str = Field(description="the planner that would plan it")
    items: list[Constraint] = Field(
        description="what the brief asks for: texts, counts, colours, positions, structures"
    )
    styles: list[StyleCue] = Field(description="the style words of the brief and the looks they name")
    supplied: Supplied = Field(description="the user's own assets, brand kit and data, by name")
    coverage: list[CoverageEntry] = Field(description="each item and the plan nodes that would carry it, or why none")
    plan: LayoutPlan = Field(description="the plan the planner would draw (a version 2 layout plan; nulls left out)")
    notices: list[str] = Field(description="things the user should know, in words")

    @field_serializer("plan")
    def _plan_without_nulls(self, plan: LayoutPlan) -> dict[str, Any]:
        return plan.model_dump(mode="json", exclude_none=True)


class RunLineJson(_Output):
    """One stored run's record (run.json) as users see it: without who drives it and whose key made it."""

    run_id: str = Field(description="the run's id (its folder's name)")
    created_at: str = Field(description="when the run was made, UTC, ISO 8601")
    status: RunStatus = Field(description="queued, running, done, failed or cancelled")
    brief: str = Field(description="the brief as given (an edit run keeps its parent's)")
    effort: Effort = Field(description="low, medium or high: how much revising the run may do")
    seed: int = Field(description="the seed of every random choice")
    canvas: str | None = Field(description="WIDTHxHEIGHT as asked; null: as the brief says")
    planner_choice: PlannerChoice = Field(description="the planner asked for: auto, llm or rules")
    planner: str | None = Field(description="who wrote the kept plan; null before the run planned")
    strict: bool = Field(description="checks nothing could measure count as failed")
    passed: bool | None = Field(description="the verdict; null while the run has none")
    summary: str | None = Field(description="the checks' counts in words; null while the run has none")
    revisions: int = Field(description="how many times the plan was revised after the first render")
    error: str | None = Field(description="why the run failed; null unless it did")
    notices: list[str] = Field(description="things the user should know about the run, in words")
    cancel_requested: bool = Field(description="a cancel was asked for; the run stops at its next step")
    parent_run_id: str | None = Field(description="the run this one edits; null: a run made from a brief")
    instruction: str | None = Field(description="the edit instruction, for an edit run")
    variant_group: str | None = Field(
        description="variants made together share it (the first variant's run id); null: not a variant"
    )
    variant: int | None = Field(description="which variant of its group, from 0; null: not a variant")


class RunJson(RunLineJson):
    """One stored run, as `tessera runs --json` lists it: its record (run.json) and where its files are."""

    run_folder: str = Field(description="the absolute path of the run's folder")
    image: str | None = Field(description="the absolute path of the kept image (PNG); null before the run kept one")


class RunsJson(_Output):
    """`tessera runs --json`: stored runs, newest first."""

    runs: list[RunJson] = Field(description="newest first; at most --limit, with --status only those")


class CancelJson(_Output):
    """`tessera cancel --json`: what the cancel did."""

    run_id: str = Field(description="the run cancelled")
    status: RunStatus = Field(
        description="the run's status now: 'cancelled' (it was queued, and never starts) or 'running' (it stops "
        "before its next step)"
    )
    cancel_requested: bool = Field(
        description="true for a running run asked to stop at its next step; false for a queued one, cancelled at once"
    )


class PruneJson(_Output):
    """`tessera prune --json`: the runs deleted."""

    deleted: list[str] = Field(description="the ids of the runs deleted")
    older_than_days: float = Field(description="the age past which an ended run was deleted, in days")


def check_json(check: ConstraintCheck, folder: Path) -> CheckJson:
    """One check as `--json` shows it; its evidence picture's path made absolute from the run folder."""
    return CheckJson(
        id=check.constraint_id,
        kind=check.kind,
        origin=check.origin,
        element_ids=check.element_ids,
        status=check.status,
        passed=check.passed,
        verified=check.verified,
        expected=check.expected,
        measured=check.measured,
        evidence=check.evidence,
        fix=check.fix or None,
        instances=check.instances or None,
        measured_color=check.measured_color,
        conflicts=check.conflicts or None,
        evidence_image=str((folder / check.evidence_image).resolve()) if check.evidence_image else None,
    )


def _lint_json(finding: LintFinding) -> LintJson:
    return LintJson(code=finding.code, severity=finding.severity, message=finding.message)


def generate_json(outcome: RunOutcome, image: Path, icons: list[IconFileJson] | None = None) -> GenerateJson:
    """A finished run as `generate --json` prints it, `image` being the file written for the user."""
    report = outcome.report
    return GenerateJson(
        run_id=outcome.run_id,
        image=str(image.resolve()),
        plan=str(outcome.plan_path),
        run_folder=str(outcome.folder),
        planner=outcome.planner,
        verification=VerificationJson(
            passed=outcome.passed,
            strict=outcome.strict,
            counts=StatusCounts.model_validate(report.counts()),
            summary=outcome.summary,
            checks=[check_json(check, outcome.folder) for check in report.checks],
            lint=[_lint_json(finding) for finding in report.lint],
            design=report.design,
        ),
        drawn=outcome.drawn,
        document=outcome.document,
        coverage=outcome.coverage,
        revisions=outcome.revisions,
        notices=outcome.notices,
        timings=outcome.timings,
        parent_run_id=outcome.parent_run_id,
        instruction=outcome.instruction,
        patch=outcome.patch,
        icons=icons or [],
    )


def edit_json(outcome: RunOutcome, image: Path) -> EditJson:
    """An edit run as `edit --json` prints it; ValueError for a run that is not an edit."""
    return EditJson.model_validate(dict(generate_json(outcome, image)))


def understand_json(reading: Understanding) -> UnderstandJson:
    """The reading of a brief as `understand --json` prints it."""
    constraints = reading.constraints
    return UnderstandJson(
        document=constraints.document,
        document_source=constraints.document_source,
        canvas=reading.canvas,
        planner=reading.planner,
        items=constraints.items,
        styles=constraints.styles,
        supplied=constraints.supplied,
        coverage=constraints.coverage,
        plan=reading.plan,
        notices=reading.notices,
    )


# What `runs --json` copies from run.json as it is; `owner` and `key_id` stay out (who drives it, whose key made it).
_RECORD_FIELDS = set(RunLineJson.model_fields) & set(RunRecord.model_fields)


def run_line_json(record: RunRecord) -> RunLineJson:
    """A stored run's record as users see it, without the server's paths (what MCP's list_runs answers)."""
    return RunLineJson(**record.model_dump(include=_RECORD_FIELDS), revisions=max(record.iterations - 1, 0))


def run_json(record: RunRecord, folder: RunFolder) -> RunJson:
    """A stored run as `runs --json` lists it."""
    kept = folder.image_path(record.best_iteration) if record.best_iteration is not None else None
    return RunJson(
        **record.model_dump(include=_RECORD_FIELDS),
        revisions=max(record.iterations - 1, 0),
        run_folder=str(folder.path.resolve()),
        image=str(kept.resolve()) if kept is not None and kept.is_file() else None,
    )


def print_json(output: BaseModel) -> None:
    """Print one command's `--json` output: one line of JSON, non-ASCII text as it is."""
    print(json.dumps(output.model_dump(mode="json"), ensure_ascii=False))


# What each command prints with --json. `trace --json` prints JSON Lines: each line is one trace event.
CLI_JSON: dict[str, tuple[Any, str]] = {
    "generate": (
        GenerateJson | VariantsJson,
        "`tessera generate --json`: one run's object, or with --n N the variants' object (`images`).",
    ),
    "edit": (EditJson, "`tessera edit RUN_ID INSTRUCTION --json`: the edit run, linked to its parent."),
    "resume": (GenerateJson, "`tessera resume RUN_ID --json`: the run as it finished."),
    "understand": (UnderstandJson, "`tessera understand --json`: the reading of the brief and the plan it would get."),
    "runs": (RunsJson, "`tessera runs --json`: stored runs, newest first."),
    "cancel": (CancelJson, "`tessera cancel RUN_ID --json`: what the cancel did."),
    "prune": (PruneJson, "`tessera prune --json`: the runs deleted."),
    "trace": (TraceEvent, "`tessera trace RUN_ID --json`: JSON Lines; each line is one step of the run."),
}


def cli_json_schema(command: str) -> dict[str, Any]:
    """The JSON schema (draft 2020-12) of what `tessera COMMAND --json` prints; KeyError for a command without one."""
    shape, description = CLI_JSON[command]
    schema = TypeAdapter(shape).json_schema(mode="serialization")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"tessera {command} --json",
        "description": description,
        "x-tessera-cli-json-version": CLI_JSON_VERSION,
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


def cli_json_schema_text(command: str) -> str:
    """The schema as the file docs/cli-json/COMMAND.schema.json holds it."""
    return json.dumps(cli_json_schema(command), indent=2, ensure_ascii=False) + "\n"


def write_cli_json_schemas(folder: Path) -> list[Path]:
    """Write COMMAND.schema.json for every command into `folder`; answer the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for command in CLI_JSON:
        path = folder / f"{command}.schema.json"
        path.write_text(cli_json_schema_text(command), encoding="utf-8")
        written.append(path)
    return written
