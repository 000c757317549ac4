"""Object class names (singular, plural, synonyms) to the emoji that draws them, and that sprite's id."""

from __future__ import annotations

import re

from tessera.renderer._vector_emoji import VectorEmoji, find_vector_emoji

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


def vector_drawing(emoji: str) -> VectorEmoji | None:
    """The vector drawing sprites of `emoji` are made from, or None where the bitmap font draws them: an emoji the
    vector set lacks, or one whose vector drawing does not count as one shape."""
    return None if emoji in _BITMAP_DRAWN else find_vector_emoji(emoji)


def sprite_id(emoji: str) -> str:
    """A stable id for an emoji sprite: the vector set's name ('fluent:balloon'), or the codepoints of one the
    bitmap font draws ('emoji:U+1F46A')."""
    vector = vector_drawing(emoji)
    if vector is not None:
        return vector.sprite_id
    codepoints = [f"U+{ord(c):04X}" for c in emoji if c != _VARIATION_SELECTOR]
    return "emoji:" + "-".join(codepoints)
