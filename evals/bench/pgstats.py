"""What a run cost Postgres: rows written and read per table, checkpoint bytes, server CPU."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from evals.bench import procstat

_COUNTERS = ("n_tup_ins", "n_tup_upd", "n_tup_del", "seq_scan", "seq_tup_read", "idx_scan",
             "idx_tup_fetch")

TableStats = dict[str, dict[str, int]]


def table_stats(url: str) -> TableStats:
    """Cumulative counters per table (flushed by backends when idle or when they exit)."""
    with psycopg.connect(url, autocommit=True, row_factory=dict_row) as conn:
        rows = conn.execute(
            "select relname, " + ", ".join(f"coalesce({c}, 0) as {c}" for c in _COUNTERS)
            + " from pg_stat_user_tables").fetchall()
        db = conn.execute("select xact_commit, xact_rollback from pg_stat_database"
                          " where datname = current_database()").fetchone()
    out = {r["relname"]: {c: int(r[c]) for c in _COUNTERS} for r in rows}
    # The database's transactions, kept apart from the tables (see per_case).
    out[_DATABASE] = {"xact_commit": int((db or {}).get("xact_commit") or 0),
                      "xact_rollback": int((db or {}).get("xact_rollback") or 0)}
    return out


_DATABASE = "(database)"


def stats_delta(before: TableStats, after: TableStats) -> TableStats:
    out: TableStats = {}
    for table, counters in after.items():
        prev = before.get(table, {})
        diff = {c: v - prev.get(c, 0) for c, v in counters.items()}
        if any(diff.values()):
            out[table] = diff
    return out


def per_case(delta: TableStats, cases: int, *, not_ours: int = 0) -> dict[str, Any]:
    """Rows written and read per case, in total and per table."""
    database = delta.get(_DATABASE, {})
    delta = {k: v for k, v in delta.items() if k != _DATABASE}

    def total(*cols: str) -> int:
        return sum(t[c] for t in delta.values() for c in cols)

    n = max(cases, 1)
    return {
        # Every statement outside a transaction block is a transaction of its own: this
        # counts commits, the figure a round trip and a WAL flush each cost.
        # `not_ours`: the bench driver's own polls, run in the same database.
        "transactions": (database.get("xact_commit", 0) + database.get("xact_rollback", 0)
                         - not_ours) / n,
        "rows_inserted": total("n_tup_ins") / n,
        "rows_written": total("n_tup_ins", "n_tup_upd", "n_tup_del") / n,
        "rows_read": total("seq_tup_read", "idx_tup_fetch") / n,
        "seq_scans": total("seq_scan") / n,
        "by_table": {
            table: {"inserted": t["n_tup_ins"] / n, "updated": t["n_tup_upd"] / n,
                    "deleted": t["n_tup_del"] / n, "seq_scans": t["seq_scan"] / n,
                    "seq_rows_read": t["seq_tup_read"] / n, "idx_rows_read": t["idx_tup_fetch"] / n}
            for table, t in sorted(delta.items())
        },
    }


def checkpoint_bytes(url: str, thread_ids: Sequence[str]) -> dict[str, dict[str, int]]:
    """Per thread: serialized bytes (JSON text + blobs) and rows in the saver's three tables."""
    ids = list(thread_ids)
    sql = """
        select thread_id, sum(bytes)::bigint as bytes, sum(stored)::bigint as stored,
               sum(rows)::bigint as rows from (
          select thread_id, octet_length(checkpoint::text) + octet_length(metadata::text) as bytes,
                 pg_column_size(checkpoint) + pg_column_size(metadata) as stored, 1 as rows
            from checkpoints where thread_id = any(%(ids)s)
          union all
          select thread_id, coalesce(octet_length(blob), 0), coalesce(pg_column_size(blob), 0), 1
            from checkpoint_blobs where thread_id = any(%(ids)s)
          union all
          select thread_id, octet_length(blob), pg_column_size(blob), 1
            from checkpoint_writes where thread_id = any(%(ids)s)
        ) t group by thread_id"""
    with psycopg.connect(url, autocommit=True, row_factory=dict_row) as conn:
        rows = conn.execute(sql, {"ids": ids}).fetchall()
    return {r["thread_id"]: {"bytes": int(r["bytes"]), "stored": int(r["stored"]),
                             "rows": int(r["rows"])} for r in rows}


