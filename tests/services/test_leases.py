"""Gateway leases: who has stopped renewing, and claiming a gone gateway's runs so that only one survivor does."""

from __future__ import annotations

import os
import time
from pathlib import Path

from tessera.agents.runs import RunStore
from tessera.agents.services._leases import Leases


def _age(leases: Leases, owner: str, seconds: float) -> None:
    (path,) = [p for p in leases.folder.glob("*.alive") if p.read_text(encoding="utf-8") == owner]
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_a_gateway_whose_lease_ran_out_is_lapsed_and_one_that_renews_is_not(tmp_path: Path) -> None:
    mine, theirs, fresh = (Leases(tmp_path, owner, lease_s=60) for owner in ("gateway/a", "b", "c"))
    for leases in (mine, theirs, fresh):
        leases.renew()
    _age(mine, "b", 61)
    _age(mine, "gateway/a", 600)  # its own lease never counts as lapsed to itself
    assert mine.lapsed() == ["b"]
    assert sorted(theirs.lapsed()) == ["gateway/a"]
    theirs.renew()
    assert mine.lapsed() == []
    _age(mine, "b", 61)
    mine.forget("b")
    assert mine.lapsed() == []


def test_a_run_is_claimed_once_and_only_while_queued_or_running_under_its_old_owner(tmp_path: Path) -> None:
    store = RunStore(tmp_path / "runs")
    folder = store.create(brief="x", effort="low", seed=0, canvas=None, owner="a")
    claimed = folder.claim("a", "b")
    assert claimed is not None and claimed.owner == "b" and folder.read_record().owner == "b"
    assert folder.claim("a", "c") is None  # b got there first
    folder.update_record(status="done")
    assert folder.claim("b", "c") is None  # an ended run stays with whoever ended it
