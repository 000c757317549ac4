"""Relations between drawn things ("a lamp left of a sofa"), judged on the boxes measured from the pixels.

Each thing is found as every instance the pixel counter (or the detector) finds in the plan's groups of its class,
or, for a thing that carries text (a sign), what is painted in the panels the plan names after it; a text is found
as its ink. Never the plan's boxes: a group's box or an instance's cell says where a thing was meant to go. An
instance is the thing it looks like among the classes the relation names (`_looks`): a car drawn in the tree's box
is the car, so two things drawn in each other's places fail their relation. The test of each relation is the
contract's (`tessera.contract.relations`), the one the planner composed the scene by.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import inflect
import numpy as np

from tessera.contract import Box, Constraints, LayoutPlan, LintFinding, ObjectGroup, RequiredPosition, detect_script
from tessera.contract.reading import Relation
from tessera.contract.relations import RELATION_RULES, relation_holds
from tessera.verifier._count import FOREGROUND_DELTA_E
from tessera.verifier._looks import class_of, instance_look
from tessera.verifier._pixels import clamp_box, fit_background, foreground_distance, ring_mask
from tessera.verifier._scene import Scene, singular

_SHOWN_BOXES = 6
PANEL_MARGIN = 0.05  # the ring around a panel its ground is fitted to, as a share of its shorter side
# Relations a scene draws with one thing over another: their groups' boxes overlap on purpose.
OVERLAPPING: frozenset[Relation] = frozenset({"on_top_of", "under", "inside", "around", "in_front_of", "behind"})
_ENGLISH = inflect.engine()


@dataclass(frozen=True)
class Found:
    """A side of a relation as measured: one box per instance, the plan nodes, their depth, and how it was found."""

    boxes: list[Box]
    element_ids: list[str]
    depths: list[int]
    how: str
    mistaken: list[str] = field(default_factory=list)  # instances found in another class's box, said in words

    def describe(self, name: str) -> str:
        shown = ", ".join(f"({b.x},{b.y},{b.w}x{b.h})" for b in self.boxes[:_SHOWN_BOXES])
        more = f" and {len(self.boxes) - _SHOWN_BOXES} more" if len(self.boxes) > _SHOWN_BOXES else ""
        return f"{name!r}: {len(self.boxes)} box(es) {shown or '-'}{more} ({'; '.join([self.how, *self.mistaken])})"


def found_things(scene: Scene, kind: str, name: str, rivals: Sequence[str] = ()) -> Found:
    """Every measured instance of an object class (or the ink of a text) on the canvas. With `rivals`, the other
    object classes a relation names, the instances counted in their groups' boxes count too: each is the class it
    looks like (`identified`)."""
    if kind == "text":
        texts = scene.texts_carrying(name, detect_script(name)) or scene.texts_containing(name, detect_script(name))
        inks = [scene.ink(t).ink_box for t in texts]
        return Found([b for b in inks if b is not None], [t.id for t in texts], [t.z for t in texts], "text ink")
    wanted = singular(name)
    classes = list(dict.fromkeys([wanted, *map(singular, rivals)]))
    groups = scene.groups_of(name)
    boxes: list[Box] = []
    depths = [g.z for g in groups]
    mistaken: list[str] = []
    for group in [g for cls in classes for g in scene.groups_of(cls)]:
        kept = [box for box, cls in identified(scene, group, classes) if cls == wanted]
        boxes += kept
        if singular(group.object_class) != wanted and kept:
            depths.append(group.z)
            mistaken += [
                f"the instance in {group.object_class!r}'s box looks like {_ENGLISH.a(wanted)} "
                f"({b.x},{b.y},{b.w}x{b.h})"
                for b in kept
            ]
    panels = [f for f in scene.plan.frames() if f.name and f.box and singular(f.name) == wanted]
    painted = [painted_box(scene.canvas, f.placed_box) for f in panels]
    boxes += [b for b in painted if b is not None]
    how = "counted instance(s)" if groups else "painted panel(s) named after it" if panels else "not in the plan"
    ids = [g.id for g in groups] + [f.id for f in panels]
    return Found(boxes, ids, depths + [f.z for f in panels], how, mistaken)


def identified(scene: Scene, group: ObjectGroup, classes: Sequence[str]) -> list[tuple[Box, str]]:
    """Each instance counted in `group`'s box, with the class of `classes` it looks like (see `_looks.class_of`):
    its own unless it clearly looks like another. Colours are compared only where none of the classes' groups is
    drawn in a colour asked for (a tinted sprite keeps its silhouette, not its colours); what a detector found in
    a generated picture is its own class."""
    own = singular(group.object_class)
    if group.look == "generated" and scene.detector:
        return [(instance.box, own) for instance in scene.detected(group).instances]
    counted = scene.count(group)
    if len(classes) < 2:
        return [(instance.box, own) for instance in counted.instances]
    colour = not any(g.color for cls in classes for g in scene.groups_of(cls))
    return [
        (instance.box, class_of(instance_look(scene.canvas, counted, instance), own, classes, colour=colour))
        for instance in counted.instances
    ]


def related_classes(constraint: RequiredPosition) -> list[str]:
    """The object classes a constraint's relation names (none without a relation): those its instances are told
    apart among."""
    if constraint.relation is None or constraint.reference is None:
        return []
    sides = [
        (constraint.subject_kind, constraint.subject),
        (constraint.reference_kind, constraint.reference),
        (constraint.reference_kind, constraint.second_reference),
    ]
    return [name for kind, name in sides if kind == "objects" and name]


def painted_box(canvas: np.ndarray, box: Box) -> Box | None:
    """The box of what is painted inside `box`, told from the ground just around it (a panel's fill and its texts;
    a panel painted over by the ground shows nothing); None when nothing is."""
    height, width = canvas.shape[:2]
    margin = max(2, round(PANEL_MARGIN * min(box.w, box.h)))
    rect = clamp_box(box, width, height, margin)
    inner = clamp_box(box, width, height)
    if rect is None or inner is None:
        return None
    x0, y0, x1, y1 = rect
    patch = canvas[y0:y1, x0:x1]
    distance = foreground_distance(patch, fit_background(patch, ring_mask(y1 - y0, x1 - x0, margin)))
    ix0, iy0, ix1, iy1 = inner
    ys, xs = np.nonzero(distance[iy0 - y0 : iy1 - y0, ix0 - x0 : ix1 - x0] > FOREGROUND_DELTA_E)
    if len(xs) == 0:
        return None
    return Box(
        x=ix0 + int(xs.min()), y=iy0 + int(ys.min()), w=int(xs.max() - xs.min()) + 1, h=int(ys.max() - ys.min()) + 1
    )


def check_relation(constraint: RequiredPosition, scene: Scene) -> tuple[bool, str, list[str]]:
    """Whether the constraint's relation holds between its subject and reference(s) as drawn; a note saying the
    boxes compared and the rule; the reference nodes."""
    relation, reference = constraint.relation, constraint.reference
    if relation is None or reference is None:
        return True, "", []
    rivals = related_classes(constraint)
    subject = found_things(scene, constraint.subject_kind, constraint.subject, rivals)
    other = found_things(scene, constraint.reference_kind, reference, rivals)
    second = (
        found_things(scene, constraint.reference_kind, constraint.second_reference, rivals)
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
