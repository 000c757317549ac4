"""Composing a scene: a square for every instance of every thing, in scene units, so that the relations hold.

Things joined by a relation of height or depth ("on top of", "above", "under", "inside", "around", "in front of",
"behind") form a tree: the thing on the ground is its root and the others hang off it, each placed by how it
stands to its parent. Every tree is a column; the columns stand side by side on one ground line, in the order
that satisfies the most side-by-side relations ("left of", "next to", "between": `_scene_order`). Things in the
air float above the ground line, things on a wall halfway up. A unit is the side of the largest thing; sizes
come from `_scene_sizes`.

Every drawing stands on the bottom edge of its square and is centred across it, so the painted part of a thing
(estimated from its class's aspect) is known: that is what relations are checked on (`painted_box`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Literal

from tessera.contract import Box
from tessera.contract.reading import Relation
from tessera.planner._scene_order import OrderKind, OrderRule, best_order
from tessera.planner._scene_sizes import Proportions, painted_extent

How = Literal["behind", "tucked", "inside", "on_top", "front", "around", "above"]
_HOWS: tuple[How, ...] = ("behind", "tucked", "inside", "on_top", "front", "around", "above")
_SIDEWAYS: frozenset[Relation] = frozenset({"left_of", "right_of", "next_to", "facing", "between"})

ROW_GAP = 0.32  # of an instance's side: the clear space between instances of one thing (a little over the 0.3 the
# renderer keeps between the cells of a group, so a row drawn as one group lands where it was composed)
MIN_LINE_SIDE = 0.1  # of the largest thing's side: things in a row on top of another break into lines below this
# (twenty candles on a cake stand in three lines along its top, each big enough to see and count)
MAX_LINES = 4
COLUMN_GAP = 0.45  # of the mean side of two neighbouring columns' roots
NEAR_GAP = 0.15  # the same, for two columns that must stand next to each other
ABOVE_GAP = 0.25  # of the parent's side: the air between a thing and what floats above it
SINK = 0.0  # of the parent's side: how far a thing resting on another sinks into its top (not at all: a thing's box
# reaching into the other would carry some of its paint into the count and colour measured in that box)
TUCK_SHARE = 0.6  # of the shelter's painted height: the largest thing under it
INSIDE_SHARE = 0.45  # of the container's painted size: the largest thing inside it
FRONT_OVERLAP = 0.4  # of the front thing's painted width: how much of it covers the thing behind
FRONT_DROP = 0.08  # of the parent's side: how much lower (nearer) a thing in front stands
BEHIND_RISE = 0.15  # of the parent's side: how much higher (further back) a thing behind stands
AROUND_GROWTH = 1.5  # one thing around another is this much bigger than what it surrounds
AIR_LIFT = 0.8  # of the tallest column on the ground: where things in the air float
WALL_LIFT = 0.45  # of the same: where things on a wall hang


@dataclass(frozen=True)
class Thing:
    """A counted thing of the brief as the scene draws it: `size` in units (the largest thing is 1)."""

    key: str
    object_class: str
    count: int
    size: float
    proportions: Proportions


@dataclass(frozen=True)
class Link:
    """A relation of the brief between two things (three for "between"), by thing key."""

    id: str
    relation: Relation
    subject: str
    reference: str
    second: str | None = None


@dataclass(frozen=True)
class Rect:
    """A rectangle in scene units, y growing downwards; the ground line is y = 0."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def moved(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)


@dataclass(frozen=True)
class Placed:
    """One instance of a thing: its square and its depth (higher `z` is drawn over lower)."""

    thing: str
    index: int
    square: Rect
    z: int = 0
    block: bool = False  # one of a thing's instances stacked in lines: they are drawn together as a grid

    def moved(self, dx: float, dy: float, dz: int = 0) -> Placed:
        return replace(self, square=self.square.moved(dx, dy), z=self.z + dz)


