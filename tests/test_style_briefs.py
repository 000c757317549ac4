"""Style words through the real engine (rules planner, renderer, OCR verifier): the same words as a vintage serif
poster and as a minimal poster come out in different type families, and both images pass."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tessera.agents import Engine, RunOutcome, RunRequest, Settings
from tessera.contract import Canvas

pytestmark = pytest.mark.slow

WORDS = "for 'The Old Mill Bakery' with 'Fresh bread daily' and 'Since 1924'"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(Settings(home=tmp_path_factory.mktemp("styles")))
    yield engine
    engine.close()


def _run(engine: Engine, brief: str) -> RunOutcome:
    request = RunRequest(brief=brief, canvas=Canvas(width=1024, height=1536), planner="rules", effort="low")
    return engine.generate(request)


def _headline_family(outcome: RunOutcome) -> str:
    (headline,) = [t for t in outcome.plan.texts() if t.text == "The Old Mill Bakery"]
    return headline.family


def test_a_vintage_serif_poster_and_a_minimal_poster_differ_in_type_and_both_pass(engine: Engine) -> None:
    vintage = _run(engine, f"A vintage serif poster {WORDS}")
    minimal = _run(engine, f"A minimal poster {WORDS}")
    for outcome in (vintage, minimal):
        failing = [f"{c.constraint_id}: {c.measured}" for c in outcome.report.checks if c.failed]
        errors = [f"{f.code}: {f.message}" for f in outcome.report.lint if f.severity == "error"]
        assert (failing, errors) == ([], [])
        assert outcome.passed
    assert _headline_family(vintage) == "serif"
    assert _headline_family(minimal) == "sans"
    assert vintage.plan.background != minimal.plan.background
    vintage_decor = {e.id.rsplit("-", 1)[0] for e in vintage.plan.elements if e.id.startswith("decor-")}
    assert vintage_decor & {"decor-frame-outer", "decor-corner-tl"}  # a double frame or ornament corners


@pytest.mark.parametrize(
    ("brief", "family"),
    [
        ("An elegant invitation card for 'Anna & Tom' with 'June 12, 2026' and 'Villa Rosa'", "serif"),
        ("A playful poster 'Kids Art Camp' with 'Ages 6-12' and 'Sign up today'", "display"),
        ("A poster in our teal #0EA5A4 for 'Bloom Cafe' with 'Open daily 8-6'", "sans"),
    ],
)
def test_a_styled_brief_sets_its_headline_family_and_passes(engine: Engine, brief: str, family: str) -> None:
    outcome = engine.generate(RunRequest(brief=brief, planner="rules", effort="low"))
    assert outcome.passed, [f"{c.constraint_id}: {c.measured}" for c in outcome.report.checks if c.failed]
    titles = [t for t in outcome.plan.texts() if t.role == "title"]
    assert titles and titles[0].family == family


def test_the_hex_code_not_the_colour_name_colours_the_poster(engine: Engine) -> None:
    brief = "A poster in our teal #0EA5A4 for 'Bloom Cafe' with 'Open daily 8-6'"
    outcome = engine.generate(RunRequest(brief=brief, planner="rules", effort="low"))
    colours = {getattr(e, "color", None) for e in outcome.plan.elements} | {
        getattr(e, "fill", None) for e in outcome.plan.elements
    }
    assert "#0EA5A4" in colours and "#008080" not in colours
