"""Rendering the jinja2 templates in `prompts/` into chat messages for each kind of model request."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from tessera import prompts
from tessera.contract import (
    Canvas,
    Constraints,
    LayoutPlan,
    RequiredColor,
    RequiredCount,
    RequiredPosition,
    RequiredText,
    VerificationReport,
)
from tessera.planner._extract import count_styles, picture_requests, text_roles
from tessera.planner._looks import group_look

Message = dict[str, str]


def prompts_dir() -> Path:
    """Where the templates are: the `tessera.prompts` package's folder."""
    return Path(prompts.__file__).parent


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(prompts_dir()),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        keep_trailing_newline=False,
    )


def _render(name: str, **values: Any) -> str:
    return _environment().get_template(name).render(**values).strip()


def _requirements(constraints: Constraints) -> dict[str, Any]:
    roles = text_roles(constraints)
    return {
        "texts": [
            {"text": c.text, "role": roles.get(c.text)} for c in constraints.items if isinstance(c, RequiredText)
        ],
        "counts": [c for c in constraints.items if isinstance(c, RequiredCount)],
        "colors": [c for c in constraints.items if isinstance(c, RequiredColor)],
        "positions": [c for c in constraints.items if isinstance(c, RequiredPosition)],
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


def system_message(schema: dict[str, Any] | None) -> Message:
    """The planner's standing instructions; with `schema` when the server does not enforce it."""
    text = _render("system.j2", schema=json.dumps(schema, separators=(",", ":")) if schema else None)
    return {"role": "system", "content": text}


def plan_messages(
    constraints: Constraints, canvas: Canvas, max_elements: int, schema: dict[str, Any] | None
) -> list[Message]:
    """The first request: the brief and every hard constraint read from it."""
    user = _render(
        "plan.j2", brief=constraints.brief, canvas=canvas, max_elements=max_elements, **_requirements(constraints)
    )
    return [system_message(schema), {"role": "user", "content": user}]


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
    max_elements: int,
    schema: dict[str, Any] | None,
) -> list[Message]:
    """A revision request: the verifier's failures first, then its layout errors and passes, then the plan."""
    plan_json = plan.model_dump_json(exclude={"canvas", "schema_version"}, exclude_defaults=True)
    user = _render(
        "revise.j2",
        brief=constraints.brief,
        canvas=plan.canvas,
        attempt=attempt,
        failures=report.failures(),
        errors=report.errors(),
        passes=[c for c in report.checks if c.passed],
        plan_json=plan_json,
        max_elements=max_elements,
    )
    return [system_message(schema), {"role": "user", "content": user}]