@dataclass(frozen=True)
class Composition:
    """Every instance's square, and whether anything stands on the ground (then a floor is drawn)."""

    placed: list[Placed]
    grounded: bool

    def of(self, thing: str) -> list[Placed]:
        return sorted((p for p in self.placed if p.thing == thing), key=lambda p: p.index)


def runs(placed: list[Placed], things: dict[str, Thing]) -> list[list[Placed]]:
    """The instances cut into runs, each drawn as one object group: a thing's instances stacked in lines (a grid),
    or instances of one thing, of one size and depth, side by side at the row gap on one line (a row). A run whose
    box would take in another thing's drawing is split into its instances: a group's box must hold only its own
    drawings for its count to be measured there."""
    found: list[list[Placed]] = []
    for p in sorted(placed, key=lambda p: (p.thing, not p.block, p.z, p.square.y, p.square.w, p.square.x)):
        last = found[-1][-1] if found else None
        if last is not None and (_continues(last, p) or (last.block and p.block and last.thing == p.thing)):
            found[-1].append(p)
        else:
            found.append([p])
    drawings = [(p.thing, painted_rect(p, things[p.thing])) for p in placed]
    return [part for run in found for part in ([run] if _clear(run, drawings) else [[p] for p in run])]


def _clear(run: list[Placed], drawings: list[tuple[str, Rect]]) -> bool:
    """Whether the run's box takes in no part of another thing's drawing."""
    box = union(p.square for p in run)
    slack = 1e-6 * box.h
    return len(run) == 1 or all(
        min(box.right, o.right) - max(box.x, o.x) <= slack or min(box.bottom, o.bottom) - max(box.y, o.y) <= slack
        for thing, o in drawings
        if thing != run[0].thing
    )


def _continues(last: Placed, p: Placed) -> bool:
    a, b = last.square, p.square
    tolerance = 1e-6 * max(1.0, a.w)
    return (
        last.thing == p.thing
        and last.z == p.z
        and not (last.block or p.block)
        and abs(a.y - b.y) < tolerance
        and abs(a.w - b.w) < tolerance
        and abs(b.x - a.right - ROW_GAP * a.w) < 1e-3 * a.w
    )


def painted_rect(placed: Placed, thing: Thing) -> Rect:
    """Where the drawing is expected inside an instance's square: bottom-centred, of its class's aspect."""
    w, h = painted_extent(placed.square.w, thing.proportions.aspect)
    return Rect(placed.square.cx - w / 2, placed.square.bottom - h, w, h)


def union(rects: Iterable[Rect]) -> Rect:
    rects = list(rects)
    x0, y0 = min(r.x for r in rects), min(r.y for r in rects)
    x1, y1 = max(r.right for r in rects), max(r.bottom for r in rects)
    return Rect(x0, y0, x1 - x0, y1 - y0)


def as_box(rect: Rect, scale: float, dx: float = 0.0, dy: float = 0.0) -> Box:
    """A rectangle in scene units as a canvas box: `scale` pixels per unit, then moved by (dx, dy)."""
    x0, y0 = round(rect.x * scale + dx), round(rect.y * scale + dy)
    x1, y1 = round(rect.right * scale + dx), round(rect.bottom * scale + dy)
    return Box(x=x0, y=y0, w=max(1, x1 - x0), h=max(1, y1 - y0))


@dataclass
class _Tree:
    """Which thing hangs off which, and how."""

    parent: dict[str, str] = field(default_factory=dict)
    children: dict[str, dict[How, list[str]]] = field(default_factory=dict)

    def root(self, key: str) -> str:
        while key in self.parent:
            key = self.parent[key]
        return key

    def attach(self, parent: str, child: str, how: How) -> bool:
        """Hang `child` off `parent`; False when it already hangs somewhere or would close a loop."""
        if child in self.parent or child == parent or self.root(parent) == child:
            return False
        self.parent[child] = parent
        self.children.setdefault(parent, {}).setdefault(how, []).append(child)
        return True

    def kids(self, key: str, how: How) -> list[str]:
        return self.children.get(key, {}).get(how, [])

    def members(self, key: str) -> set[str]:
        """The thing and everything hanging off it."""
        found = {key}
        for kids in self.children.get(key, {}).values():
            for kid in kids:
                found |= self.members(kid)
        return found


