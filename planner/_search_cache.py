"""Web search results kept on disk for a while, so that the same query is not sent again and again.

One JSON file per (provider, query, options) under TESSERA_HOME/search-cache/, holding when it was saved and the
results. A file older than the time to live is a miss; the folder keeps at most `max_files` files, the oldest
going first. Only non-empty results are kept: an empty answer may be a rate limit in disguise, and errors are never
cached.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, ValidationError

from tessera.contract.grounding import SearchOptions, SearchResult

MAX_CACHE_FILES = 500


class _Entry(BaseModel):
    """One cached answer, as a file holds it."""

    saved_at: float
    provider: str
    query: str
    results: list[SearchResult]


class SearchCache:
    """Search results by (provider, query, options), each kept for `ttl_s` seconds; `ttl_s=0` keeps nothing."""

    def __init__(
        self,
        folder: Path,
        ttl_s: float,
        *,
        max_files: int = MAX_CACHE_FILES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.folder = folder
        self.ttl_s = ttl_s
        self.max_files = max_files
        self._clock = clock

    def get(self, provider: str, query: str, options: SearchOptions) -> list[SearchResult] | None:
        """The results saved for this search less than `ttl_s` ago, or None."""
        if self.ttl_s <= 0:
            return None
        path = self._path(provider, query, options)
        try:
            entry = _Entry.model_validate_json(path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, ValidationError):
            path.unlink(missing_ok=True)  # a damaged file is a miss, and is written again after the search
            return None
        if self._clock() - entry.saved_at > self.ttl_s:
            return None
        return entry.results

    def put(self, provider: str, query: str, options: SearchOptions, results: list[SearchResult]) -> None:
        """Saves non-empty results (atomically: a reader sees the old file or the new one), then prunes."""
        if self.ttl_s <= 0 or not results:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        entry = _Entry(saved_at=self._clock(), provider=provider, query=query, results=results)
        handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".part-", suffix=".json")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(entry.model_dump_json().encode())
            os.replace(temporary, self._path(provider, query, options))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._prune()

    def _path(self, provider: str, query: str, options: SearchOptions) -> Path:
        # How long a search may take does not change what it finds.
        key = json.dumps(
            {
                "provider": provider,
                "query": " ".join(query.split()),
                "options": options.model_dump(mode="json", exclude={"timeout_s"}),
            },
            sort_keys=True,
        )
        return self.folder / f"{hashlib.sha256(key.encode()).hexdigest()[:32]}.json"

    def _prune(self) -> None:
        files = list(self.folder.glob("*.json"))
        if len(files) <= self.max_files:
            return
        ages: list[tuple[float, Path]] = []
        for path in files:
            try:
                ages.append((path.stat().st_mtime, path))
            except FileNotFoundError:
                continue  # another process pruned it first
        ages.sort()
        for _, path in ages[: len(ages) - self.max_files]:
            path.unlink(missing_ok=True)
