"""Reading text a brief asks to set without quotation marks: the cue words, where each text ends, its role and the
thing it is written on, in several languages, and the words that are not text."""

from __future__ import annotations

import time

import pytest

from tessera.contract import BriefError, RequiredCount, RequiredText
from tessera.planner import extract_constraints
from tessera.planner._extract import text_roles


def _texts(brief: str) -> list[RequiredText]:
    return [c for c in extract_constraints(brief).items if isinstance(c, RequiredText)]


def _strings(brief: str) -> list[str]:
    return [t.text for t in _texts(brief)]


def test_a_paper_first_page_sets_title_authors_and_abstract() -> None:
    brief = (
        "The first page of a research paper. Title: Deep Learning for Cats. Author list: A. Smith, B. Jones. "
        "Abstract: We train a network to find cats. It works on 97% of photos. Use a white background."
    )
    texts = _texts(brief)
    assert [(t.text, t.role, t.quoted) for t in texts] == [
        ("Deep Learning for Cats", "title", False),
        ("A. Smith, B. Jones", "body", False),
        ("We train a network to find cats. It works on 97% of photos.", "body", False),
    ]


@pytest.mark.parametrize(
    ("brief", "text"),
    [
        ("Text: Hello World. Blue background.", "Hello World"),
        ("Abstract: We use background subtraction on long videos. It works. Serif font.",
         "We use background subtraction on long videos. It works."),
        ("Quote: Stay hungry, stay foolish. \u2014 Steve Jobs", "Stay hungry, stay foolish. \u2014 Steve Jobs"),
        ("Message: Happy holidays from all of us. Add a few snowflakes.", "Happy holidays from all of us"),
    ],
)  # fmt: skip
def test_prose_runs_over_its_sentences_until_a_note_on_the_design(brief: str, text: str) -> None:
    assert _strings(brief) == [text]


def test_each_text_points_at_its_cue_and_words() -> None:
    brief = "Title: Deep Learning for Cats. Author list: A. Smith, B. Jones"
    first, second = _texts(brief)
    assert first.source.quote == "Title: Deep Learning for Cats"
    assert second.source.quote == "Author list: A. Smith, B. Jones"
    assert [first.id, second.id] == ["text-1", "text-2"]


@pytest.mark.parametrize(
    ("brief", "text", "role"),
    [
        ("Title: Deep Learning for Cats", "Deep Learning for Cats", "title"),
        ("Headline: Summer Sale.", "Summer Sale", "title"),
        ("Subtitle: A field guide", "A field guide", "subtitle"),
        ("Tagline: Fast, simple, free.", "Fast, simple, free", "subtitle"),
        ("Caption: Sunset over Lake Tahoe, 2023.", "Sunset over Lake Tahoe, 2023", "caption"),
        ("Footer: Valid until June 30.", "Valid until June 30", "footer"),
        ("Date: Saturday, May 5, 2025", "Saturday, May 5, 2025", "footer"),
        ("Button: Shop now", "Shop now", "label"),
        ("Price: $20", "$20", "price"),
        ("The title should be: Space Odyssey", "Space Odyssey", "title"),
        ("Slide title: Our Roadmap", "Our Roadmap", "title"),
        ("Authors: Jane Doe, John Q. Public. Use serif type.", "Jane Doe, John Q. Public", "body"),
        ("Sign: Keep Out", "Keep Out", "title"),
        ("Footer: \u00a9 2025 Acme Inc. Use blue.", "\u00a9 2025 Acme Inc.", "footer"),
        ("Job title: Senior Designer", "Senior Designer", "subtitle"),
        ("Brand name: Acme", "Acme", "title"),
    ],
)
def test_a_label_and_colon_introduce_a_text_with_its_role(brief: str, text: str, role: str) -> None:
    (found,) = _texts(brief)
    assert (found.text, found.role, found.quoted) == (text, role, False)


@pytest.mark.parametrize(
    ("brief", "text"),
    [
        ("Titel: Maschinelles Lernen. Autoren: Max Mustermann", "Maschinelles Lernen"),
        ("Titre : Les Chats du Quartier.", "Les Chats du Quartier"),
        ("Título: Noche de Tapas.", "Noche de Tapas"),
        ("Titolo: La Dolce Vita.", "La Dolce Vita"),
        ("Título: Festa Junina.", "Festa Junina"),
        ("\u6807\u9898\uff1a\u6df1\u5ea6\u5b66\u4e60\u5165\u95e8\u3002", "\u6df1\u5ea6\u5b66\u4e60\u5165\u95e8"),
        ("\u30bf\u30a4\u30c8\u30eb\uff1a\u590f\u796d\u308a\u3002", "\u590f\u796d\u308a"),
        ("\uc81c\ubaa9: \uc5ec\ub984 \ucd95\uc81c", "\uc5ec\ub984 \ucd95\uc81c"),
    ],
)
def test_title_labels_in_other_languages(brief: str, text: str) -> None:
    first = _texts(brief)[0]
    assert (first.text, first.role) == (text, "title")


