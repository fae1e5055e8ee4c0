"""Case rows: status and holder as the citizen and officers see them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from guichet import audit
from guichet.db import Pool, connection
from guichet.store import cases as case_rows
from guichet.store import messages


async def set_status(
    pool: Pool, case_id: UUID | str, *, status: str, holder: str, reason: str,
    procedures: list[str] | None = None, summary: str | None = None,
    before: list[audit.Event] | None = None, at: datetime | None = None,
) -> None:
    """Move a case; a status change leaves an audit event (repeats are no-ops).

    `before`: audit events of the same step, appended first in the same statement.
    """
    events = list(before or [])
    change = audit.Event(actor="agent", kind="status",
                         data={"status": status, "holder": holder, "reason": reason})
    async with connection(pool) as conn:
        # One statement (guichet/store/cases.py): the move and the step's events.
        found = await case_rows.set_status(
            conn, case_id=str(case_id), status=status, holder=holder, reason=reason,
            procedures=procedures, summary=summary,
            # When a wait for the citizen starts, by the service's clock (guichet/reminders.py).
            at=at or datetime.now(UTC),
            with_status=audit.payload(case_id, [*events, change]),
            without=audit.payload(case_id, events))
    if not found:
        raise LookupError(f"case {case_id} not found")


async def case_row(pool: Pool, case_id: UUID | str) -> dict[str, Any] | None:
    async with connection(pool) as conn:
        cur = await conn.execute("select * from cases where id = %s", (case_id,))
        row = await cur.fetchone()
    return dict(row) if row else None


async def taken(pool: Pool, case_id: UUID | str) -> bool:
    """Taken over by an officer, or withdrawn: the agent no longer acts on the case."""
    async with connection(pool) as conn:
        cur = await conn.execute("select taken_by, status from cases where id = %s", (case_id,))
        row = await cur.fetchone()
    return bool(row and (row["taken_by"] or row["status"] == "sans_suite"))


async def first_citizen_message(pool: Pool, case_id: str) -> dict[str, Any]:
    async with connection(pool) as conn:
        row = await messages.first_from_citizen(conn, case_id=case_id)
    if row is None:
        raise LookupError(f"case {case_id} has no message")
    return row


async def next_citizen_message(pool: Pool, case_id: str, *, after: int | None
                               ) -> dict[str, Any] | None:
    """The first citizen message the graph has not taken in yet.

    `after` is the last one the graph's state recorded; threads from before that key existed
    fall back on the consumed flag.
    """
    async with connection(pool) as conn:
        return await messages.next_from_citizen(conn, case_id=case_id, after=after)


async def consume_message(pool: Pool, message_id: int) -> None:
    async with connection(pool) as conn:
        await messages.consume(conn, message_id=message_id)


async def load_placeholders(pool: Pool, case_id: str) -> dict[str, str]:
    async with connection(pool) as conn:
        cur = await conn.execute(
            "select placeholder, value from case_placeholders where case_id = %s", (case_id,)
        )
        rows = await cur.fetchall()
    return {r["placeholder"]: r["value"] for r in rows}


async def save_placeholders(pool: Pool, case_id: str, mapping: dict[str, str]) -> None:
    if not mapping:
        return
    async with connection(pool) as conn:  # one statement for all of them
        await conn.execute(
            "insert into case_placeholders (case_id, placeholder, value)"
            " select %s, p, v from unnest(%s::text[], %s::text[]) as t(p, v)"
            " on conflict do nothing",
            (case_id, list(mapping), list(mapping.values())),
        )


async def count_failure(pool: Pool, case_id: str) -> int:
    """One more failed run of the case; returns how many in a row."""
    async with connection(pool) as conn:
        return await case_rows.count_failure(conn, case_id=case_id)


async def reset_failures(pool: Pool, case_id: str) -> None:
    async with connection(pool) as conn:
        await case_rows.reset_failures(conn, case_id=case_id)
