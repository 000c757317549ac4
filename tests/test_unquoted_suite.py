"""The unquoted-text suite, end to end with the real parts: text a brief gives without quotation marks ("Title:",
"Author list:", "a sign that reads ...", "... is written on the banner", "labelled", "says", in several languages)
is read exactly, set in the plan, drawn, and read back exactly by the verifier's OCR.

One engine runs every brief in this process, with the model-free rules planner.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tessera.agents import Engine, RunRequest, Settings
from tessera.contract import RequiredText, TextElement
from tessera.planner import extract_constraints

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class UnquotedCase:
    """A brief, the exact strings it asks to set (none quoted), and the plan role of some of them."""

    name: str
    brief: str
    texts: list[str]
    roles: dict[str, str] = field(default_factory=dict)


CASES: list[UnquotedCase] = [
    UnquotedCase(
        "paper-cats",
        "The first page of a research paper. Title: Deep Learning for Cats. Author list: A. Smith, B. Jones. "
        "Abstract: We train a network to recognise cats in photographs. It reaches 97% accuracy on a new benchmark.",
        [
            "Deep Learning for Cats",
            "A. Smith, B. Jones",
            "We train a network to recognise cats in photographs. It reaches 97% accuracy on a new benchmark.",
        ],
        {"Deep Learning for Cats": "title", "A. Smith, B. Jones": "body"},
    ),
    UnquotedCase(
        "paper-attention",
        "First page of an academic paper. Title: Sparse Attention at Scale. Authors: Maria Lopez, Wei Chen. "
        "Affiliation: University of Leeds. Abstract: We show that sparse attention matches dense attention on long "
        "documents.",
        [
            "Sparse Attention at Scale",
            "Maria Lopez, Wei Chen",
            "University of Leeds",
            "We show that sparse attention matches dense attention on long documents",
        ],
        {"Sparse Attention at Scale": "title"},
    ),
    UnquotedCase(
        "thesis-title-page",
        "The title page of a thesis. Title: Tidal Energy in Small Harbours. Author: Jonas Berg. Date: May 2025.",
        ["Tidal Energy in Small Harbours", "Jonas Berg", "May 2025"],
        {"Tidal Energy in Small Harbours": "title", "May 2025": "footer"},
    ),
    UnquotedCase(
        "paper-keywords",
        "A conference paper first page. Title: Graphs All the Way Down. Authors: K. Ito and L. Park. "
        "Keywords: graph networks, scaling laws.",
        ["Graphs All the Way Down", "K. Ito and L. Park", "graph networks, scaling laws"],
    ),
    UnquotedCase("neon-sign", "A neon sign that reads OPEN LATE in pink on a dark wall.", ["OPEN LATE"]),
    UnquotedCase(
        "farm-sign", "A wooden sign that says Fresh Eggs for Sale, hanging on a fence.", ["Fresh Eggs for Sale"]
    ),
    UnquotedCase("street-sign", "A street sign reads Maple Avenue.", ["Maple Avenue"]),
    UnquotedCase("shop-sign", "A shop sign reading Books and Coffee above a green door.", ["Books and Coffee"]),
    UnquotedCase("banner-written", "Happy Birthday Anna is written on the banner.", ["Happy Birthday Anna"]),
    UnquotedCase("cake-written", "A cake with Happy Birthday Leo written on it in blue icing.", ["Happy Birthday Leo"]),
    UnquotedCase("chalkboard", "A chalkboard that says Soup of the Day: Tomato.", ["Soup of the Day: Tomato"]),
    UnquotedCase("no-parking", "A sign saying No Parking Here, white letters on red.", ["No Parking Here"]),
    UnquotedCase("t-shirt", "A t-shirt with the words Stay Curious printed on the front.", ["Stay Curious"]),
    UnquotedCase(
        "caption-lake",
        "A poster with a lake at dawn and the caption Morning at Lake Louise.",
        ["Morning at Lake Louise"],
        {"Morning at Lake Louise": "body"},
    ),
    UnquotedCase("caption-label", "Caption: Our team at the 2024 summit.", ["Our team at the 2024 summit"]),
    UnquotedCase(
        "pantry-labels", "A pantry shelf with a jar labelled Sugar and a tin labelled Flour.", ["Sugar", "Flour"]
    ),
    UnquotedCase(
        "button-label",
        "A pricing card with a button labeled Sign Up Free on a white background.",
        ["Sign Up Free"],
        {"Sign Up Free": "label"},
    ),
    UnquotedCase(
        "honey-label",
        "A product label. Title: Wildflower Honey. Label: Net weight 250 g.",
        ["Wildflower Honey", "Net weight 250 g"],
        {"Wildflower Honey": "title", "Net weight 250 g": "label"},
    ),
    UnquotedCase("speech-bubble", "A speech bubble saying Hello there!", ["Hello there!"]),
    UnquotedCase("mug", "A mug that says World's Best Teacher.", ["World's Best Teacher"]),
    UnquotedCase(
        "should-read",
        "The headline should read Grand Opening. The subtitle should read Saturday at Ten.",
        ["Grand Opening", "Saturday at Ten"],
        {"Grand Opening": "title", "Saturday at Ten": "subtitle"},
    ),
    UnquotedCase(
        "poster-titled",
        "A poster titled Dancing in the Rain with a blue background.",
        ["Dancing in the Rain"],
        {"Dancing in the Rain": "title"},
    ),
    UnquotedCase(
        "slide-titled",
        "A slide titled Quarterly Results, with the subtitle Revenue up 24 percent.",
        ["Quarterly Results", "Revenue up 24 percent"],
        {"Quarterly Results": "title", "Revenue up 24 percent": "subtitle"},
    ),
    UnquotedCase(
        "sale-labels",
        "Poster. Headline: Summer Sale. Subheading: Up to 50% off. Button: Shop now. Footer: Valid until June 30.",
        ["Summer Sale", "Up to 50% off", "Shop now", "Valid until June 30"],
        {"Summer Sale": "title", "Up to 50% off": "subtitle", "Shop now": "label", "Valid until June 30": "footer"},
    ),
    UnquotedCase("tagline", "A flyer for a cafe. Tagline: Good coffee, good people.", ["Good coffee, good people"]),
    UnquotedCase(
        "german-poster",
        "Ein Plakat. Titel: Sommerfest im Park. Untertitel: Samstag ab 14 Uhr.",
        ["Sommerfest im Park", "Samstag ab 14 Uhr"],
        {"Sommerfest im Park": "title"},
    ),
    UnquotedCase("german-sign", "Ein Schild mit der Aufschrift Bitte nicht stören.", ["Bitte nicht stören"]),
    UnquotedCase(
        "french-poster",
        "Une affiche. Titre : Fête de la Musique. Sous-titre : Le 21 juin à Lyon.",
        ["Fête de la Musique", "Le 21 juin à Lyon"],
        {"Fête de la Musique": "title"},
    ),
    UnquotedCase("french-sign", "Un panneau qui dit Bienvenue à Paris, sur un mur blanc.", ["Bienvenue à Paris"]),
    UnquotedCase("spanish-sign", "Un letrero que dice Abierto todo el día.", ["Abierto todo el día"]),
    UnquotedCase(
        "spanish-poster",
        "Un cartel. Título: Noche de Tapas. Subtítulo: Viernes a las nueve.",
        ["Noche de Tapas", "Viernes a las nueve"],
    ),
    UnquotedCase(
        "italian-poster",
        "Titolo: La Dolce Vita. Sottotitolo: Cinema sotto le stelle.",
        ["La Dolce Vita", "Cinema sotto le stelle"],
    ),
    UnquotedCase(
        "chinese-paper",
        "\u8bba\u6587\u9996\u9875\u3002\u6807\u9898\uff1a\u6df1\u5ea6\u5b66\u4e60\u5165\u95e8\u3002"
        "\u4f5c\u8005\uff1a\u5f20\u4e09\u3002\u6458\u8981\uff1a\u672c\u6587\u4ecb\u7ecd\u4e00\u79cd\u65b0\u7684"
        "\u56fe\u50cf\u8bc6\u522b\u65b9\u6cd5\u3002",
        [
            "\u6df1\u5ea6\u5b66\u4e60\u5165\u95e8",
            "\u5f20\u4e09",
            "\u672c\u6587\u4ecb\u7ecd\u4e00\u79cd\u65b0\u7684\u56fe\u50cf\u8bc6\u522b\u65b9\u6cd5",
        ],
        {"\u6df1\u5ea6\u5b66\u4e60\u5165\u95e8": "title"},
    ),
    UnquotedCase(
        "chinese-sign",
        "\u4e00\u4e2a\u5199\u7740\u6b22\u8fce\u5149\u4e34\u7684\u62db\u724c",
        ["\u6b22\u8fce\u5149\u4e34"],
    ),
    UnquotedCase(
        "japanese-poster",
        "\u30dd\u30b9\u30bf\u30fc\u3002\u30bf\u30a4\u30c8\u30eb\uff1a\u590f\u796d\u308a\u3002"
        "\u65e5\u4ed8\uff1a8\u670810\u65e5\u3002",
        ["\u590f\u796d\u308a", "8\u670810\u65e5"],
        {"\u590f\u796d\u308a": "title"},
    ),
    UnquotedCase(
        "japanese-sign", "\u55b6\u696d\u4e2d\u3068\u66f8\u304b\u308c\u305f\u770b\u677f", ["\u55b6\u696d\u4e2d"]
    ),
    UnquotedCase(
        "korean-poster",
        "\ud3ec\uc2a4\ud130. \uc81c\ubaa9: \uc5ec\ub984 \ucd95\uc81c. \ub0a0\uc9dc: 8\uc6d4 10\uc77c",
        ["\uc5ec\ub984 \ucd95\uc81c", "8\uc6d4 10\uc77c"],
    ),
]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = Engine(Settings(home=tmp_path_factory.mktemp("unquoted")))
    yield engine
    engine.close()


def test_the_suite_covers_thirty_briefs_in_four_scripts() -> None:
    scripts = {c.script for case in CASES for c in extract_constraints(case.brief).items if isinstance(c, RequiredText)}
    assert len(CASES) >= 30
    assert scripts == {"latin", "han", "kana", "hangul"}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_unquoted_text_is_read_set_drawn_and_read_back_exactly(engine: Engine, case: UnquotedCase) -> None:
    read = [c for c in extract_constraints(case.brief).items if isinstance(c, RequiredText)]
    assert [t.text for t in read] == case.texts
    assert not any(t.quoted for t in read)

    outcome = engine.generate(RunRequest(brief=case.brief, planner="rules"))
    planned = {e.text: e for e in outcome.plan.elements if isinstance(e, TextElement)}
    drawn = {part.text for part in outcome.drawn if part.kind == "text"}
    checks = [c for c in outcome.report.checks if c.kind == "text"]
    for text in case.texts:
        assert text in planned, f"{text!r} is not in the plan: {sorted(planned)}"
        assert text in drawn, f"{text!r} was not drawn: {sorted(t for t in drawn if t)}"
        check = next((c for c in checks if repr(text) in c.expected), None)
        assert check is not None, f"no text check for {text!r}: {[c.expected for c in checks]}"
        assert check.passed, f"{text!r}: OCR read {check.measured!r} ({check.evidence})"
    for text, role in case.roles.items():
        # a design template sets small print as a caption or a footer alike: both are the smallest step
        allowed = {"footer", "caption"} if role == "footer" else {role}
        assert planned[text].role in allowed, f"{text!r} is set as {planned[text].role}, not {role}"
