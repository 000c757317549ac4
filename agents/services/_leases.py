"""Gateways' signs of life in the shared home, so that a gateway that stopped for good has its runs taken over.

Each gateway renews a lease file (`HOME/gateways/<digest of its id>.alive`, holding the id) while it runs. One whose
file has not been renewed for `TESSERA_GATEWAY_LEASE_S` is presumed gone: another gateway sharing the home and the
database claims its queued and running runs (one at a time, under the run's lock, so two survivors never both do) and
carries them on from their checkpoints. A gateway that restarts under its old id renews its lease before it picks up
its runs, and finds only those nobody claimed meanwhile.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path


class Leases:
    """The lease files in one folder, as gateway `owner` sees them."""

    def __init__(self, folder: Path, owner: str, lease_s: float) -> None:
        self.folder = folder
        self.owner = owner
        self.lease_s = lease_s

    def renew(self) -> None:
        """Say that `owner` is alive now."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(self.owner)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(self.owner, encoding="utf-8")
        temporary.replace(path)  # renewing rewrites the file: its modification time is the lease's

    def lapsed(self) -> list[str]:
        """The other gateways whose lease ran out, oldest first."""
        if not self.folder.is_dir():
            return []
        now = time.time()
        gone = []
        for path in self.folder.glob("*.alive"):
            try:
                age = now - path.stat().st_mtime
                owner = path.read_text(encoding="utf-8")
            except FileNotFoundError:  # renewed or forgotten by another gateway just now
                continue
            if owner != self.owner and age > self.lease_s:
                gone.append((age, owner))
        return [owner for _, owner in sorted(gone, reverse=True)]

    def forget(self, owner: str) -> None:
        """Drop a lapsed gateway's lease once its runs were claimed; it makes a new one if it ever starts again."""
        self._path(owner).unlink(missing_ok=True)

    def _path(self, owner: str) -> Path:
        # A digest: a gateway id may hold any character, a file name may not.
        return self.folder / f"{hashlib.sha256(owner.encode('utf-8')).hexdigest()[:32]}.alive"
