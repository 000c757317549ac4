"""The SVG of a render: the same picture as the PNG, with every text live in the fonts the PNG was drawn with."""

from __future__ import annotations

import base64
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
import resvg_py
from PIL import Image

from tessera.contract import Frame, LayoutPlan, RenderResult, TextElement
from tessera.renderer import PlanRenderer

SVG = "{http://www.w3.org/2000/svg}"
FONT_DIRS = ["/usr/share/fonts"]  # the renderer's own font folders (PlanRenderer's default)

PLAN = {
    "schema_version": 2,
    "canvas": {"width": 1200, "height": 900},
    "background": {"kind": "linear_gradient", "start": "#F4F6FB", "end": "#DDE4F2", "angle_deg": 90},
    "root": {
        "kind": "frame", "id": "root", "layout": "column", "padding": 40, "gap": 24,
        "children": [
            {"kind": "text", "id": "title", "text": "Night Market 夜市 السوق الليلي", "role": "title",
             "color": "#1F2A44", "align": "left"},
            {"kind": "frame", "id": "cards", "layout": "row", "gap": 24, "height": "fill", "children": [
                {"kind": "frame", "id": "card-zh", "role": "card", "width": "fill", "radius": 18,
                 "shadow": {"color": "#1F2A44", "opacity": 0.25, "blur": 16, "dx": 0, "dy": 6},
                 "children": [
                     {"kind": "text", "id": "zh", "text": "欢迎光临，每晚六点开市", "role": "heading",
                      "color": "#1F2A44"},
                     {"kind": "text", "id": "spaced", "text": "OPEN LATE", "role": "label", "letter_spacing": 0.2,
                      "font_weight": "bold", "color": "#C2410C"},
                     {"kind": "list", "id": "stalls", "items": ["Dumplings", "Falafel فلافل", "Bubble tea"],
                      "marker": "bullet", "color": "#1F2A44"},
                 ]},
                {"kind": "frame", "id": "card-ar", "role": "card", "width": "fill", "radius": 18,
                 "border": {"color": "#94A3B8", "width": 2},
                 "children": [
                     {"kind": "text", "id": "ar", "text": "مرحبا بكم في السوق من 6 مساءً", "role": "heading",
                      "color": "#1F2A44", "align": "right"},
                     {"kind": "table", "id": "prices", "header": ["Dish", "Price"],
                      "rows": [["Noodles", "8"], ["Satay", "6.5"]], "style": "lines"},
                     {"kind": "frame", "id": "badges", "layout": "row", "gap": 16, "align": "center", "children": [
                         {"kind": "icon", "id": "map", "name": "map-pin", "color": "#2563EB", "width": 56,
                          "height": 56},
                         {"kind": "qr", "id": "link", "data": "https://example.com/market", "width": 150,
                          "height": 150},
                         {"kind": "shape", "id": "dot", "shape": "ellipse", "fill": "#F59E0B", "width": 40,
                          "height": 40},
                     ]},
                 ]},
            ]},
            {"kind": "frame", "id": "bottom", "layout": "row", "gap": 24, "height": 240, "children": [
                {"kind": "chart", "id": "visits", "chart": "column", "title": "Visitors", "width": "fill",
                 "categories": ["Fri", "Sat", "Sun"], "series": [{"name": "2026", "values": [420, 610, 380],
                                                                  "color": "#2563EB"}]},
                {"kind": "objects", "id": "lanterns", "object_class": "balloon", "count": 3, "width": 300},
            ]},
        ],
    },
}  # fmt: skip


@pytest.fixture(scope="module")
def rendered(renderer: PlanRenderer) -> RenderResult:
    return renderer.render(LayoutPlan.model_validate(PLAN), svg=True)


@pytest.fixture(scope="module")
def document(rendered: RenderResult) -> ET.Element:
    assert rendered.svg is not None
    return ET.fromstring(rendered.svg)


def rasterised(svg: str) -> Image.Image:
    """The SVG drawn by resvg with only the renderer's fonts (no system font lookup)."""
    png = resvg_py.svg_to_bytes(svg_string=svg, skip_system_fonts=True, font_dirs=FONT_DIRS)
    return Image.open(io.BytesIO(bytes(png))).convert("RGB")


