"""Rate-limit counters in Postgres: a `limits` storage, so every API process shares them.

`limits` owns the rate strings, the keys and the fixed-window strategy; this module only
keeps its counters. A hit is one upsert (`insert ... on conflict do update ... returning`), so
two processes hitting the same key at once both count, and a window that ended starts again
in place. Time is the database's clock, the one every process agrees on.
"""

from __future__ import annotations

import random
import time

import psycopg
from limits.aio.storage import Storage

from guichet.db import Pool

# Finished windows are purged now and then by the hits themselves: no extra job to run.
_PURGE_EVERY = 200

_INCR_SQL = """
insert into rate_limits as r (key, hits, expires_at)
values (%(key)s, %(amount)s, now() + make_interval(secs => %(expiry)s))
on conflict (key) do update set
    hits = case when r.expires_at <= now() then excluded.hits else r.hits + excluded.hits end,
    expires_at = case when r.expires_at <= now() then excluded.expires_at else r.expires_at end
returning hits
"""


class PostgresStorage(Storage):
    """Fixed-window counters in the `rate_limits` table (migration 006)."""

    # Not registered under a URI scheme: it is built with the service's own pool.
    STORAGE_SCHEME = None

    def __init__(self, pool: Pool) -> None:
        super().__init__()
        self.pool = pool

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return psycopg.Error

    async def incr(self, key: str, expiry: int | float, amount: int = 1) -> int:
        async with self.pool.connection() as conn:
            cur = await conn.execute(_INCR_SQL, {"key": key, "amount": amount,
                                                 "expiry": float(expiry)})
            row = await cur.fetchone()
            if random.randrange(_PURGE_EVERY) == 0:
                await conn.execute("delete from rate_limits where expires_at < now()")
        assert row is not None
        return int(row["hits"])

    async def get(self, key: str) -> int:
        async with self.pool.connection() as conn:
            cur = await conn.execute(
                "select hits from rate_limits where key = %s and expires_at > now()", (key,))
            row = await cur.fetchone()
        return int(row["hits"]) if row else 0

    async def get_expiry(self, key: str) -> float:
        """When the key's window ends, as a Unix time (now when it has none)."""
        async with self.pool.connection() as conn:
            cur = await conn.execute(
                "select extract(epoch from expires_at)::float8 as at,"
                " extract(epoch from now())::float8 as now from rate_limits where key = %s"
                " and expires_at > now()", (key,))
            row = await cur.fetchone()
        if row is None:
            return time.time()
        # Expressed against this process's clock, which is what callers compare it with.
        return time.time() + max(float(row["at"]) - float(row["now"]), 0.0)

    async def check(self) -> bool:
        try:
            async with self.pool.connection() as conn:
                await conn.execute("select 1")
        except psycopg.Error:
            return False
        return True

    async def reset(self) -> int | None:
        async with self.pool.connection() as conn:
            cur = await conn.execute("delete from rate_limits")
            return cur.rowcount

    async def clear(self, key: str) -> None:
        async with self.pool.connection() as conn:
            await conn.execute("delete from rate_limits where key = %s", (key,))
