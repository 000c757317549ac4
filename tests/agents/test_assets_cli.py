"""`--asset`, `--data` and `--brand`: good files become the request's material; bad ones exit 2 with one line that
names the file and what is wrong with it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

from tessera.agents.cli import app
from tessera.agents.supplied import data_table, material_from_api, material_from_files
from tessera.contract import RequestError
from tessera.contract.material import MAX_ASSET_BYTES, MAX_DATA_ROWS

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")


def _image(path: Path, size: tuple[int, int] = (120, 40), kind: str = "PNG") -> Path:
    Image.new("RGBA" if kind != "JPEG" else "RGB", size, (200, 30, 60)).save(path, format=kind)
    return path


def _png_bytes(size: tuple[int, int] = (40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGBA", size, (0, 0, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_assets_data_and_a_brand_kit_become_the_material_of_the_request(tmp_path: Path) -> None:
    logo = _image(tmp_path / "logo.png")
    photo = _image(tmp_path / "photo.jpg", (64, 48), "JPEG")
    (tmp_path / "sales.csv").write_text("region,sales\nNorth,120\nSouth,95\n", encoding="utf-8")
    brand = tmp_path / "brand.json"
    brand.write_text(
        json.dumps({"name": "Acme", "colors": {"primary": "#0EA5A4"}, "body_font": str(FONT), "logo": "logo.png"})
    )
    material = material_from_files([f"product-photo={photo}"], [f"sales={tmp_path / 'sales.csv'}"], brand)
    supplied = material.supplied
    assert [(a.name, a.width, a.height, a.media_type) for a in supplied.assets] == [
        ("product-photo", 64, 48, "image/jpeg"),
        ("logo", 120, 40, "image/png"),
    ]
    assert supplied.brand is not None and supplied.brand.logo == "logo" and supplied.brand.body_font == FONT.name
    assert supplied.brand.colors is not None and supplied.brand.colors.primary == "#0EA5A4"
    assert supplied.data[0].header == ["region", "sales"] and supplied.data[0].rows == [
        ["North", "120"],
        ["South", "95"],
    ]
    assert material.files.assets["logo"] == logo.read_bytes() and material.files.body_font == FONT.read_bytes()
    assert material.files.heading_font is None


@pytest.mark.parametrize(
    ("text", "header", "rows"),
    [
        ('[{"region": "North", "sales": 120}, {"region": "South", "sales": 95.5}]', ["region", "sales"],
         [["North", "120"], ["South", "95.5"]]),
        ('{"header": ["a", "b"], "rows": [["x", 1], ["y", null]]}', ["a", "b"], [["x", "1"], ["y", ""]]),
        ("\ufeffname;n\n", None, None),  # one column of 'name;n' and no rows: refused below
    ],
)  # fmt: skip
def test_json_data_is_a_list_of_objects_or_a_header_with_rows(
    text: str, header: list[str] | None, rows: list[list[str]] | None
) -> None:
    if header is None:
        with pytest.raises(RequestError, match="no rows"):
            data_table("d", text.encode(), "data file d.csv")
        return
    table = data_table("d", text.encode(), "data file d.json")
    assert (table.header, table.rows) == (header, rows)


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"region,sales\nNorth,120\nSouth\n", "d.csv line 3: 1 cells, the header has 2"),
        (b"a,b\n" + b"x,1\n" * (MAX_DATA_ROWS + 1), f"at most {MAX_DATA_ROWS}"),
        (b"[1, 2]", "use a list of objects"),
        (b'{"header": ["a"], "rows": [["x", "y"]]}', "row 1: 2 cells, the header has 1"),
        (b'[{"a": 1},', "line 1: not valid JSON"),
        (b"\xff\xfe\x00", "not UTF-8 text"),
        (b'[{"a": {"b": 1}}]', "cells are text or numbers"),
    ],
)
def test_bad_data_names_the_file_and_the_line(data: bytes, fragment: str) -> None:
    with pytest.raises(RequestError, match="data file d.csv") as raised:
        data_table("d", data, "data file d.csv")
    assert fragment in str(raised.value)


def test_the_api_takes_base64_assets_json_data_and_a_brand_with_base64_files() -> None:
    import base64

    logo = base64.b64encode(_png_bytes()).decode()
    font = base64.b64encode(FONT.read_bytes()).decode()
    material = material_from_api(
        {"badge": f"data:image/png;base64,{logo}"},
        {"sales": [{"q": "Q1", "v": 3}], "costs": "q,v\nQ1,2\n"},
        {"name": "Acme", "colors": {"primary": "#112233"}, "logo": logo, "heading_font": font},
    )
    assert [a.name for a in material.supplied.assets] == ["badge", "logo"]
    assert [t.name for t in material.supplied.data] == ["sales", "costs"]
    assert material.files.heading_font == FONT.read_bytes()
    with pytest.raises(RequestError, match="assets.logo is not base64"):
        material_from_api({"logo": "not base64!"}, {}, None)
    with pytest.raises(RequestError, match="brand: colors.primary"):
        material_from_api({}, {}, {"colors": {"primary": "teal"}})
    with pytest.raises(RequestError, match="brand heading_font is not a TrueType or OpenType font"):
        material_from_api({}, {}, {"heading_font": base64.b64encode(b"not a font").decode()})


def _generate(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["generate", "A poster with the headline 'HELLO'", *args], env={"TESSERA_HOME": str(tmp_path / "home")}
    )
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes is not None else "")


def _bad_files(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "notes.png").write_text("not an image at all")
    (tmp_path / "big.png").write_bytes(b"\x89PNG" + b"\x00" * (MAX_ASSET_BYTES + 1))
    Image.new("1", (9000, 9000)).save(tmp_path / "huge.png")
    Image.new("RGB", (8, 8)).save(tmp_path / "pic.gif")
    (tmp_path / "bad.json").write_text('{"name": "Acme", "colors": {"primary": "red"}}')
    (tmp_path / "broken.json").write_text('{"name": ')
    (tmp_path / "nofont.json").write_text('{"heading_font": "missing.ttf"}')
    (tmp_path / "fakefont.ttf").write_text("not a font")
    (tmp_path / "fakefont.json").write_text('{"body_font": "fakefont.ttf"}')
    (tmp_path / "sales.csv").write_text("region,sales\nNorth,120\nSouth\n")
    return {p.name: p for p in tmp_path.iterdir()}


@pytest.mark.parametrize(
    ("option", "value", "fragment"),
    [
        ("--asset", "logo={tmp}/missing.png", "asset file {tmp}/missing.png does not exist"),
        ("--asset", "logo={tmp}/notes.png", "asset file {tmp}/notes.png is not an image Tessera reads"),
        ("--asset", "logo={tmp}/big.png", "asset file {tmp}/big.png has 8,388,613 bytes; the limit is 8,388,608"),
        ("--asset", "logo={tmp}/huge.png", "is 9000x9000 pixels; an image may have at most 40,000,000 pixels"),
        ("--asset", "logo={tmp}/pic.gif", "is a GIF image; use PNG, JPEG or WebP"),
        ("--asset", "Logo={tmp}/notes.png", "the name 'Logo' cannot name an asset"),
        ("--asset", "{tmp}/notes.png", "is not NAME=PATH"),
        ("--data", "sales={tmp}/sales.csv", "data file {tmp}/sales.csv line 3: 1 cells, the header has 2"),
        ("--brand", "{tmp}/bad.json", "brand file {tmp}/bad.json: colors.primary"),
        ("--brand", "{tmp}/broken.json", "brand file {tmp}/broken.json is not valid JSON"),
        ("--brand", "{tmp}/nofont.json", "heading_font {tmp}/missing.ttf does not exist"),
        ("--brand", "{tmp}/fakefont.json", "body_font is not a TrueType or OpenType font"),
    ],
)
def test_bad_files_exit_2_with_a_message_naming_the_file(
    tmp_path: Path, option: str, value: str, fragment: str
) -> None:
    _bad_files(tmp_path)
    code, output = _generate(tmp_path, option, value.format(tmp=tmp_path))
    assert code == 2, output
    assert fragment.format(tmp=tmp_path) in " ".join(output.split())
    assert "Traceback" not in output


def test_the_same_asset_name_twice_is_refused(tmp_path: Path) -> None:
    logo = _image(tmp_path / "logo.png")
    code, output = _generate(tmp_path, "--asset", f"logo={logo}", "--asset", f"logo={logo}")
    assert code == 2 and "an asset named 'logo' is already supplied" in output


def test_understand_shows_what_was_supplied_and_the_chart_filled_from_the_data(tmp_path: Path) -> None:
    (tmp_path / "sales.csv").write_text("region,sales,share\nNorth,120,40%\nSouth,95,31%\nEast,90,29%\n")
    result = CliRunner().invoke(
        app,
        ["understand", "A slide with a pie chart of share by region", "--data", f"sales={tmp_path / 'sales.csv'}",
         "--planner", "rules", "--json"],
        env={"TESSERA_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    reading = json.loads(result.stdout)
    assert reading["supplied"]["data"][0]["name"] == "sales"
    chart = next(i for i in reading["items"] if i["kind"] == "structure")
    # "share" names the third column, so its figures are the chart's, not the first numeric column's
    assert [(e["label"], e["value"]) for e in chart["items"]] == [("North", "40%"), ("South", "31%"), ("East", "29%")]
    assert all(c["status"] == "planned" for c in reading["coverage"])


def _run_cli(tmp_path: Path, *args: str) -> dict:
    result = CliRunner().invoke(
        app,
        ["generate", *args, "--planner", "rules", "--json", "--out", str(tmp_path / "out.png")],
        env={"TESSERA_HOME": str(tmp_path / "home")},
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.slow
def test_a_slide_with_our_logo_top_left_draws_it_there_and_passes(tmp_path: Path) -> None:
    logo = _image(tmp_path / "logo.png", (300, 100))
    outcome = _run_cli(tmp_path, "A slide titled 'Quarterly Review' with our logo top-left", "--asset", f"logo={logo}")
    [asset] = [p for p in outcome["drawn"] if p["kind"] == "asset"]
    assert asset["name"] == "logo"
    assert asset["box"]["x"] < 1920 * 0.15 and asset["box"]["y"] < 1080 * 0.15  # a slide is 1920x1080
    assert outcome["verification"]["passed"]
    assert any(c["kind"] == "asset" and c["passed"] for c in outcome["verification"]["checks"])


@pytest.mark.slow
def test_a_chart_brief_with_data_draws_the_files_categories(tmp_path: Path) -> None:
    (tmp_path / "sales.csv").write_text("region,sales\nNorth,120\nSouth,95\nEast,143\nWest,80\n")
    outcome = _run_cli(
        tmp_path,
        "A slide titled 'Q3 Results' with a bar chart of sales by region",
        "--data",
        f"sales={tmp_path}/sales.csv",
    )
    assert outcome["verification"]["passed"]
    plan = json.loads(Path(outcome["plan"]).read_text())
    charts = []

    def walk(node: dict) -> None:
        if node.get("kind") == "chart":
            charts.append(node)
        for child in node.get("children", []):
            walk(child)

    walk(plan["root"])
    [chart] = charts
    assert chart["categories"] == ["North", "South", "East", "West"]
    assert [p["kind"] for p in outcome["drawn"]].count("chart") == 1


@pytest.mark.slow
def test_a_brand_kit_sets_the_text_in_its_fonts_and_draws_its_logo(tmp_path: Path) -> None:
    _image(tmp_path / "logo.png", (300, 100))
    brand = tmp_path / "brand.json"
    brand.write_text(json.dumps({"name": "Acme", "colors": {"primary": "#0EA5A4"}, "body_font": str(FONT),
                                 "heading_font": str(FONT), "logo": "logo.png"}))  # fmt: skip
    outcome = _run_cli(tmp_path, "A poster with the headline 'GRAND OPENING'", "--brand", str(brand))
    assert [p["name"] for p in outcome["drawn"] if p["kind"] == "asset"] == ["logo"]
    trace = [json.loads(line) for line in (Path(outcome["run_folder"]) / "trace.jsonl").read_text().splitlines()]
    render = next(e for e in trace if e["node"] == "render")
    fonts = {i["font_file"] for i in render["outputs"]["manifest"]["items"] if i.get("font_file")}
    assert fonts and all(Path(f).read_bytes() == FONT.read_bytes() for f in fonts)
