"""A character the fixed fallbacks lack is drawn by any installed face that has it (a script's own Noto font),
not as an empty box."""

from __future__ import annotations

from pathlib import Path

from tessera.contract import LayoutPlan
from tessera.renderer import PlanRenderer
from tessera.renderer._fonts import FontBook

_FONTS = (Path("/usr/share/fonts"),)


def test_an_ethiopic_word_in_the_display_family_is_drawn_by_the_ethiopic_face() -> None:
    face = FontBook(_FONTS).face_with("ሰ", "bold")  # scripts/bootstrap installs fonts-noto-core, which has it
    assert face is not None and face.family == "Noto Sans Ethiopic"
    plan = LayoutPlan.model_validate(
        {"schema_version": 2, "canvas": {"width": 800, "height": 400},
         "background": {"kind": "solid", "color": "#FFFFFF"},
         "root": {"kind": "frame", "id": "root", "padding": 40, "children": [
             {"kind": "text", "id": "hello", "text": "Welcome ሰላም", "family": "display", "font_weight": "bold"}]}}
    )  # fmt: skip
    assert PlanRenderer().render(plan).manifest.notices == []


def test_a_character_no_installed_font_has_is_still_named() -> None:
    assert FontBook(_FONTS).face_with("\ue000", "regular") is None
