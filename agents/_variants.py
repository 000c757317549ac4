"""Variants of one brief that differ: the layout seeds they are planned at, and a notice on any image that repeats
another.

Variant i would naively be planned at seed + i, but two seeds may give one layout (a brief that fits two templates
repeats every other seed). So the seeds are chosen by planning with the rules planner, which is what sets the
layout (a model's plans also fall back to and merge with it), in the variants' shared style, and keeping each seed
whose plan is new. A brief that allows fewer layouts than variants asked for repeats them, and says so.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from tessera.agents._candidates import plan_hash
from tessera.agents.graph import read_brief
from tessera.agents.request import MAX_SEED, RunRequest, check_variants
from tessera.contract import Canvas, Planner, RequestError

if TYPE_CHECKING:
    from tessera.agents.engine import RunOutcome

_SEEDS_PER_VARIANT = 3  # seeds tried for each variant asked for, at most, before layouts are repeated


@dataclass(frozen=True)
class LayoutSeeds:
    """The seed each variant is planned at, and the notices of the variants that repeat an earlier one's layout."""

    seeds: list[int]
    notices: dict[int, list[str]] = field(default_factory=dict)


def layout_seeds(request: RunRequest, n: int, rules: Planner) -> LayoutSeeds:
    """Seeds from `request.seed` on whose plans (by `rules`, in the style of the request's style seed) differ,
    one per variant; when the brief has fewer layouts, the later variants take the next seeds not taken (their
    layouts repeat, their sprites and generated pictures may still differ)."""
    check_variants(n)
    first = [request.seed + index for index in range(n)]
    if request.plan is not None:
        notice = (
            "every variant draws the plan sent with the request, so they differ only where a generated picture does"
        )
        return LayoutSeeds(first, {index: [notice] for index in range(1, n)})
    constraints, _ = read_brief(request.brief, request.kind, request.background, request.material.supplied)
    canvas = request.canvas or constraints.canvas or Canvas()
    style_seed = request.seed if request.style_seed is None else request.style_seed
    layouts: dict[str, int] = {}  # plan hash -> the variant that has it
    seeds: list[int] = []
    repeats: list[tuple[int, str]] = []  # seeds whose layout a variant has already, with that layout
    last = min(MAX_SEED, request.seed + _SEEDS_PER_VARIANT * n - 1)
    for seed in range(request.seed, last + 1):
        layout = plan_hash(rules.plan(constraints, canvas, seed=seed, style_seed=style_seed).plan)
        if layout in layouts:
            repeats.append((seed, layout))
        else:
            layouts[layout] = len(seeds)
            seeds.append(seed)
        if len(seeds) == n:
            return LayoutSeeds(seeds)
    notices: dict[int, list[str]] = {}
    for seed, layout in repeats[: n - len(seeds)]:
        notices[len(seeds)] = [
            f"variant {len(seeds)} repeats the layout of variant {layouts[layout]}: this brief allows "
            f"{len(layouts)} distinct layout(s) in one style"
        ]
        seeds.append(seed)
    if len(seeds) < n:  # only at the very top of the seeds' range
        raise RequestError(f"seed {request.seed} leaves no room for {n} variants; use a seed below {MAX_SEED - 3 * n}")
    return LayoutSeeds(seeds, notices)


def repeated_images(outcomes: list[RunOutcome]) -> list[RunOutcome]:
    """The variants' outcomes, each that shows the very same pixels as an earlier one with a notice saying so."""
    seen: dict[str, RunOutcome] = {}
    kept = []
    for outcome in outcomes:
        digest = _pixels_digest(outcome.image)
        earlier = seen.setdefault(digest, outcome)
        if earlier is not outcome:
            notice = f"the same image as variant {earlier.variant} (run {earlier.run_id})"
            outcome = outcome.model_copy(update={"notices": [*outcome.notices, notice]})
        kept.append(outcome)
    return kept


def _pixels_digest(path: Path) -> str:
    """A digest of the image's pixels: its file also holds metadata (the run id) that differs between runs."""
    with Image.open(path) as image:
        return hashlib.sha256(f"{image.mode}{image.size}".encode() + image.tobytes()).hexdigest()
