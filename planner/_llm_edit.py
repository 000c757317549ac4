"""The LLM editor: the rules editor for the clauses it reads, a language model for the rest.

The model sees the plan as the rules left it (compact JSON and every node's path), the clauses still to do, and
answers with `{"patch": [...], "changes": [...]}` under a JSON schema generated from `EditReply`. Its patch must
apply and give a plan the schema accepts (`apply_patch`); when it does not, the model gets one repair round naming
what was wrong, and then the instruction is refused (EditError) with the model's problem. An instruction the rules
read whole never reaches the model.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tessera.contract import Constraints, EditError, LayoutPlan, ModelCall, RequiredColor, RequiredCount, RequiredText
from tessera.contract.edits import PatchOperation, PlanEdit, apply_patch
from tessera.contract.plan import backdrop_colors
from tessera.planner._edit_clauses import Clause
from tessera.planner._edit_draft import Draft, NodeAt
from tessera.planner._edit_rules import RulesEditor, finish
from tessera.planner._llm_client import Purpose, complete
from tessera.planner._llm_schema import _strip
from tessera.planner._prompts import _render, plan_json
from tessera.planner.llm import SETUP_HINT, LlmOptions, _key, model_request

if TYPE_CHECKING:
    from openai import OpenAI

MAX_MODEL_OPERATIONS = 40  # a model's patch for the clauses the rules leave: a few nodes' fields, rarely more
_ANSWER_TOKENS = 2048
_SAID_CHARS = 60  # of a node's text in the list of nodes
_PROBLEM_CHARS = 300


class EditReply(BaseModel):
    """What the model answers: the patch of the plan and one sentence per change."""

    model_config = ConfigDict(extra="forbid")

    patch: list[PatchOperation] = Field(min_length=1, max_length=MAX_MODEL_OPERATIONS)
    changes: list[str] = Field(min_length=1, max_length=MAX_MODEL_OPERATIONS)


# A pointer into the plan's document: the background's fields, or a node down the tree and a field (and an index
# or '-' into a list field). Tighter than RFC 6902's any pointer, so that a small model writes paths that exist.
PLAN_POINTER = r"^(/background(/[a-z_]+)?|/root(/children/([0-9]+|-))*(/[a-z_]+(/([0-9]+|-))*)*)$"


def edit_reply_schema() -> dict[str, Any]:
    """The JSON schema of the model's reply as the server enforces it: `EditReply`'s (RFC 6902 spells `from` so),
    stripped as the plan's schema is for structured-output engines, its pointers held to the plan's shape."""
    schema = _strip(EditReply.model_json_schema(by_alias=True))
    operation = schema["$defs"]["PatchOperation"]["properties"]
    operation["path"]["pattern"] = PLAN_POINTER
    operation["from"]["anyOf"][0]["pattern"] = PLAN_POINTER
    return schema


class LlmEditor:
    """Edits with the rules where they read the instruction, and with a language model (an OpenAI-compatible
    server, configured by `LlmOptions` as for `LlmPlanner`) for the clauses they do not. `client` replaces the
    `openai.OpenAI` client built from `options` (tests pass one with a mock transport)."""

    name = "llm"

    def __init__(self, options: LlmOptions, *, client: OpenAI | None = None, rules: RulesEditor | None = None) -> None:
        import openai

        self.options = options
        self._client = client or openai.OpenAI(
            base_url=options.base_url,
            api_key=_key(options),
            timeout=options.timeout_s,
            max_retries=options.max_retries,
        )
        self._rules = rules or RulesEditor()

    def edit(self, plan: LayoutPlan, constraints: Constraints, instruction: str) -> PlanEdit:
        """The edit `instruction` asks for: the rules' part, then the model's for the clauses the rules do not
        read; EditError when a clause cannot be carried out or the model's patch cannot be used."""
        draft, unread = self._rules.draft(plan, constraints, instruction)
        if not unread:
            return finish(draft, plan, constraints, instruction, planner=self._rules.name)
        calls, reply = self._ask(draft, unread)
        if reply is None:
            raise EditError(f"the model could not carry out {_quoted(unread)}: {_why(calls)}")
        ruled = len(draft.patch)
        draft.apply(reply.patch)
        draft.changes.extend(reply.changes)
        _follow_model(draft, unread, plan)
        planner = f"{self._rules.name}+{self.name}" if ruled else self.name
        notes = [f"the model carried out {_quoted(unread)}"]
        edit = finish(draft, plan, constraints, instruction, planner=planner, notes=notes)
        reasoning = "\n\n".join(c.reasoning for c in calls if c.reasoning) or None
        return edit.model_copy(update={"calls": calls, "reasoning": reasoning})

    def _ask(self, draft: Draft, unread: list[Clause]) -> tuple[list[ModelCall], EditReply | None]:
        """One request and at most one repair; the calls made and the reply, when its patch applies."""
        schema = edit_reply_schema()
        structured = None if self.options.structured_output else schema
        messages = [
            {"role": "system", "content": _render("edit_system.j2", schema=_compact(structured))},
            {"role": "user", "content": _render("edit.j2", **_prompt_values(draft, unread))},
        ]
        calls: list[ModelCall] = []
        for purpose in ("edit", "repair"):
            call = self._call(purpose, messages, schema)
            if call.error:
                return [*calls, call], None
            reply, problem = _judge(call.output, draft)
            calls.append(call.model_copy(update={"problems": [problem] if problem else []}))
            if reply is not None:
                return calls, reply
            messages = [
                *messages,
                {"role": "assistant", "content": call.output},
                {"role": "user", "content": _render("edit_repair.j2", problem=problem)},
            ]
        return calls, None

    def _call(self, purpose: Purpose, messages: list[dict[str, str]], schema: dict[str, Any]) -> ModelCall:
        options = self.options
        request = model_request(
            options, purpose, messages, schema, answer_tokens=options.answer_tokens or _ANSWER_TOKENS
        )
        return complete(self._client, options.model, request, timeout_s=options.timeout_s)


