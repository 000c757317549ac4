"""Retention: runs that ended long enough ago are deleted with their checkpoints (TESSERA_RUNS_KEEP_DAYS).

A run's age is counted from when it ended: its run.json is written last when the run ends, so the file's
modification time is the end (a later write, such as a resume, only makes the run younger). Queued and running
runs are never deleted, however old, and each record is read again just before its run is deleted.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import time

from langgraph.checkpoint.base import BaseCheckpointSaver

from tessera.agents.runs import RunFolder, RunStore
from tessera.contract import ENDED_STATUSES, RunNotFoundError

log = logging.getLogger("tessera.retention")

PRUNE_EVERY_S = 3600.0
_DAY_S = 86400.0


def prune_runs(store: RunStore, checkpoints: BaseCheckpointSaver, older_than_days: float) -> list[str]:
    """Delete every run that ended more than `older_than_days` ago, checkpoints first; answer their ids."""
    cutoff = time.time() - older_than_days * _DAY_S
    deleted = []
    for record in store.records(limit=None):
        if record.status not in ENDED_STATUSES:
            continue
        try:
            folder = store.open(record.run_id)
        except RunNotFoundError:  # deleted meanwhile (by another gateway's pass)
            continue
        if _ended_before(folder, cutoff):
            # Checkpoints first: if the folder then fails to go, the next pass still finds the run and finishes.
            checkpoints.delete_thread(record.run_id)
            shutil.rmtree(folder.path)
            deleted.append(record.run_id)
    return deleted


def _ended_before(folder: RunFolder, cutoff: float) -> bool:
    """Whether the run is ended, and was last written before `cutoff`, as its record reads right now."""
    record_file = folder.path / "run.json"
    try:
        written = record_file.stat().st_mtime
        status = folder.read_record().status
    except FileNotFoundError:  # deleted meanwhile (by another gateway's pass)
        return False
    return status in ENDED_STATUSES and written < cutoff


async def prune_periodically(store: RunStore, checkpoints: BaseCheckpointSaver, older_than_days: float) -> None:
    """Prune now and then every PRUNE_EVERY_S until cancelled; a failed pass is logged and the next one retries."""
    while True:
        try:
            deleted = await asyncio.to_thread(prune_runs, store, checkpoints, older_than_days)
        except Exception as err:  # noqa: BLE001 - a pass that fails (a busy database) must not stop the gateway
            log.error("deleting runs older than %g days failed: %s", older_than_days, err)
        else:
            if deleted:
                log.info("deleted %d runs that ended more than %g days ago", len(deleted), older_than_days)
        await asyncio.sleep(PRUNE_EVERY_S)
