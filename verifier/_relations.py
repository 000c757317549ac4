"""Relations between drawn things ("a lamp left of a sofa"), judged on the boxes measured from the pixels.

Each thing is found as every instance the pixel counter (or the detector) finds in the plan's groups of its class,
or, for a thing that carries text (a sign), the panels the plan names after it; a text is found as its ink. The
test of each relation is the contract's (`tessera.contract.relations`), the one the planner composed the scene by.
"""

from __future__ import annotations

from dataclasses import dataclass

from tessera.contract import Box, Constraints, LayoutPlan, LintFinding, RequiredPosition, detect_script
from tessera.contract.reading import Relation
from tessera.contract.relations import RELATION_RULES, relation_holds
from tessera.verifier._scene import Scene, singular

_SHOWN_BOXES = 6
# Relations a scene draws with one thing over another: their groups' boxes overlap on purpose.
OVERLAPPING: frozenset[Relation] = frozenset({"on_top_of", "under", "inside", "around", "in_front_of", "behind"})


@dataclass(frozen=True)
class Found:
    """A side of a relation as measured: one box per instance, the plan nodes, their depth, and how it was found."""

    boxes: list[Box]
    element_ids: list[str]
    depths: list[int]
    how: str

    def describe(self, name: str) -> str:
        shown = ", ".join(f"({b.x},{b.y},{b.w}x{b.h})" for b in self.boxes[:_SHOWN_BOXES])
        more = f" and {len(self.boxes) - _SHOWN_BOXES} more" if len(self.boxes) > _SHOWN_BOXES else ""
        return f"{name!r}: {len(self.boxes)} box(es) {shown or '-'}{more} ({self.how})"


def found_things(scene: Scene, kind: str, name: str) -> Found:
    """Every measured instance of an object class (or the ink of a text) on the canvas."""
    if kind == "text":
        texts = scene.texts_carrying(name, detect_script(name)) or scene.texts_containing(name, detect_script(name))
        inks = [scene.ink(t).ink_box for t in texts]
        return Found([b for b in inks if b is not None], [t.id for t in texts], [t.z for t in texts], "text ink")
    groups = scene.groups_of(name)
    boxes: list[Box] = []
    for group in groups:
        counted = scene.detected(group) if group.look == "generated" and scene.detector else scene.count(group)
        boxes += [instance.box for instance in counted.instances]
    panels = [f for f in scene.plan.frames() if f.name and f.box and singular(f.name) == singular(name)]
    boxes += [f.placed_box for f in panels]
    how = "counted instance(s)" if groups else "panel(s) named after it" if panels else "not in the plan"
    ids = [g.id for g in groups] + [f.id for f in panels]
    return Found(boxes, ids, [g.z for g in groups] + [f.z for f in panels], how)


def check_relation(constraint: RequiredPosition, scene: Scene) -> tuple[bool, str, list[str]]:
    """Whether the constraint's relation holds between its subject and reference(s) as drawn; a note saying the
    boxes compared and the rule; the reference nodes."""
    relation, reference = constraint.relation, constraint.reference
    if relation is None or reference is None:
        return True, "", []
    subject = found_things(scene, constraint.subject_kind, constraint.subject)
    other = found_things(scene, constraint.reference_kind, reference)
    second = (
        found_things(scene, constraint.reference_kind, constraint.second_reference)
        if constraint.second_reference
        else None
    )
    missing = [f for f in (subject, other, second) if f is not None and not f.boxes]
    if missing:
        found = "; ".join(f.describe(n) for f, n in ((subject, constraint.subject), (other, reference)))
        return False, f"{relation} not measurable, a side was not found on the canvas: {found}", other.element_ids
    in_front = min(subject.depths) > max(other.depths) if subject.depths and other.depths else None
    ok = relation_holds(relation, subject.boxes, other.boxes, second.boxes if second else [], subject_in_front=in_front)
    sides = [subject.describe(constraint.subject), other.describe(reference)]
    if second is not None and constraint.second_reference:
        sides.append(second.describe(constraint.second_reference))
    verdict = "holds" if ok else "does not hold"
    note = f"{'; '.join(sides)}; {relation} {verdict}: {RELATION_RULES[relation]}"
    return ok, note, other.element_ids + (second.element_ids if second else [])


def without_asked_overlaps(
    findings: list[LintFinding], constraints: Constraints, plan: LayoutPlan
) -> list[LintFinding]:
    """The lint findings less the overlaps of object groups the brief asks to overlap ("a dog in front of a house",
    "a cup on a table"), directly or through a chain of such relations ("books on a table in front of an
    armchair": the books overlap the armchair too). Each group's count is still measured in its own box, so a
    drawing that hides another shows up as a wrong count."""
    cluster = _overlap_clusters(constraints)
    classes = {group.id: singular(group.object_class) for group in plan.object_groups()}

    def asked_for(finding: LintFinding) -> bool:
        a, b = classes.get(finding.element_id, ""), classes.get(finding.other_id or "", "")
        return finding.code == "object_overlap" and a in cluster and cluster.get(a) == cluster.get(b)

    return [finding for finding in findings if not asked_for(finding)]


def _overlap_clusters(constraints: Constraints) -> dict[str, str]:
    """Each thing's cluster (named by one of its members): things joined by relations that overlap them."""
    cluster: dict[str, str] = {}

    def find(thing: str) -> str:
        while cluster.setdefault(thing, thing) != thing:
            thing = cluster[thing]
        return thing

    for p in constraints.items:
        if isinstance(p, RequiredPosition) and p.relation in OVERLAPPING and p.reference:
            cluster[find(singular(p.subject))] = find(singular(p.reference))
    return {thing: find(thing) for thing in list(cluster)}
