"""Rendering the jinja2 templates in `prompts/` into chat messages for each kind of model request."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any, get_args

import jinja2

from tessera import prompts
from tessera.contract import (
    Background,
    Canvas,
    Constraints,
    Element,
    Frame,
    FrameRole,
    LayoutPlan,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredStructure,
    RequiredText,
    SolidBackground,
    TextElement,
    TextRole,
    VerificationReport,
)
from tessera.planner._extract import count_styles, picture_requests, text_roles
from tessera.planner._llm_examples import Example, examples_for
from tessera.planner._llm_schema import FRAME_DEPTH
from tessera.planner._looks import group_look
from tessera.planner.rules import TEXT_ROLES

Message = dict[str, str]
_BLANK_LINES = re.compile(r"\n{3,}")  # sections a request leaves empty leave no gaps
DATA_ROWS = 12  # rows of a user's data file the prompt shows; the rest are counted


def prompts_dir() -> Path:
    """Where the templates are: the `tessera.prompts` package's folder."""
    return Path(prompts.__file__).parent


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(prompts_dir()),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        keep_trailing_newline=False,
    )
    # Texts in any script as they are ("24°", "新年快乐"), not as \u escapes: the model copies them character for
    # character, and escapes cost tokens.
    environment.policies["json.dumps_kwargs"] = {"ensure_ascii": False}
    return environment


def _render(name: str, **values: Any) -> str:
    text = _environment().get_template(name).render(**values).strip()
    return _BLANK_LINES.sub("\n\n", text)


def _requirements(constraints: Constraints) -> dict[str, Any]:
    roles = text_roles(constraints)
    return {
        "texts": [
            {"text": c.text, "role": c.role or TEXT_ROLES[roles[c.text]], "purpose": c.purpose, "carrier": c.carrier}
            for c in constraints.items
            if isinstance(c, RequiredText)
        ],
        "styles": list(dict.fromkeys(cue.style.replace("_", "-") for cue in constraints.styles)),
        "counts": [c for c in constraints.items if isinstance(c, RequiredCount)],
        "colors": [c for c in constraints.items if isinstance(c, RequiredColor)],
        "positions": [c for c in constraints.items if isinstance(c, RequiredPosition)],
        "structures": [c for c in constraints.items if isinstance(c, RequiredStructure)],
        "document": constraints.document,
        "pictures": [
            {"prompt": p.prompt, "style": p.style, "where": _where(p.spot, p.extent)}
            for p in picture_requests(constraints)
        ],
        "generated": _generated_looks(constraints),
    }


def _where(spot: str | None, extent: str) -> str:
    """The region of a picture in words the model can turn into a box."""
    if spot is None:
        return "a hero region of your choice"
    if spot == "background":
        return "the whole canvas, as the background"
    if extent in ("half", "quarter"):
        return f"the {spot} {extent} of the canvas, edge to edge"
    if extent == "corner":
        return f"the {spot} corner, inside the margins"
    if spot == "center":
        return "the centre, with the text above and below it"
    return f"a band along the {spot}" if extent == "band" else f"the {spot} side"


def _generated_looks(constraints: Constraints) -> list[dict[str, Any]]:
    styles = count_styles(constraints)
    looks = []
    for required in (c for c in constraints.items if isinstance(c, RequiredCount)):
        look, prompt = group_look(required, styles.get(required.id), None)
        if look == "generated":
            looks.append({"object_class": required.object_class, "count": required.count, "prompt": prompt})
    return looks


