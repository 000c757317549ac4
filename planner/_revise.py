"""Revising a plan from a verification report: each failure or lint error turns into a concrete edit and a note."""

from __future__ import annotations

from tessera.planner._colors import worst_contrast
from tessera.planner._palette import MIN_CONTRAST, background_of, ink_for, panel_fill_for
from tessera.planner._picture_layout import Z_BACKGROUND_PICTURE, is_background
from tessera.planner._space import free_spot
from tessera.contract import PlanError
from tessera.contract import (
    Box,
    Constraints,
    Element,
    GradientBackground,
    LayoutPlan,
    ObjectGroup,
    PictureElement,
    Region,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    ShapeElement,
    TextElement,
)
from tessera.contract import ConstraintCheck, LintFinding, VerificationReport

_SHRINK_STEPS = (1.0, 0.85, 0.7, 0.55, 0.4)


def _describe(element: Element) -> str:
    if isinstance(element, TextElement):
        return f"{element.role} '{element.text[:60]}'"
    if isinstance(element, ObjectGroup):
        return f"group '{element.id}'"
    if isinstance(element, PictureElement):
        return f"picture '{element.id}'"
    return f"shape '{element.id}'"


def _kind(element: Element) -> str:
    return {"text": "text", "objects": "group", "shape": "shape", "picture": "picture"}[element.kind]


def _quoted(measured: str) -> str:
    return measured if measured[:1] in "'\"" else f"'{measured[:80]}'"


