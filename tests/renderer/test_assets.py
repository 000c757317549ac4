"""The user's own images drawn in their boxes (contain and cover, alpha kept), reported as kind "asset", and the
brand's fonts setting headings and body text."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tessera.contract import (
    AssetElement,
    Box,
    Canvas,
    LayoutPlan,
    PlanError,
    SolidBackground,
    SuppliedFiles,
    TextElement,
    TransparentBackground,
    drawn_parts,
    root_frame,
)
from tessera.renderer import PlanRenderer

RED, BLUE, GREEN = (220, 20, 40), (20, 40, 220), (0, 200, 0)
SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
SERIF_BOLD = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")


def _two_halves() -> bytes:
    """A 200x100 PNG: its left half opaque red, its right half fully transparent."""
    image = Image.new("RGBA", (200, 100), (*RED, 255))
    image.paste((0, 0, 0, 0), (100, 0, 200, 100))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _split_colours() -> bytes:
    """A 200x100 JPEG: red left, blue right."""
    image = Image.new("RGB", (200, 100), RED)
    image.paste(BLUE, (100, 0, 200, 100))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def _plan(*nodes: AssetElement | TextElement) -> LayoutPlan:
    return LayoutPlan(
        canvas=Canvas(width=400, height=400), background=SolidBackground(color="#00C800"), root=root_frame(list(nodes))
    )


def _near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 30) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def test_contain_fits_the_whole_image_centred_and_keeps_its_alpha(renderer: PlanRenderer) -> None:
    box = Box(x=0, y=0, w=200, h=200)
    result = renderer.render(
        _plan(AssetElement(id="asset-logo", name="logo", box=box)), files=SuppliedFiles(assets={"logo": _two_halves()})
    )
    image = result.image
    assert _near(image.getpixel((50, 100)), RED)  # the opaque half, centred vertically (rows 50-150)
    assert _near(image.getpixel((150, 100)), GREEN)  # the transparent half shows the page
    assert _near(image.getpixel((50, 20)), GREEN)  # above the fitted image: the page
    [item] = result.manifest.items[1:] if len(result.manifest.items) > 1 else result.manifest.items
    assert item.kind == "asset" and item.ink_box == Box(x=0, y=50, w=200, h=100)


def test_cover_fills_the_box_and_crops_what_overhangs(renderer: PlanRenderer) -> None:
    box = Box(x=100, y=100, w=200, h=200)
    result = renderer.render(
        _plan(AssetElement(id="photo", name="photo", box=box, fit="cover")),
        files=SuppliedFiles(assets={"photo": _split_colours()}),
    )
    image = result.image
    assert _near(image.getpixel((110, 110)), RED) and _near(image.getpixel((290, 290)), BLUE)
    assert _near(image.getpixel((110, 290)), RED)  # filled to the box's bottom edge
    assert _near(image.getpixel((90, 200)), GREEN) and _near(image.getpixel((310, 200)), GREEN)  # not beyond it


def test_drawn_reports_each_asset_by_name(renderer: PlanRenderer) -> None:
    plan = _plan(
        AssetElement(id="asset-logo", name="logo", box=Box(x=10, y=10, w=100, h=50)),
        AssetElement(id="asset-photo", name="photo", box=Box(x=10, y=200, w=300, h=150), fit="cover"),
    )
    result = renderer.render(plan, files=SuppliedFiles(assets={"logo": _two_halves(), "photo": _split_colours()}))
    parts = drawn_parts(result.manifest, result.manifest.plan or plan)
    assert [(p.kind, p.id, p.name) for p in parts] == [
        ("asset", "asset-logo", "logo"),
        ("asset", "asset-photo", "photo"),
    ]


def test_a_plan_naming_an_asset_the_request_lacks_is_a_plan_error_naming_it(renderer: PlanRenderer) -> None:
    plan = _plan(AssetElement(id="asset-logo", name="logo", box=Box(x=0, y=0, w=50, h=50)))
    with pytest.raises(PlanError, match="draws the asset 'logo'.*supplied: photo.*--asset logo=PATH"):
        renderer.render(plan, files=SuppliedFiles(assets={"photo": _split_colours()}))
    with pytest.raises(PlanError, match="supplied: none"):
        renderer.render(plan)


def test_the_svg_embeds_the_asset(renderer: PlanRenderer) -> None:
    plan = _plan(AssetElement(id="asset-logo", name="logo", box=Box(x=0, y=0, w=200, h=200)))
    result = renderer.render(plan, svg=True, files=SuppliedFiles(assets={"logo": _two_halves()}))
    assert result.svg is not None and 'data-node="asset-logo"' in result.svg and "data:image/png;base64," in result.svg


@pytest.mark.skipif(not SERIF.is_file(), reason="DejaVu Serif (fonts-dejavu-core) is not installed")
def test_brand_fonts_set_headings_and_body_text(renderer: PlanRenderer) -> None:
    title = TextElement(id="title", text="Brand Title", role="title", box=Box(x=10, y=10, w=380, h=80))
    body = TextElement(id="body", text="Body words", role="body", box=Box(x=10, y=120, w=380, h=60))
    code = TextElement(id="code", text="x = 1", role="code", family="mono", box=Box(x=10, y=220, w=380, h=60))
    files = SuppliedFiles(heading_font=SERIF_BOLD.read_bytes(), body_font=SERIF.read_bytes())
    branded = renderer.render(_plan(title, body, code), files=files)
    fonts = {item.element_id: item.font_file for item in branded.manifest.items if item.font_file}
    assert Path(fonts["title"]).read_bytes() == SERIF_BOLD.read_bytes()
    assert Path(fonts["body"]).read_bytes() == SERIF.read_bytes()
    assert Path(fonts["code"]).name == "DejaVuSansMono.ttf"  # code keeps its monospace face
    plain = renderer.render(_plan(title, body, code))
    assert "Noto" in next(i.font_file for i in plain.manifest.items if i.element_id == "title")  # type: ignore[operator]


def test_on_a_transparent_background_the_asset_keeps_its_own_alpha(renderer: PlanRenderer) -> None:
    plan = LayoutPlan(
        canvas=Canvas(width=400, height=400),
        background=TransparentBackground(),
        root=root_frame([AssetElement(id="asset-logo", name="logo", box=Box(x=0, y=0, w=200, h=200))]),
    )
    image = renderer.render(plan, files=SuppliedFiles(assets={"logo": _two_halves()})).image
    assert image.mode == "RGBA"
    assert image.getpixel((50, 100)) == (*RED, 255) and image.getpixel((150, 100))[3] == 0
