"""How big things are and where they stand, so a composed scene has plausible proportions.

Each class has a typical size in metres (its longer side as usually seen; for things in the sky, how big they
look from the ground), the width/height ratio of its drawing (measured on the shipped emoji and icons that draw
it, a guess where nothing does), and where it belongs: on the ground, in the air, or on a wall. A scene draws
sizes on a compressed scale (the square root of the real ratio, kept within `MAX_SIZE_RATIO`), so an elephant is
plainly bigger than a cat and a cup smaller than a table, yet the cup is still big enough to see and count. Size
words ("tall", "tiny") scale a thing; unknown classes are of medium size and stand on the ground.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from tessera.contract import Attribute

Place = Literal["ground", "air", "wall"]

UNKNOWN_SIZE = 1.0  # metres: a thing of medium size
SIZE_POWER = 0.5  # drawn size grows as the real size to this power
MAX_SIZE_RATIO = 4.5  # the largest thing of a scene is drawn at most this many times the smallest


@dataclass(frozen=True)
class Proportions:
    """A class's typical size (metres), drawing aspect (width / height) and place."""

    size: float
    aspect: float = 1.0
    place: Place = "ground"
    shelter: bool = False  # things go under it (a table, a tree, an umbrella)
    container: bool = False  # things go inside it (a box, a bowl, a house)


def _p(
    size: float, aspect: float = 1.0, place: Place = "ground", *, shelter: bool = False, box: bool = False
) -> Proportions:
    return Proportions(size, aspect, place, shelter, box)


