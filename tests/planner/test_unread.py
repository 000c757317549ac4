"""The safety net under the reading: content-bearing words of a document brief that no reader took are left out
with a reason the user can act on, never dropped in silence; design talk, topics, prose, scenes and everything the
readers take are not.
"""

from __future__ import annotations

import pytest

from tessera.contract import Constraints
from tessera.planner import extract_constraints
from tessera.planner._unread import REASON
from tests.briefs import BRIEFS
from tests.test_kind_suite_commerce import CASES as COMMERCE_CASES
from tests.test_kind_suite_data import CASES as DATA_CASES
from tests.test_kind_suite_print import CASES as PRINT_CASES
from tests.test_structure_briefs import CASES as STRUCTURE_CASES
from tests.test_unquoted_suite import CASES as UNQUOTED_CASES


def _unread(reading: Constraints) -> list[str]:
    return [entry.clause for entry in reading.left_out if entry.reason == REASON]


@pytest.mark.parametrize(
    ("brief", "clauses"),
    [
        ("A sign for Joe's Pizza shop: open 7 days, slices $3", ["open 7 days", "slices $3"]),
        ("A wedding invitation for Anna & Tom, Villa Rosa, Saturday 3 PM", ["Villa Rosa"]),
        ("A certificate for Outstanding Performance", ["A certificate for Outstanding Performance"]),
        ("A flyer for a yard sale: Saturday 9 AM, 42 Elm Street, everything $1", ["42 Elm Street", "everything $1"]),
        ("A product page for the 'Aero' shoe: 3 colours to choose, 4.8 stars", ["4.8 stars"]),
        ("A label for 'Green Valley' olive oil, Italia, 2024 harvest", ["Italia", "2024 harvest"]),
    ],
)
def test_content_no_reader_took_is_left_out_with_a_reason(brief: str, clauses: list[str]) -> None:
    reading = extract_constraints(brief)
    assert _unread(reading) == clauses
    for entry in reading.left_out:
        assert entry.status == "not_planned"
        assert brief[entry.span[0] : entry.span[1]] == entry.clause


@pytest.mark.parametrize(
    "brief",
    [
        # Everything read.
        "A restaurant menu for 'Trattoria Sole' with Starters: Bruschetta €7, Burrata €11; Mains: Lasagne €15",
        "A wedding invitation card for Anna & Tom, Saturday 14 June 2025, 3 PM, Villa Rosa, Lake Como, elegant style",
        "A 'Summer Sale' banner: up to 50% off, 'Shop now' button",
        "A certificate of achievement presented to Maria Gonzalez for completing the Python Bootcamp, June 2025",
        "A login screen for the Nimbus app with username and password fields, a 'Log in' button",
        "A product page for the 'Aero' running shoe, $129, with a photo of the shoe and an 'Add to cart' button",
        "Infographic about coffee: 2.25 billion cups a day, 65% drink it at breakfast, 12 kg per person per year",
        "A birthday card for Mia",
        "A business card for Jane Doe, jane@acme.com, +1 555 010 0199, www.acme.com, minimal serif",
        "A business card for Jane Doe, Senior Designer, Acme Inc, jane@acme.com",
        # Design talk, sizes, layout counts and topics.
        "A poster, 1080x1080, 16:9, A4, 300 dpi",
        "A flyer: Vintage Style, Art Deco Look, Navy Background",
        "A poster with 2 cats and 3 dogs, 50% transparent background",
        "A slide deck about Q3 results",
        "A 24h fitness poster, bold",
        "A flyer, budget $500, cheerful",
        "A wine label for a 2019 Merlot",
        "Annual report cover 2024",
        "A poster for a 10 km charity run: 'Forest Run 2025'",
        "A banner for the Marketing team, 2 people shaking hands",
        "A card for Mom",
        "A card for Christmas",
        "A slide for the Modern app, dark theme",
        "Ein Plakat: 'Blue Note', Freitag 20 Uhr, Vintage-Stil",
        "Ein Plakat für ein Jazzkonzert im Stadtpark mit Freunden",
        # Prose sentences are not lists of facts.
        "A birthday card with the headline 'Happy 30th Birthday, Maya!'. She turns 30 in 2 days.",
        "A flyer: 'Readers Circle'. 5 minutes walk from the station.",
        # Scenes and briefs that name no document are never read.
        "A photo of Times Square at night, 3 taxis, 20% cloud cover",
        "Something for Anna, 3 versions",
    ],
)
def test_briefs_whose_content_is_read_or_is_no_content_leave_nothing_out(brief: str) -> None:
    assert _unread(extract_constraints(brief)) == []


_SUITE_BRIEFS = sorted(
    {
        *(case.brief for case in BRIEFS),
        *(case.brief for case in UNQUOTED_CASES),
        *(case.brief for case in COMMERCE_CASES.values()),
        *(case.brief for case in DATA_CASES.values()),
        *(case.brief for case in PRINT_CASES.values()),
        *(case.brief for case in STRUCTURE_CASES.values()),
    }
)


def test_no_brief_of_the_suites_leaves_anything_out() -> None:
    assert {brief: _unread(extract_constraints(brief)) for brief in _SUITE_BRIEFS} == {b: [] for b in _SUITE_BRIEFS}
