"""The plans the status tests of the CLI and of the API share: one whose every check is measured, one with a
check nothing can measure (a picture no generator draws), one with a check that fails."""

from __future__ import annotations

from typing import Any

BRIEF = "A poster with the headline 'Harbour Lights'."
TITLE: dict[str, Any] = {
    "kind": "text", "id": "title", "box": {"x": 64, "y": 64, "w": 896, "h": 180}, "text": "Harbour Lights",
    "role": "headline", "font_weight": "bold",
}  # fmt: skip
# No generator is configured in tests: the picture is drawn as a placeholder and nothing measures what it shows.
PICTURE: dict[str, Any] = {
    "kind": "picture", "id": "hero", "box": {"x": 96, "y": 400, "w": 832, "h": 500}, "prompt": "a lighthouse at dusk"
}  # fmt: skip
# A line too cramped to read: its check fails.
CRAMPED: dict[str, Any] = {
    "kind": "text", "id": "when", "box": {"x": 112, "y": 300, "w": 50, "h": 12}, "text": "Friday 8pm"
}  # fmt: skip


def plan_of(*elements: dict[str, Any]) -> dict[str, Any]:
    """A version-1 plan of `elements` on a warm paper background."""
    return {"schema_version": "1", "background": {"kind": "solid", "color": "#F4EFE6"}, "elements": list(elements)}
