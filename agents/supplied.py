"""The user's own material, read and checked: images (`--asset NAME=PATH`), a brand kit (`--brand brand.json`) and
data files (`--data NAME=PATH`), from files on the command line or from the API's JSON and multipart fields.

Every problem is a RequestError (exit 2, HTTP 400) whose message names the file (or the API field) and what is
wrong with it. Sizes are bounded before anything is decoded: an image's pixel count is read from its header.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PIL import Image, ImageFont, UnidentifiedImageError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tessera.contract import (
    MAX_EDGE,
    AssetInfo,
    BrandColors,
    BrandKit,
    DataTable,
    RequestError,
    Supplied,
    SuppliedFiles,
    UserMaterial,
)
from tessera.contract.material import (
    MAX_ASSET_BYTES,
    MAX_ASSET_PIXELS,
    MAX_ASSETS,
    MAX_CELL_CHARS,
    MAX_DATA_BYTES,
    MAX_DATA_COLUMNS,
    MAX_DATA_ROWS,
    MAX_FONT_BYTES,
    MAX_MATERIAL_BYTES,
    AssetMediaType,
)

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
_MEDIA_TYPES: dict[str, AssetMediaType] = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
BRAND_LOGO = "logo"
"""The asset name a brand kit's logo is supplied under."""


def check_name(name: str, where: str) -> str:
    """`name` when it can name an asset or a data table, else a RequestError that says what names look like."""
    if not _NAME.match(name):
        raise RequestError(
            f"{where}: the name {name!r} cannot name an asset or data; use 1-40 lower-case letters, digits, "
            "'-' and '_', starting with a letter or digit (e.g. logo, product-photo)"
        )
    return name


def split_assignment(text: str, option: str) -> tuple[str, Path]:
    """NAME and PATH of an option written `NAME=PATH`."""
    name, equals, path = text.partition("=")
    if not equals or not name or not path:
        raise RequestError(f"{option} {text!r} is not NAME=PATH; write it like {option} logo=./logo.png")
    return check_name(name.strip(), f"{option} {text!r}"), Path(path.strip())


