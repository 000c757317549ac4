"""Object class names (singular, plural, synonyms) to what draws them: a colour emoji, else an icon; and its id.

The renderer paints each object group with its class's drawing; the verifier draws the same drawing again to know
what an instance of the class looks like (a tree drawn in the car's box is still a tree).

The search, most trusted first: the hand-checked table below; the emoji set's CLDR names and aliases; the names
of icons whose tags name the class ("puppy" is a tag of the icon 'dog', which has an emoji); emoji named by the
tags of the icon that has the class's name (the icon 'sofa' is tagged "couch": the couch emoji); then the icon
itself ('lamp'), or one whose name or tags hold every word of the class ('building-lighthouse').
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from tessera.contract.emoji_names import emoji_named
from tessera.contract.icons import ICON_DATA, icon_set, shipped_data
from tessera.contract.vector_emoji import SPRITE_PREFIX, VectorEmoji, find_vector_emoji

# One emoji per class; each was checked to paint as a single shape that the verifier's pixel counter sees as one
# blob per instance, on light, dark and mid-tone backgrounds (drawn from the vector set, or from the bitmap font
# where _BITMAP_DRAWN says so). Synonyms share an emoji.
# fmt: off
_EMOJI: dict[str, str] = {
    # celebration
    "balloon": "🎈", "party popper": "🎉", "popper": "🎉", "confetti": "🎉", "gift": "🎁", "present": "🎁",
    "gift box": "🎁", "cake": "🎂", "birthday cake": "🎂", "cupcake": "🧁", "candle": "🕯️", "firework": "🎆",
    "sparkler": "🎇", "ribbon": "🎀", "bow": "🎀", "party hat": "🥳", "christmas tree": "🎄",
    "jack-o-lantern": "🎃", "pumpkin": "🎃", "ghost": "👻", "skull": "💀", "ticket": "🎟️", "trophy": "🏆",
    "medal": "🏅", "crown": "👑", "flag": "🚩", "bell": "🔔", "music note": "🎵", "note": "🎵",
    "guitar": "🎸", "microphone": "🎤", "drum": "🥁", "trumpet": "🎺", "violin": "🎻", "piano": "🎹",
    "headphone": "🎧", "dice": "🎲", "die": "🎲", "puzzle": "🧩", "puzzle piece": "🧩",
    "kite": "🪁", "teddy bear": "🧸", "bear": "🐻",
    # symbols and shapes
    "star": "⭐", "heart": "❤️", "diamond": "💎", "gem": "💎", "jewel": "💎", "ring": "💍", "circle": "🔴",
    "red circle": "🔴", "dot": "🔴", "check mark": "✅", "checkmark": "✅", "check": "✅", "tick": "✅",
    "cross": "❌", "pin": "📍", "location pin": "📍", "pushpin": "📌", "lightning": "⚡", "bolt": "⚡",
    "lightning bolt": "⚡", "fire": "🔥", "flame": "🔥", "droplet": "💧", "drop": "💧", "water drop": "💧",
    "raindrop": "💧", "snowflake": "❄️", "rainbow": "🌈", "sun": "☀️", "moon": "🌙", "crescent": "🌙",
    "cloud": "☁️", "umbrella": "☂️", "planet": "🪐", "saturn": "🪐", "globe": "🌍", "earth": "🌍",
    "world": "🌍", "comet": "☄️", "mountain": "⛰️", "volcano": "🌋", "wave": "🌊", "tornado": "🌪️",
    "snowman": "⛄", "anchor": "⚓", "hourglass": "⌛", "dollar": "💵", "money": "💵", "banknote": "💵",
    "coin": "🪙", "money bag": "💰", "gear": "⚙️", "cog": "⚙️", "magnet": "🧲", "light bulb": "💡",
    "lightbulb": "💡", "bulb": "💡", "idea": "💡", "key": "🔑", "lock": "🔒", "padlock": "🔒",
    "shield": "🛡️", "bomb": "💣", "speech bubble": "💬", "thought bubble": "💭", "eye": "👁️",
    # food and drink
    "apple": "🍎", "red apple": "🍎", "green apple": "🍏", "pear": "🍐", "orange": "🍊", "tangerine": "🍊",
    "lemon": "🍋", "lime": "🍋", "banana": "🍌", "watermelon": "🍉", "grape": "🍇", "strawberry": "🍓",
    "cherry": "🍒", "peach": "🍑", "mango": "🥭", "pineapple": "🍍", "coconut": "🥥",
    "kiwi": "🥝", "tomato": "🍅", "avocado": "🥑", "eggplant": "🍆", "potato": "🥔", "carrot": "🥕",
    "corn": "🌽", "pepper": "🌶️", "chili": "🌶️", "broccoli": "🥦", "mushroom": "🍄", "peanut": "🥜",
    "chestnut": "🌰", "bread": "🍞", "loaf": "🍞", "croissant": "🥐", "baguette": "🥖", "pretzel": "🥨",
    "bagel": "🥯", "pancake": "🥞", "waffle": "🧇", "cheese": "🧀", "egg": "🥚", "fried egg": "🍳",
    "bacon": "🥓", "burger": "🍔", "hamburger": "🍔", "cheeseburger": "🍔", "fries": "🍟",
    "french fries": "🍟", "pizza": "🍕", "pizza slice": "🍕", "hot dog": "🌭", "sandwich": "🥪",
    "taco": "🌮", "burrito": "🌯", "salad": "🥗", "popcorn": "🍿", "sushi": "🍣", "rice ball": "🍙",
    "rice bowl": "🍚", "rice": "🍚", "bowl": "🍜", "noodle": "🍜", "ramen": "🍜", "dumpling": "🥟",
    "fortune cookie": "🥠", "shrimp": "🍤", "ice cream": "🍦", "soft serve": "🍦", "gelato": "🍨",
    "shaved ice": "🍧", "donut": "🍩", "doughnut": "🍩", "cookie": "🍪", "biscuit": "🍪",
    "chocolate": "🍫", "chocolate bar": "🍫", "candy": "🍬", "sweet": "🍬", "lollipop": "🍭",
    "pie": "🥧", "honey": "🍯", "honey pot": "🍯", "coffee": "☕", "cup": "☕", "mug": "☕",
    "coffee cup": "☕", "hot drink": "☕", "tea": "🍵", "teacup": "🍵", "teapot": "🫖", "milk": "🥛",
    "glass of milk": "🥛", "bottle": "🍾", "champagne": "🍾", "wine": "🍷", "wine glass": "🍷",
    "glass of wine": "🍷", "glass": "🍷", "cocktail": "🍸", "martini": "🍸", "tropical drink": "🍹",
    "beer": "🍺", "beer mug": "🍺", "pint": "🍺", "juice": "🧃", "bubble tea": "🧋", "soda": "🥤",
    "drink": "🥤",
    # animals
    "cat": "🐱", "kitten": "🐱", "dog": "🐶", "puppy": "🐶", "mouse": "🐭", "rabbit": "🐰",
    "bunny": "🐰", "fox": "🦊", "panda": "🐼", "koala": "🐨", "tiger": "🐯", "lion": "🦁", "cow": "🐮",
    "pig": "🐷", "frog": "🐸", "monkey": "🐵", "chicken": "🐔", "hen": "🐔", "chick": "🐤",
    "penguin": "🐧", "bird": "🐦", "duck": "🦆", "owl": "🦉", "eagle": "🦅", "parrot": "🦜",
    "flamingo": "🦩", "peacock": "🦚", "swan": "🦢", "dove": "🕊️", "horse": "🐴", "unicorn": "🦄",
    "bee": "🐝", "honeybee": "🐝", "ladybug": "🐞", "ladybird": "🐞", "butterfly": "🦋", "snail": "🐌",
    "spider": "🕷️", "turtle": "🐢", "tortoise": "🐢", "snake": "🐍", "lizard": "🦎", "dinosaur": "🦕",
    "octopus": "🐙", "squid": "🦑", "crab": "🦀", "lobster": "🦞", "fish": "🐟", "tropical fish": "🐠",
    "pufferfish": "🐡", "shark": "🦈", "whale": "🐳", "dolphin": "🐬", "seal": "🦭", "elephant": "🐘",
    "giraffe": "🦒", "zebra": "🦓", "camel": "🐫", "sheep": "🐑", "lamb": "🐑", "goat": "🐐",
    "deer": "🦌", "hedgehog": "🦔", "sloth": "🦥", "hamster": "🐹", "wolf": "🐺", "bat": "🦇",
    # plants
    "tree": "🌳", "deciduous tree": "🌳", "pine tree": "🌲", "evergreen": "🌲", "palm tree": "🌴",
    "palm": "🌴", "cactus": "🌵", "flower": "🌸", "blossom": "🌸", "cherry blossom": "🌸", "rose": "🌹",
    "tulip": "🌷", "sunflower": "🌻", "daisy": "🌼", "hibiscus": "🌺", "bouquet": "💐", "leaf": "🍃",
    "maple leaf": "🍁", "autumn leaf": "🍂", "clover": "🍀", "four leaf clover": "🍀", "shamrock": "☘️",
    "plant": "🪴", "potted plant": "🪴", "seedling": "🌱", "sprout": "🌱", "herb": "🌿",
    # objects
    "book": "📕", "notebook": "📓", "pencil": "✏️", "pen": "🖊️", "crayon": "🖍️",
    "paintbrush": "🖌️", "brush": "🖌️", "scissors": "✂️", "ruler": "📏", "paperclip": "📎",
    "clipboard": "📋", "calendar": "📅", "envelope": "✉️", "letter": "✉️", "mail": "✉️",
    "email": "📧", "package": "📦", "box": "📦", "parcel": "📦", "phone": "📱", "mobile phone": "📱",
    "smartphone": "📱", "telephone": "☎️", "laptop": "💻", "computer": "💻", "desktop": "🖥️",
    "keyboard": "⌨️", "printer": "🖨️", "camera": "📷", "video camera": "📹", "television": "📺",
    "tv": "📺", "radio": "📻", "battery": "🔋", "plug": "🔌", "clock": "⏰", "alarm clock": "⏰",
    "watch": "⌚", "stopwatch": "⏱️", "magnifying glass": "🔍", "magnifier": "🔍", "telescope": "🔭",
    "microscope": "🔬", "lantern": "🏮", "flashlight": "🔦", "torch": "🔦", "hammer": "🔨",
    "wrench": "🔧", "screwdriver": "🪛", "axe": "🪓", "toolbox": "🧰", "bucket": "🪣", "basket": "🧺",
    "broom": "🧹", "soap": "🧼", "sponge": "🧽", "toothbrush": "🪥", "chair": "🪑", "bed": "🛏️",
    "door": "🚪", "window": "🪟", "mirror": "🪞", "bathtub": "🛁", "shopping bag": "👜", "bag": "👜",
    "shopping cart": "🛒", "cart": "🛒", "trolley": "🛒", "credit card": "💳", "card": "💳",
    "wallet": "👛", "purse": "👛", "handbag": "👜", "backpack": "🎒", "briefcase": "💼",
    "suitcase": "🧳", "luggage": "🧳", "umbrella closed": "🌂", "glasses": "👓", "sunglasses": "🕶️",
    "hat": "🎩", "top hat": "🎩", "cap": "🧢", "shoe": "👟", "sneaker": "👟", "boot": "👢",
    "high heel": "👠", "scarf": "🧣", "shirt": "👕", "t-shirt": "👕",
    "tshirt": "👕", "dress": "👗", "jeans": "👖", "coat": "🧥", "lipstick": "💄", "football": "⚽",
    "soccer ball": "⚽", "ball": "⚽", "basketball": "🏀", "american football": "🏈",
    "baseball": "⚾", "tennis ball": "🥎", "softball": "🥎", "volleyball": "🏐", "golf": "⛳",
    "medal sports": "🏅", "skateboard": "🛹", "sled": "🛷", "ski": "🎿", "fishing pole": "🎣",
    "boxing glove": "🥊", "game controller": "🎮", "controller": "🎮", "joystick": "🕹️",
    "candy cane": "🍬", "syringe": "💉", "pill": "💊", "bandage": "🩹",
    "stethoscope": "🩺", "dna": "🧬", "test tube": "🧪", "atom": "⚛️", "robot": "🤖", "alien": "👽",
    "smiley": "😀", "smiley face": "😀", "face": "😀", "emoji": "😀", "thumbs up": "👍",
    "thumb": "👍", "hand": "✋", "fist": "✊", "person": "🧑", "people": "🧑", "human": "🧑",
    "man": "👨", "woman": "👩", "child": "🧒", "kid": "🧒", "baby": "👶", "boy": "👦", "girl": "👧",
    "santa": "🎅", "angel": "👼",
    # vehicles and places
    "car": "🚗", "automobile": "🚗", "taxi": "🚕", "bus": "🚌", "truck": "🚚", "lorry": "🚚",
    "fire engine": "🚒", "ambulance": "🚑", "police car": "🚓", "tractor": "🚜", "bicycle": "🚲",
    "bike": "🚲", "motorcycle": "🏍️", "scooter": "🛴", "train": "🚆", "locomotive": "🚂", "tram": "🚋",
    "airplane": "✈️", "plane": "✈️", "aeroplane": "✈️", "helicopter": "🚁", "rocket": "🚀",
    "spaceship": "🚀", "ufo": "🛸", "flying saucer": "🛸", "boat": "⛵", "sailboat": "⛵", "ship": "🚢",
    "canoe": "🛶", "house": "🏠", "home": "🏠", "building": "🏢", "office": "🏢", "castle": "🏰",
    "church": "⛪", "tent": "⛺", "factory": "🏭", "school": "🏫", "hospital": "🏥", "bank": "🏦",
    "hotel": "🏨", "stadium": "🏟️", "fountain": "⛲", "ferris wheel": "🎡", "carousel": "🎠",
    "roller coaster": "🎢", "traffic light": "🚦", "fuel pump": "⛽", "island": "🏝️",
}
# fmt: on

# fmt: off
_ALIASES: dict[str, str] = {
    "balloons": "balloon", "teeth": "tooth", "feet": "foot", "mice": "mouse", "geese": "goose",
    "people": "people", "children": "child", "men": "man", "women": "woman", "dice": "dice",
    "fries": "fries", "glasses": "glasses", "sunglasses": "sunglasses", "scissors": "scissors",
    "jeans": "jeans", "books": "book", "fish": "fish", "sheep": "sheep", "deer": "deer",
    "octopi": "octopus", "cacti": "cactus", "knives": "knife", "leaves": "leaf", "loaves": "loaf",
    "wolves": "wolf", "calves": "calf", "shelves": "shelf", "scarves": "scarf", "halves": "half",
    "lives": "life", "wives": "wife", "potatoes": "potato", "tomatoes": "tomato", "mangoes": "mango",
    "heroes": "hero", "volcanoes": "volcano", "tornadoes": "tornado", "dominoes": "domino",
    "cookies": "cookie", "pies": "pie", "ties": "tie", "movies": "movie", "zombies": "zombie",
    "hoodies": "hoodie", "smoothies": "smoothie", "brownies": "brownie", "sweeties": "sweetie",
    "buses": "bus", "dress": "dress", "glass": "glass", "bass": "bass", "grass": "grass",
    "compass": "compass", "cactus": "cactus", "octopus": "octopus", "walrus": "walrus",
    "hummus": "hummus", "asparagus": "asparagus", "bonus": "bonus", "virus": "virus",
}
# fmt: on
# Emoji whose vector drawing is kept from sprites, drawn from the bitmap font instead: where the pixel counter cannot
# count it (a flat door reads as a painted panel; a window's panes, a building's light grey walls and a drum's pale
# sticks fall apart on mid-tone backgrounds) or where it reads poorly at sprite sizes (a coffee cup seen from
# above, a blocky cardinal for 'bird'), and Noto's drawing does better.
_BITMAP_DRAWN = frozenset({"🚪", "🪟", "🏢", "🥁", "☕", "🐦"})
_VARIATION_SELECTOR = "\ufe0f"
_LOOKUP: dict[str, str] = {name.replace("-", " "): emoji for name, emoji in _EMOJI.items()}


def _normalise(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name.strip().lower().replace("’", "'"))


def singular_forms(word: str) -> list[str]:
    """Crude singulars of an English noun, likeliest first: cherries -> cherry, boxes -> box, shoes -> shoe."""
    if word in _ALIASES:
        return [_ALIASES[word]]
    forms = []
    for suffix, replacement in (("ies", "y"), ("ves", "f"), ("oes", "o")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            forms.append(word[: -len(suffix)] + replacement)
    for suffix in ("sses", "shes", "ches", "xes", "zes"):
        if word.endswith(suffix):
            forms.append(word[:-2])
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 2:
        forms.append(word[:-1])
    return [*forms, word]


def _candidates(name: str) -> list[str]:
    """Ways to read a class name, most specific first: as given, singular, then its last words alone."""
    words = name.split(" ")
    found = [name]
    for start in range(len(words)):
        head = words[start:-1]
        found.append(" ".join(words[start:]))
        found += [" ".join([*head, form]) for form in singular_forms(words[-1])]
    return list(dict.fromkeys(found))


def emoji_for(object_class: str) -> str | None:
    """The emoji string drawing `object_class`, or None when the catalogue has none."""
    name = _normalise(object_class).replace("-", " ")
    for candidate in _candidates(name):
        if candidate in _LOOKUP:
            return _LOOKUP[candidate]
    return None


# Icons that draw a class better than anything the search finds: Tabler's 'table' is a spreadsheet, and the icon
# 'traffic-cone' is tagged "construction", whose emoji is a barrier.
# A sofa's synonyms lead to emoji of other things ("couch and lamp" shows a lamp too, "seat" is an airliner's).
_ICONS: dict[str, str] = {
    "table": "desk", "dining table": "desk", "coffee table": "desk", "bench": "picnic-table",
    "traffic cone": "traffic-cone", "cone": "traffic-cone", "barn": "building-cottage", "sofa": "sofa",
    "couch": "sofa", "settee": "sofa",
}  # fmt: skip
# Classes drawn by a drawing made from an emoji's vector drawing, where the emoji shows more than the class: a cake
# is the birthday cake below its candles (so that candles a brief stands on it are the only ones), on a cake stand
# that makes it as tall as it is wide (so that what stands on it stands on the top of its square).
_VARIANTS: dict[str, tuple[str, str]] = {"cake": ("🎂", "cake-on-a-stand")}
_CAKE_STAND = (
    '<path fill="#9AA3AE" d="M2 30.2h28v1.6a.6.6 0 0 1-.6.6H2.6a.6.6 0 0 1-.6-.6z"/>'
    '<path fill="#9AA3AE" d="M14 32.3h4v3.6h-4z"/>'
    '<path fill="#7F8893" d="M9 35.6h14a1 1 0 0 1 1 1v.4H8v-.4a1 1 0 0 1 1-1z"/>'
)
_ICON_PREFIX = "icon"


@dataclass(frozen=True)
class Drawing:
    """What draws an object class: a colour emoji (preferred) or an icon of the icon set, by name."""

    emoji: str | None = None
    icon: str | None = None
    variant: str | None = None  # the name of a drawing made from the emoji's vector drawing (`variant_drawing`)

    @property
    def sprite_id(self) -> str:
        """The manifest's id for it: 'fluent:balloon', 'fluent:cake-on-a-stand' (made from one), 'emoji:U+1F46A'
        or 'icon:lamp'."""
        if self.emoji is None:
            return f"{_ICON_PREFIX}:{self.icon}"
        return f"{SPRITE_PREFIX}:{self.variant}" if self.variant else sprite_id(self.emoji)


@functools.lru_cache(maxsize=2048)
def drawing_for(object_class: str) -> Drawing | None:
    """The emoji, else the icon, that draws `object_class` (see the module docstring); None when nothing does."""
    name = _normalise(object_class).replace("-", " ")
    forms = _candidates(name)
    whole = [form for form in forms if form.count(" ") == name.count(" ")]  # the class and its singulars
    chosen = next((_ICONS[form] for form in whole if form in _ICONS), None)
    if chosen is not None:
        return Drawing(icon=chosen)
    made = next((_VARIANTS[form] for form in whole if form in _VARIANTS), None)
    if made is not None and variant_drawing(made[1]) is not None:
        return Drawing(emoji=made[0], variant=made[1])
    symbol = emoji_for(name) or next((e for e in map(emoji_named, forms) if e), None)
    symbol = symbol or next((e for e in map(_emoji_of_synonyms, whole) if e), None)
    if symbol is not None:
        return Drawing(emoji=symbol)
    icon = next((i for i in map(_icon_named, whole) if i), None)
    icon = icon or next((i.name for i in map(icon_set().icon, (f.replace(" ", "-") for f in forms)) if i), None)
    return Drawing(icon=icon) if icon is not None else None


@functools.cache
def _icon_tags() -> dict[str, list[str]]:
    """Each icon's tags, read once from the shipped icon set (the set uses them only inside its search)."""
    return dict(shipped_data(ICON_DATA)["tags"])


