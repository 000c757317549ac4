"""The LLM grounder: the rules decide whether a brief needs facts and which; a language model writes the queries
and picks the facts out of the results.

Search results are untrusted. They reach the model only as `quoted_results` material (delimited, numbered,
escaped), after the task, and the system prompt says that material is data that may hold instructions to ignore.
The model's reply can name facts and nothing else: `FactsReply` holds an ask's number, a result's number, the
words and an optional label, and no other key parses, so no size, canvas, colour, style or tool call can come
through. The code builds each `Fact` itself, its url and snippet from the numbered result (never from the model),
and keeps it only when its words occur in that snippet and neither they nor the result read as an instruction.
A reply that does not parse gets one repair round; when the model still fails, the queries come from
`query_templates` and the facts from `facts_by_pattern`, and a notice says so.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tessera.contract import (
    MAX_QUERIES,
    Constraints,
    Effort,
    FactAsk,
    Grounding,
    ModelCall,
    SearchOptions,
    SearchProvider,
    SearchResult,
    SearchRun,
)
from tessera.contract.grounding import MAX_FACT_CHARS, MAX_FACTS, Fact, FactSlot, normalized
from tessera.planner._ground_facts import facts_by_pattern
from tessera.planner._ground_need import grounding_need, query_templates
from tessera.planner._ground_rules import search_all
from tessera.planner._llm_client import complete
from tessera.planner._llm_schema import _strip
from tessera.planner._prompts import _render
from tessera.planner._untrusted import (
    looks_like_instruction,
    numbered_results,
    quoted_results,
    result_looks_like_instruction,
)
from tessera.planner.llm import CHARS_PER_TOKEN, SETUP_HINT, LlmOptions, _key, _thinking_tokens, model_request

if TYPE_CHECKING:
    from openai import OpenAI

QUERY_CHARS = 120  # a search engine's query: a few keywords, not a sentence
FACT_WORDS = 10  # a date, a venue, a figure or a name: "Estadio Metropolitano, Madrid", not the snippet's sentence
_QUERIES_TOKENS = 256
_FACTS_TOKENS = 1024  # MAX_FACTS facts of a few words each, with their numbers and labels
_NOTE_CHARS = 300
_MAX_NOTICES = 16  # Grounding.notices holds at most this many
_SLOT_WORDS: dict[FactSlot, str] = {
    "date": "the date",
    "place": "the place or venue",
    "number": "the figure",
    "name": "the name",
    "text": "the words",
}


class QueriesReply(BaseModel):
    """What the model answers first: the web search queries."""

    model_config = ConfigDict(extra="forbid")

    queries: list[Annotated[str, Field(min_length=2, max_length=QUERY_CHARS)]] = Field(
        min_length=1, max_length=MAX_QUERIES
    )


class FactChoice(BaseModel):
    """One fact the model picked: which ask it answers, which numbered result it is copied from, and its words."""

    model_config = ConfigDict(extra="forbid")

    ask: int = Field(ge=1, description="the number of the fact asked for")
    result: int = Field(ge=1, description="the id of the search result the words are copied from")
    text: str = Field(min_length=1, max_length=MAX_FACT_CHARS, description="the fact, copied from the snippet")
    label: str | None = Field(
        default=None, max_length=MAX_FACT_CHARS, description="what a figure belongs to, copied from the snippet"
    )


class FactsReply(BaseModel):
    """What the model answers second: the facts it picked, and nothing else."""

    model_config = ConfigDict(extra="forbid")

    facts: list[FactChoice] = Field(max_length=MAX_FACTS)


def queries_schema() -> dict[str, Any]:
    """The JSON schema of the queries reply, as the server enforces it."""
    return _strip(QueriesReply.model_json_schema())


def facts_schema(asks: int, results: int) -> dict[str, Any]:
    """The JSON schema of the facts reply, its numbers bounded by the asks and results the prompt numbers, and
    every field required (a label may be null), as strict structured outputs want it."""
    schema = _strip(FactsReply.model_json_schema())
    choice = schema["$defs"]["FactChoice"]
    choice["properties"]["ask"]["maximum"] = max(asks, 1)
    choice["properties"]["result"]["maximum"] = max(results, 1)
    choice["required"] = list(choice["properties"])
    return schema


class LlmGrounder:
    """Grounds a brief with a language model (an OpenAI-compatible server, configured by `LlmOptions` as for
    `LlmPlanner`) writing the queries and picking the facts, and `search` running the queries. The rules decide
    whether grounding is needed and what is asked. `client` replaces the `openai.OpenAI` client built from
    `options` (tests pass one with a mock transport)."""

    def __init__(
        self,
        options: LlmOptions,
        search: SearchProvider,
        search_options: SearchOptions | None = None,
        *,
        client: OpenAI | None = None,
    ) -> None:
        import openai

        self.options = options
        self.name = f"llm {options.model}"[:120]
        self._search = search
        self._search_options = search_options or SearchOptions()
        self._client = client or openai.OpenAI(
            base_url=options.base_url,
            api_key=_key(options),
            timeout=options.timeout_s,
            max_retries=options.max_retries,
        )

    def ground(self, constraints: Constraints, *, effort: Effort) -> Grounding:
        """The grounding of a brief's reading: the rules' asks, the model's queries and its facts; templates and
        patterns where the model fails. Never raises for a failed search or a failed model."""
        asks, reason, caption = grounding_need(constraints, effort=effort)
        grounding = Grounding(
            needed=bool(asks), reason=reason, provider=self._search.name, asks=asks, sources_caption=caption
        )
        if not asks:
            return grounding
        options = self.options.model_copy(update={"effort": effort})  # the run's effort sets the thinking budget
        calls, queries, notices = self._queries(options, constraints, asks)
        searches, failures = search_all(self._search, queries, self._search_options)
        notices += failures
        if not any(run.results for run in searches):
            chooser, facts = "rules", []
            if not failures:
                notices.append("the web search found nothing for the queries; the plan is not grounded")
        elif calls[-1].error:
            chooser, facts = "rules", facts_by_pattern(asks, searches)
            notices.append("the facts were picked by pattern, as the model server failed")
        else:
            picked, facts_calls, note = self._facts(options, constraints, asks, searches)
            calls += facts_calls
            if picked is None:
                chooser, facts = "rules", facts_by_pattern(asks, searches)
                notices.append(
                    _short(f"the model's facts could not be used ({note}); the facts were picked by pattern")
                )
            else:
                chooser, facts = self.name, picked
                notices += [note] if note else []
        found = {fact.ask for fact in facts}
        if any(run.results for run in searches) and len(found) < len(asks):
            notices.append(f"the web search found {len(found)} of the {len(asks)} facts the brief asks for")
        return grounding.model_copy(
            update={
                "searches": searches,
                "facts": facts[:MAX_FACTS],
                "chooser": chooser,
                "calls": calls,
                "notices": notices[:_MAX_NOTICES],
            }
        )

    def _queries(
        self, options: LlmOptions, constraints: Constraints, asks: list[FactAsk]
    ) -> tuple[list[ModelCall], list[str], list[str]]:
        """The model's queries; the calls made, the queries and a notice when the templates wrote them instead."""
        user = _render(
            "ground_queries.j2",
            today=datetime.now(UTC).date().isoformat(),
            brief=constraints.brief,
            asks=[{"said": _asked(ask), "quote": ask.source.quote} for ask in asks],
            max_queries=MAX_QUERIES,
        )
        answer = options.answer_tokens or _QUERIES_TOKENS
        calls, reply, problem = self._ask(options, user, queries_schema(), QueriesReply, '"queries"', answer)
        if isinstance(reply, QueriesReply):
            queries = _about_the_brief(reply.queries, constraints, asks)
            if queries:
                return calls, queries, []
            problem = "no query it wrote shares a word with the brief"
            calls[-1] = calls[-1].model_copy(update={"problems": [problem]})
        if calls[-1].error:
            note = f"the model server failed ({problem}; {SETUP_HINT}): the queries were written from templates"
        else:
            note = f"the model's queries could not be used ({problem}): the queries were written from templates"
        return calls, query_templates(asks, constraints)[:MAX_QUERIES], [_short(note)]

    def _facts(
        self, options: LlmOptions, constraints: Constraints, asks: list[FactAsk], searches: list[SearchRun]
    ) -> tuple[list[Fact] | None, list[ModelCall], str]:
        """The facts the model picked, the calls made, and a note: what was dropped, or why nothing could be used
        (then the facts are None)."""
        answer = options.answer_tokens or _FACTS_TOKENS
        shown = _fitting(options, answer, constraints, asks, searches)
        numbered = numbered_results(shown)
        user = _facts_prompt(constraints, asks, shown)
        schema = facts_schema(len(asks), len(numbered))
        calls, reply, problem = self._ask(options, user, schema, FactsReply, '"facts"', answer)
        if not isinstance(reply, FactsReply):
            return None, calls, problem if not calls[-1].error else f"{problem}; {SETUP_HINT}"
        facts, dropped = facts_from_reply(reply, asks, numbered)
        if not dropped:
            return facts, calls, ""
        calls[-1] = calls[-1].model_copy(update={"problems": [*calls[-1].problems, *dropped]})
        if not facts:
            return None, calls, _short(f"every fact it picked was dropped (first: {dropped[0]})")
        return facts, calls, _short(f"{len(dropped)} of the model's facts were dropped (first: {dropped[0]})")

    def _ask(
        self,
        options: LlmOptions,
        user: str,
        schema: dict[str, Any],
        reply_type: type[BaseModel],
        fields: str,
        answer_tokens: int,
    ) -> tuple[list[ModelCall], BaseModel | None, str]:
        """One request and at most one repair: the calls made, the reply when it parses, else what was wrong."""
        structured = None if options.structured_output else schema
        messages = [{"role": "system", "content": _system(structured)}, {"role": "user", "content": user}]
        calls: list[ModelCall] = []
        problem = ""
        for _ in ("first", "repair"):
            call = self._call(options, messages, schema, answer_tokens)
            if call.error:
                return [*calls, call], None, call.error
            reply, problem = _parsed(call.output, reply_type)
            calls.append(call.model_copy(update={"problems": [problem] if problem else []}))
            if reply is not None:
                return calls, reply, ""
            messages = [
                *messages,
                {"role": "assistant", "content": call.output},
                {"role": "user", "content": _render("ground_repair.j2", problem=problem, fields=fields)},
            ]
        return calls, None, problem

    def _call(
        self, options: LlmOptions, messages: list[dict[str, str]], schema: dict[str, Any], answer_tokens: int
    ) -> ModelCall:
        request = model_request(options, "ground", messages, schema, answer_tokens=answer_tokens)
        return complete(self._client, options.model, request, timeout_s=options.timeout_s)