def texts_of(frame: Frame) -> list[TextElement]:
    found: list[TextElement] = []
    for child in frame.children:
        if isinstance(child, Frame):
            found += texts_of(child)
        elif isinstance(child, TextElement):
            found.append(child)
    return found


def test_a_render_gives_no_svg_unless_asked(renderer: PlanRenderer) -> None:
    assert renderer.render(LayoutPlan.model_validate(PLAN)).svg is None


def test_the_svg_is_valid_xml_the_size_of_the_canvas(document: ET.Element) -> None:
    assert document.tag == f"{SVG}svg"
    assert (document.get("width"), document.get("height"), document.get("viewBox")) == ("1200", "900", "0 0 1200 900")


def test_every_line_of_every_text_is_a_live_text_element_with_exactly_its_string(
    rendered: RenderResult, document: ET.Element
) -> None:
    lines_of = {item.element_id: item.lines for item in rendered.manifest.items if item.kind == "text"}
    assert rendered.manifest.plan is not None
    texts = texts_of(rendered.manifest.plan.root)
    assert len(texts) >= 12  # title, the two card texts, list items and bullets, table cells
    for text in texts:
        group = document.find(f".//{SVG}g[@data-node='{text.id}']")
        assert group is not None, text.id
        live = ["".join(element.itertext()) for element in group.iter(f"{SVG}text")]
        assert live == lines_of[text.id], text.id
        assert " ".join(live).replace(" ", "") == text.text.replace("\n", "").replace(" ", "")


def test_texts_name_the_font_families_and_sizes_they_were_drawn_in(
    rendered: RenderResult, document: ET.Element
) -> None:
    title = document.find(f".//{SVG}g[@data-node='title']")
    assert title is not None
    spans = list(title.iter(f"{SVG}tspan"))
    families = {span.get("font-family") for span in spans} | {t.get("font-family") for t in title.iter(f"{SVG}text")}
    assert {"Noto Sans", "Noto Sans CJK SC", "Noto Sans Arabic"} <= families
    size = next(item.font_size for item in rendered.manifest.items if item.element_id == "title")
    assert all(t.get("font-size") == str(size) for t in title.iter(f"{SVG}text"))
    assert all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in title.iter(f"{SVG}text"))
    spaced = document.find(f".//{SVG}g[@data-node='spaced']")
    assert spaced is not None and spaced.get("fill") == "#C2410C"
    assert all(t.get("font-weight") == "bold" for t in spaced.iter(f"{SVG}text"))


def test_frames_shapes_icons_qr_codes_and_charts_are_vector_and_sprites_embedded_png(document: ET.Element) -> None:
    def node(node_id: str) -> ET.Element:
        found = document.find(f".//*[@data-node='{node_id}']")
        assert found is not None, node_id
        return found

    shadow, fill = node("card-zh").iter(f"{SVG}rect")
    assert (shadow.get("rx"), fill.get("rx")) == ("18", "18")
    assert (shadow.get("filter") or "").startswith("url(#")
    assert node("map").tag == f"{SVG}svg" and node("map").find(f".//{SVG}path") is not None
    assert node("link").find(f"{SVG}path") is not None
    assert node("dot").find(f"{SVG}ellipse") is not None
    chart = node("visits")
    assert chart.tag == f"{SVG}svg" and "Visitors" in ["".join(t.itertext()) for t in chart.iter(f"{SVG}text")]
    assert node("lanterns").tag == f"{SVG}image"
    href = node("lanterns").get("{http://www.w3.org/1999/xlink}href") or ""
    assert href.startswith("data:image/png;base64,")
    assert Image.open(io.BytesIO(base64.b64decode(href.split(",", 1)[1]))).mode == "RGBA"
    assert document.find(f".//{SVG}image[@data-node='title']") is None  # no text is a picture


def test_the_rasterised_svg_matches_the_png(rendered: RenderResult, tmp_path: Path) -> None:
    assert rendered.svg is not None
    drawn = np.asarray(rendered.image.convert("RGB"), dtype=np.int16)
    from_svg = np.asarray(rasterised(rendered.svg), dtype=np.int16)
    difference = np.abs(drawn - from_svg).max(axis=2)
    mean = float(np.abs(drawn - from_svg).mean())
    close = float((difference <= 16).mean())
    print(f"SVG vs PNG: mean absolute difference {mean:.2f} levels, {close:.2%} of pixels within 16 levels")
    assert mean < 3.0
    assert close > 0.98
