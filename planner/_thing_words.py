"""Words that name things to draw, words that never do, and words that say how a thing looks.

A thing introduced by "a", "an", "the" or "one" is counted only when its noun names a thing: an English CLDR emoji
name (through the `emoji` package), a name of a shipped Tabler icon, or one of the scene nouns below. Nouns of
layout, of the document, of the canvas and abstract nouns are never counted, whatever introduces them.
"""

from __future__ import annotations

import functools
import re

import emoji

from tessera.contract import AttributeKind
from tessera.contract.icons import icon_set
from tessera.planner._colors import is_color_word
from tessera.planner._numbers import singular
from tessera.planner._text_cues import word_set

# Structure a brief asks for, drawn as layout, never as counted objects ("three tiers", "four cards").
LAYOUT_WORDS = word_set(
    """
    tier card block icon badge tag chip button field section column row panel slide page bullet point item highlight
    feature half quarter third step stage project dish course option tab link kpi metric chart graph table list logo
    header footer sidebar navbar nav menu grid cell divider separator placeholder avatar thumbnail tile
    widget form input checkbox toggle switch slider dropdown modal popup tooltip banner strip band bar line lines
    paragraph sentence word letter character caption label legend axis heading headline title subtitle tagline
    slogan quote callout arrow frame border margin padding gutter spacing layer element component module
    entry record category segment plan tier level version variant
    """
)
# What the brief makes, and words about its text and look.
DOCUMENT_WORDS = word_set(
    """
    poster slide flyer banner menu label sign card certificate dashboard screen page image picture photo photograph
    illustration scene design layout text title headline font typeface typography colour color style look graphic
    artwork drawing painting sketch render rendering mockup template infographic brochure invitation invite ad
    advert advertisement cover thumbnail wallpaper document report paper leaflet pamphlet postcard sticker
    storyboard comic panel frame palette gradient pattern texture theme aesthetic vibe mood tone format aspect
    ratio resolution size version copy website webpage app interface ui ux screenshot presentation deck video
    animation gif print shot composition view perspective angle ticket stub coupon voucher receipt
    """
)
# Parts of the canvas and the scenery behind everything: where things go, not things.
CANVAS_WORDS = word_set(
    """
    background backdrop foreground midground left right center centre middle edge corner top bottom side half
    canvas space area region spot place position distance sky ground grass floor horizon landscape scenery
    surroundings setting air water sea ocean field meadow sunlight light shadow darkness night day dawn dusk
    sunset sunrise weather rain snow fog mist
    """
)
# Ideas, events, measures and qualities: never drawn as counted objects ("12 steps to success", "two goals").
ABSTRACT_NOUNS = word_set(
    """
    step success frame goal reason way tip trick year day hour minute second percent time idea benefit fact lesson
    rule thing question answer value principle secret mistake habit message story event sale offer deal discount
    price chance opportunity problem solution strategy skill result trend insight method service product program
    programme session workshop meeting party festival concert celebration holiday season morning evening week month
    weekend life world future history journey adventure experience love hope joy peace energy power health
    wealth freedom team community audience customer client user member brand company business startup
    organisation organization campaign launch release update feature quality style taste flavor flavour scent
    smell sound music noise voice name number amount total count percentage score rating review comment
    feedback note notes detail details info information data statistic stat growth revenue profit cost
    budget fee rate tax payment subscription membership access entry order delivery shipping return refund
    guarantee warranty support help contact address email website link url location direction directions place
    spot area part piece bit lot kind type sort variety range selection collection series set group half whole
    rest others other everything something anything nothing everyone someone anyone nobody thing things stuff
    shape form size color colour mood atmosphere feeling sense vibe spirit theme concept motif focus emphasis
    contrast balance harmony rhythm movement flow energy glow shine reflection effect effects detail accent touch
    hint temperature forecast humidity wind pressure speed distance weight height length width depth volume
    call action
    splash burst pop dash vision mission purpose plan goal objective target milestone achievement award prize
    reward bonus perk advantage edge hit win victory record best top first last end start beginning middle
    introduction conclusion summary overview agenda schedule timeline date deadline weekday birthday anniversary
    christmas easter halloween thanksgiving diwali ramadan eid hanukkah
    """
)
# Tabler icon names that name an interface action or an idea rather than a thing.
_INTERFACE_ICON_NAMES = word_set(
    """
    abc accessible activity ad adjustments affiliate ai alpha alt ampersand analyze angle api apps archive artboard
    article assembly asset asterisk at automation award ban baseline beta binary blend blob blockquote blocks
    bluetooth blur bmp bold boom braces brackets braille brightness broadcast browser businessplan cancel capture
    cast category ce cell check checks checklist click code codeblock columns command components connection contract
    contrast copy copyleft credits crop crosshair currency cut database decimal delta details devices dialpad
    dimensions direction directions disabled discount download duplicate edit empathize emphasis equal exchange
    explicit exposure fall favicon file files filter filters flare flood focus fold folder folders forms friends
    function geometry gizmo gps gpu gradienter grain growth hash haze hdr help hierarchy history home html icons id
    inbox invoice italic jpg json kerning keyframe keyframes lambda language lasso library license loader location
    login logout logs macro magnetic markdown marquee mars math matrix maximize mesh message messages
    microfrontends middleware minimize mist mobiledata navigation network news nfc notdef notification number
    numbers old omega orbit orbits outbound overline packages paint parentheses parking password paywall pdf peace
    pilcrow pinned pipeline playlist png pointer pray prescription progress prompt protocol radar recharging recycle
    refresh regex reload reorder repeat replace resize restore ripple rotate route router rss run sandbox scale scan
    schema scribble script sdk search select selector send seo server serverless servicemark settings share shareplay
    signature sitemap slash slashes slideshow smoking social sos spaces spiral spy sql stack steam storm strikethrough
    stretching subscript subtask subtitles sum superscript svg swipe tabs tags tallymarks tex tilde timezone tir toml
    tool tools tooltip tournament track trademark transfer transform trekking txt uhd underline universe unlink
    upload urgent users variable vector venus versions viewfinder vignette vip vocabulary volume vs walk wash webhook
    weight wifi wind writing x xd xxx zip zoom yoga karate gymnastics swimming skateboarding snowboarding curling
    golf rugby waterpolo massage ironing tennis bowling badminton lacrosse cooking camping wedding construction
    customs warning bald collision copyright registered divide multiply minus dizzy prohibited locked unlocked
    wireless foggy infinity biohazard radioactive om mate kiss joker hamsa khanda dango oden mage splatter memo
    ledger cinema cityscape desert motorway restroom dna selfie cricket softball anger
    """
)
NOT_THINGS = LAYOUT_WORDS | DOCUMENT_WORDS | CANVAS_WORDS | ABSTRACT_NOUNS | _INTERFACE_ICON_NAMES
# Nouns that are layout in a document but furniture in a scene: counted only when a relation ties them to a thing
# ("a vase on a table"), never alone ("a table of prices").
SCENE_OR_LAYOUT = frozenset(["table", "screen", "frame", "sign", "card", "banner"])

