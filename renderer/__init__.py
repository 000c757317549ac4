"""LayoutPlan -> laid out (CSS flexbox and grid, through Taffy) -> image + manifest of what was drawn where.

Public face: the `Renderer` Protocol and its result types, `PlanRenderer` (the
Pillow/raqm implementation with Noto fonts and Fluent Emoji sprites), and
`sprite_for`, which tells whether an object class has a sprite. A render's budget (`RENDER_MEMORY_BOUND_MB`,
`MAX_GLYPHS`, `MAX_WORK_PIXELS`, `MAX_LINE_PIXELS`, `FONT_SIZE_PER_BOX_PX`): what any plan may make it do, checked
before anything big is allocated; a plan over it is refused with a `PlanError` or `TooLargeError` naming the
element and what to change.

The generative layer: the `Generator` Protocol (a `RegionRequest` in, pixels out),
`GeneratorConfig`, `load_generator` (load now, once per process) and
`open_generator` (load on first use), with Janus (transformers) and aMUSEd
(diffusers) backends. torch loads only when a generator does.
"""

from tessera.contract import (
    DrawnItem,
    Generator,
    GeneratorError,
    ProgressCallback,
    RegionRequest,
    Renderer,
    RenderManifest,
    RenderProgress,
    RenderResult,
    StepCallback,
    drawing_for,
)
from tessera.renderer._budget import (
    FONT_SIZE_PER_BOX_PX,
    MAX_GLYPHS,
    MAX_LINE_PIXELS,
    MAX_WORK_PIXELS,
    RENDER_MEMORY_BOUND_MB,
)
from tessera.renderer._generator import GeneratorConfig, load_generator, open_generator
from tessera.renderer._render import PlanRenderer


def sprite_for(object_class: str) -> str | None:
    """The sprite id that draws `object_class` (e.g. 'fluent:balloon' for 'balloons'), or None when unknown.

    Plurals and synonyms are understood, across the emoji set's names and the icon set ('icon:lamp' for 'lamp');
    None means the renderer would draw a labelled placeholder per instance.
    """
    drawing = drawing_for(object_class)
    return drawing.sprite_id if drawing is not None else None


__all__ = [
    "FONT_SIZE_PER_BOX_PX",
    "MAX_GLYPHS",
    "MAX_LINE_PIXELS",
    "MAX_WORK_PIXELS",
    "RENDER_MEMORY_BOUND_MB",
    "DrawnItem",
    "Generator",
    "GeneratorConfig",
    "GeneratorError",
    "PlanRenderer",
    "ProgressCallback",
    "RegionRequest",
    "RenderManifest",
    "RenderProgress",
    "RenderResult",
    "Renderer",
    "StepCallback",
    "load_generator",
    "open_generator",
    "sprite_for",
]
