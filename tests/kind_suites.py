"""What the brief suites per document kind share: the problems a run must not have, and the template the rules
planner draws a brief with."""

from __future__ import annotations

from tessera.agents import RunOutcome
from tessera.contract import Canvas, DocumentKind
from tessera.planner import RulePlanner, apply_kind, extract_constraints


def problems(outcome: RunOutcome) -> list[str]:
    """Everything that keeps a run from being clean: failed checks, lint errors, clauses left unplanned."""
    failing = [f"{c.constraint_id}: {c.measured}" for c in outcome.report.checks if c.failed]
    errors = [f"{f.code}: {f.message}" for f in outcome.report.lint if f.severity == "error"]
    unplanned = [f"not planned: {e.clause}" for e in outcome.coverage if e.status == "not_planned"]
    return failing + errors + unplanned


def template_for(brief: str, kind: DocumentKind | None, canvas: tuple[int, int] | None) -> str:
    """The name of the template the rules planner makes the brief's plan from (seed 0, as the run's first plan)."""
    constraints = extract_constraints(brief)
    if kind is not None:
        constraints = apply_kind(constraints, kind)
    size = Canvas(width=canvas[0], height=canvas[1]) if canvas else constraints.canvas or Canvas()
    notes = RulePlanner().plan(constraints, size, seed=0).notes
    return next((note.split("'")[1] for note in notes if note.startswith("Template '")), "")
