"""Where run state lives between graph steps: SQLite under TESSERA_HOME, or Postgres with TESSERA_DATABASE_URL."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.checkpoint.sqlite import SqliteSaver

from tessera.agents.settings import Settings
from tessera.agents.state import CHECKPOINT_TYPES
from tessera.contract import SetupError

# Connections a gateway may hold at once: one per concurrent run plus the readiness probe.
_POOL_SIZE = 16
# How long a step waits for a connection while the database is away: a server restart takes a few seconds, and a
# run that waits it out finishes instead of failing.
_CONNECTION_WAIT_S = 10.0
# How long the pool retries a lost connection (backing off) before it stops; the next step that needs one starts
# afresh at once. Without the cap the back-off grows past a long outage, and steps fail after the server is back.
_RECONNECT_S = 5.0


@dataclass(frozen=True)
class Checkpoints:
    """A LangGraph checkpointer, a readiness probe for its database, how to close it, and the errors its database
    raises (so a run can say that the database failed, not the run)."""

    saver: BaseCheckpointSaver
    description: str
    probe: Callable[[], None]
    close: Callable[[], None]
    database_errors: tuple[type[Exception], ...] = (sqlite3.Error,)


def open_checkpoints(settings: Settings) -> Checkpoints:
    """The checkpointer the settings ask for, its tables created; SetupError when the database cannot be reached."""
    serde = JsonPlusSerializer(allowed_msgpack_modules=CHECKPOINT_TYPES)
    if settings.services.database_url is None:
        settings.home.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(settings.checkpoint_db, check_same_thread=False)

        def probe_sqlite() -> None:
            connection.execute("select 1").fetchone()

        return Checkpoints(
            saver=SqliteSaver(connection, serde=serde),
            description=f"sqlite {settings.checkpoint_db}",
            probe=probe_sqlite,
            close=connection.close,
        )
    return _open_postgres(settings.services.database_url.get_secret_value(), serde)


def _open_postgres(url: str, serde: JsonPlusSerializer) -> Checkpoints:
    # Imported here: only deployments with Postgres pay for psycopg's import.
    from langgraph.checkpoint.postgres import PostgresSaver
    from psycopg import Connection
    from psycopg import Error as PostgresError
    from psycopg.rows import DictRow, dict_row
    from psycopg_pool import ConnectionPool

    pool = ConnectionPool(
        url,
        connection_class=Connection[DictRow],
        min_size=1,
        max_size=_POOL_SIZE,
        kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row},
        # A connection the server dropped (a restart) is found and replaced before a step uses it.
        check=ConnectionPool.check_connection,
        timeout=_CONNECTION_WAIT_S,
        reconnect_timeout=_RECONNECT_S,
        open=False,
    )
    try:
        pool.open(wait=True, timeout=10)
        saver = PostgresSaver(pool, serde=serde)
        saver.setup()
    except Exception as err:
        pool.close()
        raise SetupError(
            f"cannot use the Postgres database in TESSERA_DATABASE_URL ({_redact(url)}): {err}; "
            "check the URL and that the server is up, or unset it to keep run state in SQLite"
        ) from err

    def probe_postgres() -> None:
        with pool.connection(timeout=5) as connection:
            connection.execute("select 1").fetchone()

    return Checkpoints(
        saver=saver,
        description=f"postgres {_redact(url)}",
        probe=probe_postgres,
        close=pool.close,
        database_errors=(PostgresError,),  # PoolTimeout, waiting out an outage, is one too
    )


def _redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    scheme, sep, rest = url.partition("://")
    if not sep or "@" not in rest:
        return url
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in credentials else f"{scheme}://{user}@{host}"
