"""Design templates per document kind for the rules planner (see `_base` for what a template is)."""

from __future__ import annotations

from tessera.planner._templates._base import (
    Design,
    Material,
    Slots,
    Template,
    TypeScale,
    Used,
    choose,
    fitting,
    slots_of,
)

TEMPLATES: tuple[Template, ...] = ()
"""Every template, in no particular order (`fitting` sorts them per brief)."""

__all__ = ["TEMPLATES", "Design", "Material", "Slots", "Template", "TypeScale", "Used", "choose", "fitting", "slots_of"]
