"""Variants (`generate --n N`, `Engine.generate_variants`): N runs of one brief that share one style (palette, font
families, icon set and colour, corner radius) and differ in layout, each verified; and an icon set as one grid of
named icons in one style, split (`--split`) into one image per icon.

The renders are real (the rules planner, the real renderer and verifier with tesseract); the one test that needs a
variant to fail scripts the verifier instead.
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
from typer.testing import CliRunner

from tessera.agents import Settings
from tessera.agents._candidates import plan_hash
from tessera.agents._icon_split import split_icons
from tessera.agents.cli import app
from tessera.agents.engine import Engine, RunOutcome
from tessera.agents.graph import read_brief
from tessera.agents.request import RunRequest, variant_requests
from tessera.contract import (
    Box,
    Canvas,
    ConstraintCheck,
    Constraints,
    Frame,
    IconElement,
    LayoutPlan,
    ListElement,
    Node,
    RequestError,
    ShapeElement,
    SolidBackground,
    TextElement,
    VerificationReport,
    root_frame,
)
from tessera.contract.fakes import FakeVerifier
from tessera.planner import LlmOptions, LlmPlanner, RulePlanner
from tessera.planner._restyle import restyled
from tessera.planner._style import Style, style_for
from tessera.verifier import RenderVerifier
from tests.planner.test_llm_planner import CANVAS, HEADLINE, FakeServer, _tree

POSTER = (
    "A playful poster for a bake sale with the headline 'BAKE SALE', the subtitle 'Saturday 10 AM at the Town Hall' "
    "and the line 'Cakes, cookies and pies'"
)
SLIDE = (
    "A 1920x1080 presentation slide titled 'Quarterly Results' with the bullets 'Revenue up 12%', 'Costs down 4%' and "
    "'New markets: 3' and a bar chart of revenue: Q1 10, Q2 12, Q3 15"
)
ICONS = "an icon set of 8 icons: home, search, cart, user, settings, heart, bell, mail"
ICON_NAMES = ["home", "search", "cart", "user", "settings", "heart", "bell", "mail"]
# Where a colour block needs ink of its own, templates set black or white on it: those are every style's.
_NEUTRAL_INKS = {"#000000", "#111111", "#FFFFFF"}


def _nodes(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Frame):
        for child in node.children:
            yield from _nodes(child)


def _colours(plan: LayoutPlan) -> set[str]:
    """Every colour the plan sets on texts, lists, icons, shapes and frames."""
    colours: set[str] = set()
    for node in _nodes(plan.root):
        if isinstance(node, TextElement | ListElement | IconElement):
            colours.add(node.color)
        elif isinstance(node, ShapeElement) and node.fill or isinstance(node, Frame) and isinstance(node.fill, str):
            colours.add(node.fill)
    return colours


def _style_colours(style: Style) -> set[str]:
    scheme, look = style.scheme, style.look
    parts = [scheme.ink, scheme.headline, scheme.accent, look.ink, look.accent, look.surface, look.card_ink]
    parts += [look.card_muted, look.card_accent, look.button, look.button_ink, look.rule, look.series or scheme.accent]
    return set(parts) | _NEUTRAL_INKS


def _families(plan: LayoutPlan) -> set[tuple[str, str]]:
    """(role, family) of every text, so headings and body are compared each with their own kind."""
    return {(n.role, n.family) for n in _nodes(plan.root) if isinstance(n, TextElement | ListElement)}


def _radii(plan: LayoutPlan) -> set[int]:
    return {n.radius for n in _nodes(plan.root) if isinstance(n, Frame) and n.radius and n.role == "card"}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    built = Engine(Settings(home=tmp_path_factory.mktemp("variants")))
    yield built
    built.close()


def _constraints(brief: str) -> Constraints:
    return read_brief(brief, None, "auto")[0]


def test_variant_requests_share_the_style_seed_and_count_from_the_seed() -> None:
    request = RunRequest(brief=POSTER, seed=7)
    variants = variant_requests(request, 3)
    assert [(v.seed, v.style_seed, v.variant) for v in variants] == [(7, 7, 0), (8, 7, 1), (9, 7, 2)]
    pinned = variant_requests(request.model_copy(update={"style_seed": 2}), 2, seeds=[7, 11])
    assert [(v.seed, v.style_seed) for v in pinned] == [(7, 2), (11, 2)]
    for wrong in (0, 11):
        with pytest.raises(RequestError, match="1 to 10"):
            variant_requests(request, wrong)


def test_the_style_seed_sets_the_look_and_the_seed_the_layout() -> None:
    constraints, canvas = _constraints(POSTER), Canvas(width=1024, height=1536)
    planner = RulePlanner()
    # None keeps single runs as they were: the seed picks both
    single = planner.plan(constraints, canvas, seed=3).plan
    assert single == planner.plan(constraints, canvas, seed=3, style_seed=3).plan
    # seeds 0 and 1: the two templates that fit; seed 4: the first again, set flush left
    shared = [planner.plan(constraints, canvas, seed=seed, style_seed=5).plan for seed in (0, 1, 4)]
    assert len({plan_hash(plan) for plan in shared}) == 3  # three layouts...
    assert len({plan.background.model_dump_json() for plan in shared}) == 1  # ...on one background
    other = planner.plan(constraints, canvas, seed=0, style_seed=6).plan
    assert other.background != shared[0].background  # another style seed, another palette


@pytest.mark.slow
@pytest.mark.parametrize("brief", [POSTER, SLIDE], ids=["poster", "slide"])
def test_variants_share_one_style_differ_in_layout_and_are_each_verified(engine: Engine, brief: str) -> None:
    outcomes = engine.generate_variants(RunRequest(brief=brief, effort="low", planner="rules", seed=4), 3)
    plans = [o.plan for o in outcomes]
    style = style_for(_constraints(brief), 4)
    assert len({plan_hash(plan) for plan in plans}) == 3, "the variants' layouts differ"
    assert len({Image.open(o.image).tobytes() for o in outcomes}) == 3
    assert all(plan.background == style.scheme.background for plan in plans)
    assert all(_colours(plan) <= _style_colours(style) for plan in plans), [_colours(p) for p in plans]
    families = set().union(*(_families(plan) for plan in plans))
    by_role: dict[str, set[str]] = {}
    for role, family in families:
        by_role.setdefault(role, set()).add(family)
    assert by_role["title"] == {style.heading_family} and all(len(kinds) == 1 for kinds in by_role.values())
    assert {family for _, family in families} <= {style.heading_family, style.body_family, style.label_family}
    assert len(set().union(*(_radii(plan) for plan in plans))) <= 1
    for number, outcome in enumerate(outcomes):
        assert outcome.report.checks and outcome.passed, outcome.summary
        assert (outcome.variant, outcome.variant_group) == (number, outcomes[0].run_id)
        record = engine.store.open(outcome.run_id).read_record()
        assert (record.variant, record.variant_group) == (number, outcomes[0].run_id)
    seeds = [engine.store.open(o.run_id).read_record().seed for o in outcomes]
    assert seeds[0] == 4 and len(set(seeds)) == 3  # from the request's seed on, each its own layout


@pytest.mark.slow
def test_a_brief_with_fewer_layouts_than_variants_says_so(engine: Engine) -> None:
    brief = "A label with the headline 'FRESH BREAD'"  # one layout: no template fits, no group to move
    outcomes = engine.generate_variants(RunRequest(brief=brief, effort="low", planner="rules"), 2)
    assert any("repeats the layout of variant 0" in notice for notice in outcomes[1].notices)
    assert any("the same image as variant 0" in notice for notice in outcomes[1].notices)
    assert not any("variant" in notice for notice in outcomes[0].notices)


def test_restyling_a_plan_takes_the_style_where_it_reads_and_keeps_what_the_brief_asks() -> None:
    constraints = _constraints("A poster with the headline 'SUMMER' and the line 'in red: Tickets today'")
    style = style_for(constraints, 1)
    plan = LayoutPlan(
        canvas=Canvas(width=512, height=512),
        background=SolidBackground(color="#FFFFFF"),
        root=root_frame(
            [
                TextElement(id="title", text="SUMMER", role="title", color="#333333", box=Box(x=10, y=10, w=400, h=80)),
                IconElement(id="sun", name="sun", color="#333333", box=Box(x=10, y=200, w=64, h=64)),
            ]
        ),
    )
    dressed, note = restyled(plan, constraints, style)
    assert dressed.background == style.scheme.background and "Restyled" in note
    title = dressed.element("title")
    assert isinstance(title, TextElement)
    assert (title.color, title.family, title.text) == (style.scheme.headline, style.heading_family, "SUMMER")
    asked = _constraints("A poster with a navy background and the headline 'SUMMER'")
    kept, _ = restyled(plan, asked, style_for(asked, 1))
    assert kept.background == plan.background  # the brief's own background colour stays


def _report(passed: bool) -> VerificationReport:
    status = "passed" if passed else "failed"
    check = ConstraintCheck(
        constraint_id="text-1", kind="text", status=status, expected="BAKE SALE", measured=status, evidence="scripted"
    )
    return VerificationReport(checks=[check])


def test_cli_n_writes_numbered_images_a_sheet_and_exits_3_when_a_variant_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TESSERA_HOME", str(tmp_path / "home"))
    verifier = FakeVerifier(reports=[_report(True), _report(False), _report(True)])
    monkeypatch.setattr("tessera.agents.cli.Engine", lambda settings: Engine(settings, verifier=verifier))
    out = tmp_path / "bake.png"
    arguments = ["generate", POSTER, "--n", "3", "--sheet", "--json", "--out", str(out), "--effort", "low"]
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == 3, result.output
    body = json.loads(result.stdout)
    assert set(body) == {"images", "passed", "sheet"} and body["passed"] is False
    assert [image["image"] for image in body["images"]] == [str(tmp_path / f"bake-{n}.png") for n in (1, 2, 3)]
    assert [image["verification"]["passed"] for image in body["images"]] == [True, False, True]
    assert all(image["drawn"] and image["run_id"] for image in body["images"])
    assert body["sheet"] == str(tmp_path / "bake-sheet.png")
    sheet = Image.open(body["sheet"])
    assert sheet.width > 3 * 200 and sheet.height > 300  # three images side by side, captions under them
    for number in (1, 2, 3):
        assert Image.open(tmp_path / f"bake-{number}.png").size == Image.open(body["images"][0]["image"]).size


def test_cli_refuses_more_than_ten_variants(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TESSERA_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(app, ["generate", POSTER, "--n", "11"])
    assert result.exit_code == 2 and "--n" in result.output  # typer names the option and its range


def _icon_report(image: Image.Image, name: str, side: int, colour: str) -> VerificationReport:
    """The verifier's icon check of `image` as one icon `name`, `side` px, centred in it."""
    box = Box(x=(image.width - side) // 2, y=(image.height - side) // 2, w=side, h=side)
    icon = IconElement(id="icon", name=name, color=colour, width=side, height=side, box=box)
    plan = LayoutPlan(
        canvas=Canvas(width=image.width, height=image.height),
        background=SolidBackground(color="#FFFFFF"),
        root=root_frame([icon]),
    )
    report = RenderVerifier().verify(image, plan, Constraints(brief="icon"))
    return report.model_copy(update={"checks": [c for c in report.checks if c.kind == "icon"]})


@pytest.mark.slow
def test_an_icon_set_is_one_grid_of_named_icons_in_one_style_and_splits_into_one_image_each(tmp_path: Path) -> None:
    env = {**os.environ, "TESSERA_HOME": str(tmp_path / "home")}
    out = tmp_path / "icons.png"
    command = [sys.executable, "-m", "tessera", "generate", ICONS, "--split", "--json", "--out", str(out)]
    done = subprocess.run(command + ["--planner", "rules"], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert body["verification"]["passed"] and body["document"] == "icon_set"
    drawn = [part for part in body["drawn"] if part["kind"] == "icon"]
    assert [part["name"] for part in drawn] == [
        "home", "search", "shopping-cart", "user", "settings", "heart", "bell", "mail"
    ]  # fmt: skip
    plan = LayoutPlan.model_validate_json(Path(body["plan"]).read_text())
    icons = [node for node in _nodes(plan.root) if isinstance(node, IconElement)]
    assert len({(icon.color, icon.width, icon.height) for icon in icons}) == 1, "one colour and size"
    sides = {part["box"]["w"] for part in drawn} | {part["box"]["h"] for part in drawn}
    assert len(sides) == 1, "one size, so one stroke"
    rows = sorted({part["box"]["y"] for part in drawn})
    assert len(rows) == 2 and all(sum(p["box"]["y"] == y for p in drawn) == 4 for y in rows), "an even 4x2 grid"
    icon_checks = [c for c in body["verification"]["checks"] if c["kind"] == "icon"]
    assert len(icon_checks) == 8 and all(c["status"] == "passed" for c in icon_checks)
    assert Image.open(out).size == (1024, 1024)
    # --split: each icon its own image, named as the brief names it, showing that icon as the set draws it
    assert [icon["name"] for icon in body["icons"]] == ICON_NAMES
    side, colour = drawn[0]["box"]["w"], icons[0].color
    for icon, part in zip(body["icons"], drawn, strict=True):
        assert icon["path"] == str(tmp_path / f"icons-icon-{icon['name']}.png")
        image = Image.open(icon["path"]).convert("RGB")
        assert image.width == image.height and side < image.width < 3 * side
        assert _icon_report(image, part["name"], side, colour).checks[0].status == "passed", icon["name"]
    wrong = Image.open(body["icons"][0]["path"]).convert("RGB")
    assert _icon_report(wrong, "bell", side, colour).checks[0].status == "failed"  # the comparison can fail


@pytest.mark.slow
def test_a_run_without_icons_splits_into_nothing(engine: Engine) -> None:
    outcome: RunOutcome = engine.generate(RunRequest(brief="A poster with the headline 'HI'", effort="low"))
    assert split_icons(outcome) == []


def test_the_llm_planner_draws_variants_in_the_style_of_their_style_seed() -> None:
    brief = "A poster with the headline 'HELLO'"
    constraints = _constraints(brief)
    headline = {**HEADLINE, "color": "#111111"}
    server = FakeServer({"content": _tree(headline)}, {"content": _tree(headline)}, {"content": _tree(headline)})
    planner = LlmPlanner(LlmOptions(base_url="http://fake/v1", model="fake"), client=server.client())
    style = style_for(constraints, 3)
    variants = [planner.plan(constraints, CANVAS, seed=seed, style_seed=3) for seed in (3, 4)]
    for result in variants:
        title = result.plan.element("headline")
        assert isinstance(title, TextElement) and title.text == "HELLO"
        assert result.plan.background == style.scheme.background
        assert (title.color, title.family) == (style.scheme.headline, style.heading_family)
        assert any(note.startswith("Restyled in the shared style") for note in result.notes)
    single = planner.plan(constraints, CANVAS, seed=3)  # no style seed: the model's plan as written
    assert single.plan.background == SolidBackground(color="#ffffff")
