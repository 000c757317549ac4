"""The plan's own checks: every element no brief constraint covers, checked as the plan states it.

A text element whose string no brief quote carries exactly is read back against its own text; an object group
of a class the brief does not count is counted against its own count; a picture is listed as not verified
(nothing measures what a picture shows yet); a plan that draws nothing fails. Without these, a line the LLM
invented or a user's own plan (`--plan`) would be drawn and never looked at.
"""

from __future__ import annotations

from tessera.contract import (
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    RequiredCount,
    RequiredText,
    SourceSpan,
    TextElement,
)
from tessera.verifier._checks import check_count, check_text
from tessera.verifier._scene import Scene, singular


def plan_checks(scene: Scene, constraints: Constraints) -> list[ConstraintCheck]:
    """A check for each string and object class of the plan that the brief's constraints leave unchecked and one
    for each picture, all with origin "plan"; and one for the plan as a whole when it is empty, so that a report
    never passes with "0/0" (see also `nothing_measured_check`)."""
    checks = [
        *(check_text(_as_required_text(text), scene, [text]) for text in _unchecked_texts(scene, constraints)),
        *(check_count(_as_required_count(groups), scene) for groups in _uncounted_groups(scene, constraints)),
        *(_picture_check(picture) for picture in scene.plan.pictures()),
    ]
    if not scene.plan.elements:
        checks.append(_empty_plan_check())
    return [check.model_copy(update={"origin": "plan"}) for check in checks]


def _source(element_id: str) -> SourceSpan:
    return SourceSpan(start=0, end=0, quote=f"plan element {element_id!r}")


def _unchecked_texts(scene: Scene, constraints: Constraints) -> list[TextElement]:
    """The text elements no brief quote carries exactly, each checked on its own (two cells reading "10%" are
    two checks, so a wrong one fails its own). An element that merely contains a quote is read in full here
    too: the brief's check only looks for the quote in it."""
    covered = {
        e.id for c in constraints.items if isinstance(c, RequiredText) for e in scene.texts_carrying(c.text, c.script)
    }
    return [element for element in scene.plan.texts() if element.id not in covered]


def _as_required_text(first: TextElement) -> RequiredText:
    return RequiredText(
        id=first.id, text=first.text, script=first.script, language=first.language, source=_source(first.id)
    )


def _uncounted_groups(scene: Scene, constraints: Constraints) -> list[list[ObjectGroup]]:
    """The object groups of classes no brief count covers, grouped by class (`check_count` adds up every group
    of a class, so one check per class)."""
    counted = {singular(c.object_class) for c in constraints.items if isinstance(c, RequiredCount)}
    by_class: dict[str, list[ObjectGroup]] = {}
    for group in scene.plan.object_groups():
        if singular(group.object_class) not in counted:
            by_class.setdefault(singular(group.object_class), []).append(group)
    return list(by_class.values())


def _as_required_count(groups: list[ObjectGroup]) -> RequiredCount:
    first = groups[0]
    # Built without validation: several groups of a class may add up past the bound a brief's count has,
    # and every part was validated with the plan.
    return RequiredCount.model_construct(
        id=first.id, object_class=first.object_class, count=sum(g.count for g in groups), source=_source(first.id)
    )


def _picture_check(picture: PictureElement) -> ConstraintCheck:
    """Not verified: nothing measures what a picture shows. A run names a picture drawn as a placeholder (no
    generator) in this check (agents' plan as drawn), since the verifier never sees what the renderer did."""
    return ConstraintCheck(
        constraint_id=picture.id, kind="picture", status="not_verified",
        expected=f"{picture.style}: {picture.prompt}"[:600],
        measured="not measured: nothing in the verifier judges what a picture shows",
        evidence="not verified: only the picture's place is checked, by the layout lint (on the canvas, "
        "not over text)",
        element_ids=[picture.id], box=picture.box,
    )  # fmt: skip


def _empty_plan_check() -> ConstraintCheck:
    return ConstraintCheck(
        constraint_id="content", kind="plan", status="failed",
        expected="at least one element: a text, an object group, a picture or a shape",
        measured="the plan draws nothing",
        evidence="the plan has no elements, so the image is the background alone; a blank image is not a pass",
    )  # fmt: skip


def nothing_measured_check(plan: LayoutPlan) -> ConstraintCheck:
    """The plan as a whole, not verified, when it has elements but no check measured any of them (shapes alone,
    parts that draw nothing of their own): a report never passes with "0/0"."""
    kinds = sorted({element.kind for element in plan.elements})
    return ConstraintCheck(
        constraint_id="content", kind="plan", origin="plan", status="not_verified",
        expected="something a check can measure: a text, an object group or a picture",
        measured=f"not measured: the plan draws {len(plan.elements)} element(s) ({', '.join(kinds)}) and no check "
        "measures any of them",
        evidence="not verified: these elements are linted for their place on the canvas, but nothing compares them "
        "with a brief; quote the words or count the objects the image must show",
    )  # fmt: skip