# fmt: off
_TABLE: dict[str, Proportions] = {
    # people
    "person": _p(1.7, 0.86), "man": _p(1.8, 0.86), "woman": _p(1.7, 1.0), "child": _p(1.2, 0.93),
    "kid": _p(1.2, 0.93), "boy": _p(1.3, 0.93), "girl": _p(1.3, 1.0), "baby": _p(0.6, 0.91),
    "people": _p(1.7, 0.86), "snowman": _p(1.6, 0.81), "robot": _p(1.5, 1.0),
    # animals
    "cat": _p(0.45, 1.12), "kitten": _p(0.3, 1.12), "dog": _p(0.6, 1.07), "puppy": _p(0.35, 1.07),
    "horse": _p(2.2, 1.05), "cow": _p(2.2, 1.0), "sheep": _p(1.2, 1.0), "lamb": _p(0.8, 1.0), "pig": _p(1.2, 1.12),
    "goat": _p(1.1, 1.08), "elephant": _p(3.5, 1.22), "giraffe": _p(5.0, 0.94), "lion": _p(2.0, 1.0),
    "tiger": _p(2.2, 1.04), "bear": _p(1.8, 1.13), "teddy bear": _p(0.4, 0.99), "zebra": _p(2.2, 1.0),
    "deer": _p(1.7, 1.0), "camel": _p(2.5, 1.0), "monkey": _p(0.7, 1.25), "panda": _p(1.5, 1.14),
    "koala": _p(0.7, 1.12), "fox": _p(0.8, 0.97), "wolf": _p(1.2, 1.0), "rabbit": _p(0.35, 1.0),
    "bunny": _p(0.35, 1.0), "mouse": _p(0.12, 1.16), "hamster": _p(0.12, 1.08), "hedgehog": _p(0.25, 1.3),
    "squirrel": _p(0.3, 1.0), "duck": _p(0.5, 1.0), "chicken": _p(0.5, 0.95), "hen": _p(0.5, 0.95),
    "chick": _p(0.15, 1.08), "penguin": _p(0.8, 1.0), "owl": _p(0.4, 0.79), "frog": _p(0.12, 1.08),
    "turtle": _p(0.4, 1.64), "tortoise": _p(0.4, 1.64), "snail": _p(0.08, 1.0), "snake": _p(1.5, 1.0),
    "lizard": _p(0.3, 0.76), "crab": _p(0.2, 1.12), "dinosaur": _p(8.0, 1.01), "unicorn": _p(2.2, 0.98),
    "dragon": _p(8.0, 0.96, "air"),
    "spider": _p(0.06, 0.98), "ladybug": _p(0.02, 1.0),
    "fish": _p(0.3, 1.15), "tropical fish": _p(0.25, 1.22), "whale": _p(15.0, 0.95), "dolphin": _p(2.5, 0.8),
    "shark": _p(4.0, 1.0), "octopus": _p(1.0, 1.04),
    "bird": _p(0.5, 1.19, "air"), "eagle": _p(1.2, 1.41, "air"), "parrot": _p(0.4, 0.86),
    "dove": _p(0.5, 1.0, "air"), "butterfly": _p(0.35, 1.0, "air"), "bee": _p(0.2, 1.08, "air"),
    "bat": _p(0.4, 1.0, "air"), "swan": _p(1.2, 1.07), "flamingo": _p(1.3, 0.79), "peacock": _p(1.2, 1.08),
    # furniture and things indoors
    "sofa": _p(2.0, 0.97), "couch": _p(2.0, 0.97), "armchair": _p(1.0, 0.69), "chair": _p(0.95, 0.69),
    "stool": _p(0.6, 0.8), "bench": _p(1.6, 1.89, shelter=True), "table": _p(1.4, 1.35, shelter=True),
    "desk": _p(1.4, 1.35, shelter=True), "bed": _p(2.0, 1.4, shelter=True), "lamp": _p(1.5, 0.88),
    "floor lamp": _p(1.7, 0.88), "bookshelf": _p(1.8, 0.6), "bookcase": _p(1.8, 0.6), "wardrobe": _p(2.0, 0.7),
    "piano": _p(1.5, 1.04), "television": _p(1.1, 0.93), "tv": _p(1.1, 0.93), "computer": _p(0.5, 1.0),
    "laptop": _p(0.35, 1.0), "phone": _p(0.15, 0.68), "clock": _p(0.35, 0.9, "wall"), "window": _p(1.2, 1.01, "wall"),
    "mirror": _p(0.8, 0.74, "wall"), "painting": _p(0.8, 1.3, "wall"), "picture": _p(0.8, 1.0, "wall"),
    "door": _p(2.0, 0.55), "vase": _p(0.35, 0.6, box=True), "plant": _p(0.6, 0.65), "potted plant": _p(0.6, 0.65),
    "cup": _p(0.1, 0.99, box=True), "mug": _p(0.1, 0.99, box=True), "glass": _p(0.15, 0.71, box=True),
    "teapot": _p(0.25, 1.12), "bottle": _p(0.3, 1.0), "bowl": _p(0.2, 0.93, box=True), "plate": _p(0.25, 2.0),
    "book": _p(0.25, 0.79), "candle": _p(0.2, 0.48), "basket": _p(0.4, 1.0, box=True), "box": _p(0.5, 0.85, box=True),
    "package": _p(0.5, 0.85, box=True), "bag": _p(0.4, 1.01, box=True), "backpack": _p(0.5, 0.8),
    "suitcase": _p(0.7, 0.63), "pillow": _p(0.5, 1.23), "bucket": _p(0.35, 1.16, box=True),
    "jar": _p(0.2, 0.79, box=True),
    "guitar": _p(1.0, 1.01), "umbrella": _p(2.0, 1.0, shelter=True), "gift": _p(0.3, 0.93, box=True),
    "present": _p(0.3, 0.93, box=True), "cage": _p(0.5, 0.8, box=True), "aquarium": _p(0.8, 1.4, box=True),
    # food
    "apple": _p(0.08, 1.0), "orange": _p(0.08, 0.82), "banana": _p(0.2, 1.0), "pear": _p(0.1, 0.91),
    "lemon": _p(0.08, 1.0),
    "strawberry": _p(0.04, 0.71), "cherry": _p(0.03, 1.04), "grape": _p(0.15, 0.9), "watermelon": _p(0.3, 1.0),
    "pineapple": _p(0.3, 0.77), "pizza": _p(0.35, 0.89), "cake": _p(0.3, 1.0), "birthday cake": _p(0.3, 1.0),
    "cupcake": _p(0.08, 0.86),
    "cookie": _p(0.08, 1.0),
    "donut": _p(0.1, 0.86), "ice cream": _p(0.18, 0.73), "burger": _p(0.12, 1.24), "sandwich": _p(0.15, 1.07),
    "bread": _p(0.3, 1.04),
    "egg": _p(0.06, 0.74), "carrot": _p(0.2, 1.0), "tomato": _p(0.08, 1.12), "coffee": _p(0.1, 0.99, box=True),
    # outdoors
    "tree": _p(6.0, 0.82, shelter=True), "pine tree": _p(8.0, 0.75, shelter=True),
    "palm tree": _p(8.0, 0.88, shelter=True), "bush": _p(1.2, 1.3), "flower": _p(0.4, 1.04), "rose": _p(0.4, 0.57),
    "tulip": _p(0.4, 0.65), "sunflower": _p(1.5, 0.79), "cactus": _p(1.5, 0.93),
    "mushroom": _p(0.15, 1.0, shelter=True),
    "rock": _p(1.0, 1.0), "stone": _p(0.5, 1.4), "mountain": _p(40.0, 1.08), "volcano": _p(40.0, 0.86),
    "cabin": _p(6.0, 1.1, box=True), "cottage": _p(7.0, 1.0, box=True), "hut": _p(4.0, 1.04, box=True),
    "pond": _p(4.0, 2.5), "lake": _p(20.0, 3.0), "hill": _p(30.0, 2.0), "igloo": _p(3.0, 1.5, box=True),
    "house": _p(8.0, 1.04, box=True), "home": _p(8.0, 1.04, box=True), "building": _p(20.0, 1.12),
    "castle": _p(20.0, 1.0), "church": _p(15.0, 1.0), "barn": _p(8.0, 1.0, box=True), "tent": _p(2.5, 1.15, box=True),
    "lighthouse": _p(15.0, 1.0), "windmill": _p(12.0, 1.0), "tower": _p(20.0, 1.0), "fence": _p(1.5, 1.0),
    "bridge": _p(20.0, 1.41, shelter=True), "fountain": _p(2.5, 0.96), "well": _p(1.5, 1.0, box=True),
    "sign": _p(1.6, 1.0), "signpost": _p(1.8, 0.7), "banner": _p(3.0, 3.0), "flag": _p(2.0, 0.86),
    "cliff": _p(30.0), "shelf": _p(1.5),
    # things that carry words (a board's aspect follows its words)
    "chalkboard": _p(1.4), "blackboard": _p(1.6), "whiteboard": _p(1.6), "board": _p(1.4),
    "billboard": _p(8.0), "placard": _p(0.9), "screen": _p(1.2), "poster": _p(0.9, 0.75, "wall"),
    "plaque": _p(0.5, 1.4, "wall"), "bubble": _p(1.0, 1.25, "air"), "speech bubble": _p(1.0, 1.25, "air"),
    "t-shirt": _p(0.7, 1.33), "shirt": _p(0.7, 1.33), "tin": _p(0.15), "can": _p(0.15, 0.6),
    "envelope": _p(0.25, 1.36), "cap": _p(0.3, 1.5), "hat": _p(0.35, 1.08),
    "traffic cone": _p(0.7, 1.06), "traffic light": _p(3.0, 0.43), "street lamp": _p(4.0, 0.88),
    "lamp post": _p(4.0, 0.3), "mailbox": _p(1.2, 0.89), "ball": _p(0.25, 1.0), "football": _p(0.22, 1.0),
    "soccer ball": _p(0.22, 1.0), "basketball": _p(0.24, 1.0), "kite": _p(1.2, 0.99, "air"),
    "balloon": _p(0.6, 0.71, "air"),
    "hot air balloon": _p(4.0, 0.71, "air"), "cloud": _p(2.0, 1.49, "air"), "sun": _p(1.6, 0.96, "air"),
    "moon": _p(1.3, 1.05, "air"), "star": _p(0.8, 1.08, "air"), "rainbow": _p(4.0, 1.0, "air"),
    "lightning": _p(2.0, 0.59, "air"), "snowflake": _p(0.5, 0.96, "air"),
    # vehicles
    "car": _p(4.5, 1.47, box=True), "taxi": _p(4.5, 1.33, box=True), "bus": _p(12.0, 1.27, box=True),
    "truck": _p(8.0, 1.22, box=True), "van": _p(5.0, 1.6, box=True), "tractor": _p(4.0, 1.21),
    "bicycle": _p(1.8, 1.33), "bike": _p(1.8, 1.33), "motorcycle": _p(2.1, 1.49), "scooter": _p(1.2, 1.12),
    "skateboard": _p(0.8, 1.0), "train": _p(25.0, 0.71), "tram": _p(20.0, 1.04), "boat": _p(5.0, 1.0),
    "sailboat": _p(6.0, 1.0), "ship": _p(50.0, 1.08), "canoe": _p(4.0, 1.33), "airplane": _p(6.0, 1.0, "air"),
    "plane": _p(6.0, 1.0, "air"), "helicopter": _p(5.0, 1.08, "air"), "rocket": _p(6.0, 1.02),
    "ufo": _p(4.0, 1.19, "air"), "fire engine": _p(9.0, 1.08), "ambulance": _p(6.0, 1.27),
    "police car": _p(4.5, 1.27),
}
# fmt: on

