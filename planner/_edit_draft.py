"""The edit in progress: the plan's JSON as the clauses so far left it, the patch that got it there, and the
constraints as they now stand.

Each clause writes its operations against the document as the clauses before it left it (paths such as
'/root/children/1/children/0/text' are found afresh each time), so the patch applies in order to the stored plan.
A clause the draft cannot carry out raises `ClauseRefused`; the editor then refuses the whole instruction.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import jsonpatch
import jsonpointer

from tessera.contract import Constraint, Constraints, LayoutPlan, SourceSpan
from tessera.contract.edits import PatchOperation
from tessera.planner._edit_clauses import Clause
from tessera.planner._extract_spans import unique_id

EDIT_HEADING = "\nEdit: "  # joins an instruction to the brief it edits, so its constraints can point at its words

Json = dict[str, Any]  # the plan's JSON document, as jsonpatch reads and writes it


class ClauseRefused(Exception):
    """A clause the editor understood but cannot carry out on this plan (its target is not there, a value is out
    of range): the message says why, and what there is instead."""


class ClauseNotUnderstood(Exception):
    """A clause no rule of the editor reads: a language model may still carry it out."""


@dataclass(frozen=True)
class NodeAt:
    """One node of the plan's document, where it is (its JSON pointer), and the frames above it, outermost first."""

    node: Json
    path: str
    ancestors: tuple[Json, ...]

    @property
    def kind(self) -> str:
        return str(self.node.get("kind"))

    @property
    def id(self) -> str:
        return str(self.node.get("id"))

    @property
    def parent(self) -> Json | None:
        return self.ancestors[-1] if self.ancestors else None


@dataclass
class Draft:
    """The plan's document, the patch so far, each change in words, and the constraints as the edit leaves them."""

    doc: Json
    parent_items: list[Constraint]
    items: list[Constraint]
    brief: str
    clause_offset: int
    patch: list[PatchOperation] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    touched: list[str] = field(default_factory=list)
    made: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    unread: dict[str, str] = field(default_factory=dict)  # a clause no rule read, and what the rules say of it

    @staticmethod
    def joined_brief(brief: str, instruction: str) -> str:
        """The brief the edited run is verified against: the parent's, then the instruction under 'Edit:'."""
        return brief + EDIT_HEADING + instruction

    @classmethod
    def start(cls, plan: LayoutPlan, constraints: Constraints, instruction: str) -> Draft:
        brief = cls.joined_brief(constraints.brief, instruction)
        return cls(
            doc=plan.model_dump(mode="json"),
            parent_items=list(constraints.items),
            items=list(constraints.items),
            brief=brief,
            clause_offset=len(constraints.brief) + len(EDIT_HEADING),
        )

    # The document.

    def apply(self, operations: list[PatchOperation]) -> None:
        """Carry out `operations` on the document and add them to the patch."""
        self.doc = jsonpatch.apply_patch(self.doc, [op.as_rfc6902() for op in operations])
        self.patch.extend(operations)

    def replace(self, path: str, value: Any) -> None:
        self.apply([PatchOperation(op="replace" if _has(self.doc, path) else "add", path=path, value=value)])

    def set_field(self, at: NodeAt, name: str, value: Any) -> bool:
        """Set one field of a node (added when the stored plan leaves it at its default); whether it changed."""
        if at.node.get(name) == value and name in at.node:
            return False
        self.replace(f"{at.path}/{name}", copy.deepcopy(value))
        return True

    def remove(self, path: str) -> None:
        self.apply([PatchOperation(op="remove", path=path)])

    def nodes(self) -> list[NodeAt]:
        """Every node of the tree, depth first in tree order, the root first."""
        return list(_walk(self.doc["root"], "/root", ()))

    def leaves(self) -> list[NodeAt]:
        return [at for at in self.nodes() if at.kind != "frame"]

    def find(self, node_id: str) -> NodeAt:
        """The node with that id as the document now stands."""
        return next(at for at in self.nodes() if at.id == node_id)

    def node_ids(self) -> set[str]:
        return {at.id for at in self.nodes()}

    def plan(self) -> LayoutPlan:
        return LayoutPlan.model_validate(self.doc)

    # The constraints.

    def span(self, clause: Clause, start: int = 0, end: int | None = None) -> SourceSpan:
        """Where words of `clause` (from `start` to `end` within it; the whole clause by default) stand in the
        edited brief."""
        stop = len(clause.text) if end is None else end
        first = self.clause_offset + clause.position(start)
        last = min(self.clause_offset + clause.position(stop), first + 600)
        return SourceSpan(start=first, end=last, quote=self.brief[first:last])

    def constraint_id(self, base: str) -> str:
        """A constraint id no earlier or edit-made constraint has."""
        return unique_id(base, {c.id for c in self.items} | {c.id for c in self.parent_items})

    def add_item(self, item: Constraint) -> None:
        self.items.append(item)
        self.made.add(item.id)

    def replace_item(self, old: Constraint, new: Constraint) -> None:
        """`new` in `old`'s place; `old`, if it was the parent run's, is touched."""
        self.items = [new if c.id == old.id else c for c in self.items]
        self._touch(old.id)
        self.made.add(new.id)

    def drop_item(self, old: Constraint) -> None:
        self.items = [c for c in self.items if c.id != old.id]
        self._touch(old.id)
        self.made.discard(old.id)

    def _touch(self, item_id: str) -> None:
        if item_id in {c.id for c in self.parent_items} and item_id not in self.touched:
            self.touched.append(item_id)


def _walk(node: Json, path: str, ancestors: tuple[Json, ...]) -> Iterator[NodeAt]:
    yield NodeAt(node, path, ancestors)
    children = node.get("children")
    if isinstance(children, list):
        for index, child in enumerate(children):
            if isinstance(child, dict):
                yield from _walk(child, f"{path}/children/{index}", (*ancestors, node))


def _has(doc: Json, path: str) -> bool:
    try:
        jsonpointer.resolve_pointer(doc, path)
    except jsonpointer.JsonPointerException:
        return False
    return True