def test_a_chinese_paper_page_sets_title_authors_and_abstract_in_han() -> None:
    brief = "\u6807\u9898\uff1a\u6df1\u5ea6\u5b66\u4e60\u5165\u95e8\u3002\u4f5c\u8005\uff1a\u5f20\u4e09\u3002"
    texts = _texts(brief)
    assert [(t.text, t.role, t.script) for t in texts] == [
        ("\u6df1\u5ea6\u5b66\u4e60\u5165\u95e8", "title", "han"),
        ("\u5f20\u4e09", "body", "han"),
    ]


@pytest.mark.parametrize(
    ("brief", "text", "carrier"),
    [
        ("a sign that says hello", "hello", "sign"),
        ("A neon sign that reads OPEN in red letters on a brick wall.", "OPEN", "sign"),
        ("A chalkboard reads Today's Special: Pumpkin Latte.", "Today's Special: Pumpkin Latte", "chalkboard"),
        ("A banner reading Happy New Year above the door.", "Happy New Year", "banner"),
        ("A speech bubble saying Hi there!", "Hi there!", "bubble"),
        ("A mug that says World's Best Dad.", "World's Best Dad", "mug"),
        ("A street sign says Main St.", "Main St", "sign"),
        ("Happy Birthday Anna is written on the banner.", "Happy Birthday Anna", "banner"),
        ("The words Gone Fishing are painted on the door.", "Gone Fishing", "door"),
        ("A wooden sign; written on it is Welcome Home.", "Welcome Home", "sign"),
        ("a cake with Happy Birthday written on it", "Happy Birthday", "cake"),
        ("A t-shirt with the words I Love NY printed on the front", "I Love NY", "t-shirt"),
        ("a jar labelled Sugar", "Sugar", "jar"),
        ("Ein Schild mit der Aufschrift Kein Zutritt.", "Kein Zutritt", "schild"),
        ("Un panneau qui dit Bienvenue à Paris, sur un mur.", "Bienvenue à Paris", "panneau"),
        ("Un letrero que dice Abierto todo el día.", "Abierto todo el día", "letrero"),
        ("OPEN\u3068\u66f8\u304b\u308c\u305f\u770b\u677f", "OPEN", "\u770b\u677f"),
        ("\ub098\ubb34 \uac04\ud310\uc5d0 \ud658\uc601\ud569\ub2c8\ub2e4\ub77c\uace0 \uc801\ud78c \uac04\ud310",
         "\ud658\uc601\ud569\ub2c8\ub2e4", "\uac04\ud310"),
    ],
)  # fmt: skip
def test_text_written_on_a_thing_names_the_thing(brief: str, text: str, carrier: str) -> None:
    (found,) = _texts(brief)
    assert (found.text, found.carrier, found.quoted) == (text, carrier, False)


@pytest.mark.parametrize(
    ("brief", "text", "role"),
    [
        ("A poster titled Dancing in the Rain", "Dancing in the Rain", "title"),
        ("A slide titled Quarterly Results with a bar chart", "Quarterly Results", "title"),
        ("A movie poster entitled The Last Stand, dark and moody", "The Last Stand", "title"),
        ("A bakery called Sweet Crumbs, with a cupcake.", "Sweet Crumbs", "title"),
        ("A poster with the headline Grand Opening and a red ribbon", "Grand Opening", "title"),
        ("A photo with the caption Sunset over the bay", "Sunset over the bay", "caption"),
        ("The headline should read Grand Opening.", "Grand Opening", "title"),
        ("A meme with the text When you forget your password", "When you forget your password", "title"),
        ("\u4e00\u4e2a\u5199\u7740\u6b22\u8fce\u5149\u4e34\u7684\u62db\u724c", "\u6b22\u8fce\u5149\u4e34", "title"),
    ],
)
def test_inline_cues_set_the_words_up_to_where_the_brief_goes_on(brief: str, text: str, role: str) -> None:
    (found,) = _texts(brief)
    assert (found.text, found.role) == (text, role)


def test_the_date_after_the_headline_is_its_own_text() -> None:
    brief = "A poster with the headline Grand Opening and the date May 5 at the bottom."
    assert [(t.text, t.role) for t in _texts(brief)] == [("Grand Opening", "title"), ("May 5", "footer")]


