"""The LangGraph graph that drives a run, the run store, and the user-facing CLI.

Public face: `Engine` (runs briefs in-process), `RunRequest`, `RunOutcome`,
`Settings`, `RunStore`, and `build_graph` for callers that bring their own parts;
`VllmServer`, `ensure_vllm_env`, `prepare_smollm2` and `start_smollm2` serve an LLM
for the planner with vLLM.
"""

from tessera.agents._llm import (
    SMOLLM2_NAMES,
    LlmServerError,
    SmolVariant,
    VllmServer,
    ensure_vllm_env,
    prepare_smollm2,
    smollm2_folder,
    start_smollm2,
)
from tessera.agents.context import Progress, RunContext
from tessera.agents.engine import Engine, RunOutcome
from tessera.agents.graph import build_graph
from tessera.agents.request import MAX_REVISIONS, Effort, OutputFormat, RunRequest, parse_effort, parse_size
from tessera.agents.runs import RunFolder, RunStore
from tessera.agents.settings import Settings
from tessera.agents.state import Iteration, RunState
from tessera.contract import RunRecord, TraceEvent

__all__ = [
    "MAX_REVISIONS",
    "SMOLLM2_NAMES",
    "Effort",
    "Engine",
    "Iteration",
    "LlmServerError",
    "OutputFormat",
    "Progress",
    "RunContext",
    "RunFolder",
    "RunOutcome",
    "RunRecord",
    "RunRequest",
    "RunState",
    "RunStore",
    "Settings",
    "SmolVariant",
    "TraceEvent",
    "VllmServer",
    "build_graph",
    "ensure_vllm_env",
    "parse_effort",
    "parse_size",
    "prepare_smollm2",
    "smollm2_folder",
    "start_smollm2",
]
