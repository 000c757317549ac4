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
    laps,
    slots_of,
)
from tessera.planner._templates._cards import CARD_TEMPLATES
from tessera.planner._templates._dashboards import DASHBOARD_TEMPLATES
from tessera.planner._templates._icon_sets import ICON_SET_TEMPLATES
from tessera.planner._templates._infographics import INFOGRAPHIC_TEMPLATES
from tessera.planner._templates._labels import LABEL_TEMPLATES
from tessera.planner._templates._login import LOGIN_TEMPLATES
from tessera.planner._templates._menus import MENU_TEMPLATES
from tessera.planner._templates._papers import PAPER_TEMPLATES
from tessera.planner._templates._posters import POSTER_TEMPLATES
from tessera.planner._templates._pricing import PRICING_TEMPLATES
from tessera.planner._templates._products import PRODUCT_TEMPLATES
from tessera.planner._templates._slides import SLIDE_TEMPLATES

TEMPLATES: tuple[Template, ...] = (
    *PRICING_TEMPLATES,
    *LOGIN_TEMPLATES,
    *PRODUCT_TEMPLATES,
    *MENU_TEMPLATES,
    *LABEL_TEMPLATES,
    *SLIDE_TEMPLATES,
    *DASHBOARD_TEMPLATES,
    *INFOGRAPHIC_TEMPLATES,
    *PAPER_TEMPLATES,
    *POSTER_TEMPLATES,
    *CARD_TEMPLATES,
    *ICON_SET_TEMPLATES,
)
"""Every template, in no particular order (`fitting` sorts them per brief)."""

__all__ = [
    "TEMPLATES",
    "Design",
    "Material",
    "Slots",
    "Template",
    "TypeScale",
    "Used",
    "choose",
    "fitting",
    "laps",
    "slots_of",
]
