"""One function per constraint kind: measure the render, compare with the constraint, explain."""

from __future__ import annotations

import numpy as np

from tessera.contract import (
    Box,
    ConstraintCheck,
    ObjectGroup,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    TextElement,
    detect_script,
)
from tessera.contract.report import MAX_INSTANCES
from tessera.verifier._color import (
    ColourMatch,
    background_pixels,
    colour_word,
    match_accent,
    match_background,
    match_dominant,
)
from tessera.verifier._part_counts import counted_parts
from tessera.verifier._position import describe, in_region, union
from tessera.verifier._relations import check_relation, found_things, related_classes
from tessera.verifier._scene import Scene
from tessera.verifier._text import character_error_rate, normalise_text


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _check(**fields: object) -> ConstraintCheck:
    for name, limit in (("expected", 600), ("measured", 2000), ("evidence", 2000)):
        fields[name] = _clip(str(fields.get(name, "")), limit)
    return ConstraintCheck.model_validate(fields)


def check_text(constraint: RequiredText, scene: Scene, carriers: list[TextElement] | None = None) -> ConstraintCheck:
    """Each plan element carrying the string (or just `carriers`) must read back exactly (normalised); CER is the
    worst of them.

    When no element carries exactly the string, elements that contain it are read and must
    contain it in what OCR reads.
    """
    elements = carriers if carriers is not None else scene.texts_carrying(constraint.text, constraint.script)
    partial = not elements
    if partial:
        elements = scene.texts_containing(constraint.text, constraint.script)
    expected = f"the text {constraint.text!r} ({constraint.script}), exactly"
    if not elements:
        return _check(
            constraint_id=constraint.id, kind="text", passed=False, expected=expected, measured="not in plan",
            evidence="no text element of the plan carries this string, so nothing on the canvas was meant to show it",
        )  # fmt: skip
    verdicts, measured, evidence, rates = [], [], [], []
    unmeasured: set[str] = set()  # letters of the string the OCR model cannot read: accepted unseen, not checked
    for element in elements:
        reading = scene.reading(element)
        # A letter the model rarely reads, read back as often as the string has it, was seen, not assumed.
        raw = normalise_text(reading.ocr.text, element.script)
        unmeasured |= {
            ch for ch in set(reading.ocr.unreadable) & set(element.text) if raw.count(ch) < element.text.count(ch)
        }
        wanted = normalise_text(constraint.text, element.script)
        if partial:
            ok = wanted in reading.text
            rate = character_error_rate(reading.text, normalise_text(element.text, element.script))
        else:
            ok, rate = reading.text == wanted, reading.error_rate
        verdicts.append(ok)
        rates.append(rate)
        by = f" by {reading.ocr.engine}" if reading.decisive is not reading.reads[0] else ""  # the second opinion
        measured.append(f"{element.id}: read {reading.text!r}{by}")
        evidence.append(f"{element.id}: {reading.evidence}")
    boxes = [e.placed_box for e in elements]
    passed = all(verdicts)
    if passed and unmeasured:
        # The rest was read exactly, but OCR is no evidence about these letters: not verified, never "passed".
        measured.append(f"not checked: {''.join(sorted(unmeasured))!r}, which the OCR model cannot read")
    return _check(
        constraint_id=constraint.id, kind="text", passed=passed, expected=expected,
        measured="; ".join(measured), evidence="; ".join(evidence), element_ids=[e.id for e in elements],
        box=boxes[0] if len(boxes) == 1 else union(boxes), error_rate=max(rates),
        verified=not (passed and unmeasured),
    )  # fmt: skip


def check_count(constraint: RequiredCount, scene: Scene) -> ConstraintCheck:
    """The instances in every group of the class add up to the required count.

    Sprite groups are counted from pixels; generated groups by the scene's detector, or,
    without one, the check is reported as not verified (see `_unverified_count`). A run hands
    the verifier the plan as drawn, so a group planned "generated" but drawn with sprites (no
    generator) arrives as sprites and is counted from pixels.
    """
    groups = scene.groups_of(constraint.object_class)
    expected = f"exactly {constraint.count} {constraint.object_class}"
    if not groups:
        return _count_parts(constraint, scene, expected)
    generated = [g for g in groups if g.look == "generated"]
    if generated and scene.detector is None:
        return _unverified_count(constraint, groups, expected)
    sprites = [scene.count(g) for g in groups if g.look != "generated"]
    detected = [scene.detected(g) for g in generated]
    total = sum(c.count for c in sprites) + sum(d.count for d in detected)
    evidence = []
    if sprites:
        evidence.append(
            "counted from pixels (background fitted to each box's border, blobs alike in size and shape): "
            + "; ".join(c.evidence for c in sprites)
        )
    if detected:
        evidence.append("counted by detection: " + "; ".join(d.evidence for d in detected))
    instance_boxes = [i.box for c in sprites for i in c.instances] + [i.box for d in detected for i in d.instances]
    return _check(
        constraint_id=constraint.id, kind="count", passed=total == constraint.count, expected=expected,
        measured=f"{total} {constraint.object_class} counted", evidence=" | ".join(evidence),
        element_ids=[g.id for g in groups], box=union(instance_boxes) or union([g.placed_box for g in groups]),
        instances=instance_boxes[:MAX_INSTANCES],
    )  # fmt: skip


