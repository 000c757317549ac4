"""The verifier's check of the user's images: an asset node whose box shows the image passes; one whose box shows
only the page fails (the check can fail: the verifier never sees the file, only the pixels)."""

from __future__ import annotations

import io

from PIL import Image

from tessera.contract import AssetElement, Box, Canvas, LayoutPlan, SolidBackground, SuppliedFiles, root_frame
from tessera.contract.fakes import FakeOcrEngine
from tessera.renderer import PlanRenderer
from tessera.verifier._asset_checks import asset_checks
from tessera.verifier._scene import Scene


def _logo() -> bytes:
    image = Image.new("RGBA", (120, 60), (0, 0, 0, 0))
    image.paste((30, 60, 200, 255), (10, 10, 110, 50))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _plan(box: Box) -> LayoutPlan:
    return LayoutPlan(
        canvas=Canvas(width=400, height=300),
        background=SolidBackground(color="#F4F1EA"),
        root=root_frame([AssetElement(id="asset-logo", name="logo", box=box)]),
    )


def test_an_asset_drawn_in_its_box_passes_and_an_empty_box_fails() -> None:
    drawn_at, elsewhere = Box(x=20, y=20, w=120, h=60), Box(x=240, y=200, w=120, h=60)
    image = PlanRenderer().render(_plan(drawn_at), files=SuppliedFiles(assets={"logo": _logo()})).image
    [shown] = asset_checks(Scene(image, _plan(drawn_at), FakeOcrEngine()))
    assert shown.kind == "asset" and shown.passed and shown.verified and shown.element_ids == ["asset-logo"]
    [missing] = asset_checks(Scene(image, _plan(elsewhere), FakeOcrEngine()))
    assert not missing.passed and "blank" in missing.measured


def test_an_asset_off_the_canvas_fails() -> None:
    image = Image.new("RGB", (400, 300), "#F4F1EA")
    [check] = asset_checks(Scene(image, _plan(Box(x=500, y=0, w=50, h=50)), FakeOcrEngine()))
    assert not check.passed and "off the canvas" in check.measured
