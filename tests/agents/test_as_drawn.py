"""A run verifies the plan as drawn: a group planned "generated" but drawn with sprites (no generator) is counted
from its pixels, and a picture drawn as a placeholder is reported as not verified, with the render's notice.

The engine runs in-process with the rules planner, the real renderer (no generator configured) and the real
verifier; one renderer here paints an instance over after drawing, the way a wrong image would look.
"""

from __future__ import annotations

import pytest
from PIL import ImageDraw

from tessera.agents import Engine, RunRequest, Settings
from tessera.agents._as_drawn import plan_as_drawn, verify_as_drawn
from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    ObjectGroup,
    ProgressCallback,
    RenderManifest,
    RenderResult,
    RequiredCount,
    SolidBackground,
    SourceSpan,
    SuppliedFiles,
)
from tessera.renderer import PlanRenderer
from tessera.verifier import RenderVerifier

APPLES = "A photo of four red apples on a white background."
PICTURE = "A poster with a photo of a mountain lake and the title 'Alpine'."


class OneHidden:
    """The real renderer, then the last instance of every object group painted over with the ground beside it."""

    def __init__(self) -> None:
        self.inner = PlanRenderer()

    def render(
        self,
        plan: LayoutPlan,
        *,
        seed: int = 0,
        on_progress: ProgressCallback | None = None,
        svg: bool = False,
        files: SuppliedFiles | None = None,
    ) -> RenderResult:
        result = self.inner.render(plan, seed=seed, on_progress=on_progress, files=files)
        image = result.image.convert("RGB")
        for item in result.manifest.items:
            if item.instance_boxes:
                last = item.instance_boxes[-1]
                ground = image.getpixel((max(0, last.x - 4), max(0, last.y - 4)))
                ImageDraw.Draw(image).rectangle((last.x - 2, last.y - 2, last.right + 1, last.bottom + 1), fill=ground)
        return RenderResult(image=image, manifest=result.manifest, timings=result.timings)


def _count_check(engine: Engine, brief: str) -> ConstraintCheck:
    outcome = engine.generate(RunRequest(brief=brief, effort="low"))
    assert [g.look for g in outcome.plan.object_groups()] == ["generated"]  # planned as a photo of apples
    return next(c for c in outcome.report.checks if c.kind == "count")


@pytest.mark.slow
def test_a_generated_group_drawn_with_sprites_is_counted_from_its_pixels(settings: Settings) -> None:
    check = _count_check(Engine(settings), APPLES)
    assert check.status == "passed", check.evidence
    assert check.measured == "4 apple counted"
    assert check.evidence.startswith("counted from pixels")
    assert len(check.instances) == 4


@pytest.mark.slow
def test_a_generated_group_drawn_with_sprites_fails_when_one_is_painted_over(settings: Settings) -> None:
    check = _count_check(Engine(settings, renderer=OneHidden()), APPLES)
    assert check.status == "failed", check.evidence
    assert check.measured == "3 apple counted"
    assert len(check.instances) == 3


@pytest.mark.slow
def test_a_placeholder_picture_is_not_verified_and_says_no_generator_is_configured(settings: Settings) -> None:
    outcome = Engine(settings).generate(RunRequest(brief=PICTURE, effort="low"))
    check = next(c for c in outcome.report.checks if c.kind == "picture")
    assert check.status == "not_verified"
    assert check.measured == "not measured: drawn as a placeholder: no generator filled it"
    assert "was drawn as a placeholder: no generator is configured" in check.evidence
    assert outcome.passed  # not verified blocks nothing


GROUP = ObjectGroup(
    id="apples", box=Box(x=32, y=160, w=448, h=192), object_class="apple", count=4, look="generated",
    prompt="a red apple",
)  # fmt: skip


def _plan() -> LayoutPlan:
    return LayoutPlan(canvas=Canvas(width=512, height=512), background=SolidBackground(color="#FFFFFF")).with_elements(
        [GROUP]
    )


def _as_if_generated(manifest: RenderManifest) -> RenderManifest:
    """The manifest as a render whose generator filled every item would write it."""
    return manifest.model_copy(
        update={"items": [i.model_copy(update={"generator": "janus:test"}) for i in manifest.items]}
    )


def test_only_groups_no_generator_filled_are_verified_as_sprites() -> None:
    result = PlanRenderer().render(_plan())
    laid_out = result.manifest.plan
    assert laid_out is not None
    filled = _as_if_generated(result.manifest)
    assert [g.look for g in plan_as_drawn(laid_out, result.manifest).object_groups()] == ["sprite"]
    assert plan_as_drawn(laid_out, filled) is laid_out


def test_a_group_a_generator_filled_stays_not_verified_without_a_detector() -> None:
    result = PlanRenderer().render(_plan())
    assert result.manifest.plan is not None
    filled = _as_if_generated(result.manifest)
    count = RequiredCount(id="c", object_class="apple", count=4, source=SourceSpan(start=0, end=6, quote="apples"))
    constraints = Constraints(brief="four apples", items=[count])
    verifier = RenderVerifier()
    drawn = verify_as_drawn(verifier, result.image, result.manifest.plan, constraints, filled).checks[0]
    as_sprites = verify_as_drawn(verifier, result.image, result.manifest.plan, constraints, result.manifest).checks[0]
    assert drawn.status == "not_verified"
    assert as_sprites.status == "passed", as_sprites.evidence
