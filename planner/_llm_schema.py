"""The plan as a language model writes it: a trimmed JSON schema generated from `LayoutPlan`, and reading a reply back.

The model writes the tree the way one writes HTML and CSS: frames with a layout, gaps, padding and a role, and
leaves (texts, object groups, pictures, shapes) with roles; the layout engine places them, so boxes are mostly
null. The canvas is the one the run settled, z-orders keep their defaults (a picture covering the canvas goes
under everything), and each text's script and language are detected from the text itself, so the model cannot
get them wrong.

Every property the model writes is required and every bound is kept, which suits both vLLM's grammar-guided
decoding and OpenAI's strict structured outputs. The tree's depth is bounded by unrolling the recursive `Frame`
into one definition per level (`Frame0` the root ... `Frame3`, whose children are leaves only): both decoders
accept recursion, but small models given an unbounded tree nest until they run out of tokens.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from tessera.contract import (
    Canvas,
    Constraints,
    LayoutPlan,
    RequiredText,
    detect_script,
    language_of,
    upgrade_version_1,
)
from tessera.planner._picture_layout import BACKGROUND_SHARE, Z_BACKGROUND_PICTURE

FRAME_DEPTH = 3  # levels of frames below the root frame
CHILDREN_PER_DEPTH = (16, 12, 8, 8)  # most children of a frame at each depth, the root first
_NODE_FIELDS = ("width", "height", "box")
# The fields of each plan model the model writes, in the order it writes them; the rest keep their defaults
# or are filled in when the reply is read.
LEAF_FIELDS: dict[str, tuple[str, ...]] = {
    "TextElement": ("kind", "id", "role", "text", "family", "font_weight", "color", "align", *_NODE_FIELDS),
    "ObjectGroup": ("kind", "id", "object_class", "count", "arrangement", "color", "look", "prompt", *_NODE_FIELDS),
    "PictureElement": ("kind", "id", "prompt", "style", *_NODE_FIELDS),
    "ShapeElement": ("kind", "id", "shape", "fill", *_NODE_FIELDS),
    "ListElement": ("kind", "id", "items", "marker", "icon", "role", "color", *_NODE_FIELDS),
    "TableElement": ("kind", "id", "header", "rows", "style", *_NODE_FIELDS),
    "ChartElement": ("kind", "id", "chart", "title", "categories", "series", "unit", "value_labels", *_NODE_FIELDS),
    "IconElement": ("kind", "id", "name", "color", *_NODE_FIELDS),
    "QrElement": ("kind", "id", "data", *_NODE_FIELDS),
    "ControlElement": ("kind", "id", "control", "value", *_NODE_FIELDS),
    "AssetElement": ("kind", "id", "name", "fit", *_NODE_FIELDS),
}
_LAYOUT_FIELDS = ("layout", "gap", "padding", "align", "justify", "columns")
FRAME_FIELDS = ("kind", "id", "role", "name", *_LAYOUT_FIELDS, "fill", "radius", *_NODE_FIELDS, "children")
ROOT_FIELDS = ("kind", "id", *_LAYOUT_FIELDS, "children")  # the root is the canvas: no size, place or fill
# Properties defined once and referred to from every node, which keeps the schema short where it goes into the
# prompt: a frame's layout and look (`FrameLayout`, `FrameGap` ...) and a node's `Width` and `Height`.
_FRAME_PARTS = ("role", *_LAYOUT_FIELDS, "fill", "radius")
_SIZE_DEFINITIONS = {"width": "Width", "height": "Height"}
PART_FIELDS: dict[str, tuple[str, ...]] = {
    "SolidBackground": ("kind", "color"),
    "GradientBackground": ("kind", "start", "end"),
    "Box": ("x", "y", "w", "h"),
    "Series": ("name", "values", "color"),
}
PLAN_FIELDS = ("background", "root", "rationale")
RATIONALE_CHARS = 300
PROMPT_CHARS = 160  # what a picture or a generated instance shows: a short phrase, not a paragraph
_DROPPED_KEYS = ("default", "title", "discriminator")
_FRAME_REF = "#/$defs/Frame"


def _strip(node: Any, *, names: bool = False) -> Any:
    """Remove keys strict structured outputs reject or do not need; `oneOf` becomes `anyOf`, `const` an enum.
    `names`: `node` maps property names to their schemas, so its keys are names (a chart's `title`), not keywords."""
    if isinstance(node, list):
        return [_strip(item) for item in node]
    if not isinstance(node, dict):
        return node
    if names:
        return {name: _strip(value) for name, value in node.items()}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _DROPPED_KEYS:
            continue
        if key in ("properties", "$defs"):
            out[key] = _strip(value, names=True)
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
    """A copy of `definition` with only `fields`, all required, and nothing else allowed."""
    trimmed = copy.deepcopy(definition)
    trimmed.pop("description", None)  # the class docstring: written for people, and long in a prompt
    properties = trimmed["properties"]
    trimmed["properties"] = {name: properties[name] for name in fields}
    trimmed["required"] = list(fields)
    trimmed["additionalProperties"] = False
    return trimmed


def _options(prop: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives of a property: its anyOf, or the property itself."""
    return list(prop["anyOf"]) if "anyOf" in prop else [prop]


def _bound_integers(prop: dict[str, Any], low: int, high: int) -> None:
    """Bound every integer alternative of a property (a plain int, or the int of `int | "fill" | "hug"`)."""
    for option in _options(prop):
        if option.get("type") == "integer":
            option.update(minimum=max(low, option.get("minimum", low)), maximum=min(high, option.get("maximum", high)))


def _bound_box(box: dict[str, Any], canvas: Canvas) -> None:
    properties = box["properties"]
    properties["x"].update(minimum=0, maximum=canvas.width - 1)
    properties["y"].update(minimum=0, maximum=canvas.height - 1)
    properties["w"].update(minimum=1, maximum=canvas.width)
    properties["h"].update(minimum=1, maximum=canvas.height)


def _sizes(leaf: dict[str, Any], canvas: Canvas) -> dict[str, Any]:
    """`Width` and `Height`, as a leaf's sizes, with pixels no larger than the canvas."""
    sizes = {}
    for name, edge in (("width", canvas.width), ("height", canvas.height)):
        size = copy.deepcopy(leaf["properties"][name])
        _bound_integers(size, 1, edge)
        sizes[_SIZE_DEFINITIONS[name]] = size
    return sizes


def _refer_to_sizes(definition: dict[str, Any]) -> None:
    properties = definition["properties"]
    for name, reference in _SIZE_DEFINITIONS.items():
        if name in properties:
            properties[name] = {"$ref": f"#/$defs/{reference}"}


def _bound_prompts(definitions: dict[str, Any]) -> None:
    """Prompts shorter than the plan allows: small models given 300 characters tend to ramble to the limit."""
    definitions["PictureElement"]["properties"]["prompt"]["maxLength"] = PROMPT_CHARS
    for option in _options(definitions["ObjectGroup"]["properties"]["prompt"]):
        if option.get("type") == "string":
            option["maxLength"] = PROMPT_CHARS


def _frame_parts(frame: dict[str, Any], canvas: Canvas) -> dict[str, dict[str, Any]]:
    """A frame's layout and look properties, bounded to the canvas, as definitions (`FrameLayout`, `FrameGap` ...)."""
    properties = copy.deepcopy(frame["properties"])
    # A single padding on every side is enough for the model; per-side insets stay for hand-written plans.
    properties["padding"] = next(o for o in _options(properties["padding"]) if o.get("type") == "integer")
    half = min(canvas.width, canvas.height) // 2
    for name in ("gap", "padding", "radius"):
        _bound_integers(properties[name], 0, half)
    _bound_integers(properties["columns"]["items"], 1, canvas.width)
    return {_part_name(name): properties[name] for name in _FRAME_PARTS}


def _part_name(field: str) -> str:
    return "Frame" + field.title()


def _frame_at(frame: dict[str, Any], depth: int, max_nodes: int) -> dict[str, Any]:
    """The frame's definition at one depth: its frame children are the next level's, none at the deepest."""
    level = _trim(frame, ROOT_FIELDS if depth == 0 else FRAME_FIELDS)
    properties = level["properties"]
    for name in _FRAME_PARTS:
        if name in properties:
            properties[name] = {"$ref": f"#/$defs/{_part_name(name)}"}
    children = properties["children"]
    inner = [o for o in _options(children["items"]) if o.get("$ref") != _FRAME_REF]
    if depth < FRAME_DEPTH:
        inner.insert(0, {"$ref": f"{_FRAME_REF}{depth + 1}"})
    children["items"] = {"anyOf": inner}
    children["maxItems"] = max(1, min(CHILDREN_PER_DEPTH[depth], max_nodes - 1))
    _refer_to_sizes(level)
    return level


def llm_plan_schema(canvas: Canvas, max_nodes: int, *, assets: Sequence[str] = ()) -> dict[str, Any]:
    """The JSON schema the model's reply must follow: a tree of frames `FRAME_DEPTH` deep below the root, sizes
    and boxes bounded to `canvas`, an asset's name one of the user's `assets`. Each frame's children are bounded;
    the total of `max_nodes` is checked when the reply is read (`node_count_problems`), as a schema cannot bound
    a tree's size."""
    schema = _strip(LayoutPlan.model_json_schema())
    source = schema.pop("$defs")
    definitions = {name: _trim(source[name], fields) for name, fields in {**LEAF_FIELDS, **PART_FIELDS}.items()}
    definitions.update(_sizes(definitions["TextElement"], canvas))
    _bound_box(definitions["Box"], canvas)
    for name in LEAF_FIELDS:
        _refer_to_sizes(definitions[name])
    _bound_prompts(definitions)
    if assets:
        definitions["AssetElement"]["properties"]["name"] = {"type": "string", "enum": list(assets)}
    definitions.update(_frame_parts(source["Frame"], canvas))
    for depth in range(FRAME_DEPTH + 1):
        definitions[f"Frame{depth}"] = _frame_at(source["Frame"], depth, max_nodes)
    root = _trim(schema, PLAN_FIELDS)
    # A transparent background is the user's choice (`--background`), never the model's: it gets painted grounds.
    grounds = root["properties"]["background"]
    grounds["anyOf"] = [ground for ground in grounds["anyOf"] if ground["$ref"].rsplit("/", 1)[-1] in definitions]
    root["properties"]["root"] = {"$ref": f"{_FRAME_REF}0"}
    root["properties"]["rationale"]["maxLength"] = RATIONALE_CHARS
    root["$defs"] = definitions
    return root


def node_count_problems(plan: LayoutPlan, max_nodes: int) -> list[str]:
    """A sentence when the plan has more nodes (frames and leaves, the root included) than the model may write."""
    count = len(plan.frames()) + len(plan.elements)
    if count <= max_nodes:
        return []
    return [f"The plan has {count} nodes but at most {max_nodes} are allowed; merge or drop frames and leaves."]


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
    """The plan in a model's reply, or None and what was wrong with it, one sentence each.

    A version 1 reply (a flat `elements` list with boxes) is read too: it becomes a canvas-sized stack.
    """
    try:
        data = json.loads(_json_object(reply))
    except json.JSONDecodeError as err:
        why = " The reply was cut off at the token limit; write a shorter plan." if cut_off else ""
        return None, [f"The reply is not valid JSON ({err.msg} at character {err.pos}).{why}"]
    if not isinstance(data, dict):
        return None, ["The reply must be one JSON object with background, root and rationale."]
    try:
        data = _completed(data, canvas, constraints)
        return LayoutPlan.model_validate(data), []
    except ValidationError as err:
        return None, [f"{_location(e['loc'])}: {e['msg']}." for e in err.errors(include_url=False)[:8]]
    except ValueError as err:  # a version 1 reply whose elements are not a list
        return None, [f"{err}."]


def _completed(data: dict[str, Any], canvas: Canvas, constraints: Constraints) -> dict[str, Any]:
    """The reply with the run's canvas, and what the model does not write filled in on every node of its tree."""
    data = {**data, "canvas": canvas.model_dump()}
    if "elements" in data:
        data = upgrade_version_1(data)
    data.pop("schema_version", None)
    data.pop("sources", None)  # a plan's sources are the run's record of its web facts, never a model's to write
    root = data.get("root")
    if isinstance(root, dict):
        data["root"] = _completed_frame(root, root, canvas, constraints)
    return data


def _completed_frame(frame: dict[str, Any], root: dict[str, Any], canvas: Canvas, constraints: Constraints) -> Any:
    children = frame.get("children")
    if not isinstance(children, list):
        return frame
    completed = []
    for child in children:
        if isinstance(child, dict) and child.get("kind") == "frame":
            completed.append(_completed_frame(child, root, canvas, constraints))
        else:
            completed.append(_with_backdrop_z(_with_script(child, constraints), frame is root, root, canvas))
    return {**frame, "children": completed}


def _with_backdrop_z(element: Any, in_root: bool, root: dict[str, Any], canvas: Canvas) -> Any:
    """A picture covering the canvas goes under everything (z 0), so the model's panels and text sit on it."""
    if not (isinstance(element, dict) and element.get("kind") == "picture") or "z" in element:
        return element
    box = element.get("box")
    covers = _box_covers(box, canvas) if isinstance(box, dict) else in_root and _fills_root_stack(element, root)
    return {**element, "z": Z_BACKGROUND_PICTURE} if covers else element


_WORDY_KINDS = ("list", "table", "chart")


def _words_of(element: dict[str, Any]) -> list[str]:
    """The strings a list, table or chart sets: its items, its header and cells, its title and categories."""
    found: list[Any] = [*element.get("items", []), *element.get("header", []), *element.get("categories", [])]
    for row in element.get("rows", []):
        found.extend(row if isinstance(row, list) else [])
    found.append(element.get("title"))
    return [word for word in found if isinstance(word, str)]


def _box_covers(box: dict[str, Any], canvas: Canvas) -> bool:
    try:
        width = min(box["x"] + box["w"], canvas.width) - max(box["x"], 0)
        height = min(box["y"] + box["h"], canvas.height) - max(box["y"], 0)
    except (KeyError, TypeError):
        return False
    return width > 0 and height > 0 and width * height >= BACKGROUND_SHARE * canvas.width * canvas.height


def _fills_root_stack(picture: dict[str, Any], root: dict[str, Any]) -> bool:
    """A picture without a box fills a root stack without padding: the whole canvas (its sizes default to fill)."""
    fills = all(picture.get(edge, "fill") == "fill" for edge in ("width", "height"))
    return fills and root.get("layout") == "stack" and not root.get("padding")


def _with_script(element: Any, constraints: Constraints) -> Any:
    """A text element with the script and language of its required text, else detected from the text; a list,
    table or chart with those of its words."""
    if isinstance(element, dict) and element.get("kind") in _WORDY_KINDS:
        words = " ".join(_words_of(element))
        if words.strip():
            script = detect_script(words)
            return {**element, "script": script, "language": language_of(script)}
        return element
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