def _count_parts(constraint: RequiredCount, scene: Scene, expected: str) -> ConstraintCheck:
    """A count of the design's own parts (cards, icons, list items, table rows) when no object group has the class."""
    kind, ids = counted_parts(scene.plan, constraint.object_class)
    if not ids:
        return _check(
            constraint_id=constraint.id, kind="count", passed=False, expected=expected, measured="not in plan",
            evidence=f"no object group of class {constraint.object_class!r} in the plan, and no container, icon, "
            "list item or table row that carries the word",
        )  # fmt: skip
    shown = ", ".join(repr(i) for i in ids[:12]) + (" ..." if len(ids) > 12 else "")
    return _check(
        constraint_id=constraint.id, kind="count", passed=len(ids) == constraint.count, expected=expected,
        measured=f"{len(ids)} {constraint.object_class} in the plan ({kind}s)",
        evidence=f"counted from the laid-out plan's {kind}s that carry the word: {shown}; that each one shows is "
        "measured by its own checks (its texts read back, its look, its icon)",
        element_ids=ids[:64], box=union([scene.plan.node(i).placed_box for i in ids]),
    )  # fmt: skip


def _unverified_count(constraint: RequiredCount, groups: list[ObjectGroup], expected: str) -> ConstraintCheck:
    """A count over generated groups with no detector: not verified.

    Not failed: no revision of the plan can make a missing detector measure anything, so a
    failure would spend every revision for nothing. Nor the pixel counter's verdict: it counts
    alike blobs, which is meaningless for generated pictures; a group drawn with sprites instead
    reaches the verifier as sprites (the plan as drawn) and is counted from pixels.
    """
    names = ", ".join(repr(g.id) for g in groups if g.look == "generated")
    return _check(
        constraint_id=constraint.id, kind="count", status="not_verified", expected=expected,
        measured="not measured: no detector is configured",
        evidence="not verified: no detector is configured (set TESSERA_DETECTOR=owlv2 and "
        f"TESSERA_DETECTOR_MODEL=<hub id or local folder>) to count the generated group(s) {names}, whose instances "
        "a generator painted: the pixel counter counts alike sprites, not generated pictures",
        element_ids=[g.id for g in groups], box=union([g.placed_box for g in groups]),
    )  # fmt: skip


def check_color(constraint: RequiredColor, scene: Scene) -> ConstraintCheck:
    """Background by ΔE of its median; objects by each counted instance's own dominant hue (lightness for greys;
    see `_check_object_colours`); text by its ink's; accents by area."""
    target = constraint.color
    subject = f" ({constraint.subject})" if constraint.subject else ""
    expected = f"{constraint.target}{subject} in {target}"
    element_ids: list[str] = []
    box: Box | None = None
    instances: list[Box] = []
    if constraint.target == "background":
        match = match_background(background_pixels(scene.canvas, scene.plan), target)
        how = "pixels outside every element box"
    elif constraint.target == "accent":
        match = match_accent(scene.canvas, target)
        how = "every second pixel of the canvas"
    elif constraint.target == "objects":
        return _check_object_colours(constraint, scene, expected)
    else:
        script = detect_script(constraint.subject) if constraint.subject else "latin"
        texts: list[TextElement] = (
            scene.texts_carrying(constraint.subject, script) or scene.texts_containing(constraint.subject, script)
            if constraint.subject
            else scene.plan.texts()
        )
        if not texts:
            return _check(constraint_id=constraint.id, kind="color", passed=False, expected=expected,
                          measured="not in plan",
                          evidence=f"no text element carries {constraint.subject!r}")  # fmt: skip
        inks = [scene.ink(t) for t in texts]
        colours = [i.ink_color for i in inks if i.ink_color is not None]
        match = match_dominant(np.array(colours, dtype=np.float32).reshape(-1, 3), target)
        element_ids = [t.id for t in texts]
        instances = [i.ink_box for i in inks if i.ink_box is not None]
        box = union(instances)
        how = f"solid ink of {len(colours)} of {len(texts)} text box(es)"
    return _check(
        constraint_id=constraint.id, kind="color", passed=match.passed, expected=expected,
        measured=f"{match.measured} (ΔE {match.delta_e:.1f})", evidence=f"{how}: {match.detail}",
        element_ids=element_ids, box=box, instances=instances[:MAX_INSTANCES], measured_color=_hex_or_none(match),
    )  # fmt: skip


