"""The few-shot examples the LLM planner shows: per document kind, a one-line brief, its reading and a plan.

The examples ship in `tessera/prompts/examples/` as JSON, made from the hand-written gallery plans
(`docs/gallery`) by `tessera.planner._llm_example_making`; a test keeps the shipped files equal to what the gallery
makes. A prompt shows only the examples of the brief's own document kind (`EXAMPLES_FOR`), so it stays short.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from tessera import prompts
from tessera.contract import Constraints, DocumentKind, LayoutPlan

# The gallery plans each document kind is shown, best first; a prompt shows the first one or two that fit its
# budget. Kinds without a gallery design of their own (a scene, a plain document) are shown none.
EXAMPLES_FOR: dict[DocumentKind, tuple[str, ...]] = {
    "slide": ("slide-results",),
    "dashboard": ("dashboard-kpi", "weather-widget"),
    "infographic": ("process-infographic", "timeline"),
    "pricing": ("pricing-page",),
    "login": ("login-screen", "settings-panel"),
    "menu": ("menu-restaurant",),
    "label": ("product-label", "nutrition-label"),
    "poster": ("event-poster", "flyer-qr"),
    "flyer": ("flyer-qr", "event-poster"),
    "banner": ("social-banner", "newsletter-header"),
    "sign": ("event-poster",),
    "card": ("business-card", "recipe-card"),
    "certificate": ("certificate", "event-ticket"),
    "icon_set": ("icon-set",),
    "product": ("product-label", "app-onboarding"),
    "paper": ("report-page",),
}


class Example(BaseModel):
    """One few-shot example: the brief, its reading (what the plan must carry) and the plan that carries it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    brief: str
    reading: Constraints
    plan: LayoutPlan


def examples_dir() -> Path:
    """Where the shipped examples are: `examples/` in the `tessera.prompts` package."""
    return Path(prompts.__file__).parent / "examples"


@cache
def load_example(name: str) -> Example:
    """The shipped example made from the gallery plan `name`."""
    data = json.loads((examples_dir() / f"{name}.json").read_text(encoding="utf-8"))
    return Example.model_validate(data)


def examples_for(document: DocumentKind) -> list[Example]:
    """The examples of one document kind, best first; none for a kind the gallery has no design of."""
    return [load_example(name) for name in EXAMPLES_FOR.get(document, ())]