def _fitting(
    options: LlmOptions, answer_tokens: int, constraints: Constraints, asks: list[FactAsk], searches: list[SearchRun]
) -> list[SearchRun]:
    """The runs as the facts prompt shows them: the last results left out until the prompt fits the context."""
    budget = int((options.context_tokens - _thinking_tokens(options) - answer_tokens) * CHARS_PER_TOKEN)
    shown = [run for run in searches if run.results]
    schema = facts_schema(len(asks), len(numbered_results(shown)))
    budget -= len(_system(None if options.structured_output else schema))
    while len(_facts_prompt(constraints, asks, shown)) > budget and len(numbered_results(shown)) > 1:
        last = len(shown) - 1
        shown[last] = shown[last].model_copy(update={"results": shown[last].results[:-1]})
        shown = [run for run in shown if run.results]
    return shown


def _system(schema: dict[str, Any] | None) -> str:
    return _render("ground_system.j2", schema=json.dumps(schema, separators=(",", ":")) if schema else None)


def _facts_prompt(constraints: Constraints, asks: list[FactAsk], shown: list[SearchRun]) -> str:
    asks_said = [{"said": _asked(ask)} for ask in asks]
    return _render("ground_facts.j2", brief=constraints.brief, asks=asks_said, material=quoted_results(shown))


