"""What a user brings besides the brief: images (a logo, a product photo), a brand kit, and data for charts and
tables, each under a name the brief and the plan use.

The reading carries only what the planner needs to know (`Supplied`: names, sizes, colours, rows); the files'
bytes (`SuppliedFiles`: images and brand fonts) travel with the render request, never inside the plan.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import ConfigDict, Field

from tessera.contract.plan import MAX_EDGE, HexColor, _Model

MAX_ASSETS = 8
MAX_ASSET_BYTES = 8 * 1024 * 1024  # one image file
MAX_ASSET_PIXELS = 40_000_000  # decoded: checked from the file's header, before its pixels are decoded
MAX_FONT_BYTES = 8 * 1024 * 1024  # one brand font file
MAX_MATERIAL_BYTES = 24 * 1024 * 1024  # every image and font of one request together
MAX_DATA_BYTES = 1024 * 1024  # one CSV or JSON data file
MAX_DATA_ROWS = 40
MAX_DATA_COLUMNS = 12
MAX_CELL_CHARS = 120

AssetName = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        description="lower-case letters, digits, '-' and '_', e.g. 'logo', 'product-photo'",
    ),
]
AssetMediaType = Literal["image/png", "image/jpeg", "image/webp"]
Cell = Annotated[str, Field(max_length=MAX_CELL_CHARS)]


class AssetInfo(_Model):
    """One of the user's images, as the planner sees it: its name and size (the bytes stay with the request)."""

    name: AssetName
    width: int = Field(ge=1, le=MAX_EDGE * 4)
    height: int = Field(ge=1, le=MAX_EDGE * 4)
    media_type: AssetMediaType = "image/png"

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height


class BrandColors(_Model):
    """A brand's palette: the primary colour leads (headlines, buttons), the others support it."""

    primary: HexColor
    secondary: HexColor | None = None
    accent: HexColor | None = None
    text: HexColor | None = None
    background: HexColor | None = None


class BrandKit(_Model):
    """A brand kit (`--brand brand.json`): a name, a palette, font files for headings and body, and a logo asset."""

    name: str | None = Field(default=None, min_length=1, max_length=80)
    colors: BrandColors | None = None
    heading_font: str | None = Field(
        default=None, max_length=500, description="the heading font file's name (its bytes travel with the request)"
    )
    body_font: str | None = Field(
        default=None, max_length=500, description="the body font file's name (its bytes travel with the request)"
    )
    logo: AssetName | None = Field(default=None, description="the asset drawn where the brand's logo goes")


class DataTable(_Model):
    """A data file (`--data NAME=PATH`, CSV or JSON) as rows of cells under a header."""

    name: AssetName
    header: list[Cell] = Field(default_factory=list, max_length=MAX_DATA_COLUMNS)
    rows: list[Annotated[list[Cell], Field(min_length=1, max_length=MAX_DATA_COLUMNS)]] = Field(
        min_length=1, max_length=MAX_DATA_ROWS
    )


class Supplied(_Model):
    """Everything the user supplied with the brief, by name."""

    assets: list[AssetInfo] = Field(default_factory=list, max_length=MAX_ASSETS)
    brand: BrandKit | None = None
    data: list[DataTable] = Field(default_factory=list, max_length=MAX_ASSETS)

    def asset(self, name: str) -> AssetInfo | None:
        """The asset called `name`, if the user supplied one."""
        return next((a for a in self.assets if a.name == name), None)

    def table(self, name: str) -> DataTable | None:
        """The data table called `name`, if the user supplied one."""
        return next((t for t in self.data if t.name == name), None)

    @property
    def empty(self) -> bool:
        """Whether the user supplied nothing."""
        return not self.assets and self.brand is None and not self.data


class SuppliedFiles(_Model):
    """The bytes the renderer draws the user's material with: each asset's image file by name, and the brand's
    font files. In JSON (a render request, a run folder) the bytes are base64."""

    model_config = ConfigDict(extra="forbid", frozen=True, ser_json_bytes="base64", val_json_bytes="base64")

    assets: dict[AssetName, Annotated[bytes, Field(max_length=MAX_ASSET_BYTES)]] = Field(
        default_factory=dict, max_length=MAX_ASSETS
    )
    heading_font: bytes | None = Field(default=None, max_length=MAX_FONT_BYTES)
    body_font: bytes | None = Field(default=None, max_length=MAX_FONT_BYTES)


class UserMaterial(_Model):
    """What a user supplied with one request, whole: what the planner sees and the files the renderer draws."""

    model_config = ConfigDict(extra="forbid", frozen=True, ser_json_bytes="base64", val_json_bytes="base64")

    supplied: Supplied = Field(default_factory=Supplied)
    files: SuppliedFiles = Field(default_factory=SuppliedFiles)
