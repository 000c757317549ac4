"""The plan as a language model writes it: a trimmed JSON schema generated from `LayoutPlan`, and reading a reply back.

The model writes only what needs judgement (background, elements with their boxes, colours and roles, pictures
and their prompts, a short rationale). The canvas is the one the run settled, z-orders keep their defaults (shapes
and pictures under objects under text; a picture covering the canvas under everything), and each text's script and
language are detected from the text itself, so the model cannot get them wrong.
Every property the model writes is required and every bound is kept, which suits both vLLM's grammar-guided
decoding and OpenAI's strict structured outputs.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from pydantic import ValidationError

from tessera.contract import Canvas, Constraints, LayoutPlan, RequiredText, detect_script, language_of
from tessera.planner._picture_layout import BACKGROUND_SHARE, Z_BACKGROUND_PICTURE

# The fields of each plan model the model writes; the rest take their defaults or are filled in here.
LLM_FIELDS: dict[str, tuple[str, ...]] = {
    "LayoutPlan": ("background", "elements", "rationale"),
    "SolidBackground": ("kind", "color"),
    "GradientBackground": ("kind", "start", "end"),
    "TextElement": ("kind", "id", "box", "text", "role", "font_weight", "color", "align"),
    "ObjectGroup": ("kind", "id", "box", "object_class", "count", "arrangement", "color", "look", "prompt"),
    "ShapeElement": ("kind", "id", "box", "shape", "fill"),
    "PictureElement": ("kind", "id", "box", "prompt", "style"),
    "Box": ("x", "y", "w", "h"),
}
RATIONALE_CHARS = 300
PROMPT_CHARS = 160  # what a picture or a generated instance shows: a short phrase, not a paragraph
_DROPPED_KEYS = ("default", "title", "discriminator")


def _strip(node: Any) -> Any:
    """Remove keys strict structured outputs reject or do not need; `oneOf` becomes `anyOf`, `const` an enum."""
    if isinstance(node, list):
        return [_strip(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED_KEYS:
            continue
        if key == "oneOf":
            key = "anyOf"
        if key == "const":
            out["enum"] = [value]
            continue
        out[key] = _strip(value)
    return _fold_length_into_pattern(out)


def _fold_length_into_pattern(node: dict[str, Any]) -> dict[str, Any]:
    """xgrammar (vLLM) rejects a pattern beside length bounds: write `^[...]+$` with maxLength 40 as `^[...]{1,40}$`."""
    pattern = node.get("pattern")
    if not isinstance(pattern, str) or not ({"minLength", "maxLength"} & node.keys()):
        return node
    low, high = node.pop("minLength", 1), node.pop("maxLength", None)
    if pattern.endswith("+$") and high is not None:
        node["pattern"] = f"{pattern[:-2]}{{{max(low, 1)},{high}}}$"
    return node  # otherwise the bounds are left to validating the reply


def _trim(definition: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    properties = definition["properties"]
    definition["properties"] = {name: properties[name] for name in fields}
    definition["required"] = list(fields)
    definition["additionalProperties"] = False
    return definition


def llm_plan_schema(canvas: Canvas, max_elements: int) -> dict[str, Any]:
    """The JSON schema the model's reply must follow, with boxes bounded to `canvas` and at most `max_elements`."""
    schema = _strip(LayoutPlan.model_json_schema())
    definitions = schema.pop("$defs")
    definitions.pop("Canvas", None)
    for name, fields in LLM_FIELDS.items():
        if name != "LayoutPlan":
            _trim(definitions[name], fields)
    box = definitions["Box"]["properties"]
    box["x"].update(minimum=0, maximum=canvas.width - 1)
    box["y"].update(minimum=0, maximum=canvas.height - 1)
    box["w"].update(minimum=1, maximum=canvas.width)
    box["h"].update(minimum=1, maximum=canvas.height)
    _bound_prompts(definitions)
    root = _trim(schema, LLM_FIELDS["LayoutPlan"])
    root["properties"]["elements"]["maxItems"] = max_elements
    root["properties"]["rationale"]["maxLength"] = RATIONALE_CHARS
    root["$defs"] = definitions
    return copy.deepcopy(root)


def _bound_prompts(definitions: dict[str, Any]) -> None:
    """Prompts shorter than the plan allows: small models given 300 characters tend to ramble to the limit."""
    definitions["PictureElement"]["properties"]["prompt"]["maxLength"] = PROMPT_CHARS
    for option in definitions["ObjectGroup"]["properties"]["prompt"].get("anyOf", []):
        if option.get("type") == "string":
            option["maxLength"] = PROMPT_CHARS


def _json_object(text: str) -> str:
    """The JSON object in a reply, without the code fences or prose some models wrap around it."""
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    body = fenced.group(1) if fenced else text
    start, end = body.find("{"), body.rfind("}")
    return body[start : end + 1] if start != -1 and end > start else body.strip()


def _location(loc: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in loc) or "the plan"


def read_plan(
    reply: str, canvas: Canvas, constraints: Constraints, *, cut_off: bool
) -> tuple[LayoutPlan | None, list[str]]:
    """The plan in a model's reply, or None and what was wrong with it, one sentence each."""
    try:
        data = json.loads(_json_object(reply))
    except json.JSONDecodeError as err:
        why = " The reply was cut off at the token limit; write a shorter plan." if cut_off else ""
        return None, [f"The reply is not valid JSON ({err.msg} at character {err.pos}).{why}"]
    if not isinstance(data, dict):
        return None, ["The reply must be one JSON object with background, elements and rationale."]
    data = {**data, "canvas": canvas.model_dump()}
    data.pop("schema_version", None)
    elements = data.get("elements")
    if isinstance(elements, list):
        data["elements"] = [_with_backdrop_z(_with_script(e, constraints), canvas) for e in elements]
    try:
        return LayoutPlan.model_validate(data), []
    except ValidationError as err:
        problems = [f"{_location(e['loc'])}: {e['msg']}." for e in err.errors(include_url=False)[:8]]
        return None, problems


def _with_backdrop_z(element: Any, canvas: Canvas) -> Any:
    """A picture covering the canvas goes under everything (z 0), so the model's panels and text sit on it."""
    if not (isinstance(element, dict) and element.get("kind") == "picture" and isinstance(element.get("box"), dict)):
        return element
    box = element["box"]
    try:
        covered = (min(box["x"] + box["w"], canvas.width) - max(box["x"], 0)) * (
            min(box["y"] + box["h"], canvas.height) - max(box["y"], 0)
        )
    except (KeyError, TypeError):
        return element
    if covered >= BACKGROUND_SHARE * canvas.width * canvas.height and "z" not in element:
        return {**element, "z": Z_BACKGROUND_PICTURE}
    return element


def _with_script(element: Any, constraints: Constraints) -> Any:
    """A text element with the script and language of its required text, else detected from the text."""
    if not (isinstance(element, dict) and element.get("kind") == "text" and isinstance(element.get("text"), str)):
        return element
    text = element["text"]
    required = next((c for c in constraints.items if isinstance(c, RequiredText) and c.text == text), None)
    if required is not None:
        return {**element, "script": required.script, "language": required.language}
    if not text.strip():
        return element
    script = detect_script(text)
    return {**element, "script": script, "language": language_of(script)}