def plan_json(plan: LayoutPlan) -> str:
    """The plan as compact JSON the model can read and write back: defaults and the canvas (the run's own) left
    out, but every `kind` kept, so that the JSON with the canvas validates into the same plan."""
    data = {
        "background": _with_kind(plan.background),
        "root": _node_data(plan.root),
        "rationale": plan.rationale,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _with_kind(model: Background | Element) -> dict[str, Any]:
    return {"kind": model.kind, **model.model_dump(mode="json", exclude_defaults=True)}


def _node_data(node: Frame | Element) -> dict[str, Any]:
    if not isinstance(node, Frame):
        return _with_kind(node)
    # The layout stays even when it is the default column: it is what a frame is for.
    data = {"kind": node.kind, "layout": node.layout}
    data.update(node.model_dump(mode="json", exclude_defaults=True, exclude={"children"}))
    return {**data, "children": [_node_data(child) for child in node.children]}


def example_plan() -> LayoutPlan:
    """A small slide written the way the model should write a plan: a padded column with a title, a row of
    cards and a footer, placed by the layout engine (no boxes)."""
    cards = [
        Frame(
            id=f"card-{n}",
            role="card",
            fill="#FFFFFF",
            radius=16,
            padding=24,
            width="fill",
            children=[TextElement(id=f"card-{n}-text", role="heading", text=text, color="#1B2A41")],
        )
        for n, text in enumerate(("Plan", "Build", "Ship"), start=1)
    ]
    root = Frame(
        id="root",
        layout="column",
        gap=32,
        padding=64,
        children=[
            TextElement(id="title", role="title", text="Our roadmap", font_weight="bold", color="#1B2A41"),
            Frame(id="cards", layout="row", gap=24, height="fill", children=list(cards)),
            TextElement(id="footer", role="footer", text="Acme Inc.", color="#5A6475"),
        ],
    )
    return LayoutPlan(background=SolidBackground(color="#F3F0EA"), root=root, rationale="Title, three steps, footer.")


def system_message(schema: dict[str, Any] | None) -> Message:
    """The planner's standing instructions; with `schema` when the server does not enforce it."""
    text = _render(
        "system.j2",
        schema=json.dumps(schema, separators=(",", ":")) if schema else None,
        example=plan_json(example_plan()),
        depth=FRAME_DEPTH,
        text_roles=get_args(TextRole),
        frame_roles=get_args(FrameRole),
    )
    return {"role": "system", "content": text}


def plan_messages(
    constraints: Constraints,
    canvas: Canvas,
    max_nodes: int,
    schema: dict[str, Any] | None,
    *,
    budget_chars: int | None = None,
) -> list[Message]:
    """The first request: the examples of the brief's document kind, then the brief, its reading and what the user
    supplied. Examples are left out, the last first, until the messages fit `budget_chars` (None: no bound)."""
    system = system_message(schema)
    examples = examples_for(constraints.document)
    while True:
        user = _render(
            "plan.j2",
            brief=constraints.brief,
            canvas=canvas,
            max_nodes=max_nodes,
            requirements=_requirements(constraints),
            material=constraints.supplied,
            data_rows=DATA_ROWS,
            document=constraints.document.replace("_", " "),
            examples=[_example_values(example) for example in examples],
        )
        if not examples or budget_chars is None or len(system["content"]) + len(user) <= budget_chars:
            return [system, {"role": "user", "content": user}]
        examples = examples[:-1]


def _example_values(example: Example) -> dict[str, Any]:
    return {
        "brief": example.brief,
        "canvas": example.plan.canvas,
        "reading": _requirements(example.reading),
        "plan": plan_json(example.plan),
    }


def repair_messages(
    previous: list[Message], reply: str, problems: list[str], constraints: Constraints, canvas: Canvas
) -> list[Message]:
    """The same conversation, the model's reply, and one request naming what was wrong with it."""
    requirements = _requirements(constraints)
    user = _render(
        "repair.j2", problems=problems, canvas=canvas, texts=requirements["texts"], counts=requirements["counts"]
    )
    return [*previous, {"role": "assistant", "content": reply}, {"role": "user", "content": user}]


def revise_messages(
    plan: LayoutPlan,
    constraints: Constraints,
    report: VerificationReport,
    attempt: int,
    max_nodes: int,
    schema: dict[str, Any] | None,
) -> list[Message]:
    """A revision request: the verifier's failures a revision may fix first, each with the change that would fix
    it, then the contradictions (to leave alone), its layout errors and passes, then the plan as it was laid out (a
    box on every node, the size each text was set at)."""
    user = _render(
        "revise.j2",
        brief=constraints.brief,
        canvas=plan.canvas,
        attempt=attempt,
        failures=report.revisable(),
        contradictions=[c for c in report.failures() if c.kind == "contradiction"],
        errors=report.errors(),
        passes=[c for c in report.checks if c.passed],
        plan_json=plan_json(plan),
        laid_out=all(node.box is not None for node in [*plan.frames(), *plan.elements]),
        max_nodes=max_nodes,
    )
    return [system_message(schema), {"role": "user", "content": user}]
