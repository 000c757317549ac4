"""Effort high buys candidates: the first plan is the best of several (the planner's at successive seeds, each
rendered, verified and scored), the trace says which were tried and why one won, and a revision that would draw
an earlier plan again takes another candidate. Low and medium plan once, as before.

The fast tests use a planner whose plans differ by seed and a verifier that judges a plan by where its headline
sits, so which candidate should win is known; the slow ones run the real rules planner, renderer and verifier.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pydantic import ValidationError

from tessera.agents import Effort, Engine, RunOutcome, RunRequest, Settings
from tessera.agents.settings import EffortSettings
from tessera.contract import (
    Box,
    CandidatesEvent,
    Canvas,
    ConstraintCheck,
    Constraints,
    DesignPart,
    DesignScore,
    LayoutPlan,
    PlanEvent,
    PlanResult,
    SolidBackground,
    TextElement,
    TraceEvent,
    VerificationReport,
    root_frame,
)
from tessera.contract.fakes import FakeRenderer

BRIEF = "A poster with the headline 'HELLO'."
CANVAS = Canvas(width=640, height=400)


def _plan_at(x: int) -> LayoutPlan:
    text = TextElement(id="headline", box=Box(x=x, y=64, w=320, h=96), text="HELLO")
    return LayoutPlan(canvas=CANVAS, background=SolidBackground(color="#ffffff"), root=root_frame([text]))


def _headline_x(plan: LayoutPlan) -> int:
    return plan.element("headline").placed_box.x


class SeededPlanner:
    """Two seeds in a row give the same plan (so duplicates are skipped): seed s puts the headline at
    64 + 8 * (s // 2), up to `distinct` different places. A revision changes only the rationale, so it would draw
    the plan again."""

    name = "seeded"

    def __init__(self, distinct: int = 100) -> None:
        self.distinct = distinct
        self.seeds: list[int] = []
        self.revisions: list[int] = []

    def plan(
        self, constraints: Constraints, canvas: Canvas, *, seed: int = 0, style_seed: int | None = None
    ) -> PlanResult:
        self.seeds.append(seed)
        x = 64 + 8 * min(seed // 2, self.distinct - 1)
        return PlanResult(plan=_plan_at(x), planner=self.name, notes=[f"Template 'at-{x}' for the poster."])

    def revise(
        self, plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int
    ) -> PlanResult:
        self.revisions.append(attempt)
        return PlanResult(plan=plan.model_copy(update={"rationale": f"revision {attempt}"}), planner=self.name)


class MovingPlanner(SeededPlanner):
    """Like `SeededPlanner`, but each revision moves the headline: every revision draws something new."""

    def revise(
        self, plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int
    ) -> PlanResult:
        self.revisions.append(attempt)
        return PlanResult(plan=_plan_at(_headline_x(plan) + 100 + attempt), planner=self.name)


class HeadlineJudge:
    """Judges a plan by its headline's x: passes where `passing` says, scores design from `design` (else 0.5).
    Records the x of every plan it saw."""

    def __init__(self, *, design: dict[int, float] | None = None, passing: frozenset[int] = frozenset()) -> None:
        self.design = design or {}
        self.passing = passing
        self.seen: list[int] = []

    def verify(self, image: Image.Image, plan: LayoutPlan, constraints: Constraints) -> VerificationReport:
        x = _headline_x(plan)
        self.seen.append(x)
        check = ConstraintCheck(
            constraint_id="headline", kind="text", passed=x in self.passing, expected="HELLO", measured=f"x={x}"
        )
        part = DesignPart(aspect="balance", score=self.design.get(x, 0.5), weight=1.0, reason=f"headline at {x}")
        return VerificationReport(checks=[check], design=DesignScore.of([part]))


def _run(
    settings: Settings,
    planner: SeededPlanner,
    judge: HeadlineJudge,
    effort: Effort = "high",
    *,
    seed: int = 0,
    plan: LayoutPlan | None = None,
) -> tuple[list[TraceEvent], RunOutcome]:
    engine = Engine(settings, planner=planner, renderer=FakeRenderer(), verifier=judge)
    outcome = engine.generate(RunRequest(brief=BRIEF, effort=effort, canvas=CANVAS, seed=seed, plan=plan))
    return engine.store.open(outcome.run_id).read_trace(), outcome


def _candidates(events: list[TraceEvent]) -> CandidatesEvent:
    return next(e for e in events if isinstance(e, CandidatesEvent))


def test_at_high_three_distinct_candidates_are_tried_and_duplicates_skipped(settings: Settings) -> None:
    planner, judge = SeededPlanner(), HeadlineJudge(passing=frozenset({64, 72, 80}))
    events, _ = _run(settings, planner, judge)
    event = _candidates(events)
    assert event.inputs.seeds == [0, 1, 2, 3, 4]  # seeds 1 and 3 repeat seeds 0 and 2
    assert sorted(c.seed for c in event.outputs.candidates) == [0, 2, 4]
    assert len({c.plan_hash for c in event.outputs.candidates}) == 3
    assert judge.seen[:3] == [64, 72, 80]


def test_the_trace_lists_each_candidate_with_its_template_checks_and_design_score(settings: Settings) -> None:
    judge = HeadlineJudge(design={64: 0.4, 72: 0.9, 80: 0.6}, passing=frozenset({64, 72, 80}))
    events, _ = _run(settings, SeededPlanner(), judge)
    outputs = _candidates(events).outputs
    assert [(c.seed, c.template, c.passed, c.design and c.design.total) for c in outputs.candidates] == [
        (2, "at-72", True, 0.9),
        (4, "at-80", True, 0.6),
        (0, "at-64", True, 0.4),
    ]
    assert [c.chosen for c in outputs.candidates] == [True, False, False]
    assert outputs.chosen_seed == 2
    assert "better design score (0.90 against 0.60)" in outputs.reason


def test_the_run_carries_on_from_the_best_candidate(settings: Settings) -> None:
    judge = HeadlineJudge(design={64: 0.4, 72: 0.9, 80: 0.6}, passing=frozenset({64, 72, 80}))
    events, outcome = _run(settings, SeededPlanner(), judge)
    first_plan = next(e for e in events if isinstance(e, PlanEvent))
    assert _headline_x(first_plan.outputs.plan) == 72
    assert "Chosen among 3 candidate plans: seed 2 (template 'at-72')" in first_plan.notes[0]
    assert _headline_x(outcome.plan) == 72


def test_passing_checks_outrank_a_better_design(settings: Settings) -> None:
    judge = HeadlineJudge(design={64: 0.2, 72: 0.9, 80: 0.95}, passing=frozenset({64}))
    events, _ = _run(settings, SeededPlanner(), judge)
    outputs = _candidates(events).outputs
    assert outputs.chosen_seed == 0
    assert "it passes and the next best does not" in outputs.reason


def test_revisions_never_draw_a_plan_twice_and_take_the_spare_candidates_first(settings: Settings) -> None:
    judge = HeadlineJudge(design={64: 0.4, 72: 0.9, 80: 0.6})  # nothing passes: every revision is spent
    events, outcome = _run(settings, SeededPlanner(), judge)
    drawn = [_headline_x(e.outputs.plan) for e in events if isinstance(e, PlanEvent)]
    # the best candidate, the two spares best first, then plans at seeds not yet tried (6 and 8)
    assert drawn == [72, 80, 64, 88, 96]
    assert outcome.revisions == 4
    revise = [e for e in events if isinstance(e, PlanEvent) and e.node == "revise"]
    assert "would draw attempt 0's plan again; trying the candidate of seed 4 (template 'at-80')" in revise[0].notes[0]


def test_with_no_new_plan_left_the_run_stops_instead_of_drawing_one_again(settings: Settings) -> None:
    planner, judge = SeededPlanner(distinct=2), HeadlineJudge()
    events, outcome = _run(settings, planner, judge)
    drawn = [_headline_x(e.outputs.plan) for e in events if isinstance(e, PlanEvent)]
    assert drawn == [64, 72]
    assert outcome.revisions == 1
    assert any("no other candidate plan is left" in n for n in outcome.notices)
    assert [e.node for e in events][-1] == "finish"


def test_high_still_spends_its_four_revisions_when_each_draws_something_new(settings: Settings) -> None:
    planner = MovingPlanner()
    _, outcome = _run(settings, planner, HeadlineJudge())
    assert planner.revisions == [1, 2, 3, 4] and outcome.revisions == 4


@pytest.mark.parametrize("effort", ["low", "medium"])
def test_low_and_medium_plan_once_at_the_runs_seed(settings: Settings, effort: Effort) -> None:
    planner, judge = SeededPlanner(), HeadlineJudge()
    events, outcome = _run(settings, planner, judge, effort=effort, seed=7)
    assert planner.seeds == [7]
    assert not any(isinstance(e, CandidatesEvent) for e in events)
    # medium's revisions draw the same plan again, as they always did
    assert outcome.revisions == (2 if effort == "medium" else 0)


def test_a_users_own_plan_is_rendered_as_it_is_at_high(settings: Settings) -> None:
    planner, judge = SeededPlanner(), HeadlineJudge(passing=frozenset({200}))
    events, _ = _run(settings, planner, judge, plan=_plan_at(200))
    assert planner.seeds == [] and not any(isinstance(e, CandidatesEvent) for e in events)


def test_the_number_of_candidates_is_a_setting_bounded_at_five(settings: Settings) -> None:
    planner, judge = SeededPlanner(), HeadlineJudge()
    five = settings.model_copy(update={"effort": EffortSettings(candidates=5)})
    events, _ = _run(five, planner, judge)
    assert len(_candidates(events).outputs.candidates) == 5
    with pytest.raises(ValidationError):
        EffortSettings(candidates=6)


def test_the_candidates_setting_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERA_EFFORT_CANDIDATES", "4")
    assert Settings().effort.candidates == 4


# The real parts: the rules planner's templates and palettes vary by seed.

SLIDE = (
    "A slide titled 'Quarterly growth' with bullets: 'Revenue up 12%', 'New markets: 3', 'Churn down' "
    "and a bar chart of sales Q1 10, Q2 14, Q3 18"
)
CARD = "A business card for 'Dana Reyes', 'Product Designer', 'dana@example.com'"
SIZES = {SLIDE: Canvas(width=640, height=360), CARD: Canvas(width=700, height=400)}


def _image_hash(path: Path) -> str:
    """The pixels' hash as the candidates event writes it."""
    with Image.open(path) as image:
        return hashlib.sha256(image.convert("RGB").tobytes()).hexdigest()[:16]


RealRun = Callable[[str, Effort], tuple[RunOutcome, list[TraceEvent]]]


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> RealRun:
    """A brief run by the real engine (rules planner) at an effort level, once per module."""
    engine = Engine(Settings(home=tmp_path_factory.mktemp("effort-home")))
    done: dict[tuple[str, Effort], tuple[RunOutcome, list[TraceEvent]]] = {}

    def run(brief: str, effort: Effort) -> tuple[RunOutcome, list[TraceEvent]]:
        if (brief, effort) not in done:
            request = RunRequest(brief=brief, effort=effort, canvas=SIZES[brief], planner="rules")
            outcome = engine.generate(request)
            done[brief, effort] = (outcome, engine.store.open(outcome.run_id).read_trace())
        return done[brief, effort]

    return run


@pytest.mark.slow
@pytest.mark.parametrize("brief", [SLIDE, CARD], ids=["slide", "business card"])
def test_at_high_the_real_planner_gives_visibly_different_candidates_and_keeps_the_best(
    real_run: RealRun, brief: str
) -> None:
    outcome, events = real_run(brief, "high")
    candidates = _candidates(events).outputs.candidates
    assert len(candidates) == 3
    assert len({c.plan_hash for c in candidates}) == 3 and len({c.image_hash for c in candidates}) == 3
    assert all(c.design is not None and len(c.design.parts) == 8 for c in candidates)
    ranks = [(not c.passed, c.failed, -(c.design.total if c.design else 0.0)) for c in candidates]
    assert ranks == sorted(ranks) and candidates[0].chosen
    # the run's first image is the chosen candidate's, drawn again
    assert _image_hash(outcome.folder / "iter-0" / "image.png") == candidates[0].image_hash


@pytest.mark.slow
@pytest.mark.parametrize("brief", [SLIDE, CARD], ids=["slide", "business card"])
def test_low_draws_seed_0s_candidate_so_high_differs_when_another_wins(real_run: RealRun, brief: str) -> None:
    low, low_events = real_run(brief, "low")
    high, high_events = real_run(brief, "high")
    assert not any(isinstance(e, CandidatesEvent) for e in low_events)
    chosen = _candidates(high_events).outputs
    seed_0 = next(c for c in chosen.candidates if c.seed == 0)
    assert _image_hash(low.image) == seed_0.image_hash
    if chosen.chosen_seed != 0:
        assert _image_hash(high.folder / "iter-0" / "image.png") != _image_hash(low.image)
    assert low.report.design is not None and high.report.design is not None


@pytest.mark.slow
def test_on_the_business_card_a_better_balanced_template_than_seed_0s_wins(real_run: RealRun) -> None:
    chosen = _candidates(real_run(CARD, "high")[1]).outputs
    seed_0 = next(c for c in chosen.candidates if c.seed == 0)
    kept = chosen.candidates[0]
    assert chosen.chosen_seed != 0 and kept.template != seed_0.template
    assert kept.design is not None and seed_0.design is not None
    assert kept.design.part("balance").score > seed_0.design.part("balance").score


@pytest.mark.slow
def test_the_cli_shows_the_design_score_and_the_candidates(tmp_path: Path) -> None:
    env = {**os.environ, "TESSERA_HOME": str(tmp_path / "home")}

    def tessera(*args: str) -> str:
        done = subprocess.run([sys.executable, "-m", "tessera", *args], capture_output=True, text=True, env=env)
        assert done.returncode in (0, 3), done.stderr  # 3: the run ended without passing every check
        return done.stdout

    made = json.loads(
        tessera("generate", SLIDE, "--effort", "high", "--size", "640x360", "--out", str(tmp_path / "a.png"), "--json")
    )
    design = made["verification"]["design"]
    assert [p["aspect"] for p in design["parts"]] == [
        "margins", "alignment", "type_scale", "readable_sizes", "contrast", "balance", "emphasis", "overlap"
    ]  # fmt: skip
    assert 0.0 <= design["total"] <= 1.0
    shown = tessera("trace", made["run_id"])
    assert "candidates attempt 0" in shown and "kept seed" in shown and "why: seed" in shown
    events = [json.loads(line) for line in tessera("trace", made["run_id"], "--json").splitlines()]
    candidates = next(e for e in events if e["node"] == "candidates")
    assert len(candidates["outputs"]["candidates"]) == 3
