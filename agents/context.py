"""What every node gets besides state: the swappable parts and the run's folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from tessera.agents.runs import RunFolder
from tessera.contract import Grounder, Planner, Renderer, SuppliedFiles, Verifier


class Progress(BaseModel):
    """A progress event for a CLI bar or an event stream."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    node: str
    attempt: int
    message: str


def _ignore(_: Progress) -> None:
    return None


@dataclass(frozen=True)
class RunContext:
    """Dependencies of one run, handed to nodes through LangGraph's runtime context."""

    planner: Planner
    renderer: Renderer
    verifier: Verifier
    folder: RunFolder
    on_progress: Callable[[Progress], None] = field(default=_ignore)
    files: SuppliedFiles | None = None  # the user's images and brand fonts the renderer draws with
    grounder: Grounder | None = None  # web grounding; None: the run never searches (TESSERA_SEARCH=off)
