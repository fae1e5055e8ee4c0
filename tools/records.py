"""Systems of record: the connector interface and the built-in one over our own tables."""

from __future__ import annotations

import json
from typing import Any, Protocol

from guichet.db import Conn, Pool, connection

SOURCES = ("etat_civil", "contact", "caf", "dgfip", "cpam", "ants", "electoral", "france_travail")


class RecordsConnector(Protocol):
    """Reads and writes one citizen's record at one administration.

    `conn`, when given, is the transaction an effect runs in: the built-in connector writes
    in it so that the record change and the effect's idempotency row commit together.
    """

    async def get(
        self, citizen_id: str, source: str, *, conn: Conn | None = None
    ) -> dict[str, Any] | None: ...

    async def put(
        self, citizen_id: str, source: str, data: dict[str, Any], *, conn: Conn | None = None
    ) -> None: ...


class PostgresRecords:
    """The built-in connector: records kept in the project's `records` table."""

    def __init__(self, pool: Pool) -> None:
        self._pool = pool

    async def get(
        self, citizen_id: str, source: str, *, conn: Conn | None = None
    ) -> dict[str, Any] | None:
        async with connection(conn or self._pool) as c:
            cur = await c.execute(
                "select data from records where citizen_id = %s and source = %s",
                (citizen_id, source),
            )
            row = await cur.fetchone()
        return dict(row["data"]) if row else None

    async def put(
        self, citizen_id: str, source: str, data: dict[str, Any], *, conn: Conn | None = None
    ) -> None:
        async with connection(conn or self._pool) as c:
            await c.execute(
                "insert into records (citizen_id, source, data) values (%s, %s, %s::jsonb)"
                " on conflict (citizen_id, source)"
                " do update set data = excluded.data, updated_at = now()",
                (citizen_id, source, json.dumps(data, ensure_ascii=False)),
            )


class RunRecords:
    """One run's view of a citizen's records: read once, in one query, then served from memory.

    A case run reads the same few records many times (redaction, lookups, the form, the
    rules, the channel of every notice). Writes go through to the connector and drop the
    cached copy, so that a record an effect changed is read again.
    """

    def __init__(self, inner: RecordsConnector, pool: Pool) -> None:
        self._inner, self._pool = inner, pool
        self._cache: dict[tuple[str, str], dict[str, Any] | None] = {}
        self._loaded: set[str] = set()

    async def _load(self, citizen_id: str) -> None:
        if not isinstance(self._inner, PostgresRecords):
            return  # another connector: read source by source through it
        async with connection(self._pool) as c:
            cur = await c.execute("select source, data from records where citizen_id = %s",
                                  (citizen_id,))
            rows = {r["source"]: dict(r["data"]) for r in await cur.fetchall()}
        for source in SOURCES:
            self._cache.setdefault((citizen_id, source), rows.get(source))
        self._loaded.add(citizen_id)

    async def get(
        self, citizen_id: str, source: str, *, conn: Conn | None = None
    ) -> dict[str, Any] | None:
        if conn is not None:  # inside an effect's transaction: read what it will write over
            return await self._inner.get(citizen_id, source, conn=conn)
        if citizen_id not in self._loaded:
            await self._load(citizen_id)
        key = (citizen_id, source)
        if key not in self._cache:
            self._cache[key] = await self._inner.get(citizen_id, source)
        data = self._cache[key]
        # A copy: callers change what they get (an effect edits the record it then writes).
        return json.loads(json.dumps(data)) if data is not None else None

    async def put(
        self, citizen_id: str, source: str, data: dict[str, Any], *, conn: Conn | None = None
    ) -> None:
        self._cache.pop((citizen_id, source), None)
        await self._inner.put(citizen_id, source, data, conn=conn)


async def write_citizen(pool: Pool, citizen: dict[str, Any]) -> None:
    """Insert or replace one whole citizen object (catalogue.md, Record fields)."""
    cid = citizen["id"]
    async with connection(pool) as conn, conn.transaction():
        await conn.execute(
            "insert into citizens (id) values (%s) on conflict do nothing", (cid,)
        )
        await conn.execute("delete from records where citizen_id = %s", (cid,))
        for source in SOURCES:
            if citizen.get(source) is not None:
                await conn.execute(
                    "insert into records (citizen_id, source, data) values (%s, %s, %s::jsonb)",
                    (cid, source, json.dumps(citizen[source], ensure_ascii=False)),
                )


async def read_citizen(pool: Pool, citizen_id: str) -> dict[str, Any] | None:
    """The whole citizen object as stored now, or None if unknown."""
    async with connection(pool) as conn:
        cur = await conn.execute("select 1 from citizens where id = %s", (citizen_id,))
        if await cur.fetchone() is None:
            return None
        cur = await conn.execute(
            "select source, data from records where citizen_id = %s", (citizen_id,)
        )
        rows = await cur.fetchall()
    out: dict[str, Any] = {"id": citizen_id}
    out.update({r["source"]: r["data"] for r in rows})
    return out


async def seed_population(pool: Pool, population: list[dict[str, Any]]) -> int:
    """Write a whole population in one transaction; returns how many citizens."""
    async with connection(pool) as conn, conn.transaction(), conn.cursor() as cur:
        await cur.executemany(
            "insert into citizens (id) values (%s) on conflict do nothing",
            [(c["id"],) for c in population],
        )
        rows = [
            (c["id"], s, json.dumps(c[s], ensure_ascii=False))
            for c in population
            for s in SOURCES
            if c.get(s) is not None
        ]
        await cur.executemany(
            "insert into records (citizen_id, source, data) values (%s, %s, %s::jsonb)"
            " on conflict (citizen_id, source) do update set data = excluded.data",
            rows,
        )
    return len(population)


async def citizens_with_phone(pool: Pool, spellings: list[str]) -> list[str]:
    """The citizens whose contact record holds this number (any of its spellings).

    The built-in directory, over the `records` table (an index on the phone field); a
    deployment on the administrations' systems replaces it with their own directory.
    """
    async with connection(pool) as conn:
        cur = await conn.execute(
            "select citizen_id from records where source = 'contact'"
            " and data->>'phone' = any(%s) order by citizen_id", (spellings,))
        return [str(r["citizen_id"]) for r in await cur.fetchall()]