@pytest.mark.parametrize(
    "brief",
    [
        "the title should be large",
        "a poster titled with bold type",
        "Make the title bigger. The caption should be centered.",
        "A poster with a title, subtitle and date",
        "Create a slide with the title and a chart",
        "A girl reading a book under a tree.",
        "a cat named Tom",
        "My client says the logo should be blue.",
        "A title slide for my talk",
        "Three bullet points: fast setup, no code, free trial",
        "Labels: Small, Medium, Large",
        "Colors: navy and gold. Style: minimal.",
        "A 16:9 image of a lake at 10:30 am",
        "A holiday sale banner: headline and a button",
        "Font name: Inter. Logo position: top right.",
        "Landing page. Header: logo left, nav links right.",
        "Headings: Intro, Methods, Results",
        "See https://example.com for details",
        "A notification settings card with labelled toggles and a checkbox list",
        "A business review slide with a title, bullet points and a labelled bar chart of revenue by region",
    ],
)
def test_words_that_only_talk_about_text_set_none(brief: str) -> None:
    assert _strings(brief) == []


@pytest.mark.parametrize(
    ("brief", "text"),
    [
        ("Title: 'Quoted Title'", "Quoted Title"),
        ("A poster titled 'Quoted Title'", "Quoted Title"),
        ("A sign that reads \u201cQuoted Title\u201d.", "Quoted Title"),
    ],
)
def test_a_cue_followed_by_a_quotation_is_the_quotations_text_once(brief: str, text: str) -> None:
    (found,) = _texts(brief)
    assert (found.text, found.quoted) == (text, True)


def test_quoted_texts_carry_the_role_the_brief_gives_them() -> None:
    texts = _texts("A poster with the headline 'SALE', the subtitle 'Today only' and the footer 'Shop 12'.")
    assert [(t.text, t.role, t.quoted) for t in texts] == [
        ("SALE", "title", True),
        ("Today only", "subtitle", True),
        ("Shop 12", "footer", True),
    ]


def test_quoted_and_unquoted_texts_are_numbered_in_brief_order() -> None:
    texts = _texts("Title: Deep Learning for Cats. Then 'Draft v2' at the bottom.")
    assert [(t.id, t.text, t.quoted) for t in texts] == [
        ("text-1", "Deep Learning for Cats", False),
        ("text-2", "Draft v2", True),
    ]


def test_unquoted_text_is_masked_before_things_are_counted() -> None:
    constraints = extract_constraints("Title: Five Apples. Author list: Two Cats")
    assert [c for c in constraints.items if isinstance(c, RequiredCount)] == []
    assert [c.text for c in constraints.items if isinstance(c, RequiredText)] == ["Five Apples", "Two Cats"]


def test_the_rules_planner_sets_a_title_as_the_headline_and_authors_as_body() -> None:
    constraints = extract_constraints("Author list: A. Smith. Title: Deep Learning for Cats.")
    assert text_roles(constraints) == {"A. Smith": "body", "Deep Learning for Cats": "headline"}


def test_a_long_abstract_is_split_between_sentences_into_texts_a_plan_can_carry() -> None:
    sentence = "We measure how often cats sit in boxes across many homes and seasons of the year. "
    texts = _texts("Abstract: " + sentence * 9)
    assert len(texts) == 2
    assert all(len(t.text) <= 500 and t.role == "body" for t in texts)
    assert " ".join(t.text for t in texts) == (sentence * 9).strip()


def test_more_texts_than_a_plan_carries_is_a_brief_error_that_says_how_many() -> None:
    brief = " ".join(f"Caption: Photo number {n}." for n in range(31))
    with pytest.raises(BriefError, match="31 texts"):
        extract_constraints(brief)


def test_a_brief_of_the_longest_size_is_read_quickly() -> None:
    brief = (
        "Title: Deep Learning. The headline should read Grand Opening, in bold. Caption: Sunset over the bay. " * 100
    )
    started = time.perf_counter()
    extract_constraints(brief[:10_000])
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("brief", "text"),
    [
        ("a red mug that says Hello next to a laptop", "Hello"),
        ("A sign that reads FRESH LEMONADE next to a tree", "FRESH LEMONADE"),
        ("A card that says See you next year", "See you next year"),
    ],
)
def test_a_text_stops_where_next_to_relates_its_thing_to_another(brief: str, text: str) -> None:
    assert [c.text for c in extract_constraints(brief).items if isinstance(c, RequiredText)] == [text]
