"""Postgres: the embedded server by default, one psycopg pool, numbered migrations at start."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any, TypeAlias

import psycopg
from psycopg.rows import DictRow, dict_row
from psycopg_pool import AsyncConnectionPool

from guichet.settings import Settings

log = logging.getLogger(__name__)

Conn: TypeAlias = psycopg.AsyncConnection[DictRow]
Pool: TypeAlias = AsyncConnectionPool[Conn]
ConnOrPool: TypeAlias = Conn | Pool

# Held for the life of the process so the embedded server is not stopped under us.
_embedded: list[Any] = []

# One key for everything done once per database (migrations, queue schema, saver setup),
# so an API process and worker processes starting together do not race.
_SETUP_LOCK_KEY = 0x6775696368

EMBEDDED_DB = "guichet"


def embedded_server_uri(data_dir: Path) -> str:
    """Start (or join) the embedded PostgreSQL server in `data_dir/pg`; return its admin URI."""
    from pgserver import postgres_server

    data_dir.mkdir(parents=True, exist_ok=True)
    srv = postgres_server.get_server(data_dir.resolve() / "pg", cleanup_mode="stop")
    _embedded.append(srv)
    return str(srv.get_uri())


def database_url(settings: Settings) -> str:
    """The URL the service uses: DATABASE_URL, else a database on the embedded server."""
    if settings.database_url:
        return settings.database_url
    admin = embedded_server_uri(settings.data_dir)
    ensure_database(admin, EMBEDDED_DB)
    return with_database(admin, EMBEDDED_DB)


def with_database(url: str, dbname: str) -> str:
    """The same server URL pointing at another database."""
    info = {k: str(v) for k, v in psycopg.conninfo.conninfo_to_dict(url).items() if v is not None}
    info["dbname"] = dbname
    return psycopg.conninfo.make_conninfo("", **info)


def ensure_database(admin_url: str, dbname: str, *, template: str | None = None) -> None:
    """Create `dbname` if it does not exist yet (optionally as a copy of `template`)."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", dbname):
        raise ValueError(f"unsafe database name: {dbname!r}")
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if conn.execute("select 1 from pg_database where datname = %s", (dbname,)).fetchone():
            return
        sql = f'create database "{dbname}"'
        if template:
            sql += f' template "{template}"'
        conn.execute(sql)


# A host cut off from the network is seen only through TCP, on both sides, and by default
# only after hours: a server would keep a lost worker's sessions (its case locks, an audit
# append's lock) and a worker would wait on dead sockets once the network heals. Keepalives
# and a user timeout make both sides give up after about 25 s. Ignored on unix sockets.
NETWORK_KWARGS: dict[str, Any] = {"keepalives": 1, "keepalives_idle": 10,
                                  "keepalives_interval": 5, "keepalives_count": 3,
                                  "tcp_user_timeout": 25_000}
_SERVER_SIDE_SQL = (
    "select set_config('tcp_keepalives_idle', '10', false),"
    " set_config('tcp_keepalives_interval', '5', false),"
    " set_config('tcp_keepalives_count', '3', false),"
    " set_config('tcp_user_timeout', '25000', false)")


async def configure_connection(conn: psycopg.AsyncConnection[Any]) -> None:
    """The server's side of the same timeouts, once per new connection of every pool."""
    await conn.execute(_SERVER_SIDE_SQL)
    if not conn.autocommit:
        await conn.commit()  # a pool takes back only idle connections


def connection_kwargs() -> dict[str, Any]:
    # The LangGraph saver needs autocommit and dict rows; prepare_threshold=0 prepares
    # every statement (set it to None behind PgBouncer in transaction mode).
    return {"autocommit": True, "row_factory": dict_row, "prepare_threshold": 0,
            **NETWORK_KWARGS}


# psycopg_pool doubles its wait between reconnection attempts without a ceiling: after a
# 45 s outage the next attempt could come 30 s after the server is back. Giving up an attempt
# after this long makes the next request start a fresh one, from a 1 s wait.
RECONNECT_TIMEOUT_S = 5.0


def make_pool(url: str, *, max_size: int = 10, wait_s: float = 30.0) -> Pool:
    """One pool per process, opened by the caller (app lifespan, worker, CLI).

    `wait_s` bounds the wait for a connection: during an outage a request fails in seconds.
    """
    return AsyncConnectionPool(
        url,
        min_size=1,
        max_size=max_size,
        kwargs=connection_kwargs(),
        open=False,
        name="guichet",
        timeout=wait_s,
        reconnect_timeout=RECONNECT_TIMEOUT_S,
        configure=configure_connection,
    )


def is_outage(exc: BaseException) -> bool:
    """The database cannot be reached (down, restarting, pool exhausted waiting for it)."""
    # PoolTimeout is an OperationalError too; so are deadlocks and restarts: all transient.
    return isinstance(exc, psycopg.OperationalError)


@asynccontextmanager
async def connection(conn: ConnOrPool) -> AsyncIterator[Conn]:
    """A connection from a pool, or the connection itself."""
    if isinstance(conn, AsyncConnectionPool):
        async with conn.connection() as c:
            yield c
    else:
        yield conn


def migration_files() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every numbered migration, in order."""
    found: list[tuple[int, str, str]] = []
    for entry in resources.files("guichet.migrations").iterdir():
        m = re.fullmatch(r"(\d{3})_([a-z0-9_]+)\.sql", entry.name)
        if m:
            found.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if versions != list(range(1, len(versions) + 1)):
        raise RuntimeError(f"migrations must be numbered 001.. without gaps, found {versions}")
    return found


async def migrate(conn: Conn) -> list[int]:
    """Apply pending migrations, the queue's schema and the checkpointer's tables, once."""
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver

    from guichet.queue import queue_schema_sql

    applied: list[int] = []
    await conn.execute("select pg_advisory_lock(%s)", (_SETUP_LOCK_KEY,))
    try:
        await conn.execute(
            "create table if not exists schema_migrations ("
            " version int primary key, name text not null,"
            " applied_at timestamptz not null default now())"
        )
        cur = await conn.execute("select version from schema_migrations")
        done = {row["version"] for row in await cur.fetchall()}
        for version, name, sql in migration_files():
            if version in done:
                continue
            async with conn.transaction():
                await conn.execute(sql.encode(), prepare=False)
                await conn.execute(
                    "insert into schema_migrations (version, name) values (%s, %s)",
                    (version, name),
                )
            applied.append(version)
            log.info("applied migration %03d_%s", version, name)
        cur = await conn.execute("select to_regclass('procrastinate_jobs') is not null as ok")
        row = await cur.fetchone()
        if not (row and row["ok"]):
            await conn.execute(queue_schema_sql().encode(), prepare=False)
        await AsyncPostgresSaver(conn).setup()
    finally:
        await conn.execute("select pg_advisory_unlock(%s)", (_SETUP_LOCK_KEY,))
    return applied