class _Editor:
    """A mutable working copy of a plan's elements, with the moves revision needs."""

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
        return self.elements.get(element_id)

    def behind(self, text: TextElement) -> list[str]:
        """The colours under a text: a panel below it, else the background."""
        for other in self.elements.values():
            if isinstance(other, ShapeElement) and other.z < text.z and other.fill and other.box.intersection(text.box):
                inter = other.box.intersection(text.box)
                if inter and inter.area >= 0.9 * text.box.area:
                    return [other.fill]
        if isinstance(self.background, GradientBackground):
            return [self.background.start, self.background.end]
        return [self.background.color]

    def elements_for(self, check: ConstraintCheck) -> list[Element]:
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
        if kind == "text":
            return [e for e in self.elements.values() if isinstance(e, TextElement) and e.text == subject]
        return [e for e in self.elements.values() if isinstance(e, ObjectGroup) and e.object_class == subject]

    def boxes_except(self, *ids: str) -> list[Box]:
        """The boxes everything else must keep clear of; a background picture is under everything, so none."""
        return [e.box for e in self.elements.values() if e.id not in ids and not self.is_backdrop(e)]

    def is_backdrop(self, element: Element) -> bool:
        return isinstance(element, PictureElement) and is_background(element.box, self.plan.canvas)

    def pictures_under(self, text: TextElement) -> list[PictureElement]:
        return [
            e
            for e in self.elements.values()
            if isinstance(e, PictureElement) and e.z < text.z and e.box.intersection(text.box) is not None
        ]

    # --- changing things ---

    def update(self, element_id: str, **changes: object) -> None:
        self.elements[element_id] = self.elements[element_id].model_copy(update=changes)

    def content_area(self) -> Box:
        inset = round(0.04 * min(self.width, self.height))
        return Box(x=inset, y=inset, w=self.width - 2 * inset, h=self.height - 2 * inset)

    def move_to_free(
        self, element_id: str, area: Box | None = None, near: tuple[float, float] | None = None
    ) -> Box | None:
        """Move an element to the nearest free space (shrinking it if it must); None when there is none."""
        element = self.elements[element_id]
        obstacles = self.boxes_except(element_id)
        pad = max(4, round(0.01 * min(self.width, self.height)))
        for region in [area] if area else [self.content_area(), None]:
            for factor in _SHRINK_STEPS:
                size = (max(1, round(element.box.w * factor)), max(1, round(element.box.h * factor)))
                spot = free_spot(self.width, self.height, obstacles, size, near or element.box.center, region, pad)
                if spot is not None:
                    self.update(element_id, box=spot)
                    return spot
        return None

    def clear_off(self, occluder: Element, target: Element, reason: str) -> None:
        """Get `occluder` off `target`'s box: trim or move it, or else put it behind."""
        if isinstance(occluder, PictureElement) and isinstance(target, TextElement):
            self._uncover(occluder, target, reason)
            return
        if isinstance(occluder, TextElement) and self._trim(occluder, target):
            self.notes.append(f"trimmed text '{occluder.text[:40]}' clear of {_describe(target)}: {reason}")
            return
        if self.move_to_free(occluder.id, near=_away_from(occluder.box, target.box)) is not None:
            self.notes.append(f"moved {_kind(occluder)} '{occluder.id}' off {_describe(target)}: {reason}")
            return
        if isinstance(occluder, ShapeElement) and isinstance(target, TextElement):
            self.update(occluder.id, z=max(0, target.z - 1))
            self.notes.append(f"lowered shape '{occluder.id}' behind {_describe(target)}: {reason}")
            self._fix_contrast(self.elements[target.id], reason="it now sits on the shape")  # type: ignore[arg-type]
            return
        strip = _largest_strip(occluder.box, target.box)
        if strip is not None:
            self.update(occluder.id, box=strip)
            self.notes.append(f"shrank {_kind(occluder)} '{occluder.id}' out of {_describe(target)}: {reason}")
            return
        self.notes.append(f"could not find room to move {_kind(occluder)} '{occluder.id}' off {_describe(target)}")

    def _uncover(self, picture: PictureElement, text: TextElement, reason: str) -> None:
        """A text hidden under a picture: move the words off it, or else put the picture behind them on a panel."""
        if not self.is_backdrop(picture) and self.move_to_free(text.id, near=_away_from(text.box, picture.box)):
            self.notes.append(f"moved {_describe(text)} off picture '{picture.id}': {reason}")
            return
        z = Z_BACKGROUND_PICTURE if self.is_backdrop(picture) else max(0, min(picture.z, text.z - 2))
        self.update(picture.id, z=z)
        self.notes.append(f"put picture '{picture.id}' behind {_describe(text)}: {reason}")
        self._fix_contrast(self.elements[text.id], reason="it now sits on the picture")  # type: ignore[arg-type]

    def _trim(self, lower: TextElement, upper: Element) -> bool:
        """Shorten a text box so it stops at the other's edge, when it keeps most of its height."""
        gap = max(2, round(0.01 * self.height))
        box = lower.box
        if box.center[1] >= upper.box.center[1]:
            top = upper.box.bottom + gap
            new = Box(x=box.x, y=top, w=box.w, h=max(1, box.bottom - top))
        else:
            new = Box(x=box.x, y=box.y, w=box.w, h=max(1, upper.box.y - gap - box.y))
        if new.h < 0.7 * box.h or any(
            new.intersection(b) for b in self.boxes_except(lower.id, *self._panels_under(lower))
        ):
            return False
        self.update(lower.id, box=new)
        return True

    def _panels_under(self, text: TextElement) -> list[str]:
        return [
            e.id
            for e in self.elements.values()
            if isinstance(e, ShapeElement) and e.z < text.z and e.box.intersection(text.box) is not None
        ]

    def occluders_of(self, target: Element) -> list[Element]:
        """Elements drawn over (or into) a box: anything overlapping it except lower shapes such as panels."""
        found = []
        for other in self.elements.values():
            if other.id == target.id or other.box.intersection(target.box) is None:
                continue
            if isinstance(other, ShapeElement) and other.z < target.z:
                continue
            if self.is_backdrop(other) and other.z < target.z:
                continue  # words over a background picture are the design, not a clash
            if isinstance(other, ShapeElement) and other.id == f"{target.id}-panel":
                continue
            found.append(other)
        return found

    def enlarge_text(self, text: TextElement, reason: str, bold: bool) -> None:
        """Give a text box more room (taking it from neighbours if needed) and, for unreadable text, a bold weight."""
        factor = 1.15 + 0.1 * self.attempt
        others = [b for b in self.boxes_except(text.id, *self._panels_under(text))]
        box = text.box
        wide = Box(x=self.margin, y=box.y, w=self.width - 2 * self.margin, h=box.h)
        if wide.w > box.w and not any(wide.intersection(b) for b in others):
            box = wide
        gap = max(2, round(0.01 * self.height))
        above = (
            max([b.bottom for b in others if _spans_overlap(b, box) and b.bottom <= box.y] + [self.margin // 2]) + gap
        )
        below = (
            min(
                [b.y for b in others if _spans_overlap(b, box) and b.y >= box.bottom] + [self.height - self.margin // 2]
            )
            - gap
        )
        want = round(box.h * factor) - box.h
        up = min(max(0, box.y - above), want // 2)
        down = min(max(0, below - box.bottom), want - up)
        up = min(max(0, box.y - above), want - down)
        if up + down < want:
            down += self._take_from_below(box, want - up - down, others)
        new = Box(x=box.x, y=box.y - up, w=box.w, h=box.h + up + down)
        changes: dict[str, object] = {"box": new, "font_size": None}
        if new.h > text.box.h:
            changes["max_font_size"] = min(800, round(text.max_font_size * min(factor, new.h / text.box.h)))
            changes["max_font_size"] = self._below_headline(text, int(changes["max_font_size"]))  # type: ignore[arg-type]
        if bold:
            changes["font_weight"] = "bold"
        self.update(text.id, **changes)
        for panel in self._panels_under(text):
            panel_box = self.elements[panel].box
            grown = Box(
                x=min(panel_box.x, new.x),
                y=min(panel_box.y, new.y),
                w=max(panel_box.right, new.right) - min(panel_box.x, new.x),
                h=max(panel_box.bottom, new.bottom) - min(panel_box.y, new.y),
            )
            self.update(panel, box=grown)
        what = "enlarged" + (" and boldened" if bold else "")
        self.notes.append(f"{what} {_describe(text)} to {new.w}x{new.h} px: {reason}")

    def _below_headline(self, text: TextElement, size: int) -> int:
        if text.role == "headline":
            return size
        headlines = [
            e.max_font_size for e in self.elements.values() if isinstance(e, TextElement) and e.role == "headline"
        ]
        return max(8, min(size, min(headlines) - 2)) if headlines else size

    def _take_from_below(self, box: Box, need: int, others: list[Box]) -> int:
        """Shorten the element just below `box` from its top; returns the pixels gained."""
        below = [
            e
            for e in self.elements.values()
            if e.box.y >= box.bottom and _spans_overlap(e.box, box) and e.box in others
        ]
        if not below:
            return 0
        neighbour = min(below, key=lambda e: e.box.y)
        if isinstance(neighbour, ShapeElement):
            return 0
        spare = neighbour.box.y - box.bottom
        take = min(need - max(0, spare - 2), round(0.25 * neighbour.box.h))
        if take <= 0:
            return max(0, min(need, spare - 2))
        b = neighbour.box
        self.update(neighbour.id, box=Box(x=b.x, y=b.y + take, w=b.w, h=b.h - take))
        return max(0, spare - 2) + take

    def _fix_contrast(self, text: TextElement, reason: str) -> None:
        if self.pictures_under(text) and not self._panels_under(text):
            self._add_panel(text, panel_fill_for(text.color))
            self.notes.append(f"added a panel behind {_describe(text)} so it reads over the picture: {reason}")
            return
        behind = self.behind(text)
        if worst_contrast(text.color, behind) >= MIN_CONTRAST:
            return
        if self._color_is_required(text):
            fill = panel_fill_for(text.color)
            self._add_panel(text, fill)
            self.notes.append(
                f"added a {fill} panel behind {_describe(text)} so its required colour {text.color} reads: {reason}"
            )
        else:
            color = ink_for(behind)
            self.update(text.id, color=color)
            self.notes.append(
                f"switched {_describe(text)} from {text.color} to {color} "
                f"({worst_contrast(color, behind):.1f}:1 contrast): {reason}"
            )

    def _add_panel(self, text: TextElement, fill: str) -> None:
        """A panel of `fill` right under the text (or the text's panel refilled)."""
        panel_id = f"{text.id}-panel"[:40]
        if panel_id in self.elements:
            self.update(panel_id, fill=fill)
            return
        self.elements[panel_id] = ShapeElement(
            id=panel_id,
            box=text.box,
            z=max(0, text.z - 1),
            shape="rounded_rectangle",
            fill=fill,
            corner_radius=text.box.h // 4,
        )
        self.order.insert(self.order.index(text.id), panel_id)

    def _color_is_required(self, text: TextElement) -> bool:
        return any(
            isinstance(c, RequiredColor)
            and c.target == "text"
            and c.subject in (None, text.text)
            and c.color.upper() == text.color.upper()
            for c in self.constraints.items
        )

    def region_box(self, region: Region) -> Box:
        """The part of the canvas (inside margins) a region names: a third of it, or a corner ninth."""
        m = self.margin
        cw, ch = (self.width - 2 * m) / 3, (self.height - 2 * m) / 3
        full_w, full_h = self.width - 2 * m, self.height - 2 * m
        if region == "top":
            return Box(x=m, y=m, w=full_w, h=round(ch))
        if region == "bottom":
            return Box(x=m, y=round(m + 2 * ch), w=full_w, h=round(ch))
        if region == "left":
            return Box(x=m, y=m, w=round(cw), h=full_h)
        if region == "right":
            return Box(x=round(m + 2 * cw), y=m, w=round(cw), h=full_h)
        if region == "center":
            return Box(x=round(m + cw), y=round(m + ch), w=round(cw), h=round(ch))
        vertical, _, horizontal = region.partition("-")
        row = 0 if vertical == "top" else 2
        col = 0 if horizontal == "left" else 2
        return Box(x=round(m + col * cw), y=round(m + row * ch), w=round(cw), h=round(ch))

    def clamp(self, element_id: str) -> bool:
        box = self.elements[element_id].box
        w, h = min(box.w, self.width), min(box.h, self.height)
        x, y = min(max(box.x, 0), self.width - w), min(max(box.y, 0), self.height - h)
        if (x, y, w, h) == (box.x, box.y, box.w, box.h):
            return False
        self.update(element_id, box=Box(x=x, y=y, w=w, h=h))
        return True

    def result(self, rationale: str) -> LayoutPlan:
        for element_id in self.elements:
            if element_id not in self.order:
                self.order.append(element_id)
        data = self.plan.model_dump()
        data["background"] = self.background.model_dump()
        data["elements"] = [self.elements[i].model_dump() for i in self.order]
        data["rationale"] = rationale[:2000]
        return LayoutPlan.model_validate(data)


def _spans_overlap(a: Box, b: Box) -> bool:
    return a.x < b.right and b.x < a.right


def _away_from(box: Box, target: Box) -> tuple[float, float]:
    """A point on the far side of `box` from `target`, so moves go away from what they covered."""
    (cx, cy), (tx, ty) = box.center, target.center
    return (cx + (cx - tx), cy + (cy - ty))


def _largest_strip(box: Box, hole: Box) -> Box | None:
    """The biggest part of `box` left of, right of, above or below `hole`, if it keeps at least 40% of each edge."""
    strips = [
        Box(x=box.x, y=box.y, w=max(1, hole.x - box.x), h=box.h),
        Box(x=hole.right, y=box.y, w=max(1, box.right - hole.right), h=box.h),
        Box(x=box.x, y=box.y, w=box.w, h=max(1, hole.y - box.y)),
        Box(x=box.x, y=hole.bottom, w=box.w, h=max(1, box.bottom - hole.bottom)),
    ]
    usable = [s for s in strips if s.w >= 0.4 * box.w and s.h >= 0.4 * box.h and s.intersection(hole) is None]
    return max(usable, key=lambda s: s.area, default=None)


# --- handlers --------------------------------------------------------------------------------------------------


def _fix_text(editor: _Editor, text: TextElement, reason: str, bold: bool) -> None:
    occluders = editor.occluders_of(text)
    if occluders:
        for occluder in occluders:
            current = editor.get(occluder.id)
            if current is not None and current.box.intersection(editor.elements[text.id].box):
                editor.clear_off(current, editor.elements[text.id], reason)
    else:
        editor.enlarge_text(text, reason, bold=bold)


def _fix_count(editor: _Editor, group: ObjectGroup, reason: str) -> None:
    for occluder in editor.occluders_of(group):
        current_group = editor.elements[group.id]
        if occluder.box.intersection(current_group.box) is None:
            continue  # an earlier move already cleared it
        # Text is placed with care; move the sprites rather than the words when there is room.
        if (
            isinstance(occluder, TextElement)
            and editor.move_to_free(group.id, near=current_group.box.center) is not None
        ):
            editor.notes.append(f"moved group '{group.id}' clear of {_describe(occluder)}: {reason}")
            continue
        editor.clear_off(occluder, current_group, reason)
    current = editor.elements[group.id]
    assert isinstance(current, ObjectGroup)
    factor = 1.15 + 0.1 * editor.attempt
    grid = current.count > 8 or (current.count > 5 and editor.attempt >= 2)
    arrangement = "grid" if grid else current.arrangement
    obstacles = editor.boxes_except(group.id)
    pad = max(4, round(0.01 * min(editor.width, editor.height)))
    area = editor.content_area()
    w, h = current.box.w, current.box.h
    sizes = [
        (round(w * factor), round(h * factor)),
        (min(area.w, round(w * factor)), round(h * factor)),
        (w, round(h * factor)),
    ]
    spot = None
    for size in sizes:
        spot = free_spot(editor.width, editor.height, obstacles, size, current.box.center, area, pad)
        if spot is not None:
            break
    if spot is not None:
        editor.update(group.id, box=spot, arrangement=arrangement)
        editor.notes.append(
            f"gave group '{group.id}' a {spot.w}x{spot.h} box ({arrangement}) to space its {current.count} sprites: {reason}"
        )
    elif arrangement != current.arrangement:
        editor.update(group.id, arrangement=arrangement)
        editor.notes.append(f"set group '{group.id}' to a grid to space its {current.count} sprites: {reason}")


def _fix_color(editor: _Editor, constraint: RequiredColor, reason: str) -> None:
    if constraint.target == "background":
        inks = [e.color for e in editor.elements.values() if isinstance(e, TextElement)]
        editor.background = background_of(constraint.color, inks or ["#111111"])
        editor.notes.append(f"set the background to {constraint.color} as the brief asks: {reason}")
        for element in list(editor.elements.values()):
            if isinstance(element, TextElement):
                editor._fix_contrast(element, reason="the background changed")
    elif constraint.target == "objects":
        for group in editor.subject_elements("objects", constraint.subject or ""):
            editor.update(group.id, color=constraint.color)
            editor.notes.append(f"tinted group '{group.id}' {constraint.color}: {reason}")
    elif constraint.target == "text":
        targets = [
            e for e in editor.elements.values() if isinstance(e, TextElement) and constraint.subject in (None, e.text)
        ]
        for text in targets:
            editor.update(text.id, color=constraint.color)
            editor.notes.append(f"set {_describe(text)} to {constraint.color}: {reason}")
            editor._fix_contrast(
                editor.elements[text.id], reason="the required colour is hard to read on the background"
            )  # type: ignore[arg-type]
    else:
        bar = editor.get("accent-bar")
        if isinstance(bar, ShapeElement):
            editor.update(bar.id, fill=constraint.color)
            editor.notes.append(f"filled the accent bar with {constraint.color}: {reason}")
            return
        size = (max(40, round(0.16 * editor.width)), max(4, round(0.008 * min(editor.width, editor.height))))
        headline = next(
            (e for e in editor.elements.values() if isinstance(e, TextElement) and e.role == "headline"), None
        )
        near = (
            (editor.width / 2, headline.box.bottom + size[1] * 3)
            if headline
            else (editor.width / 2, editor.height * 0.9)
        )
        spot = free_spot(editor.width, editor.height, editor.boxes_except(), size, near, editor.content_area(), 4)
        if spot is not None:
            editor.elements["accent-bar"] = ShapeElement(
                id="accent-bar",
                box=spot,
                z=3,
                shape="rounded_rectangle",
                fill=constraint.color,
                corner_radius=spot.h // 2,
            )
            editor.notes.append(f"added an accent bar in {constraint.color}: {reason}")


def _fix_position(editor: _Editor, constraint: RequiredPosition, reason: str) -> None:
    for element in editor.subject_elements(constraint.subject_kind, constraint.subject):
        m = editor.margin
        if constraint.region:
            area = editor.region_box(constraint.region)
            where = f"the {constraint.region} region"
        elif constraint.relation and constraint.reference:
            reference = editor.subject_elements("text", constraint.reference)
            if not reference:
                continue
            ref = reference[0].box
            gap = max(4, round(0.02 * editor.height))
            if constraint.relation == "below":
                area = Box(
                    x=m,
                    y=min(editor.height - 2, ref.bottom + gap),
                    w=editor.width - 2 * m,
                    h=max(1, editor.height - m - ref.bottom - gap),
                )
            else:
                area = Box(x=m, y=m, w=editor.width - 2 * m, h=max(1, ref.y - gap - m))
            where = f"{constraint.relation} '{constraint.reference[:40]}'"
        else:
            continue
        # Aim for the middle of the area, so the element's centre lands well inside it.
        spot = editor.move_to_free(element.id, area=area, near=area.center)
        if spot is not None:
            editor.notes.append(f"moved {_describe(element)} into {where}: {reason}")
        else:
            editor.notes.append(f"found no free room to move {_describe(element)} into {where}")


def _reason(check: ConstraintCheck) -> str:
    if check.kind == "text":
        return f"OCR read {_quoted(check.measured)}" if check.measured else "OCR could not read it"
    return f"expected {check.expected[:80]}, measured {check.measured[:80]}"


def _handle_check(editor: _Editor, check: ConstraintCheck) -> None:
    constraint = next((c for c in editor.constraints.items if c.id == check.constraint_id), None)
    targets = editor.elements_for(check)
    reason = _reason(check)
    if check.kind == "text":
        for text in (t for t in targets if isinstance(t, TextElement)):
            _fix_text(editor, editor.elements[text.id], reason, bold=True)  # type: ignore[arg-type]
    elif check.kind == "count":
        for group in (g for g in targets if isinstance(g, ObjectGroup)):
            _fix_count(editor, group, reason)
    elif check.kind == "color" and isinstance(constraint, RequiredColor):
        _fix_color(editor, constraint, reason)
    elif check.kind == "position" and isinstance(constraint, RequiredPosition):
        _fix_position(editor, constraint, reason)


def _handle_lint(editor: _Editor, finding: LintFinding) -> None:
    element = editor.get(finding.element_id)
    other = editor.get(finding.other_id) if finding.other_id else None
    reason = finding.message
    if finding.code == "off_canvas":
        ids = [finding.element_id] if element else list(editor.elements)
        for element_id in ids:
            if editor.clamp(element_id):
                editor.notes.append(
                    f"pulled {_kind(editor.elements[element_id])} '{element_id}' back onto the canvas: {reason}"
                )
    elif finding.code == "low_contrast" and isinstance(element, TextElement):
        editor._fix_contrast(element, reason)
    elif finding.code == "text_clipped" and isinstance(element, TextElement):
        editor.enlarge_text(element, reason, bold=False)
    elif finding.code == "text_overlap" and element is not None:
        text, occluder = (element, other) if isinstance(element, TextElement) else (other, element)
        if isinstance(text, TextElement) and occluder is not None:
            if isinstance(occluder, TextElement) and occluder.box.center[1] < text.box.center[1]:
                text, occluder = occluder, text  # trim the lower of two texts
            editor.clear_off(occluder, text, reason)
        elif isinstance(text, TextElement):
            _fix_text(editor, text, reason, bold=False)
    elif finding.code == "object_overlap" and element is not None:
        mover = other or element
        if editor.move_to_free(mover.id) is not None:
            editor.notes.append(
                f"moved {_kind(mover)} '{mover.id}' off '{element.id if mover is other else finding.other_id}': {reason}"
            )


def _carried(plan: LayoutPlan) -> tuple[list[str], list[tuple[str, int]]]:
    return sorted(t.text for t in plan.texts()), sorted((g.object_class, g.count) for g in plan.object_groups())


def revise_plan(
    plan: LayoutPlan, constraints: Constraints, report: VerificationReport, *, attempt: int
) -> tuple[LayoutPlan, list[str]]:
    """The plan edited to address the report's failures and lint errors, and a note for every edit."""
    editor = _Editor(plan, constraints, attempt)
    for check in report.failures():
        _handle_check(editor, check)
    for finding in report.errors():
        _handle_lint(editor, finding)
    for element_id in list(editor.elements):
        if editor.clamp(element_id):
            editor.notes.append(f"pulled '{element_id}' back onto the canvas after the other changes")
    if not report.failures() and not report.errors():
        editor.notes.append("the report passed, so the plan is unchanged")
    elif not editor.notes:
        editor.notes.append("found nothing in the plan to change for the report's failures")
    summary = f" Revision {attempt}: {len(editor.notes)} change(s) for {report.summary()}."
    revised = editor.result(plan.rationale[: 2000 - len(summary)] + summary)
    if _carried(revised) != _carried(plan):
        raise PlanError("revision changed a required string or count; this is a bug in the rule planner")
    return revised, editor.notes
