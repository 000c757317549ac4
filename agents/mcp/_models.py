"""What the MCP tools answer as structured output: typed, so each tool publishes its output schema."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tessera.agents._cli_json import RunLineJson
from tessera.contract import (
    CheckStatus,
    Constraints,
    CoverageEntry,
    LayoutPlan,
    RunRecord,
    VerificationReport,
)

ImageFormat = Literal["png", "webp", "jpeg", "svg"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CheckLine(_Model):
    """One check that did not pass: what was asked, what was measured, and how to fix it."""

    id: str
    kind: str
    status: CheckStatus
    expected: str
    measured: str
    fix: str | None = None


class RunImage(_Model):
    """One image a tool made: its run, where the full file is, and what the verifier found."""

    run_id: str
    passed: bool = Field(description="no check failed and no layout error")
    summary: str = Field(description="the verifier's counts in words")
    width: int
    height: int
    format: ImageFormat
    uri: str = Field(description="the full file as an MCP resource (resources/read), e.g. tessera://runs/ID/image.png")
    path: str | None = Field(
        description="the full file on the server's disk; only over stdio, where client and server share the disk"
    )
    failed: list[CheckLine] = Field(description="checks that failed, and (strict) ones nothing could measure")
    not_planned: list[str] = Field(description="what the brief asked for that no part of the plan carries, with why")
    notices: list[str]
    parent_run_id: str | None = Field(default=None, description="the run this one edits (edit_image)")
    instruction: str | None = Field(default=None, description="the edit instruction (edit_image)")
    variant: int | None = Field(default=None, description="which variant of a generate_image call with n > 1")


class ImageResult(_Model):
    """What generate_image, edit_image and render_plan answer: one entry per image made."""

    passed: bool = Field(description="every image passed")
    images: list[RunImage]


class TraceStep(_Model):
    """One step of a run, as `tessera trace` shows it."""

    node: str
    attempt: int
    seconds: float
    lines: list[str] = Field(description="what the step saw, decided and measured, a line each")
    notes: list[str]


class Reasoning(_Model):
    """A model's own reasoning behind a plan or an edit."""

    node: str
    attempt: int
    text: str


class TraceResult(_Model):
    """get_trace: how a run read its brief, what it planned, what the verifier measured, and how long each step took."""

    run: RunRecord
    constraints: Constraints | None = Field(description="the reading of the brief; None before the run read it")
    coverage: list[CoverageEntry] = Field(description="each item of the brief and the plan nodes carrying it")
    plan: LayoutPlan | None = Field(description="the kept plan (edit it and call render_plan); None before one exists")
    report: VerificationReport | None = Field(description="the kept image's verification report")
    reasoning: list[Reasoning]
    timings: dict[str, float] = Field(description="seconds spent in each kind of step")
    steps: list[TraceStep]


class RunList(_Model):
    """list_runs: the newest runs first, each as `tessera runs --json` shows it less the server's paths (read an
    image through its `tessera://runs/{run_id}/image.png` resource)."""

    runs: list[RunLineJson]
