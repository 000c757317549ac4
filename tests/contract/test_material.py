"""The user's material in the contract: what the reading carries (`Supplied`), what travels to the renderer
(`SuppliedFiles`, base64 in JSON), and how an asset shows in `drawn`."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tessera.contract import (
    AssetElement,
    AssetInfo,
    Box,
    BrandKit,
    Canvas,
    DataTable,
    DrawnItem,
    LayoutPlan,
    RenderManifest,
    SolidBackground,
    Supplied,
    SuppliedFiles,
    UserMaterial,
    drawn_parts,
    root_frame,
)
from tessera.contract.material import MAX_ASSETS, MAX_DATA_ROWS


def test_supplied_finds_assets_and_tables_by_name() -> None:
    supplied = Supplied(
        assets=[AssetInfo(name="logo", width=300, height=100)],
        data=[DataTable(name="sales", header=["region", "sales"], rows=[["North", "120"]])],
        brand=BrandKit(name="Acme", logo="logo"),
    )
    assert supplied.asset("logo") is not None and supplied.asset("photo") is None
    assert supplied.table("sales") is not None and supplied.table("costs") is None
    assert supplied.asset("logo").aspect == 3.0  # type: ignore[union-attr]
    assert not supplied.empty and Supplied().empty


@pytest.mark.parametrize("name", ["Logo", "-logo", "my logo", "a" * 41, ""])
def test_an_asset_name_is_lower_case_letters_digits_dashes_and_underscores(name: str) -> None:
    with pytest.raises(ValidationError):
        AssetInfo(name=name, width=10, height=10)


def test_supplied_is_bounded() -> None:
    with pytest.raises(ValidationError):
        Supplied(assets=[AssetInfo(name=f"a{n}", width=1, height=1) for n in range(MAX_ASSETS + 1)])
    with pytest.raises(ValidationError):
        DataTable(name="big", rows=[["x"]] * (MAX_DATA_ROWS + 1))


def test_files_travel_as_base64_in_json_and_come_back_byte_for_byte() -> None:
    raw = bytes(range(256))
    material = UserMaterial(files=SuppliedFiles(assets={"logo": raw}, heading_font=b"\x00\x01font"))
    text = material.model_dump_json()
    assert '"logo":"' in text and "\\u0000" not in text  # base64, not escaped bytes
    again = UserMaterial.model_validate_json(text)
    assert again.files.assets["logo"] == raw and again.files.heading_font == b"\x00\x01font"


def test_an_asset_is_drawn_as_kind_asset_named_by_its_name() -> None:
    box = Box(x=10, y=20, w=100, h=50)
    plan = LayoutPlan(
        canvas=Canvas(width=200, height=200),
        background=SolidBackground(color="#FFFFFF"),
        root=root_frame([AssetElement(id="asset-logo", name="logo", box=box)]),
    )
    manifest = RenderManifest(
        canvas=plan.canvas, plan=plan, items=[DrawnItem(element_id="asset-logo", kind="asset", box=box)]
    )
    [part] = drawn_parts(manifest, plan)
    assert (part.kind, part.id, part.name, part.text, part.box) == ("asset", "asset-logo", "logo", None, box)