# Scene nouns the emoji and icon names lack, and the sprite classes the planner has always drawn.
_SCENE_NOUNS = word_set(
    """
    sofa couch chair armchair stool bench table desk shelf bookshelf cupboard wardrobe drawer cabinet bed pillow
    cushion blanket rug mat carpet curtain vase lamp lantern candle clock mirror plant flowerpot pot pan kettle
    teapot plate bowl fork knife spoon glass jar sink bathtub basket bucket bottle cup mug tray box crate barrel bag
    suitcase backpack umbrella hat cap scarf glove boot shoe sock jacket coat dress shirt tie window door gate fence
    wall bridge tower castle house cabin barn hut tent building skyscraper church lighthouse windmill shop store cafe
    restaurant bakery kiosk stall billboard bus car truck van taxi bicycle bike motorcycle scooter train tram boat
    ship sailboat canoe kayak plane airplane helicopter rocket balloon kite lake pond river stream waterfall
    mountain hill volcano island beach cliff rock boulder stone pebble tree bush shrub hedge palm pine oak log stump
    branch leaf flower rose tulip daisy sunflower lily cactus mushroom fern vine nest egg feather shell seashell
    starfish person man woman child kid boy girl baby pedestrian cyclist runner rider driver chef waiter doctor
    nurse teacher student farmer robot astronaut knight wizard pirate king queen prince princess snowman
    scarecrow statue fountain bench streetlight lamppost hydrant mailbox postbox bin ball football basketball
    puppy kitten dog cat bird fish horse cow pig sheep goat chicken duck goose rabbit mouse fox wolf bear deer owl
    frog turtle snake lion tiger elephant giraffe zebra monkey panda penguin dolphin whale shark octopus crab
    butterfly bee ladybug spider snail dragon unicorn dinosaur apple banana orange lemon lime pear peach cherry
    strawberry grape watermelon pineapple coconut mango kiwi avocado tomato carrot pepper corn potato onion garlic
    broccoli cupcake cake pie cookie donut doughnut croissant bread pizza burger sandwich taco sushi candy
    lollipop chocolate cheese star heart moon sun cloud rainbow snowflake raindrop drop lightning bolt planet
    comet globe flag trophy medal crown ribbon bow gift present firework sparkler confetti bell key lock coin gem
    diamond ring necklace guitar piano violin drum trumpet microphone camera phone laptop computer television tv
    radio headphones book notebook pencil pen crayon brush paintbrush scissors envelope paperclip ruler hourglass
    anchor compass map telescope microscope magnet bulb wheel tire ladder hammer wrench saw axe shovel rake broom
    ornament wreath stocking candy cane gingerbread pumpkin ghost skull bat witch cauldron broomstick toy
    teddy doll block puzzle dice die domino cube sphere cone pyramid circle square triangle rectangle hexagon oval
    dot stripe blob sparkle bubble frisbee snowboard surfboard skateboard ski skis remote oven toaster refrigerator
    fridge microwave toothbrush handbag racket racquet
    """
)
# Two-word things no name list has ("tennis ball"); the names' own compounds come from the emoji and icon sets.
_SCENE_COMPOUNDS = word_set(
    """
    tennis_ball golf_ball beach_ball soccer_ball street_lamp traffic_light traffic_cone fire_hydrant stop_sign
    park_bench coffee_shop coffee_cup coffee_table picnic_table dining_table office_chair rocking_chair
    christmas_tree palm_tree pine_tree oak_tree teddy_bear hot_dog ice_cream ice_cube paper_plane paper_boat
    hot_air_balloon birthday_cake wine_glass water_bottle flower_pot potted_plant fire_truck police_car
    school_bus bus_stop sports_ball tennis_racket cell_phone hair_drier hair_dryer baseball_bat baseball_glove
    parking_meter computer_mouse
    """
)

