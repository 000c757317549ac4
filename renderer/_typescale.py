"""The size a text without a `font_size` is measured at: a share of the canvas's short edge, by its role.

| role                  | share of the short edge (1024 px canvas) |
|-----------------------|------------------------------------------|
| title                 | 7%   (72 px)                              |
| heading 1, 2, 3, 4    | 5.5%, 4.5%, 3.8%, 3.2% (56, 46, 39, 33)   |
| subtitle              | 4.5% (46 px)                              |
| price, quote          | 3.4% (35 px)                              |
| body                  | 3%   (31 px)                              |
| label                 | 2.8% (29 px)                              |
| code                  | 2.6% (27 px)                              |
| caption, footer       | 2.4% (25 px)                              |

Never above the text's `max_font_size`, never below the contract's minimum size.
"""

from __future__ import annotations

from tessera.contract import MIN_TEXT_SIZE, Canvas, TextElement, TextRole

_ROLE_SHARES: dict[TextRole, float] = {
    "title": 0.07,
    "subtitle": 0.045,
    "heading": 0.055,
    "price": 0.034,
    "quote": 0.034,
    "body": 0.03,
    "label": 0.028,
    "code": 0.026,
    "caption": 0.024,
    "footer": 0.024,
}
_HEADING_SHARES = {1: 0.055, 2: 0.045, 3: 0.038, 4: 0.032}


def default_text_size(element: TextElement, canvas: Canvas) -> int:
    """The size `element` is measured at when the plan leaves its `font_size` to the renderer."""
    share = _HEADING_SHARES[element.level] if element.role == "heading" else _ROLE_SHARES[element.role]
    size = round(share * min(canvas.width, canvas.height))
    return max(MIN_TEXT_SIZE, min(element.max_font_size, size))


def scaled_text_size(element: TextElement, canvas: Canvas, scale: float) -> int:
    """The size a text starts at in a layout that sets the renderer's sizes at `scale` (below 1 when the content
    did not fit): its own `font_size`, else its role's size scaled, never below the contract's minimum size."""
    if element.font_size is not None:
        return element.font_size
    return max(MIN_TEXT_SIZE, round(default_text_size(element, canvas) * scale))