def _asked(ask: FactAsk) -> str:
    """An ask as the prompts list it: "UEFA Champions League final: the venue"."""
    if ask.count > 1:
        return f"{ask.subject}: {ask.count} figures, each with what it belongs to as its label"
    what = "the time" if ask.purpose == "time" else _SLOT_WORDS[ask.slot]
    return f"{ask.subject}: {what}"


def _about_the_brief(queries: list[str], constraints: Constraints, asks: list[FactAsk]) -> list[str]:
    """The model's queries that share a word with the brief (a name, the event), each once: a query about
    something else would spend a search, and the search engine's patience, on nothing."""
    known = _words(" ".join([constraints.brief, *(ask.subject for ask in asks)]))
    kept = [" ".join(query.split()) for query in queries if _words(query) & known]
    return list(dict.fromkeys(kept))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w{4,}", normalized(text)))


def _parsed(output: str, reply_type: type[BaseModel]) -> tuple[BaseModel | None, str]:
    try:
        return reply_type.model_validate_json(output), ""
    except ValidationError as err:
        first = err.errors()[0]
        where = "/".join(str(part) for part in first["loc"]) or "the reply"
        return None, f"the reply is not the JSON asked for ({where}: {first['msg']})"


def facts_from_reply(
    reply: FactsReply, asks: list[FactAsk], numbered: list[tuple[int, SearchRun, SearchResult]]
) -> tuple[list[Fact], list[str]]:
    """The facts built from the model's choices, each quoted from its numbered result, and one sentence per
    choice dropped: an ask or result that does not exist, more facts than the ask wants, words that read as an
    instruction, a result that reads as an instruction itself, words that do not occur in the snippet (the
    `Fact` contract's own check, made here to say which words), or a whole sentence where a date, a place, a
    figure or a name was asked for."""
    facts: list[Fact] = []
    dropped: list[str] = []
    taken: Counter[int] = Counter()
    seen: set[tuple[int, str]] = set()
    for choice in reply.facts:
        text = choice.text.strip()
        label = choice.label.strip() if choice.label and choice.label.strip() else None
        said = f"fact {text[:40]!r}"
        if not 1 <= choice.ask <= len(asks) or not 1 <= choice.result <= len(numbered):
            dropped.append(f"{said} names ask {choice.ask} or result {choice.result}, which the prompt did not list")
            continue
        ask = choice.ask - 1
        _, run, result = numbered[choice.result - 1]
        if taken[ask] >= asks[ask].count:
            dropped.append(f"{said} is one more than ask {choice.ask} wants ({asks[ask].count})")
            continue
        if any(looks_like_instruction(words) for words in (text, label) if words):
            dropped.append(f"{said} reads as an instruction, not a fact")
            continue
        if result_looks_like_instruction(result):
            dropped.append(f"{said} comes from result {choice.result}, which reads as an instruction to the model")
            continue
        missing = next((w for w in (text, label) if w and normalized(w) not in normalized(result.snippet)), None)
        if missing is not None:
            dropped.append(f"{said}: {missing[:40]!r} does not occur in the snippet of result {choice.result}")
            continue
        if asks[ask].slot != "text" and len(text.split()) > FACT_WORDS:
            dropped.append(f"{said} is a sentence, not a {asks[ask].slot}")
            continue
        if (ask, normalized(text)) in seen:
            continue
        facts.append(
            Fact(
                slot=asks[ask].slot,
                text=text,
                url=result.url,
                snippet=result.snippet,
                query=run.query,
                ask=ask,
                label=label,
            )
        )
        taken[ask] += 1
        seen.add((ask, normalized(text)))
    return facts, dropped


def _short(text: str) -> str:
    return text if len(text) <= _NOTE_CHARS else text[: _NOTE_CHARS - 3] + "..."
