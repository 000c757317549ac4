"""The grounder without a model: the asks read from the brief, queries from templates, facts by pattern."""

from __future__ import annotations

from tessera.contract import Constraints, Effort, Grounding, SearchOptions, SearchProvider, SearchRun
from tessera.planner._ground_facts import facts_by_pattern
from tessera.planner._ground_need import grounding_need, query_templates
from tessera.planner._search import search_error_reason, search_run

# After these a further query would fail the same way: the rest are not sent.
_STOPPING_REASONS = frozenset({"offline", "rate_limited"})


def search_all(search: SearchProvider, queries: list[str], options: SearchOptions) -> tuple[list[SearchRun], list[str]]:
    """Each query searched in turn (stopping once the network is gone or the search refuses), and the notices a
    user should read about the failures."""
    runs: list[SearchRun] = []
    for query in queries:
        run = search_run(search, query, options)
        runs.append(run)
        if search_error_reason(run) in _STOPPING_REASONS:
            break
    failed = [run for run in runs if run.error]
    notices = [f"the web search failed ({failed[0].error}); the plan is not grounded"] if failed else []
    if failed and len(failed) < len(runs):
        notices = [f"{len(failed)} of {len(runs)} web searches failed ({failed[0].error})"]
    return runs, notices


def off_notice(grounding_reason: str) -> str:
    """What a run that may not search says when its brief needed facts from the web."""
    return (
        f"grounding is off (--no-web or TESSERA_SEARCH=off) but the brief needs it ({grounding_reason}); give the "
        "values in the brief or run with --web"
    )[:300]


class RulesGrounder:
    """Grounds a brief without a model: `grounding_need` decides and names the asks, `query_templates` writes the
    queries, `facts_by_pattern` picks the facts. A failed search is a notice, never an error; with no provider
    (`search` None) a brief that needs facts gets none, and a notice saying so."""

    name = "rules"

    def __init__(self, search: SearchProvider | None, options: SearchOptions | None = None) -> None:
        self.search = search
        self.options = options or SearchOptions()

    def ground(self, constraints: Constraints, *, effort: Effort) -> Grounding:
        """The grounding of a brief's reading (see `tessera.contract.grounding.Grounder`)."""
        asks, reason, caption = grounding_need(constraints, effort=effort)
        provider = self.search.name if self.search is not None else "off"
        if not asks:
            return Grounding(needed=False, reason=reason, provider=provider, sources_caption=caption)
        if self.search is None:
            return Grounding(
                needed=True, reason=reason, provider=provider, asks=asks, sources_caption=caption,
                notices=[off_notice(reason.removeprefix("needed: "))],
            )  # fmt: skip
        runs, notices = search_all(self.search, query_templates(asks, constraints), self.options)
        facts = facts_by_pattern(asks, runs)
        found = {fact.ask for fact in facts}
        if not notices and len(found) < len(asks):
            notices = [f"the web search found {len(found)} of the {len(asks)} facts the brief asks for"]
        return Grounding(
            needed=True,
            reason=reason,
            provider=provider,
            asks=asks,
            searches=runs,
            facts=facts,
            sources_caption=caption,
            notices=notices,
        )
