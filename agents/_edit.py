"""An edit of a done run: its instruction checked, its kept plan patched by an editor, before any run is made.

`edit_of` does everything that can refuse an edit (the instruction, the parent's state, the editor, the patch), so
that a refused edit leaves nothing behind; `Engine.start_edit` then records the new run with what it answers.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from tessera.agents.request import check_text
from tessera.agents.runs import RunFolder
from tessera.contract import (
    MAX_INSTRUCTION_CHARS,
    ConflictError,
    EditError,
    EditEvent,
    EditInputs,
    LayoutPlan,
    PlanEditor,
    RequestError,
    RunRecord,
    apply_patch,
)


@dataclass(frozen=True)
class Edit:
    """What an edit run starts from: its parent's record, the parent's plan with the patch applied, and the trace
    event that says how the instruction became the patch (`event.outputs` is the `PlanEdit`)."""

    parent: RunRecord
    plan: LayoutPlan
    event: EditEvent

    @property
    def brief(self) -> str:
        """The edit run's brief: the one its constraints read from (the parent's, with the instruction added), so that
        their spans and the coverage map's point into it; `tessera runs` shows its start, the parent's words."""
        return self.event.outputs.constraints.brief


def check_instruction(instruction: str) -> str:
    """The instruction, stripped; a RequestError when it is empty, too long or has a character no text may have."""
    stripped = check_text(instruction, "the edit instruction").strip()
    if not stripped:
        raise RequestError("the edit instruction is empty; say what to change, e.g. \"change 'ALPHA' to 'OMEGA'\"")
    if len(stripped) > MAX_INSTRUCTION_CHARS:
        raise RequestError(
            f"the edit instruction has {len(stripped):,} characters; shorten it to at most {MAX_INSTRUCTION_CHARS:,}"
        )
    return stripped


def edit_of(parent: RunFolder, instruction: str, editor: PlanEditor) -> Edit:
    """The edit `instruction` asks of the done run `parent`: ConflictError when the parent has no kept image yet,
    EditError (saying that nothing was changed) when the editor cannot carry the instruction out or its patch does
    not apply to the parent's plan."""
    record = parent.read_record()
    best = parent.best() if record.status == "done" else None
    if best is None:
        raise ConflictError(
            f"run {record.run_id} is {record.status}; only a done run can be edited (its kept plan is what changes)"
        )
    started = time.perf_counter()
    try:
        edit = editor.edit(best.plan, parent.read_constraints(), instruction)
        plan = apply_patch(best.plan, edit.patch)
    except EditError as err:
        raise EditError(f"{err}; nothing was changed: run {record.run_id} is as it was and no run was made") from err
    event = EditEvent(
        seconds=time.perf_counter() - started,
        inputs=EditInputs(parent_run_id=record.run_id, instruction=instruction),
        outputs=edit,
        notes=list(edit.notes),
    )
    return Edit(parent=record, plan=plan, event=event)