def read_file(path: Path, what: str, limit: int) -> bytes:
    """The bytes of `path`, at most `limit` of them; a RequestError naming the file when it cannot be read."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise RequestError(f"{what} {path} is a folder; give the file")
        if size > limit:
            raise RequestError(f"{what} {path} has {size:,} bytes; the limit is {limit:,}: make it smaller")
        return path.read_bytes()
    except FileNotFoundError:
        raise RequestError(f"{what} {path} does not exist") from None
    except OSError as err:
        raise RequestError(f"{what} {path} cannot be read: {err.strerror}") from err


def asset_info(name: str, data: bytes, source: str) -> AssetInfo:
    """What the planner needs to know of an image file: a PNG, JPEG or WebP within the size limits, decodable."""
    if len(data) > MAX_ASSET_BYTES:
        raise RequestError(f"{source} has {len(data):,} bytes; an image may have at most {MAX_ASSET_BYTES:,}")
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind, (width, height) = image.format or "", image.size
            if kind not in _MEDIA_TYPES:
                raise RequestError(f"{source} is a {kind or 'kind of'} image; use PNG, JPEG or WebP")
            if width * height > MAX_ASSET_PIXELS or max(width, height) > 4 * MAX_EDGE:
                raise RequestError(
                    f"{source} is {width}x{height} pixels; an image may have at most {MAX_ASSET_PIXELS:,} pixels and "
                    f"{4 * MAX_EDGE} per side: scale it down"
                )
            image.load()
    except UnidentifiedImageError:
        raise RequestError(f"{source} is not an image Tessera reads; use PNG, JPEG or WebP") from None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
        raise RequestError(f"{source} is a damaged or unreadable image ({err})") from err
    return AssetInfo(name=name, width=width, height=height, media_type=_MEDIA_TYPES[kind])


def check_font(data: bytes, source: str) -> bytes:
    """`data` when it is a TrueType or OpenType font FreeType opens, within the size limit."""
    if len(data) > MAX_FONT_BYTES:
        raise RequestError(f"{source} has {len(data):,} bytes; a font file may have at most {MAX_FONT_BYTES:,}")
    try:
        ImageFont.truetype(io.BytesIO(data), 16)
    except OSError as err:
        raise RequestError(f"{source} is not a TrueType or OpenType font FreeType can open ({err})") from err
    return data


def data_table(name: str, data: bytes, source: str) -> DataTable:
    """A CSV or JSON data file as a table: JSON when it starts with '[' or '{', else CSV with a header row."""
    if len(data) > MAX_DATA_BYTES:
        raise RequestError(f"{source} has {len(data):,} bytes; a data file may have at most {MAX_DATA_BYTES:,}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise RequestError(f"{source} is not UTF-8 text (byte {err.start}); save it as UTF-8 CSV or JSON") from None
    if text.lstrip().startswith(("[", "{")):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as err:
            raise RequestError(f"{source} line {err.lineno}: not valid JSON ({err.msg})") from None
        return json_table(name, value, source)
    return _csv_table(name, text, source)


def _csv_table(name: str, text: str, source: str) -> DataTable:
    try:
        lines = [(number, row) for number, row in enumerate(csv.reader(io.StringIO(text)), start=1) if any(row)]
    except csv.Error as err:
        raise RequestError(f"{source}: not valid CSV ({err})") from None
    if not lines:
        raise RequestError(f"{source} is empty; give a header row and at least one row of data")
    header = [cell.strip() for cell in lines[0][1]]
    rows: list[list[str]] = []
    for number, row in lines[1:]:
        if len(row) != len(header):
            raise RequestError(f"{source} line {number}: {len(row)} cells, the header has {len(header)}")
        rows.append([cell.strip() for cell in row])
    return _bounded(name, header, rows, source)


def json_table(name: str, value: Any, source: str) -> DataTable:
    """A table from JSON: a list of objects (their keys the header) or {"header": [...], "rows": [[...], ...]}."""
    if isinstance(value, dict) and set(value) == {"header", "rows"}:
        header, rows = value["header"], value["rows"]
        if not isinstance(header, list) or not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise RequestError(f"{source}: 'header' must be a list of names and 'rows' a list of lists of cells")
        for number, row in enumerate(rows, start=1):
            if len(row) != len(header):
                raise RequestError(f"{source} row {number}: {len(row)} cells, the header has {len(header)}")
        return _bounded(name, [_cell(h, source) for h in header], [[_cell(c, source) for c in r] for r in rows], source)
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        header = list(dict.fromkeys(key for item in value for key in item))
        rows = [[_cell(item.get(key, ""), source) for key in header] for item in value]
        return _bounded(name, header, rows, source)
    raise RequestError(
        f'{source}: use a list of objects ([{{"region": "North", "sales": 120}}, ...]) or '
        '{"header": ["region", "sales"], "rows": [["North", 120], ...]}'
    )


def _cell(value: Any, source: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool | int | float | str):
        return str(value)
    raise RequestError(f"{source}: a cell holds {json.dumps(value)[:60]}; cells are text or numbers")


def _bounded(name: str, header: list[str], rows: list[list[str]], source: str) -> DataTable:
    if not rows:
        raise RequestError(f"{source} has a header and no rows; give at least one row of data")
    if len(rows) > MAX_DATA_ROWS:
        raise RequestError(f"{source} has {len(rows)} rows; a chart or table takes at most {MAX_DATA_ROWS}")
    if len(header) > MAX_DATA_COLUMNS:
        raise RequestError(f"{source} has {len(header)} columns; a chart or table takes at most {MAX_DATA_COLUMNS}")
    longest = max((cell for row in [header, *rows] for cell in row), key=len)
    if len(longest) > MAX_CELL_CHARS:
        raise RequestError(
            f"{source}: the cell {longest[:40]!r}... has {len(longest)} characters; at most {MAX_CELL_CHARS}"
        )
    return DataTable(name=name, header=header, rows=rows)


class _BrandFile(BaseModel):
    """brand.json as written: files are paths (relative to brand.json's folder) on the command line, base64 in the
    API."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str | None = Field(default=None, min_length=1, max_length=80)
    colors: BrandColors | None = None
    heading_font: str | None = Field(default=None, max_length=12_000_000)
    body_font: str | None = Field(default=None, max_length=12_000_000)
    logo: str | None = Field(default=None, max_length=12_000_000)


def _brand_fields(value: Any, source: str) -> _BrandFile:
    try:
        return _BrandFile.model_validate(value)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "the brand"
        hint = "; a colour is #RRGGBB" if "colors" in where else ""
        raise RequestError(f"{source}: {where}: {first['msg']}{hint}") from None


class MaterialBuilder:
    """Collects one request's material, keeping names unique and the bytes within `MAX_MATERIAL_BYTES`."""

    def __init__(self) -> None:
        self._assets: list[AssetInfo] = []
        self._files: dict[str, bytes] = {}
        self._data: list[DataTable] = []
        self._brand: BrandKit | None = None
        self._fonts: dict[str, bytes] = {}
        self._bytes = 0

    def add_asset(self, name: str, data: bytes, source: str) -> None:
        """One image under `name`."""
        if name in self._files:
            raise RequestError(f"{source}: an asset named {name!r} is already supplied; give each asset its own name")
        if len(self._assets) >= MAX_ASSETS:
            raise RequestError(f"{source}: at most {MAX_ASSETS} assets may be supplied with one brief")
        self._assets.append(asset_info(name, data, source))
        self._files[name] = data
        self._count(len(data), source)

    def add_data(self, name: str, table: DataTable, source: str) -> None:
        """One data table under `name`."""
        if any(t.name == name for t in self._data):
            raise RequestError(f"{source}: data named {name!r} is already supplied; give each data file its own name")
        if len(self._data) >= MAX_ASSETS:
            raise RequestError(f"{source}: at most {MAX_ASSETS} data files may be supplied with one brief")
        self._data.append(table)

    def set_brand(
        self, fields: _BrandFile, source: str, *, logo: bytes | None, heading: bytes | None, body: bytes | None
    ) -> None:
        """The brand kit; its logo becomes the asset 'logo', its fonts are checked by opening them."""
        if logo is not None:
            self.add_asset(BRAND_LOGO, logo, f"{source} logo")
        for role, font in (("heading_font", heading), ("body_font", body)):
            if font is not None:
                self._fonts[role] = check_font(font, f"{source} {role}")
                self._count(len(font), source)
        self._brand = BrandKit(
            name=fields.name,
            colors=fields.colors,
            heading_font=_font_label(fields.heading_font) if heading is not None else None,
            body_font=_font_label(fields.body_font) if body is not None else None,
            logo=BRAND_LOGO if logo is not None else None,
        )

    def _count(self, size: int, source: str) -> None:
        self._bytes += size
        if self._bytes > MAX_MATERIAL_BYTES:
            raise RequestError(
                f"{source}: the images and fonts supplied come to over {MAX_MATERIAL_BYTES // (1024 * 1024)} MiB "
                "together; send smaller files"
            )

    def build(self) -> UserMaterial:
        """What was supplied, whole."""
        return UserMaterial(
            supplied=Supplied(assets=self._assets, brand=self._brand, data=self._data),
            files=SuppliedFiles(
                assets=self._files, heading_font=self._fonts.get("heading_font"), body_font=self._fonts.get("body_font")
            ),
        )


def _font_label(value: str | None) -> str | None:
    """A font's name for the reading: the file name of a path (never a base64 body)."""
    if value is None or len(value) > 500:
        return "supplied font"
    return Path(value).name


def material_from_files(assets: list[str], data: list[str], brand: Path | None) -> UserMaterial:
    """The material of `--asset NAME=PATH`, `--data NAME=PATH` and `--brand brand.json`."""
    builder = MaterialBuilder()
    for text in assets:
        name, path = split_assignment(text, "--asset")
        builder.add_asset(name, read_file(path, "asset file", MAX_ASSET_BYTES), f"asset file {path}")
    for text in data:
        name, path = split_assignment(text, "--data")
        table = data_table(name, read_file(path, "data file", MAX_DATA_BYTES), f"data file {path}")
        builder.add_data(name, table, f"data file {path}")
    if brand is not None:
        _brand_from_file(builder, brand)
    return builder.build()


def _brand_from_file(builder: MaterialBuilder, path: Path) -> None:
    source = f"brand file {path}"
    try:
        value = json.loads(read_file(path, "brand file", MAX_DATA_BYTES).decode("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise RequestError(f"{source} is not valid JSON ({err})") from None
    fields = _brand_fields(value, source)
    folder = path.parent

    def load(relative: str | None, what: str, limit: int) -> bytes | None:
        return None if relative is None else read_file(folder / relative, f"{source}: {what}", limit)

    builder.set_brand(
        fields,
        source,
        logo=load(fields.logo, "logo", MAX_ASSET_BYTES),
        heading=load(fields.heading_font, "heading_font", MAX_FONT_BYTES),
        body=load(fields.body_font, "body_font", MAX_FONT_BYTES),
    )


def decode_base64(text: str, where: str) -> bytes:
    """The bytes of a base64 field (a data: URL's payload too); a RequestError naming the field when it is not."""
    payload = text.split(",", 1)[1] if text.startswith("data:") and "," in text else text
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise RequestError(f"{where} is not base64 (send the file's bytes base64-encoded)") from None


def material_from_api(
    assets: Mapping[str, str | bytes], data: Mapping[str, Any], brand: Mapping[str, Any] | None
) -> UserMaterial:
    """The material of an API request: `assets` {name: base64 or the bytes of a multipart file}, `data` {name: a
    list of objects, {header, rows}, or CSV text}, and `brand` (files as base64)."""
    builder = MaterialBuilder()
    for name, value in assets.items():
        where = f"assets.{check_name(name, 'assets')}"
        builder.add_asset(name, value if isinstance(value, bytes) else decode_base64(value, where), where)
    for name, value in data.items():
        where = f"data.{check_name(name, 'data')}"
        if isinstance(value, str | bytes):
            table = data_table(name, value.encode("utf-8") if isinstance(value, str) else value, where)
        else:
            table = json_table(name, value, where)
        builder.add_data(name, table, where)
    if brand is not None:
        fields = _brand_fields(brand, "brand")

        def decoded(value: str | None, what: str) -> bytes | None:
            return None if value is None else decode_base64(value, f"brand.{what}")

        builder.set_brand(
            fields,
            "brand",
            logo=decoded(fields.logo, "logo"),
            heading=decoded(fields.heading_font, "heading_font"),
            body=decoded(fields.body_font, "body_font"),
        )
    return builder.build()