def _emoji_of_synonyms(name: str) -> str | None:
    """An emoji named by a synonym of `name`: a tag of the icon called `name` that is no icon's name itself (the
    icon 'sofa' is tagged "couch", which no icon is called; its tag "home" names an icon, so another thing)."""
    icons = icon_set()
    own = icons.icon(name.replace(" ", "-"))
    if own is None:
        return None
    synonyms = [tag.replace("-", " ") for tag in _icon_tags().get(own.name, []) if tag not in icons]
    return next((e for e in (emoji_named(synonym, aliases=False) for synonym in synonyms) if e), None)


def _icon_named(name: str) -> str | None:
    """The icon called `name`, else one whose name ends in it ('building-lighthouse' for "lighthouse")."""
    icons = icon_set()
    dashed = name.replace(" ", "-")
    own = icons.icon(dashed)
    if own is not None:
        return own.name
    return next((icon for icon in icons.search(name, 10) if icon.endswith(f"-{dashed}")), None)


def vector_drawing(emoji: str) -> VectorEmoji | None:
    """The vector drawing sprites of `emoji` are made from, or None where the bitmap font draws them: an emoji the
    vector set lacks, or one whose vector drawing does not count as one shape."""
    return None if emoji in _BITMAP_DRAWN else find_vector_emoji(emoji)


@functools.cache
def variant_drawing(name: str) -> VectorEmoji | None:
    """A drawing made from an emoji's vector drawing (see `_VARIANTS`), or None when the vector set lacks it."""
    emoji = next((e for e, variant in _VARIANTS.values() if variant == name), None)
    cake = find_vector_emoji(emoji) if emoji is not None else None
    if cake is None:
        return None
    below_candles = (
        f'<clipPath id="{name}-clip"><rect x="0" y="9" width="{cake.width}" height="{cake.height}"/></clipPath>'
    )
    body = f'{below_candles}<g clip-path="url(#{name}-clip)">{cake.body}</g>{_CAKE_STAND}'
    return VectorEmoji(name=name, body=body, width=cake.width, height=38)


def sprite_id(emoji: str) -> str:
    """A stable id for an emoji sprite: the vector set's name ('fluent:balloon'), or the codepoints of one the
    bitmap font draws ('emoji:U+1F46A')."""
    vector = vector_drawing(emoji)
    if vector is not None:
        return vector.sprite_id
    codepoints = [f"U+{ord(c):04X}" for c in emoji if c != _VARIATION_SELECTOR]
    return "emoji:" + "-".join(codepoints)
