"""The LangGraph graph that drives a run, the run store, and the user-facing CLI.

Public face: `Engine` (runs briefs in-process), `RunRequest`, `RunOutcome`,
`Settings`, `RunStore`, and `build_graph` for callers that bring their own parts.
"""

from agents.context import Progress, RunContext
from agents.engine import Engine, RunOutcome
from agents.graph import build_graph
from agents.request import MAX_REVISIONS, Effort, OutputFormat, RunRequest, parse_effort, parse_size
from agents.runs import RunFolder, RunRecord, RunStore, TraceEvent
from agents.settings import Settings
from agents.state import Iteration, RunState

__all__ = [
    "MAX_REVISIONS",
    "Effort",
    "Engine",
    "Iteration",
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
    "TraceEvent",
    "build_graph",
    "parse_effort",
    "parse_size",
]
