"""Web search for grounding: the ddgs text search and a fixture file, behind `SearchProvider`.

`search_run` is what a grounder calls: it never raises, and says in the `SearchRun` what was found, whether it
came from the cache, and why a search failed (`error` starts with the `SearchError` reason: "offline: ...").

ddgs asks several engines at once and reports a refused request (HTTP 202/403/429, its usual answer to too many
queries) the same way as a query that found nothing: `DDGSException("No results found.")`. So an empty answer and
`RatelimitException` are retried after a short pause, a bounded number of times within the query's time budget;
an answer still empty is an empty result, a rate limit still refused is `SearchError(reason="rate_limited")`.
ddgs wraps its HTTP client's errors in `DDGSException("ConnectError: ...")`, `"DNSError: ..."`: those are
"offline" at once, without retries, so a machine with no network loses milliseconds, not the time budget.
"""

from __future__ import annotations

import json
import math
import re
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from ddgs import DDGS
from ddgs.exceptions import DDGSException, RatelimitException, TimeoutException
from pydantic import BaseModel, TypeAdapter, ValidationError

from tessera.contract.errors import ConfigurationError, SearchError
from tessera.contract.grounding import SearchOptions, SearchProvider, SearchResult, SearchRun, normalized
from tessera.planner._search_cache import SearchCache


def _max_length(model: type[BaseModel], field: str) -> int:
    """The longest a contract field may be, so that what is cut here always fits it."""
    return next(rule.max_length for rule in model.model_fields[field].metadata if hasattr(rule, "max_length"))


_TITLE_CHARS = _max_length(SearchResult, "title")
_URL_CHARS = _max_length(SearchResult, "url")
_SNIPPET_CHARS = _max_length(SearchResult, "snippet")
_QUERY_CHARS = _max_length(SearchRun, "query")
_ERROR_CHARS = _max_length(SearchRun, "error")

RETRY_PAUSES_S = (0.6, 1.5)
"""The pauses before the second and third try of a query answered empty or rate limited."""
_MIN_TRY_S = 1.0  # a retry that would have less time than this left is not worth starting

_OFFLINE_ERRORS = frozenset({"ConnectError", "DNSError", "DNSTimeoutError"})  # primp's, as ddgs passes them on
_OFFLINE = re.compile(
    r"\b(ConnectError|DNSError|DNSTimeoutError)\b|connection refused|network is unreachable|"
    r"name or service not known|temporary failure in name resolution|no route to host",
    re.IGNORECASE,
)
_NO_RESULTS = "no results found"
_NO_NETWORK = "no network: the search engines could not be reached"
_RATE_LIMITED = re.compile(r"ratelimit|rate limit|too many requests|\b429\b", re.IGNORECASE)


@runtime_checkable
class CachingProvider(Protocol):
    """A provider that says whether its answer came from its cache."""

    name: str

    def lookup(self, query: str, options: SearchOptions) -> tuple[list[SearchResult], bool]:
        """The results for `query` and whether they came from the cache; raises `SearchError` like `search`."""
        ...


def search_run(provider: SearchProvider, query: str, options: SearchOptions) -> SearchRun:
    """Searches `query` (words, cut to the length a `SearchRun` keeps) and records what happened; never raises.

    A failed search is a run with no results and `error` = "<reason>: <message>", the reason being the
    `SearchError`'s ("rate_limited", "timeout", "offline" or "failed").
    """
    query = " ".join(query.split())[:_QUERY_CHARS]
    started = time.monotonic()
    try:
        if isinstance(provider, CachingProvider):
            results, cached = provider.lookup(query, options)
        else:
            results, cached = provider.search(query, options), False
    except SearchError as error:
        reason, message = error.reason, str(error)
    except Exception as error:  # a provider's own fault: the run goes on ungrounded all the same
        reason, message = "failed", f"{type(error).__name__}: {_short(error)}"
    else:
        return SearchRun(
            query=query, results=results[: options.max_results], cached=cached, seconds=time.monotonic() - started
        )
    return SearchRun(query=query, error=f"{reason}: {message}"[:_ERROR_CHARS], seconds=time.monotonic() - started)


def search_error_reason(run: SearchRun) -> str | None:
    """The `SearchError` reason of a failed run ("offline", ...), or None when it did not fail."""
    return None if run.error is None else run.error.split(":", 1)[0]


