"""What change of the plan would make each failed check pass, from what was measured: the report's `fix`.

A fix names the element and the change in words a planner (rules or a language model) and a user can act on:
"move 'sticker' off 'headline'", "draw exactly 4 apples in a box with room for 4", "colour the apples #D62828".
A check no change of the plan can fix (a contradiction, a character no installed font has) says so instead.
Lint findings get their fix at the end of their message (a finding has no field for it).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import inflect

from tessera.contract import (
    Constraint,
    ConstraintCheck,
    Constraints,
    Element,
    LayoutPlan,
    LintFinding,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    TextElement,
)
from tessera.verifier._glyph_coverage import code_point, glyph_gaps, impossible_glyphs

MIN_READABLE_PX = 18  # the smallest size a fix asks a misread text to be set at
_GROWTH = 1.25  # how much larger a misread text is asked to be set
_MAX_FIX = 600
_FAMILIES_NAMED = 3  # installed families a tofu fix names

_plural = inflect.engine()
_READ = re.compile(r"^(?P<id>[^:;]+): read '(?P<read>.*)'$")
_MISSING = re.compile(r"^missing: (?P<items>.*)$")


def with_fixes(checks: list[ConstraintCheck], plan: LayoutPlan, constraints: Constraints) -> list[ConstraintCheck]:
    """`checks` with `fix` filled on every failed check that has none, from what each one measured; a check a
    contradiction names keeps none (no plan can fix it), but a text no installed font can draw says so."""
    by_id = {c.id: c for c in constraints.items}
    contradicted = {key for c in checks if c.kind == "contradiction" for key in c.conflicts}
    fixed = []
    for check in checks:
        named = check.key in contradicted and check.kind != "text"
        if check.failed and not check.fix and check.kind != "contradiction" and not named:
            fix = fix_for(check, plan, by_id.get(check.constraint_id) if check.origin == "brief" else None)
            check = check.model_copy(update={"fix": _clip(fix)})
        fixed.append(check)
    return fixed


def fix_for(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    """The change of `plan` that would make the failed `check` pass, in words."""
    rule = _RULES.get(check.kind, _fix_any)
    return rule(check, plan, constraint)


def lint_with_fixes(findings: list[LintFinding]) -> list[LintFinding]:
    """`findings`, each message ending with the change that would clear it (when it still fits)."""
    return [_lint_with_fix(finding) for finding in findings]


def _lint_with_fix(finding: LintFinding) -> LintFinding:
    if " — fix: " in finding.message:
        return finding
    what, other = f"'{finding.element_id}'", f"'{finding.other_id}'" if finding.other_id else "the other element"
    fixes = {
        "off_canvas": f"move {what} inside the canvas, within its margins",
        "text_clipped": f"give {what} a bigger box, or a smaller size or fewer words",
        "text_overlap": f"move {other} off {what}, or give them boxes that do not overlap",
        "low_contrast": f"colour {what} to contrast at least 4.5:1 with what lies behind it, or put a panel under it",
        "object_overlap": f"move {other} off {what}",
    }
    message = f"{finding.message} — fix: {fixes[finding.code]}"
    return finding.model_copy(update={"message": message}) if len(message) <= _MAX_FIX else finding


def _fix_text(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    wanted = constraint.text if isinstance(constraint, RequiredText) else _expected_text(check)
    if check.measured == "not in plan":
        return f"add a text element carrying {wanted!r}" if wanted else "add the text element the brief asks for"
    texts = [e for e in _elements(plan, check.element_ids) if isinstance(e, TextElement)]
    fixes = [_fix_one_text(text, plan, _read_by(check.measured, text.id)) for text in texts]
    return "; ".join(dict.fromkeys(f for f in fixes if f)) or "set the text larger and bolder, on a plainer background"


def _fix_one_text(text: TextElement, plan: LayoutPlan, read: str | None) -> str:
    impossible = impossible_glyphs(text.text)
    if impossible:
        return impossible
    rare = glyph_gaps(text.text).rare
    if rare:
        char, families = rare[0]
        return (
            f"set {code_point(char)} ({char!r}) of '{text.id}' in a font that has it: "
            f"{', '.join(families[:_FAMILIES_NAMED])}"
        )
    covering = _covering(text, plan)
    if covering:
        return f"move {', '.join(repr(e.id) for e in covering)} off '{text.id}', or put it behind the text"
    if read is not None and _only_spaces_lost(text.text, read):
        return f"open up the letter spacing of '{text.id}' (OCR ran its words together)"
    if text.family == "handwriting":
        return f"set '{text.id}' in the sans face: its handwriting face is misread"
    size = max(MIN_READABLE_PX, round((text.font_size or MIN_READABLE_PX) * _GROWTH))
    return f"set '{text.id}' larger (min {size} px) or bolder, on a plainer background"


def _fix_count(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    if isinstance(constraint, RequiredCount):
        count, thing = constraint.count, constraint.object_class
    else:
        groups = [g for g in plan.object_groups() if g.id in check.element_ids]
        if not groups:
            return f"draw {check.expected}"
        count, thing = sum(g.count for g in groups), groups[0].object_class
    things = _plural.plural_noun(thing, count)
    if check.measured == "not in plan" or not check.element_ids:
        return f"add an object group of exactly {count} {things}"
    return f"draw exactly {count} {things} in a box with room for {count}, none covered or cut off by the canvas edge"


def _fix_color(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    if not isinstance(constraint, RequiredColor):
        return f"set the colour so that: {check.expected}"
    if constraint.target == "background":
        return f"set the background to {constraint.color}"
    if constraint.target == "accent":
        return f"use {constraint.color} for an accent: a rule, a button or a panel"
    if constraint.target == "objects" and constraint.subject:
        if check.measured == "not in plan":
            return f"add the {_plural.plural_noun(constraint.subject)} the brief asks for, coloured {constraint.color}"
        return f"colour the {_plural.plural_noun(constraint.subject)} {constraint.color}"
    subject = f" {constraint.subject!r}" if constraint.subject else ""
    return f"colour the text{subject} {constraint.color}"


def _fix_position(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    if not isinstance(constraint, RequiredPosition):
        return f"move it so that: {check.expected}"
    subject = f"'{constraint.subject}'" if constraint.subject_kind == "text" else f"the {constraint.subject}"
    if check.measured == "not found on the canvas":
        return f"draw {subject} on the canvas, uncovered"
    places = [f"into the {constraint.region} region"] if constraint.region else []
    if constraint.relation and constraint.reference:
        reference = (
            f"'{constraint.reference}'" if constraint.reference_kind == "text" else f"the {constraint.reference}"
        )
        places.append(f"{constraint.relation.replace('_', ' ')} {reference}")
    return f"move {subject} " + " and ".join(places or ["where the brief puts it"])


def _fix_coverage(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    clause = check.expected.removeprefix("planned: ")
    return f"add a text element carrying {clause!r}, or the element that draws it"


def _fix_structure(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    missing = _MISSING.match(check.measured)
    if missing:
        return f"add the missing entries, each readable: {missing.group('items')}"
    return "draw the nodes that carry it on the canvas, with room for every entry"


def _fix_chart(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    return (
        f"give chart {_first(check)} more room and larger labels, its data as planned, nothing covering it "
        f"({check.measured[:160]})"
    )


def _fix_part(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    return f"give {_first(check)} a fill or border that shows ({check.expected}), not covered by other elements"


def _fix_icon(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    if "is not in the set" in check.measured:
        return f"name icon {_first(check)} after an icon of the set"
    if "does not stand out" in check.measured:
        return f"colour icon {_first(check)} to stand out from what lies behind it"
    return f"draw icon {_first(check)} larger, uncovered"


def _fix_qr(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    return f"draw QR code {_first(check)} larger, dark on a plain light background, uncovered"


def _fix_asset(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    if "off the canvas" in check.measured:
        return f"move asset {_first(check)} onto the canvas"
    return f"give asset {_first(check)} a box on the canvas that nothing covers"


def _fix_plan(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    return "add at least one element: a text, an object group, a picture or a shape"


def _fix_any(check: ConstraintCheck, plan: LayoutPlan, constraint: Constraint | None) -> str:
    return f"change the plan so that: {check.expected}"


_Rule = Callable[[ConstraintCheck, LayoutPlan, Constraint | None], str]
_RULES: dict[str, _Rule] = {
    "text": _fix_text,
    "count": _fix_count,
    "color": _fix_color,
    "position": _fix_position,
    "coverage": _fix_coverage,
    "structure": _fix_structure,
    "chart": _fix_chart,
    "part": _fix_part,
    "icon": _fix_icon,
    "qr": _fix_qr,
    "asset": _fix_asset,
    "plan": _fix_plan,
}


def _first(check: ConstraintCheck) -> str:
    return repr(check.element_ids[0]) if check.element_ids else repr(check.constraint_id)


def _elements(plan: LayoutPlan, ids: list[str]) -> list[Element]:
    wanted = set(ids)
    return [e for e in plan.elements if e.id in wanted]


def _covering(text: TextElement, plan: LayoutPlan) -> list[Element]:
    """The elements drawn over the text's box (not the panels under it)."""
    if text.box is None:
        return []
    box = text.box
    return [
        e for e in plan.elements
        if e.id != text.id and e.z > text.z and e.box is not None and e.box.intersection(box) is not None
    ]  # fmt: skip


def _read_by(measured: str, element_id: str) -> str | None:
    """What OCR read in one element, from a text check's measurement ("title: read 'Grand'; hours: read ...")."""
    for part in measured.split("; "):
        found = _READ.match(part)
        if found and found.group("id") == element_id:
            return found.group("read")
    return None


def _expected_text(check: ConstraintCheck) -> str:
    found = re.match(r"the text '(.*)' \(", check.expected)
    return found.group(1) if found else ""


def _only_spaces_lost(expected: str, read: str) -> bool:
    return (
        read != expected
        and read.replace(" ", "") == expected.replace(" ", "")
        and read.count(" ") < expected.count(" ")
    )


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_FIX else text[: _MAX_FIX - 1] + "…"