def _compact(schema: dict[str, Any] | None) -> str | None:
    return json.dumps(schema, separators=(",", ":")) if schema else None


def _prompt_values(draft: Draft, unread: list[Clause]) -> dict[str, Any]:
    return {
        "plan": plan_json(draft.plan()),
        "nodes": [{"path": at.path, "kind": at.kind, "id": at.id, "said": _said(at)} for at in draft.nodes()],
        "done": draft.changes,
        "clauses": [clause.text for clause in unread],
    }


def _said(at: NodeAt) -> str:
    """A node as the list of nodes shows it: its text, items, class and count, icon or chart type."""
    node = at.node
    if at.kind == "text":
        return json.dumps(str(node["text"])[:_SAID_CHARS], ensure_ascii=False)
    if at.kind == "objects":
        return f"{node['count']} x {node['object_class']}"
    if at.kind == "icon":
        return str(node["name"])
    if at.kind == "chart":
        return f"{node['chart']} chart of {', '.join(map(str, node.get('categories') or []))[:_SAID_CHARS]}"
    if at.kind == "list":
        return json.dumps([str(i)[:30] for i in node["items"]], ensure_ascii=False)
    if at.kind == "frame" and node.get("role"):
        return f"({node['role']})"
    return ""


def _judge(output: str, draft: Draft) -> tuple[EditReply | None, str]:
    """The reply when it parses and its patch applies to the draft's plan; else None and what was wrong."""
    try:
        reply = EditReply.model_validate_json(output)
    except ValidationError as err:
        first = err.errors()[0]
        where = "/".join(str(part) for part in first["loc"]) or "the reply"
        return None, f"the reply is not the JSON asked for ({where}: {first['msg']})"
    try:
        apply_patch(draft.plan(), reply.patch)
    except EditError as err:
        return None, _short(str(err))
    return reply, ""


def _short(problem: str) -> str:
    """A problem as the repair prompt and a refusal say it: jsonpointer's errors quote the whole document."""
    return problem if len(problem) <= _PROBLEM_CHARS else problem[: _PROBLEM_CHARS - 3] + "..."


def _follow_model(draft: Draft, unread: list[Clause], parent: LayoutPlan) -> None:
    """The constraints a model's patch changes: a background or a count it changed follows the plan, and a
    quoted text of its clauses that the edited plan now sets becomes a required text."""
    edited = draft.plan()
    for item in list(draft.items):
        if isinstance(item, RequiredColor) and item.target == "background":
            shown = backdrop_colors(edited.background)
            if item.color not in shown and edited.background != parent.background:
                draft.replace_item(item, item.model_copy(update={"color": shown[0]}))
        elif isinstance(item, RequiredCount):
            drawn = sum(g.count for g in edited.object_groups() if g.object_class.lower() == item.object_class.lower())
            was = sum(g.count for g in parent.object_groups() if g.object_class.lower() == item.object_class.lower())
            if drawn and drawn != was:
                draft.replace_item(item, item.model_copy(update={"count": drawn}))
    strings = [t.text for t in edited.texts()]
    required = {c.text for c in draft.items if isinstance(c, RequiredText)}
    for clause in unread:
        for quote in clause.quotes:
            if quote.text in required or not any(quote.text in s for s in strings):
                continue
            draft.add_item(
                RequiredText(
                    id=draft.constraint_id("text-edit"),
                    text=quote.text,
                    source=draft.span(clause, quote.start, quote.end),
                )
            )
            required.add(quote.text)


def _quoted(clauses: list[Clause]) -> str:
    return ", ".join(f"'{clause.text}'" for clause in clauses)


def _why(calls: list[ModelCall]) -> str:
    last = calls[-1]
    if last.error:
        return f"{last.error}; {SETUP_HINT}"
    return last.problems[0] if last.problems else "its reply could not be used"
