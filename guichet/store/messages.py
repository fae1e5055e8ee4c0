"""The `case_messages` table: a case's conversation (citizen, agent and officers' messages).

Every statement on the table is here, each taking the caller's connection so that it joins
the caller's transaction (a demand, its message, its files, its audit event and its job go
in together). Three statements elsewhere name the table on purpose: the sweeper's test for an
unanswered message (guichet/recovery.py, inside its query on cases), the live events' join of
a message's body (guichet/case_events.py), and retention's erasure list
(guichet/retention.py), which erases a closed case's rows of every table in one place.
tests/unit/test_table_owners.py holds the list.
"""

from __future__ import annotations

from typing import Any, Literal

from guichet.db import Conn

Author = Literal["citizen", "agent", "officer"]


Row = dict[str, Any]  # id, author, channel, body, created_at (or id, body)


_COLUMNS = "id, author, channel, body, created_at"


async def add(conn: Conn, *, case_id: str, author: Author, channel: str,
              body: str) -> Row:
    """A message of the case; returns it as stored."""
    cur = await conn.execute(
        "insert into case_messages (case_id, author, channel, body) values (%s, %s, %s, %s)"
        f" returning {_COLUMNS}", (case_id, author, channel, body))
    row = await cur.fetchone()
    assert row is not None
    return dict(row)


async def of_case(conn: Conn, *, case_id: str) -> list[Row]:
    """The conversation in the order it was written."""
    cur = await conn.execute(
        f"select {_COLUMNS} from case_messages where case_id = %s order by id", (case_id,))
    return [dict(r) for r in await cur.fetchall()]


async def first_id(conn: Conn, *, case_id: str) -> int | None:
    """The case's first message (the demand that opened it)."""
    cur = await conn.execute("select min(id) as id from case_messages where case_id = %s",
                             (case_id,))
    row = await cur.fetchone()
    return None if row is None or row["id"] is None else int(row["id"])


async def body_of(conn: Conn, *, case_id: str, message_id: int) -> str | None:
    """A message's text, if it is one of this case's."""
    cur = await conn.execute("select body from case_messages where id = %s and case_id = %s",
                             (message_id, case_id))
    row = await cur.fetchone()
    return None if row is None else str(row["body"])


async def agent_said(conn: Conn, *, case_id: str, body: str) -> bool:
    """Whether the agent already wrote this text on the case (a question asked again)."""
    cur = await conn.execute(
        "select 1 from case_messages where case_id = %s and author = 'agent' and body = %s",
        (case_id, body))
    return await cur.fetchone() is not None


async def first_from_citizen(conn: Conn, *, case_id: str) -> Row | None:
    cur = await conn.execute(
        "select id, body from case_messages where case_id = %s and author = 'citizen'"
        " order by id limit 1", (case_id,))
    row = await cur.fetchone()
    return dict(row) if row else None


async def next_from_citizen(conn: Conn, *, case_id: str, after: int | None) -> Row | None:
    """The first citizen message after `after` (the last one the graph took in); with no
    `after` (threads from before that key existed), the first one not consumed."""
    if after is not None:
        cur = await conn.execute(
            "select id, body from case_messages where case_id = %s and author = 'citizen'"
            " and id > %s order by id limit 1", (case_id, after))
    else:
        cur = await conn.execute(
            "select id, body from case_messages where case_id = %s and author = 'citizen'"
            " and consumed_at is null order by id limit 1", (case_id,))
    row = await cur.fetchone()
    return dict(row) if row else None


async def consume(conn: Conn, *, message_id: int) -> None:
    """The graph has taken the message in (kept the first time)."""
    await conn.execute(
        "update case_messages set consumed_at = coalesce(consumed_at, now()) where id = %s",
        (message_id,))
