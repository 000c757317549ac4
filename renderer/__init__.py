"""LayoutPlan -> image + manifest of what was drawn where.

Public face: the `Renderer` Protocol and its result types, `PlanRenderer` (the
Pillow/raqm implementation with Noto fonts and Noto Color Emoji sprites), and
`sprite_for`, which tells whether an object class has a sprite.
"""

from renderer._catalog import emoji_for, sprite_id
from renderer._render import PlanRenderer
from renderer.manifest import DrawnItem, ProgressCallback, Renderer, RenderManifest, RenderProgress, RenderResult


def sprite_for(object_class: str) -> str | None:
    """The sprite id that draws `object_class` (e.g. 'emoji:U+1F388' for 'balloons'), or None when unknown.

    Plurals and common synonyms are understood; None means the renderer would draw labelled badges.
    """
    emoji = emoji_for(object_class)
    return sprite_id(emoji) if emoji is not None else None


__all__ = [
    "DrawnItem",
    "PlanRenderer",
    "ProgressCallback",
    "RenderManifest",
    "RenderProgress",
    "RenderResult",
    "Renderer",
    "sprite_for",
]
