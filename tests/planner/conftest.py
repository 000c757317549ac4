"""Fixtures for the model-free planner: the example brief, its constraints and its plan."""

from __future__ import annotations

import pytest

from tessera.contract import Canvas, Constraints, PlanResult
from tessera.planner import RulePlanner, extract_constraints

LAUNCH_BRIEF = (
    "A launch poster on a deep blue background. Headline 'GRAND OPENING'. Below it 'Saturday 10 AM'. "
    "Exactly 5 red balloons across the top."
)


@pytest.fixture
def planner() -> RulePlanner:
    return RulePlanner()


@pytest.fixture
def launch_constraints() -> Constraints:
    return extract_constraints(LAUNCH_BRIEF)


@pytest.fixture
def launch_result(planner: RulePlanner, launch_constraints: Constraints) -> PlanResult:
    return planner.plan(launch_constraints, Canvas(width=1024, height=1024))
