"""Briefs that are themselves a photo of things ("a photo of a bench and a dog") ask for those things; a photo of a
place, or one placed on a design, stays a picture."""

from __future__ import annotations

import pytest

from tessera.contract import RequiredCount, RequiredPosition
from tessera.planner import extract_constraints
from tessera.planner._extract import picture_requests

# The 80 object classes of COCO, which public counting and composition benchmarks draw their prompts from.
COCO = [
    "person",
    "bicycle",
    "car",
    "motorcycle",
    "airplane",
    "bus",
    "train",
    "truck",
    "boat",
    "traffic light",
    "fire hydrant",
    "stop sign",
    "parking meter",
    "bench",
    "bird",
    "cat",
    "dog",
    "horse",
    "sheep",
    "cow",
    "elephant",
    "bear",
    "zebra",
    "giraffe",
    "backpack",
    "umbrella",
    "handbag",
    "tie",
    "suitcase",
    "frisbee",
    "snowboard",
    "sports ball",
    "kite",
    "baseball bat",
    "baseball glove",
    "skateboard",
    "surfboard",
    "tennis racket",
    "bottle",
    "wine glass",
    "cup",
    "fork",
    "knife",
    "spoon",
    "bowl",
    "banana",
    "apple",
    "sandwich",
    "orange",
    "broccoli",
    "carrot",
    "hot dog",
    "pizza",
    "donut",
    "cake",
    "chair",
    "couch",
    "potted plant",
    "bed",
    "dining table",
    "toilet",
    "tv",
    "laptop",
    "computer mouse",
    "remote",
    "keyboard",
    "cell phone",
    "microwave",
    "oven",
    "toaster",
    "sink",
    "refrigerator",
    "book",
    "clock",
    "vase",
    "scissors",
    "teddy bear",
    "hair drier",
    "toothbrush",
]


def _counts(brief: str) -> list[tuple[str, int]]:
    return [(c.object_class, c.count) for c in extract_constraints(brief).items if isinstance(c, RequiredCount)]


@pytest.mark.parametrize("object_class", COCO)
def test_a_photo_of_one_thing_counts_it_by_its_class(object_class: str) -> None:
    article = "an" if object_class[0] in "aeiou" else "a"
    assert _counts(f"a photo of {article} {object_class}") == [(object_class, 1)]


def test_a_photo_of_two_things_counts_both_and_plans_no_picture() -> None:
    constraints = extract_constraints("a photo of a bench and a dog")
    assert _counts("a photo of a bench and a dog") == [("bench", 1), ("dog", 1)]
    assert picture_requests(constraints) == []


def test_a_photo_of_things_keeps_their_relation() -> None:
    constraints = extract_constraints("a photo of a cell phone above a tennis racket")
    [relation] = [c for c in constraints.items if isinstance(c, RequiredPosition)]
    assert (relation.subject, relation.relation, relation.reference) == ("cell phone", "above", "tennis racket")


@pytest.mark.parametrize(
    "brief",
    [
        "a photo of a mountain lake at dawn",
        "A photo of a red apple in the top-right quarter. Headline 'Apple Day'.",
        "A poster with the headline 'LAKE DAYS' over a photo of a mountain lake at dawn",
    ],
)
def test_a_photo_of_a_place_or_a_placed_photo_stays_a_picture(brief: str) -> None:
    constraints = extract_constraints(brief)
    assert len(picture_requests(constraints)) == 1
    assert not [c for c in constraints.items if isinstance(c, RequiredCount)]


def test_to_the_left_of_a_thing_is_a_relation_not_a_place_for_the_photo() -> None:
    constraints = extract_constraints("a photo of a red car to the left of a blue bicycle")
    assert _counts("a photo of a red car to the left of a blue bicycle") == [("car", 1), ("bicycle", 1)]
    [relation] = [c for c in constraints.items if isinstance(c, RequiredPosition)]
    assert (relation.subject, relation.relation, relation.reference) == ("car", "left_of", "bicycle")
    assert picture_requests(constraints) == []