def _attachment(link: Link, things: dict[str, Thing]) -> tuple[str, str, How] | None:
    """(parent, child, how) for a relation of height or depth; None for a side-by-side one."""
    s, r = link.subject, link.reference
    match link.relation:
        case "on_top_of":
            return r, s, "on_top"
        case "above":
            return r, s, "above"
        case "below":
            return s, r, "above"
        case "under":
            return (r, s, "tucked") if things[r].proportions.shelter else (s, r, "above")
        case "inside":
            return r, s, "inside"
        case "around":
            return r, s, "around"
        case "in_front_of":
            return r, s, "front"
        case "behind":
            return r, s, "behind"
    return None


def compose(things: list[Thing], links: list[Link]) -> Composition:
    """Squares for every instance of `things` (in brief order) so that as many `links` as can hold do."""
    composer = _Composer({t.key: t for t in things}, links)
    return composer.compose([t.key for t in things])


class _Composer:
    def __init__(self, things: dict[str, Thing], links: list[Link]) -> None:
        self.things = things
        self.links = [k for k in links if k.subject in things and k.reference in things]
        self.tree = _Tree()
        for link in self.links:
            attached = _attachment(link, things)
            if attached is not None:
                self.tree.attach(*attached)

    def compose(self, order: list[str]) -> Composition:
        columns = self._columns([key for key in order if key not in self.tree.parent])
        parts = [self._subtree(thing, indices) for _, thing, indices in columns]
        on_ground = [self.things[thing].proportions.place == "ground" for _, thing, _ in columns]
        tallest = max(
            (-union(p.square for p in part).y for part, g in zip(parts, on_ground, strict=True) if g), default=0.0
        )
        placed: list[Placed] = []
        cursor = 0.0
        for n, ((_, thing, _), part) in enumerate(zip(columns, parts, strict=True)):
            part = [p.moved(0, self._lift(thing, tallest)) for p in part]
            extent = union(p.square for p in part)
            if n:
                cursor += self._gap(columns[n - 1][1], thing)
            placed += [p.moved(cursor - extent.x, 0) for p in part]
            cursor += extent.w
        return Composition(placed, grounded=any(on_ground))

    def _lift(self, thing: str, tallest: float) -> float:
        """How far up a column's root stands: nothing for the ground, more for a wall and the air."""
        place, size = self.things[thing].proportions.place, self.things[thing].size
        if place == "air" and tallest > 0:
            return -max(AIR_LIFT * tallest, 0.6 * size)
        if place == "wall" and tallest > 0:
            return -max(WALL_LIFT * tallest, 0.3 * size)
        return 0.0

    # --- columns and their order -------------------------------------------------------------------------------

    def _columns(self, roots: list[str]) -> list[tuple[str, str, range]]:
        """(column key, root thing, its instances) in the order that satisfies the most side-by-side relations.

        A root that something stands between ("a cat between two dogs") is split into two columns, its first
        instances on one side and the rest on the other."""
        split = {
            k.reference
            for k in self.links
            if k.relation == "between" and k.second in (None, k.reference) and k.reference in roots
            and self.things[k.reference].count >= 2
        }  # fmt: skip
        columns: list[tuple[str, str, range]] = []
        for root in roots:
            count = self.things[root].count
            if root in split:
                half = math.ceil(count / 2)
                columns += [(f"{root}#a", root, range(half)), (f"{root}#b", root, range(half, count))]
            else:
                columns.append((root, root, range(count)))
        members = {key: self.tree.members(thing) for key, thing, _ in columns}
        order = best_order([key for key, _, _ in columns], self._rules(members))
        by_key = {key: (key, thing, indices) for key, thing, indices in columns}
        return [by_key[key] for key in order]

    def _rules(self, members: dict[str, set[str]]) -> list[OrderRule]:
        """The side-by-side relations as rules on items (columns, or siblings) holding the things `members` says."""

        def items_of(thing: str) -> list[str]:
            return [item for item, held in members.items() if thing in held]

        rules: list[OrderRule] = []
        for link in (k for k in self.links if k.relation in _SIDEWAYS):
            subjects, references = items_of(link.subject), items_of(link.reference)
            if not subjects or not references or set(subjects) & set(references):
                continue
            subject = subjects[0]
            if link.relation == "between":
                others = items_of(link.second) if link.second not in (None, link.reference) else references[1:]
                if others:
                    rules.append(OrderRule("between", subject, references[0], others[0]))
                continue
            kind: OrderKind = (
                "before" if link.relation == "left_of" else "after" if link.relation == "right_of" else ("adjacent")
            )
            rules += [OrderRule(kind, subject, reference) for reference in references]
        return rules

    def _gap(self, left: str, right: str) -> float:
        """The space between two neighbouring columns (by root thing): small when they must stand together."""
        a, b = self.tree.members(left), self.tree.members(right)
        near = any(
            k.relation in ("next_to", "facing")
            and ((k.subject in a and k.reference in b) or (k.subject in b and k.reference in a))
            for k in self.links
        )
        share = NEAR_GAP if near else COLUMN_GAP
        return share * (self.things[left].size + self.things[right].size) / 2

    # --- one tree -----------------------------------------------------------------------------------------------

    def _row(self, key: str, indices: range, side: float, across: int | None = None) -> list[Placed]:
        """The instances side by side, their bottoms on y = 0, centred on x = 0; with `across` fewer than them, in
        lines of that many stacked upwards, the last line (partial, centred) at the bottom, as a grid is drawn."""
        count = len(indices)
        across = min(count, across or count)
        lines = math.ceil(count / across)
        gap = ROW_GAP * side
        found = []
        for n, i in enumerate(indices):
            line, spot = divmod(n, across)
            in_line = min(across, count - line * across)
            width = in_line * side + (in_line - 1) * gap
            y = -side - (lines - 1 - line) * (side + gap)
            found.append(Placed(key, i, Rect(-width / 2 + spot * (side + gap), y, side, side), block=lines > 1))
        return found

    def _painted(self, placed: list[Placed]) -> Rect:
        return union(painted_rect(p, self.things[p.thing]) for p in placed)

    def _subtree(
        self, key: str, indices: range | None = None, cap: float | None = None, room: float | None = None
    ) -> list[Placed]:
        """The thing's row and everything hanging off it, the row's bottom centre at the origin. With `room`, the
        row is no wider than that, in as many lines as keep its instances biggest."""
        thing = self.things[key]
        side = min(thing.size, cap) if cap else thing.size
        across = None
        if room is not None:
            across, side = self._lines(thing.count, side, room)
        row = self._row(key, indices if indices is not None else range(thing.count), side, across)
        placed = list(row)
        for how in _HOWS:
            kids = self._ordered(self.tree.kids(key, how))
            if kids:
                placed += getattr(self, f"_{how}")(row, placed, kids)
        return placed

    @staticmethod
    def _lines(count: int, side: float, room: float) -> tuple[int, float]:
        """(instances per line, side) for `count` instances no bigger than `side` in a width of `room`: the fewest
        lines (at most four) at which they are still big enough to see and count."""

        def fitted(across: int) -> float:
            return min(side, 0.95 * room / (across + ROW_GAP * (across - 1)))

        options = [math.ceil(count / lines) for lines in range(1, min(MAX_LINES, count) + 1)]
        across = next((a for a in options if fitted(a) >= MIN_LINE_SIDE), options[-1])
        return across, fitted(across)

    def _ordered(self, kids: list[str]) -> list[str]:
        """Siblings in the order that satisfies the most side-by-side relations among them."""
        if len(kids) < 2:
            return kids
        members = {kid: self.tree.members(kid) for kid in kids}
        return best_order(kids, self._rules(members))

    def _behind(self, row: list[Placed], placed: list[Placed], kids: list[str]) -> list[Placed]:
        # One thing stands up and to the left of the parent, a second to the right.
        return self._in_depth(row, kids, rise=-BEHIND_RISE, z=-2, first_left=True)

    def _in_depth(self, row: list[Placed], kids: list[str], *, rise: float, z: int, first_left: bool) -> list[Placed]:
        """Things behind (raised, drawn under) or in front of (lowered, drawn over) the parent: a row stands across
        it with one instance at its middle; single things overlap its sides, alternately from `first_left`'s."""
        base, parent = self._painted(row), row[0].square.w
        found: list[Placed] = []
        for n, kid in enumerate(kids):
            part = self._subtree(kid)
            own = self._painted([p for p in part if p.thing == kid])
            if self.things[kid].count > 1:
                dx = self._middle_on(part, kid, base)
            elif (n % 2 == 0) == first_left:
                dx = base.x + FRONT_OVERLAP * own.w - own.right
            else:
                dx = base.right - FRONT_OVERLAP * own.w - own.x
            found += [p.moved(dx, rise * parent, z) for p in part]
        return found

    def _middle_on(self, part: list[Placed], kid: str, base: Rect) -> float:
        """How far to move a row so that its middle instance stands at the middle of `base` (a row of an even
        number would otherwise leave `base` in the gap between two instances)."""
        own = sorted((p for p in part if p.thing == kid), key=lambda p: p.square.cx)
        return base.cx - own[len(own) // 2].square.cx

    def _tucked(self, row: list[Placed], placed: list[Placed], kids: list[str]) -> list[Placed]:
        shelter = painted_rect(row[0], self.things[row[0].thing])
        cap = min(TUCK_SHARE * shelter.h, 0.8 * shelter.w)
        found: list[Placed] = []
        parts = [self._subtree(kid, cap=cap / max(1, len(kids))) for kid in kids]
        width = sum(union(p.square for p in part).w for part in parts)
        cursor = shelter.cx - width / 2
        for part in parts:
            extent = union(p.square for p in part)
            found += [p.moved(cursor - extent.x, 0, 1) for p in part]
            cursor += extent.w
        return found

    def _inside(self, row: list[Placed], placed: list[Placed], kids: list[str]) -> list[Placed]:
        """Each thing's instances shared out among the container's instances, in a few rows inside each."""
        instances = [(kid, i) for kid in kids for i in range(self.things[kid].count)]
        found: list[Placed] = []
        for n, container in enumerate(row):
            mine = instances[n :: len(row)]
            if not mine:
                continue
            room = painted_rect(container, self.things[container.thing])
            rows = max(1, round(math.sqrt(len(mine) * room.h / max(room.w, 1e-6))))
            across = math.ceil(len(mine) / rows)
            side = min(
                min(self.things[kid].size for kid, _ in mine),
                INSIDE_SHARE * min(room.w, room.h),
                0.8 * room.w / (across + ROW_GAP * (across - 1)),
                0.7 * room.h / (rows + ROW_GAP * (rows - 1)),
            )
            step = side * (1 + ROW_GAP)
            bottom = room.bottom - 0.12 * room.h
            for k, (kid, index) in enumerate(mine):
                line, spot = divmod(k, across)
                in_line = min(across, len(mine) - line * across)
                x = room.cx - (in_line * side + (in_line - 1) * ROW_GAP * side) / 2 + spot * step
                found.append(Placed(kid, index, Rect(x, bottom - side - line * step, side, side), 1))
        return found

    def _on_top(self, row: list[Placed], placed: list[Placed], kids: list[str]) -> list[Placed]:
        surface = self._painted(row)
        parent = row[0].square.w
        parts = [self._subtree(kid, room=surface.w / len(kids)) for kid in kids]
        widths = [union(p.square for p in part).w for part in parts]
        cursor = surface.cx - sum(widths) / 2
        found: list[Placed] = []
        for part, width in zip(parts, widths, strict=True):
            extent = union(p.square for p in part)
            found += [p.moved(cursor - extent.x, surface.y + SINK * parent, 1) for p in part]
            cursor += width
        return found

    def _front(self, row: list[Placed], placed: list[Placed], kids: list[str]) -> list[Placed]:
        # One thing stands down and to the right of the parent, a second to the left.
        return self._in_depth(row, kids, rise=FRONT_DROP, z=2, first_left=False)

    def _around(self, row: list[Placed], placed: list[Placed], kids: list[str]) -> list[Placed]:
        base = self._painted(row)
        found: list[Placed] = []
        for kid in kids:
            thing = self.things[kid]
            if thing.count == 1:
                side = max(thing.size, AROUND_GROWTH * max(base.w, base.h))
                _, h = painted_extent(side, thing.proportions.aspect)
                bottom = base.cy + h / 2
                found.append(Placed(kid, 0, Rect(base.cx - side / 2, bottom - side, side, side), -3))
            elif self._flanks(thing, base):
                found += self._flanking(kid, base)
            else:
                found += self._ring(kid, base)
        return found

    def _flanks(self, thing: Thing, base: Rect) -> bool:
        """Whether things around a thing on the ground stand beside it on the ground (chairs around a table):
        they do when they are things of the ground and tall enough to reach its middle."""
        return thing.proportions.place == "ground" and base.bottom >= 0 and thing.size >= 0.55 * base.h

    def _flanking(self, kid: str, base: Rect) -> list[Placed]:
        """The instances on the ground, alternately right and left of `base`, each side growing outwards."""
        side = self.things[kid].size
        step = side * (1 + ROW_GAP)
        placed = []
        for k in range(self.things[kid].count):
            outward = k // 2
            if k % 2 == 0:
                x = base.right + ROW_GAP * side + outward * step
            else:
                x = base.x - ROW_GAP * side - side - outward * step
            placed.append(Placed(kid, k, Rect(x, -side, side, side), 1))
        return placed

    def _ring(self, kid: str, base: Rect) -> list[Placed]:
        """The instances on an arc from the left of `base` over its top to its right, none touching."""
        thing = self.things[kid]
        side, n = thing.size, thing.count
        a, b = base.w / 2 + side * (0.5 + ROW_GAP), base.h / 2 + side * (0.5 + ROW_GAP)
        for _ in range(40):
            centres = [
                (base.cx + a * math.cos(math.pi * (1 - k / (n - 1))), base.cy - b * math.sin(math.pi * k / (n - 1)))
                for k in range(n)
            ]
            if all(
                max(abs(p[0] - q[0]), abs(p[1] - q[1])) >= side * (1 + ROW_GAP)
                for i, p in enumerate(centres)
                for q in centres[i + 1 :]
            ):
                break
            a, b = a * 1.12, b * 1.12
        return [Placed(kid, k, Rect(x - side / 2, y - side / 2, side, side), 1) for k, (x, y) in enumerate(centres)]

    def _above(self, row: list[Placed], placed: list[Placed], kids: list[str]) -> list[Placed]:
        top = min(p.square.y for p in placed)
        centre = self._painted(row).cx
        parts = [self._subtree(kid) for kid in kids]
        gap = ABOVE_GAP * row[0].square.w
        widths = [union(p.square for p in part).w for part in parts]
        cursor = centre - (sum(widths) + gap * (len(parts) - 1)) / 2
        found: list[Placed] = []
        for part, width in zip(parts, widths, strict=True):
            extent = union(p.square for p in part)
            found += [p.moved(cursor - extent.x, top - gap - extent.bottom) for p in part]
            cursor += width + gap
        return found
