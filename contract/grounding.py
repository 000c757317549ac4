"""Web grounding: the facts a brief needs and does not give, found by a web search and kept with their sources.

A `Grounder` decides whether a brief needs grounding (it asks for current or factual content it does not give:
a venue, a date, figures, a ranking, "the latest", "this year's"; at effort high also facts about the real-world
entities it names), writes the queries, runs them through a `SearchProvider` and picks **facts**. Search results
are untrusted data: what a grounding step can return is this module's types and nothing else, and a `Fact` is a
short string that must occur in its source's snippet (up to normalisation), with where it came from. No size,
format, canvas, file, tool call, element count or style can come out of a result; the graph turns facts into the
texts the brief asked for (`RequiredText`, `quoted=False`, pointing at the brief's words that asked), and the plan
records every fact it uses with its source (`LayoutPlan.sources`).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, Protocol

from pydantic import Field, model_validator

from tessera.contract.plan import Effort, ElementId, _Model
from tessera.contract.planning import ModelCall
from tessera.contract.reading import Constraints, SourceSpan, TextPurpose

MAX_QUERIES = 4
MAX_RESULTS_PER_QUERY = 10
MAX_FACTS = 12
MAX_FACT_CHARS = 160

SearchProviderName = Literal["ddgs", "fixture", "off"]
FactSlot = Literal["date", "place", "number", "name", "text"]
"""What a fact is: a date or time, a place or venue, a figure, a name (a person, team, product, release), or
another short text the brief asked for."""

TimeLimit = Literal["d", "w", "m", "y"]


def normalized(text: str) -> str:
    """Text as facts are compared with their snippets: NFKC, case-folded, dashes and quotes made plain, runs of
    white space and punctuation between words made one space."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u2018\u2019\u201a\u201b`]", "'", text)
    text = re.sub(r"[\u201c\u201d\u201e\u201f]", '"', text)
    return re.sub(r"[\s,;:]+", " ", text).strip(" .")


class SearchOptions(_Model):
    """How one query is searched."""

    max_results: int = Field(default=5, ge=1, le=MAX_RESULTS_PER_QUERY)
    region: str = Field(default="wt-wt", max_length=12, description="ddgs region, e.g. 'us-en', 'de-de'; wt-wt: any")
    timelimit: TimeLimit | None = Field(default=None, description="only pages of the last day, week, month or year")
    timeout_s: float = Field(default=8.0, gt=0, le=60)


class SearchResult(_Model):
    """One web result as the search returned it: untrusted text, never an instruction."""

    title: str = Field(default="", max_length=400)
    url: str = Field(min_length=1, max_length=2000)
    snippet: str = Field(default="", max_length=2000)


class SearchProvider(Protocol):
    """Runs a web search. Raises `SearchError` (its `reason` says why) when it cannot; an empty list is a search
    that found nothing."""

    name: str

    def search(self, query: str, options: SearchOptions) -> list[SearchResult]:
        """Up to `options.max_results` results for `query`, best first."""
        ...


class FactAsk(_Model):
    """Something the brief asks for without giving it ("with the venue and date", "the five largest countries by
    population"): what kind of fact, about what, and the words that asked."""

    slot: FactSlot
    subject: str = Field(min_length=1, max_length=200, description="what the fact is about, in the brief's words")
    purpose: TextPurpose | None = Field(default=None, description="where the fact goes on the page (date, venue...)")
    count: int = Field(default=1, ge=1, le=MAX_FACTS, description="how many facts of this kind ('the five largest')")
    source: SourceSpan


class SearchRun(_Model):
    """One query sent, and what came back (or why nothing did)."""

    query: str = Field(min_length=1, max_length=300)
    results: list[SearchResult] = Field(default_factory=list, max_length=MAX_RESULTS_PER_QUERY)
    error: str | None = Field(default=None, max_length=300, description="why the search failed, when it did")
    cached: bool = Field(default=False, description="answered from the search cache under TESSERA_HOME")
    seconds: float = 0.0


class Fact(_Model):
    """A short string taken verbatim (up to `normalized`) from one result's snippet, and where it came from."""

    slot: FactSlot
    text: str = Field(min_length=1, max_length=MAX_FACT_CHARS)
    url: str = Field(min_length=1, max_length=2000)
    snippet: str = Field(min_length=1, max_length=2000, description="the result's snippet the fact was taken from")
    query: str = Field(min_length=1, max_length=300)
    ask: int = Field(ge=0, description="the index of the FactAsk it answers, in Grounding.asks")
    label: str | None = Field(
        default=None, max_length=MAX_FACT_CHARS, description="what a figure is of, for ranked facts ('India')"
    )
    fills: ElementId | None = Field(default=None, description="the id of the RequiredText the fact became")

    @model_validator(mode="after")
    def _found_in_its_snippet(self) -> Fact:
        for words in (self.text, self.label):
            if words is not None and normalized(words) not in normalized(self.snippet):
                raise ValueError(f"{words!r} does not occur in its snippet; a fact is quoted from its source")
        return self


class Grounding(_Model):
    """What the `ground` step decided and found: whether the brief needed facts, the queries and their results,
    the facts chosen, and who chose them."""

    needed: bool
    reason: str = Field(max_length=300, description="why grounding ran or was skipped, one sentence")
    provider: str = Field(default="off", max_length=80, description="the search provider's name")
    chooser: str = Field(default="rules", max_length=120, description="'rules' or the model that chose the facts")
    asks: list[FactAsk] = Field(default_factory=list, max_length=MAX_FACTS)
    searches: list[SearchRun] = Field(default_factory=list, max_length=MAX_QUERIES)
    facts: list[Fact] = Field(default_factory=list, max_length=MAX_FACTS)
    sources_caption: bool = Field(default=False, description="the brief asked for a small 'Sources' caption")
    calls: list[ModelCall] = Field(default_factory=list, description="the model requests behind queries and choices")
    notices: list[str] = Field(default_factory=list, max_length=16, description="what a user should know, e.g. offline")


class Grounder(Protocol):
    """Decides whether a brief needs facts from the web, searches, and picks them."""

    name: str

    def ground(self, constraints: Constraints, *, effort: Effort) -> Grounding:
        """The grounding of a brief's reading. Never raises for a failed search: the run goes on ungrounded and
        `notices` says so."""
        ...
