"""The engines `tessera eval` measures: an Engine per eval worker, taking the eval's requests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from tessera.agents.engine import Engine, RunOutcome
from tessera.agents.request import RunRequest, parse_size
from tessera.agents.settings import Settings
from tessera.contract import RequestError
from tessera.evals import BriefEngine, BriefRequest


@dataclass(frozen=True)
class EvalEngines:
    """Builds each eval worker's Engine from `settings`, its runs and checkpoints in the home the eval gives it.

    A plain dataclass, so that it pickles into the eval's spawned worker processes.
    """

    settings: Settings

    def __call__(self, home: Path) -> BriefEngine:
        return _BriefEngine(Engine(self.settings.model_copy(update={"home": home})))


@dataclass(frozen=True)
class _BriefEngine:
    engine: Engine

    def generate(self, request: BriefRequest) -> RunOutcome:
        """The Engine's run of one suite brief; a RequestError when the brief or its size cannot be requested."""
        try:
            run = RunRequest(
                brief=request.brief,
                canvas=parse_size(request.size) if request.size else None,
                effort=request.effort,
                seed=request.seed,
            )
        except ValidationError as err:
            raise RequestError(f"the suite's brief cannot be requested: {err}") from err
        return self.engine.generate(run)
