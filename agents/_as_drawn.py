"""The plan as the renderer drew it, which is what a run's verifier judges.

The verifier reads pixels with the plan as its map and never sees the renderer's manifest. Where the renderer drew
something other than the plan asked, the map must say so: an object group planned "generated" that no generator
filled was drawn with sprites, so it is counted from pixels like any sprites (and fails when a sprite is missing),
instead of waiting for a detector that would count generated pictures; a picture no generator filled is a
captioned placeholder, and its check says so.
"""

from __future__ import annotations

from PIL import Image

from tessera.contract import (
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    ObjectGroup,
    RenderManifest,
    VerificationReport,
    Verifier,
)

PLACEHOLDER = "drawn as a placeholder: no generator filled it"


def plan_as_drawn(plan: LayoutPlan, manifest: RenderManifest) -> LayoutPlan:
    """`plan` (as laid out) with each object group planned "generated" that the manifest says no generator filled
    given look "sprite", the way it was drawn; the plan itself when there is none."""
    by_sprites = {item.element_id for item in manifest.items if item.kind == "objects" and item.generator is None}
    elements = [
        element.model_copy(update={"look": "sprite"})
        if isinstance(element, ObjectGroup) and element.look == "generated" and element.id in by_sprites
        else element
        for element in plan.elements
    ]
    if all(new is old for new, old in zip(elements, plan.elements, strict=True)):
        return plan
    return plan.with_elements(elements)


def placeholder_notices(manifest: RenderManifest) -> dict[str, str]:
    """Each picture the manifest says no generator filled, with the render's notice about it (why: no generator
    configured, or the one configured failed)."""
    return {
        item.element_id: item.fallback_reason or f"picture {item.element_id!r} was {PLACEHOLDER}"
        for item in manifest.items
        if item.kind == "picture" and item.generator is None
    }


def with_placeholders(report: VerificationReport, manifest: RenderManifest) -> VerificationReport:
    """The report with the check of each picture drawn as a placeholder saying so: not verified, with the notice."""
    notices = placeholder_notices(manifest)
    if not notices:
        return report
    checks = [_as_placeholder(check, notices) for check in report.checks]
    return report.model_copy(update={"checks": checks})


def _as_placeholder(check: ConstraintCheck, notices: dict[str, str]) -> ConstraintCheck:
    picture = next((i for i in check.element_ids if i in notices), None)
    if check.kind != "picture" or picture is None:
        return check
    return check.model_copy(
        update={
            "status": "not_verified",
            "measured": f"not measured: {PLACEHOLDER}",
            "evidence": f"not verified: {notices[picture]}"[:2000],
            "fix": "",
        }
    )


def verify_as_drawn(
    verifier: Verifier,
    image: Image.Image,
    laid_out: LayoutPlan,
    constraints: Constraints,
    manifest: RenderManifest | None,
) -> VerificationReport:
    """`verifier`'s report on `image` against the plan as drawn (see `plan_as_drawn`), placeholders named; with no
    manifest (a run checkpointed before it was kept), against `laid_out` as it is."""
    if manifest is None:
        return verifier.verify(image, laid_out, constraints)
    report = verifier.verify(image, plan_as_drawn(laid_out, manifest), constraints)
    return with_placeholders(report, manifest)