def _check_object_colours(constraint: RequiredColor, scene: Scene, expected: str) -> ConstraintCheck:
    """Each counted instance's own dominant colour must be the target: one red balloon among green ones fails, and
    so does a sprite whose own colour is mostly another, however much red the group holds in all.

    `measured_color` is the first instance that is not the target's, else the colour of all instances together.
    """
    groups = scene.groups_of(constraint.subject) if constraint.subject else scene.plan.object_groups()
    if not groups:
        return _check(constraint_id=constraint.id, kind="color", passed=False, expected=expected,
                      measured="not in plan",
                      evidence=f"no object group of class {constraint.subject!r} in the plan")  # fmt: skip
    counts = [scene.count(g) for g in groups]
    boxes = [i.box for c in counts for i in c.instances]
    matches = [match_dominant(pixels, constraint.color) for c in counts for pixels in c.instance_pixels]
    wanted = colour_word(constraint.color)
    right = sum(m.passed for m in matches)
    wrong = [(n, b, m) for n, (b, m) in enumerate(zip(boxes, matches, strict=True), start=1) if not m.passed]
    shown = [f"instance {n} at ({b.x},{b.y},{b.w}x{b.h}) is mostly {_named(m)}: {m.detail}" for n, b, m in wrong]
    evidence = (
        "; ".join([f"each counted instance's own dominant colour: {right} of {len(matches)} instance(s) {wanted}",
                   *shown])
        if matches
        else "no instance was counted in the group box(es), so there is no colour to measure"
    )  # fmt: skip
    together = match_dominant(np.concatenate([c.pixels for c in counts]), constraint.color)
    reported = wrong[0][2] if wrong else together
    return _check(
        constraint_id=constraint.id, kind="color", passed=bool(matches) and not wrong, expected=expected,
        measured=f"{right} of {len(matches)} instance(s) {wanted} ({constraint.color}); "
        f"{'first other' if wrong else 'together'} {reported.measured} (ΔE {reported.delta_e:.1f})",
        evidence=evidence, element_ids=[g.id for g in groups], box=union(boxes),
        instances=boxes[:MAX_INSTANCES], measured_color=_hex_or_none(reported),
    )  # fmt: skip


def _named(match: ColourMatch) -> str:
    return f"{colour_word(match.measured)} {match.measured}" if _hex_or_none(match) else "without colour"


def _hex_or_none(match: ColourMatch) -> str | None:
    """The measured colour as #RRGGBB, or None when nothing was measured."""
    return match.measured if match.measured.startswith("#") else None


def _subject_box(scene: Scene, kind: str, subject: str, rivals: list[str]) -> tuple[list[Box], list[str], str]:
    """The measured boxes of a subject: counted instances of an object class (those that look like it among the
    `rivals` a relation names, see `found_things`; or the panels named after a thing that carries text), or the
    ink of each text carrying it; the plan nodes; how they were found."""
    if kind == "objects":
        found = found_things(scene, kind, subject, rivals)
        how = f"union of {len(found.boxes)} {found.how}" if found.element_ids else "no such object group in the plan"
        return found.boxes, found.element_ids, how
    script = detect_script(subject)
    texts = scene.texts_carrying(subject, script) or scene.texts_containing(subject, script)
    inks = [scene.ink(t).ink_box for t in texts]
    how = "ink found in its text box" if texts else "no text element carries it in the plan"
    return [b for b in inks if b is not None], [t.id for t in texts], how


def check_position(constraint: RequiredPosition, scene: Scene) -> ConstraintCheck:
    """The measured subject lies in the region (see `in_region`) and/or stands in its relation to the reference
    (a text's ink, or a thing's measured instances: see `check_relation`)."""
    parts: list[str] = [constraint.region] if constraint.region else []
    if constraint.relation and constraint.reference:
        parts.append(f"{constraint.relation} {constraint.reference!r}")
    expected = f"{constraint.subject_kind} {constraint.subject!r}: " + (" and ".join(parts) or "anywhere")
    boxes, element_ids, how = _subject_box(
        scene, constraint.subject_kind, constraint.subject, related_classes(constraint)
    )
    box = union(boxes)
    if box is None:
        return _check(constraint_id=constraint.id, kind="position", passed=False, expected=expected,
                      measured="not found on the canvas", evidence=how, element_ids=element_ids)  # fmt: skip
    passed = True
    notes = [f"subject: {how}, {describe(box, scene.width, scene.height)}"]
    measured = f"centre at ({box.center[0]:.0f}, {box.center[1]:.0f}) on a {scene.width}x{scene.height} canvas"
    if constraint.region:
        ok = in_region(box, constraint.region, scene.width, scene.height)
        passed &= ok
        notes.append(f"{'in' if ok else 'not in'} the {constraint.region} region")
    if constraint.relation and constraint.reference:
        ok, note, ref_ids = check_relation(constraint, scene)
        element_ids += ref_ids
        passed &= ok
        notes.append(note)
        measured += f"; {constraint.relation} {'holds' if ok else 'does not hold'}"
    return _check(
        constraint_id=constraint.id, kind="position", passed=passed, expected=expected, measured=measured,
        evidence="; ".join(notes), element_ids=element_ids, box=box, instances=boxes[:MAX_INSTANCES],
    )  # fmt: skip
