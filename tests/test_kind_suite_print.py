"""Print briefs through the real engine (rules planner, renderer, OCR verifier): posters, flyers, banners, signs,
business and greeting cards, certificates and icon sets in several languages and sizes. Each is read as its kind,
drawn by a print template with the structure asserted in `drawn` (facts after their icons, one button for the
call to action, icons by name), every string read back exactly and nothing left unplanned.

One engine renders them all in this process, as the structure-brief suite does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tessera.agents import Engine, RunOutcome, RunRequest, Settings
from tessera.contract import Canvas, DocumentKind
from tests.kind_suites import problems

pytestmark = pytest.mark.slow

POSTER, FLYER, BANNER, SIGN = (1024, 1536), (1240, 1754), (1920, 640), (1536, 1024)
SQUARE, WIDE, BUSINESS, GREETING, CERTIFICATE = (1024, 1024), (1536, 1024), (1050, 600), (1200, 1680), (1754, 1240)


@dataclass(frozen=True)
class Case:
    """A brief, its canvas and seed, and what the run must show: its kind, the strings drawn, the buttons and the
    icons (by name) in `drawn`."""

    brief: str
    canvas: tuple[int, int]
    kind: DocumentKind
    texts: list[str]
    buttons: int = 0
    icons: list[str] = field(default_factory=list)
    seed: int = 0


CASES: dict[str, Case] = {
    # posters
    "poster-event": Case(
        "A poster 'Spring Seed Swap' with 'Sunday 22 March', 'Elm Park Greenhouse', 'Free for everyone' and "
        "'Scan to register'",
        POSTER, "poster", ["Spring Seed Swap", "Sunday 22 March", "Scan to register"], 1, ["calendar", "ticket"],
    ),
    "poster-event-editorial": Case(
        "A poster 'Spring Seed Swap' with 'Sunday 22 March', 'Elm Park Greenhouse', 'Free for everyone' and "
        "'Scan to register'",
        POSTER, "poster", ["Spring Seed Swap", "Free for everyone", "Scan to register"], 1, ["calendar", "ticket"],
        seed=1,
    ),
    "poster-wide": Case(
        "A poster 'Open Studio' with 'Sat 14 June, 6 pm', 'Pier 4 Pavilion', '$10 entry', 'Book now' and "
        "'All ages welcome'",
        WIDE, "poster", ["Open Studio", "$10 entry", "All ages welcome", "Book now"], 1, ["calendar", "ticket"],
    ),
    "poster-jazz-unquoted": Case(
        "A jazz night poster: 'Blue Note Evening', Friday 8 PM, The Loft, tickets $15, vintage style",
        POSTER, "poster", ["Blue Note Evening"], 1, ["calendar", "map-pin"],
    ),
    "poster-de": Case(
        "Ein Plakat 'Sommerfest' mit 'Samstag, 12. Juli', 'Stadtpark Mitte', 'Eintritt frei' und 'Jetzt anmelden'",
        POSTER, "poster", ["Sommerfest", "Samstag, 12. Juli", "Jetzt anmelden"], 1, ["calendar", "ticket"],
    ),
    "poster-fr-portrait": Case(
        "Une affiche 'Nuit des Musées' avec 'Samedi 18 mai, 19h', 'Palais de Tokyo' et 'Entrée gratuite'",
        (1080, 1350), "poster", ["Nuit des Musées", "Palais de Tokyo", "Entrée gratuite"], 1, ["calendar"],
    ),
    "poster-es": Case(
        "Un cartel 'Feria del Libro' con 'Domingo 5 de mayo', 'Plaza Mayor' y 'Entrada libre'",
        POSTER, "poster", ["Feria del Libro", "Domingo 5 de mayo", "Entrada libre"], 1, ["calendar"],
    ),
    "poster-ja": Case(
        "ポスター「夏祭り」、「8月9日（土）18:00」、「みなと公園」",
        POSTER, "poster", ["夏祭り", "8月9日（土）18:00", "みなと公園"], 0, ["calendar"],
    ),
    "poster-zh": Case(
        "海报「春节灯会」，「2月14日至2月22日」，「人民公园」",
        POSTER, "poster", ["春节灯会", "2月14日至2月22日", "人民公园"], 0, ["calendar"],
    ),
    "poster-picture": Case(
        "A poster 'Harvest Festival' with 'October 12' and a photo of pumpkins",
        POSTER, "poster", ["Harvest Festival", "October 12"], 0, ["calendar"],
    ),
    # flyers
    "flyer-picture": Case(
        "A flyer for 'Green Valley' farmers market 'Fresh Saturdays' with 'Every Saturday 8am-1pm', "
        "'Market Square' and a photo of vegetables",
        FLYER, "flyer", ["Green Valley", "Every Saturday 8am-1pm", "Market Square"], 0, ["calendar"],
    ),
    "flyer-class": Case(
        "A flyer 'Yoga in the Park' with 'Tuesdays 7:00', 'Riverside Lawn', '$5 per class' and 'Bring a mat'",
        FLYER, "flyer", ["Yoga in the Park", "Tuesdays 7:00", "$5 per class", "Bring a mat"], 1, ["clock"],
    ),
    "flyer-bullets": Case(
        "A flyer 'Dog Walking Service' with bullets: daily walks, pet sitting, weekend care and 'Call 555-0199'",
        FLYER, "flyer", ["Dog Walking Service"], 0, [],
    ),
    # banners
    "banner-sale": Case(
        "A banner 'Summer Sale' with 'Up to 50% off everything' and 'Shop now'",
        BANNER, "banner", ["Summer Sale", "Up to 50% off everything", "Shop now"], 1,
    ),
    "banner-web": Case(
        "A web banner 'Northwind Analytics' with 'Data pipelines your whole team can trust' and 'Start free trial'",
        (1500, 500), "banner", ["Northwind Analytics", "Start free trial"], 1,
    ),
    "banner-de": Case(
        "Ein Banner 'Winterschlussverkauf' mit 'Bis zu 70% Rabatt' und 'Jetzt kaufen'",
        BANNER, "banner", ["Winterschlussverkauf", "Bis zu 70% Rabatt", "Jetzt kaufen"], 1, seed=1,
    ),
    "banner-ja": Case("バナー「新メニュー登場」、「期間限定」", (1200, 400), "banner", ["新メニュー登場", "期間限定"]),
    # signs
    "sign-parking": Case(
        "A sign 'No Parking' with 'Fire lane - vehicles will be towed'",
        SIGN, "sign", ["No Parking", "Fire lane - vehicles will be towed"],
    ),
    "sign-square-band": Case("A sign 'Wet Floor'", SQUARE, "sign", ["Wet Floor"], seed=1),
    "sign-fr": Case(
        "Un panneau 'Fermé' avec 'De retour à 14h'", SIGN, "sign", ["Fermé", "De retour à 14h"], 0, ["clock"]
    ),
    "sign-zh": Case("标牌「请勿吸烟」", SIGN, "sign", ["请勿吸烟"]),
    # cards
    "business-card": Case(
        "A business card for 'Dana Ruiz', 'Product Designer', 'dana@ruiz.studio', '+1 555 0134'",
        BUSINESS, "card", ["Dana Ruiz", "Product Designer", "dana@ruiz.studio", "+1 555 0134"], 0, ["mail", "phone"],
    ),
    "business-card-centred": Case(
        "A business card for 'Dana Ruiz', 'Product Designer', 'dana@ruiz.studio', '+1 555 0134'",
        BUSINESS, "card", ["Dana Ruiz", "dana@ruiz.studio"], 0, ["mail", "phone"], seed=1,
    ),
    "business-card-de": Case(
        "Eine Visitenkarte für 'Jonas Weber', 'Architekt', 'jonas@weber-bau.de', '+49 30 1234567'",
        BUSINESS, "card", ["Jonas Weber", "Architekt", "jonas@weber-bau.de"], 0, ["mail", "phone"],
    ),
    "birthday-card": Case(
        "A birthday card 'Happy Birthday, Mia!' with 'Wishing you a wonderful year' from 'Love, Grandma'",
        GREETING, "card", ["Happy Birthday, Mia!", "Wishing you a wonderful year", "Love, Grandma"],
    ),
    "birthday-card-es": Case(
        "Una tarjeta de cumpleaños '¡Feliz cumpleaños, Lucía!' con 'Que todos tus deseos se cumplan'",
        GREETING, "card", ["¡Feliz cumpleaños, Lucía!", "Que todos tus deseos se cumplan"],
    ),
    "thank-you-postcard": Case(
        "A thank you card 'Thank you!' with 'for making our day so special' and 'Anna & Tom'",
        (1800, 1200), "card", ["Thank you!", "Anna & Tom"],
    ),
    # certificates
    "certificate": Case(
        "A certificate of completion for 'Maria Chen' titled 'Certificate of Excellence', signed 'Dr. Alan Ford', "
        "dated 'June 3, 2025'",
        CERTIFICATE, "certificate", ["Certificate of Excellence", "Maria Chen", "Dr. Alan Ford", "June 3, 2025"],
    ),
    "certificate-modern": Case(
        "A certificate of completion for 'Maria Chen' titled 'Certificate of Excellence', signed 'Dr. Alan Ford', "
        "dated 'June 3, 2025'",
        CERTIFICATE, "certificate", ["Maria Chen", "June 3, 2025"], 0, ["award"], seed=1,
    ),
    "certificate-portrait": Case(
        "A certificate 'Award of Merit' for 'Sam Lee' with 'for outstanding volunteer service'",
        (1240, 1754), "certificate", ["Award of Merit", "Sam Lee", "for outstanding volunteer service"],
    ),
    "certificate-de": Case(
        "Eine Urkunde 'Zertifikat' für 'Lena Schmidt' mit 'für die erfolgreiche Teilnahme am Kurs'",
        CERTIFICATE, "certificate", ["Zertifikat", "Lena Schmidt"],
    ),
    "certificate-ja": Case("賞状「優秀賞」「山田 太郎」", CERTIFICATE, "certificate", ["優秀賞", "山田 太郎"]),
    # icon sets
    "icon-set": Case(
        "an icon set of 6 icons: home, search, settings, user, bell, mail",
        SQUARE, "icon_set", [], 0, ["bell", "home", "mail", "search", "settings", "user"],
    ),
    "icon-set-sheet": Case(
        "an icon set of 6 icons: home, search, settings, user, bell, mail",
        SQUARE, "icon_set", [], 0, ["bell", "home", "mail", "search", "settings", "user"], seed=1,
    ),
    "icon-set-labelled": Case(
        "an icon set of 8 labelled icons: home, search, heart, star, camera, lock, trash, calendar",
        SQUARE, "icon_set", ["home", "search", "camera", "calendar"], 0,
        ["calendar", "camera", "heart", "home", "lock", "search", "star", "trash"],
    ),
    "icon-set-wide": Case(
        "an icon set of 4 icons: calendar, clock, map-pin, phone",
        (1600, 900), "icon_set", [], 0, ["calendar", "clock", "map-pin", "phone"],
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(Settings(home=tmp_path_factory.mktemp("print")))
    yield engine
    engine.close()


def _run(engine: Engine, case: Case) -> RunOutcome:
    width, height = case.canvas
    request = RunRequest(
        brief=case.brief, canvas=Canvas(width=width, height=height), planner="rules", effort="low", seed=case.seed
    )
    return engine.generate(request)


@pytest.mark.parametrize("name", list(CASES))
def test_a_print_brief_is_drawn_by_its_template_and_every_check_passes(engine: Engine, name: str) -> None:
    case = CASES[name]
    outcome = _run(engine, case)
    assert problems(outcome) == []
    assert outcome.passed
    assert outcome.document == case.kind
    drawn_texts = {part.text for part in outcome.drawn if part.kind == "text"}
    assert set(case.texts) <= drawn_texts
    kinds = Counter(part.kind for part in outcome.drawn)
    assert kinds["button"] == case.buttons
    icons = sorted(part.name or "" for part in outcome.drawn if part.kind == "icon")
    assert icons == case.icons


def test_the_seed_varies_the_design_of_a_print_brief(engine: Engine) -> None:
    first, second = CASES["poster-event"], CASES["poster-event-editorial"]
    assert _run(engine, first).plan.rationale != _run(engine, second).plan.rationale
