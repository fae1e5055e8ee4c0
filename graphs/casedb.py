"""Case rows: status and holder as the citizen and officers see them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from guichet import audit
from guichet.db import Pool, connection

SETTLED = {"accepte", "refuse", "sans_suite"}


async def set_status(
    pool: Pool, case_id: UUID | str, *, status: str, holder: str, reason: str,
    procedures: list[str] | None = None, summary: str | None = None,
) -> None:
    """Move a case; a status change leaves an audit event (repeats are no-ops)."""
    async with connection(pool) as conn, conn.transaction():
        cur = await conn.execute(
            "select status, holder, holder_reason, taken_by, procedures, summary from cases"
            " where id = %s for update", (case_id,),
        )
        row = await cur.fetchone()
        if row is None:
            raise LookupError(f"case {case_id} not found")
        if row["taken_by"]:
            return  # taken over: status and holder are the officer's to set now
        same = (row["status"], row["holder"], row["holder_reason"]) == (status, holder, reason)
        if same and procedures in (None, row["procedures"]) and summary in (None, row["summary"]):
            # A step run again (after a crash) writes nothing: a settled case stays as it was.
            return
        await conn.execute(
            "update cases set status = %s, holder = %s, holder_reason = %s,"
            " procedures = coalesce(%s, procedures), summary = coalesce(%s, summary),"
            " updated_at = now(),"
            " settled_at = case when %s then coalesce(settled_at, now()) else null end"
            " where id = %s",
            (status, holder, reason, procedures, summary, status in SETTLED, case_id),
        )
        if not same:
            await audit.append(conn, case_id=case_id, actor="agent", kind="status",
                               data={"status": status, "holder": holder, "reason": reason})


async def case_row(pool: Pool, case_id: UUID | str) -> dict[str, Any] | None:
    async with connection(pool) as conn:
        cur = await conn.execute("select * from cases where id = %s", (case_id,))
        row = await cur.fetchone()
    return dict(row) if row else None


async def first_citizen_message(pool: Pool, case_id: str) -> dict[str, Any]:
    async with connection(pool) as conn:
        cur = await conn.execute(
            "select id, body from case_messages where case_id = %s and author = 'citizen'"
            " order by id limit 1", (case_id,),
        )
        row = await cur.fetchone()
    if row is None:
        raise LookupError(f"case {case_id} has no message")
    return dict(row)


async def next_citizen_message(pool: Pool, case_id: str, *, after: int | None
                               ) -> dict[str, Any] | None:
    """The first citizen message the graph has not taken in yet.

    `after` is the last one the graph's state recorded; threads from before that key existed
    fall back on the consumed flag.
    """
    where = "id > %s" if after is not None else "consumed_at is null"
    async with connection(pool) as conn:
        cur = await conn.execute(
            "select id, body from case_messages where case_id = %s and author = 'citizen'"
            f" and {where} order by id limit 1",
            (case_id, after) if after is not None else (case_id,),
        )
        row = await cur.fetchone()
    return dict(row) if row else None


async def consume_message(pool: Pool, message_id: int) -> None:
    async with connection(pool) as conn:
        await conn.execute(
            "update case_messages set consumed_at = coalesce(consumed_at, now()) where id = %s",
            (message_id,),
        )


async def load_placeholders(pool: Pool, case_id: str) -> dict[str, str]:
    async with connection(pool) as conn:
        cur = await conn.execute(
            "select placeholder, value from case_placeholders where case_id = %s", (case_id,)
        )
        rows = await cur.fetchall()
    return {r["placeholder"]: r["value"] for r in rows}


async def save_placeholders(pool: Pool, case_id: str, mapping: dict[str, str]) -> None:
    async with connection(pool) as conn, conn.transaction(), conn.cursor() as cur:
        await cur.executemany(
            "insert into case_placeholders (case_id, placeholder, value) values (%s, %s, %s)"
            " on conflict do nothing",
            [(case_id, k, v) for k, v in mapping.items()],
        )


async def count_failure(pool: Pool, case_id: str) -> int:
    """One more failed run of the case; returns how many in a row."""
    async with connection(pool) as conn:
        cur = await conn.execute(
            "update cases set run_failures = run_failures + 1 where id = %s"
            " returning run_failures", (case_id,))
        row = await cur.fetchone()
    return int(row["run_failures"]) if row else 1


async def reset_failures(pool: Pool, case_id: str) -> None:
    async with connection(pool) as conn:
        await conn.execute(
            "update cases set run_failures = 0 where id = %s and run_failures <> 0", (case_id,))
