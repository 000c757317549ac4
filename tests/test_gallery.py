"""Every hand-written plan in docs/gallery renders and passes every check, with nothing left off or out of its room.

One engine renders them all in this process (the fonts, OCR and graph load once), each plan with its one-line
brief from `docs/gallery/briefs.json`, as `docs/gallery/render.py` runs them through the CLI.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tessera.agents import Engine, RunRequest, Settings
from tessera.contract import LayoutPlan

pytestmark = pytest.mark.slow

GALLERY = Path(__file__).resolve().parents[1] / "docs" / "gallery"
BRIEFS: dict[str, str] = json.loads((GALLERY / "briefs.json").read_text())
PLANS = sorted(p for p in GALLERY.glob("*.json") if p.name != "briefs.json")


def _render_script() -> ModuleType:
    """docs/gallery/render.py, for its one list of notice words that mean a part was not drawn as planned."""
    spec = importlib.util.spec_from_file_location("gallery_render", GALLERY / "render.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


TROUBLE: tuple[str, ...] = _render_script().TROUBLE


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(Settings(home=tmp_path_factory.mktemp("gallery")))
    yield engine
    engine.close()


def test_the_gallery_has_a_brief_for_every_plan_and_the_designs_the_issue_asks_for() -> None:
    assert sorted(BRIEFS) == [p.stem for p in PLANS]
    assert len(PLANS) >= 24


@pytest.mark.parametrize("plan_path", PLANS, ids=[p.stem for p in PLANS])
def test_a_gallery_plan_passes_every_check_with_everything_in_its_room(engine: Engine, plan_path: Path) -> None:
    plan = LayoutPlan.model_validate_json(plan_path.read_text())
    outcome = engine.generate(RunRequest(brief=BRIEFS[plan_path.stem], plan=plan, effort="low"))
    failing = [f"{c.constraint_id}: {c.measured}" for c in outcome.report.checks if c.failed]
    errors = [f"{f.code}: {f.message}" for f in outcome.report.lint if f.severity == "error"]
    trouble = [n for n in outcome.notices if any(word in n for word in TROUBLE)]
    assert (failing, errors, trouble) == ([], [], [])
    assert outcome.passed
