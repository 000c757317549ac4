"""The scene suite: briefs of things with counts, attributes and relations, each made by the real engine (rules
planner, renderer, tesseract verifier) in this process.

For every brief: the drawn parts (`drawn`) show exactly the classes and counts the brief asks for; every relation
holds on the drawn boxes (the contract's test of boxes, `tessera.contract.relations`); and the verifier's count
checks, from the pixel counter, agree with each count. Counts from 1 to 10 are written with digits, number words
and articles; the briefs use irregular plurals, two-word classes, colours and sizes, and every relation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tessera.agents import Engine, RunOutcome, RunRequest, Settings
from tessera.contract import Box, Canvas, ObjectGroup
from tessera.contract.reading import Relation
from tessera.contract.relations import relation_holds

pytestmark = pytest.mark.slow

CANVAS = Canvas(width=768, height=768)  # big enough to count ten of a thing, small enough to keep the suite quick

Side = tuple[str, Relation, str] | tuple[str, Relation, str, str]


@dataclass(frozen=True)
class Case:
    """A brief, the things it asks for by class and count, and its relations (subject, relation, reference and,
    for "between", the second reference)."""

    brief: str
    counts: dict[str, int]
    relations: list[Side] = field(default_factory=list)


CASES: list[Case] = [
    # every relation, with articles
    Case("a lamp to the left of a sofa", {"lamp": 1, "sofa": 1}, [("lamp", "left_of", "sofa")]),
    Case("a dog to the right of a tree", {"dog": 1, "tree": 1}, [("dog", "right_of", "tree")]),
    Case("a red kite above two tall trees", {"kite": 1, "tree": 2}, [("kite", "above", "tree")]),
    Case("a cat below a cloud", {"cat": 1, "cloud": 1}, [("cat", "below", "cloud")]),
    Case("a cat on top of a table", {"cat": 1, "table": 1}, [("cat", "on_top_of", "table")]),
    Case("a dog under a table", {"dog": 1, "table": 1}, [("dog", "under", "table")]),
    Case("a horse next to a barn", {"horse": 1, "barn": 1}, [("horse", "next_to", "barn")]),
    Case("a cat between two dogs", {"cat": 1, "dog": 2}, [("cat", "between", "dog", "dog")]),
    Case("a dog in front of a house", {"dog": 1, "house": 1}, [("dog", "in_front_of", "house")]),
    Case("a tree behind a house", {"tree": 1, "house": 1}, [("tree", "behind", "house")]),
    Case("a fish inside a bowl", {"fish": 1, "bowl": 1}, [("fish", "inside", "bowl")]),
    Case("four chairs around a table", {"chair": 4, "table": 1}, [("chair", "around", "table")]),
    Case("a cat facing a dog", {"cat": 1, "dog": 1}, [("cat", "facing", "dog")]),
    # counts written with digits
    Case("1 apple left of 1 banana", {"apple": 1, "banana": 1}, [("apple", "left_of", "banana")]),
    Case("2 dogs right of 3 cats", {"dog": 2, "cat": 3}, [("dog", "right_of", "cat")]),
    Case("3 birds above a house", {"bird": 3, "house": 1}, [("bird", "above", "house")]),
    Case("4 ducks below 2 clouds", {"duck": 4, "cloud": 2}, [("duck", "below", "cloud")]),
    Case("5 books on a desk", {"book": 5, "desk": 1}, [("book", "on_top_of", "desk")]),
    Case("6 balloons above a car", {"balloon": 6, "car": 1}, [("balloon", "above", "car")]),
    Case("7 sheep in front of a barn", {"sheep": 7, "barn": 1}, [("sheep", "in_front_of", "barn")]),
    Case("8 trees behind a fence", {"tree": 8, "fence": 1}, [("tree", "behind", "fence")]),
    Case("9 flowers next to a bench", {"flower": 9, "bench": 1}, [("flower", "next_to", "bench")]),
    Case("10 stars above a tent", {"star": 10, "tent": 1}, [("star", "above", "tent")]),
    # counts written as words
    Case("one owl on top of one tree", {"owl": 1, "tree": 1}, [("owl", "on_top_of", "tree")]),
    Case(
        "two elephants to the left of one giraffe", {"elephant": 2, "giraffe": 1}, [("elephant", "left_of", "giraffe")]
    ),
    Case("three apples in a basket", {"apple": 3, "basket": 1}, [("apple", "inside", "basket")]),
    Case("four bees around a flower", {"bee": 4, "flower": 1}, [("bee", "around", "flower")]),
    Case("five ducks to the right of a boat", {"duck": 5, "boat": 1}, [("duck", "right_of", "boat")]),
    Case("six chairs around a table", {"chair": 6, "table": 1}, [("chair", "around", "table")]),
    Case("seven stars above a castle", {"star": 7, "castle": 1}, [("star", "above", "castle")]),
    Case("eight candles on a cake", {"candle": 8, "cake": 1}, [("candle", "on_top_of", "cake")]),
    Case("nine cookies next to a cup", {"cookie": 9, "cup": 1}, [("cookie", "next_to", "cup")]),
    Case("ten balloons above a house", {"balloon": 10, "house": 1}, [("balloon", "above", "house")]),
    Case("a pair of boots next to a chair", {"boot": 2, "chair": 1}, [("boot", "next_to", "chair")]),
    Case("the bicycle next to the car", {"bicycle": 1, "car": 1}, [("bicycle", "next_to", "car")]),
    Case("an elephant to the left of an owl", {"elephant": 1, "owl": 1}, [("elephant", "left_of", "owl")]),
    # irregular plurals
    Case("three people in front of a bus", {"person": 3, "bus": 1}, [("person", "in_front_of", "bus")]),
    Case("two mice under a table", {"mouse": 2, "table": 1}, [("mouse", "under", "table")]),
    Case("four children next to a snowman", {"child": 4, "snowman": 1}, [("child", "next_to", "snowman")]),
    Case("two women left of a man", {"woman": 2, "man": 1}, [("woman", "left_of", "man")]),
    Case("three deer behind a fence", {"deer": 3, "fence": 1}, [("deer", "behind", "fence")]),
    Case("five sheep to the left of a windmill", {"sheep": 5, "windmill": 1}, [("sheep", "left_of", "windmill")]),
    Case("two geese next to a pond", {"goose": 2, "pond": 1}, [("goose", "next_to", "pond")]),
    Case("six fish inside a bowl", {"fish": 6, "bowl": 1}, [("fish", "inside", "bowl")]),
    Case("three men right of two wolves", {"man": 3, "wolf": 2}, [("man", "right_of", "wolf")]),
    Case("four leaves below a tree", {"leaf": 4, "tree": 1}, [("leaf", "below", "tree")]),
    # two-word classes
    Case(
        "two traffic cones to the left of a bicycle",
        {"traffic cone": 2, "bicycle": 1},
        [("traffic cone", "left_of", "bicycle")],
    ),
    Case("a teddy bear on top of a bed", {"teddy bear": 1, "bed": 1}, [("teddy bear", "on_top_of", "bed")]),
    Case("two ice creams next to a cake", {"ice cream": 2, "cake": 1}, [("ice cream", "next_to", "cake")]),
    Case("a palm tree behind a sailboat", {"palm tree": 1, "sailboat": 1}, [("palm tree", "behind", "sailboat")]),
    Case("three pine trees behind a tent", {"pine tree": 3, "tent": 1}, [("pine tree", "behind", "tent")]),
    Case(
        "a hot air balloon above a mountain",
        {"hot air balloon": 1, "mountain": 1},
        [("hot air balloon", "above", "mountain")],
    ),
    Case("two soccer balls in front of a dog", {"soccer ball": 2, "dog": 1}, [("soccer ball", "in_front_of", "dog")]),
    Case(
        "a police car left of a fire engine",
        {"police car": 1, "fire engine": 1},
        [("police car", "left_of", "fire engine")],
    ),
    Case(
        "a teddy bear between two pillows",
        {"teddy bear": 1, "pillow": 2},
        [("teddy bear", "between", "pillow", "pillow")],
    ),
    # colours and sizes
    Case("a blue car left of a red truck", {"car": 1, "truck": 1}, [("car", "left_of", "truck")]),
    Case("a yellow duck right of a green frog", {"duck": 1, "frog": 1}, [("duck", "right_of", "frog")]),
    Case(
        "a tiny mouse in front of a huge elephant", {"mouse": 1, "elephant": 1}, [("mouse", "in_front_of", "elephant")]
    ),
    Case("three purple flowers next to a white cat", {"flower": 3, "cat": 1}, [("flower", "next_to", "cat")]),
    Case("two orange fish in a bowl", {"fish": 2, "bowl": 1}, [("fish", "inside", "bowl")]),
    Case("a small tree next to a big house", {"tree": 1, "house": 1}, [("tree", "next_to", "house")]),
    Case("a green dragon above a gray castle", {"dragon": 1, "castle": 1}, [("dragon", "above", "castle")]),
    # between, with two kinds of reference
    Case("a cat between a dog and a rabbit", {"cat": 1, "dog": 1, "rabbit": 1}, [("cat", "between", "dog", "rabbit")]),
    Case("a lamp between two chairs", {"lamp": 1, "chair": 2}, [("lamp", "between", "chair", "chair")]),
    Case("a bird between two trees", {"bird": 1, "tree": 2}, [("bird", "between", "tree", "tree")]),
    Case("a pumpkin between two candles", {"pumpkin": 1, "candle": 2}, [("pumpkin", "between", "candle", "candle")]),
    Case("a tent between a tree and a car", {"tent": 1, "tree": 1, "car": 1}, [("tent", "between", "tree", "car")]),
    # facing, above, below, on top of, under, inside, around, in front of, behind again
    Case("a robot facing a cat", {"robot": 1, "cat": 1}, [("robot", "facing", "cat")]),
    Case("a rabbit facing a fox", {"rabbit": 1, "fox": 1}, [("rabbit", "facing", "fox")]),
    Case("a dog facing two cats", {"dog": 1, "cat": 2}, [("dog", "facing", "cat")]),
    Case("a plane above three clouds", {"plane": 1, "cloud": 3}, [("plane", "above", "cloud")]),
    Case("a clock above a bed", {"clock": 1, "bed": 1}, [("clock", "above", "bed")]),
    Case("a butterfly above a flower", {"butterfly": 1, "flower": 1}, [("butterfly", "above", "flower")]),
    Case("a monkey on top of an elephant", {"monkey": 1, "elephant": 1}, [("monkey", "on_top_of", "elephant")]),
    Case("two owls on a fence", {"owl": 2, "fence": 1}, [("owl", "on_top_of", "fence")]),
    Case("a turtle under an umbrella", {"turtle": 1, "umbrella": 1}, [("turtle", "under", "umbrella")]),
    Case("a frog under a mushroom", {"frog": 1, "mushroom": 1}, [("frog", "under", "mushroom")]),
    Case("a cat inside a box", {"cat": 1, "box": 1}, [("cat", "inside", "box")]),
    Case("five trees around a house", {"tree": 5, "house": 1}, [("tree", "around", "house")]),
    Case("a penguin in front of a snowman", {"penguin": 1, "snowman": 1}, [("penguin", "in_front_of", "snowman")]),
    Case("a cow in front of a barn", {"cow": 1, "barn": 1}, [("cow", "in_front_of", "barn")]),
    Case("a dog behind a sofa", {"dog": 1, "sofa": 1}, [("dog", "behind", "sofa")]),
    Case("a horse behind a fence", {"horse": 1, "fence": 1}, [("horse", "behind", "fence")]),
    Case("a lighthouse next to a boat", {"lighthouse": 1, "boat": 1}, [("lighthouse", "next_to", "boat")]),
    # more than one relation
    Case(
        "a cat on a table next to a lamp",
        {"cat": 1, "table": 1, "lamp": 1},
        [("cat", "on_top_of", "table"), ("table", "next_to", "lamp")],
    ),
    Case(
        "a bird above a tree and a dog under the tree",
        {"bird": 1, "tree": 1, "dog": 1},
        [("bird", "above", "tree"), ("dog", "under", "tree")],
    ),
    Case(
        "a lamp left of a sofa and a plant right of the sofa",
        {"lamp": 1, "sofa": 1, "plant": 1},
        [("lamp", "left_of", "sofa"), ("plant", "right_of", "sofa")],
    ),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(Settings(home=tmp_path_factory.mktemp("scenes")))
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def outcomes(engine: Engine) -> dict[str, RunOutcome]:
    """Every brief made once, shared by the tests of the module."""
    request = {"effort": "low", "planner": "rules", "canvas": CANVAS}
    return {case.brief: engine.generate(RunRequest(brief=case.brief, **request)) for case in CASES}  # type: ignore[arg-type]


def test_the_suite_covers_counts_one_to_ten_and_every_relation() -> None:
    assert len(CASES) >= 80
    assert {n for case in CASES for n in case.counts.values()} >= set(range(1, 11))
    assert {side[1] for case in CASES for side in case.relations} == set(Relation.__args__)  # type: ignore[attr-defined]


def _instances(outcome: RunOutcome, object_class: str) -> list[Box]:
    return [p.box for p in outcome.drawn if p.kind in ("objects", "panel") and p.name == object_class]


def _depth(outcome: RunOutcome, object_class: str) -> list[int]:
    return [g.z for g in outcome.plan.object_groups() if isinstance(g, ObjectGroup) and g.object_class == object_class]


@pytest.mark.parametrize("case", CASES, ids=[case.brief for case in CASES])
def test_the_drawn_parts_show_exactly_the_things_and_counts_asked_for(
    case: Case, outcomes: dict[str, RunOutcome]
) -> None:
    outcome = outcomes[case.brief]
    drawn = Counter(p.name for p in outcome.drawn if p.kind in ("objects", "panel"))
    assert dict(drawn) == case.counts


@pytest.mark.parametrize("case", CASES, ids=[case.brief for case in CASES])
def test_every_relation_holds_on_the_drawn_boxes(case: Case, outcomes: dict[str, RunOutcome]) -> None:
    outcome = outcomes[case.brief]
    for subject, relation, reference, *second in case.relations:
        in_front = min(_depth(outcome, subject)) > max(_depth(outcome, reference))
        others = _instances(outcome, second[0]) if second and second[0] != reference else []
        held = relation_holds(
            relation, _instances(outcome, subject), _instances(outcome, reference), others, subject_in_front=in_front
        )
        assert held, f"{subject} {relation} {reference}"


@pytest.mark.parametrize("case", CASES, ids=[case.brief for case in CASES])
def test_the_pixel_counter_agrees_with_every_count_and_the_run_passes(
    case: Case, outcomes: dict[str, RunOutcome]
) -> None:
    outcome = outcomes[case.brief]
    counts = {c.expected: c for c in outcome.report.checks if c.kind == "count" and c.origin == "brief"}
    for object_class, n in case.counts.items():
        check = counts[f"exactly {n} {object_class}"]
        assert check.passed, check.evidence
        assert check.verified or f"found {n} blob(s)" in check.evidence, check.evidence
    assert outcome.passed, outcome.summary
