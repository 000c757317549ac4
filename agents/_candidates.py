"""Effort high's first plan: the planner's plans at successive seeds, each rendered, verified and scored, the best
kept; and the plans not kept, which a revision that would repeat an earlier plan takes instead."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from tessera.agents._as_drawn import verify_as_drawn
from tessera.agents.background import with_background
from tessera.agents.request import BackgroundChoice
from tessera.agents.settings import MAX_CANDIDATES
from tessera.agents.state import Candidate
from tessera.contract import (
    CandidateOutcome,
    CandidatesEvent,
    CandidatesInputs,
    CandidatesOutputs,
    Canvas,
    Constraints,
    LayoutPlan,
    Planner,
    PlanResult,
    Renderer,
    SuppliedFiles,
    VerificationReport,
    Verifier,
    has_alpha,
)
from tessera.planner import with_coverage

_TEMPLATE = re.compile(r"^Template '([^']+)'")


def plan_hash(plan: LayoutPlan) -> str:
    """A short hash of what the plan draws (its JSON without the rationale and the facts' sources): equal hashes,
    identical drawings."""
    drawn = plan.model_dump_json(exclude={"rationale", "sources"})
    return hashlib.sha256(drawn.encode("utf-8")).hexdigest()[:16]


def template_of(notes: list[str]) -> str | None:
    """The design template a planner's notes say it used ("Template 'x' for the slide ...")."""
    return next((m.group(1) for m in map(_TEMPLATE.match, notes) if m), None)


@dataclass(frozen=True)
class Planned:
    """A candidate and everything its planner reported (model calls included), for the trace of the one kept."""

    candidate: Candidate
    result: PlanResult


def candidate_at(
    planner: Planner,
    constraints: Constraints,
    canvas: Canvas,
    seed: int,
    background: BackgroundChoice,
    style_seed: int | None = None,
) -> Planned:
    """The planner's plan at `seed` (in the look of `style_seed`, None: the seed's own), with the run's background
    choice applied (as the run records it)."""
    result = planner.plan(constraints, canvas, seed=seed, style_seed=style_seed)
    plan = with_background(result.plan, background)
    candidate = Candidate(
        seed=seed,
        plan=plan,
        planner=result.planner,
        notes=list(result.notes),
        template=template_of(result.notes),
        plan_hash=plan_hash(plan),
    )
    return Planned(candidate, result.model_copy(update={"plan": plan}))


def distinct_candidates(
    planner: Planner,
    constraints: Constraints,
    canvas: Canvas,
    *,
    seed: int,
    count: int,
    background: BackgroundChoice,
    seen: set[str] | frozenset[str] = frozenset(),
    style_seed: int | None = None,
) -> tuple[list[Planned], list[int]]:
    """Up to `count` plans unlike each other and unlike `seen` (plan hashes), planned at `seed`, `seed + 1`...
    (all in the look of `style_seed` when given: a variant's candidates keep its group's style); at most twice
    `count` seeds are tried. Also every seed tried."""
    found: list[Planned] = []
    hashes = set(seen)
    tried: list[int] = []
    for offset in range(2 * count):
        if len(found) == count:
            break
        tried.append(seed + offset)
        planned = candidate_at(planner, constraints, canvas, seed + offset, background, style_seed)
        if planned.candidate.plan_hash not in hashes:
            hashes.add(planned.candidate.plan_hash)
            found.append(planned)
    return found, tried


@dataclass(frozen=True)
class Tried:
    """A candidate as rendered and verified."""

    candidate: Candidate
    report: VerificationReport
    image_hash: str

    @property
    def failed(self) -> int:
        return len(self.report.failures()) + len(self.report.errors())

    @property
    def design(self) -> float:
        return self.report.design.total if self.report.design is not None else 0.0

    def rank(self) -> tuple[bool, int, float]:
        """Sorts best first: a pass, then fewer failed checks, then the better design."""
        return (not self.report.passed, self.failed, -self.design)

    def outcome(self, *, chosen: bool) -> CandidateOutcome:
        return CandidateOutcome(
            seed=self.candidate.seed,
            template=self.candidate.template,
            plan_hash=self.candidate.plan_hash,
            image_hash=self.image_hash,
            passed=self.report.passed,
            failed=self.failed,
            summary=self.report.summary(),
            design=self.report.design,
            chosen=chosen,
        )


def try_candidate(
    candidate: Candidate,
    constraints: Constraints,
    renderer: Renderer,
    verifier: Verifier,
    *,
    render_seed: int,
    files: SuppliedFiles | None,
) -> Tried:
    """Render the candidate (at the run's own seed, with the user's files, as the run would) and verify it against
    the brief."""
    result = renderer.render(candidate.plan, seed=render_seed, files=files)
    image = result.image.convert("RGBA" if has_alpha(result.image) else "RGB")
    laid_out = result.manifest.plan or candidate.plan
    report = verify_as_drawn(verifier, image, laid_out, with_coverage(constraints, candidate.plan), result.manifest)
    return Tried(candidate, report, hashlib.sha256(image.tobytes()).hexdigest()[:16])


def why_chosen(ranked: list[Tried]) -> str:
    """Why the first of `ranked` won, in a sentence."""
    best = ranked[0]
    template = f" (template '{best.candidate.template}')" if best.candidate.template else ""
    verdict = "passed" if best.report.passed else f"{best.failed} failed"
    head = f"seed {best.candidate.seed}{template}: {verdict}, design {best.design:.2f}"
    if len(ranked) == 1:
        return f"{head}; the only distinct plan"
    runner = ranked[1]
    if best.report.passed != runner.report.passed:
        decided = "it passes and the next best does not"
    elif best.failed != runner.failed:
        decided = f"fewer failed checks ({best.failed} against {runner.failed})"
    elif best.design != runner.design:
        places = 2 if f"{best.design:.2f}" != f"{runner.design:.2f}" else 4
        decided = (
            f"the same checks, a better design score ({best.design:.{places}f} against {runner.design:.{places}f})"
        )
    else:
        decided = "a tie on checks and design, so the earlier seed"
    return f"{head}; best of {len(ranked)} because {decided}"


@dataclass(frozen=True)
class Choice:
    """The first plan chosen among candidates, the ones not kept (best first), and the trace event saying why (None
    when the planner gave one plan only: there was nothing to choose, so nothing was drawn to choose it)."""

    result: PlanResult
    spare: list[Candidate]
    next_seed: int
    event: CandidatesEvent | None


def choose_first_plan(
    planner: Planner,
    renderer: Renderer,
    verifier: Verifier,
    constraints: Constraints,
    canvas: Canvas,
    *,
    seed: int,
    count: int,
    background: BackgroundChoice,
    files: SuppliedFiles | None,
    style_seed: int | None = None,
    on_candidate: Callable[[str], None],
    seconds: Callable[[], float],
) -> Choice:
    """Plan `count` distinct candidates from `seed` on, render, verify and score each, and keep the best.

    `on_candidate` hears a line per candidate as it starts; `seconds` says how long the choice has taken.
    """
    planned, seeds = distinct_candidates(
        planner,
        constraints,
        canvas,
        seed=seed,
        count=min(count, MAX_CANDIDATES),
        background=background,
        style_seed=style_seed,
    )
    if len(planned) == 1:
        only = planned[0].result
        note = f"Effort high: the planner gave the same plan at seeds {seeds[0]}-{seeds[-1]}, so there was no choice."
        return Choice(only.model_copy(update={"notes": [note, *only.notes]}), [], seeds[-1] + 1, None)
    tried = []
    for number, each in enumerate(planned, 1):
        on_candidate(f"candidate {number}/{len(planned)} (seed {each.candidate.seed})")
        tried.append(try_candidate(each.candidate, constraints, renderer, verifier, render_seed=seed, files=files))
    ranked = sorted(tried, key=Tried.rank)  # a stable sort: ties keep the earlier seed first
    best = ranked[0].candidate
    result = next(p.result for p in planned if p.candidate is best)
    reason = why_chosen(ranked)
    event = CandidatesEvent(
        seconds=seconds(),
        inputs=CandidatesInputs(planner=planner.name, seeds=seeds),
        outputs=CandidatesOutputs(
            candidates=[t.outcome(chosen=t is ranked[0]) for t in ranked], chosen_seed=best.seed, reason=reason
        ),
        notes=[f"kept {reason}"],
    )
    notes = [f"Chosen among {len(ranked)} candidate plans: {reason}.", *result.notes]
    return Choice(
        result=result.model_copy(update={"notes": notes}),
        spare=[t.candidate for t in ranked[1:]],
        next_seed=seeds[-1] + 1,
        event=event,
    )
