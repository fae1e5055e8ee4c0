"""The database seen from outside the service: open cases and jobs waiting, across outages."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row

# Jobs a free worker could take now: waiting, due, and their case not held by a running job.
RUNNABLE_SQL = """
select count(*) as n from procrastinate_jobs j
where j.status = 'todo' and (j.scheduled_at is null or j.scheduled_at <= now())
  and not exists (select 1 from procrastinate_jobs d
                  where d.status = 'doing' and d.lock is not distinct from j.lock)"""

OPEN_SQL = """
select count(*) filter (where holder = 'agent') as with_agent, count(*) as open
from cases where settled_at is null"""


@dataclass(frozen=True)
class Snapshot:
    runnable_jobs: int
    doing_jobs: int
    open_cases: int
    with_agent: int


class DbMonitor:
    """One connection of its own, reopened after an outage; None while the server is away."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._conn: psycopg.AsyncConnection[dict[str, Any]] | None = None
        self.last: Snapshot | None = None

    async def _connection(self) -> psycopg.AsyncConnection[dict[str, Any]]:
        if self._conn is None or self._conn.closed:
            self._conn = await psycopg.AsyncConnection.connect(
                self.url, autocommit=True, row_factory=dict_row, connect_timeout=3)
        return self._conn

    async def rows(self, sql: str, params: Any = None) -> list[dict[str, Any]] | None:
        try:
            conn = await self._connection()
            cur = await conn.execute(sql, params)
            return list(await cur.fetchall())
        except psycopg.Error:
            await self.close()
            return None

    async def snapshot(self) -> Snapshot | None:
        runnable = await self.rows(RUNNABLE_SQL)
        doing = await self.rows("select count(*) as n from procrastinate_jobs"
                                " where status = 'doing'")
        cases = await self.rows(OPEN_SQL)
        if not (runnable and doing and cases):
            return None
        self.last = Snapshot(runnable_jobs=int(runnable[0]["n"]), doing_jobs=int(doing[0]["n"]),
                             open_cases=int(cases[0]["open"]),
                             with_agent=int(cases[0]["with_agent"]))
        return self.last

    async def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                await self._conn.close()
        self._conn = None