class DdgsSearch:
    """Text search through ddgs (several engines at once), with its answers cached when a cache is given."""

    name = "ddgs"

    def __init__(
        self,
        cache: SearchCache | None = None,
        *,
        retry_pauses_s: Sequence[float] = RETRY_PAUSES_S,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.cache = cache
        self._pauses = tuple(retry_pauses_s)
        self._sleep = sleep

    def search(self, query: str, options: SearchOptions) -> list[SearchResult]:
        """Up to `options.max_results` results, best first; [] when the web has none; `SearchError` otherwise."""
        return self.lookup(query, options)[0]

    def lookup(self, query: str, options: SearchOptions) -> tuple[list[SearchResult], bool]:
        """The results and whether they came from the cache."""
        if self.cache is not None:
            kept = self.cache.get(self.name, query, options)
            if kept is not None:
                return kept[: options.max_results], True
        results = self._search_live(query, options)
        if self.cache is not None:
            self.cache.put(self.name, query, options, results)
        return results, False

    def _search_live(self, query: str, options: SearchOptions) -> list[SearchResult]:
        deadline = time.monotonic() + options.timeout_s
        pauses = iter(self._pauses)
        while True:
            refused: SearchError | None = None
            try:
                return _results(self._ask(query, options, deadline), options.max_results)
            except TimeoutError as error:
                raise SearchError(f"the search took longer than {options.timeout_s:g} s", reason="timeout") from error
            except DDGSException as error:
                failure = _ddgs_failure(error)
                if failure is not None and failure.reason != "rate_limited":
                    raise failure from error
                refused = failure
            except Exception as error:  # a fault inside ddgs or an engine's parser must not end the run
                if _offline(error):
                    raise SearchError(_NO_NETWORK, reason="offline") from error
                raise SearchError(f"the search failed: {type(error).__name__}: {_short(error)}") from error
            pause = next(pauses, None)
            if pause is None or deadline - time.monotonic() - pause < _MIN_TRY_S:
                if refused is not None:
                    raise refused
                return []  # empty on every try: the web has nothing for this query
            self._sleep(pause)

    @staticmethod
    def _ask(query: str, options: SearchOptions, deadline: float) -> list[dict[str, Any]]:
        """One ddgs query, in a thread of its own so that the whole query keeps to the deadline.

        ddgs's own timeout bounds each request, but it asks engines in rounds until it has enough results, so a
        query can take several timeouts; past the deadline the thread is left to finish on its own (daemon).
        """
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        answer: Future[list[dict[str, Any]]] = Future()

        def ask() -> None:
            try:
                client = DDGS(timeout=max(1, math.ceil(left)))
                answer.set_result(
                    client.text(
                        query,
                        region=options.region,
                        safesearch="moderate",
                        timelimit=options.timelimit,
                        max_results=options.max_results,
                    )
                )
            except BaseException as error:
                answer.set_exception(error)

        threading.Thread(target=ask, name="tessera-search", daemon=True).start()
        return answer.result(timeout=left)


def _results(found: list[dict[str, Any]], limit: int) -> list[SearchResult]:
    """ddgs's text results ({title, href, body}) as `SearchResult`s: web URLs only, once each, cut to the limits."""
    results: list[SearchResult] = []
    seen: set[str] = set()
    for item in found:
        url = str(item.get("href") or "").strip()
        if not re.match(r"https?://\S+$", url) or len(url) > _URL_CHARS or url in seen:
            continue  # a cut URL would point elsewhere; a javascript: or data: link is no source
        seen.add(url)
        results.append(
            SearchResult(
                title=_clip(item.get("title"), _TITLE_CHARS),
                url=url,
                snippet=_clip(item.get("body"), _SNIPPET_CHARS),
            )
        )
        if len(results) == limit:
            break
    return results


def _ddgs_failure(error: DDGSException) -> SearchError | None:
    """What a ddgs exception says: no network, a timeout, a refusal (a rate limit), another failure, or (None)
    "No results found.", which is an empty answer or a refusal in disguise."""
    message = str(error)
    if _offline(error):
        return SearchError(_NO_NETWORK, reason="offline")
    if isinstance(error, TimeoutException) or "timed out" in message.lower():
        return SearchError("the search engines did not answer in time", reason="timeout")
    if isinstance(error, RatelimitException) or _RATE_LIMITED.search(message):  # also an engine's, wrapped by ddgs
        return SearchError("the search engines refused the query (too many searches)", reason="rate_limited")
    if _NO_RESULTS in message.lower():
        return None
    return SearchError(f"the search failed: {_short(error)}", reason="failed")


def _offline(error: BaseException) -> bool:
    return any(
        isinstance(cause, ConnectionError) or type(cause).__name__ in _OFFLINE_ERRORS or _OFFLINE.search(str(cause))
        for cause in _causes(error)
    )


def _causes(error: BaseException) -> list[BaseException]:
    """The error and those behind it: ddgs wraps its HTTP client's errors (primp's ConnectError, DNSTimeoutError)
    in its own, as the cause or as the argument."""
    found: list[BaseException] = []
    waiting: list[BaseException | None] = [error]
    while waiting:
        cause = waiting.pop()
        if cause is None or any(cause is seen for seen in found):
            continue
        found.append(cause)
        waiting += [cause.__cause__, cause.__context__, *(arg for arg in cause.args if isinstance(arg, BaseException))]
    return found


def _clip(value: object, limit: int) -> str:
    text = " ".join(str(value or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _short(error: BaseException) -> str:
    return " ".join(str(error).split())[:200]


class FixtureSearch:
    """The results in a JSON file (a list of {title, url, snippet}), for offline demos and tests: those sharing
    the most words with the query first (all of them, in file order, when none does)."""

    name = "fixture"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.results = _read_fixture(path)

    def search(self, query: str, options: SearchOptions) -> list[SearchResult]:
        """Up to `options.max_results` of the file's results, ranked by the words they share with `query`."""
        asked = _words(query)
        scores = [len(asked & _words(f"{result.title} {result.snippet}")) for result in self.results]
        ranked = sorted(range(len(self.results)), key=lambda index: -scores[index])
        if any(scores):
            ranked = [index for index in ranked if scores[index] > 0]
        return [self.results[index] for index in ranked[: options.max_results]]


_STOP_WORDS = frozenset(
    {"the", "and", "for", "with", "from", "this", "that", "what", "which", "who", "when", "where", "are", "was"}
    | {"were", "how", "its", "into", "about", "than", "der", "die", "das", "und", "les", "des", "une", "est", "los"}
    | {"las", "del", "por"}
)


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", normalized(text)) if word not in _STOP_WORDS and len(word) > 2}


_FIXTURE = TypeAdapter(list[SearchResult])


def _read_fixture(path: Path) -> list[SearchResult]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigurationError(f"TESSERA_SEARCH_FIXTURE={path}: no such file") from error
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigurationError(f"TESSERA_SEARCH_FIXTURE={path}: cannot read it as JSON ({error})") from error
    try:
        return _FIXTURE.validate_python(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigurationError(
            f"TESSERA_SEARCH_FIXTURE={path}: takes a JSON list of {{title, url, snippet}}; {where}: {first['msg']}"
        ) from error
