"""The `cases` table: a case's row (status, holder, who took it, its clocks and counters).

Every write of the table is here, each taking the caller's connection so that it joins the
caller's transaction (a takeover and the lapse of its pending requests, a close and its audit
event). Conditional updates return whether they moved the row: the row is the arbiter
between two officers, two workers or a worker and the API. The one other writer is
retention's erasure list (guichet/retention.py); tests/unit/test_table_owners.py holds it.
Reads are many (listings, the inbox, statistics) and stay with their queries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from guichet.db import Conn

SETTLED = {"accepte", "refuse", "sans_suite"}
TAKEN_REASON = "pris en charge par un agent"
WITHDRAWN_REASON = "demande retirée par l'usager"

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



async def set_status(conn: Conn, *, case_id: str, status: str, holder: str, reason: str,
                     procedures: list[str] | None, summary: str | None, at: datetime,
                     with_status: Any, without: Any) -> bool:
    """The engine's move of a case, with the step's audit payloads (`with_status` when the
    status changes, else `without`); False when there is no such case."""
    cur = await conn.execute(_SET_STATUS, {
        "id": case_id, "status": status, "holder": holder, "reason": reason,
        "procedures": procedures, "summary": summary, "settled": status in SETTLED,
        "at": at, "with_status": with_status, "without": without})
    row = await cur.fetchone()
    return bool(row and row["found"])


async def insert(conn: Conn, *, case_id: str, citizen_id: str, channel: str) -> None:
    """A demand's new case, with the agent."""
    await conn.execute("insert into cases (id, citizen_id, channel) values (%s, %s, %s)",
                       (case_id, citizen_id, channel))


async def insert_proposition(conn: Conn, *, case_id: str, citizen_id: str, procedure: str,
                             reason: str) -> None:
    """An outreach case: a proposition waiting for the citizen's answer."""
    await conn.execute(
        "insert into cases (id, citizen_id, channel, status, holder, holder_reason,"
        " procedures) values (%s, %s, 'outreach', 'proposition', 'citizen', %s, %s)",
        (case_id, citizen_id, reason, [procedure]))


async def delete_unborn(conn: Conn, *, case_id: str) -> None:
    """A case inserted in the caller's transaction that must never have existed."""
    await conn.execute("delete from cases where id = %s", (case_id,))


async def take(conn: Conn, *, case_id: str, officer: str) -> None:
    await conn.execute(
        "update cases set taken_by = %s, holder = 'officer', holder_reason = %s,"
        " updated_at = now() where id = %s", (officer, TAKEN_REASON, case_id))


async def close_by_officer(conn: Conn, *, case_id: str, officer: str, status: str,
                           reason: str) -> bool:
    """Closed by the officer holding it; False when it is no longer theirs or is closed."""
    cur = await conn.execute(
        "update cases set status = %s, holder = 'officer', holder_reason = %s,"
        " updated_at = now(), settled_at = now() where id = %s and taken_by = %s"
        " and settled_at is null returning id", (status, reason, case_id, officer))
    return await cur.fetchone() is not None


async def let_go(conn: Conn, *, case_id: str, officer: str, holder: str, reason: str) -> bool:
    """The officer hands the rest of the case on (to the agent or other queues)."""
    cur = await conn.execute(
        "update cases set taken_by = null, holder = %s, holder_reason = %s,"
        " updated_at = now() where id = %s and taken_by = %s and settled_at is null"
        " returning id", (holder, reason, case_id, officer))
    return await cur.fetchone() is not None


async def withdraw(conn: Conn, *, case_id: str) -> bool:
    """Closed without decision at the citizen's request; False when already closed."""
    cur = await conn.execute(
        "update cases set status = 'sans_suite', holder = 'agent', holder_reason = %s,"
        " updated_at = now(), settled_at = now() where id = %s and settled_at is null"
        " returning status", (WITHDRAWN_REASON, case_id))
    return await cur.fetchone() is not None


async def mark_reminded(conn: Conn, *, case_id: str, at: datetime,
                        waiting_since: datetime) -> bool:
    """Of two workers, one reminds: the row moves once per wait."""
    cur = await conn.execute(
        "update cases set reminded_at = %s where id = %s and reminded_at is null"
        " and waiting_since = %s and settled_at is null returning id",
        (at, case_id, waiting_since))
    return await cur.fetchone() is not None


async def lapse(conn: Conn, *, case_id: str, reason: str) -> bool:
    """Closed for want of the citizen's answer, if it still waits for them."""
    cur = await conn.execute(
        "update cases set status = 'sans_suite', holder = 'agent', holder_reason = %s,"
        " waiting_since = null, updated_at = now(), settled_at = now()"
        " where id = %s and settled_at is null and taken_by is null and holder = 'citizen'"
        " returning id", (reason, case_id))
    return await cur.fetchone() is not None


async def hand_to_officers(conn: Conn, *, case_id: str, reason: str) -> None:
    """An open case goes to the officers' queue (an implicit decision to carry out)."""
    await conn.execute(
        "update cases set holder = 'officer', holder_reason = %s, updated_at = now()"
        " where id = %s and settled_at is null", (reason, case_id))


async def mark_swept(conn: Conn, *, case_id: str, sweeps: int) -> None:
    await conn.execute("update cases set sweeps = %s, swept_at = now() where id = %s",
                       (sweeps, case_id))


async def count_failure(conn: Conn, *, case_id: str) -> int:
    """One more failed run of the case; returns how many in a row."""
    cur = await conn.execute(
        "update cases set run_failures = run_failures + 1 where id = %s"
        " returning run_failures", (case_id,))
    row = await cur.fetchone()
    return int(row["run_failures"]) if row else 1


async def reset_failures(conn: Conn, *, case_id: str) -> None:
    await conn.execute(
        "update cases set run_failures = 0 where id = %s and run_failures <> 0", (case_id,))