_BIGGER = frozenset({"big", "large", "tall", "huge", "giant", "enormous", "massive", "long", "grown"})
_SMALLER = frozenset({"small", "little", "tiny", "short", "mini", "miniature", "baby", "young"})
SIZE_STEP = 1.3  # a size word makes a thing this much bigger (or smaller)


def proportions(object_class: str) -> Proportions:
    """The class's proportions: its own entry, else its last word's ("pine tree" as "tree"), else a medium thing
    on the ground."""
    name = object_class.lower().strip()
    return _TABLE.get(name) or _TABLE.get(name.split(" ")[-1]) or Proportions(UNKNOWN_SIZE)


def size_factor(attributes: list[Attribute]) -> float:
    """How much the brief's size words scale a thing: 1.3 per "big" or "tall", 1/1.3 per "small" or "tiny"."""
    factor = 1.0
    for attribute in attributes:
        word = attribute.word.lower()
        if attribute.kind == "size" and word in _BIGGER:
            factor *= SIZE_STEP
        elif attribute.kind == "size" and word in _SMALLER:
            factor /= SIZE_STEP
    return factor


def drawn_sizes(things: dict[str, tuple[float, float]]) -> dict[str, float]:
    """Each thing's drawn size relative to the largest (1.0), from its real size and its size words' factor:
    compressed and clamped, so the order of sizes is kept and the smallest is still big enough to see."""
    if not things:
        return {}
    compressed = {key: max(size, 1e-3) ** SIZE_POWER * factor for key, (size, factor) in things.items()}
    largest = max(compressed.values())
    return {key: max(value / largest, 1 / MAX_SIZE_RATIO) for key, value in compressed.items()}


def painted_extent(side: float, aspect: float) -> tuple[float, float]:
    """The width and height a drawing of that aspect takes in a square of `side`."""
    return side * min(1.0, aspect), side * min(1.0, 1 / max(aspect, 1e-3))
