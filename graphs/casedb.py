"""Case rows: status and holder as the citizen and officers see them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from guichet import audit
from guichet.db import Pool, connection
from guichet.store import messages

SETTLED = {"accepte", "refuse", "sans_suite"}


# One statement: the row is moved unless an officer holds it or nothing would change (a
# step run again after a crash writes nothing, so a settled case stays as it was), and the
# step's audit events go in with the status event when the status did change.
_SET_STATUS = """
with old as (
    select status, holder, holder_reason, taken_by, procedures, summary from cases
    where id = %(id)s for update),
moved as (
    update cases c set status = %(status)s, holder = %(holder)s, holder_reason = %(reason)s,
        procedures = coalesce(%(procedures)s, c.procedures),
        summary = coalesce(%(summary)s, c.summary), updated_at = now(),
        waiting_since = case when %(holder)s <> 'citizen' then null
                             when old.holder = 'citizen' then c.waiting_since
                             else %(at)s end,
        reminded_at = case when %(holder)s = 'citizen' and old.holder = 'citizen'
                           then c.reminded_at end,
        settled_at = case when %(settled)s then coalesce(c.settled_at, now()) else null end
    from old where c.id = %(id)s and old.taken_by is null
        and ((old.status, old.holder, old.holder_reason)
                 is distinct from (%(status)s, %(holder)s, %(reason)s)
             or (%(procedures)s::text[] is not null
                 and old.procedures is distinct from %(procedures)s::text[])
             or (%(summary)s::text is not null and old.summary is distinct from %(summary)s))
    returning (old.status, old.holder, old.holder_reason)
        is distinct from (%(status)s, %(holder)s, %(reason)s) as changed)
select (select count(*) from old) as found,
    audit_append(%(id)s, case when coalesce((select changed from moved), false)
                              then %(with_status)s::jsonb else %(without)s::jsonb end) as id
"""


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
        cur = await conn.execute(_SET_STATUS, {
            "id": case_id, "status": status, "holder": holder, "reason": reason,
            "procedures": procedures, "summary": summary, "settled": status in SETTLED,
            # When a wait for the citizen starts, by the service's clock (guichet/reminders.py).
            "at": at or datetime.now(UTC),
            "with_status": audit.payload(case_id, [*events, change]),
            "without": audit.payload(case_id, events)})
        row = await cur.fetchone()
    if row is None or not row["found"]:
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
        cur = await conn.execute(
            "update cases set run_failures = run_failures + 1 where id = %s"
            " returning run_failures", (case_id,))
        row = await cur.fetchone()
    return int(row["run_failures"]) if row else 1


async def reset_failures(pool: Pool, case_id: str) -> None:
    async with connection(pool) as conn:
        await conn.execute(
            "update cases set run_failures = 0 where id = %s and run_failures <> 0", (case_id,))
