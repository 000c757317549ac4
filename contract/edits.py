"""Edits by instruction: a change to a stored plan, said in words and carried out as an RFC 6902 JSON Patch.

A `PlanEditor` (the rules editor, or a language model for what the rules do not cover) turns an instruction ("make
the background dark, change 'TEAM ALPHA' to 'TEAM OMEGA'") into a `PlanEdit`: the patch of the parent run's plan
(as planned, `iter-N/plan.json`), what each part of it changes in words, and the constraints the edited image is
verified against: the edit's own, and every earlier constraint the edit did not touch. An instruction it cannot
carry out raises `EditError`, which says why; nothing is changed then.
"""

from __future__ import annotations

from typing import Literal, Protocol

import jsonpatch
import jsonpointer
from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError, model_validator

from tessera.contract.errors import EditError
from tessera.contract.plan import LayoutPlan
from tessera.contract.planning import ModelCall
from tessera.contract.reading import Constraints

MAX_INSTRUCTION_CHARS = 2000
MAX_PATCH_OPERATIONS = 200


class PatchOperation(BaseModel):
    """One RFC 6902 operation on the plan's JSON (`path` and `from` are JSON Pointers, e.g. '/root/children/2/text')."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, serialize_by_alias=True)

    op: Literal["add", "remove", "replace", "move", "copy", "test"]
    path: str = Field(max_length=400, pattern=r"^(/[^/]*)*$")
    value: JsonValue = Field(default=None, description="for add, replace and test")
    from_: str | None = Field(
        default=None, alias="from", max_length=400, pattern=r"^(/[^/]*)*$", description="for move and copy"
    )

    @model_validator(mode="after")
    def _has_its_operands(self) -> PatchOperation:
        if self.op in ("move", "copy") and self.from_ is None:
            raise ValueError(f"a {self.op} operation needs 'from'")
        return self

    def as_rfc6902(self) -> dict[str, JsonValue]:
        """The operation as RFC 6902 spells it (only the members its op takes)."""
        operation: dict[str, JsonValue] = {"op": self.op, "path": self.path}
        if self.op in ("add", "replace", "test"):
            operation["value"] = self.value
        if self.op in ("move", "copy"):
            operation["from"] = self.from_
        return operation


class PlanEdit(BaseModel):
    """What an instruction does to a run: the patch of its plan, each change in words, and what to verify."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    instruction: str = Field(min_length=1, max_length=MAX_INSTRUCTION_CHARS)
    patch: list[PatchOperation] = Field(min_length=1, max_length=MAX_PATCH_OPERATIONS)
    changes: list[str] = Field(
        min_length=1,
        description="what the patch does, one sentence per change, e.g. \"text 'TEAM ALPHA' → 'TEAM OMEGA'\"",
    )
    constraints: Constraints = Field(
        description="what the edited image is verified against: the earlier constraints the edit did not touch, as "
        "they were, and the edit's own (a changed text, count, colour or position)"
    )
    touched: list[str] = Field(
        default_factory=list, description="ids of the earlier constraints the edit changed or removed"
    )
    planner: str = Field(description="who wrote the patch: 'rules', or the model's planner name")
    notes: list[str] = Field(default_factory=list)
    reasoning: str | None = Field(default=None, description="the model's reasoning, when a model wrote the patch")
    calls: list[ModelCall] = Field(default_factory=list, description="every model request behind the patch")


class PlanEditor(Protocol):
    """Turns an edit instruction into a `PlanEdit` of a stored plan; EditError when it cannot."""

    name: str

    def edit(self, plan: LayoutPlan, constraints: Constraints, instruction: str) -> PlanEdit:
        """The edit of `plan` (a run's kept plan, as planned) that `instruction` asks for; `constraints` are what
        that run was verified against."""
        ...


def apply_patch(plan: LayoutPlan, patch: list[PatchOperation]) -> LayoutPlan:
    """`plan` with `patch` applied and checked against the schema; EditError naming the operation that cannot be
    applied or the schema rule the result breaks."""
    document = plan.model_dump(mode="json")
    operations = [operation.as_rfc6902() for operation in patch]
    try:
        patched = jsonpatch.apply_patch(document, operations)
    except (jsonpatch.JsonPatchException, jsonpointer.JsonPointerException) as err:
        raise EditError(f"the edit's patch cannot be applied to the plan: {err}") from err
    try:
        return LayoutPlan.model_validate(patched)
    except ValidationError as err:
        first = err.errors()[0]
        where = "/".join(str(part) for part in first["loc"])
        raise EditError(f"the edited plan breaks the plan schema at {where}: {first['msg']}") from err