def postmaster_pid(url: str) -> int | None:
    """The server's main process, when it runs on this machine (to sample its CPU)."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("select pg_backend_pid()").fetchone()
    if row is None:
        return None
    return procstat.parent(int(row[0]))


def server_cpu(pid: int | None) -> dict[int, float]:
    return procstat.cpu_of_children(pid) if pid else {}


def checkpoint_channels(url: str, thread_ids: Sequence[str], *, top: int = 10) -> list[dict[str, Any]]:
    """Serialized bytes per case by table and channel: which state the checkpoints carry."""
    sql = """
        select 'checkpoints' as tbl, '(checkpoint + metadata json)' as channel,
               sum(octet_length(checkpoint::text) + octet_length(metadata::text))::bigint as bytes,
               count(*) as rows
          from checkpoints where thread_id = any(%(ids)s)
        union all
        select 'checkpoint_blobs', channel, sum(coalesce(octet_length(blob), 0))::bigint, count(*)
          from checkpoint_blobs where thread_id = any(%(ids)s) group by channel
        union all
        select 'checkpoint_writes', channel, sum(octet_length(blob))::bigint, count(*)
          from checkpoint_writes where thread_id = any(%(ids)s) group by channel
        order by bytes desc limit %(top)s"""
    n = max(len(thread_ids), 1)
    with psycopg.connect(url, autocommit=True, row_factory=dict_row) as conn:
        rows = conn.execute(sql, {"ids": list(thread_ids), "top": top}).fetchall()
    return [{"table": r["tbl"], "channel": r["channel"], "bytes_per_case": int(r["bytes"]) / n,
             "rows_per_case": int(r["rows"]) / n} for r in rows]


async def autoanalyze(conn: psycopg.AsyncConnection[Any]) -> list[str]:
    """ANALYZE the tables autovacuum would, by its own threshold (50 rows + 10% changed).

    Runs every few seconds during a run instead of autovacuum's one minute: a bench run is
    short, and statements prepared on stale statistics (prepare_threshold=0) otherwise keep
    sequential-scan plans while tables grow from nothing, which is not the steady state.
    """
    cur = await conn.execute(
        "select relname from pg_stat_user_tables"
        " where n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)")
    names = [str(r[0]) for r in await cur.fetchall()]
    for name in names:
        await conn.execute(sql.SQL("analyze {}").format(sql.Identifier(name)))
    return names


async def autoanalyze_every(url: str, period_s: float) -> None:
    """`autoanalyze` until cancelled, on a connection of its own."""
    async with await psycopg.AsyncConnection.connect(url, autocommit=True) as conn:
        while True:
            await autoanalyze(conn)
            await asyncio.sleep(period_s)


# Sessions of this database waiting on a lock, by what they wait for: a case's audit chain
# (guichet.audit), another advisory lock, or a row/relation lock.
_WAITS_SQL = """
select count(*) filter (where l.locktype = 'advisory' and l.classid = %(audit)s)::int as audit,
  count(*) filter (where l.locktype = 'advisory' and l.classid <> %(audit)s)::int
    as other_advisory,
  count(*) filter (where l.locktype is distinct from 'advisory')::int as other
from pg_stat_activity a
left join pg_locks l on l.pid = a.pid and not l.granted
where a.datname = current_database() and a.wait_event_type = 'Lock'
"""


class LockWaits:
    """Samples pg_stat_activity during a run: how often a session waited on a lock, and on which."""

    def __init__(self, url: str, every_s: float = 0.05) -> None:
        self.url, self.every_s = url, every_s
        self.samples = 0
        self.waits = {"audit": 0, "other_advisory": 0, "other": 0}

    async def run(self) -> None:
        from guichet.audit import CASE_CHAIN_LOCK_CLASS

        async with await psycopg.AsyncConnection.connect(self.url, autocommit=True,
                                                         row_factory=dict_row) as conn:
            while True:
                cur = await conn.execute(_WAITS_SQL, {"audit": CASE_CHAIN_LOCK_CLASS})
                row = await cur.fetchone()
                self.samples += 1
                for k in self.waits:
                    self.waits[k] += int((row or {}).get(k) or 0)
                await asyncio.sleep(self.every_s)

    def summary(self) -> dict[str, Any]:
        return {"samples": self.samples, "every_s": self.every_s,
                "sessions_waiting_on": dict(self.waits)}
