"""What a user asks for: the brief and its options, validated with messages that say what to change."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from tessera.contract import (
    EDGE_MULTIPLE,
    MAX_ASPECT,
    MAX_BRIEF_CHARS,
    MAX_EDGE,
    MIN_EDGE,
    Canvas,
    Effort,
    LayoutPlan,
    RequestError,
)

OutputFormat = Literal["png", "jpeg", "webp"]
PlannerChoice = Literal["auto", "llm", "rules"]

# How many plan revisions each effort level may spend after the first render.
MAX_REVISIONS: dict[str, int] = {"low": 0, "medium": 2, "high": 4}
MAX_REVISION_LIMIT = 8


class RunRequest(BaseModel):
    """One image to make."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    brief: str = Field(min_length=1, max_length=MAX_BRIEF_CHARS)
    canvas: Canvas | None = Field(default=None, description="None: the size the brief names, else 1024x1024")
    effort: Effort = "medium"
    seed: int = Field(default=0, ge=0, le=2**32 - 1)
    plan: LayoutPlan | None = Field(default=None, description="a (user-edited) plan to render instead of planning")
    planner: PlannerChoice = Field(
        default="auto", description="llm, rules, or auto: the LLM when one is configured and answers, else rules"
    )
    revision_limit: int | None = Field(
        default=None,
        ge=0,
        le=MAX_REVISION_LIMIT,
        description="revisions allowed after the first render; None: the effort's",
    )

    @property
    def max_revisions(self) -> int:
        return self.revision_limit if self.revision_limit is not None else MAX_REVISIONS[self.effort]


def _nearest_multiple(value: int) -> int:
    return min(MAX_EDGE, max(MIN_EDGE, round(value / EDGE_MULTIPLE) * EDGE_MULTIPLE))


def parse_size(text: str) -> Canvas:
    """A canvas from 'WIDTHxHEIGHT', or a RequestError that names the canvas rule it breaks and a valid size nearby."""
    match = re.fullmatch(r"\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*", text)
    if not match:
        raise RequestError(f"size {text!r} is not WIDTHxHEIGHT; write it like 1024x1024")
    width, height = int(match.group(1)), int(match.group(2))
    suggestion = f"{_nearest_multiple(width)}x{_nearest_multiple(height)}"
    rule = Canvas.broken_rule(width, height)
    if rule == "edge":
        raise RequestError(
            f"size {width}x{height}: each side must be between {MIN_EDGE} and {MAX_EDGE} pixels (try {suggestion})"
        )
    if rule == "multiple":
        raise RequestError(f"size {width}x{height}: both sides must be multiples of {EDGE_MULTIPLE} (try {suggestion})")
    if rule == "aspect":
        raise RequestError(
            f"size {width}x{height}: the long side may be at most {MAX_ASPECT:g} times the short side "
            f"(try {width}x{max(height, _nearest_multiple(-(-width // 3)))} or shrink the long side)"
        )
    return Canvas(width=width, height=height)


def parse_effort(text: str) -> Effort:
    """The effort level, or a RequestError listing the valid ones."""
    if text not in get_args(Effort):
        raise RequestError(f"effort {text!r} is unknown; use one of: {', '.join(get_args(Effort))}")
    return text  # type: ignore[return-value]


def parse_planner(text: str) -> PlannerChoice:
    """The planner choice, or a RequestError listing the valid ones."""
    if text not in get_args(PlannerChoice):
        raise RequestError(f"planner {text!r} is unknown; use one of: {', '.join(get_args(PlannerChoice))}")
    return text  # type: ignore[return-value]


def check_brief(brief: str) -> str:
    """The brief, stripped; a RequestError when it is empty or too long."""
    stripped = brief.strip()
    if not stripped:
        raise RequestError("the brief is empty; describe the image, e.g. \"A poster with the headline 'HELLO'\"")
    if len(stripped) > MAX_BRIEF_CHARS:
        raise RequestError(
            f"the brief has {len(stripped):,} characters; shorten it to at most {MAX_BRIEF_CHARS:,} "
            "(keep the texts, counts and colours that matter)"
        )
    return stripped


def check_output_path(path: Path, output_format: OutputFormat | None) -> OutputFormat:
    """The format to write `path` in; a RequestError when it cannot be written."""
    suffix_format = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".webp": "webp"}.get(path.suffix.lower())
    chosen = output_format or suffix_format or "png"
    if path.is_dir():
        raise RequestError(f"output path {path} is a folder; give a file name such as {path / 'image.png'}")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise RequestError(f"cannot write {path}: folder {parent} does not exist; create it or choose another --out")
    probe = parent / f".tessera-write-test-{path.name}"
    try:
        probe.touch()
        probe.unlink()
    except OSError as err:
        raise RequestError(f"cannot write {path}: {err.strerror}; choose another --out") from err
    return chosen  # type: ignore[return-value]