SIZE_WORDS = word_set(
    """
    small tiny little big large huge giant gigantic enormous massive miniature mini medium tall short long wide narrow
    thin thick fat slim chubby oversized petite
    """
)
MATERIAL_WORDS = word_set(
    """
    wooden wood glass metal metallic steel iron plastic paper cardboard stone marble brick concrete leather wool
    woollen woolen cotton silk velvet denim ceramic porcelain clay bronze copper brass crystal rubber bamboo wicker
    straw fabric knitted felt lace linen granite timber
    """
)
# Words for a thing's look that are neither colour, size nor material: rendering styles, surfaces and states.
STYLE_WORDS = word_set(
    """
    cartoon realistic photorealistic vintage retro modern minimalist minimal flat 3d hand-drawn watercolor
    watercolour pixel pixelated low-poly sketchy cute kawaii futuristic rustic antique classic abstract geometric
    glowing shiny fluffy fuzzy furry striped spotted polka-dot checkered plaid floral smiling happy sad angry
    sleepy sleeping sitting standing running flying floating falling spinning dancing jumping walking swimming
    lit colorful colourful simple identical round square pointed curly lovely pretty beautiful festive sparkling
    twinkling shining fresh ripe juicy hot cold warm iced frosted lucky magic magical wild tropical friendly funny
    young old new elegant fancy plain cozy cosy rusty broken empty full open closed ornate decorative glossy matte
    transparent translucent neon glittery sparkly wet dry fierce majestic curious playful lazy tiny-looking giant-sized
    """
)

