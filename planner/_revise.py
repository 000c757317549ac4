"""Revising a plan from a verification report: each failure or lint error turns into a concrete edit and a note.

The edits live by what they fix: texts (`_revise_text`), object groups (`_revise_groups`), colours and contrast
(`_revise_colors`), positions (`_revise_positions`), and the moves they share (`_revise_moves`), all on one
working copy of the plan (`_revise_draft`).
"""

from __future__ import annotations

import re

from tessera.contract import (
    ConstraintCheck,
    Constraints,
    LayoutPlan,
    LintFinding,
    ObjectGroup,
    PlanError,
    RequiredColor,
    RequiredPosition,
    TextElement,
    VerificationReport,
)
from tessera.planner._revise_colors import fix_color, fix_contrast
from tessera.planner._revise_draft import PlanDraft, kind_name
from tessera.planner._revise_groups import fix_count
from tessera.planner._revise_moves import clear_off, move_to_free
from tessera.planner._revise_positions import fix_position
from tessera.planner._revise_text import enlarge_text, fix_text


def _quoted(measured: str) -> str:
    return measured if measured[:1] in "'\"" else f"'{measured[:80]}'"


def _reason(check: ConstraintCheck) -> str:
    if check.kind == "text":
        measured = f"OCR read {_quoted(check.measured)}" if check.measured else "OCR could not read it"
    else:
        measured = f"expected {check.expected[:80]}, measured {check.measured[:80]}"
    return f"{measured} (the report's fix: {check.fix[:160]})" if check.fix else measured


# A text fix about fonts: one no font family a plan can name (sans, serif, mono, display, handwriting) has, or
# that no installed font has at all. Neither a size nor a place draws it.
_FONT_FIX = re.compile(r"in a font that has it: .+$|^no installed font has ")


_READ = re.compile(r"read '(.*)'\s*$")


def _read_words(measured: str) -> str | None:
    """What OCR read, from a text check's measurement ("submit-label: read 'Login'")."""
    found = _READ.search(measured)
    return found.group(1) if found else None


def _handle_check(draft: PlanDraft, check: ConstraintCheck) -> None:
    # A check of the plan's own elements (origin "plan") names them, so it is fixed like a brief check of its kind.
    constraint = next((c for c in draft.constraints.items if c.id == check.constraint_id), None)
    targets = draft.elements_for(check)
    reason = _reason(check)
    if check.kind == "plan":
        draft.notes.append(f"nothing to revise: {check.measured}, and revision never invents texts or objects")
    elif check.kind == "text" and _FONT_FIX.search(check.fix):
        draft.notes.append(
            f"left '{check.constraint_id}' as it is: no font family a plan can name draws all of it, and a bigger "
            f"size or another place would not either ({check.fix})"
        )
    elif check.kind == "text":
        for text in (t for t in targets if isinstance(t, TextElement)):
            fix_text(draft, draft.text(text.id), reason, bold=True, read=_read_words(check.measured))
    elif check.kind == "count":
        for group in (g for g in targets if isinstance(g, ObjectGroup)):
            fix_count(draft, group, reason)
    elif check.kind == "color" and isinstance(constraint, RequiredColor):
        fix_color(draft, constraint, reason)
    elif check.kind == "position" and isinstance(constraint, RequiredPosition):
        fix_position(draft, constraint, reason)


def _handle_lint(draft: PlanDraft, finding: LintFinding) -> None:
    element = draft.get(finding.element_id)
    other = draft.get(finding.other_id) if finding.other_id else None
    reason = finding.message
    if finding.code == "off_canvas":
        ids = [finding.element_id] if element else list(draft.elements)
        for element_id in ids:
            if draft.clamp(element_id):
                draft.notes.append(
                    f"pulled {kind_name(draft.elements[element_id])} '{element_id}' back onto the canvas: {reason}"
                )
    elif finding.code == "low_contrast" and isinstance(element, TextElement):
        fix_contrast(draft, element, reason)
    elif finding.code == "text_clipped" and isinstance(element, TextElement):
        enlarge_text(draft, element, reason, bold=False)
    elif finding.code == "text_overlap" and element is not None:
        text, occluder = (element, other) if isinstance(element, TextElement) else (other, element)
        if isinstance(text, TextElement) and occluder is not None:
            if isinstance(occluder, TextElement) and occluder.placed_box.center[1] < text.placed_box.center[1]:
                text, occluder = occluder, text  # trim the lower of two texts
            clear_off(draft, occluder, text, reason)
        elif isinstance(text, TextElement):
            fix_text(draft, text, reason, bold=False)
    elif finding.code == "object_overlap" and element is not None:
        mover = other or element
        if move_to_free(draft, mover.id) is not None:
            draft.notes.append(
                f"moved {kind_name(mover)} '{mover.id}' off '{element.id if mover is other else finding.other_id}': "
                f"{reason}"
            )


def _carried(plan: LayoutPlan) -> tuple[list[str], list[tuple[str, int]]]:
    return sorted(t.text for t in plan.texts()), sorted((g.object_class, g.count) for g in plan.object_groups())


def revise_plan(
    plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int
) -> tuple[LayoutPlan, list[str]]:
    """The plan edited to address the report's revisable failures (each by its kind and its fix) and lint errors,
    and a note for every edit; contradictions, and the checks they name, are left alone: no plan passes them."""
    draft = PlanDraft(plan, constraints, attempt)
    for check in report.revisable():
        _handle_check(draft, check)
    for finding in report.errors():
        _handle_lint(draft, finding)
    for element_id in list(draft.elements):
        if draft.clamp(element_id):
            draft.notes.append(f"pulled '{element_id}' back onto the canvas after the other changes")
    contradictions = [c for c in report.failures() if c.kind == "contradiction"]
    if contradictions:
        draft.notes.append(
            f"left {len(contradictions)} contradiction(s) alone, a planning error no plan can fix: "
            + "; ".join(c.measured[:120] for c in contradictions)
        )
    if not report.failures() and not report.errors():
        draft.notes.append("the report passed, so the plan is unchanged")
    elif not draft.notes:
        draft.notes.append("found nothing in the plan to change for the report's failures")
    summary = f" Revision {attempt}: {len(draft.notes)} change(s) for {report.summary()}."
    revised = draft.result(plan.rationale[: 2000 - len(summary)] + summary)
    if _carried(revised) != _carried(plan):
        raise PlanError("revision changed a required string or count; this is a bug in the rule planner")
    return revised, draft.notes
