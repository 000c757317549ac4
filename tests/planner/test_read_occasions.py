"""A page for an event or an occasion that gives no words of its own is titled from what it is for; a brief with
its own title, or words that name no event, gets nothing added."""

from __future__ import annotations

import pytest

from tessera.contract import RequiredText
from tessera.planner import extract_constraints


def _titles(brief: str) -> list[str]:
    return [c.text for c in extract_constraints(brief).items if isinstance(c, RequiredText) and c.purpose == "title"]


@pytest.mark.parametrize(("brief", "titles"), [
    ("A birthday card for my mom's 60th birthday", ["Happy 60th Birthday"]),
    ("A birthday card for Mia", ["Happy Birthday"]),
    ("A 25th anniversary card for my parents", ["Happy 25th Anniversary"]),
    ("A Christmas card with a snowman", ["Merry Christmas"]),
    ("A thank-you card for Mom and Dad", ["Thank You"]),
    ("A happy birthday banner", ["Happy Birthday"]),
    ("A poster for the Berlin Marathon in September", ["Berlin Marathon"]),
    ("A poster for Coachella 2026", ["Coachella 2026"]),
    ("A poster for the 2026 FIFA World Cup final in New York with the date", ["2026 FIFA World Cup final"]),
    ("A flyer for Jazz Night at The Loft on Friday 8 PM", ["Jazz Night"]),
    # Its own title wins; words that name no event, or kinds that do not speak so, add nothing.
    ("A poster titled 'Hello' for the Berlin Marathon", ["Hello"]),
    ("A birthday card that reads 'Love you, Grandma'", []),
    ("A poster for the Friday market", []),
    ("A banner for the Marketing team, 2 people shaking hands", []),
    ("A poster for our bake sale on Friday", []),
    ("A slide for the Berlin Marathon", []),
    ("A photo of a birthday cake", []),
])  # fmt: skip
def test_a_page_is_titled_from_what_it_is_for_only_when_it_has_no_words(brief: str, titles: list[str]) -> None:
    assert _titles(brief) == titles


def test_the_title_points_at_the_words_it_came_from() -> None:
    brief = "A birthday card for my mom's 60th birthday"
    [title] = [c for c in extract_constraints(brief).items if isinstance(c, RequiredText)]
    assert (title.source.quote, title.quoted) == ("60th birthday", False)
