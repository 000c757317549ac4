"""The plan being revised: a mutable working copy of its elements, what revision looks up in it, and its notes."""

from __future__ import annotations

from tessera.contract import (
    Box,
    ConstraintCheck,
    Constraints,
    Element,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    ShapeElement,
    TextElement,
    backdrop_colors,
)
from tessera.planner._picture_layout import is_background

PANEL_SHARE = 0.5  # of a text's box that a shape below it must lie behind to be its panel


def describe(element: Element) -> str:
    """How a note names an element: a text by its role and words, anything else by its id."""
    if isinstance(element, TextElement):
        return f"{element.role} '{element.text[:60]}'"
    if isinstance(element, ObjectGroup):
        return f"group '{element.id}'"
    if isinstance(element, PictureElement):
        return f"picture '{element.id}'"
    return f"shape '{element.id}'"


def kind_name(element: Element) -> str:
    """The word a note uses for an element's kind."""
    return {"text": "text", "objects": "group", "shape": "shape", "picture": "picture"}.get(element.kind, element.kind)


class PlanDraft:
    """A mutable working copy of a plan's elements, with the lookups revision needs and a note for every edit."""

    def __init__(self, plan: LayoutPlan, constraints: Constraints, attempt: int) -> None:
        self.plan = plan
        self.constraints = constraints
        self.attempt = max(1, attempt)
        self.width, self.height = plan.canvas.width, plan.canvas.height
        self.margin = round(0.06 * min(self.width, self.height))
        self.order = [e.id for e in plan.elements]
        self.elements: dict[str, Element] = {e.id: e for e in plan.elements}
        self.background = plan.background
        self.notes: list[str] = []

    # --- looking things up ---

    def get(self, element_id: str) -> Element | None:
        """The current version of an element; None when there is none."""
        return self.elements.get(element_id)

    def text(self, element_id: str) -> TextElement:
        """The current version of a text element (edits replace elements, so earlier references go stale)."""
        element = self.elements[element_id]
        assert isinstance(element, TextElement)
        return element

    def behind(self, text: TextElement) -> list[str]:
        """The colours under a text: a panel below it, else the background."""
        for other in self.elements.values():
            if (
                isinstance(other, ShapeElement)
                and other.z < text.z
                and other.fill
                and other.placed_box.intersection(text.placed_box)
            ):
                inter = other.placed_box.intersection(text.placed_box)
                if inter and inter.area >= 0.9 * text.placed_box.area:
                    return [other.fill]
        return backdrop_colors(self.background)

    def elements_for(self, check: ConstraintCheck) -> list[Element]:
        """The elements a failed check is about: the ones it names, else those that carry its constraint."""
        found = [self.elements[i] for i in check.element_ids if i in self.elements]
        if found:
            return found
        constraint = next((c for c in self.constraints.items if c.id == check.constraint_id), None)
        if isinstance(constraint, RequiredText):
            return [e for e in self.elements.values() if isinstance(e, TextElement) and e.text == constraint.text]
        if isinstance(constraint, RequiredCount):
            return [
                e
                for e in self.elements.values()
                if isinstance(e, ObjectGroup)
                and e.object_class == constraint.object_class
                and e.count == constraint.count
            ]
        if isinstance(constraint, RequiredPosition):
            return self.subject_elements(constraint.subject_kind, constraint.subject)
        if isinstance(constraint, RequiredColor) and constraint.subject:
            kind = "objects" if constraint.target == "objects" else "text"
            return self.subject_elements(kind, constraint.subject)
        return []

    def subject_elements(self, kind: str, subject: str) -> list[Element]:
        """The texts with exactly these words, or the object groups of this class."""
        if kind == "text":
            return [e for e in self.elements.values() if isinstance(e, TextElement) and e.text == subject]
        return [e for e in self.elements.values() if isinstance(e, ObjectGroup) and e.object_class == subject]

    def boxes_except(self, *ids: str) -> list[Box]:
        """The boxes everything else must keep clear of; a background picture is under everything, so none."""
        return [e.placed_box for e in self.elements.values() if e.id not in ids and not self.is_backdrop(e)]

    def is_backdrop(self, element: Element) -> bool:
        """Whether the element is a picture covering the canvas, under everything else."""
        return isinstance(element, PictureElement) and is_background(element.placed_box, self.plan.canvas)

    def pictures_under(self, text: TextElement) -> list[PictureElement]:
        """The pictures drawn below a text that its box overlaps."""
        return [
            e
            for e in self.elements.values()
            if isinstance(e, PictureElement) and e.z < text.z and e.placed_box.intersection(text.placed_box) is not None
        ]

    def panels_under(self, text: TextElement) -> list[str]:
        """The ids of the shapes drawn below a text that lie behind at least half of its box: its panels, not a
        rule or a border line it merely crosses (growing a panel with its text must not turn a line into a slab)."""
        area = max(1, text.placed_box.w * text.placed_box.h)
        return [
            e.id
            for e in self.elements.values()
            if isinstance(e, ShapeElement)
            and e.z < text.z
            and (shared := e.placed_box.intersection(text.placed_box)) is not None
            and shared.w * shared.h >= PANEL_SHARE * area
        ]

    def occluders_of(self, target: Element) -> list[Element]:
        """Elements drawn over (or into) a box: anything overlapping it except lower shapes such as panels."""
        found = []
        for other in self.elements.values():
            if other.id == target.id or other.placed_box.intersection(target.placed_box) is None:
                continue
            if isinstance(other, ShapeElement) and other.z < target.z:
                continue
            if self.is_backdrop(other) and other.z < target.z:
                continue  # words over a background picture are the design, not a clash
            if isinstance(other, ShapeElement) and other.id == f"{target.id}-panel":
                continue
            found.append(other)
        return found

    def content_area(self) -> Box:
        """The canvas inside a thin inset, where moved elements go."""
        inset = round(0.04 * min(self.width, self.height))
        return Box(x=inset, y=inset, w=self.width - 2 * inset, h=self.height - 2 * inset)

    # --- changing things ---

    def update(self, element_id: str, **changes: object) -> None:
        """Replace an element by a copy with `changes`."""
        self.elements[element_id] = self.elements[element_id].model_copy(update=changes)

    def clamp(self, element_id: str) -> bool:
        """Pull an element's box wholly onto the canvas (shrinking it to the canvas if it is bigger); whether it
        moved."""
        box = self.elements[element_id].placed_box
        w, h = min(box.w, self.width), min(box.h, self.height)
        x, y = min(max(box.x, 0), self.width - w), min(max(box.y, 0), self.height - h)
        if (x, y, w, h) == (box.x, box.y, box.w, box.h):
            return False
        self.update(element_id, box=Box(x=x, y=y, w=w, h=h))
        return True

    def result(self, rationale: str) -> LayoutPlan:
        """The edited plan, elements in their drawing order (new ones where they were inserted, else last)."""
        for element_id in self.elements:
            if element_id not in self.order:
                self.order.append(element_id)
        edited = self.plan.with_elements([self.elements[i] for i in self.order])
        return edited.model_copy(update={"background": self.background, "rationale": rationale[:2000]})