# CLDR emoji names that name a person doing something ("man running"), a face or a sign rather than a thing.
_EMOJI_FIRST_WORDS = frozenset(["man", "woman", "men", "women", "person", "people", "family", "couple", "kiss", "no"])
_EMOJI_LAST_WORDS = frozenset(["face", "symbol", "button", "arrow", "mark", "suit", "gesture", "sign", "hand", "hands"])
_EMOJI_KEPT = frozenset(["stop sign"])
_WORDS = re.compile(r"[a-z][a-z'-]*")


def attribute_kind(word: str) -> AttributeKind | None:
    """Which look a word names ('color', 'size', 'material', 'style'), or None when it names none."""
    lower = word.lower()
    if is_color_word(lower):
        return "color"
    if lower in SIZE_WORDS:
        return "size"
    if lower in MATERIAL_WORDS:
        return "material"
    return "style" if lower in STYLE_WORDS else None


def is_thing(noun: str) -> bool:
    """Whether a one-word noun (singular or plural) names a thing to draw."""
    lower = noun.lower()
    if lower in NOT_THINGS or singular(lower).lower() in NOT_THINGS:
        return False
    words = _vocabulary()[0]
    return lower in words or singular(lower).lower() in words


def is_not_thing(noun: str) -> bool:
    """Whether a noun is layout, document, canvas or abstract: never counted, whatever introduces it."""
    lower = noun.lower()
    return lower in NOT_THINGS or singular(lower).lower() in NOT_THINGS


def compound_thing(words: list[str]) -> str | None:
    """The class of two or three words that name one thing together ('ice creams' -> 'ice cream'), or None."""
    compounds = _vocabulary()[1]
    lowered = [w.lower() for w in words]
    name = " ".join([*lowered[:-1], singular(lowered[-1]).lower()])
    if name in compounds:
        return name
    return " ".join(lowered) if " ".join(lowered) in compounds else None


@functools.cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(one-word things, compound things), singular and lowercase, from the emoji names, the icon names and the
    scene nouns. Built once per process (a few tenths of a second)."""
    singles: set[str] = set(_SCENE_NOUNS)
    compounds = {compound.replace("_", " ") for compound in _SCENE_COMPOUNDS}
    for data in emoji.EMOJI_DATA.values():
        name = data["en"].strip(":")
        if "skin_tone" in name or name[:1].isupper():
            continue
        _add_name(name.replace("_", " ").replace("’", "'").lower().split(), singles, compounds, from_emoji=True)
    for name in icon_set().names:
        _add_name(name.split("-"), singles, compounds, from_emoji=False)
    return frozenset(singles - NOT_THINGS), frozenset(compounds)


def _add_name(words: list[str], singles: set[str], compounds: set[str], *, from_emoji: bool) -> None:
    if not all(_WORDS.fullmatch(w) for w in words) or len(words) > 3:
        return
    if len(words) == 1:
        one = singular(words[0]).lower()
        if words[0] not in NOT_THINGS and len(one) >= 3:
            singles.add(one)
        return
    name = " ".join(words)
    if from_emoji and name not in _EMOJI_KEPT:
        if words[0] in _EMOJI_FIRST_WORDS or words[-1] in _EMOJI_LAST_WORDS or is_color_word(words[0]):
            return
        if any(w in ("o'clock", "in", "with", "of", "on") for w in words):
            return
    compounds.add(" ".join([*words[:-1], singular(words[-1]).lower()]))
